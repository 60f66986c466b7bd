"""Free text in one transaction: the question engine's answer, else the task search.

Most free text an official types is a search (handlers/freetext.py): asking the engine first and then
searching in a second call cost a second hop to the database thread and a second transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from plans.periods import PeriodPolicy
from plans.tasks import TaskLine, Today, search
from reports.answers.core import answer_question
from reports.answers.result import Answer
from reports.questions.frame import Frame
from storage.models import Official


def answer_or_search(
    *,
    session: Session,
    text: str,
    viewer: Official,
    today: date,
    search_day: Today,
    periods: PeriodPolicy,
    memory: Frame | dict[str, Any] | None = None,
) -> Answer | list[TaskLine]:
    """The answer when the text asks a question, else the tasks that best match it."""
    answer = answer_question(
        session=session, text=text, viewer=viewer, today=today, periods=periods, memory=memory
    )
    if answer is not None:
        return answer
    return search(session=session, official=viewer, query=text, today=search_day)
