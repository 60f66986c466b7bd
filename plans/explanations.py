"""An agency's explanation (giải trình), the use cases behind its conversation: what is being
explained (for the prompts), and storing the answer, re-checking at that moment that the official
belongs to the agency asked. The answer then shows on the task's card, in the report files
("Lý do chưa hoàn thành") and goes to the leader who asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from plans.periods import period_label
from plans.snapshot import org_facts
from storage.models import AuditLog, EscalationKind, Explanation, Official, Role
from storage.queries.explanations import explanation_by_id, save_answer
from storage.queries.officials import official_by_id, official_by_telegram_id
from storage.text import nfc, shorten

MAX_ANSWER = 3000


@dataclass(frozen=True)
class ExplanationAsk:
    """What the official is asked to explain."""

    explanation_id: int
    subject: str  # "nhiệm vụ II.3 Số hóa hồ sơ …" / "báo cáo Quý IV/2025 của Văn phòng …"
    period: str  # "Quý IV/2025"
    agency: str
    asked_by: str
    answered: bool


@dataclass(frozen=True)
class AnswerResult:
    ask: ExplanationAsk
    answer: str
    answered_by: str
    leader_chat_id: int | None  # the leader who asked (None: gone or unreachable)
    attachment_file_id: str | None = None
    attachment_name: str | None = None


def _may_answer(official: Official, row: Explanation, groups: dict[int, frozenset[int]]) -> bool:
    if not official.active or official.organization_id not in (None, row.organization_id):
        return False
    if official.role == Role.admin:
        return True
    if official.agency_id is None:
        return False
    mine = {official.agency_id, *groups.get(official.agency_id, ())}
    return row.agency_id in mine


def _ask(session: Session, row: Explanation) -> ExplanationAsk:
    assert row.id is not None
    facts = org_facts(session=session, organization_id=row.organization_id)
    names = facts.context.agency_names
    period = period_label(row.period_start, row.period_end)
    agency = names.get(row.agency_id, "?")
    task = facts.task_by_id.get(row.task_id or 0) if row.kind == EscalationKind.overdue else None
    if task is not None:
        subject = f"nhiệm vụ {task.code} {shorten(task.content, 160)}"
    else:
        subject = f"báo cáo {period} của {agency}"
    leader = official_by_id(session=session, official_id=row.requested_by) if row.requested_by else None
    return ExplanationAsk(
        row.id, subject, period, agency, leader.full_name if leader else "", row.answer is not None
    )


def explanation_ask(*, session: Session, telegram_user_id: int, explanation_id: int) -> ExplanationAsk | None:
    """What to explain, or None when this official may not answer it."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    row = explanation_by_id(session=session, explanation_id=explanation_id)
    if official is None or row is None:
        return None
    groups = dict(org_facts(session=session, organization_id=row.organization_id).context.groups)
    return _ask(session, row) if _may_answer(official, row, groups) else None


def answer_explanation(
    *,
    session: Session,
    telegram_user_id: int,
    explanation_id: int,
    text: str,
    now: datetime,
    attachment: dict[str, Any] | None = None,
) -> AnswerResult | None:
    """Store the answer (re-authorised now: a draft proves nothing); None when not allowed."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    row = explanation_by_id(session=session, explanation_id=explanation_id)
    if official is None or official.id is None or row is None:
        return None
    groups = dict(org_facts(session=session, organization_id=row.organization_id).context.groups)
    if not _may_answer(official, row, groups):
        return None
    answer = nfc(text).strip()[:MAX_ANSWER]
    saved = save_answer(
        session=session,
        explanation_id=explanation_id,
        answer=answer,
        official_id=official.id,
        now=now.astimezone(UTC),  # stored times are UTC
        attachment=attachment,
    )
    assert saved is not None
    session.add(
        AuditLog(
            actor_user_id=telegram_user_id,
            action="explanation_answered",
            detail={"explanation_id": explanation_id, "task_id": row.task_id, "agency_id": row.agency_id},
        )
    )
    leader = official_by_id(session=session, official_id=row.requested_by) if row.requested_by else None
    reachable = leader is not None and leader.active and leader.reachable
    return AnswerResult(
        ask=_ask(session, saved),
        answer=answer,
        answered_by=official.full_name,
        leader_chat_id=(leader.chat_id or leader.telegram_user_id) if reachable and leader else None,
        attachment_file_id=saved.attachment_file_id,
        attachment_name=saved.attachment_name,
    )
