"""The statistics in the bot, end to end over the fake Bot API: questions, commands, chart, report."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document

from bot.offline.harness import BotHarness
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from storage.models import Official

ADMIN = 1001
OFFICIAL = 2002
VHXH = "Văn hóa xã hội xã"


async def test_leader_question_button_chart_and_report(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        replies = await h.send(admin, "ty le hoan thanh quy 1 nam 2023?")
        assert len(replies) == 1
        answer = replies[0]
        assert answer.text is not None
        assert answer.text.startswith("Quý I/2023 (01/01–31/03), toàn xã:")
        assert "(đã và đang thực hiện): 73,3% (22/30 nhiệm vụ)" in answer.text
        assert answer.button_texts == ["📊 Biểu đồ"]
        assert answer.all_buttons[0].callback_data == "st:ch:2023-Q1:0"

        photos = await h.press(admin, answer, "Biểu đồ")
        assert len(photos) == 1 and photos[0].photo is not None
        assert photos[0].photo.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert "Quý I/2023" in (photos[0].caption or "")

        asked = await h.send(admin, "biểu đồ theo đơn vị quý 1 năm 2023")
        assert [m.photo is not None for m in asked] == [False, True]

        documents = await h.send(admin, "/baocao quý 1 năm 2023")
        assert documents[0].text == "Đang lập phụ lục báo cáo Quý I/2023 (01/01–31/03)…"
        document = documents[-1].document
        assert document is not None and (document.file_name or "").endswith(".docx")
        table = Document(io.BytesIO(document.content)).tables[0]
        assert table.rows[0].cells[6].text == "Kết quả quý I/2023"
        assert "Tỷ lệ hoàn thành kế hoạch: 73,3%" in (documents[-1].caption or "")

        tyle = await h.send(admin, "/tyle 2023-Q1")
        assert "73,3%" in (tyle[0].text or "")
        bad = await h.send(admin, "/tyle quý 9")
        assert (bad[0].text or "").startswith("Không hiểu kỳ «quý 9»")
        donvi = await h.send(admin, "/donvi quý 1 năm 2023")
        assert f"1. {VHXH}: 50,0% (3/6)" in (donvi[0].text or "")
        quahan = await h.send(admin, "/quahan năm 2023")
        assert "Năm 2023 (01/01–31/12), toàn xã:" in (quahan[0].text or "")
        assert not h.errors


async def test_official_is_limited_to_their_agency_even_with_a_forged_button(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    def add_official(session: object) -> None:
        from sqlmodel import Session

        assert isinstance(session, Session)
        session.add(
            Official(
                telegram_user_id=OFFICIAL,
                chat_id=OFFICIAL,
                full_name="Lan",
                organization_id=thanh_xa["org"],
                agency_id=thanh_xa[VHXH],
                role="official",
            )
        )

    async with harness_factory() as h:
        h.db.call(add_official)
        lan = h.user(OFFICIAL, "Lan")
        replies = await h.send(lan, "tỷ lệ hoàn thành quý 1 năm 2023")
        # Issue 13: an official's own figures are the tasks their agency leads, the
        # same count /donvi shows for it (3/6); coordinating tasks are listed on request.
        assert (replies[0].text or "").startswith(f"Quý I/2023 (01/01–31/03), {VHXH} (chủ trì):")
        photos = await h.press_data(
            lan, replies[0].message_id, f"st:ch:2023-Q1:{thanh_xa['Văn phòng HĐND và UBND xã']}"
        )
        assert photos[-1].photo is not None
        assert VHXH in (photos[-1].caption or "")
        refused = await h.send(lan, "/baocao quý 1 năm 2023")
        assert [m.text for m in refused] == [NO_PERMISSION_TEXT]
        stranger = h.user(3003, "Khách")
        assert [m.text for m in await h.send(stranger, "/tyle")] == [STRANGER_TEXT]
        assert not h.errors
