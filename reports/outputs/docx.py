"""The quarterly report appendix ("Phụ lục … Nội dung kết quả thực hiện nhiệm vụ … quý III năm 2025")
built from the plan and its progress reports, rendered as DOCX in the administrative style of
Nghị định 30/2020/NĐ-CP (Times New Roman, A4 landscape for the appendix)."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from sqlmodel import Session

from plans import status as S
from plans.clock import Clock
from plans.lifecycle import plans_for_period
from plans.periods import ROMAN, Period
from plans.snapshot import org_facts, states
from plans.wording import STATUS_NAMES
from storage.queries.facts import report_notes
from storage.queries.plans import plan_outline
from storage.text import fold, percent, squash

logger = logging.getLogger(__name__)

FONT = "Times New Roman"
HEADERS = [
    "Số TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
]
STATUS_WORDS = STATUS_NAMES
WIDTHS_MM = [12, 78, 30, 30, 26, 30, 46]  # 252 mm: A4 landscape less 30 + 15 mm margins
_LEADING_STATUS = re.compile(
    r"^\s*-?\s*(đã\s*,?\s*(và\s+)?đang|đã|đang|chưa)\s+(thực\s+hiện|thưc\s+hiện)\s*[:.,]?\s*", re.I
)


class ReportError(Exception):
    """Nothing to report (no organization or no plan for the period)."""


@dataclass
class ReportRow:
    kind: str  # section | group | task
    code: str
    number: str
    content: str
    lead: str = ""
    coordinating: str = ""
    deadline: str = ""
    product: str = ""
    result: str = ""


@dataclass
class ReportData:
    organization: str
    period: Period
    title_lines: list[str]
    result_header: str  # "Kết quả quý III/2025"
    rows: list[ReportRow] = field(default_factory=list)
    total: int = 0
    done: int = 0
    in_progress: int = 0
    plan_title: str = ""

    @property
    def headers(self) -> list[str]:
        return [*HEADERS, self.result_header]

    @property
    def done_or_in_progress(self) -> int:
        return self.done + self.in_progress

    @property
    def rate_text(self) -> str:
        return percent(100.0 * self.done_or_in_progress / self.total) if self.total else "0,0%"

    @property
    def closing_lines(self) -> list[str]:
        return [
            f"Tổng số nội dung công việc: {self.total}",
            f"Nội dung đã thực hiện: {self.done_or_in_progress}",
            f"Tỷ lệ hoàn thành kế hoạch: {self.rate_text}",
        ]


def period_phrase(period: Period) -> str:
    """ "quý III năm 2025", "tháng 11 năm 2025", "6 tháng đầu năm 2025", "năm 2025"."""
    if period.kind == "quarter":
        return f"quý {ROMAN[period.index]} năm {period.year}"
    if period.kind == "month":
        return f"tháng {period.index} năm {period.year}"
    if period.kind == "half":
        return period.label[0].lower() + period.label[1:]
    if period.kind == "year":
        return f"năm {period.year}"
    return f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"


def result_header(period: Period) -> str:
    if period.kind == "quarter":
        return f"Kết quả quý {ROMAN[period.index]}/{period.year}"
    if period.kind == "month":
        return f"Kết quả tháng {period.index}/{period.year}"
    return f"Kết quả {period_phrase(period)}"


def _subject(plan_title: str, place: str) -> str:
    """What the plan is about, from its title: "Kế hoạch Kiểm soát TTHC … năm 2023 trên địa bàn xã"
    → "kiểm soát TTHC … trên địa bàn xã Thanh Xá" (a report's own title works too)."""
    subject = squash(plan_title)
    subject = re.sub(
        r"^(báo\s+cáo\s+)?(kết\s+quả\s+(thực|thưc)\s+hiện\s+)?(kế\s+hoạch\s*(số\s*\S+)?\s*)?",
        "",
        subject,
        flags=re.I,
    )
    subject = re.sub(r"\s*(trong\s+)?(quý|tháng)\s+[ivx\d]+\b(\s*/\s*\d{4})?", "", subject, flags=re.I)
    subject = re.sub(r"\s*(trong\s+)?(6\s+tháng\s+(đầu|cuối)\s+)?năm\s+\d{4}", "", subject, flags=re.I)
    subject = subject.strip(" .,;")
    subject = subject[0].lower() + subject[1:] if subject else "của kế hoạch"
    if place:
        bare = re.search(r"trên địa bàn (xã|phường|thị trấn)$", subject, flags=re.I)
        if bare:
            subject = subject[: bare.start()].rstrip()
        if "trên địa bàn" not in subject.lower():
            subject = f"{subject} trên địa bàn {place}"
    return subject


def result_text(status: str, documents: tuple[str, ...], note: str | None) -> str:
    """ "Đã thực hiện: Kế hoạch số 25/KH-UBND ngày 09/3/2023 …", "Đang thực hiện", "Chưa thực hiện"."""
    head = STATUS_WORDS.get(status, STATUS_WORDS[S.NO_REPORT])
    detail = "; ".join(documents) if documents else _LEADING_STATUS.sub("", squash(note or "")).strip(" :;,-")
    return f"{head}: {detail}" if detail else head


def build_report(
    *,
    session: Session,
    organization_id: int,
    period: Period,
    plan_id: int | None = None,
    today: date | None = None,
) -> ReportData:
    """The appendix data of one plan for a period (the latest plan covering the period by default),
    with each task's state from the organization's snapshot (plans/status.py)."""
    facts = org_facts(session=session, organization_id=organization_id)
    if not facts.context.name:
        raise ReportError("Không tìm thấy xã/phường.")
    plans = list(facts.context.plans)
    if plan_id is None:
        candidates = plans_for_period(plans, period)
        if not candidates:
            raise ReportError("Chưa có kế hoạch nào để lập báo cáo.")
        plan = max(candidates, key=lambda p: p.id)
    else:
        found = [p for p in plans if p.id == plan_id]
        if not found:
            raise ReportError("Không tìm thấy kế hoạch.")
        plan = found[0]
    today = today or Clock().today()
    every = states(facts, period, today)
    notes = report_notes(
        session=session, report_ids=[s.report.id for s in every.values() if s.report is not None]
    )
    org_name = facts.context.name
    place = re.sub(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", "", org_name, flags=re.I)
    data = ReportData(
        organization=org_name,
        period=period,
        title_lines=[
            "Phụ lục",
            f"Nội dung kết quả thực hiện nhiệm vụ {_subject(plan.title, place)} {period_phrase(period)}",
            f"(Kèm theo Báo cáo số      /BC-UBND ngày      /     /{today.year} của {org_name})",
        ],
        result_header=result_header(period),
        plan_title=plan.title,
    )
    names = facts.context.agency_names
    for node in plan_outline(session=session, plan_id=plan.id):
        task = facts.task_by_id.get(node.id)
        row = ReportRow(
            kind=node.kind,
            code=node.code,
            number=node.number or "",
            content=squash(node.content),
            lead="; ".join(names.get(a, "?") for a in node.lead),
            coordinating="; ".join(names.get(a, "?") for a in node.coordinating),
            deadline=squash(node.deadline_text or ""),
            product=squash(node.product or ""),
        )
        state = every.get(node.id) if task is not None else None
        if node.kind == "task" and state is not None:
            report = state.report
            row.result = result_text(
                state.status,
                report.documents if report else (),
                notes.get(report.id) if report else None,
            )
            data.total += 1
            data.done += state.status == S.DONE
            data.in_progress += state.status == S.IN_PROGRESS
        data.rows.append(row)
    return data


# --- DOCX --------------------------------------------------------------------------------------


def _font(run_or_style: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    font = run_or_style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    paragraph: Paragraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    run = paragraph.add_run(text)
    _font(run, size, bold=bold, italic=italic)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell(
    table: Table, r: int, c: int, text: str, size: float = 12, *, bold: bool = False, center: bool = False
) -> None:
    cell = table.cell(r, c)
    paragraph = cell.paragraphs[0]
    _para(paragraph, text, size, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER if center else None)


def render_docx(data: ReportData) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _font(document.styles["Normal"], 13)

    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _para(first, data.title_lines[0], 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document.add_paragraph(), data.title_lines[1], 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document.add_paragraph(), data.title_lines[2], 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()

    headers = data.headers
    table = document.add_table(rows=1 + len(data.rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, title in enumerate(headers):
        _cell(table, 0, c, title, bold=True, center=True)
    _repeat_header(table.rows[0])
    for r, row in enumerate(data.rows, start=1):
        if row.kind == "section":
            _cell(table, r, 0, row.number, bold=True, center=True)
            merged = table.cell(r, 1).merge(table.cell(r, len(headers) - 1))
            _para(merged.paragraphs[0], row.content, 12, bold=True)
            continue
        bold = row.kind == "group"
        values = [row.number, row.content, row.lead, row.coordinating, row.deadline, row.product, row.result]
        for c, value in enumerate(values):
            _cell(table, r, c, value, bold=bold and c < 2, center=c == 0)
    for c, width in enumerate(WIDTHS_MM):
        table.columns[c].width = Mm(width)
    for row_obj in table.rows:
        cells = row_obj.cells
        if len({id(cell._tc) for cell in cells}) == len(cells):  # merged rows keep the grid widths
            for c, width in enumerate(WIDTHS_MM):
                cells[c].width = Mm(width)

    document.add_paragraph()
    for line in data.closing_lines:
        _para(document.add_paragraph(), line, 13, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_filename(data: ReportData, extension: str) -> str:
    place = fold(data.organization).replace("ubnd ", "").replace(" ", "-")
    code = data.result_header.removeprefix("Kết quả ").replace("/", "-").replace(" ", "-")
    return f"bao-cao-{fold(code)}-{place}.{extension}"
