"""Authorization of task correction ("✏️ Sửa", the "ed:" buttons, /sua): only admins of the task's
organization see the button or get past a forged press, and nothing is written for anyone else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, func, select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks_edit import EditCancel, EditField, EditPreview, EditSave, EditStart
from storage.db import Database
from storage.models import AuditLog
from storage.models_people import TaskEdit
from tests.support.authorization import visible_text
from tests.support.builders import add_agency, add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ADMIN, LEADER, HUNG, RETIRED, OUTSIDER, STRANGER = 500, 501, 601, 602, 900, 999
TASK = "II.1.1"


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
        add_official(
            session,
            OUTSIDER,
            "Quản trị Thanh Hà",
            organization_id=other,
            agency_id=add_agency(session, other, "Văn phòng"),
            role="admin",
        )
        return ids

    return db.call(arrange)


def _written(db: Database) -> int:
    def count(session: Session) -> int:
        edits = session.exec(select(func.count()).select_from(TaskEdit)).one()
        audit = session.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "task_corrected")
        ).one()
        return int(edits) + int(audit)

    return db.call(count)


async def test_only_the_communes_admin_sees_the_button(
    cast: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        for user_id, first, expected in [
            (ADMIN, "Quản", True),
            (LEADER, "Mây", False),
            (HUNG, "Hùng", False),
        ]:
            [card] = await h.send(h.user(user_id, first), f"/tim {TASK}")
            assert f"Nhiệm vụ {TASK}" in card.text, first
            assert ("✏️ Sửa" in card.button_texts) is expected, first
        assert not h.errors


@pytest.mark.parametrize(
    ("user_id", "first"),
    [(LEADER, "Mây"), (HUNG, "Hùng"), (RETIRED, "Nghỉ"), (OUTSIDER, "Lạ"), (STRANGER, "Khách")],
)
async def test_forged_presses_and_commands_change_nothing(
    cast: dict[str, int], harness_factory: Callable[..., BotHarness], user_id: int, first: str
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        user = h.user(user_id, first)
        [anchor] = await h.send(user, "/start")
        task_id = cast[TASK]
        for data in (
            EditStart(task_id).data(),
            EditField("content").data(),
            EditField("removed").data(),
            EditField("added").data(),
            EditSave().data(),
            EditPreview("tok").data(),
            EditCancel().data(),
        ):
            replies = await h.press_data(user, anchor.message_id, data)
            shown = visible_text(replies, h.last_answer)
            assert not any(
                w in shown for w in ("Chọn mục cần sửa", "Đã sửa", "Đã xoá", "nội dung nhiệm vụ mới")
            ), data
        replies = await h.press_data(user, anchor.message_id, EditStart(task_id).data())
        if user_id not in (STRANGER, RETIRED):
            assert "Không có quyền" in visible_text(replies, h.last_answer)
        for text in ("/sua", f"/sua {TASK}", "Nội dung bị sửa"):
            shown = visible_text(await h.send(user, text))
            assert "Sửa nhiệm vụ" not in shown and "Đã ghi" not in shown, text
        assert not h.errors
    assert _written(h.db) == 0
