"""Plain records of the fake Bot API: users, the bot's messages as a user sees them, recorded calls."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


class TelegramError(Exception):
    """An error answer of the Bot API: {"ok": false, "error_code": code, "description": ...}."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str = "vi"

    @property
    def chat_id(self) -> int:
        return self.id  # a private chat has the user's id

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data

    def chat_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class FakeGroup(FakeUser):
    """A group chat (a negative id, like Telegram's supergroups); `first_name` holds its title.
    Registered with the users, so the bot's sends to it are found like a private chat's."""

    @property
    def title(self) -> str:
        return self.first_name

    def chat_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": "supergroup", "title": self.first_name}


@dataclass
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None
    web_app_url: str | None = None  # a Telegram Web App button (InlineKeyboardButton(web_app=...))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.callback_data is not None:
            data["callback_data"] = self.callback_data
        if self.url is not None:
            data["url"] = self.url
        if self.web_app_url is not None:
            data["web_app"] = {"url": self.web_app_url}
        return data


@dataclass
class FakeFile:
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    content: bytes
    file_size: int
    file_path: str = ""


@dataclass
class Revision:
    """A message as it was before an edit."""

    text: str
    html: str | None
    caption: str
    buttons: list[list[Button]]


@dataclass
class BotMessage:
    """A message the bot sent, with edits applied in place.

    `text`/`caption` are what the user reads (HTML tags removed, entities decoded; "" when absent);
    `html` and `caption_html` are exactly what the bot sent (None when absent).
    """

    message_id: int
    chat_id: int
    text: str = ""
    html: str | None = None
    caption: str = ""
    caption_html: str | None = None
    parse_mode: str | None = None
    buttons: list[list[Button]] = field(default_factory=list)
    document: FakeFile | None = None
    photo: FakeFile | None = None
    history: list[Revision] = field(default_factory=list)
    deleted: bool = False
    date: float = field(default_factory=time.time)

    @property
    def edited(self) -> bool:
        return bool(self.history)

    @property
    def button_texts(self) -> list[str]:
        return [b.text for row in self.buttons for b in row]

    @property
    def all_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]

    def button(self, text: str) -> Button:
        """The button with exactly this text, else the only one containing it."""
        buttons = self.all_buttons
        for candidate in buttons:
            if candidate.text == text:
                return candidate
        matches = [b for b in buttons if text in b.text]
        if not matches:
            matches = [b for b in buttons if text.casefold() in b.text.casefold()]
        if not matches:
            raise AssertionError(
                f"no button {text!r} on message {self.message_id}; buttons: {self.button_texts}"
            )
        return matches[0]

    def revision(self) -> Revision:
        return Revision(self.text, self.html, self.caption, [list(row) for row in self.buttons])

    @property
    def body(self) -> str:
        """Text or caption, whichever the message has ("" for neither)."""
        return self.text or self.caption or ""


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    files: dict[str, FakeFile]
    time: float
    result: Any = None
    error: str | None = None
    content_type: str = ""  # how the body came: application/json, multipart/form-data, …


@dataclass
class Fault:
    kind: str
    retry_after: int = 1
