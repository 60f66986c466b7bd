"""Buttons of the period report (/baocaoky, handlers/period_report/): prefix namespace "pr:".

Each carries the task it was shown for, so a press on an old message never changes another task:
the handler checks it against the sitting's current step, and the official again on every press.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class PeriodStart(Callback):
    """ "📝 Báo cáo quý" on a digest: starts (or takes up again) the sitting."""

    PREFIX: ClassVar[str] = "pr:go"


@register
@dataclasses.dataclass(frozen=True)
class PeriodStatus(Callback):
    """One task's answer: done | in_progress | not_done | same (như kỳ trước) | skip."""

    PREFIX: ClassVar[str] = "pr:st"
    task_id: int
    status: str


@register
@dataclasses.dataclass(frozen=True)
class PeriodDoc(Callback):
    """A document already cited in this sitting (its index in the sitting's list), as this task's
    evidence: one tap instead of typing the same plan again."""

    PREFIX: ClassVar[str] = "pr:doc"
    task_id: int
    index: int


@register
@dataclasses.dataclass(frozen=True)
class PeriodNoDoc(Callback):
    """No document for this task (only offered where none is required)."""

    PREFIX: ClassVar[str] = "pr:nd"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class PeriodSubmit(Callback):
    """ "Gửi" on the summary: every answer stored in one transaction."""

    PREFIX: ClassVar[str] = "pr:ok"


@register
@dataclasses.dataclass(frozen=True)
class PeriodEdit(Callback):
    """ "Sửa" on the summary: task 0 lists the tasks, a task id asks that task again."""

    PREFIX: ClassVar[str] = "pr:ed"
    task_id: int = 0


@register
@dataclasses.dataclass(frozen=True)
class PeriodCancel(Callback):
    PREFIX: ClassVar[str] = "pr:x"


PERIOD_PATTERN = r"^pr:"


@register
@dataclasses.dataclass(frozen=True)
class QuickDone(Callback):
    """ "✅ Xong" on a digest line: /xong for that task with Đã thực hiện chosen (the progress
    conversation's entry point; only the document is asked)."""

    PREFIX: ClassVar[str] = "pr:xong"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class ReportAttachment(Callback):
    """ "📎 …" on a task card: the report's attached file, sent back by its file_id."""

    PREFIX: ClassVar[str] = "pr:f"
    report_id: int
