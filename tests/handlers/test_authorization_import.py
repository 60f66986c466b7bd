"""Authorization of the import preview's new buttons ("ic:" columns, agencies, groups; "nr:" narrative
report): an official, a leader, a stranger and a deactivated official pressing an admin's buttons
(the admin's own data, replayed on their own chat) are refused and change nothing; every button's
data stays within Telegram's 64 bytes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from bot.offline.harness import BotHarness
from handlers.import_texts import STALE_TEXT
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import Agency, AgencyAlias, AgencyGroupMember, IndicatorValue, Plan
from tests.support.builders import add_agency, add_official, add_organization
from tests.support.documents.builders import build_docx
from tests.support.documents.model import PlanDoc

SEED = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "seeds"
    / "khuc-thua-du-2025-11-monthly-report.txt"
)
ADMIN, OFFICIAL, LEADER, RETIRED, STRANGER = 1, 401, 402, 403, 499
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODD = PlanDoc(
    name="odd",
    columns=["TT", "Việc cần làm", "Người phụ trách", "Hạn chót"],
    header_table=[["ỦY BAN NHÂN DÂN\nXÃ THANH XÁ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]],
    before=["KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2026"],
    rows=[["1", "Rà soát thủ tục hành chính", "Văn phòng HĐND và UBND xã", "Quý III/2026"]],
)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared/seeds are not beside the repository")


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


@pytest.fixture
def commune(db: Database) -> None:
    def arrange(session: Session) -> None:
        org = add_organization(session, "UBND xã Thanh Xá")
        office = add_agency(session, org, "Văn phòng HĐND và UBND xã")
        add_official(session, OFFICIAL, "Nguyễn Thị Lan", organization_id=org, agency_id=office)
        add_official(session, LEADER, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader")
        add_official(session, RETIRED, "Đỗ Thị Nghỉ", organization_id=org, agency_id=office, active=False)

    db.call(arrange)


def state(db: Database) -> tuple[int, ...]:
    with Session(db.engine) as session:
        return tuple(
            int(session.exec(select(func.count()).select_from(model)).one())
            for model in (Plan, Agency, AgencyAlias, AgencyGroupMember, IndicatorValue)
        )


async def test_others_cannot_press_the_admins_import_buttons(
    commune: None, db: Database, tmp_path: Path, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Quản", "Lê Văn")
        data: list[str] = []
        for name, content, mime in [
            (SEED.name, SEED.read_bytes(), "text/plain"),
            ("odd.docx", build_docx(ODD, tmp_path / "odd.docx").read_bytes(), DOCX),
            ("thanh-xa.docx", SAMPLE_PLAN.read_bytes(), DOCX),
        ]:
            for message in await h.send_document(admin, name, content, mime):
                data += [b.callback_data for b in message.all_buttons if b.callback_data]
        review = [d for d in data if d.startswith(("ic:a:", "ic:g:"))]
        assert review, data  # the Thanh Xá import asks about its agencies and groups
        for message in h.messages(admin):
            if message.button_texts and message.text.startswith("Trước khi lưu"):
                for label in message.button_texts:
                    data += [
                        b.callback_data
                        for b in (await h.press(admin, message, label))[-1].all_buttons
                        if b.callback_data
                    ]
        assert {d.split(":")[0] + ":" + d.split(":")[1] for d in data} >= {
            "nr:d",
            "ic:c",
            "ic:a",
            "ic:m",
            "ic:g",
            "ic:t",
        }
        assert all(len(d.encode()) <= 64 for d in data)
        before = state(db)

        for user_id, first in [(OFFICIAL, "Lan"), (LEADER, "Mây"), (RETIRED, "Nghỉ"), (STRANGER, "Khách")]:
            user = h.user(user_id, first)
            own = (await h.send(user, "/start"))[-1]
            for pressed in data:
                await h.press_data(user, own.message_id, pressed)
                answer = str((h.last_answer or {}).get("text"))
                assert NO_PERMISSION_TEXT in answer or STALE_TEXT in answer, (user_id, pressed, answer)
        assert state(db) == before
        assert not h.errors
