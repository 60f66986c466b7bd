"""The structured answer (pure data): what was answered, for which period and scope, with the
figures, task codes, documents, indicators and rows, the HTML text the bot sends, and its buttons.

The table test compares the structured fields; the handlers send `text` and turn `buttons` into
callback data (handlers/ui/callbacks.py). Nothing here knows Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plans.periods import Period
from reports.questions.frame import Frame


@dataclass(frozen=True)
class Row:
    """One line of a comparison or ranking: numerator of denominator (what they count is the
    answer's `measure`), with the key of what it is about ("agency:12", "section:II", "period:2023-Q1",
    "status:done", "indicator:ho_so_truc_tuyen")."""

    label: str
    numerator: float
    denominator: float
    key: str = ""

    @property
    def rate(self) -> float | None:
        return 100.0 * self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True)
class IndicatorLine:
    key: str  # plans/indicators.py
    label: str
    value: float | None
    unit: str
    state: str  # met | not_met | no_data | no_target
    minimum: float | None = None
    as_of: date | None = None  # the last day of the period the value is about
    task_code: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # page | choice | card | chart
    value: str  # the page, the choice's index, the task id, "<period code>:<agency id>"


@dataclass
class ChartRequest:
    period_code: str
    agency_id: int | None = None

    @property
    def callback_data(self) -> str:
        return f"st:ch:{self.period_code}:{self.agency_id or 0}"


@dataclass
class Answer:
    text: str  # HTML, escaped, Vietnamese
    kind: str | None = None  # the ask answered (reports/questions/frame.py ASKS), None for a message
    period: Period | None = None
    scope_label: str = ""  # "toàn xã", "Văn phòng HĐND và UBND xã (chủ trì)"
    agency_id: int | None = None
    agency_name: str | None = None
    status: str | None = None
    rate: tuple[int, int] | None = None  # (đã và đang thực hiện, tổng số)
    count: int | None = None
    codes: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    first: str | None = None
    measure: str | None = None  # what rows count: rate | count | tasks | value
    docs: tuple[str, ...] = ()  # document numbers, or the text of an unnumbered document
    indicators: tuple[IndicatorLine, ...] = ()
    value: tuple[float, str] | None = None
    no_data: bool = False  # nothing was reported for the period: no figure, never 0%
    source: str | None = None  # the report the figures come from
    buttons: tuple[tuple[Button, ...], ...] = ()
    choices: tuple[str, ...] = ()  # "Ý anh/chị là: …" readings, in the order of the choice buttons
    frame: Frame | None = None  # what was answered
    remember: Frame | None = None  # what a follow-up builds on
    # the command path
    chart_request: ChartRequest | None = None
    send_chart: bool = False
    report_period: Period | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def question(self) -> Frame | None:
        return self.frame
