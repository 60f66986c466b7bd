"""PNG charts of completion for phones (matplotlib, Agg). Rendering is CPU-bound: callers run it in a
thread. DejaVu Sans (bundled with matplotlib) has the Vietnamese glyphs.

Three separate portrait pictures (reports/outputs/chart_figures.py draws them): the status of the
tasks with the overall rate in the middle, completion by lead agency, and the rate across periods.
Every text is at least MIN_FONT points on a figure WIDTH_IN inches wide, so at 400 px on a phone
its letters are about 15 px tall; "no data" is written as such, never drawn as 0.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

FONT = "DejaVu Sans"
WIDTH_IN = 4.0  # portrait pictures 4 inches wide …
DPI = 250  # … rendered 1000 px wide
MIN_FONT = 11.0  # points: 11 × (400 px / 4 in) / 72 ≈ 15 px at 400 px width
COLORS = {
    "done": "#2e7d32",
    "in_progress": "#f9a825",
    "not_done": "#c62828",
    "no_report": "#9e9e9e",
    "bar": "#1565c0",
    "overall": "#37474f",
}


@dataclass(frozen=True)
class AgencyBar:
    name: str  # the agency as the plan writes it
    rate: float | None  # None: nothing reported (not 0%)
    active: int  # đã và đang thực hiện
    total: int


@dataclass
class ChartSet:
    """What the pictures of one question show (reports/charting.py builds it)."""

    period: str  # "Quý I/2023 (01/01–31/03)"
    scope: str  # "toàn xã", "Văn hóa xã hội xã (chủ trì)"
    done: int = 0
    in_progress: int = 0
    not_done: int = 0
    no_report: int = 0
    overdue: int = 0
    rate: float | None = None
    agencies: list[AgencyBar] = field(default_factory=list)  # empty when the scope is one agency
    trend: list[tuple[str, float | None]] = field(default_factory=list)  # (period label, rate)

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.not_done + self.no_report

    @property
    def active(self) -> int:
        return self.done + self.in_progress


@dataclass
class ChartData:
    """The older single-chart data (reports/answers/texts.py): rendered as the agency picture."""

    title: str
    agencies: list[tuple[str, float, int]] = field(default_factory=list)  # (name, rate %, tasks)
    done: int = 0
    in_progress: int = 0
    not_done: int = 0
    overdue: int = 0


def from_chart_data(data: ChartData) -> ChartSet:
    period, _, scope = data.title.partition(", ")
    return ChartSet(
        period=period,
        scope=scope,
        done=data.done,
        in_progress=data.in_progress,
        not_done=data.not_done,
        overdue=data.overdue,
        rate=100.0 * (data.done + data.in_progress) / max(1, data.done + data.in_progress + data.not_done)
        if data.done + data.in_progress + data.not_done
        else None,
        agencies=[
            AgencyBar(name, rate, round(rate * total / 100), total) for name, rate, total in data.agencies
        ],
    )


def rate_text(rate: float | None) -> str:
    return "chưa có số liệu" if rate is None else f"{rate:.1f}%".replace(".", ",")


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI)
    finally:
        fig.clear()
    return buffer.getvalue()


def build_figure(data: ChartData) -> Figure:
    """The agency picture of the older chart data."""
    from reports.outputs.chart_figures import agency_figure

    return agency_figure(from_chart_data(data))


def plotted_bars(fig: Figure) -> list[Any]:
    """The agency bars of a figure built by agency_figure (for checks)."""
    return list(fig.axes[0].containers[0]) if fig.axes and fig.axes[0].containers else []


def render_chart(data: ChartData) -> bytes:
    """PNG bytes of the older single chart (the agency picture)."""
    return png(build_figure(data))


def render_charts(charts: ChartSet) -> list[tuple[str, bytes]]:
    """The pictures of a question, each with its caption: status (with the overall rate), by agency
    (for the whole commune), and the trend across periods (when there is more than one)."""
    from reports.outputs.chart_figures import agency_figure, status_figure, trend_figure

    head = f"{charts.period}, {charts.scope}"
    out = [
        (
            f"Tình trạng nhiệm vụ — {head}: tỷ lệ hoàn thành {rate_text(charts.rate)}",
            png(status_figure(charts)),
        )
    ]
    if charts.agencies:
        out.append((f"Hoàn thành theo cơ quan chủ trì — {head}", png(agency_figure(charts))))
    if len(charts.trend) > 1:
        out.append((f"Tỷ lệ hoàn thành qua các kỳ — {charts.scope}", png(trend_figure(charts))))
    return [(caption[:1024], picture) for caption, picture in out]
