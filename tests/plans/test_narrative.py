"""Narrative reports → period, the report's own number and date, indicator values (with unit and
sentence) and cited documents. Expected values worked out by hand from the texts; the arithmetic
checks are the reports' own (carried over + direct + online = received, …)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plans.parsing.narrative import NarrativeReport, parse_narrative, vn_number

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1].parent / "shared" / "seeds" / "khuc-thua-du-2025-11-monthly-report.txt"
Q1 = HERE / "narrative" / "lam-dong-cchc-2026-q1-report.txt"


@pytest.fixture(scope="module")
def khuc_thua_du() -> NarrativeReport:
    if not SEED.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("seed khuc-thua-du-2025-11-monthly-report.txt not available")
    return parse_narrative(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lam_dong_q1() -> NarrativeReport:
    return parse_narrative(Q1.read_text(encoding="utf-8"))


def test_khuc_thua_du_report(khuc_thua_du: NarrativeReport) -> None:
    r = khuc_thua_du
    assert r.period is not None and r.period.label == "Tháng 11/2025"
    assert (r.number, r.issued_on) == (None, None)  # the text has no "Số:" line nor date line
    assert r.organization == "UBND xã Khúc Thừa Dụ"
    values = {i.key: r.values(i.key) for i in r.indicators}
    assert values == {
        # "Tháng 11, năm 2025, đã tiếp nhận giải quyết 1.236 hồ sơ, trong đó: Kỳ trước chuyển sang 8 hồ sơ.
        # Tiếp nhận trực tiếp: 1.108 hồ sơ. Tiếp nhận trực tuyến: 120 hồ sơ."
        "ho_so_tiep_nhan": [1236.0],
        "ho_so_ky_truoc": [8.0],
        "ho_so_truc_tiep": [1108.0],
        "ho_so_truc_tuyen": [120.0],
        # "Hồ sơ đã giải quyết: 1.221 hồ sơ (hồ sơ giải quyết trước hạn: 1.217 hồ sơ = 100%, hồ sơ giải
        # quyết quá hạn: 0 hồ sơ; 4 hồ sơ công dân đề nghị rút). Hồ sơ đang giải quyết 15 hồ sơ."
        "ho_so_da_giai_quyet": [1221.0],
        "giai_quyet_truoc_han": [1217.0],
        "giai_quyet_truoc_han_ty_le": [100.0],
        "giai_quyet_qua_han": [0.0],
        "ho_so_rut": [4.0],
        "ho_so_dang_giai_quyet": [15.0],
        # section 4 "Hồ sơ trả qua dịch vụ bưu chính công ích: 82 hồ sơ", section 9 "… là 145 hồ sơ"
        "tra_ket_qua_buu_chinh": [82.0, 145.0],
        "ho_so_lien_thong": [156.0],
        # "tổng số thủ tục hành chính … là 378 thủ tục, cụ thể: … toàn trình là: 219 thủ tục; … một phần
        # là: 159 thủ tục; Số TTHC chưa cung cấp DVC trực tuyến là: 0 thủ tục"
        "tthc_tong": [378.0],
        "tthc_toan_trinh": [219.0],
        "tthc_mot_phan": [159.0],
        "tthc_chua_truc_tuyen": [0.0],
        "phan_anh_kien_nghi": [0.0],  # "không có phản ánh, kiến nghị nào"
        # section 6, "đạt X%"
        "ty_le_dung_han": [100.0],
        "ty_le_ket_qua_dien_tu": [100.0],
        "ty_le_so_hoa_ho_so": [100.0],
        "ty_le_so_hoa": [100.0, 100.0],
        "ty_le_tai_su_dung": [98.7],
        "ty_le_thanh_toan_truc_tuyen": [100.0],
        "ty_le_truc_tuyen": [90.2],
    }
    # the report's own arithmetic
    assert r.values("ho_so_tiep_nhan")[0] == 8 + 1108 + 120
    assert r.values("ho_so_da_giai_quyet")[0] == 1217 + 0 + 4
    assert r.values("tthc_tong")[0] == 219 + 159 + 0
    # targets of "III. Một số nhiệm vụ trọng tâm thời gian tới" ("tối thiểu 60%", "80% hồ sơ") are not results
    assert all(i.value not in (60.0, 80.0) for i in r.indicators)


def test_units_labels_and_sentences(khuc_thua_du: NarrativeReport) -> None:
    online = khuc_thua_du.get("ho_so_truc_tuyen")
    assert online is not None and (online.unit, online.text) == ("hồ sơ", "Tiếp nhận trực tuyến: 120 hồ sơ.")
    rate = khuc_thua_du.get("ty_le_truc_tuyen")
    assert rate is not None and (rate.unit, rate.label) == ("%", "tiếp nhận hồ sơ trực tuyến")
    assert rate.text == "- Tỷ lệ tiếp nhận hồ sơ trực tuyến đạt 90,2% trên tổng số hồ sơ."
    tthc = khuc_thua_du.get("tthc_toan_trinh")
    assert tthc is not None and tthc.unit == "thủ tục"


def test_cited_documents(khuc_thua_du: NarrativeReport) -> None:
    docs = [(d.doc_type, d.number, d.issued_on) for d in khuc_thua_du.documents]
    assert ("Kế hoạch", "15/KH-UBND", date(2025, 8, 4)) in docs
    assert ("Kế hoạch", "16/KH-UBND", date(2025, 8, 4)) in docs
    assert ("Báo cáo", "357/BC-UBND", date(2025, 11, 18)) in docs
    assert ("Quyết định", "587/QĐ-UBND", date(2024, 3, 5)) in docs
    # cited twice, once without its date: one entry, with the date
    assert [d for d in docs if d[1] == "02/2017/TT-VPCP"] == [
        ("Thông tư", "02/2017/TT-VPCP", date(2017, 10, 31))
    ]


def test_lam_dong_quarterly_report(lam_dong_q1: NarrativeReport) -> None:
    r = lam_dong_q1
    assert r.period is not None and r.period.label == "Quý I/2026"  # "quý I … và phương hướng … quý II"
    assert (r.number, r.issued_on) == (None, None)  # draft: "Số: /BC-UBND", "ngày tháng 3 năm 2026"
    assert r.organization == "UBND tỉnh Lâm Đồng"
    assert r.values("tthc_tong") == [2310.0]
    # "Tổng số hồ sơ các sở, ngành đã giải quyết là 125.712 hồ sơ; … trước và đúng hạn là 120.088 (tỷ lệ
    # 95,53%), … trễ hạn là 5.624 (tỷ lệ 4,47%)." then the same for "cấp xã"
    assert r.values("ho_so_da_giai_quyet") == [125712.0, 241331.0]
    assert r.values("giai_quyet_dung_han") == [120088.0, 237412.0]
    assert r.values("giai_quyet_dung_han_ty_le") == [95.53, 98.38]
    assert r.values("giai_quyet_qua_han") == [5624.0, 3919.0]
    assert r.values("giai_quyet_qua_han_ty_le") == [4.47, 1.62]
    for solved, on_time, late in zip(
        r.values("ho_so_da_giai_quyet"),
        r.values("giai_quyet_dung_han"),
        r.values("giai_quyet_qua_han"),
        strict=True,
    ):
        assert on_time + late == solved
    assert r.values("phan_anh_kien_nghi") == [306.0] and r.values("phan_anh_da_xu_ly") == [306.0]
    # "2.047 dịch vụ công trực tuyến (gồm 845 dịch công trực tuyến toàn trình và 1.202 … một phần)"
    assert r.values("dvc_truc_tuyen") == [2047.0]
    assert r.values("tthc_toan_trinh") == [845.0] and r.values("tthc_mot_phan") == [1202.0]
    assert r.values("tthc_toan_trinh")[0] + r.values("tthc_mot_phan")[0] == r.values("dvc_truc_tuyen")[0]
    assert r.get("tthc_toan_trinh").unit == "dịch vụ công"  # type: ignore[union-attr]
    rates = {i.key: i.value for i in r.indicators if i.unit == "%" and not i.key.endswith("_ty_le")}
    assert rates == {
        "ty_le_mot_cua": 100.0,
        "ty_le_so_hoa": 89.94,
        "ty_le_tai_su_dung": 92.64,
        "ty_le_toan_trinh": 86.98,
        "ty_le_thanh_toan_truc_tuyen": 100.0,
    }
    assert ("Kế hoạch", "1364/KH-UBND", date(2026, 1, 29)) in [
        (d.doc_type, d.number, d.issued_on) for d in r.documents
    ]


def test_the_reports_own_number_and_date() -> None:
    r = parse_narrative(
        "ỦY BAN NHÂN DÂN\nXÃ THANH XÁ\nSố: 28 /BC-UBND\nThanh Xá, ngày 14 tháng 4 năm 2023\nBÁO CÁO\n"
        "Kết quả thực hiện Kế hoạch Kiểm soát thủ tục hành chính năm 2023 trên địa bàn xã quý I năm 2023\n"
        "Thực hiện Kế hoạch số 25/KH-UBND ngày 09/03/2023 của UBND xã, UBND xã báo cáo như sau:\n"
    )
    assert (r.number, r.issued_on, r.organization) == ("28/BC-UBND", date(2023, 4, 14), "UBND xã Thanh Xá")
    assert r.period is not None and r.period.label == "Quý I/2023"
    assert [(d.number, d.issued_on) for d in r.documents] == [("25/KH-UBND", date(2023, 3, 9))]


# One sentence each, as written in real reports (Thanh Xá Q1/2023, Thanh Hà Q3/2025 appendices,
# Lâm Đồng Đề án 06 report of 11/2025): (sentence, [(key, value, unit)])
SENTENCES: list[tuple[str, list[tuple[str, float, str]]]] = [
    (
        "Đã thực hiện: Quý 1 năm 2023 đã tiếp nhận 292 hồ sơ trực tuyến mức độ 3,4 đạt tỷ lệ 78,5%",
        [("ho_so_truc_tuyen", 292.0, "hồ sơ"), ("ty_le_truc_tuyen", 78.5, "%")],
    ),
    (
        "Đã thực hiện: Quý 1/2023 số hóa được 371 hồ sơ khi tiếp nhận đạt 99,73 %, 372 hồ sơ được số hóa khi "
        "trả kết quả đat 100 %",
        [
            ("so_hoa_ho_so", 371.0, "hồ sơ"),
            ("ty_le_so_hoa_ho_so", 99.73, "%"),
            ("so_hoa_ket_qua", 372.0, "hồ sơ"),
            ("so_hoa_ket_qua_ty_le", 100.0, "%"),
        ],
    ),
    (
        "Tính đến hết ngày 30/09/2025, tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 61,3%.",
        [("ty_le_truc_tuyen", 61.3, "%")],
    ),
    (
        "Tính đến hết ngày 30/09/2025, tỷ lệ thanh toán trực tuyến đạt 62.38 %",
        [("ty_le_thanh_toan_truc_tuyen", 62.38, "%")],
    ),
    (
        "Toàn tỉnh đã triển khai cung cấp 2.184 dịch vụ công trực tuyến, tỷ lệ tiếp nhận hồ sơ hình thức trực "
        "tuyến đạt 76,3%.",
        [("dvc_truc_tuyen", 2184.0, "dịch vụ công"), ("ty_le_truc_tuyen", 76.3, "%")],
    ),
    (
        "Trong kỳ, UBND xã tiếp nhận 02 phản ánh, kiến nghị.",
        [("phan_anh_kien_nghi", 2.0, "phản ánh, kiến nghị")],
    ),
    ("Trong quý, không phát sinh phản ánh, kiến nghị.", [("phan_anh_kien_nghi", 0.0, "phản ánh, kiến nghị")]),
    # targets are not results
    ("Phấn đấu tỷ lệ hồ sơ trực tuyến đạt tối thiểu 80%.", []),
    ("Tiếp tục thanh toán trực tuyến bảo đảm tỷ lệ tối thiểu 60%.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=lambda v: str(v)[:40])
def test_sentences(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    got = [(i.key, i.value, i.unit) for i in parse_narrative(sentence).indicators]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.236", 1236.0),
        ("125.712", 125712.0),
        ("1.202.000", 1202000.0),
        ("90,2", 90.2),
        ("62.38", 62.38),
        ("05", 5.0),
    ],
)
def test_vietnamese_numbers(text: str, value: float) -> None:
    assert vn_number(text) == value


def test_odd_text_never_raises() -> None:
    for text in [
        "",
        "\x00",
        "BÁO CÁO",
        "đạt %",
        "1.2.3.4 hồ sơ",
        "Tiếp nhận trực tuyến: 99999999999999 hồ sơ",
    ]:
        assert isinstance(parse_narrative(text), NarrativeReport)
