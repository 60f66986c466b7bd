"""The files of pending plan imports: kept in a temp folder by the import's token until Lưu or Huỷ
(re-downloaded by file_id when gone: a restart, another host); old ones are swept."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from handlers.context import PlanbotContext
from handlers.import_texts import DOWNLOAD_FAILED_TEXT
from handlers.ui.replies import esc, reply
from plans.parsing.importer import SUPPORTED
from storage.text import nfc

logger = logging.getLogger(__name__)

STALE_FILES = 2 * 24 * 3600  # temp files of imports never confirmed are removed after two days

ACCEPTED = (*SUPPORTED, ".doc", ".xls")  # old Office files get the importer's own explanation

MIME_EXT = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
}


def pending_dir() -> Path:
    return Path(tempfile.gettempdir()) / "planbot-imports"


def pending_path(token: str, file_name: str) -> Path:
    return pending_dir() / f"{token}{Path(file_name).suffix.lower()[:8]}"


def save_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    cutoff = time.time() - STALE_FILES
    for old in path.parent.iterdir():
        with contextlib.suppress(OSError):
            if old.is_file() and old.stat().st_mtime < cutoff:
                old.unlink()


def remove_file(path_text: object) -> None:
    if isinstance(path_text, str) and path_text:
        with contextlib.suppress(OSError):
            Path(path_text).unlink(missing_ok=True)


def read_bytes(path_text: object) -> bytes | None:
    if not isinstance(path_text, str) or not path_text:
        return None
    try:
        return Path(path_text).read_bytes()
    except OSError:
        return None


def file_name_of(name: str | None, mime_type: str | None) -> str:
    if name:
        return nfc(name)
    return "ke-hoach" + MIME_EXT.get(mime_type or "", "")


async def download(context: PlanbotContext, file_id: str) -> bytes:
    telegram_file = await context.bot.get_file(file_id)
    return bytes(await telegram_file.download_as_bytearray())


async def keep_pending(context: PlanbotContext, key: str, file_name: str, data: bytes) -> tuple[str, str]:
    """A fresh token and the temp file now holding `data` ("" when it cannot be kept: it is downloaded
    again on Lưu); the import of this kind (user_data[key]) not yet confirmed gives way to this one."""
    token = secrets.token_urlsafe(9)
    path = pending_path(token, file_name)
    try:
        await asyncio.to_thread(save_bytes, path, data)
        path_text = str(path)
    except OSError:
        logger.warning("cannot keep %s in %s; it will be downloaded again on Lưu", file_name, path)
        path_text = ""
    previous = (context.user_data or {}).get(key)
    if isinstance(previous, dict):
        remove_file(previous.get("path"))
    return token, path_text


async def pending_bytes(update: Update, context: PlanbotContext, pending: dict[str, Any]) -> bytes | None:
    """The pending import's file: the temp copy, else downloaded again by file_id (a restart, another
    host); None, with the user told, when Telegram cannot give it."""
    data = await asyncio.to_thread(read_bytes, pending.get("path"))
    if data is not None:
        return data
    try:
        return await download(context, str(pending.get("file_id") or ""))
    except TelegramError as exc:
        logger.warning("re-download of %s failed: %s", pending.get("file_name"), exc)
        await reply(update, esc(DOWNLOAD_FAILED_TEXT))
        return None


def own_pending(context: PlanbotContext, key: str, token: str, user_id: int | None) -> dict[str, Any] | None:
    """The import of this kind waiting in user_data[key], when the button's token is its token and
    the presser is who sent the file; None for a stale, forged or someone else's button."""
    pending = (context.user_data or {}).get(key)
    if (
        not isinstance(pending, dict)
        or not token
        or not secrets.compare_digest(str(pending.get("token", "")), token)
        or pending.get("user_id") != user_id
    ):
        return None
    return pending
