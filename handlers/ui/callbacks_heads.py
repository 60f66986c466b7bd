"""Buttons of /truongdonvi (handlers/heads.py): the agency chosen, then one official toggled
head ↔ not head. Ids only; every press is re-authorised by plans/heads.py."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class HeadAgency(Callback):
    """An agency under /truongdonvi: show its officials, heads marked."""

    PREFIX: ClassVar[str] = "hd:a"
    agency_id: int


@register
@dataclasses.dataclass(frozen=True)
class HeadToggle(Callback):
    """One official of the agency: head ↔ not head."""

    PREFIX: ClassVar[str] = "hd:t"
    agency_id: int
    official_id: int
