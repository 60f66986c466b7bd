"""What a period's written report says, built from the plan, the snapshot and the status model:
the appendix rows ("Phụ lục … Nội dung kết quả thực hiện nhiệm vụ … quý III năm 2025") and the
figures, lists and reasons the Báo cáo's narrative is written from (reports/outputs/cover.py).

Nothing here decides a status: every task's state comes from plans/status.py through the snapshot.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from plans import status as S
from plans.clock import Clock
from plans.lifecycle import plans_for_period
from plans.periods import ROMAN, Period, PeriodPolicy
from plans.snapshot import OrgFacts, org_facts, states
from plans.wording import STATUS_NAMES
from reports.outputs.narrative import (
    DueTask,
    Indicator,
    SilentAgency,
    agency_cell,
    indicators,
    silent_agencies,
    upcoming,
)
from storage.queries.explanations import explanations_of_period
from storage.queries.facts import PlanInfo, report_attachment_names, report_notes
from storage.queries.plans import OutlineNode, plan_outline
from storage.text import fold, percent, squash

logger = logging.getLogger(__name__)

HEADERS = [
    "Số TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
]
STATUS_WORDS = STATUS_NAMES
_LEADING_STATUS = re.compile(
    r"^\s*-?\s*(đã\s*,?\s*(và\s+)?đang|đã|đang|chưa)\s+(thực\s+hiện|thưc\s+hiện)\s*[:.,]?\s*", re.I
)
_BODY_PREFIX = re.compile(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.I)
_UNIT = re.compile(r"^(xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh)\s+", re.I)


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
    task_id: int | None = None
    status: str = ""  # the task's status for the period (tasks only)
    note: str = ""  # what the report said, without its leading status words
    explanation: str = ""  # the agency's answer to a leader's request (giải trình)
    overdue: bool = False

    @property
    def unfinished(self) -> bool:
        """Listed under "tasks not done" in the Báo cáo: not done, overdue, or explained."""
        if self.task_id is None or self.status == S.DONE:
            return False
        return self.status == S.NOT_DONE or self.overdue or bool(self.explanation)


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
    not_done: int = 0
    no_report: int = 0
    overdue: int = 0
    sections: int = 0  # mục
    items: int = 0  # nội dung
    plan_number: str | None = None
    plan_issued_on: date | None = None
    subject: str = ""  # "kiểm soát thủ tục hành chính … trên địa bàn xã Thanh Xá"
    today: date = field(default_factory=lambda: Clock().today())
    next_period: Period | None = None
    upcoming: list[DueTask] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    silent: list[SilentAgency] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [*HEADERS, self.result_header]

    @property
    def done_or_in_progress(self) -> int:
        return self.done + self.in_progress

    @property
    def has_data(self) -> bool:
        """False when nothing at all was reported about the period: no rate to give ("no data" ≠ 0%)."""
        return self.total > self.no_report

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

    @property
    def period_phrase(self) -> str:
        return period_phrase(self.period)

    @property
    def place(self) -> str:
        """ "xã Thanh Xá" from "UBND xã Thanh Xá"."""
        return _BODY_PREFIX.sub("", self.organization)


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


def issuer_lines(organization: str) -> tuple[str, str]:
    """ "UBND xã Thanh Xá" → ("ỦY BAN NHÂN DÂN", "XÃ THANH XÁ"), the issuing body as Nghị định
    30/2020 writes it; another body's name stays on one line."""
    rest = _BODY_PREFIX.sub("", organization.strip())
    if rest == organization.strip():
        return "", organization.strip().upper()
    return "ỦY BAN NHÂN DÂN", rest.upper()


def place_name(organization: str) -> str:
    """The địa danh of the place-and-date line: "UBND xã Thanh Xá" → "Thanh Xá"."""
    return _UNIT.sub("", _BODY_PREFIX.sub("", organization.strip())).strip() or organization.strip()


def subject_of(plan_title: str, place: str) -> str:
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


def clean_note(note: str | None) -> str:
    """A report's note without the status words it starts with ("Chưa thực hiện: Do chưa có …")."""
    return _LEADING_STATUS.sub("", squash(note or "")).strip(" :;,-")


def result_text(status: str, documents: tuple[str, ...], note: str | None) -> str:
    """ "Đã thực hiện: Kế hoạch số 25/KH-UBND ngày 09/3/2023 …", "Đang thực hiện", "Chưa thực hiện"."""
    head = STATUS_WORDS.get(status, STATUS_WORDS[S.NO_REPORT])
    detail = "; ".join(documents) if documents else clean_note(note)
    return f"{head}: {detail}" if detail else head


def _choose_plan(plans: list[PlanInfo], period: Period, plan_id: int | None) -> PlanInfo:
    if plan_id is None:
        candidates = plans_for_period(plans, period)
        if not candidates:
            raise ReportError("Chưa có kế hoạch nào để lập báo cáo.")
        return max(candidates, key=lambda p: p.id)
    found = [p for p in plans if p.id == plan_id]
    if not found:
        raise ReportError("Không tìm thấy kế hoạch.")
    return found[0]


def build_report(
    *,
    session: Session,
    organization_id: int,
    period: Period,
    plan_id: int | None = None,
    today: date | None = None,
    policy: PeriodPolicy | None = None,
) -> ReportData:
    """The report of one plan for a period (the latest plan covering the period by default), with
    each task's state from the organization's snapshot (plans/status.py)."""
    facts = org_facts(session=session, organization_id=organization_id)
    if not facts.context.name:
        raise ReportError("Không tìm thấy xã/phường.")
    plan = _choose_plan(list(facts.context.plans), period, plan_id)
    today = today or Clock().today()
    every = states(facts, period, today)
    report_ids = [s.report.id for s in every.values() if s.report is not None]
    notes = report_notes(session=session, report_ids=report_ids)
    files = report_attachment_names(session=session, report_ids=report_ids)
    org_name = facts.context.name
    explained = explanations_of_period(
        session=session, organization_id=organization_id, start=period.start, end=period.end
    )
    data = ReportData(
        organization=org_name,
        period=period,
        title_lines=[],
        result_header=result_header(period),
        plan_title=plan.title,
        plan_number=plan.number,
        plan_issued_on=plan.issued_on,
        today=today,
    )
    data.subject = subject_of(plan.title, data.place)
    data.title_lines = [
        "Phụ lục",
        f"Nội dung kết quả thực hiện nhiệm vụ {data.subject} {period_phrase(period)}",
        f"(Kèm theo Báo cáo số      /BC-UBND ngày      /     /{today.year} của {org_name})",
    ]
    answers: dict[int, str] = {e.task_id: e.answer for e in explained if e.task_id is not None and e.answer}
    names = dict(facts.context.agency_names)
    outline = plan_outline(session=session, plan_id=plan.id)
    for node in outline:
        data.rows.append(_row(node, facts, every, notes, answers, names, files))
    data.sections = sum(n.kind == "section" for n in outline)
    data.items = sum(_level(n) == 2 for n in outline)
    for row in data.rows:
        if row.task_id is None:
            continue
        data.total += 1
        data.done += row.status == S.DONE
        data.in_progress += row.status == S.IN_PROGRESS
        data.not_done += row.status == S.NOT_DONE
        data.no_report += row.status == S.NO_REPORT
        data.overdue += bool(every[row.task_id].overdue)
    plan_tasks = [t for t in facts.tasks if t.plan_id == plan.id]
    data.indicators = indicators(session, organization_id, facts, plan_tasks, every, period, today)
    statuses = [(r.task_id, r.status) for r in data.rows if r.task_id is not None]
    data.silent = silent_agencies(statuses, facts, explained, {n.id: n for n in outline})
    if policy is not None and period.kind in ("quarter", "month"):
        data.next_period = policy.shift(period, 1)
        data.upcoming = upcoming(facts, plan.id, data.next_period, today, {n.id: n for n in outline})
    return data


def _level(node: OutlineNode) -> int:
    return node.code.count(".") + 1


def _row(
    node: OutlineNode,
    facts: OrgFacts,
    every: dict[int, S.TaskState],
    notes: dict[int, str],
    answers: dict[int, str],
    names: dict[int, str],
    files: dict[int, str] | None = None,
) -> ReportRow:
    row = ReportRow(
        kind=node.kind,
        code=node.code,
        number=node.number or "",
        content=squash(node.content),
        lead=agency_cell(node.lead, node.lead_text, names),
        coordinating=agency_cell(node.coordinating, node.coordinating_text, names),
        deadline=squash(node.deadline_text or ""),
        product=squash(node.product or ""),
    )
    state = every.get(node.id) if node.id in facts.task_by_id else None
    if node.kind != "task" or state is None:
        return row
    report = state.report
    note = notes.get(report.id) if report else None
    row.task_id, row.status, row.overdue = node.id, state.status, state.overdue
    row.note = clean_note(note)
    row.explanation = squash(answers.get(node.id) or "")
    row.result = result_text(state.status, report.documents if report else (), note)
    if report is not None and files and report.id in files:  # the evidence sent with the report
        row.result += f" (tệp đính kèm: {squash(files[report.id])})"
    if row.explanation and state.status in (S.NOT_DONE, S.NO_REPORT):
        row.result += f". Lý do chưa hoàn thành: {row.explanation}"
    return row


def report_filename(data: ReportData, extension: str) -> str:
    place = fold(data.organization).replace("ubnd ", "").replace(" ", "-")
    code = data.result_header.removeprefix("Kết quả ").replace("/", "-").replace(" ", "-")
    return f"bao-cao-{fold(code)}-{place}.{extension}"
