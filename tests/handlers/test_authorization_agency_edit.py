"""Authorization of /coquan and its "ae:" buttons (issue 14): only an active admin of the commune sees
its agencies or renames or merges one; a leader, an official, a deactivated admin, a stranger and the
admin of another commune get nothing of it and change nothing, with the real ids forged into every
button. Every press is re-authorised: an admin demoted between the question and Gộp / Lưu is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, func, select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks_agency import (
    AgencyEditCancel,
    AgencyMergeAsk,
    AgencyMergeDo,
    AgencyMergeTargets,
    AgencyOpenCard,
    AgencyPage,
    AgencyRenameSave,
    AgencyRenameStart,
)
from storage.db import Database
from storage.models import Agency, AuditLog, Official
from storage.models_people import TaskEdit
from tests.support.authorization import visible_text
from tests.support.builders import add_agency, add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import DTT, TTDT, VHXH, VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ADMIN, LEADER, HUNG, RETIRED, OUTSIDER, STRANGER = 500, 501, 601, 602, 900, 999
OUTSIDE_AGENCY = "Văn phòng UBND xã Thanh Hà"
SEEN = ("Cơ quan của", "Cơ quan:", "Gộp «", "Đổi tên «", "Đã gộp", "Đã đổi tên", "Xác nhận đổi tên")


@pytest.fixture
def cast(db: Database) -> dict[str, int]:
    def arrange(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        org = ids["org"]
        add_official(session, ADMIN, "Quản Trị", organization_id=org, agency_id=None, role="admin")
        add_official(session, LEADER, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader")
        add_official(session, HUNG, "Nguyễn Văn Hùng", organization_id=org, agency_id=ids[VP])
        add_official(
            session, RETIRED, "Hà Văn Nghỉ", organization_id=org, agency_id=None, role="admin", active=False
        )
        other = add_organization(session, "UBND xã Thanh Hà")
        ids["outside"] = add_agency(session, other, OUTSIDE_AGENCY)
        add_official(
            session,
            OUTSIDER,
            "Quản trị Thanh Hà",
            organization_id=other,
            agency_id=ids["outside"],
            role="admin",
        )
        return ids

    return db.call(arrange)


def _state(db: Database) -> tuple[list[tuple[int | None, str]], int, int]:
    def read(session: Session) -> tuple[list[tuple[int | None, str]], int, int]:
        agencies = [(a.id, a.name) for a in session.exec(select(Agency).order_by(col(Agency.id))).all()]
        edits = int(session.exec(select(func.count()).select_from(TaskEdit)).one())
        audits = int(
            session.exec(
                select(func.count()).select_from(AuditLog).where(col(AuditLog.action).startswith("agency_"))
            ).one()
        )
        return agencies, edits, audits

    return db.call(read)


def _forged(cast: dict[str, int]) -> list[str]:
    vp, ttdt = cast[VP], cast[TTDT]
    return [
        AgencyPage(0).data(),
        AgencyPage(1).data(),
        AgencyOpenCard(vp).data(),
        AgencyMergeTargets(vp, 0).data(),
        AgencyMergeAsk(ttdt, vp).data(),
        AgencyMergeDo(ttdt, vp).data(),
        AgencyRenameStart(vp).data(),
        AgencyRenameSave().data(),
        AgencyEditCancel().data(),
    ]


async def test_only_the_communes_admin_gets_the_list(
    cast: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        [listing] = await h.send(h.user(ADMIN, "Quản"), "/coquan")
        assert "Cơ quan của UBND xã Thanh Xá (7)" in listing.text and VP in listing.button_texts
        for user_id, first in [(LEADER, "Mây"), (HUNG, "Hùng"), (RETIRED, "Nghỉ"), (STRANGER, "Khách")]:
            shown = visible_text(await h.send(h.user(user_id, first), "/coquan"))
            assert not any(w in shown for w in SEEN) and VP not in shown, (user_id, shown)
            if user_id in (LEADER, HUNG):
                assert "Không có quyền" in shown, shown
        # the other commune's admin sees their own commune's agencies only
        [theirs] = await h.send(h.user(OUTSIDER, "Lạ"), "/coquan")
        assert "UBND xã Thanh Hà (1)" in theirs.text and theirs.button_texts == [OUTSIDE_AGENCY]
        assert VP not in theirs.text
        assert not h.errors


@pytest.mark.parametrize(
    ("user_id", "first"),
    [(LEADER, "Mây"), (HUNG, "Hùng"), (RETIRED, "Nghỉ"), (OUTSIDER, "Lạ"), (STRANGER, "Khách")],
)
async def test_forged_presses_change_nothing(
    cast: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness], user_id: int, first: str
) -> None:
    before = _state(db)
    async with harness_factory(clock_at=JUNE) as h:
        user = h.user(user_id, first)
        [anchor] = await h.send(user, "/start")
        for data in _forged(cast):
            replies = await h.press_data(user, anchor.message_id, data)
            shown = visible_text(replies, h.last_answer)
            assert not any(name in shown for name in (VP, TTDT, VHXH, DTT, "Thanh Xá")), (data, shown)
            if user_id != OUTSIDER:  # the other commune's admin may page through their own list
                assert not any(w in shown for w in SEEN), (data, shown)
        replies = await h.press_data(user, anchor.message_id, AgencyMergeDo(cast[TTDT], cast[VP]).data())
        if user_id not in (STRANGER, RETIRED):
            assert "Không có quyền" in visible_text(replies, h.last_answer)
        shown = visible_text(await h.send(user, "Tên mới của cơ quan"))
        assert "Xác nhận đổi tên" not in shown
        assert not h.errors
    assert _state(db) == before


async def test_an_admin_demoted_midway_is_refused_at_the_last_press(
    cast: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    before = _state(db)

    def set_role(role: str) -> Callable[[Session], None]:
        def change(session: Session) -> None:
            official = session.exec(select(Official).where(Official.telegram_user_id == ADMIN)).one()
            official.role = role
            session.add(official)

        return change

    async with harness_factory(clock_at=JUNE) as h:
        admin = h.user(ADMIN, "Quản")
        [anchor] = await h.send(admin, "/start")
        question = (await h.press_data(admin, anchor.message_id, AgencyMergeAsk(cast[DTT], cast[VP]).data()))[
            -1
        ]
        assert f"Gộp «{DTT}» vào «{VP}»?" in question.text
        card = (await h.press_data(admin, anchor.message_id, AgencyOpenCard(cast[VHXH]).data()))[-1]
        await h.press(admin, card, "✏️ Đổi tên")
        confirm = (await h.send(admin, "Công chức Văn hóa - Xã hội"))[-1]
        assert "Xác nhận đổi tên" in confirm.text
        h.db.call(set_role("leader"))
        refused = await h.press(admin, confirm, "Lưu")
        assert "Không có quyền" in visible_text(refused, h.last_answer)
        await h.press(admin, question, "🔀 Gộp")
        assert "Không có quyền" in str((h.last_answer or {}).get("text"))
        assert not h.errors
    assert _state(db) == before
