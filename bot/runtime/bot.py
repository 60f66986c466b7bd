"""The Application's bot: PTB's ExtBot, except that a text message it sends or edits comes back as
its identity only (message id, chat, date).

PTB turns every answer of the Bot API into objects. For a reply that is the whole message parsed
back: its text's entities and every button of its keyboard, about a twentieth of the interpreter's
time of a busy process (BENCHMARKS.md), for a Message that no handler reads beyond its id and chat
(the progress report and the import review edit their message later by id). Messages with files
(a report's .docx, a chart) come back whole: their file ids are read.
"""

from __future__ import annotations

from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import JSONDict, ODVInput
from telegram.ext import ExtBot

# The calls whose answer is a text message planbot itself just wrote.
IDENTITY_ONLY = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
IDENTITY = ("message_id", "date", "chat")


class PlanbotBot(ExtBot[Any]):
    async def _post(
        self,
        endpoint: str,
        data: JSONDict | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> Any:
        result = await super()._post(
            endpoint,
            data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        if endpoint in IDENTITY_ONLY and isinstance(result, dict):
            return {key: result[key] for key in IDENTITY if key in result}
        return result
