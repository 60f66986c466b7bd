"""Charts for phones: portrait pictures 1000 px wide whose every label is readable at 400 px and lies
inside the picture without touching another; the overall rate on the chart; the agency question
gets its own pictures; periods without reports say so instead of drawing 0."""

from __future__ import annotations

import io
import itertools
from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from plans.periods import PeriodPolicy, quarter
from reports.charting import chart_set, trend_periods
from reports.outputs.chart_figures import agency_figure, status_figure, trend_figure
from reports.outputs.charts import DPI, WIDTH_IN, AgencyBar, ChartSet, render_charts
from storage.db import Database
from storage.models import Official

PHONE = 400  # px: the width a phone shows a picture at
LONG = "Các công chức chuyên môn thuộc UBND xã, ngành dọc tại xã và các tổ chức chính trị - xã hội"
CHARTS = ChartSet(
    period="Quý I/2023 (01/01–31/03)",
    scope="toàn xã",
    done=13,
    in_progress=9,
    not_done=8,
    overdue=2,
    rate=73.3,
    agencies=[
        AgencyBar("Văn hóa xã hội xã", 50.0, 3, 6),
        AgencyBar("Văn phòng HĐND và UBND xã", 69.2, 18, 26),
        AgencyBar(LONG, 80.0, 8, 10),
        AgencyBar("Đài truyền thanh xã", 100.0, 1, 1),
        AgencyBar("Trang TTĐT xã", None, 0, 1),
    ],
    trend=[("Quý IV/2022", None), ("Quý I/2023", 73.3), ("Quý II/2023", 0.0)],
)


def _labels(fig: Figure) -> list[tuple[str, float, tuple[float, float, float, float]]]:
    fig.set_dpi(DPI)
    renderer = FigureCanvasAgg(fig).get_renderer()
    found = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            size = float(text.get_fontsize())
            found.append(
                (text.get_text(), size, (float(box.x0), float(box.y0), float(box.x1), float(box.y1)))
            )
    return found


@pytest.mark.parametrize("figure", [status_figure, agency_figure, trend_figure])
def test_labels_are_readable_at_phone_width_and_fit(figure) -> None:  # type: ignore[no-untyped-def]
    fig = figure(CHARTS)
    width_px, height_px = fig.get_size_inches() * DPI
    assert width_px == WIDTH_IN * DPI == 1000 and height_px > width_px  # portrait
    labels = _labels(fig)
    assert labels
    for text, size, (x0, y0, x1, y1) in labels:
        assert size * (PHONE / WIDTH_IN) / 72 >= 15, f"{text!r}: {size} pt is too small at {PHONE} px"
        assert (y1 - y0) * PHONE / width_px >= 12, f"{text!r} is under 12 px tall at {PHONE} px"
        assert x0 >= 0 and y0 >= 0 and x1 <= width_px and y1 <= height_px, f"{text!r} leaves the picture"
    for (a, _, ba), (b, _, bb) in itertools.combinations(labels, 2):
        overlap = min(ba[2], bb[2]) - max(ba[0], bb[0]) > 1 and min(ba[3], bb[3]) - max(ba[1], bb[1]) > 1
        assert not overlap, f"{a!r} overlaps {b!r}"


def test_the_overall_rate_is_on_the_chart_and_no_data_is_not_zero() -> None:
    status = [t for t, _, _ in _labels(status_figure(CHARTS))]
    assert "73,3%" in status and "22/30 nhiệm vụ" in status and "Quá hạn: 2" in status
    agencies = [t for t, _, _ in _labels(agency_figure(CHARTS))]
    assert "Tỷ lệ chung (đã và đang thực hiện):" in agencies and "tỷ lệ chung 73,3%" in agencies
    assert "chưa có số liệu" in agencies and "Trang TTĐT xã" in agencies  # no bar drawn as 0
    assert sum(LONG.split()[0] in t for t in agencies) == 1 and any(t.endswith("xã hội") for t in agencies)
    trend = _labels(trend_figure(CHARTS))
    assert [t for t, _, _ in trend].count("chưa có số liệu") == 1 and "0,0%" in [t for t, _, _ in trend]
    empty = ChartSet(period="Quý III/2023", scope="toàn xã", not_done=0, no_report=30)
    assert "Chưa có\nsố liệu" in [t for t, _, _ in _labels(status_figure(empty))]


def test_render_charts_gives_separate_pngs_with_captions() -> None:
    pictures = render_charts(CHARTS)
    assert [c.split(" — ")[0] for c, _ in pictures] == [
        "Tình trạng nhiệm vụ",
        "Hoàn thành theo cơ quan chủ trì",
        "Tỷ lệ hoàn thành qua các kỳ",
    ]
    assert "tỷ lệ hoàn thành 73,3%" in pictures[0][0]
    for caption, png in pictures:
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG" and image.width == 1000 and image.height > image.width
        assert len(caption) <= 1024


def _leader(org: int) -> Official:
    return Official(id=None, telegram_user_id=1, full_name="Lãnh đạo", organization_id=org, role="leader")


def test_the_agency_question_gets_its_own_pictures(db: Database, thanh_xa: dict[str, int]) -> None:
    policy = PeriodPolicy()
    kwargs = {
        "viewer": _leader(thanh_xa["org"]),
        "period": quarter(2023, 2),
        "today": date(2023, 7, 5),
        "policy": policy,
    }
    commune = db.call(chart_set, **kwargs)
    agency = db.call(chart_set, agency_id=thanh_xa["Văn hóa xã hội xã"], **kwargs)
    assert not isinstance(commune, str) and not isinstance(agency, str)
    assert commune.scope == "toàn xã" and agency.scope == "Văn hóa xã hội xã (chủ trì)"
    assert commune.agencies and not agency.agencies  # one agency: no by-agency picture
    assert commune.trend == [("Quý I/2023", pytest.approx(73.33, abs=0.01)), ("Quý II/2023", None)]
    assert agency.trend == [("Quý I/2023", 50.0), ("Quý II/2023", None)]
    commune_pictures, agency_pictures = render_charts(commune), render_charts(agency)
    assert len(commune_pictures) == 3 and len(agency_pictures) == 2
    assert commune_pictures[0][1] != agency_pictures[0][1]
    assert "Văn hóa xã hội xã (chủ trì)" in agency_pictures[0][0]


def test_trend_periods() -> None:
    policy = PeriodPolicy()
    assert [p.label for p in trend_periods(quarter(2023, 2), policy, date(2023, 7, 5))] == [
        "Quý I/2022",
        "Quý II/2022",
        "Quý III/2022",
        "Quý IV/2022",
        "Quý I/2023",
        "Quý II/2023",
    ]
    from plans.periods import year_period

    assert [p.label for p in trend_periods(year_period(2023), policy, date(2023, 5, 1))] == [
        "Quý I/2023",
        "Quý II/2023",
    ]
