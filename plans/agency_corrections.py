"""An admin's corrections of the agency mapping (issue 14): rename an agency's display name, or map it
onto another existing agency (its name becomes an alias of that one, and its tasks, officials and
everything else that names it move there). Admins of the organization only; audited like task
corrections: a TaskEdit row (field "agency") for every task the change touches, and an AuditLog row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session

from plans.agencies import AgencyMatcher, agency_key, is_group_agency
from plans.correction_fields import CorrectionError
from plans.corrections import Editor, authorize
from storage.models import Agency, AgencyAlias, AuditLog, Official, TaskAgency, utcnow
from storage.models_people import TaskEdit
from storage.queries.corrections import (
    alias_exists,
    aliases_of,
    links_of_agency,
    move_agency_references,
    organization_plan_rows,
)
from storage.queries.plans import agencies_with_aliases
from storage.text import nfc, squash

logger = logging.getLogger(__name__)

AGENCY_FIELD = "agency"


@dataclass(frozen=True)
class AgencyChange:
    action: str  # rename | map
    old_name: str
    new_name: str
    tasks: int  # tasks whose links changed or that show the new name


def find_agency(*, session: Session, organization_id: int, name: str) -> Agency:
    """The organization's agency a name (or one of its aliases) means; CorrectionError otherwise."""
    known = agencies_with_aliases(session=session, organization_id=organization_id)
    matcher = AgencyMatcher((a.id or 0, a.name, aliases) for a, aliases in known)
    match = matcher.match(name)
    by_id = {a.id: a for a, _ in known}
    if match.how in ("exact", "alias") and match.agency_id in by_id:
        return by_id[match.agency_id]
    hint = f" Có phải «{match.name}»?" if match.how == "fuzzy" else ""
    raise CorrectionError("not_found", f"Không tìm thấy cơ quan «{squash(nfc(name))}».{hint}")


def _add_alias(session: Session, agency: Agency, alias: str) -> None:
    assert agency.id is not None
    key = agency_key(alias)
    if key and not alias_exists(session=session, agency_id=agency.id, alias_key=key):
        session.add(AgencyAlias(agency_id=agency.id, alias=alias, alias_key=key))


def _audit(
    session: Session,
    *,
    editor: Editor,
    official: Official | None,
    organization_id: int,
    action: str,
    old: str,
    new: str,
    task_ids: list[int],
) -> None:
    for task_id in sorted(set(task_ids)):
        session.add(
            TaskEdit(
                task_id=task_id,
                field=AGENCY_FIELD,
                old_value=old,
                new_value=new,
                official_id=official.id if official is not None else None,
                actor_user_id=editor.telegram_user_id,
                source=editor.source,
            )
        )
    session.add(
        AuditLog(
            actor_user_id=editor.telegram_user_id,
            action=f"agency_{action}",
            detail={"organization_id": organization_id, "old": old, "new": new, "tasks": len(set(task_ids))},
        )
    )
    for plan in organization_plan_rows(session=session, organization_id=organization_id):
        plan.updated_at = utcnow()  # every process's snapshots reload
        session.add(plan)
    session.flush()
    logger.info("agency %s: %s → %s by %s (%s)", action, old, new, editor.telegram_user_id, editor.source)


def rename_agency(
    *, session: Session, editor: Editor, organization_id: int, name: str, new_name: str
) -> AgencyChange:
    """Give an agency another display name; the old one stays an alias (documents still match it)."""
    official = authorize(session, editor, organization_id)
    agency = find_agency(session=session, organization_id=organization_id, name=name)
    assert agency.id is not None
    new = squash(nfc(new_name)).strip()
    if not new:
        raise CorrectionError("empty", "Tên mới không được để trống.")
    key = agency_key(new)
    for other, _aliases in agencies_with_aliases(session=session, organization_id=organization_id):
        if other.id != agency.id and key in (other.name_key, agency_key(other.name)):
            raise CorrectionError(
                "bad_value", f"Đã có cơ quan «{other.name}»: dùng «gộp vào» (--map-to) thay vì đổi tên."
            )
    old = agency.name
    if old == new:
        return AgencyChange("rename", old, new, 0)
    _add_alias(session, agency, old)
    agency.name, agency.name_key, agency.is_group = new, key, agency.is_group or is_group_agency(new)
    session.add(agency)
    task_ids = [link.task_id for link in links_of_agency(session=session, agency_id=agency.id)]
    _audit(
        session,
        editor=editor,
        official=official,
        organization_id=organization_id,
        action="renamed",
        old=old,
        new=new,
        task_ids=task_ids,
    )
    return AgencyChange("rename", old, new, len(set(task_ids)))


def map_agency(
    *, session: Session, editor: Editor, organization_id: int, name: str, target: str
) -> AgencyChange:
    """Map an agency onto another existing one: its links, officials and other references move there,
    its name and aliases become the target's aliases, and the agency itself is deleted."""
    official = authorize(session, editor, organization_id)
    source = find_agency(session=session, organization_id=organization_id, name=name)
    into = find_agency(session=session, organization_id=organization_id, name=target)
    assert source.id is not None and into.id is not None
    if source.id == into.id:
        raise CorrectionError("bad_value", f"«{source.name}» và «{into.name}» là cùng một cơ quan.")
    links = links_of_agency(session=session, agency_id=source.id)
    target_links = {(link.task_id, link.role) for link in links_of_agency(session=session, agency_id=into.id)}
    target_tasks = {task_id for task_id, _role in target_links}
    for link in links:
        session.delete(link)
        if link.task_id not in target_tasks:  # already linked to the target: it keeps its own role
            session.add(TaskAgency(task_id=link.task_id, agency_id=into.id, role=link.role))
            target_tasks.add(link.task_id)
    session.flush()
    for alias in [source.name, *(a.alias for a in aliases_of(session=session, agency_id=source.id))]:
        _add_alias(session, into, alias)
    move_agency_references(session=session, from_id=source.id, to_id=into.id)
    old = source.name
    session.delete(source)
    _audit(
        session,
        editor=editor,
        official=official,
        organization_id=organization_id,
        action="mapped",
        old=old,
        new=into.name,
        task_ids=[link.task_id for link in links],
    )
    return AgencyChange("map", old, into.name, len({link.task_id for link in links}))
