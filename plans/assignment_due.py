"""Setting a personal due date on the assignment panel ("📅 Hạn riêng"): who may (whoever may assign
the task, plans/access.py may_assign, for an assignee they may assign), what may be typed and which
days are refused (before today, or after the task's own due date: plans/personal_due.py own_limit).
Every step is re-authorised; the change is audited (`assignee_due_set` / `assignee_due_cleared`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from plans.assignments import assignable_person
from plans.personal_due import own_limit, parse_due
from plans.snapshot import org_facts
from plans.tasks import Today
from storage.facts import TaskFacts
from storage.models import AuditLog, Official
from storage.queries.assignments import due_dates_of_task, set_due_date
from storage.text import date_vi, fold

logger = logging.getLogger(__name__)

CLEAR_WORDS = frozenset({"bo", "xoa", "khong", "bo han", "bo han rieng", "xoa han rieng"})


class DueError(ValueError):
    """A personal due date refused; the message says why, in Vietnamese."""

    def __init__(self, message: str, *, denied: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.denied = denied  # not allowed at all (the handler says "Không có quyền")


@dataclass(frozen=True)
class DueProposal:
    task_id: int
    code: str
    official_id: int
    full_name: str
    due: date | None  # None: the personal date is cleared
    before: date | None
    limit: date | None
    chat_id: int | None = None

    @property
    def changes_nothing(self) -> bool:
        return self.due == self.before


def _target(
    session: Session, official: Official, task_id: int, official_id: int
) -> tuple[TaskFacts, DueProposal]:
    found = assignable_person(session=session, official=official, task_id=task_id, official_id=official_id)
    if found is None:
        raise DueError("Không có quyền", denied=True)
    task, person, assigned = found
    if not assigned:
        raise DueError(f"{person.full_name} không còn được giao nhiệm vụ {task.code}.")
    before = due_dates_of_task(session=session, task_id=task_id).get(official_id)
    return task, DueProposal(
        task.id, task.code, person.id, person.full_name, None, before, None, person.chat_id
    )


def due_target(*, session: Session, official: Official, task_id: int, official_id: int) -> DueProposal:
    """The assignee whose personal date the viewer is about to set, with the date they have now;
    DueError (denied) when the viewer may not."""
    return _target(session, official, task_id, official_id)[1]


def propose_due(
    *, session: Session, official: Official, task_id: int, official_id: int, text: str, today: Today
) -> DueProposal:
    """What typing `text` would set (a day, or «bỏ» to clear); DueError says why not."""
    task, shell = _target(session, official, task_id, official_id)
    if fold(text).lower().strip(" .!") in CLEAR_WORDS:
        return shell
    due = parse_due(text, today.day)
    if due is None:
        raise DueError(
            "Không đọc được ngày. Gõ ngày/tháng, vd 15/3 hoặc 15/03/2026, hoặc «bỏ» để bỏ hạn riêng."
        )
    return _checked(session, task, replace(shell, due=due), today)


def _checked(session: Session, task: TaskFacts, proposal: DueProposal, today: Today) -> DueProposal:
    facts = org_facts(session=session, organization_id=task.organization_id)
    limit = own_limit(task, facts.reports.get(task.id, ()), today.day, today.policy)
    due = proposal.due
    if due is not None and due < today.day:
        raise DueError(
            f"Hạn riêng {date_vi(due)} đã qua (hôm nay là {date_vi(today.day)}). Gõ một ngày khác."
        )
    if due is not None and limit is not None and due > limit:
        raise DueError(
            f"Hạn riêng {date_vi(due)} muộn hơn hạn của nhiệm vụ {task.code} ({date_vi(limit)}). "
            f"Hạn riêng phải trong hạn của nhiệm vụ: gõ một ngày đến {date_vi(limit)}."
        )
    return replace(proposal, limit=limit)


def set_personal_due(
    *,
    session: Session,
    official: Official,
    task_id: int,
    official_id: int,
    due: date | None,
    today: Today,
    actor_user_id: int | None,
) -> DueProposal:
    """Store the personal date (checked again: the confirmation's press proves nothing); audited."""
    task, shell = _target(session, official, task_id, official_id)
    proposal = _checked(session, task, replace(shell, due=due), today)
    set_due_date(session=session, task_id=task_id, official_id=official_id, due=due)
    session.add(
        AuditLog(
            actor_user_id=actor_user_id,
            action="assignee_due_set" if due is not None else "assignee_due_cleared",
            detail={
                "task_id": task_id,
                "code": task.code,
                "official_id": official_id,
                "due": due.isoformat() if due else None,
                "before": proposal.before.isoformat() if proposal.before else None,
                "by": official.id,
            },
        )
    )
    session.flush()
    logger.info("personal due of task %s for official %s: %s (by %s)", task_id, official_id, due, official.id)
    return proposal
