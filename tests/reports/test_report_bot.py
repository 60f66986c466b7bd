"""The statistics in the bot, end to end over the fake Bot API: questions, commands, chart, report."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document

from bot.offline.harness import BotHarness
from handlers.ui.texts import STRANGER_TEXT
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

        # Issue 16: the status picture (with the overall rate) and the agencies' picture are
        # separate; the trend comes only once two periods have figures.
        photos = await h.press(admin, answer, "Biểu đồ")
        assert all(p.photo is not None and p.photo.content.startswith(b"\x89PNG\r\n\x1a\n") for p in photos)
        captions = [p.caption or "" for p in photos]
        assert len(captions) == 2, captions
        assert captions[0].startswith("Tình trạng nhiệm vụ — Quý I/2023")
        assert all("Quý I/2023" in c for c in captions)

        asked = await h.send(admin, "biểu đồ theo đơn vị quý 1 năm 2023")
        assert [m.photo is not None for m in asked] == [False, True, True]

        documents = await h.send(admin, "/baocao quý 1 năm 2023")
        assert documents[0].text == "Đang lập báo cáo Quý I/2023 (01/01–31/03)…"
        document = documents[-1].document
        assert document is not None and (document.file_name or "").endswith(".docx")
        written = Document(io.BytesIO(document.content))
        # The cover Báo cáo comes first: Quốc hiệu in its header table, the narrative with the rate.
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in written.tables[0].rows[0].cells[-1].text
        assert any("73,3%" in p.text for p in written.paragraphs)
        table = written.tables[-1]
        assert table.rows[0].cells[6].text == "Kết quả quý I/2023"
        assert "73,3%" in (documents[-1].caption or "")
        assert documents[-1].button_texts == ["📊 Excel", "📄 PDF", "📈 Biểu đồ"]

        spreadsheet = await h.send(admin, "/baocao quý 1 năm 2023 excel")
        sheet = spreadsheet[-1].document
        assert sheet is not None and (sheet.file_name or "").endswith(".xlsx")
        assert spreadsheet[-1].button_texts == ["📝 Word", "📄 PDF", "📈 Biểu đồ"]
        asked_excel = await h.send(admin, "báo cáo quý 1 năm 2023 bằng excel")
        assert ((asked_excel[-1].document and asked_excel[-1].document.file_name) or "").endswith(".xlsx")
        word = await h.press(admin, spreadsheet[-1], "Word")
        assert ((word[-1].document and word[-1].document.file_name) or "").endswith(".docx")

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
        # Issue 15: an official's /baocao is the period report; a past period is not silently swapped.
        other = await h.send(lan, "/baocao quý 1 năm 2023")
        assert [m.document for m in other] == [None]
        assert (other[0].text or "").startswith("Báo cáo (văn bản) Quý I/2023 (01/01–31/03) do lãnh đạo")
        assert "/baocaoky" in (other[0].text or "")
        stranger = h.user(3003, "Khách")
        assert [m.text for m in await h.send(stranger, "/tyle")] == [STRANGER_TEXT]
        assert not h.errors
