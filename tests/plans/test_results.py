"""Result cells of the Thanh Xá (Q1/2023) and Thanh Hà (Q3/2025) report appendices, one by one."""

from __future__ import annotations

import pytest

from plans.parsing.results import parse_result

# thanh-xa-2023-q1-report.txt: the result of every one of the 30 nhiệm vụ, in table order
THANH_XA: list[tuple[str, str, str]] = [
    (
        "I.1",
        "Đã thực hiện:\n- Kế hoạch số 25/KH-UBND ngày 09/3/2023 của \nUBND xã về việc Kiểm soát TTHC;\n"
        "- Quyết đinh số 47/QĐ-UBND ngày 24/3/2023 về \nKiện toàn Bộ phận tiếp nhận và trả kết quả;",
        "done",
    ),
    (
        "II.1.1",
        "Đã thực hiện: Việc thực hiện cơ chế môt cửa, cơ \nchế môt cửa liên thông của xã tại Bộ phận "
        "tiếp nhận \nvà trả kết quả được duy trì nền nếp",
        "done",
    ),
    (
        "II.1.2",
        "Đã thực hiện: Quý 1 năm 2023 đã tiếp nhận 292 hồ \nsơ trực tuyến mức độ 3,4 đạt tỷ lệ 78,5%",
        "done",
    ),
    ("II.1.3", "Đã thực hiện: Thông báo số 09/TB-UBND ngày \n08/3/2023 về ban hành danh mục TTHC", "done"),
    (
        "II.1.4",
        "Chưa thực hiện: Kế hoạch số 35/KH-UBND ngày \n29/3/2023 về rà soát, đánh giá, đơn giản hóa TTHC",
        "not_done",
    ),
    (
        "II.1.5",
        "Đã thực hiện: Quý 1/2023 số hóa được 371 hồ sơ \nkhi tiếp nhận đạt 99,73 %, 372 hồ sơ được số hóa "
        "\nkhi trả kết quả đat 100 %",
        "done",
    ),
    ("II.1.6", "Đã thực hiện: UBND xã không tiếp nhận được phản \nánh kiến nghi nào", "done"),
    ("II.1.7", "Thường xuyên thực hiện khi có yêu cầu", "not_done"),
    (
        "II.2.1",
        "Công khai kết quả giải quyết TTHC hàng tháng\n- Thông báo số 02/TB-UBND ngày 01/02/2023 (tháng 1)\n"
        "- Thông báo số 07/TB-UBND ngày 01/03/2023 (tháng 2)\n- Thông báo số 15/TB-UBND ngày 01/02/2023 (tháng 3)",
        "done",
    ),
    ("II.2.2", "- Đã cập nhật thông tin công khai trên Trang thông \ntin điện tử của xã", "done"),
    (
        "II.2.3",
        "- Rà soát theo Kế hoạch số 35/KH-UBND ngày \n29/3/2023 về rà soát, đánh giá, đơn giản hóa TTHC",
        "done",
    ),
    ("II.2.4", "Chưa thực hiện", "not_done"),
    ("II.2.5", "Chưa thực hiện", "not_done"),
    ("II.2.6", "Thực hiện khi có yêu cầu", "not_done"),
    (
        "II.3.1",
        "Đã, đang thực hiện Kế hoạch của UBND huyện, \nUBND xã về thực hiện đổi mới việc thực hiện cơ "
        "\nchế một cửa",
        "in_progress",
    ),
    ("II.3.2", "Đã, đang thưc hiện: ", "in_progress"),
    ("II.3.3", "Đang thực hiện", "in_progress"),
    ("II.3.4", "Đã thực hiện: Thông báo số 09/TB-UBND ngày \n08/3/2023 về ban hành danh mục TTHC", "done"),
    (
        "II.3.5",
        "Thông báo số 16/TB-UBND ngày 12/4/2023 về \nmức thu phí, lệ phí thực hiện tại Bộ phận",
        "done",
    ),
    ("II.3.6", "Chưa thực hiện: Do chưa có hướng dẫn", "not_done"),
    (
        "II.4",
        "- Báo cáo số 15/BC-UBND ngày 09/03/2023 kết \nquả rà soát các thủ tục hành chính\n"
        "- Tiếp tục thực hiện theo kế hoạch số 01/KH-UBND \nngày 04/01/2023",
        "done",
    ),
    ("II.5", "- Chưa thực hiện theo Kế hoạch số 25/KH-UBND \nngày 09/3/2023 của UBND xã", "not_done"),
    ("II.6", "Đã, đang thực hiện", "in_progress"),
    ("III.1", "Chưa thực hiện, (do chưa có hướng dẫn của cấp \ntrên) ", "not_done"),
    ("III.2", "Đang thực hiện", "in_progress"),
    ("III.3", "Đang thực hiện", "in_progress"),
    ("III.4", "Đang thực hiện", "in_progress"),
    ("III.5", "Đang thực hiện", "in_progress"),
    ("IV.1", "Đã thực hiện\nCác bài viết tuyên truyền trên Trang  thông tin điện \ntử của xã", "done"),
    (
        "IV.2",
        "- Báo cáo số 18/BC-UBND ngày 15/03/2023 về \ncông tác kiểm soát TTHC\n"
        "- Báo cáo số 23/BC-UBND ngày 05/04/2023 kết \nquả rà soát",
        "done",
    ),
]

# thanh-ha-2025-q3-report-appendix.txt: result cells (PDF text, cells out of order)
THANH_HA: list[tuple[str, str]] = [
    (
        "Kế hoạch số 23/KH-UBND ngày \n15/8/2025 Kiểm soát thủ tục hành chính \nvà thực hiện cơ chế một cửa",
        "done",
    ),
    (
        "QĐ số 02/QĐ-TTPVHCC ngày \n01/07/2025 ban hành quy chế làm việc của \nTrung tâm Phục vụ hành chính công",
        "done",
    ),
    ("QĐ số 561/QĐ-UBND ngày 20/08/2025 \nVề việc ban hành Quy chế phối hợp hoạt \nđộng", "done"),
    ("(Quy chế đã được\nban hành)", "done"),
    ("Đã và đang thực hiện", "in_progress"),
    (
        "Thông báo danh mục thủ tục hành chính \nthuộc thẩm quyền giải quyết của UBND \nxã Thanh Hà; \n"
        "- Cập nhật công khai thủ tục hành chính \ntrên trang thông tin của xã (đạt tỷ lệ \n100%).",
        "done",
    ),
    ("Đã và đang thực hiện trên Cổng Dịch vụ \ncông quốc gia, hệ thống Một cửa thành \nphố. ", "in_progress"),
    ("Báo cáo số ngày 02/10/2025 báo cáo rà \nsoát, đơn giản hóa TTHC của UBND xã \nThanh Hà", "done"),
    (
        "Thông báo danh mục thủ tục hành chính \nkhông phụ thuộc vào địa giới hành chính \ntrong phạm vi thành phố",
        "done",
    ),
    (
        "Đã và đang thực hiện tiếp nhận thủ tục \nhành chính ngành dọc tại Trung tâm Phục \nvụ hành chính công xã",
        "in_progress",
    ),
    ("Đã và đang thực hiên", "in_progress"),
    ("Tính đến hết ngày 30/09/2025, tỷ lệ hồ sơ \ntiếp nhận trực tuyến đạt 61,3%. ", "in_progress"),
    ("Tính đến hết ngày 30/09/2025, tỷ lệ thanh \ntoán trực tuyến đạt 62.38 %", "in_progress"),
    ("Đạt 99,84% - chưa đạt", "in_progress"),
    ("Đạt 100%", "done"),
    ("kế hoạch 28/KH-UBND ngày 25/08/2025 \nTuyên truyền kiểm soát thủ tục hành chính", "done"),
    (
        "Báo cáo số 58/BC-UBND ngày 29/7/2025\nViệc thực hiện một số TTHC liên quan \nđến sản xuất,\n"
        "kinh doanh được phân cấp cho địa \nphương;Báo cáo 166/BC-UBND ngày \n16/09/2025 Công tác",
        "done",
    ),
]


@pytest.mark.parametrize(("code", "text", "status"), THANH_XA, ids=[c for c, _, _ in THANH_XA])
def test_thanh_xa_result(code: str, text: str, status: str) -> None:
    result = parse_result(text)
    assert result is not None
    assert result.status == status


def test_thanh_xa_golden_count() -> None:
    """4 mục, 14 nội dung, 30 nhiệm vụ; 22 đã và đang thực hiện → 73,3%."""
    assert len(THANH_XA) == 30
    statuses = [parse_result(text).status for _, text, _ in THANH_XA]  # type: ignore[union-attr]
    active = sum(s in ("done", "in_progress") for s in statuses)
    assert active == 22
    assert round(active / 30 * 100, 1) == 73.3


@pytest.mark.parametrize(("text", "status"), THANH_HA)
def test_thanh_ha_result(text: str, status: str) -> None:
    result = parse_result(text)
    assert result is not None
    assert result.status == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Đã thực hiện", "done"),
        ("Đã hoàn thành", "done"),
        ("Hoàn thành", "done"),
        ("da thuc hien", "done"),
        ("Đang thực hiện", "in_progress"),
        ("Đã và đang thực hiện", "in_progress"),
        ("Đã, đang thực hiện", "in_progress"),
        ("Đang triển khai", "in_progress"),
        ("dang thuc hien", "in_progress"),
        ("Chưa thực hiện", "not_done"),
        ("Chưa triển khai", "not_done"),
        ("chua thuc hien", "not_done"),
        ("Thực hiện khi có yêu cầu", "not_done"),
        ("Không phát sinh", "not_done"),
        ("Chưa thực hiện: Kế hoạch số 35/KH-UBND ngày 29/3/2023", "not_done"),
        ("Đã thực hiện, nhưng chưa báo cáo", "done"),
        ("Tham dự hội nghị của Đảng ủy xã", "in_progress"),
        ("Tổ chức đa dạng hình thức tuyên truyền", "in_progress"),
    ],
)
def test_status_phrases(text: str, status: str) -> None:
    result = parse_result(text)
    assert result is not None and result.status == status


def test_documents_and_kpi_values() -> None:
    result = parse_result(
        "Báo cáo số 58/BC-UBND ngày 29/7/2025; Báo cáo 166/BC-UBND ngày 16/09/2025; đạt tỷ lệ 78,5%"
    )
    assert result is not None
    assert [d.number for d in result.documents] == ["58/BC-UBND", "166/BC-UBND"]
    assert result.kpi_values == [78.5]
    assert result.text.startswith("Báo cáo số 58")


@pytest.mark.parametrize("text", ["", "   ", "\n", " - ", None])
def test_empty_is_none(text: str | None) -> None:
    assert parse_result(text) is None  # type: ignore[arg-type]
