"""Buttons of task assignment (handlers/assign.py): open the panel of a task, toggle one official,
close the panel. Ids only; every press is re-authorised by plans/assignments.py."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class AssignOpen(Callback):
    """ "👤 Giao việc" on a task card."""

    PREFIX: ClassVar[str] = "as:o"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class AssignToggle(Callback):
    """One official on the panel: assigned ↔ not assigned."""

    PREFIX: ClassVar[str] = "as:t"
    task_id: int
    official_id: int


@register
@dataclasses.dataclass(frozen=True)
class AssignDone(Callback):
    """ "Xong" on the panel: back to the task card."""

    PREFIX: ClassVar[str] = "as:d"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class MyTasksPage(Callback):
    """Another page of "Việc của tôi"."""

    PREFIX: ClassVar[str] = "as:p"
    page: int


@register
@dataclasses.dataclass(frozen=True)
class AssignDueOpen(Callback):
    """ "📅 Hạn riêng" on the panel: choose the assignee (or, with one, type the date at once)."""

    PREFIX: ClassVar[str] = "as:h"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class AssignDuePick(Callback):
    """One assignee under "📅 Hạn riêng": type their personal due date."""

    PREFIX: ClassVar[str] = "as:hp"
    task_id: int
    official_id: int


@register
@dataclasses.dataclass(frozen=True)
class AssignDueSave(Callback):
    """ "Lưu" under the confirmation of a personal due date (the draft holds the rest)."""

    PREFIX: ClassVar[str] = "as:hs"


@register
@dataclasses.dataclass(frozen=True)
class AssignDueCancel(Callback):
    PREFIX: ClassVar[str] = "as:hx"
