"""Callback data: every button's data is built and parsed here, and carries ids only.

Each kind of button is a small frozen dataclass with a prefix; its fields are ints (task, agency,
official ids, pages) or short tokens (a period code, an import token, a status name). Handlers
register `Kind.pattern()` and read `Kind.parse(query.data)`; the data is re-authorised on every
press by the handler, never trusted. The whole encoding stays within Telegram's 64 bytes.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, ClassVar, Self

MAX_BYTES = 64
_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")


class CallbackError(ValueError):
    """Data that no button of this bot could carry."""


@dataclasses.dataclass(frozen=True)
class Callback:
    PREFIX: ClassVar[str] = ""

    def data(self) -> str:
        parts = [self.PREFIX]
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise CallbackError(f"{type(self).__name__}.{f.name}: ints and tokens only")
            text = str(value)
            if isinstance(value, str) and not _TOKEN.match(text):
                raise CallbackError(f"{type(self).__name__}.{f.name}: not a token: {text!r}")
            parts.append(text)
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise CallbackError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def pattern(cls) -> str:
        """The regular expression CallbackQueryHandler matches for this kind."""
        return (
            r"^"
            + re.escape(cls.PREFIX)
            + "".join(
                r":\d{1,12}" if f.type in ("int", int) else r":[A-Za-z0-9_.\-]{1,40}"
                for f in dataclasses.fields(cls)
            )
            + "$"
        )

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        if not data or not re.match(cls.pattern(), data):
            return None
        values = data.split(":")[len(cls.PREFIX.split(":")) :]
        kwargs: dict[str, Any] = {}
        for f, raw in zip(dataclasses.fields(cls), values, strict=True):
            kwargs[f.name] = int(raw) if f.type in ("int", int) else raw
        return cls(**kwargs)


REGISTRY: dict[str, type[Callback]] = {}


def register(kind: type[Callback]) -> type[Callback]:
    if kind.PREFIX in REGISTRY:
        raise CallbackError(f"prefix {kind.PREFIX!r} registered twice")
    REGISTRY[kind.PREFIX] = kind
    return kind


def parse_any(data: str | None) -> Callback | None:
    """The button behind any data this bot builds (longest prefix first), else None."""
    for prefix in sorted(REGISTRY, key=len, reverse=True):
        if data and (data == prefix or data.startswith(prefix + ":")):
            found = REGISTRY[prefix].parse(data)
            if found is not None:
                return found
    return None


# --- tasks (/viec, cards, search) --------------------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class ListPage(Callback):
    PREFIX: ClassVar[str] = "t:p"
    page: int


@register
@dataclasses.dataclass(frozen=True)
class OpenCard(Callback):
    """Open a task card in place of the list (the page to go back to)."""

    PREFIX: ClassVar[str] = "t:c"
    task_id: int
    page: int = 0


@register
@dataclasses.dataclass(frozen=True)
class NewCard(Callback):
    """Open a task card as a new message, leaving the message pressed (a digest) untouched."""

    PREFIX: ClassVar[str] = "t:n"
    task_id: int


# --- the progress report (/xong) ---------------------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class StartReport(Callback):
    PREFIX: ClassVar[str] = "p:s"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class ChooseTask(Callback):
    PREFIX: ClassVar[str] = "p:t"
    task_id: int


@register
@dataclasses.dataclass(frozen=True)
class ChoosePeriod(Callback):
    """The reporting period a report is about (inside a reporting window: the one just ended)."""

    PREFIX: ClassVar[str] = "p:pd"
    period: str  # 2023-Q1, 2025-11


@register
@dataclasses.dataclass(frozen=True)
class SetStatus(Callback):
    PREFIX: ClassVar[str] = "p:st"
    status: str  # done | in_progress | not_done


@register
@dataclasses.dataclass(frozen=True)
class DraftStep(Callback):
    """A step button of the draft: docs-ok | docs-note | docs-re | docs-skip | docs-keep (Sửa: keep
    the documents given) | status ("Đổi tình trạng" after /xong chose done) | attach-skip | kpi-skip."""

    PREFIX: ClassVar[str] = "p:d"
    action: str


@register
@dataclasses.dataclass(frozen=True)
class Submit(Callback):
    PREFIX: ClassVar[str] = "p:ok"


@register
@dataclasses.dataclass(frozen=True)
class EditDraft(Callback):
    """ "Sửa" on the summary: `menu` lists the steps; a step name re-asks only that step."""

    PREFIX: ClassVar[str] = "p:edit"
    step: str = "menu"  # menu | period | status | docs | attach | kpi | back


@register
@dataclasses.dataclass(frozen=True)
class CancelDraft(Callback):
    PREFIX: ClassVar[str] = "p:x"


# --- plan import -----------------------------------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class ImportDecision(Callback):
    PREFIX: ClassVar[str] = "imp"
    action: str  # save | cancel
    token: str


# --- administration --------------------------------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class AgencyAction(Callback):
    """An admin's choice of agency: m = invite to it, c = list its officials."""

    PREFIX: ClassVar[str] = "a:ag"
    action: str
    agency_id: int


@register
@dataclasses.dataclass(frozen=True)
class InviteRole(Callback):
    PREFIX: ClassVar[str] = "a:r"
    agency_id: int
    role: str  # o | l | a


@register
@dataclasses.dataclass(frozen=True)
class OfficialAction(Callback):
    """d = ask to deactivate, dy = confirmed, dn = kept."""

    PREFIX: ClassVar[str] = "a:of"
    action: str
    official_id: int


@register
@dataclasses.dataclass(frozen=True)
class PlanAction(Callback):
    """/kehoach: c = ask to close (lưu trữ), cy = confirmed, o = reopen, n = kept as it is."""

    PREFIX: ClassVar[str] = "a:pl"
    action: str
    plan_id: int


@register
@dataclasses.dataclass(frozen=True)
class CalendarAction(Callback):
    """/lichnghi: x = remove the commune's own change on a day (an ISO date as a token)."""

    PREFIX: ClassVar[str] = "a:cal"
    action: str
    day: str


@register
@dataclasses.dataclass(frozen=True)
class GroupAction(Callback):
    """/nhom: s = show a group's members; a / r = add / remove member_id (0 with s)."""

    PREFIX: ClassVar[str] = "a:gr"
    action: str
    group_id: int
    member_id: int = 0


# --- reminder settings (/nhac) ---------------------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class ReminderSetting(Callback):
    PREFIX: ClassVar[str] = "nhac"
    action: str  # on | off | co1 | co0 | gio | menu


@register
@dataclasses.dataclass(frozen=True)
class ReminderTime(Callback):
    PREFIX: ClassVar[str] = "nhac:t"
    hhmm: str  # "0730" or "def"


# --- statistics ------------------------------------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class Chart(Callback):
    PREFIX: ClassVar[str] = "st:ch"
    period: str  # 2025-Q3, 2025-11, 2025-H1, 2025
    agency_id: int = 0  # 0 = the whole organization


@register
@dataclasses.dataclass(frozen=True)
class AnswerPage(Callback):
    """Another page of a long answer: the answer is asked again from the chat's remembered frame
    (`token` names it) for the viewer pressing, never from the button."""

    PREFIX: ClassVar[str] = "qa:p"
    token: str  # a short random token of the remembered question
    page: int


@register
@dataclasses.dataclass(frozen=True)
class AnswerChoice(Callback):
    """ "Ý anh/chị là: …": one of the readings offered for an unclear question."""

    PREFIX: ClassVar[str] = "qa:c"
    token: str
    index: int


# --- report files (handlers/report_files.py) -------------------------------------------------


@register
@dataclasses.dataclass(frozen=True)
class ReportFile(Callback):
    """A button under a report: the same report in another format."""

    PREFIX: ClassVar[str] = "rf:f"
    period: str  # 2025-Q3
    fmt: str  # docx | xlsx | pdf


@register
@dataclasses.dataclass(frozen=True)
class ReportCharts(Callback):
    """The pictures of a period (agency 0: the whole organization)."""

    PREFIX: ClassVar[str] = "rf:c"
    period: str
    agency_id: int = 0


# --- escalations and explanations (handlers/escalations.py, handlers/explanations/) ----------


@register
@dataclasses.dataclass(frozen=True)
class RemindAgency(Callback):
    """ "Nhắc đơn vị" on an escalation notice."""

    PREFIX: ClassVar[str] = "es:r"
    escalation_id: int


@register
@dataclasses.dataclass(frozen=True)
class AskExplanation(Callback):
    """ "Yêu cầu giải trình" on an escalation notice."""

    PREFIX: ClassVar[str] = "es:x"
    escalation_id: int


@register
@dataclasses.dataclass(frozen=True)
class AnswerExplanation(Callback):
    """ "Giải trình" on a request: starts the explanation conversation."""

    PREFIX: ClassVar[str] = "ex:a"
    explanation_id: int


@register
@dataclasses.dataclass(frozen=True)
class ExplanationStep(Callback):
    """A step button of the explanation draft: skip (no file) | send | edit | cancel."""

    PREFIX: ClassVar[str] = "ex:s"
    action: str


# --- actions named by lower layers (digests, escalation notices) ------------------------------

_ACTIONS: dict[str, type[Callback]] = {
    "card": NewCard,
    "report": StartReport,
    "remind": RemindAgency,
    "explain": AskExplanation,
    "answer": AnswerExplanation,
}


def action_data(action: str, target_id: int) -> str:
    """The data of a button a digest or notice asks for: "card"/"report"/"done" on a task, "period"
    (no target), "remind"/"explain" on an escalation, "answer" on an explanation request."""
    kind = _ACTIONS.get(action) or _feature_actions().get(action)
    if kind is None:
        raise CallbackError(f"unknown digest action {action!r}")
    if not dataclasses.fields(kind):
        return kind().data()
    return kind(target_id).data()  # type: ignore[call-arg]


def _feature_actions() -> dict[str, type[Callback]]:
    """Digest buttons defined in a feature's own module; imported here, at use, because that
    module builds on this one."""
    from handlers.ui.callbacks_period import PeriodStart, QuickDone

    return {"done": QuickDone, "period": PeriodStart}
