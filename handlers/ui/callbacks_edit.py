"""Buttons of an admin's correction of a task (handlers/task_edit.py): "✏️ Sửa" on the card, the field
to change, Lưu / Huỷ. Ids and field names only; every press is re-authorised by plans/corrections.py."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class EditStart(Callback):
    """ "✏️ Sửa" on a task card."""

    PREFIX: ClassVar[str] = "ed:s"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class EditField(Callback):
    """The field to change: content | lead | coordinating | deadline | targets | product | removed."""

    PREFIX: ClassVar[str] = "ed:f"
    field: str


@register
@dataclasses.dataclass(frozen=True)
class EditSave(Callback):
    """ "Lưu" under the old → new confirmation."""

    PREFIX: ClassVar[str] = "ed:ok"


@register
@dataclasses.dataclass(frozen=True)
class EditCancel(Callback):
    PREFIX: ClassVar[str] = "ed:x"


@register
@dataclasses.dataclass(frozen=True)
class EditPreview(Callback):
    """ "✏️ Sửa nhiệm vụ" under an import preview: the token of the admin's own pending import."""

    PREFIX: ClassVar[str] = "ed:p"
    token: str
