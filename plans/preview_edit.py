"""An admin's corrections in a plan-import preview (issue 14), before anything is saved.

The preview is not stored: the document is parsed again on Lưu. So a correction made in the preview is
kept with the pending import as (code, field, value) and applied right after the document is stored,
a task added in the preview as (mục, "added", content, lead, deadline), created after them (add_task),
in the same transaction, through the same use cases as a correction of a saved task
(plans/corrections.py). A preview correction is therefore a TaskEdit like any other: its old value is
the document's, and a re-import of the same document keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from plans.agencies import AgencyMatcher, split_agencies
from plans.correction_add import AddProposal, addition_content
from plans.correction_fields import (
    ADDED,
    COORDINATING,
    DEADLINE,
    FIELD_NAMES,
    FIELDS,
    LEAD,
    NOTHING,
    REMOVED,
    TARGETS,
    CorrectionError,
    clean_value,
    deadline_understood,
    node_value,
    targets_text,
)
from plans.corrections import (
    NO_PERMISSION,
    Editor,
    EditOutcome,
    EditProposal,
    add_task,
    code_after,
    edit_task,
    find_task,
    remove_task,
)
from plans.import_review import ImportChoices, ImportReview, store_reviewed
from plans.importing import ImportResult
from plans.parsing.deadlines import parse_deadline
from plans.parsing.targets import parse_targets
from plans.parsing.types import ParsedNode, ParsedPlan
from storage.models import Role
from storage.queries.officials import official_by_telegram_id
from storage.queries.plans import agencies_with_aliases, organization_by_name


@dataclass(frozen=True)
class PreviewEdit:
    code: str  # the row corrected, or for an addition the mục / nội dung it goes under
    field: str  # a correction_fields field, "removed", or "added" (value = the new task's content)
    value: str = ""
    lead: str = ""  # an addition's lead and deadline as typed
    deadline: str = ""

    def to_json(self) -> dict[str, str]:
        data = {"code": self.code, "field": self.field, "value": self.value}
        if self.field == ADDED:
            data |= {"lead": self.lead, "deadline": self.deadline}
        return data

    @classmethod
    def from_json(cls, data: object) -> PreviewEdit | None:
        if not isinstance(data, dict):
            return None
        code, field, value = data.get("code"), data.get("field"), data.get("value", "")
        lead, deadline = data.get("lead", ""), data.get("deadline", "")
        if not isinstance(code, str) or field not in (*FIELDS, REMOVED, ADDED):
            return None
        if not all(isinstance(v, str) for v in (value, lead, deadline)):
            return None
        return cls(code, str(field), value, lead, deadline)


def edits_from_json(data: object) -> list[PreviewEdit]:
    found = [PreviewEdit.from_json(item) for item in data] if isinstance(data, list) else []
    return [edit for edit in found if edit is not None]


def preview_node(parsed: ParsedPlan, code: str) -> ParsedNode | None:
    """The row of the previewed document with this code (a task or a group row, not a section)."""
    wanted = code.strip().rstrip(".").upper()
    return next((n for n in parsed.nodes if n.code.upper() == wanted and n.kind != "section"), None)


def _deadline(parsed: ParsedPlan, text: str) -> str:
    understood = deadline_understood(parse_deadline(text, year=parsed.year, span=parsed.span))
    return f"{text or NOTHING} → {understood}"


def preview_shown(parsed: ParsedPlan, node: ParsedNode, field: str) -> str:
    """The row's value as the prompt and the confirmation show it."""
    value = node_value(node, field)
    return _deadline(parsed, value) if field == DEADLINE else (value or NOTHING)


def _check_admin(session: Session, editor: Editor) -> None:
    """Whoever previews an import is an admin (the import's own rule); re-checked at every step."""
    if editor.telegram_user_id is None and editor.source == "cli":
        return
    official = (
        official_by_telegram_id(session=session, telegram_user_id=editor.telegram_user_id)
        if editor.telegram_user_id is not None
        else None
    )
    if official is None or not official.active or official.role != Role.admin:
        raise CorrectionError("no_permission", NO_PERMISSION)


def _shown_agencies(
    session: Session, organization_name: str | None, text: str
) -> tuple[str, tuple[str, ...]]:
    org = organization_by_name(session=session, name=organization_name) if organization_name else None
    known = agencies_with_aliases(session=session, organization_id=org.id) if org and org.id else []
    matcher = AgencyMatcher((a.id or 0, a.name, aliases) for a, aliases in known)
    shown, new = [], []
    for written in split_agencies(text) if text else []:
        match = matcher.match(written)
        shown.append(match.name + (" (cơ quan mới)" if match.how == "new" else ""))
        if match.how == "new":
            new.append(match.name)
    return "; ".join(shown) or NOTHING, tuple(new)


def propose_preview_edit(
    *,
    session: Session,
    editor: Editor,
    parsed: ParsedPlan,
    organization_name: str | None,
    code: str,
    field: str,
    value: str,
) -> EditProposal:
    """A correction of a previewed row as planbot understood it (nothing is written)."""
    _check_admin(session, editor)
    node = preview_node(parsed, code)
    if node is None:
        raise CorrectionError("not_found", f"Bản xem trước không có nhiệm vụ «{code}».")
    if field not in FIELDS:
        raise CorrectionError("bad_field", f"Không sửa được trường «{field}».")
    text = clean_value(field, value)
    new_agencies: tuple[str, ...] = ()
    if field == DEADLINE:
        shown = _deadline(parsed, text)
    elif field == TARGETS:
        found = parse_targets(text) if text else []
        if text and not found:
            raise CorrectionError(
                "bad_value",
                "Không đọc được chỉ tiêu. Ghi kèm tỷ lệ, vd: «Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt tối thiểu 80%».",
            )
        shown = targets_text(found) or NOTHING
    elif field in (LEAD, COORDINATING):
        if field == LEAD and not split_agencies(text):
            raise CorrectionError("empty", "Cần ít nhất một cơ quan chủ trì.")
        shown, new_agencies = _shown_agencies(session, organization_name or parsed.organization, text)
    else:
        shown = text or NOTHING
    return EditProposal(
        0, node.code, field, FIELD_NAMES[field], preview_shown(parsed, node, field), shown, text, new_agencies
    )


def addition_parent(parsed: ParsedPlan, code: str) -> ParsedNode:
    """Where a task added from this code goes: under the mục or nội dung typed, or beside the task
    typed (under the same mục, as the card's "➕ Thêm nhiệm vụ cùng mục")."""
    wanted = code.strip().rstrip(".").upper()
    node = next((n for n in parsed.nodes if n.code.upper() == wanted), None)
    if node is not None and node.kind != "section":
        parent = node.parent_code
        node = next((n for n in parsed.nodes if n.code == parent), None) if parent else None
    if node is None:
        raise CorrectionError("not_found", f"Bản xem trước không có mục «{code.strip()}» để thêm nhiệm vụ.")
    return node


def addition_codes(parsed: ParsedPlan, edits: list[PreviewEdit]) -> list[tuple[PreviewEdit, str]]:
    """The additions kept with a preview and the code each will get when stored, in order (as
    plans/corrections.py's next_code gives them: after the section's last number)."""
    taken = {n.code for n in parsed.nodes}
    added: list[tuple[PreviewEdit, str]] = []
    for edit in edits:
        if edit.field != ADDED:
            continue
        section = next((n for n in parsed.nodes if n.code == edit.code), None)
        if section is None:
            continue
        children = [n.code for n in parsed.nodes if n.parent_code == section.code]
        children += [code for e, code in added if e.code == section.code]
        code = code_after(section.code, children, taken)
        taken.add(code)
        added.append((edit, code))
    return added


def propose_preview_addition(
    *,
    session: Session,
    editor: Editor,
    parsed: ParsedPlan,
    organization_name: str | None,
    code: str,
    content: str,
    lead: str,
    deadline: str,
    edits: list[PreviewEdit],
) -> AddProposal:
    """A task to add to the previewed plan as planbot understood it (the card's AddProposal, read with
    the preview's readers: the organization's agencies, the document's year); nothing is written."""
    _check_admin(session, editor)
    parent = addition_parent(parsed, code)
    text = addition_content(content)
    lead_text = clean_value(LEAD, lead) if lead.strip() else ""
    if not split_agencies(lead_text):
        raise CorrectionError("empty", "Cần ít nhất một cơ quan chủ trì.")
    lead_shown, new_agencies = _shown_agencies(session, organization_name or parsed.organization, lead_text)
    deadline_shown = _deadline(parsed, deadline.strip()) if deadline.strip() else NOTHING
    planned = addition_codes(parsed, [*edits, PreviewEdit(parent.code, ADDED, text, lead, deadline)])
    return AddProposal(parent.code, planned[-1][1], text, lead_shown, deadline_shown, new_agencies)


def store_with_edits(
    *,
    session: Session,
    editor: Editor,
    edits: list[dict[str, Any]] | None,
    parsed: ParsedPlan,
    organization_name: str | None,
    review: ImportReview | None = None,
    choices: ImportChoices | None = None,
    actor_user_id: int | None = None,
) -> tuple[ImportResult, list[EditOutcome]]:
    """Store the reviewed import, then make the admin's preview corrections on the stored tasks."""
    result = store_reviewed(
        session=session,
        parsed=parsed,
        organization_name=organization_name,
        review=review,
        choices=choices,
        actor_user_id=actor_user_id,
    )
    outcomes: list[EditOutcome] = []
    additions: list[PreviewEdit] = []
    for edit in edits_from_json(edits):
        if edit.field == ADDED:
            additions.append(edit)
            continue
        found = find_task(
            session=session, organization_id=result.organization_id, code=edit.code, plan_id=result.plan_id
        )
        if len(found) != 1 or found[0].id is None:
            continue  # the row is gone from the document since the preview
        task_id = found[0].id
        if edit.field == REMOVED:
            outcomes.append(remove_task(session=session, editor=editor, task_id=task_id))
        else:
            outcomes.append(
                edit_task(session=session, editor=editor, task_id=task_id, field=edit.field, value=edit.value)
            )
    for edit in additions:  # after the rows' own corrections, in the order the admin added them
        outcomes.append(
            add_task(
                session=session,
                editor=editor,
                plan_id=result.plan_id,
                section=edit.code,
                content=edit.value,
                lead=edit.lead,
                deadline=edit.deadline,
            )
        )
    return result, outcomes
