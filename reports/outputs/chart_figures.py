"""The three phone pictures (reports/outputs/charts.py): portrait, laid out in inches on one
full-figure axes so that nothing overlaps or leaves the picture, every text ≥ MIN_FONT points.

- status: a ring of the tasks by status with the overall rate in its middle, counts below;
- by agency: one row per lead agency (worst first): its name as written, a bar, the rate;
- trend: one row per period, the same way.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from plans.wording import RATE_LABEL, STATUS_NAMES
from reports.outputs.charts import COLORS, FONT, MIN_FONT, WIDTH_IN, ChartSet, rate_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TITLE = 14.0
TEXT = 12.0
SMALL = MIN_FONT
LINE_IN = 0.23  # one line of TEXT-sized text
WRAP = 34  # characters per line of a name at SMALL on a 4-inch picture
MAX_ROWS = 20
LEFT, BAR_W = 0.2, 2.7  # inches: where bars start, and the length of 100 %
MIN_HEIGHT = 5.0  # portrait: taller than wide
TREND_MIN_HEIGHT = 4.4


def _canvas(height: float) -> tuple[Figure, Axes]:
    # Imported here: matplotlib costs ~1.5 s at start-up and only charts need it. A bare Figure
    # (not pyplot) needs no backend switch and is never registered globally, so nothing leaks.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(height, 0)  # y in inches from the top
    ax.axis("off")
    return fig, ax


def _text(ax: Axes, x: float, y: float, text: str, size: float = TEXT, **kw: Any) -> None:
    ax.text(x, y, text, fontsize=size, fontfamily=FONT, va="top", **kw)


def _lines(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def _header(ax: Axes, y: float, title: str, lines: list[str]) -> float:
    _text(ax, WIDTH_IN / 2, y, title, TITLE, ha="center", fontweight="bold")
    y += 0.32
    for line in lines:
        for part in _lines(line, 40):
            _text(ax, WIDTH_IN / 2, y, part, SMALL, ha="center", color="#333333")
            y += LINE_IN
    return y + 0.1


def _header_height(lines: list[str]) -> float:
    return 0.15 + 0.32 + sum(len(_lines(line, 40)) for line in lines) * LINE_IN + 0.1


def _overall(charts: ChartSet) -> str:
    if charts.rate is None:
        return f"Tỷ lệ chung: {rate_text(None)}"
    return f"Tỷ lệ chung ({RATE_LABEL}): {rate_text(charts.rate)} — {charts.active}/{charts.total} nhiệm vụ"


def _rows(
    ax: Axes, y: float, rows: list[tuple[str, float | None, str]], overall: float | None
) -> tuple[float, Any]:
    """Name above, bar below, value beside (inside when the bar is long); returns the y after them."""
    bars: Any = None
    positions, widths = [], []
    for name, rate, value in rows:
        for part in _lines(name):
            _text(ax, LEFT, y, part, SMALL)
            y += 0.2
        y += 0.03
        if rate is None:
            _text(ax, LEFT, y, rate_text(None), SMALL, color="#757575", style="italic")
        else:
            positions.append(y + 0.12)
            widths.append(BAR_W * max(0.0, min(rate, 100.0)) / 100)
            end = LEFT + widths[-1]
            # the labels hide the dashed overall line where they meet it
            if rate >= 55:
                box = {"facecolor": COLORS["bar"], "edgecolor": "none", "pad": 0.5}
                _text(
                    ax,
                    end - 0.05,
                    y + 0.02,
                    value,
                    SMALL,
                    ha="right",
                    color="white",
                    fontweight="bold",
                    bbox=box,
                )
            else:
                _text(
                    ax,
                    end + 0.05,
                    y + 0.02,
                    value,
                    SMALL,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                )
        y += 0.26 + 0.16
    if positions:
        bars = ax.barh(positions, widths, height=0.24, left=LEFT, color=COLORS["bar"], zorder=1)
        for label in ax.texts:
            label.set_zorder(4)
    if overall is not None and positions:
        x = LEFT + BAR_W * overall / 100
        for middle in positions:  # across the bars only: never through a name or a value
            ax.plot(
                [x, x], [middle - 0.17, middle + 0.17], ls="--", lw=1.4, color=COLORS["overall"], zorder=3
            )
    return y, bars


def _scale(ax: Axes, y: float) -> float:
    ax.plot([LEFT, LEFT + BAR_W], [y, y], color="#9e9e9e", lw=0.8)
    for pct in (0, 50, 100):
        x = LEFT + BAR_W * pct / 100
        ax.plot([x, x], [y, y + 0.05], color="#9e9e9e", lw=0.8)
        _text(ax, x, y + 0.07, f"{pct}%", SMALL, ha="center", color="#555555")
    return y + 0.35


def _rows_height(names: list[str]) -> float:
    return sum(len(_lines(n)) * 0.2 + 0.03 + 0.26 + 0.16 for n in names)


def agency_figure(charts: ChartSet) -> Figure:
    """Completion by lead agency, worst first; the overall rate as a dashed line and in the header."""
    shown = charts.agencies[:MAX_ROWS]
    left_out = len(charts.agencies) - len(shown)
    header = [f"{charts.period}, {charts.scope}", _overall(charts)]
    extra = 0.3 * bool(left_out) + 0.3 * (charts.rate is not None)
    height = _header_height(header) + _rows_height([a.name for a in shown]) + 0.45 + extra + 0.2
    height = max(height, MIN_HEIGHT)
    fig, ax = _canvas(height)
    y = _header(ax, 0.15, "Hoàn thành theo cơ quan chủ trì", header)
    rows = [(a.name, a.rate, f"{rate_text(a.rate)} ({a.active}/{a.total})") for a in shown]
    if not rows:
        _text(ax, WIDTH_IN / 2, y + 0.3, "Chưa có nhiệm vụ có cơ quan chủ trì", TEXT, ha="center")
        return fig
    y, _bars = _rows(ax, y, rows, charts.rate)
    y = _scale(ax, y - 0.05)
    if charts.rate is not None:
        ax.plot([LEFT, LEFT + 0.3], [y + 0.1, y + 0.1], ls="--", lw=1.4, color=COLORS["overall"])
        _text(ax, LEFT + 0.4, y, f"tỷ lệ chung {rate_text(charts.rate)}", SMALL)
        y += 0.3
    if left_out:
        _text(ax, WIDTH_IN / 2, y, f"… và {left_out} đơn vị khác", SMALL, ha="center")
    return fig


def trend_figure(charts: ChartSet) -> Figure:
    """The rate of each period, oldest first; periods without any report say so."""
    header = [charts.scope]
    labels = [label for label, _ in charts.trend]
    height = max(_header_height(header) + _rows_height(labels) + 0.45 + 0.2, TREND_MIN_HEIGHT)
    fig, ax = _canvas(height)
    y = _header(ax, 0.15, "Tỷ lệ hoàn thành qua các kỳ", header)
    rows = [(label, rate, rate_text(rate)) for label, rate in charts.trend]
    y, _bars = _rows(ax, y, rows, None)
    _scale(ax, y - 0.05)
    return fig


def status_figure(charts: ChartSet) -> Figure:
    """A ring of the tasks by status, the overall rate in its middle, the counts below it."""
    items = [
        (STATUS_NAMES["done"], charts.done, COLORS["done"]),
        (STATUS_NAMES["in_progress"], charts.in_progress, COLORS["in_progress"]),
        (STATUS_NAMES["not_done"], charts.not_done, COLORS["not_done"]),
        (STATUS_NAMES["no_report"], charts.no_report, COLORS["no_report"]),
    ]
    header = [f"{charts.period}, {charts.scope}"]
    ring = 2.4
    height = max(_header_height(header) + ring + 0.25 + 5 * 0.3 + 0.2, MIN_HEIGHT)
    fig, ax = _canvas(height)
    y = _header(ax, 0.15, "Tình trạng nhiệm vụ", header)
    donut = fig.add_axes(
        ((WIDTH_IN - ring) / 2 / WIDTH_IN, 1 - (y + ring) / height, ring / WIDTH_IN, ring / height)
    )
    donut.set_aspect("equal")
    values = [count for _, count, _ in items]
    if sum(values):
        donut.pie(
            values,
            colors=[c for _, _, c in items],
            startangle=90,
            counterclock=False,
            wedgeprops={"width": 0.32, "edgecolor": "white"},
        )
    else:
        donut.pie([1], colors=["#e0e0e0"], wedgeprops={"width": 0.32})
    if charts.rate is None:
        donut.text(0, 0, "Chưa có\nsố liệu", ha="center", va="center", fontsize=TEXT, fontfamily=FONT)
    else:
        donut.text(
            0,
            0.12,
            rate_text(charts.rate),
            ha="center",
            va="center",
            fontsize=24,
            fontweight="bold",
            fontfamily=FONT,
        )
        donut.text(
            0,
            -0.22,
            f"{charts.active}/{charts.total} nhiệm vụ",
            ha="center",
            va="center",
            fontsize=SMALL,
            fontfamily=FONT,
        )
    y += ring + 0.25
    legend = [*items, ("Quá hạn", charts.overdue, None)]
    for name, count, color in legend:
        if color is not None:
            ax.add_patch(_square(0.55, y + 0.02, color))
        _text(ax, 0.85, y, f"{name}: {count}", TEXT, fontweight="bold" if color is None else "normal")
        y += 0.3
    return fig


def _square(x: float, y: float, color: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 0.2, 0.2, color=color)
