"""The fields an admin may correct on a task, each as one line of text: what the task holds now, how a
typed value is read (the deadline and the targets with the importer's own parsers, the agencies with
the organization's matcher) and written back, and how planbot understood it.

A field's text is what a TaskEdit row keeps as old and new value, and what a re-import compares
with the document's cell (plans/correction_keep.py), so the same function writes it everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from plans.agencies import AgencyMatcher, agency_key, is_group_agency, split_agencies
from plans.parsing.deadlines import parse_deadline
from plans.parsing.targets import parse_targets
from plans.parsing.types import Deadline, ParsedNode, Target
from storage.models import Agency, LinkRole, Plan, Task, TaskAgency
from storage.queries.corrections import agency_names_by_id, links_of_task
from storage.queries.plans import agencies_with_aliases
from storage.text import date_vi, fold, nfc, number_vi, squash

CONTENT, LEAD, COORDINATING, DEADLINE, PRODUCT, TARGETS = (
    "content",
    "lead",
    "coordinating",
    "deadline",
    "product",
    "targets",
)
REMOVED, ADDED = "removed", "added"
FIELDS = (CONTENT, LEAD, COORDINATING, DEADLINE, TARGETS, PRODUCT)
FIELD_NAMES = {
    CONTENT: "Nội dung",
    LEAD: "Chủ trì",
    COORDINATING: "Phối hợp",
    DEADLINE: "Thời hạn",
    TARGETS: "Chỉ tiêu",
    PRODUCT: "Sản phẩm",
    REMOVED: "Xoá nhiệm vụ",
    ADDED: "Thêm nhiệm vụ",
}
# Fields that may be emptied: "-" or "không" typed as the value.
CLEARABLE = (COORDINATING, PRODUCT, TARGETS)
_EMPTY_WORDS = {"-", "khong", "khong co", "bo", "xoa", "none"}
NOTHING = "(không có)"


class CorrectionError(Exception):
    """A correction that cannot be made; `message` is shown to the admin as it is."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # no_permission | not_found | bad_field | empty | bad_value
        self.message = message


def clean_value(field: str, value: str) -> str:
    """The typed value, NFC and squashed; "" for an emptied clearable field."""
    text = squash(nfc(value or "")).strip()
    if field in CLEARABLE and fold(text) in _EMPTY_WORDS:
        return ""
    if not text and field not in CLEARABLE:
        raise CorrectionError("empty", f"{FIELD_NAMES.get(field, field)} không được để trống.")
    if len(text) > 2000:
        raise CorrectionError("bad_value", "Nội dung quá dài (tối đa 2.000 ký tự).")
    return text


def targets_text(targets: Sequence[Target] | Sequence[dict[str, Any]]) -> str:
    """Targets as one line the target parser reads back: "hồ sơ tiếp nhận trực tuyến đạt tối thiểu 80%"."""
    parts = []
    for target in targets:
        minimum: object
        if isinstance(target, Target):
            metric, minimum = target.metric, target.min_percent
        else:
            metric, minimum = str(target.get("metric") or ""), target.get("min_percent")
        if isinstance(minimum, int | float):
            parts.append(f"{metric} đạt tối thiểu {number_vi(float(minimum))}%")
    return "; ".join(parts)


def deadline_frame(plan: Plan | None) -> tuple[int | None, tuple[int, int] | None]:
    """The year and span a typed deadline is read in: the plan's, as the importer read the document."""
    if plan is None:
        return None, None
    span = None
    if plan.period_start is not None and plan.period_end is not None:
        span = (plan.period_start.year, plan.period_end.year)
    return plan.year, span


def read_deadline(text: str, plan: Plan | None) -> Deadline:
    year, span = deadline_frame(plan)
    return parse_deadline(text, year=year, span=span)


_MONTHLY = "hằng tháng"


def _recurrence_text(rule: str | None) -> str:
    if not rule:
        return "định kỳ"
    kind, _, day = rule.partition(":")
    names = {"monthly": _MONTHLY, "quarterly": "hằng quý", "yearly": "hằng năm", "weekly": "hằng tuần"}
    text = f"định kỳ {names.get(kind, kind)}"
    return f"{text}, trước ngày {day}" if day else text


def deadline_understood(deadline: Deadline) -> str:
    """How planbot reads a deadline: "Chậm nhất 15/09/2025", "Thường xuyên (01/01/2025–31/12/2025)"."""
    due, start = deadline.due, deadline.start
    if deadline.kind == "date" and due is not None:
        return f"Chậm nhất {date_vi(due)}"
    if deadline.kind in ("month", "quarter") and due is not None:
        return f"Trong {date_vi(start)}–{date_vi(due)}, chậm nhất {date_vi(due)}"
    if deadline.kind == "range" and due is not None:
        return f"Từ {date_vi(start)} đến {date_vi(due)}" if start else f"Chậm nhất {date_vi(due)}"
    if deadline.kind == "recurring":
        window = f" ({date_vi(start)}–{date_vi(due)})" if start and due else ""
        return _recurrence_text(deadline.recurrence).capitalize() + window
    if deadline.kind == "continuous":
        window = f" ({date_vi(start)}–{date_vi(due)})" if start and due else ""
        return f"Thường xuyên{window}"
    if deadline.kind == "on_demand":
        return "Khi có phát sinh / theo yêu cầu (không tính quá hạn)"
    return "Chưa hiểu được thời hạn này: nhiệm vụ sẽ không có hạn để nhắc và tính quá hạn"


@dataclass(frozen=True)
class Reading:
    """A typed value as planbot understood it, before anything is written."""

    field: str
    value: str  # the cleaned text, kept as TaskEdit.new_value
    shown: str  # what the confirmation shows
    new_agencies: tuple[str, ...] = ()


def _agency_names(session: Session, task: Task, role: str) -> list[str]:
    assert task.id is not None
    ids = [link.agency_id for link in links_of_task(session=session, task_id=task.id) if link.role == role]
    names = agency_names_by_id(session=session, agency_ids=ids)
    return sorted((names[i] for i in ids if i in names), key=fold)


def current_value(session: Session, task: Task, field: str) -> str:
    """The field's text now: the plan's own wording for agencies (lead_text) when it has one."""
    if field == CONTENT:
        return task.content
    if field == DEADLINE:
        return task.deadline_text or ""
    if field == PRODUCT:
        return task.product or ""
    if field == TARGETS:
        return targets_text(task.targets)
    if field in (LEAD, COORDINATING):
        written = task.lead_text if field == LEAD else task.coordinating_text
        return written if written is not None else "; ".join(_agency_names(session, task, field))
    raise CorrectionError("bad_field", f"Không sửa được trường «{field}».")


def shown_value(session: Session, task: Task, field: str) -> str:
    """The current value as the confirmation shows it (deadline with planbot's reading)."""
    value = current_value(session, task, field)
    if field == DEADLINE:
        deadline = Deadline(
            value, task.deadline_kind, task.deadline_due, task.deadline_start, task.recurrence
        )
        return f"{value or NOTHING} → {deadline_understood(deadline)}"
    return value or NOTHING


def _matcher(session: Session, organization_id: int) -> AgencyMatcher:
    known = agencies_with_aliases(session=session, organization_id=organization_id)
    return AgencyMatcher((a.id or 0, a.name, aliases) for a, aliases in known)


def read_value(session: Session, task: Task, plan: Plan, field: str, value: str) -> Reading:
    """Read a typed value without writing anything."""
    text = clean_value(field, value)
    if field == DEADLINE:
        return Reading(field, text, f"{text or NOTHING} → {deadline_understood(read_deadline(text, plan))}")
    if field == TARGETS:
        found = parse_targets(text) if text else []
        if text and not found:
            raise CorrectionError(
                "bad_value",
                "Không đọc được chỉ tiêu. Ghi kèm tỷ lệ, vd: «Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt tối thiểu 80%».",
            )
        return Reading(field, text, targets_text(found) or NOTHING)
    if field in (LEAD, COORDINATING):
        names = split_agencies(text) if text else []
        if field == LEAD and not names:
            raise CorrectionError("empty", "Cần ít nhất một cơ quan chủ trì.")
        matcher = _matcher(session, plan.organization_id)
        shown, new = [], []
        for written in names:
            match = matcher.match(written)
            if match.how == "new":
                new.append(match.name)
                shown.append(f"{match.name} (cơ quan mới)")
            else:
                shown.append(match.name)
        return Reading(field, text, "; ".join(shown) or NOTHING, tuple(new))
    if field in (CONTENT, PRODUCT):
        return Reading(field, text, text or NOTHING)
    raise CorrectionError("bad_field", f"Không sửa được trường «{field}».")


def _set_links(session: Session, task: Task, plan: Plan, role: str, text: str) -> None:
    """Replace the task's links of one role by the agencies the text names (new ones are created)."""
    assert task.id is not None
    matcher = _matcher(session, plan.organization_id)
    wanted: list[int] = []
    for written in split_agencies(text) if text else []:
        match = matcher.match(written)
        agency_id = match.agency_id
        if match.how == "new" or agency_id is None:
            agency = Agency(
                organization_id=plan.organization_id,
                name=match.name,
                name_key=agency_key(match.name),
                is_group=is_group_agency(match.name),
            )
            session.add(agency)
            session.flush()
            assert agency.id is not None
            agency_id = agency.id
            matcher.add(agency_id, agency.name)
        if agency_id not in wanted:
            wanted.append(agency_id)
    current = links_of_task(session=session, task_id=task.id)
    other = LinkRole.coordinating.value if role == LEAD else LinkRole.lead.value
    taken = {link.agency_id for link in current if link.role == other}
    for link in current:
        if link.role == role and link.agency_id not in wanted:
            session.delete(link)
    have = {link.agency_id for link in current if link.role == role}
    for agency_id in wanted:
        # an agency leads or coordinates, not both: the newer wording wins
        if agency_id in taken and role == LEAD:
            for link in current:
                if link.role == other and link.agency_id == agency_id:
                    session.delete(link)
        if agency_id not in have and not (agency_id in taken and role == COORDINATING):
            session.add(TaskAgency(task_id=task.id, agency_id=agency_id, role=role))
    session.flush()


def apply_value(session: Session, task: Task, plan: Plan, field: str, text: str) -> None:
    """Write a field's text onto the task (the deadline and targets re-read, agencies re-linked)."""
    if field == CONTENT:
        task.content = text
        task.content_key = fold(text)
    elif field == DEADLINE:
        deadline = read_deadline(text, plan)
        task.deadline_text = text or None
        task.deadline_kind = deadline.kind
        task.deadline_due, task.deadline_start = deadline.due, deadline.start
        task.recurrence = deadline.recurrence
        task.milestones = [{"day": m.day.isoformat(), "text": m.text} for m in deadline.milestones]
    elif field == PRODUCT:
        task.product = text or None
    elif field == TARGETS:
        task.targets = [{"metric": t.metric, "min_percent": t.min_percent} for t in parse_targets(text)]
    elif field in (LEAD, COORDINATING):
        _set_links(session, task, plan, field, text)
        if field == LEAD:
            task.lead_text = "; ".join(split_agencies(text)) or None
        else:
            task.coordinating_text = "; ".join(split_agencies(text)) or None
    else:
        raise CorrectionError("bad_field", f"Không sửa được trường «{field}».")
    session.add(task)
    session.flush()


def node_value(node: ParsedNode, field: str) -> str:
    """A document row's text of a field, written as current_value writes the stored task's."""
    if field == CONTENT:
        return node.content
    if field == DEADLINE:
        return node.deadline.text if node.deadline else ""
    if field == PRODUCT:
        return node.product or ""
    if field == TARGETS:
        return targets_text(node.targets)
    if field == LEAD:
        return "; ".join(node.lead)
    if field == COORDINATING:
        return "; ".join(node.coordinating)
    return ""


def same_value(a: str | None, b: str | None) -> bool:
    """Values compared folded and squashed ("hoá"/"hóa", spacing and case do not matter)."""
    return fold(squash(a or "")) == fold(squash(b or ""))
