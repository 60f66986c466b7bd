"""Buttons of the plan-import preview beyond Lưu/Huỷ: the admin's column assignment for a header that
could not be mapped, the choice for each new agency (create it or map it to an existing one), the
members of an empty group agency, and a narrative report's Lưu/Huỷ.

Each carries the pending import's token and small indexes into the lists kept with that import in
the admin's own user_data; the handler checks the token against the presser's user_data."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class ColumnRole(Callback):
    """Column `column` of the unmapped header holds `role` (a short code, "skip" to ignore it)."""

    PREFIX: ClassVar[str] = "ic:c"
    token: str
    column: int
    role: str


@register
@dataclasses.dataclass(frozen=True)
class AgencyOpen(Callback):
    """Show the choices for new agency number `index` of the preview."""

    PREFIX: ClassVar[str] = "ic:a"
    token: str
    index: int


@register
@dataclasses.dataclass(frozen=True)
class AgencyPick(Callback):
    """New agency `index` is existing agency `agency_id`; 0 = create it as a new agency."""

    PREFIX: ClassVar[str] = "ic:m"
    token: str
    index: int
    agency_id: int


@register
@dataclasses.dataclass(frozen=True)
class GroupOpen(Callback):
    """Show the member choice of empty group number `group` of the preview."""

    PREFIX: ClassVar[str] = "ic:g"
    token: str
    group: int


@register
@dataclasses.dataclass(frozen=True)
class GroupToggle(Callback):
    """Add or remove candidate `candidate` as a member of group `group`."""

    PREFIX: ClassVar[str] = "ic:t"
    token: str
    group: int
    candidate: int


@register
@dataclasses.dataclass(frozen=True)
class NarrativeDecision(Callback):
    PREFIX: ClassVar[str] = "nr:d"
    action: str  # save | cancel
    token: str
