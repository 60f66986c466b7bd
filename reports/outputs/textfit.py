"""How tall wrapped text is: spreadsheets store row heights, and neither openpyxl nor LibreOffice's
printing computes them from wrapped text, so rows overlap when printed unless we do.

Widths are measured with the metric-compatible Times New Roman substitute (Liberation Serif, from
fonts-liberation2) when it is installed, else with matplotlib's DejaVu Serif, which is wider: the
rows come out a little taller, never too short.
"""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path

from PIL import ImageFont

SCALE = 8  # measure at 8 px per point, then divide: sub-point precision
LINE = 1.2  # line height in em (Liberation Serif: ascent 0.891 + descent 0.216, plus leading)
PADDING_PT = 4.0  # above and below the text of a cell
CELL_MARGIN_PT = 5.0  # left and right, together
_LIBERATION = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation",
)


@functools.lru_cache(maxsize=4)
def font_file(bold: bool) -> str:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in _LIBERATION:
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    import matplotlib

    fallback = "DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf"
    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf", fallback)


@functools.lru_cache(maxsize=16)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(bold), size=max(1, round(size * SCALE)))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of one line of text, in points."""
    return float(_font(size, bold).getlength(text)) / SCALE


def wrapped_lines(text: str, width: float, size: float, *, bold: bool = False) -> int:
    """Lines the text takes when wrapped at spaces into `width` points (a word longer than the
    width is broken, as spreadsheets do)."""
    total = 0
    for paragraph in (text or "").split("\n"):
        words = paragraph.split()
        if not words:
            total += 1
            continue
        lines, current = 1, 0.0
        space = text_width(" ", size, bold=bold)
        for word in words:
            w = text_width(word, size, bold=bold)
            if w > width:  # broken over several lines
                if current:
                    lines += 1
                lines += math.ceil(w / width) - 1
                current = w % width or width
                continue
            needed = w if current == 0 else current + space + w
            if needed <= width:
                current = needed
            else:
                lines += 1
                current = w
        total += lines
    return max(total, 1)


DIGIT_PX = 8  # a digit of Times New Roman 12 pt (the workbooks' default font) at 96 dpi


def column_points(width: float) -> float:
    """An Excel column width (digits of the default font) in points: 8 px per digit plus 5 px of
    padding at 96 dpi."""
    return (width * DIGIT_PX + 5) * 0.75


def text_height(text: str, column_width: float, size: float, *, bold: bool = False) -> float:
    """Row height in points that shows all of the text in a column of this Excel width."""
    usable = column_points(column_width) - CELL_MARGIN_PT
    return wrapped_lines(text, usable, size, bold=bold) * size * LINE + PADDING_PT
