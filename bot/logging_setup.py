"""Logging configuration; the bot token never reaches the logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# Anything shaped like a bot token: httpx logs full request URLs, tracebacks quote them.
_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<token>")
    return _TOKEN.sub("<token>", text)


class RedactingFormatter(logging.Formatter):
    """Formats the whole record (message, arguments and traceback), then hides tokens."""

    def __init__(self, fmt: str | None = None, *, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


class RedactTokenFilter(logging.Filter):
    """Hide tokens in the message of records handled elsewhere (kept for handlers we do not format)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN.search(message):
            record.msg = _TOKEN.sub("<token>", message)
            record.args = None
        return True


def add_secrets(secrets: Iterable[str]) -> None:
    """Hide these too from now on (a bot registered while the process runs, its webhook secret)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler.formatter, RedactingFormatter):
            handler.formatter.secrets.extend(s for s in secrets if s and s not in handler.formatter.secrets)


def setup_logging(level: str = "INFO", *, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets=secrets)
    )
    handler.addFilter(RedactTokenFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every getUpdates poll at INFO: too chatty for operators.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations run on every command
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
