"""The weekly summary posted in a bound group chat: rates by agency (or the group's agency's rate)
and the overdue tasks by code and title only; nothing about people or their evidence, since
everyone in the group reads it."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from plans.group_chats import GroupScope, summary_viewer
from plans.periods import PeriodPolicy, quarter_containing
from reports.answers.core import intent_answer
from storage.text import date_vi


def weekly_summary_text(*, session: Session, scope: GroupScope, today: date, periods: PeriodPolicy) -> str:
    viewer = summary_viewer(scope)
    period = quarter_containing(today, periods.mode)
    rates = intent_answer(
        session=session,
        viewer=viewer,
        intent="by_agency" if scope.agency_id is None else "completion",
        period=period,
        today=today,
        periods=periods,
        agency_id=scope.agency_id,
    )
    overdue = intent_answer(
        session=session,
        viewer=viewer,
        intent="overdue",
        period=period,
        today=today,
        periods=periods,
        agency_id=scope.agency_id,
    )
    return "\n\n".join([f"📅 <b>Tổng hợp tuần</b> (ngày {date_vi(today)})", rates.text, overdue.text])
