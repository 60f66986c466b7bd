"""The agency mapping as the bot's /coquan shows it (issue 14): an admin's organization's agencies
sorted by their folded name, with how many live tasks and officials each has, and the rename or the
merge ("gộp vào") of one of them by id. Every call re-checks that the user is an active admin of the
organization the agency belongs to; the changes themselves are plans/agency_corrections.py's (audited
there), called with the agencies' own names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from plans.agencies import agency_key
from plans.agency_corrections import AgencyChange, map_agency, rename_agency
from plans.correction_fields import CorrectionError
from plans.corrections import NO_PERMISSION, Editor, authorize
from storage.models import Agency, Organization
from storage.queries.agency_usage import agency_usage
from storage.queries.officials import official_by_telegram_id
from storage.queries.plans import agencies_with_aliases
from storage.text import fold, nfc, squash

GONE = "Cơ quan này không còn (có thể đã được gộp vào cơ quan khác). Gõ /coquan để xem lại danh sách."


@dataclass(frozen=True)
class AgencyRow:
    id: int
    name: str
    tasks: int  # live tasks it leads or coordinates
    officials: int  # active officials of the agency
    aliases: tuple[str, ...]
    is_group: bool


@dataclass(frozen=True)
class AgencyDirectory:
    organization: str
    rows: tuple[AgencyRow, ...]  # sorted by the folded name

    def row(self, agency_id: int) -> AgencyRow:
        found = next((r for r in self.rows if r.id == agency_id), None)
        if found is None:
            raise CorrectionError("not_found", GONE)
        return found


@dataclass(frozen=True)
class AgencyOutcome:
    """A rename or merge made: the names, and the tasks and officials that show the new name."""

    old_name: str
    new_name: str
    tasks: int
    officials: int


@dataclass(frozen=True)
class RenameProposal:
    agency: AgencyRow
    new_name: str


def _organization_of(session: Session, editor: Editor) -> int:
    """The organization of the admin behind the editor; CorrectionError("no_permission") for anyone
    else (a stranger, a deactivated admin, an official, a leader)."""
    official = (
        official_by_telegram_id(session=session, telegram_user_id=editor.telegram_user_id)
        if editor.telegram_user_id is not None
        else None
    )
    if official is None or official.organization_id is None:
        raise CorrectionError("no_permission", NO_PERMISSION)
    authorize(session, editor, official.organization_id)
    return official.organization_id


def agency_directory(*, session: Session, editor: Editor, agency_id: int | None = None) -> AgencyDirectory:
    """The admin's organization's agencies with their tasks and officials (re-authorised here); with
    `agency_id`, that agency must be one of them (another commune's is refused, a merged one gone)."""
    organization_id = _organization_of(session, editor)
    if agency_id is not None:
        _agency(session, editor, agency_id)
    organization = session.get(Organization, organization_id)
    usage = agency_usage(session=session, organization_id=organization_id)
    rows = [
        AgencyRow(
            agency.id,
            agency.name,
            *usage.get(agency.id, (0, 0)),
            tuple(aliases),
            agency.is_group,
        )
        for agency, aliases in agencies_with_aliases(session=session, organization_id=organization_id)
        if agency.id is not None
    ]
    rows.sort(key=lambda r: (fold(r.name), r.id))
    return AgencyDirectory(organization.name if organization else "", tuple(rows))


def _agency(session: Session, editor: Editor, agency_id: int) -> tuple[int, Agency]:
    organization_id = _organization_of(session, editor)  # permission first: ids tell a stranger nothing
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise CorrectionError("not_found", GONE)
    if agency.organization_id != organization_id:  # another commune's: not this admin's to see
        raise CorrectionError("no_permission", NO_PERMISSION)
    return organization_id, agency


def propose_rename(*, session: Session, editor: Editor, agency_id: int, new_name: str) -> RenameProposal:
    """The rename as it would be made; nothing is written. A name another agency already has is
    refused (that is a merge), as rename_agency refuses it."""
    organization_id, agency = _agency(session, editor, agency_id)
    new = squash(nfc(new_name)).strip()
    if not new:
        raise CorrectionError("empty", "Tên mới không được để trống.")
    if len(new) > 200:
        raise CorrectionError("bad_value", "Tên cơ quan quá dài (tối đa 200 ký tự).")
    if new == agency.name:
        raise CorrectionError("bad_value", "Tên mới giống tên hiện tại.")
    key = agency_key(new)
    for other, _aliases in agencies_with_aliases(session=session, organization_id=organization_id):
        if other.id != agency.id and key in (other.name_key, agency_key(other.name)):
            raise CorrectionError(
                "bad_value", f"Đã có cơ quan «{other.name}»: hãy dùng «Gộp vào cơ quan khác» thay vì đổi tên."
            )
    directory = agency_directory(session=session, editor=editor)
    return RenameProposal(directory.row(agency_id), new)


def rename_by_id(*, session: Session, editor: Editor, agency_id: int, new_name: str) -> AgencyOutcome:
    organization_id, agency = _agency(session, editor, agency_id)
    row = agency_directory(session=session, editor=editor).row(agency_id)
    change = rename_agency(
        session=session, editor=editor, organization_id=organization_id, name=agency.name, new_name=new_name
    )
    return AgencyOutcome(change.old_name, change.new_name, row.tasks, row.officials)


def merge_rows(
    *, session: Session, editor: Editor, agency_id: int, target_id: int
) -> tuple[AgencyRow, AgencyRow]:
    """The agency to merge and the one it goes into, with what moves (shown before the merge)."""
    _agency(session, editor, agency_id)
    _agency(session, editor, target_id)
    if agency_id == target_id:
        raise CorrectionError("bad_value", "Không gộp một cơ quan vào chính nó.")
    directory = agency_directory(session=session, editor=editor)
    return directory.row(agency_id), directory.row(target_id)


def map_by_id(*, session: Session, editor: Editor, agency_id: int, target_id: int) -> AgencyOutcome:
    """Merge the agency into the target; the outcome counts what moved (as the question showed)."""
    source, _target = merge_rows(session=session, editor=editor, agency_id=agency_id, target_id=target_id)
    organization_id, agency = _agency(session, editor, agency_id)
    _organization_id, target = _agency(session, editor, target_id)
    change: AgencyChange = map_agency(
        session=session, editor=editor, organization_id=organization_id, name=agency.name, target=target.name
    )
    return AgencyOutcome(change.old_name, change.new_name, source.tasks, source.officials)
