"""Report files and charts in the chat, over the fake Bot API: handlers/report_files.py's
send_report and send_charts (handlers/stats.py calls them; here a test command does), the buttons
under a report (Excel, PDF, Biểu đồ), PDF without LibreOffice, and the commune's own template."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx import Document
from openpyxl import load_workbook
from telegram import Update
from telegram.ext import CommandHandler

from bot.offline.harness import BotHarness
from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.report_files import send_charts, send_report, split_format
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.periods import parse_period_code
from reports.outputs.pdf import find_soffice
from storage.models import Official
from tests.support.report_docs import paragraphs

ADMIN = 1001
OFFICIAL = 2002
VHXH = "Văn hóa xã hội xã"


async def _test_report(update: Update, context: PlanbotContext) -> None:
    """What /baocao does once handlers/stats.py calls send_report: "/thu 2023-Q1 excel"."""
    official = await require_official(update, context)
    if official is None:
        return
    words, fmt = split_format(" ".join(context.args or []))
    await send_report(update, context, official, parse_period_code(words), fmt or "docx")


async def _test_charts(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    code, *agency = context.args or ["2023-Q1"]
    await send_charts(update, context, official, parse_period_code(code), int(agency[0]) if agency else None)


def _commands(application: Any) -> None:
    """The test commands first in group 0, before the fallback's "unknown command"."""
    for handler in (CommandHandler("thubieudo", _test_charts), CommandHandler("thu", _test_report)):
        application.add_handler(handler)
        application.handlers[0].remove(handler)
        application.handlers[0].insert(0, handler)


def test_split_format() -> None:
    assert split_format("quý 1 năm 2023 excel") == ("quý 1 năm 2023", "xlsx")
    assert split_format("2023-Q1 PDF.") == ("2023-Q1", "pdf")
    assert split_format("quý này") == ("quý này", None)
    assert split_format("word quý 2") == ("quý 2", "docx")


async def test_report_in_three_formats_with_buttons_and_charts(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    async with harness_factory(
        admin_ids=[ADMIN], setup=_commands, timeout=120
    ) as h:  # PDF: LibreOffice cold start
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        sent = await h.send(admin, "/thu 2023-Q1")
        report = sent[-1]
        assert (
            report.document is not None and report.document.file_name == "bao-cao-quy-i-2023-xa-thanh-xa.docx"
        )
        assert report.caption.startswith("Kết quả quý I/2023: Tổng số nội dung công việc: 30")
        assert "Tỷ lệ hoàn thành kế hoạch: 73,3%" in report.caption
        assert report.button_texts == ["📊 Excel", "📄 PDF", "📈 Biểu đồ"]
        text = paragraphs(Document(io.BytesIO(report.document.content)))
        assert "BÁO CÁO" in text and "Phụ lục" in text and "Nơi nhận:" not in text  # (Nơi nhận is in a table)

        excel = (await h.press(admin, report, "Excel"))[-1]
        assert excel.document is not None and (excel.document.file_name or "").endswith(".xlsx")
        sheet = load_workbook(io.BytesIO(excel.document.content)).active
        assert sheet is not None and sheet.print_title_rows == "$5:$5"
        assert excel.button_texts == ["📝 Word", "📄 PDF", "📈 Biểu đồ"]

        pdf = (await h.press(admin, report, "PDF"))[-1]
        if find_soffice() is None:
            assert pdf.text.startswith("Máy chủ chưa cài LibreOffice") and "apt-get install" in pdf.text
        else:
            assert pdf.document is not None and pdf.document.content.startswith(b"%PDF")

        pictures = await h.press(admin, report, "Biểu đồ")
        assert [p.photo is not None for p in pictures] == [True, True]  # status, by agency (one period only)
        assert pictures[0].caption.startswith("Tình trạng nhiệm vụ — Quý I/2023 (01/01–31/03), toàn xã")
        assert pictures[1].caption.startswith("Hoàn thành theo cơ quan chủ trì")
        agency = await h.send(admin, f"/thubieudo 2023-Q1 {thanh_xa[VHXH]}")
        assert [p.caption.split(" — ")[0] for p in agency] == ["Tình trạng nhiệm vụ"]
        assert f"{VHXH} (chủ trì)" in agency[0].caption
        assert not h.errors


async def test_pdf_without_libreoffice_says_how_to_install_it(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    async with harness_factory(
        admin_ids=[ADMIN], setup=_commands, PLANBOT_SOFFICE="/nonexistent/soffice"
    ) as h:
        admin = h.user(ADMIN, "Mây")
        replies = await h.send(admin, "/thu 2023-Q1 pdf")
        assert replies[-1].text.startswith("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF.")
        assert "libreoffice-writer-nogui" in replies[-1].text
        assert replies[-1].button_texts == ["📝 Word", "📊 Excel", "📈 Biểu đồ"]


async def test_officials_get_no_report_even_with_a_forged_button(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    def add_official(session: Any) -> None:
        session.add(
            Official(
                telegram_user_id=OFFICIAL,
                chat_id=OFFICIAL,
                full_name="Lan",
                organization_id=thanh_xa["org"],
                agency_id=thanh_xa[VHXH],
            )
        )

    async with harness_factory(setup=_commands) as h:
        h.db.call(add_official)
        lan = h.user(OFFICIAL, "Lan")
        refused = await h.send(lan, "/thu 2023-Q1")
        assert refused[-1].text == "Chỉ lãnh đạo và quản trị viên được lập báo cáo của xã/phường."
        forged = await h.press_data(lan, refused[-1].message_id, "rf:f:2023-Q1:xlsx")
        assert forged[-1].text == "Chỉ lãnh đạo và quản trị viên được lập báo cáo của xã/phường."
        own = await h.press_data(lan, refused[-1].message_id, f"rf:c:2023-Q1:{thanh_xa['org'] + 100}")
        assert own[0].photo is not None and f"{VHXH} (chủ trì, phối hợp)" in own[0].caption
        assert not h.errors


def _docx(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def test_the_communes_template_checked_on_arrival(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    async with harness_factory(admin_ids=[ADMIN], setup=_commands) as h:
        admin = h.user(ADMIN, "Mây")
        bad = _docx("{{ trich_yeu }}", "Số: {{ so_bao_cao }}")
        refused = await h.send_document(admin, "mau-sai.docx", bad, DOCX, caption="Mẫu báo cáo")
        assert len(refused) == 1 and "Mẫu có trường không biết: {{ so_bao_cao }}" in refused[0].text

        guide = await h.send(admin, "/maubaocao")
        assert guide[0].text.startswith("Mẫu báo cáo của xã/phường") and "trich_yeu" in guide[0].text
        assert guide[-1].document is not None and guide[-1].document.file_name == "mau-bao-cao.docx"
        good = _docx("Kính gửi UBND thành phố", "{{ trich_yeu }}", "Tỷ lệ: {{ ty_le }}")
        kept = await h.send_document(admin, "mẫu xã Thanh Xá.docx", good, DOCX)
        assert kept[-1].text.startswith("Đã nhận mẫu báo cáo «mẫu xã Thanh Xá.docx» (2 trường).")
        report = (await h.send(admin, "/thu 2023-Q1"))[-1]
        assert report.document is not None
        text = paragraphs(Document(io.BytesIO(report.document.content)))
        assert text[:3][0] == "Kính gửi UBND thành phố" and "Tỷ lệ: 73,3%" in text and "Phụ lục" in text

        plan = await h.send_document(
            admin, "ke-hoach.docx", _docx("Kế hoạch"), DOCX
        )  # no caption: a plan import
        assert "mẫu" not in plan[-1].text.lower()
        reset = await h.send(admin, "/maubaocao macdinh")
        assert reset[-1].text == "Đã dùng lại mẫu báo cáo mặc định."
        assert not h.errors


async def test_only_admins_change_the_template(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    def add_leader(session: Any) -> None:
        session.add(
            Official(
                telegram_user_id=3003,
                chat_id=3003,
                full_name="Hùng",
                organization_id=thanh_xa["org"],
                role="leader",
            )
        )

    async with harness_factory() as h:
        h.db.call(add_leader)
        leader = h.user(3003, "Hùng")
        replies = await h.send_document(
            leader, "mau.docx", _docx("{{ trich_yeu }}"), DOCX, caption="mau bao cao"
        )
        assert [m.text for m in replies] == [NO_PERMISSION_TEXT]
        assert [m.text for m in await h.send(leader, "/maubaocao")] == [NO_PERMISSION_TEXT]
