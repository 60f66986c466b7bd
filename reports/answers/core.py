"""Answers to leaders' and officials' questions: read the question into a Frame
(reports/questions/), complete it from the chat's last frame, answer it from the one status model,
the figures and the documents, and say the period and scope answered for.

Entry points: `answer_question` (free text, `planbot ask`), `intent_answer` (the commands /tyle,
/quahan, /donvi, /chitieu), `chart_for` (the chart button), `viewer_report` (/baocao).
Officials see only their agency's tasks; leaders and admins the whole organization.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from plans.periods import Period, PeriodPolicy, period_code
from plans.snapshot import OrgFacts, org_facts
from reports.answers import card as One
from reports.answers import compare as C
from reports.answers import documents as D
from reports.answers import figures as F
from reports.answers import people as P
from reports.answers import tasks as T
from reports.answers.context import Asked, default_period, is_leader, question_context, view_of
from reports.answers.measured import known_by, load_figures
from reports.answers.result import Answer, Button, ChartRequest
from reports.answers.scope import Scope, esc, load_scope, scope_statuses, viewer_organization, viewer_report
from reports.answers.texts import chart_data
from reports.answers.words import EXAMPLES, NOT_UNDERSTOOD, header, offtopic_text
from reports.outputs.charts import ChartData
from reports.questions.followup import merge
from reports.questions.frame import Frame
from reports.questions.parse import PeriodError, parse
from storage.models import Official
from storage.queries.indicators import IndicatorRow

logger = logging.getLogger(__name__)

__all__ = [
    "CHART_INTENTS",
    "EXAMPLES",
    "NOT_UNDERSTOOD",
    "Answer",
    "ChartRequest",
    "Scope",
    "answer_frame",
    "answer_page",
    "answer_question",
    "chart_data",
    "chart_for",
    "esc",
    "intent_answer",
    "is_leader",
    "load_scope",
    "scope_statuses",
    "viewer_organization",
    "viewer_report",
]

CHART_INTENTS = {"completion", "by_agency", "slowest_agency"}
NO_ORGANIZATION = "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
NO_AGENCY = "Tài khoản chưa gắn với cơ quan/đơn vị nào: liên hệ quản trị viên."
_QUESTION_WORDS = re.compile(
    r"\b(?:bao nhieu|nao|gi|chua|the nao|ra sao|den dau|khong|may|ty le|danh sach|liet ke|xong|lam)\b|\?"
)
_SUPERLATIVE = re.compile(r"\b(?:cham|kem|thap|yeu)\s+nhat\b")


def _frame_of(memory: Frame | dict[str, Any] | None) -> Frame | None:
    if memory is None or isinstance(memory, Frame):
        return memory
    try:
        return Frame.from_dict(memory)
    except (KeyError, TypeError, ValueError):  # a memory written by an older version: forget it
        return None


def answer_question(
    *,
    session: Session,
    text: str,
    viewer: Official,
    today: date,
    periods: PeriodPolicy,
    memory: Frame | dict[str, Any] | None = None,
    page: int = 0,
) -> Answer | None:
    """Answer a question; None when the text is not one (the caller searches the tasks instead).

    `memory` is the frame the chat's last answer left (Answer.remember), for follow-ups."""
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return Answer(NO_ORGANIZATION) if _QUESTION_WORDS.search(text.lower()) else None
    facts = org_facts(session=session, organization_id=org_id)
    figures = load_figures(session=session, organization_id=org_id, facts=facts)
    ctx = question_context(
        session=session, facts=facts, organization_id=org_id, viewer=viewer, figures=figures
    )
    remembered = _frame_of(memory)
    try:
        frame = parse(text, today=today, ctx=ctx, policy=periods, memory=remembered)
    except PeriodError as exc:
        del exc  # the period as read, not as typed: never echoed as the user's words
        return Answer(f"Không có kỳ này: một năm có 4 quý (I–IV) và 12 tháng.\n{NOT_UNDERSTOOD}")
    if frame is None:
        return None
    answered, remember = merge(frame, remembered)
    if page:
        answered = answered.but(page=page)
    if answered.ask is None:
        return _unsure(facts, answered)
    if (
        not is_leader(viewer)
        and frame.ask == "list"
        and frame.topic
        and not _QUESTION_WORDS.search(frame.text)
    ):
        return None  # an official's bare words are a search for the task to report on
    logger.info("question ask=%s period=%s agency=%s", answered.ask, answered.period, answered.agency_id)
    answer = answer_frame(session=session, facts=facts, viewer=viewer, frame=answered, today=today,
                          periods=periods, figures=figures)  # fmt: skip
    if remember.period is None and answer.period is not None and remember.ask == answered.ask:
        # the period the answer was for (the default one when none was named) is the period the
        # chat is about: "thế còn quý trước?" steps back from it
        remember = remember.but(period=answer.period, periods=(answer.period,))
    answer.remember = remember if answer.kind not in (None, "offtopic") else None
    return answer


def answer_frame(
    *,
    session: Session,
    facts: OrgFacts,
    viewer: Official,
    frame: Frame,
    today: date,
    periods: PeriodPolicy,
    figures: Sequence[IndicatorRow] | None = None,
) -> Answer:
    """The answer to a frame, computed for the viewer's scope."""
    if frame.ask == "offtopic":
        other = frame.offtopic == "other_commune"
        return Answer(offtopic_text(facts.context.name, other), "offtopic", frame=frame)
    if not is_leader(viewer) and viewer.agency_id is None:
        return Answer(esc(NO_AGENCY), frame=frame)
    if figures is None:
        org_id = viewer_organization(session=session, viewer=viewer)
        figures = load_figures(session=session, organization_id=org_id, facts=facts) if org_id else []
    view = view_of(facts, viewer, frame, today, periods)
    asked = Asked(session, facts, view, frame, known_by(figures, today))
    period = frame.period or default_period(asked)
    if frame.ask == "task" and frame.field is not None and not frame.period_given:
        period = None  # a task's lead or deadline is the plan's, whatever period the chat is about
    if frame.ask in ("chart", "report"):
        return _bot_feature(session, viewer, frame, period or periods.containing(today), today)
    answer = _dispatch(asked, period)
    answer.frame = frame
    if answer.kind in ("rate", "rank", "compare") and answer.period is not None and not answer.no_data:
        answer.chart_request = ChartRequest(period_code(answer.period), view.agency_id)
    return answer


def _dispatch(asked: Asked, period: Period | None) -> Answer:
    frame = asked.frame
    ask = frame.ask
    if ask in ("indicator",):
        return F.indicator(asked, period or asked.policy.default_for_questions(asked.today))
    if ask in ("compare", "rank") and frame.dimension == "indicator":
        return F.compare_figures(asked, period or asked.policy.default_for_questions(asked.today))
    if ask in ("compare", "rank"):
        answer = C.compare_tasks(asked, period)
        if ask == "rank" and not _SUPERLATIVE.search(frame.text) and answer.text.count("\n") > 1:
            lines = answer.text.split("\n")
            answer.text = "\n".join(line for line in lines if not line.startswith("Đơn vị chậm nhất"))
        return answer
    if ask == "documents":
        return D.documents(asked, period)
    if period is None and ask == "count":
        return T.count(asked, None)
    if ask == "task":
        found = One.find_task(asked, period)
        if found is not None:
            return One.one_task(asked, period, found)
        if frame.codes:
            return Answer(f"Không thấy nhiệm vụ {esc(', '.join(frame.codes))} trong kế hoạch bạn xem được.",
                          "task", period, asked.view.label, frame=frame)  # fmt: skip
        ask = "list"
    period = period or asked.policy.default_for_questions(asked.today)
    if ask == "people":
        return P.people(asked, period)
    if ask == "rate" and frame.topic and T.topic_tasks(asked, asked.tasks(period), frame.topic) is not None:
        return T.listing(asked, period)  # "số hóa hồ sơ đến đâu rồi?": the tasks of that topic
    if ask == "rate":
        return T.rate(asked, period)
    if ask == "count":
        return T.count(asked, period)
    if ask == "upcoming":
        return T.upcoming(asked, period)
    if ask == "not_reported":
        return T.listing(asked, period, kind="not_reported")
    answer = T.listing(asked, period)
    if not answer.codes and frame.topic and frame.metrics:
        return F.indicator(asked.__class__(asked.session, asked.facts, asked.view, frame.but(ask="indicator"),
                                           asked.figures), period)  # fmt: skip
    return answer


def _bot_feature(session: Session, viewer: Official, frame: Frame, period: Period, today: date) -> Answer:
    scope = load_scope(session=session, viewer=viewer, period=period, today=today, agency_id=frame.agency_id)
    if isinstance(scope, str):
        return Answer(esc(scope), frame=frame)
    if frame.ask == "report":
        text = f"{scope.header}: đang lập báo cáo kết quả thực hiện nhiệm vụ…"
        return Answer(text, "report", period, scope.label, report_period=period, frame=frame)
    request = ChartRequest(period_code(period), scope.agency_id)
    return Answer(f"Biểu đồ {scope.header}.", "chart", period, scope.label, chart_request=request, send_chart=True,
                  frame=frame)  # fmt: skip


def _unsure(facts: OrgFacts, frame: Frame) -> Answer | None:
    """A fragment with nothing to complete it: offer the likeliest readings ("Ý anh/chị là: …")."""
    names = facts.context.agency_names
    agency = names.get(frame.agency_id) if frame.agency_id is not None else None
    label = frame.period.label if frame.period is not None else ""
    when = f" {label[:1].lower()}{label[1:]}" if label else ""  # "quý II/2023", not "quý ii/2023"
    if agency:
        choices = [f"tỷ lệ hoàn thành{when} của {agency}", f"{agency} còn việc gì chưa làm{when}",
                   f"{agency} có việc gì quá hạn"]  # fmt: skip
    elif frame.period is not None:
        choices = [f"tỷ lệ hoàn thành{when}", f"những việc chưa thực hiện{when}", f"việc nào đến hạn{when}"]
    elif frame.status is not None:
        words = {"done": "đã thực hiện", "in_progress": "đang thực hiện", "not_done": "chưa thực hiện",
                 "overdue": "quá hạn", "no_report": "chưa có báo cáo"}.get(frame.status, "chưa thực hiện")  # fmt: skip
        choices = [f"những việc {words}", f"có bao nhiêu việc {words}"]
    else:
        return None
    buttons = tuple((Button(choice[:60], "choice", str(i)),) for i, choice in enumerate(choices[:3]))
    return Answer(
        "Ý anh/chị là:", None, frame.period, choices=tuple(choices[:3]), buttons=buttons, frame=frame
    )


# ---------------------------------------------------------------- the commands


_COMMAND_FRAMES = {
    "completion": Frame(ask="rate"),
    "overdue": Frame(ask="list", status="overdue"),
    "upcoming": Frame(ask="upcoming"),
    "by_agency": Frame(ask="rank", dimension="agency", order="worst", measure="rate", text="theo don vi"),
    "slowest_agency": Frame(ask="rank", dimension="agency", order="worst", measure="rate", text="cham nhat"),
    "targets": Frame(ask="indicator"),
    "targets_unmet": Frame(ask="indicator", unmet=True),
}


def intent_answer(
    *,
    session: Session,
    viewer: Official,
    intent: str,
    period: Period,
    today: date,
    agency_id: int | None = None,
    metric: str | None = None,
    periods: PeriodPolicy | None = None,
) -> Answer:
    """The answer of a command (/tyle, /quahan, /donvi, /chitieu) for a period."""
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return Answer(esc(NO_ORGANIZATION))
    if intent == "report":
        scope = load_scope(session=session, viewer=viewer, period=period, today=today)
        if isinstance(scope, str):
            return Answer(esc(scope))
        return Answer(f"{scope.header}: đang lập báo cáo kết quả thực hiện nhiệm vụ…", report_period=period)
    base = _COMMAND_FRAMES.get(intent, _COMMAND_FRAMES["completion"])
    frame = base.but(period=period, periods=(period,), period_given=True, agency_id=agency_id)
    facts = org_facts(session=session, organization_id=org_id)
    answer = answer_frame(session=session, facts=facts, viewer=viewer, frame=frame, today=today,
                          periods=periods or PeriodPolicy())  # fmt: skip
    if intent not in CHART_INTENTS:
        answer.chart_request = None
    return answer


def chart_for(
    *, session: Session, viewer: Official, period: Period, today: date, agency_id: int | None = None
) -> ChartData | str:
    """The data of a chart (the caller renders it off the event loop)."""
    scope = load_scope(session=session, viewer=viewer, period=period, today=today, agency_id=agency_id)
    return scope if isinstance(scope, str) else chart_data(scope)


def answer_header(period: Period | None, label: str) -> str:
    return header(period, label)


def answer_page(
    *,
    session: Session,
    viewer: Official,
    frame: Frame | dict[str, Any],
    today: date,
    periods: PeriodPolicy,
    page: int,
) -> Answer | None:
    """Another page of an answer, computed again for the viewer (a button proves nothing)."""
    found = _frame_of(frame)
    org_id = viewer_organization(session=session, viewer=viewer)
    if found is None or found.ask is None or org_id is None:
        return None
    facts = org_facts(session=session, organization_id=org_id)
    return answer_frame(session=session, facts=facts, viewer=viewer, frame=found.but(page=max(page, 0)),
                        today=today, periods=periods)  # fmt: skip
