"""Answers to leaders' questions: load facts, compute, write short Vietnamese HTML.

Every answer states the period and the scope it was computed for ("Quý IV/2025 (01/10–31/12),
toàn xã: …"). Officials (role official) only see the tasks their agency leads or coordinates;
leaders and admins see the whole organization.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from plans.periods import Period, PeriodPolicy, period_code
from reports.answers.scope import (
    Scope,
    esc,
    is_leader,
    load_scope,
    scope_statuses,
    viewer_organization,
    viewer_report,
)
from reports.answers.texts import (
    MAX_LIST,
    by_agency_text,
    chart_data,
    completion_text,
    overdue_text,
    slowest_text,
    targets_text,
    upcoming_text,
)
from reports.outputs.charts import ChartData
from reports.questions.parse import Question, looks_like_progress_question, parse_question
from storage.models import Official
from storage.queries.facts import agencies_for_matching

logger = logging.getLogger(__name__)

# Re-exported: callers import these from reports.answers.core.
__all__ = [
    "CHART_INTENTS",
    "EXAMPLES",
    "MAX_LIST",
    "NOT_UNDERSTOOD",
    "TEXTS",
    "Answer",
    "ChartRequest",
    "Scope",
    "answer_question",
    "by_agency_text",
    "chart_data",
    "chart_for",
    "completion_text",
    "esc",
    "intent_answer",
    "is_leader",
    "load_scope",
    "overdue_text",
    "scope_statuses",
    "slowest_text",
    "targets_text",
    "upcoming_text",
    "viewer_organization",
    "viewer_report",
]


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
    *, session: Session, text: str, viewer: Official, today: date, periods: PeriodPolicy
) -> Answer | None:
    """Answer a progress question; None when the text is not one (the caller may search instead)."""
    # Whether the text is a question does not depend on the agencies it may name: most free texts
    # are searches, so read the agencies only for a question, then read the question again with them.
    question = parse_question(text, today=today, mode=periods.mode, policy=periods)
    if question is None:
        return Answer(NOT_UNDERSTOOD) if looks_like_progress_question(text) else None
    org_id = viewer_organization(session=session, viewer=viewer)
    agencies = agencies_for_matching(session=session, organization_id=org_id) if org_id is not None else []
    if agencies:
        question = (
            parse_question(text, today=today, mode=periods.mode, agencies=agencies, policy=periods)
            or question
        )
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
