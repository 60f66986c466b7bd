"""Charts drawn on the server as SVG (no script, no CDN): completion by agency and the trend.

Colours never carry meaning alone: every bar is labelled with its rate in words ("73,3%" or "chưa có
số liệu"), and the chart has a <title> and a text alternative for screen readers. Only presentation
attributes are used (no style attributes), so the page's Content-Security-Policy allows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from storage.text import percent

GOOD, FAIR, BAD, NONE, INK, GRID = "#2e7d32", "#b26a00", "#c62828", "#757575", "#263238", "#cfd8dc"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def rate_colour(rate: float | None) -> str:
    if rate is None:
        return NONE
    return GOOD if rate >= 80 else FAIR if rate >= 50 else BAD


def rate_words(rate: float | None) -> str:
    return "chưa có số liệu" if rate is None else percent(rate)


def agency_bars(rows: Sequence[tuple[str, float | None, str]], overall: float | None, title: str) -> str:
    """One horizontal bar per agency (name, rate, "3/6"), worst first; the overall rate dashed."""
    bar_h, gap, label_h, width, left = 18, 10, 20, 440, 4
    row_h = label_h + bar_h + gap
    height = 16 + row_h * max(len(rows), 1)
    scale = (width - left - 150) / 100
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="bars-title" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, Arial, sans-serif" font-size="14">',
        f'<title id="bars-title">{_e(title)}</title>',
    ]
    for index, (name, rate, fraction) in enumerate(rows):
        y = 8 + index * row_h
        short = name if len(name) <= 48 else name[:47] + "…"
        parts.append(f'<text x="{left}" y="{y + 13}" fill="{INK}">{_e(short)}</text>')
        w = 0.0 if rate is None else max(rate * scale, 2.0)
        parts.append(
            f'<rect x="{left}" y="{y + label_h}" width="{width - left - 150:.0f}" height="{bar_h}" fill="#eceff1"/>'
        )
        parts.append(
            f'<rect x="{left}" y="{y + label_h}" width="{w:.1f}" height="{bar_h}" fill="{rate_colour(rate)}"/>'
        )
        parts.append(
            f'<text x="{width - 142}" y="{y + label_h + 14}" fill="{INK}" font-weight="bold">'
            f"{_e(rate_words(rate))} ({_e(fraction)})</text>"
        )
    if overall is not None:
        x = left + overall * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 4}" stroke="{INK}" '
            f'stroke-dasharray="5 4" stroke-width="1.5"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def trend_line(points: Sequence[tuple[str, float | None]], title: str) -> str:
    """The rate across periods: a point per period with its value written beside it."""
    width, height, left, right, top, bottom = 440, 220, 44, 28, 24, 52
    n = max(len(points), 1)
    step = (width - left - right) / max(n - 1, 1)

    def y_of(rate: float) -> float:
        return top + (100 - rate) * (height - top - bottom) / 100

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="trend-title" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, Arial, sans-serif" font-size="14">',
        f'<title id="trend-title">{_e(title)}</title>',
    ]
    for tick in (0, 50, 100):
        y = y_of(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="4" y="{y + 4:.1f}" fill="{INK}">{tick}%</text>')
    coords: list[tuple[float, float]] = []
    for index, (label, rate) in enumerate(points):
        x = left + (index * step if n > 1 else (width - left - right) / 2)
        parts.append(
            f'<text x="{x:.1f}" y="{height - 28}" fill="{INK}" text-anchor="middle" font-size="12">{_e(label)}</text>'
        )
        if rate is None:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 10}" fill="{NONE}" text-anchor="middle">chưa có số liệu</text>'
            )
            continue
        y = y_of(rate)
        coords.append((x, y))
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{rate_colour(rate)}"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{y - 10:.1f}" fill="{INK}" text-anchor="middle" font-weight="bold">'
            f"{_e(percent(rate))}</text>"
        )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.insert(2, f'<polyline points="{path}" fill="none" stroke="#1565c0" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)
