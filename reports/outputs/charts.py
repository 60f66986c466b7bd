"""PNG charts of completion (matplotlib, Agg backend). Rendering is CPU-bound: callers run it in a
thread. DejaVu Sans (bundled with matplotlib) has the Vietnamese glyphs."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storage.text import shorten

if TYPE_CHECKING:
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

FONT = "DejaVu Sans"
COLORS = {"done": "#2e7d32", "in_progress": "#f9a825", "not_done": "#c62828"}


@dataclass
class ChartData:
    title: str
    agencies: list[tuple[str, float, int]] = field(default_factory=list)  # (name, rate %, tasks)
    done: int = 0
    in_progress: int = 0
    not_done: int = 0
    overdue: int = 0


def build_figure(data: ChartData) -> Figure:
    """Completion by agency (horizontal bars, worst at the top) and the status breakdown."""
    rows = max(len(data.agencies), 1)
    height = min(2.5 + 0.45 * rows, 14)
    # Imported here: matplotlib costs ~1.5 s at start-up and only charts need it. A bare Figure
    # (not pyplot) needs no backend switch and is never registered globally, so nothing leaks.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, height), dpi=100)
    fig.set_layout_engine("constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=[3, 1.4])
    ax = fig.add_subplot(grid[0, 0])
    names = [shorten(name, 38) for name, _, _ in data.agencies]
    rates = [rate for _, rate, _ in data.agencies]
    positions = list(range(len(names)))
    bars = ax.barh(positions, rates, color="#1565c0", label="agencies")
    ax.set_yticks(positions, labels=names, fontfamily=FONT, fontsize=9)
    ax.invert_yaxis()  # worst (first) at the top
    ax.set_xlim(0, 110)
    ax.set_xlabel("Tỷ lệ hoàn thành (%)", fontfamily=FONT)
    ax.set_title("Hoàn thành theo cơ quan chủ trì", fontfamily=FONT, fontsize=11)
    for bar, (_, rate, total) in zip(bars, data.agencies, strict=True):
        ax.text(
            bar.get_width() + 1,
            bar.get_y() + bar.get_height() / 2,
            f"{rate:.1f}%".replace(".", ",") + f" ({total})",
            va="center",
            fontsize=8,
            fontfamily=FONT,
        )
    if not data.agencies:
        ax.text(55, 0, "Chưa có số liệu", ha="center", fontfamily=FONT)
    status_ax = fig.add_subplot(grid[0, 1])
    labels = ["Đã thực hiện", "Đang thực hiện", "Chưa thực hiện"]
    values = [data.done, data.in_progress, data.not_done]
    status_ax.bar(range(3), values, color=[COLORS["done"], COLORS["in_progress"], COLORS["not_done"]])
    status_ax.set_xticks(range(3), labels=labels, fontfamily=FONT, fontsize=8, rotation=20)
    status_ax.set_title("Tình trạng nhiệm vụ", fontfamily=FONT, fontsize=11)
    for i, v in enumerate(values):
        status_ax.text(i, v, str(v), ha="center", va="bottom", fontsize=9, fontfamily=FONT)
    fig.suptitle(data.title, fontfamily=FONT, fontsize=12)
    return fig


def plotted_bars(fig: Figure) -> list[Any]:
    """The agency bars of a figure built by build_figure (for checks)."""
    container = fig.axes[0].containers[0]
    return list(container)


def render_chart(data: ChartData) -> bytes:
    """PNG bytes of the chart."""
    fig = build_figure(data)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png")
    finally:
        fig.clear()
    return buffer.getvalue()
