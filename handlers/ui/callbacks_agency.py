"""Buttons of /coquan, an admin's agency mapping (handlers/agency_edit.py): a page of the list, one
agency, rename it, pick the agency to merge it into, the merge's confirmation. Ids and pages only;
every press is re-authorised by plans/agency_admin.py."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class AgencyPage(Callback):
    """A page of the organization's agencies."""

    PREFIX: ClassVar[str] = "ae:l"
    page: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyOpenCard(Callback):
    """One agency: its tasks, officials and other names, with Đổi tên / Gộp vào."""

    PREFIX: ClassVar[str] = "ae:s"
    agency_id: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyRenameStart(Callback):
    """ "✏️ Đổi tên": the new display name is typed next."""

    PREFIX: ClassVar[str] = "ae:r"
    agency_id: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyRenameSave(Callback):
    """ "Lưu" under the rename's confirmation (the draft holds the agency and the name)."""

    PREFIX: ClassVar[str] = "ae:rs"


@register
@dataclasses.dataclass(frozen=True)
class AgencyMergeTargets(Callback):
    """A page of the agencies agency_id may be merged into."""

    PREFIX: ClassVar[str] = "ae:m"
    agency_id: int
    page: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyMergeAsk(Callback):
    """Merge agency_id into target_id? (how many tasks and officials move)"""

    PREFIX: ClassVar[str] = "ae:c"
    agency_id: int
    target_id: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyMergeDo(Callback):
    PREFIX: ClassVar[str] = "ae:d"
    agency_id: int
    target_id: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyEditCancel(Callback):
    PREFIX: ClassVar[str] = "ae:x"
