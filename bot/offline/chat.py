"""`planbot chat`: talk to the real bot in a terminal, offline, through the in-process fake Bot API.

Typed lines become messages; the bot's replies are printed with their buttons numbered, and typing a
number presses that button. `:file PATH` sends a file (e.g. a plan to import), `/quit` or EOF ends.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.offline.fake import BotMessage, Button, FakeTelegram, FakeUser
from bot.settings import Settings
from plans.officials import RegistrationError, register_official
from storage.db import Database
from storage.models import Role

DEFAULT_NAMES = {
    Role.official: "Nguyễn Văn An",
    Role.leader: "Trần Thị Bình",
    Role.admin: "Lê Văn Cường",
}
QUIT = {"/quit", "/exit", ":q", ":quit"}
MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}

_TAG = re.compile(r"<(/?)([a-zA-Z-]+)([^>]*)>")
_HREF = re.compile(r"""href\s*=\s*["']([^"']*)["']""")
_BOLD, _ITALIC, _UNDERLINE, _RESET = "\033[1m", "\033[3m", "\033[4m", "\033[0m"


class ChatSetupError(Exception):
    """The simulated user cannot be set up (unknown agency, …); the message says why."""


def render_html(text: str, *, color: bool = False) -> str:
    """Telegram HTML as a terminal shows it: tags dropped (or ANSI styles), links spelled out."""
    links: list[str] = []

    def tag(match: re.Match[str]) -> str:
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name == "a":
            if not closing:
                href = _HREF.search(match.group(3))
                links.append(href.group(1) if href else "")
                return ""
            url = links.pop() if links else ""
            return f" ({url})" if url else ""
        if not color:
            return ""
        if name in ("b", "strong"):
            return _RESET if closing else _BOLD
        if name in ("i", "em"):
            return _RESET if closing else _ITALIC
        if name in ("u", "ins"):
            return _RESET if closing else _UNDERLINE
        return ""

    return html.unescape(_TAG.sub(tag, text))


@dataclass
class ChatUser:
    user_id: int
    name: str
    role: str | None = None
    agency: str | None = None


def prepare_user(database: Database, user: ChatUser) -> str | None:
    """Make the simulated user an official with the role (and agency); returns a note to print."""
    if user.role is None:
        return None
    try:
        return database.call(
            register_official,
            telegram_user_id=user.user_id,
            full_name=user.name,
            role=user.role,
            agency_name=user.agency,
        )
    except RegistrationError as exc:
        raise ChatSetupError(str(exc)) from exc


class ChatPrinter:
    """Prints the bot's messages and remembers the numbered buttons of the latest turn."""

    def __init__(self, output: TextIO, *, color: bool = False) -> None:
        self.output = output
        self.color = color
        self.buttons: list[tuple[BotMessage, Button]] = []
        self._seen: set[int] = set()

    def write(self, line: str = "") -> None:
        self.output.write(line + "\n")
        self.output.flush()

    def show(self, messages: list[BotMessage]) -> None:
        numbered: list[tuple[BotMessage, Button]] = []
        for message in messages:
            edited = message.message_id in self._seen
            self._seen.add(message.message_id)
            prefix = "bot (sửa)> " if edited else "bot> "
            body = message.html if message.html is not None else message.caption_html
            text = render_html(body, color=self.color) if body is not None else ""
            if message.document is not None:
                size = message.document.file_size
                self.write(f"{prefix}📎 {message.document.file_name} ({size:,} byte)".replace(",", "."))
                prefix = "     "
            if message.photo is not None:
                self.write(f"{prefix}🖼 ảnh ({message.photo.file_size} byte)")
                prefix = "     "
            lines = text.split("\n") if text else []
            for index, line in enumerate(lines):
                self.write((prefix if index == 0 else "     ") + line)
            for row in message.buttons:
                cells = []
                for button in row:
                    numbered.append((message, button))
                    label = f"{button.text} ↗ {button.url}" if button.url else button.text
                    cells.append(f"[{len(numbered)}] {label}")
                self.write("     " + "  ".join(cells))
        if numbered:
            self.buttons = numbered


def _lines(source: Iterable[str]) -> Iterator[str]:
    for line in source:
        yield line.rstrip("\r\n")


async def chat_session(
    input_lines: Iterable[str],
    output: TextIO,
    *,
    settings: Settings,
    user: ChatUser,
    color: bool = False,
    echo: bool = True,
    timeout: float = 30.0,
    setup: Callable[[Any], None] | None = None,
    at: datetime | None = None,
) -> int:
    from bot.offline.harness import BotHarness

    printer = ChatPrinter(output, color=color)
    database = Database(settings.database_url)
    try:
        note = prepare_user(database, user)
    except ChatSetupError as exc:
        printer.write(f"planbot chat: {exc}")
        database.dispose()
        return 2
    tg = FakeTelegram()
    await tg.start()
    overrides = {
        name: getattr(settings, name)
        for name in Settings.model_fields
        if name
        not in ("telegram_bot_token", "telegram_api_base_url", "telegram_api_file_url", "database_url")
    }
    overrides.pop("admin_ids", None)
    harness = BotHarness(
        database_url=settings.database_url,
        db=database,
        tg=tg,
        admin_ids=settings.admin_ids,
        timeout=timeout,
        setup=setup,
        clock_at=at,
        **overrides,
    )
    try:
        await harness.start()
        # The whole name as the first name: Telegram shows "first last", Vietnamese names read as written.
        fake_user: FakeUser = tg.user(user.user_id, user.name)
        printer.write("planbot chat — trò chuyện với bot ngay trong terminal (không cần Telegram).")
        printer.write("Gõ tin nhắn hoặc lệnh (/start, /help…); gõ số để bấm nút; :file ĐƯỜNG_DẪN để gửi tệp;")
        printer.write("/quit để thoát.")
        if note:
            printer.write(note)
        iterator = _lines(input_lines)
        while True:
            output.write("bạn> ")
            output.flush()
            line = await asyncio.to_thread(next, iterator, None)
            if line is None:
                printer.write()
                break
            if echo:  # scripted input (a pipe, a test): show what was "typed"
                printer.write(line)
            text = line.strip()
            if not text:
                continue
            if text in QUIT:
                break
            try:
                await _handle_line(harness, printer, fake_user, text)
            except AssertionError as exc:  # the harness's bounded wait, or an unknown button
                printer.write(f"(!) {exc}")
    finally:
        await harness.close()
        await tg.stop()
        database.dispose()
    return 0


async def _handle_line(harness: object, printer: ChatPrinter, user: FakeUser, text: str) -> None:
    from bot.offline.harness import BotHarness

    assert isinstance(harness, BotHarness)
    if text.isdigit() and printer.buttons:
        number = int(text)
        if not 1 <= number <= len(printer.buttons):
            printer.write(f"(!) Không có nút số {number}.")
            return
        message, button = printer.buttons[number - 1]
        if button.callback_data is None:
            printer.write(f"(liên kết) {button.url}")
            return
        replies = await harness.press_data(user, message.message_id, button.callback_data)
        answer = harness.last_answer
        if answer and answer.get("text"):
            printer.write(f"ⓘ {answer['text']}")
        printer.show(replies)
        return
    if text.startswith(":file ") or text.startswith(":photo "):
        command, _, raw_path = text.partition(" ")
        path = Path(raw_path.strip()).expanduser()
        if not path.is_file():
            printer.write(f"(!) Không có tệp {path}")
            return
        content = path.read_bytes()
        if command == ":photo":
            printer.show(await harness.send_photo(user, content))
            return
        mime = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
        printer.show(await harness.send_document(user, path.name, content, mime))
        return
    printer.show(await harness.send(user, text))


def run_chat(
    input_lines: Iterable[str],
    output: TextIO,
    *,
    settings: Settings,
    role: str | None = None,
    agency: str | None = None,
    user_id: int = 10001,
    name: str | None = None,
    color: bool = False,
    echo: bool = True,
    timeout: float = 30.0,
    setup: Callable[[Any], None] | None = None,
    at: datetime | None = None,
) -> int:
    """Run a chat session to the end of `input_lines` (stdin, or a script in tests); returns the exit code.

    `at`: the moment the bot's clock starts at (`--at`), so that a sample shows as it was then."""
    default = DEFAULT_NAMES[Role(role)] if role else "Người dùng thử"
    user = ChatUser(user_id=user_id, name=name or default, role=role, agency=agency)
    return asyncio.run(
        chat_session(
            input_lines,
            output,
            settings=settings,
            user=user,
            color=color,
            echo=echo,
            timeout=timeout,
            setup=setup,
            at=at,
        )
    )
