"""Heads of agency, end to end: an admin sets one with /truongdonvi (through the fake Bot API), the
new head then assigns the agency's tasks; `planbot official head` lists, sets and clears them.
Every change is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.cli import main
from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import AuditLog, Official
from tests.support.builders import add_official
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import VHXH, VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ADMIN, HUNG, LAN, TUAN = 400, 601, 602, 701


@pytest.fixture
def commune(db: Database) -> dict[str, int]:
    def arrange(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        org = ids["org"]
        ids["admin"] = add_official(
            session, ADMIN, "Lê Văn Quản", organization_id=org, agency_id=None, role="admin"
        )
        ids["hung"] = add_official(session, HUNG, "Nguyễn Văn Hùng", organization_id=org, agency_id=ids[VP])
        ids["lan"] = add_official(session, LAN, "Trần Thị Lan", organization_id=org, agency_id=ids[VP])
        ids["tuan"] = add_official(session, TUAN, "Lê Minh Tuấn", organization_id=org, agency_id=ids[VHXH])
        return ids

    return db.call(arrange)


def _heads(db: Database) -> set[int]:
    def read(session: Session) -> set[int]:
        return {o.id or 0 for o in session.exec(select(Official).where(Official.is_head == True))}  # noqa: E712

    return db.call(read)


def _audit(db: Database) -> list[tuple[str, object, object]]:
    def read(session: Session) -> list[tuple[str, object, object]]:
        rows = session.exec(
            select(AuditLog).where(AuditLog.action.in_(("official_head_set", "official_head_cleared")))  # type: ignore[attr-defined]
        )
        return [(r.action, r.detail["official_id"], r.detail["source"]) for r in rows]

    return db.call(read)


async def test_an_admin_sets_a_head_who_then_assigns(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        admin = h.user(ADMIN, "Quản", "Lê Văn")
        lan = h.user(LAN, "Lan", "Trần Thị")
        [card] = await h.send(lan, "/tim II.2.3")
        assert "👤 Giao việc" not in card.button_texts  # not a head yet

        [chooser] = await h.send(admin, "/truongdonvi")
        [roster] = await h.press(admin, chooser, "Văn phòng HĐND và UBND xã")
        assert roster.message_id == chooser.message_id  # edited in place
        assert roster.text.startswith("⭐ Trưởng đơn vị — Văn phòng HĐND và UBND xã\nTrưởng đơn vị: chưa có")
        assert roster.button_texts == ["▫️ Nguyễn Văn Hùng", "▫️ Trần Thị Lan"]
        [roster] = await h.press(admin, roster, "Trần Thị Lan")
        assert (h.last_answer or {}).get("text") == "Đã đặt Trần Thị Lan làm trưởng đơn vị."
        assert "Trưởng đơn vị: Trần Thị Lan" in roster.text
        assert roster.button_texts == ["⭐ Trần Thị Lan", "▫️ Nguyễn Văn Hùng"]  # heads first
        assert _heads(db) == {commune["lan"]}

        [card] = await h.send(lan, "/tim II.2.3")
        [panel] = await h.press(lan, card, "Giao việc")
        assert any("Nguyễn Văn Hùng" in b for b in panel.button_texts)
        assert not any("Lê Minh Tuấn" in b for b in panel.button_texts)  # within her own agency

        [typed] = await h.send(admin, "/truongdonvi văn hoá xã hội")  # typed: straight to the roster
        assert typed.text.startswith("⭐ Trưởng đơn vị — Văn hóa xã hội xã")
        assert typed.button_texts == ["▫️ Lê Minh Tuấn"]

        [roster] = await h.press(admin, roster, "Trần Thị Lan")  # pressed again: no longer a head
        assert (h.last_answer or {}).get("text") == "Trần Thị Lan không còn là trưởng đơn vị."
        assert _heads(db) == set()
        [card] = await h.send(lan, "/tim II.2.3")
        assert "👤 Giao việc" not in card.button_texts
        assert not h.errors
    assert _audit(db) == [
        ("official_head_set", commune["lan"], "bot"),
        ("official_head_cleared", commune["lan"], "bot"),
    ]


def test_the_command_line_lists_sets_and_clears_heads(
    commune: dict[str, int], db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["official", "head", "--agency", "van phong", "--set", "tran thi lan"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Trần Thị Lan is now a head of Văn phòng HĐND và UBND xã\n")
    assert "  ★ Trần Thị Lan\n    Nguyễn Văn Hùng\n" in out
    assert _heads(db) == {commune["lan"]}

    assert main(["official", "head"]) == 0
    listing = capsys.readouterr().out
    assert "Văn phòng HĐND và UBND xã: Trần Thị Lan\n" in listing
    assert "Văn hóa xã hội xã: (no head)\n" in listing

    assert main(["official", "head", "--agency", "van phong", "--set", "Lan"]) == 0
    assert "(unchanged)" in capsys.readouterr().out
    assert main(["official", "head", "--agency", "van phong", "--set", "an"]) == 2  # both names
    assert "official 'an' matches Trần Thị Lan, Nguyễn Văn Hùng" in capsys.readouterr().err
    assert main(["official", "head", "--agency", "van phong", "--set", "Nobody"]) == 2
    assert "official 'Nobody' matches none" in capsys.readouterr().err
    assert main(["official", "head", "--set", "Lan"]) == 2
    assert "--set/--clear need --agency" in capsys.readouterr().err

    assert main(["official", "head", "--agency", "van phong", "--clear", "Trần Thị Lan"]) == 0
    assert "Trần Thị Lan is no longer a head" in capsys.readouterr().out
    assert _heads(db) == set()
    assert _audit(db) == [
        ("official_head_set", commune["lan"], "cli"),
        ("official_head_cleared", commune["lan"], "cli"),
    ]


async def test_canbo_marks_heads_and_a_head_moved_by_an_invite_is_no_longer_one(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    from plans.invites import create_agency_invite

    def make_head(session: Session) -> None:
        lan = session.get(Official, commune["lan"])
        assert lan is not None
        lan.is_head = True
        session.add(lan)

    db.call(make_head)
    invite = db.call(create_agency_invite, admin=None, agency_id=commune[VHXH], role="official")
    async with harness_factory(clock_at=JUNE) as h:
        admin = h.user(ADMIN, "Quản", "Lê Văn")
        [listing] = await h.send(admin, "/canbo van phong")
        assert "• Trần Thị Lan — cán bộ · ⭐ trưởng đơn vị" in listing.text
        assert "• Nguyễn Văn Hùng — cán bộ\n" in listing.text + "\n"
        await h.send(h.user(LAN, "Lan", "Trần Thị"), f"/start {invite.code}")
        assert not h.errors
    assert _heads(db) == set()  # she now works for Văn hóa xã hội, which did not make her its head
