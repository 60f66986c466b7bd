"""Answers to leaders' questions: load facts, compute, write short Vietnamese HTML.

Every answer states the period and the scope it was computed for ("Quý IV/2025 (01/10–31/12),
toàn xã: …"). Officials (role official) only see the tasks their agency leads or coordinates;
leaders and admins see the whole organization.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from rapidfuzz import fuzz
from sqlmodel import Session

from plans.periods import Period, PeriodMode
from reports import stats as S
from reports.cache import org_facts
from reports.cache import statuses as org_statuses
from reports.charts import ChartData
from reports.docx_report import ReportData, ReportError, build_report
from reports.questions import Question, looks_like_progress_question, parse_question, period_code
from storage.facts import ReportFacts, TaskFacts
from storage.models import Official, Organization, Role
from storage.queries.facts import (
    agencies_for_matching,
    agency_names,
    find_organization,
    organization_plans,
    plans_for_period,
)
from storage.text import fold, number_vi, percent, shorten

logger = logging.getLogger(__name__)

MAX_LIST = 20


class PeriodSettings(Protocol):
    period_mode: Any
    timezone: str


EXAMPLES = [
    "tỷ lệ hoàn thành quý này?",
    "quý 3 đạt bao nhiêu phần trăm",
    "ti le hoan thanh quy truoc",
    "đơn vị nào chậm nhất?",
    "thống kê theo đơn vị",
    "việc nào quá hạn?",
    "tuần này có việc gì đến hạn",
    "các chỉ tiêu chưa đạt",
    "biểu đồ quý này",
]
NOT_UNDERSTOOD = (
    "Chưa hiểu câu hỏi về tiến độ. Có thể hỏi, ví dụ:\n"
    + "\n".join(f"• {html.escape(e, quote=False)}" for e in EXAMPLES)
    + "\nHoặc dùng lệnh: /tyle, /quahan, /donvi, /chitieu, /baocao (kèm kỳ, ví dụ: /tyle quý 3)."
)


@dataclass(frozen=True)
class ChartRequest:
    period_code: str
    agency_id: int | None = None

    @property
    def callback_data(self) -> str:
        return f"st:ch:{self.period_code}:{self.agency_id or 0}"


@dataclass
class Answer:
    text: str  # HTML-safe
    chart_request: ChartRequest | None = None  # offer (or send) this chart
    send_chart: bool = False  # the question asked for the chart itself
    report_period: Period | None = None  # the question asked for the written report
    question: Question | None = None


@dataclass
class Scope:
    organization_id: int
    organization_name: str
    period: Period
    today: date
    agency_id: int | None  # the agency the numbers are about (None = organization)
    label: str  # "toàn xã", "Phòng Văn hóa - Xã hội (chủ trì)"
    tasks: list[TaskFacts] = field(default_factory=list)  # in scope
    reports: dict[int, list[ReportFacts]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    note: str = ""  # e.g. why the scope differs from the one asked
    statuses: list[S.TaskStatus] | None = None  # of `tasks`, when already computed (cached)

    @property
    def header(self) -> str:
        return f"<b>{esc(self.period.title)}, {esc(self.label)}</b>"


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def local_today(now: datetime, settings: PeriodSettings) -> date:
    from zoneinfo import ZoneInfo

    if now.tzinfo is None:
        return now.date()
    return now.astimezone(ZoneInfo(settings.timezone)).date()


def mode_of(settings: PeriodSettings) -> PeriodMode:
    return "nd09" if settings.period_mode == "nd09" else "calendar"


def is_leader(viewer: Official) -> bool:
    return viewer.role in (Role.leader, Role.admin)


def _whole(org_name: str) -> str:
    return "toàn phường" if "phuong" in fold(org_name) else "toàn xã"


def viewer_organization(*, session: Session, viewer: Official) -> int | None:
    """The viewer's organization; an admin from the settings has none: the only one there is."""
    if viewer.organization_id is not None:
        return viewer.organization_id
    if viewer.role == Role.admin:
        found = find_organization(session=session, name=None)
        return found[0] if found else None
    return None


def viewer_report(*, session: Session, viewer: Official, period: Period) -> ReportData | str:
    """The written report for the viewer's organization (leaders and admins only)."""
    if not is_leader(viewer):
        return "Chỉ lãnh đạo và quản trị viên được lập báo cáo của xã/phường."
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
    try:
        return build_report(session=session, organization_id=org_id, period=period)
    except ReportError as exc:
        return str(exc)


def load_scope(
    *, session: Session, viewer: Official, period: Period, today: date, agency_id: int | None = None
) -> Scope | str:
    """The tasks and reports an answer is about, or a text explaining why there are none."""
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
    org = session.get(Organization, org_id)
    org_name = org.name if org else ""
    names = agency_names(session=session, organization_id=org_id)
    note = ""
    coordinating = False
    if not is_leader(viewer):
        if viewer.agency_id is None:
            return "Tài khoản chưa gắn với cơ quan/đơn vị nào: liên hệ quản trị viên."
        if agency_id is not None and agency_id != viewer.agency_id:
            note = "Bạn chỉ xem được số liệu của đơn vị mình."
        agency_id = viewer.agency_id
        coordinating = True
    if agency_id is None:
        label = _whole(org_name)
    else:
        role = "chủ trì, phối hợp" if coordinating else "chủ trì"
        label = f"{names.get(agency_id, 'đơn vị')} ({role})"
    plans = plans_for_period(
        organization_plans(session=session, organization_id=org_id), period.start, period.end
    )
    # One snapshot of the whole organization serves every period and scope (reports/cache.py):
    # the per-task effective report lists are what load_facts(..., until=cutoff) would give, and
    # the statistics skip reports after the cutoff themselves.
    facts = org_facts(session=session, organization_id=org_id)
    every = org_statuses(facts, period, today)
    chosen = S.select_tasks(
        facts.tasks, agency_id=agency_id, include_coordinating=coordinating, plan_ids=[p.id for p in plans]
    )
    return Scope(
        organization_id=org_id,
        organization_name=org_name,
        period=period,
        today=today,
        agency_id=agency_id,
        label=label,
        tasks=chosen,
        reports=facts.reports,
        names=names,
        note=note,
        statuses=[every[t.id] for t in chosen],
    )


def _statuses(scope: Scope) -> list[S.TaskStatus]:
    if scope.statuses is None:
        scope.statuses = S.task_statuses(scope.tasks, scope.reports, scope.period, scope.today)
    return scope.statuses


def _head(scope: Scope) -> list[str]:
    lines = [scope.header + ":"]
    if scope.note:
        lines.append(f"<i>{esc(scope.note)}</i>")
    return lines


def _rate(value: float | None) -> str:
    return percent(value) if value is not None else "—"


def completion_text(scope: Scope) -> str:
    statuses = _statuses(scope)
    c = S.count(statuses)
    lines = _head(scope)
    if c.total == 0:
        lines.append("Chưa có nhiệm vụ nào trong kế hoạch cho phạm vi này.")
        return "\n".join(lines)
    lines += [
        f"Tỷ lệ hoàn thành: <b>{_rate(c.completion_rate)}</b> "
        f"({c.done_or_in_progress}/{c.total} nhiệm vụ đã và đang thực hiện)",
        f"• Tổng số nhiệm vụ: {c.total}",
        f"• Đã thực hiện: {c.done}",
        f"• Đang thực hiện: {c.in_progress}",
        f"• Chưa thực hiện: {c.not_done}",
        f"• Quá hạn: {c.overdue}",
    ]
    if c.on_demand:
        lines.append(f"• Thực hiện khi có yêu cầu: {c.on_demand}")
    lines.append(f"Tỷ lệ đã thực hiện xong: {_rate(c.done_rate)} ({c.done}/{c.total}).")
    return "\n".join(lines)


def _agency_rows(scope: Scope) -> list[S.AgencyCounts]:
    statuses = _statuses(scope)
    return S.by_agency(statuses)


def by_agency_text(scope: Scope) -> str:
    rows = _agency_rows(scope)
    lines = _head(scope)
    if not rows:
        lines.append("Chưa có nhiệm vụ nào có cơ quan chủ trì trong phạm vi này.")
        return "\n".join(lines)
    lines.append("Tỷ lệ hoàn thành theo cơ quan chủ trì (thấp nhất trước):")
    for i, row in enumerate(rows[:MAX_LIST], 1):
        c = row.counts
        extra = f", quá hạn {c.overdue}" if c.overdue else ""
        lines.append(
            f"{i}. {esc(scope.names.get(row.agency_id, '?'))}: <b>{_rate(c.completion_rate)}</b> "
            f"({c.done_or_in_progress}/{c.total}{extra})"
        )
    if len(rows) > MAX_LIST:
        lines.append(f"… và {len(rows) - MAX_LIST} đơn vị khác.")
    return "\n".join(lines)


def slowest_text(scope: Scope) -> str:
    rows = _agency_rows(scope)
    lines = _head(scope)
    if not rows:
        lines.append("Chưa có nhiệm vụ nào có cơ quan chủ trì trong phạm vi này.")
        return "\n".join(lines)
    worst = rows[0]
    c = worst.counts
    lines.append(
        f"Đơn vị chậm nhất: <b>{esc(scope.names.get(worst.agency_id, '?'))}</b> — "
        f"{_rate(c.completion_rate)} ({c.done_or_in_progress}/{c.total} nhiệm vụ đã và đang thực hiện, "
        f"{c.not_done} chưa thực hiện, {c.overdue} quá hạn)."
    )
    if len(rows) > 1:
        lines.append("Tiếp theo:")
        for row in rows[1:3]:
            rc = row.counts
            lines.append(
                f"• {esc(scope.names.get(row.agency_id, '?'))}: {_rate(rc.completion_rate)} "
                f"({rc.done_or_in_progress}/{rc.total})"
            )
    return "\n".join(lines)


def _lead_names(task: TaskFacts, names: dict[int, str]) -> str:
    return ", ".join(sorted(names.get(a, "?") for a in task.lead_agency_ids))


def _task_line(task: TaskFacts, due: date | None, names: dict[int, str]) -> str:
    who = _lead_names(task, names)
    due_text = f" — hạn {due:%d/%m/%Y}" if due else ""
    who_text = f" ({esc(who)})" if who else ""
    return f"• [{esc(task.code)}] {esc(shorten(task.content, 80))}{due_text}{who_text}"


def overdue_text(scope: Scope) -> str:
    statuses = _statuses(scope)
    items = S.overdue_list(statuses)
    lines = _head(scope)
    if not items:
        lines.append("Không có nhiệm vụ nào quá hạn.")
        return "\n".join(lines)
    lines.append(f"Có <b>{len(items)}</b> nhiệm vụ quá hạn chưa thực hiện xong:")
    lines += [_task_line(s.task, s.task.due, scope.names) for s in items[:MAX_LIST]]
    if len(items) > MAX_LIST:
        lines.append(f"… và {len(items) - MAX_LIST} nhiệm vụ khác.")
    return "\n".join(lines)


def upcoming_text(scope: Scope) -> str:
    statuses = _statuses(scope)
    start = max(scope.period.start, scope.today)
    items = S.upcoming_list(statuses, start, scope.period.end) if start <= scope.period.end else []
    lines = _head(scope)
    if not items:
        lines.append("Không có nhiệm vụ nào đến hạn trong kỳ này.")
        return "\n".join(lines)
    lines.append(f"Có <b>{len(items)}</b> nhiệm vụ đến hạn, chưa thực hiện xong:")
    lines += [_task_line(s.task, due, scope.names) for s, due in items[:MAX_LIST]]
    if len(items) > MAX_LIST:
        lines.append(f"… và {len(items) - MAX_LIST} nhiệm vụ khác.")
    return "\n".join(lines)


def _target_line(t: S.TargetStatus) -> str:
    goal = f"mục tiêu {number_vi(t.min_percent)}%"
    if t.value is None:
        return f"• {esc(t.metric)}: chưa có số liệu / {goal}"
    verdict = "đạt" if t.met else "chưa đạt"
    return f"• {esc(t.metric)}: {number_vi(t.value)}% / {goal} — {verdict}"


def targets_text(scope: Scope, *, metric: str | None = None, unmet_only: bool = False) -> str:
    items = S.target_statuses(scope.tasks, scope.reports, scope.period, scope.today)
    lines = _head(scope)
    if not items:
        lines.append("Kế hoạch chưa có chỉ tiêu (tỷ lệ %) nào trong phạm vi này.")
        return "\n".join(lines)
    if metric:
        matched = [
            t for t in items if fuzz.token_set_ratio(metric, fold(t.metric + " " + t.task.content)) >= 80
        ]
        if matched:
            items = matched
        else:
            lines.append(f"<i>Không thấy chỉ tiêu “{esc(metric)}”; các chỉ tiêu hiện có:</i>")
    if unmet_only:
        unmet = [t for t in items if t.met is not True]
        if not unmet:
            lines.append(f"Tất cả {len(items)} chỉ tiêu đều đạt.")
            return "\n".join(lines)
        lines.append(f"Có <b>{len(unmet)}</b>/{len(items)} chỉ tiêu chưa đạt hoặc chưa có số liệu:")
        items = unmet
    lines += [_target_line(t) for t in items[:MAX_LIST]]
    return "\n".join(lines)


def chart_data(scope: Scope) -> ChartData:
    statuses = _statuses(scope)
    rows = S.by_agency(statuses)
    counts = S.count(statuses)
    return ChartData(
        title=f"{scope.period.title}, {scope.label}",
        agencies=[
            (scope.names.get(r.agency_id, "?"), r.counts.completion_rate or 0.0, r.counts.total) for r in rows
        ],
        done=counts.done,
        in_progress=counts.in_progress,
        not_done=counts.not_done,
        overdue=counts.overdue,
    )


# --- entry points used by the commands and the free-text router ----------------------------

TEXTS = {
    "completion": completion_text,
    "by_agency": by_agency_text,
    "slowest_agency": slowest_text,
    "overdue": overdue_text,
    "upcoming": upcoming_text,
}
CHART_INTENTS = {"completion", "by_agency", "slowest_agency"}


def intent_answer(
    *,
    session: Session,
    viewer: Official,
    intent: str,
    period: Period,
    today: date,
    agency_id: int | None = None,
    metric: str | None = None,
) -> Answer:
    """The answer for one intent (the commands /tyle, /quahan, /donvi, /chitieu call this)."""
    if intent in ("by_agency", "slowest_agency") and is_leader(viewer):
        agency_id = None
    scope = load_scope(session=session, viewer=viewer, period=period, today=today, agency_id=agency_id)
    if isinstance(scope, str):
        return Answer(esc(scope))
    if intent in ("targets", "targets_unmet"):
        text = targets_text(scope, metric=metric, unmet_only=intent == "targets_unmet")
    elif intent == "report":
        text = f"{scope.header}: đang lập phụ lục báo cáo kết quả thực hiện nhiệm vụ…"
        return Answer(text, report_period=period)
    else:
        text = TEXTS.get(intent, completion_text)(scope)
    chart = ChartRequest(period_code(period), scope.agency_id) if intent in CHART_INTENTS else None
    return Answer(text, chart_request=chart)


def chart_for(
    *, session: Session, viewer: Official, period: Period, today: date, agency_id: int | None = None
) -> ChartData | str:
    """The data of a chart (the caller renders it off the event loop)."""
    scope = load_scope(session=session, viewer=viewer, period=period, today=today, agency_id=agency_id)
    return scope if isinstance(scope, str) else chart_data(scope)


def answer_question(
    *, session: Session, text: str, viewer: Official, now: datetime, settings: PeriodSettings
) -> Answer | None:
    """Answer a progress question; None when the text is not one (the caller may search instead)."""
    today = local_today(now, settings)
    org_id = viewer_organization(session=session, viewer=viewer)
    agencies = agencies_for_matching(session=session, organization_id=org_id) if org_id is not None else []
    question = parse_question(text, today=today, mode=mode_of(settings), agencies=agencies)
    if question is None:
        return Answer(NOT_UNDERSTOOD) if looks_like_progress_question(text) else None
    logger.info(
        "question intent=%s period=%s agency=%s", question.intent, question.period.label, question.agency_id
    )
    if question.intent == "chart":
        scope = load_scope(
            session=session, viewer=viewer, period=question.period, today=today, agency_id=question.agency_id
        )
        if isinstance(scope, str):
            return Answer(esc(scope), question=question)
        request = ChartRequest(period_code(question.period), scope.agency_id)
        return Answer(f"Biểu đồ {scope.header}.", chart_request=request, send_chart=True, question=question)
    answer = intent_answer(
        session=session,
        viewer=viewer,
        intent=question.intent,
        period=question.period,
        today=today,
        agency_id=question.agency_id,
        metric=question.metric,
    )
    answer.question = question
    return answer
