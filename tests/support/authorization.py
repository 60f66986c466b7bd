"""The cast of the authorization matrix (tests/handlers/test_authorization.py): six users of two
communes, and what a user's replies may show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import func, select

from bot.offline.fake import BotMessage, FakeUser
from bot.offline.harness import BotHarness
from storage.models import Invite, Official, ProgressReport
from tests.support.commune import World

ROLES = ["stranger", "official_a", "official_b", "leader", "admin", "deactivated"]
UNREGISTERED = {"stranger", "deactivated"}
NAMES = {
    "stranger": ("Khách", "Người Lạ"),
    "official_a": ("Lan", "Nguyễn Thị"),
    "official_b": ("Hùng", "Trần Văn"),
    "leader": ("Mây", "Phạm Thị"),
    "admin": ("Quản", "Lê Văn"),
    "deactivated": ("Nghỉ", "Đỗ Thị"),
}
USER_IDS = {role: 300 + index for index, role in enumerate(ROLES)}
NO_PERMISSION = "Không có quyền"
OTHER_TASK = "quy chế hoạt động của Trung tâm"


@dataclass
class Cast:
    world: World
    officials: dict[str, int] = field(default_factory=dict)  # role -> Official.id
    spare_a: int = 0  # an official of A the admin may deactivate
    other_org_official: int = 0
    forbidden: list[str] = field(default_factory=list)  # what unregistered users must never read


def full_name(role: str) -> str:
    first, last = NAMES[role]
    return f"{last} {first}"


def snapshot(world: World) -> tuple[int, int, list[tuple[Any, ...]]]:
    with world.db.session() as session:
        reports = session.exec(select(func.count()).select_from(ProgressReport)).one()
        invites = session.exec(select(func.count()).select_from(Invite)).one()
        officials = [
            (o.id, o.active, o.role, o.agency_id, o.organization_id, o.reminders_enabled)
            for o in session.exec(select(Official).order_by(Official.id)).all()  # type: ignore[arg-type]
        ]
    return reports, invites, officials


def visible_text(messages: list[BotMessage], answer: dict[str, Any] | None = None) -> str:
    parts: list[str] = []
    for m in messages:
        parts += [m.text, m.caption, *m.button_texts]
        if m.document is not None:
            parts.append(m.document.file_name or "")
    if answer:
        parts.append(str(answer.get("text") or ""))
    return "\n".join(parts)


def assert_nothing_leaked(cast: Cast, text: str, what: str) -> None:
    for secret in cast.forbidden:
        # Codes must match as words ("I.1" is inside "II.1"); contents and names as substrings.
        if re.fullmatch(r"[IVX]+\.\d+", secret):
            assert not re.search(rf"(?<![\w.]){re.escape(secret)}(?![\w.])", text), (what, secret, text)
        else:
            assert secret not in text, (what, secret, text)


def users(h: BotHarness) -> dict[str, FakeUser]:
    return {role: h.user(USER_IDS[role], *NAMES[role]) for role in ROLES}
