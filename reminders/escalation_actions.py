"""The two buttons of an escalation notice, as use cases: "Nhắc đơn vị" (remind the agency's
officials, once per notice) and "Yêu cầu giải trình" (ask the agency for an explanation, once per
task or agency and period). Both re-check who pressed; both return the messages to send, which the
handler sends (nothing here knows Telegram)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session

from plans.periods import period_label
from plans.snapshot import org_facts
from reminders.digest import Button, esc
from reminders.due import expand_agencies
from reminders.escalation import MISSING
from storage.models import Escalation, Official, Role
from storage.queries.escalations import claim_reminder, escalation_by_id
from storage.queries.explanations import request_explanation
from storage.queries.officials import officials_of_agency
from storage.text import date_vi, shorten

GONE = "Thông báo này không còn hiệu lực."
NOT_ALLOWED = "Chỉ lãnh đạo của xã/phường được dùng nút này."


@dataclass(frozen=True)
class Outgoing:
    """One message to one official (HTML-safe text, digest-style buttons)."""

    official_id: int
    chat_id: int
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class ActionResult:
    ok: bool
    text: str  # for the leader who pressed (HTML-safe)
    messages: list[Outgoing] = field(default_factory=list)


def _allowed(official: Official, escalation: Escalation) -> bool:
    if not official.active or official.role not in (Role.leader, Role.admin):
        return False
    return official.organization_id in (None, escalation.organization_id) and (
        official.organization_id is not None or official.role == Role.admin
    )


@dataclass(frozen=True)
class _Subject:
    agency_ids: frozenset[int]
    agency_names: str
    label: str  # "nhiệm vụ II.3 Số hóa hồ sơ …" / "báo cáo Quý IV/2025"
    task_id: int | None
    task_code: str


def _subject(session: Session, escalation: Escalation) -> _Subject | None:
    facts = org_facts(session=session, organization_id=escalation.organization_id)
    names = facts.context.agency_names
    period = period_label(escalation.period_start, escalation.period_end)
    if escalation.kind == MISSING:
        agency_id = escalation.subject_id
        return _Subject(frozenset({agency_id}), names.get(agency_id, "?"), f"báo cáo {period}", None, "")
    task = facts.task_by_id.get(escalation.task_id or 0)
    if task is None:
        return None
    who = "; ".join(sorted(names.get(a, "?") for a in task.lead_agency_ids))
    label = f"nhiệm vụ {task.code} {shorten(task.content, 160)}"
    return _Subject(task.lead_agency_ids, who, label, task.id, task.code)


def _recipients(session: Session, organization_id: int, agency_ids: frozenset[int]) -> list[Official]:
    facts = org_facts(session=session, organization_id=organization_id)
    found: dict[int, Official] = {}
    for agency_id in sorted(expand_agencies(agency_ids, facts.context.members)):
        for person in officials_of_agency(session=session, agency_id=agency_id):
            if person.id is not None and person.reachable and person.role != Role.leader:
                found[person.id] = person
    return list(found.values())


def _load(session: Session, official: Official, escalation_id: int) -> tuple[Escalation, _Subject] | str:
    escalation = escalation_by_id(session=session, escalation_id=escalation_id)
    if escalation is None:
        return GONE
    if not _allowed(official, escalation):
        return NOT_ALLOWED
    subject = _subject(session, escalation)
    return GONE if subject is None else (escalation, subject)


def remind_agency(*, session: Session, official: Official, escalation_id: int, now: datetime) -> ActionResult:
    """Remind the officials of the agencies concerned, once per notice."""
    found = _load(session, official, escalation_id)
    if isinstance(found, str):
        return ActionResult(False, esc(found))
    escalation, subject = found
    if not claim_reminder(session=session, escalation_id=escalation_id, now=now.astimezone(UTC)):
        return ActionResult(True, f"Đã nhắc {esc(subject.agency_names)} về {esc(subject.label)} trước đó.")
    people = _recipients(session, escalation.organization_id, subject.agency_ids)
    if escalation.kind == MISSING:
        text = (
            f"🔔 <b>Lãnh đạo nhắc báo cáo</b> ({esc(official.full_name)})\n"
            f"Đơn vị <b>{esc(subject.agency_names)}</b> chưa gửi {esc(subject.label)}; hạn báo cáo đã qua.\n"
            "Gõ /viec để xem các nhiệm vụ và /xong để báo cáo."
        )
        buttons: tuple[tuple[Button, ...], ...] = ()
    else:
        text = (
            f"🔔 <b>Lãnh đạo nhắc việc</b> ({esc(official.full_name)})\n"
            f"{esc(subject.label[:1].upper() + subject.label[1:])} đã quá hạn {escalation.days_overdue} ngày làm việc.\n"
            "Đề nghị đơn vị khẩn trương thực hiện và báo cáo tiến độ."
        )
        assert subject.task_id is not None
        code = subject.task_code
        buttons = (
            (
                Button(f"📄 {code}", "card", subject.task_id),
                Button(f"✍️ Báo cáo {code}", "report", subject.task_id),
            ),
        )
    messages = [
        Outgoing(p.id or 0, p.chat_id or p.telegram_user_id, text, buttons)
        for p in people
        if p.id is not None
    ]
    if not messages:
        return ActionResult(True, f"{esc(subject.agency_names)} chưa có cán bộ nào dùng bot để nhắc.")
    return ActionResult(True, f"Đã nhắc {len(messages)} cán bộ của {esc(subject.agency_names)}.", messages)


def ask_explanation(
    *, session: Session, official: Official, escalation_id: int, now: datetime
) -> ActionResult:
    """Ask the agency for an explanation: once per task or agency and period."""
    found = _load(session, official, escalation_id)
    if isinstance(found, str):
        return ActionResult(False, esc(found))
    escalation, subject = found
    agency_id = escalation.subject_id if escalation.kind == MISSING else min(subject.agency_ids, default=None)
    if agency_id is None:
        return ActionResult(False, "Nhiệm vụ chưa có cơ quan chủ trì để yêu cầu giải trình.")
    explanation_id, created = request_explanation(
        session=session,
        values={
            "organization_id": escalation.organization_id,
            "kind": escalation.kind,
            "subject_id": escalation.subject_id,
            "task_id": escalation.task_id,
            "agency_id": agency_id,
            "period_start": escalation.period_start,
            "period_end": escalation.period_end,
            "escalation_id": escalation.id,
            "requested_by": official.id,
            "requested_at": now.astimezone(UTC),  # stored times are UTC
        },
    )
    if not created:
        return ActionResult(
            True, f"Đã yêu cầu {esc(subject.agency_names)} giải trình về {esc(subject.label)}."
        )
    reason = "chưa báo cáo" if escalation.kind == MISSING else "chưa hoàn thành"
    text = (
        f"📝 <b>Yêu cầu giải trình</b> ({esc(official.full_name)}, {date_vi(now.date())})\n"
        f"Về {esc(subject.label)}: đề nghị {esc(subject.agency_names)} giải trình lý do {reason}.\n"
        "Bấm «Giải trình» để trả lời; có thể gửi kèm văn bản."
    )
    buttons = ((Button("✍️ Giải trình", "answer", explanation_id),),)
    people = _recipients(session, escalation.organization_id, subject.agency_ids)
    messages = [
        Outgoing(p.id or 0, p.chat_id or p.telegram_user_id, text, buttons)
        for p in people
        if p.id is not None
    ]
    tail = f" ({len(messages)} cán bộ nhận được)" if messages else "; đơn vị chưa có cán bộ nào dùng bot"
    return ActionResult(True, f"Đã yêu cầu {esc(subject.agency_names)} giải trình{tail}.", messages)
