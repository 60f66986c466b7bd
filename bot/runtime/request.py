"""Bot API requests sent as a JSON body instead of a urlencoded form.

python-telegram-bot's HTTPXRequest posts every call as `application/x-www-form-urlencoded`. The
standard library percent-encodes every byte outside ASCII in Python, and Vietnamese text is mostly
such bytes: encoding one reply with its buttons cost more CPU than the rest of sending it
(BENCHMARKS.md). The Bot API accepts the same parameters as a JSON object: PTB builds that payload
itself (`RequestData.json_payload`, the parameters with each non-string value JSON-encoded, exactly
the values the form would carry), and the Bot API server reads a JSON string value as it reads a form
field. Calls with files are still sent as multipart forms, as PTB sends them.
"""

from __future__ import annotations

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

JSON_HEADERS = {"User-Agent": HTTPXRequest.USER_AGENT, "Content-Type": "application/json"}


class JsonHTTPXRequest(HTTPXRequest):
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        if self._client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        defaults = self._client.timeout
        timeout = httpx.Timeout(
            connect=defaults.connect if isinstance(connect_timeout, DefaultValue) else connect_timeout,
            read=defaults.read if isinstance(read_timeout, DefaultValue) else read_timeout,
            write=defaults.write if isinstance(write_timeout, DefaultValue) else write_timeout,
            pool=defaults.pool if isinstance(pool_timeout, DefaultValue) else pool_timeout,
        )
        # The same errors as HTTPXRequest raises, so retries and the rate limiter see no difference.
        try:
            res = await self._client.request(
                method=method,
                url=url,
                headers=JSON_HEADERS,
                timeout=timeout,
                content=request_data.json_payload,
            )
        except httpx.TimeoutException as err:
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut(
                    message="Pool timeout: all connections in the connection pool are occupied; "
                    "the request was not sent to Telegram."
                ) from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return res.status_code, res.content
