"""Bot API requests over aiohttp's client, sent as a JSON body.

python-telegram-bot's HTTPXRequest goes through httpcore's connection pool, which walks every pooled
connection (and asks each socket whether it is readable) for every request queued or finished.
With the 16 updates planbot handles at once, that bookkeeping cost more CPU than the rest of sending
a reply: about 1 ms per update of the conversation benchmark (BENCHMARKS.md). aiohttp, already the
stack's HTTP server, has a client whose connector keeps idle connections in a queue. PTB lets an
application bring its own networking backend (`BaseRequest`); PTB still builds each call's payload,
reads the answer and raises its errors (RetryAfter, Forbidden, …) from the status code and body.

The body is a JSON object, not PTB's urlencoded form: the standard library percent-encodes every
byte outside ASCII in Python, and Vietnamese text is mostly such bytes. PTB builds that payload
itself (`RequestData.json_payload`, each non-string value JSON-encoded, exactly what the form would
carry) and the Bot API server reads a JSON string value as it reads a form field. Calls with files
go as multipart forms, as PTB sends them.

Timeouts keep PTB's meaning: connect (with the wait for a free pooled connection, PTB's "pool"
timeout), then read for each wait on the answer; an upload is bounded as a whole by the sum of all
four (aiohttp has no timeout for writing alone). A timeout is TimedOut and any other failure of the
connection NetworkError, the types PTB's retries, the rate limiter and the sender rely on.

A proxy from the environment (HTTPS_PROXY, NO_PROXY, credentials in ~/.netrc) is honoured as httpx
honoured it, but looked up once per host: aiohttp's `trust_env` looks it up for every request, in a
thread (it may read ~/.netrc), which cost a hop to the default executor per Bot API call.
"""

from __future__ import annotations

import asyncio
import os
import ssl
from typing import Any

import aiohttp
import certifi
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from yarl import URL

JSON_HEADERS = {"Content-Type": "application/json"}
Proxy = tuple[URL | None, aiohttp.BasicAuth | None]


def _chosen(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(*parts: float | None) -> float | None:
    """None (no limit) when any part has none."""
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


class AiohttpRequest(BaseRequest):
    """PTB's networking backend over one aiohttp ClientSession (PTB's default timeouts)."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str | None], Proxy] = {}  # (scheme, host) → its proxy

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=_tls_context()),
                headers={"User-Agent": HTTPXRequest.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

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
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = _chosen(read_timeout, self._read_timeout)
        connect = _sum(
            _chosen(pool_timeout, self._pool_timeout), _chosen(connect_timeout, self._connect_timeout)
        )
        write = _chosen(write_timeout, self._media_write_timeout if files else self._write_timeout)
        timeout = aiohttp.ClientTimeout(
            total=_sum(connect, write, read) if files else None, connect=connect, sock_read=read
        )
        kwargs: dict[str, Any] = {}
        if request_data is not None and files:
            kwargs["data"] = _form(request_data)
        elif request_data is not None:
            kwargs["data"], kwargs["headers"] = request_data.json_payload, JSON_HEADERS
        kwargs["proxy"], kwargs["proxy_auth"] = await self._proxy_for(url)
        try:
            async with session.request(method, url, timeout=timeout, **kwargs) as response:
                return response.status, await response.read()
        except TimeoutError as err:  # aiohttp's timeouts subclass it (ServerTimeoutError, …)
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err

    async def _proxy_for(self, url: str) -> Proxy:
        target = URL(url)
        key = (target.scheme, target.host)
        found = self._proxies.get(key)
        if found is None:
            found = self._proxies[key] = await asyncio.to_thread(_environment_proxy, target)
        return found


def _environment_proxy(url: URL) -> Proxy:
    """The proxy the environment names for the URL (HTTPS_PROXY, NO_PROXY, ~/.netrc), as aiohttp's
    trust_env finds it; (None, None) for none."""
    try:
        return aiohttp.helpers.get_env_proxy_for_url(url)
    except LookupError:
        return None, None


def _tls_context() -> ssl.SSLContext:
    """Telegram's certificate checked against certifi's CA bundle (or SSL_CERT_FILE), as httpx did:
    a slim server image may have no system CA store at all."""
    return ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE") or certifi.where())


def _form(request_data: RequestData) -> aiohttp.FormData:
    """The parameters and files of a call with files, as the multipart form PTB would send."""
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename or name, content_type=mime_type)
    return form
