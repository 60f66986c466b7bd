"""The whole written report (Báo cáo + Phụ lục in one .docx), read back: every part Nghị định
30/2020 asks for, the narrative's figures and reasons, the Word settings, and the templates."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from sqlmodel import Session

from plans.periods import PeriodPolicy, quarter
from reports.documents import report_source, upload_template
from reports.outputs.default_template import build_default_template
from reports.outputs.document import render_document
from reports.outputs.report_data import build_report
from reports.outputs.style import ReportStyle
from reports.outputs.templates import DEFAULT_TEMPLATE, TemplateError, check_template
from storage.db import Database
from storage.models import Explanation, IndicatorValue, Official, Task
from tests.support.report_docs import cell_lines, open_docx, paragraphs, plain, row_flags, rows, xml_part

Q1 = quarter(2023, 1)
TODAY = date(2023, 4, 14)
SIGNED = ReportStyle(signer_name="Nguyễn Văn Hùng")


def _report(db: Database, org: int, style: ReportStyle = SIGNED, template: bytes | None = None) -> bytes:
    data = db.call(build_report, organization_id=org, period=Q1, today=TODAY, policy=PeriodPolicy())
    return render_document(data, style, template)


def test_the_cover_has_every_part_of_a_bao_cao(db: Database, thanh_xa: dict[str, int]) -> None:
    content = _report(db, thanh_xa["org"])
    document = open_docx(content)
    head = document.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "XÃ THANH XÁ"]  # the issuing body, top left
    assert cell_lines(head.cell(0, 1)) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    number = head.cell(1, 0).text
    assert re.fullmatch(r"Số:\u00a0{4,}/BC-UBND", number)  # the number left blank for the văn thư
    assert re.fullmatch(r"Thanh Xá, ngày\u00a0{4,}tháng\u00a0{4,}năm 2023", head.cell(1, 1).text)
    assert all(r.font.italic for r in head.cell(1, 1).paragraphs[0].runs)
    text = paragraphs(document)
    at = text.index("BÁO CÁO")
    assert text[at + 1] == (
        "Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông "
        "trên địa bàn xã Thanh Xá quý I năm 2023"
    )
    assert text[at + 2].startswith("Thực hiện Kế hoạch số 25/KH-UBND ngày 09/03/2023 của UBND xã Thanh Xá về")
    assert "- Kế hoạch có 4 mục với 14 nội dung và 30 nhiệm vụ;" in text
    assert (
        "- Trong quý I năm 2023, các cơ quan, đơn vị đã và đang thực hiện 22 nhiệm vụ "
        "(đã thực hiện 13, đang thực hiện 9); chưa thực hiện 8 nhiệm vụ;"
    ) in text
    assert "- Tỷ lệ hoàn thành nhiệm vụ của kế hoạch đạt: 73,3%." in text
    reasons = [t for t in text if "Lý do chưa hoàn thành" in t]
    assert len(reasons) == 8  # the 8 tasks not done, each with the reason reported
    assert (
        "- Triển khai, theo dõi, đôn đốc thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia (khi có hướng dẫn) "
        "(Văn phòng HĐND và UBND xã; Các công chức chuyên môn thuộc UBND xã). "
        "Lý do chưa hoàn thành: Do chưa có hướng dẫn."
    ) in text
    assert any(t.startswith("- Phối hợp, tổ chức tập huấn") and t.endswith("chưa nêu lý do.") for t in text)
    assert "- Chưa có số liệu chỉ tiêu trong kỳ." in text
    closing = text[text.index("Phụ lục") - 1]
    assert closing.startswith("Trên đây là báo cáo kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính")
    assert closing.endswith("quý I năm 2023 của UBND xã Thanh Xá./.")
    sign = document.tables[1]
    assert cell_lines(sign.cell(0, 0)) == [
        "Nơi nhận:",
        "- Thường trực Đảng ủy xã;",
        "- Thường trực HĐND xã;",
        "- Chủ tịch, các Phó Chủ tịch UBND xã;",
        "- Các cơ quan, đơn vị thuộc UBND xã;",
        "- Lưu: VT.",
    ]
    assert cell_lines(sign.cell(0, 1)) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Hùng",
    ]
    assert not re.search(r"\{[{%]|[}%]\}", document.element.xml)  # no placeholder left


def test_the_signature_block_and_recipients_are_configurable(db: Database, thanh_xa: dict[str, int]) -> None:
    style = ReportStyle(
        signer_on_behalf="",
        signer_title="CHỦ TỊCH",
        signer_name="Phạm Thị Mây",
        recipients=("Văn phòng UBND huyện Thanh Hà", "TT Đảng ủy, TT. HĐND xã"),
        place="Xã Thanh Xá",
    )
    document = open_docx(_report(db, thanh_xa["org"], style))
    sign = document.tables[1]
    assert cell_lines(sign.cell(0, 1)) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Thị Mây"]
    assert cell_lines(sign.cell(0, 0))[1:] == [
        "- Văn phòng UBND huyện Thanh Hà;",
        "- TT Đảng ủy, TT. HĐND xã;",
        "- Lưu: VT.",
    ]
    assert plain(document.tables[0].cell(1, 1).text).startswith("Xã Thanh Xá, ngày")


def test_word_settings_page_numbers_rows_language(db: Database, thanh_xa: dict[str, int]) -> None:
    content = _report(db, thanh_xa["org"])
    document = open_docx(content)
    cover, appendix = document.sections[0], document.sections[1]
    assert len(document.sections) == 2
    sizes = [(s.page_width or 0, s.page_height or 0) for s in (cover, appendix)]
    assert cover.orientation == WD_ORIENT.PORTRAIT and sizes[0][0] < sizes[0][1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE and sizes[1][0] > sizes[1][1]
    margins = [
        m.mm if m is not None else 0 for m in (cover.left_margin, cover.right_margin, cover.top_margin)
    ]
    assert margins == pytest.approx([30, 15, 20], abs=0.1)
    # page numbers centred at the top from page 2: none on the first page, a PAGE field after
    assert cover.different_first_page_header_footer
    assert not cover.first_page_header.paragraphs or not cover.first_page_header.paragraphs[0].text.strip()
    header = cover.header.paragraphs[0]
    assert header.alignment == 1  # centre
    assert "PAGE" in "".join(t.text for t in header._p.iter("{*}instrText"))
    assert not appendix.different_first_page_header_footer and appendix.header.is_linked_to_previous
    for table in document.tables:  # no row of any table breaks across a page
        assert all(row_flags(table, "cantSplit"))
    table = document.tables[2]
    assert row_flags(table, "tblHeader")[0] and not any(row_flags(table, "tblHeader")[1:])
    assert rows(table)[0][6] == "Kết quả quý I/2023"
    styles = xml_part(content, "word/styles.xml")
    assert re.search(r'<w:rPrDefault><w:rPr>.*?<w:lang w:val="vi-VN"', styles, re.S)
    assert "en-US" not in styles and "en-US" not in xml_part(content, "word/document.xml")
    assert document.core_properties.language == "vi-VN"
    assert document.styles["Normal"].font.name == "Times New Roman"
    body = paragraphs(document)
    assert body[body.index("Phụ lục") + 1].startswith("Nội dung kết quả thực hiện nhiệm vụ kiểm soát thủ tục")
    assert body[-3:] == [
        "Tổng số nội dung công việc: 30",
        "Nội dung đã thực hiện: 22",
        "Tỷ lệ hoàn thành kế hoạch: 73,3%",
    ]


def _add_reason_target_and_due(session: Session, ids: dict[str, int]) -> None:
    task = session.get(Task, ids["II.1.4"])
    assert task is not None
    task.lead_text = "Văn phòng HĐND và UBND xã (đồng chí Phó Chủ tịch phụ trách)"
    session.add(task)
    session.add(
        Explanation(
            organization_id=ids["org"],
            kind="overdue",
            subject_id=ids["II.3.6"],
            task_id=ids["II.3.6"],
            agency_id=ids["Văn phòng HĐND và UBND xã"],
            period_start=Q1.start,
            period_end=Q1.end,
            answer="Sở Tài chính chưa ban hành hướng dẫn thanh toán trực tuyến",
            answered_at=datetime(2023, 4, 10, tzinfo=UTC),
        )
    )
    session.add(
        IndicatorValue(
            organization_id=ids["org"],
            key="ho_so_truc_tuyen",
            label="Hồ sơ tiếp nhận trực tuyến",
            value=292,
            unit="hồ sơ",
            period_start=Q1.start,
            period_end=Q1.end,
        )
    )
    session.add(
        Task(
            plan_id=ids["plan"],
            code="IV.3",
            number="3",
            kind="task",
            level=2,
            position=99,
            section="IV",
            content="Tổng kết công tác kiểm soát TTHC 6 tháng đầu năm",
            deadline_text="Trước ngày 15/5/2023",
            deadline_kind="date",
            deadline_due=date(2023, 5, 15),
        )
    )


def test_reasons_explanations_indicators_and_next_period(db: Database, thanh_xa: dict[str, int]) -> None:
    db.call(_add_reason_target_and_due, ids=thanh_xa)
    content = _report(db, thanh_xa["org"])
    document = open_docx(content)
    text = paragraphs(document)
    assert "- Kế hoạch có 4 mục với 15 nội dung và 31 nhiệm vụ;" in text
    explained = [t for t in text if "thanh toán trực tuyến trên Cổng" in t and "Lý do" in t]
    assert explained[0].endswith(
        "Lý do chưa hoàn thành: Sở Tài chính chưa ban hành hướng dẫn thanh toán trực tuyến."
    )
    assert "- Hồ sơ tiếp nhận trực tuyến: 292 hồ sơ." in text
    assert "- Tổng kết công tác kiểm soát TTHC 6 tháng đầu năm: hạn 15/05/2023." in text
    assert "- Chưa có báo cáo: 1 nhiệm vụ" not in text
    appendix = rows(document.tables[2])
    row = next(r for r in appendix if r[1].startswith("Triển khai, theo dõi, đôn đốc thanh toán"))
    assert row[6] == (
        "Chưa thực hiện: Do chưa có hướng dẫn. "
        "Lý do chưa hoàn thành: Sở Tài chính chưa ban hành hướng dẫn thanh toán trực tuyến"
    )
    written = next(r for r in appendix if r[1] == "Rà soát, đơn giản hóa TTHC;")
    assert (
        written[2] == "Văn phòng HĐND và UBND xã (đồng chí Phó Chủ tịch phụ trách)"
    )  # as the plan writes it
    silent = [t for t in text if "chưa báo cáo 1/" in t]
    assert silent == []  # the new task has no lead agency: no agency to name


def test_a_period_without_reports_says_so_instead_of_zero(db: Database, thanh_xa: dict[str, int]) -> None:
    data = db.call(
        build_report, organization_id=thanh_xa["org"], period=quarter(2023, 3), today=date(2023, 10, 5)
    )
    text = paragraphs(open_docx(render_document(data, SIGNED)))
    assert "- Chưa có số liệu báo cáo quý III năm 2023: chưa có báo cáo nào cho kỳ này." in text
    assert not any("Tỷ lệ hoàn thành nhiệm vụ" in t for t in text)
    assert any("chưa báo cáo" in t and "Văn phòng HĐND và UBND xã" in t for t in text)


def test_the_shipped_template_is_the_builders(tmp_path: object) -> None:
    built = build_default_template()
    assert xml_part(built, "word/document.xml") == xml_part(
        DEFAULT_TEMPLATE.read_bytes(), "word/document.xml"
    )
    used = check_template(DEFAULT_TEMPLATE.read_bytes())
    assert {"trich_yeu", "so_ky_hieu", "ket_qua", "noi_nhan", "nguoi_ky"} <= set(used)


def _template(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (["{{ trich_yeu }}", "Số: {{ so_bao_cao }}"], "Mẫu có trường không biết: {{ so_bao_cao }}"),
        (["{{ trich_yeu"], "Mẫu có thẻ viết sai"),
        (["{%p for nv in chua_hoan_thanh %}", "{{ nv.ly_do_khac }}", "{%p endfor %}"], "«ly_do_khac»"),
        (["Không có trường nào"], "Mẫu chưa có trường nào"),
    ],
)
def test_a_template_with_an_unknown_or_broken_placeholder_is_refused(lines: list[str], reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        check_template(_template(*lines))
    assert reason in str(caught.value)


def test_not_a_docx_is_refused() -> None:
    with pytest.raises(TemplateError, match="không phải văn bản Word"):
        check_template(b"%PDF-1.7 not a word file")


def test_an_organizations_template_is_kept_and_used(db: Database, thanh_xa: dict[str, int]) -> None:
    admin = db.call(_admin, org=thanh_xa["org"])
    custom = _template(
        "{{ co_quan_dong_2 }} — {{ so_ky_hieu }}",
        "{{ trich_yeu }}",
        "{%p for dong in ket_qua %}",
        "* {{ dong }}",
        "{%p endfor %}",
        "Người ký: {{ nguoi_ky }} & cộng sự <thử>",
    )
    refused = db.call(upload_template, official=admin, file_name="mau.docx", content=_template("{{ xyz }}"))
    assert not refused.ok and "{{ xyz }}" in refused.message
    kept = db.call(upload_template, official=admin, file_name="Mẫu của xã.docx", content=custom)
    assert kept.ok and kept.placeholders == (
        "co_quan_dong_2",
        "ket_qua",
        "nguoi_ky",
        "so_ky_hieu",
        "trich_yeu",
    )
    source = db.call(report_source, viewer=admin, period=Q1, today=TODAY, policy=PeriodPolicy())
    assert not isinstance(source, str) and source.template == custom
    document = open_docx(render_document(source.data, SIGNED, source.template))
    text = paragraphs(document)
    assert text[0] == "XÃ THANH XÁ — Số: /BC-UBND"
    assert "* - Tỷ lệ hoàn thành nhiệm vụ của kế hoạch đạt: 73,3%." in text
    assert "Người ký: Nguyễn Văn Hùng & cộng sự <thử>" in text  # escaped on the way in, read back as typed
    assert "Phụ lục" in text and rows(document.tables[0])[0][6] == "Kết quả quý I/2023"
    assert document.sections[0].different_first_page_header_footer  # page numbers added to the template


def _admin(*, session: Session, org: int) -> Official:
    official = Official(telegram_user_id=9001, full_name="Quản trị", organization_id=org, role="admin")
    session.add(official)
    session.flush()
    return official
