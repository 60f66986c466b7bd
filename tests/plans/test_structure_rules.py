"""Table structure beyond the seeds, each rule in Word, Excel and PDF layouts built the way the
corpus plans are laid out: entries whose STT (and content) cells are merged over rows that carry
their own assignments, numbering styles, tables whose numbering restarts, header names, tables
without a deadline column, and an admin's explicit column mapping when a header cannot be mapped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plans.parsing import PlanImportError, parse_file
from plans.parsing.headers import header_role, map_header
from plans.parsing.types import ParsedNode, ParsedPlan
from tests.support.documents.builders import build_docx, build_pdf, build_xlsx
from tests.support.documents.model import M, PlanDoc

BUILDERS = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}
HEADER = [
    ["ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["Số: 12/KH-UBND", "Lâm Đồng, ngày 15 tháng 01 năm 2026"],
]
BEFORE = ["KẾ HOẠCH", "Cải cách hành chính năm 2026", "PHỤ LỤC"]

LD_COLUMNS = [
    "STT",
    "Nhiệm vụ",
    "Sản phẩm",
    "Thời gian hoàn thành",
    "Chủ trì thực hiện",
    "Phối hợp thực hiện",
]
MERGED = PlanDoc(
    name="merged-rows",
    columns=LD_COLUMNS,
    header_table=HEADER,
    before=BEFORE,
    rows=[
        {"section": "I", "title": "Công tác chỉ đạo, điều hành"},
        # STT and content merged over two rows, each row its own product, deadline, lead
        ["1", "Tham mưu ban hành Kế hoạch kiểm tra công tác cải cách hành chính", "Kế hoạch của tỉnh",
         "Trong tháng 01/2026", "Sở Nội vụ", "Các cơ quan, đơn vị, địa phương"],
        [M, M, "Kế hoạch tự kiểm tra của cơ quan", "Trong tháng 02/2026", "Các cơ quan, đơn vị, địa phương", ""],
        # STT merged, each row its own content and lead; the deadline cell is merged over both
        ["2", "Xây dựng hạ tầng công nghệ thông tin tại Sở Tài chính", "Cổng thông tin",
         "Quý IV/2026", "Trung tâm Chuyển đổi số", "Sở Khoa học và Công nghệ"],
        [M, "Xây dựng hạ tầng kỹ thuật dự phòng", "Hệ thống dự phòng", M, "Sở Tài chính", M],
        # STT merged over list items whose lead and deadline are merged with the entry: a list
        ["3", "Triển khai các nhiệm vụ về:\n- Niêm yết công khai TTHC", "Văn bản", "Thường xuyên", "Văn phòng UBND tỉnh", ""],
        [M, "- Số hóa hồ sơ, kết quả giải quyết TTHC", M, M, M, M],
        ["4", "Tổng hợp, báo cáo kết quả", "Báo cáo", "Trước ngày 15/12/2026", "Sở Nội vụ", ""],
    ],
)  # fmt: skip


def _build(doc: PlanDoc, fmt: str, tmp_path: Path) -> ParsedPlan:
    path = BUILDERS[fmt](doc, tmp_path / f"{doc.name}.{fmt}")
    return parse_file(path, filename=path.name)


def _task(plan: ParsedPlan, code: str) -> ParsedNode:
    return next(n for n in plan.tasks if n.code == code)


@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_merged_entries_with_rows_of_their_own(fmt: str, tmp_path: Path) -> None:
    plan = _build(MERGED, fmt, tmp_path)
    assert [t.code for t in plan.tasks] == ["I.1.1", "I.1.2", "I.2.1", "I.2.2", "I.3.1", "I.3.2", "I.4"]
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (1, 4, 7)
    first, second = _task(plan, "I.1.1"), _task(plan, "I.1.2")
    assert (
        first.content == second.content == "Tham mưu ban hành Kế hoạch kiểm tra công tác cải cách hành chính"
    )
    assert (first.lead, first.coordinating) == (["Sở Nội vụ"], ["Các cơ quan, đơn vị, địa phương"])
    assert (second.lead, second.coordinating) == (["Các cơ quan, đơn vị, địa phương"], [])
    assert first.deadline and first.deadline.due == date(2026, 1, 31)
    assert second.deadline and second.deadline.due == date(2026, 2, 28)
    assert second.product == "Kế hoạch tự kiểm tra của cơ quan"
    infra, backup = _task(plan, "I.2.1"), _task(plan, "I.2.2")
    assert (infra.content, backup.content) == (
        "Xây dựng hạ tầng công nghệ thông tin tại Sở Tài chính",
        "Xây dựng hạ tầng kỹ thuật dự phòng",
    )
    assert (infra.lead, backup.lead) == (["Trung tâm Chuyển đổi số"], ["Sở Tài chính"])
    assert backup.coordinating == ["Sở Khoa học và Công nghệ"]  # the merged cell covers both rows
    assert backup.deadline and backup.deadline.due == date(2026, 12, 31)
    # a list under a merged STT keeps the entry's lead and deadline (the seeds' layout)
    assert _task(plan, "I.3.2").lead == ["Văn phòng UBND tỉnh"]
    assert _task(plan, "I.3.2").plain_content == "Số hóa hồ sơ, kết quả giải quyết TTHC"


NUMBERING = PlanDoc(
    name="numbering",
    columns=["TT", "Nội dung công việc", "Cơ quan chủ trì", "Thời hạn hoàn thành"],
    header_table=HEADER,
    before=BEFORE,
    rows=[
        {"section": "A", "title": "NHIỆM VỤ CHUNG"},
        {"section": "I", "title": "Cải cách thể chế"},
        ["01", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Quý I/2026"],
        ["02", "Kiểm tra văn bản", "Sở Tư pháp", "Quý II/2026"],
        {"section": "II", "title": "Cải cách thủ tục hành chính"},
        ["1", "Công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "Thường xuyên"],
        [
            "a)",
            "Niêm yết tại Trung tâm Phục vụ hành chính công",
            "Trung tâm Phục vụ hành chính công",
            "Thường xuyên",
        ],
        ["b)", "Đăng tải trên Cổng thông tin điện tử", "Văn phòng UBND tỉnh", "Thường xuyên"],
        ["2", "Số hóa hồ sơ", "Các sở, ban, ngành", "Hằng quý"],
        ["-", "Số hóa hồ sơ khi tiếp nhận", "Các sở, ban, ngành", "Hằng quý"],
        ["+", "Hồ sơ đất đai", "Sở Nông nghiệp và Môi trường", "Hằng quý"],
        ["+", "Hồ sơ hộ tịch", "Sở Tư pháp", "Hằng quý"],
        ["-", "Số hóa kết quả giải quyết", "Các sở, ban, ngành", "Hằng quý"],
        {"section": "B", "title": "NHIỆM VỤ CỤ THỂ"},
        {"section": "I", "title": "Chuyển đổi số"},
        ["1.1", "Triển khai nền tảng số", "Sở Khoa học và Công nghệ", "Năm 2026"],
        ["1.1.1", "Tập huấn sử dụng nền tảng", "Sở Khoa học và Công nghệ", "Quý III/2026"],
    ],
)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_numbering_styles(fmt: str, tmp_path: Path) -> None:
    plan = _build(NUMBERING, fmt, tmp_path)
    assert [s.code for s in plan.sections] == ["A", "B"]
    codes = [t.code for t in plan.tasks]
    assert codes == [
        "A.I.1",  # "01": zero padding is not part of the code
        "A.I.2",
        "A.II.1.a",
        "A.II.1.b",
        "A.II.2.1.1",  # "+" items under the "-" item above
        "A.II.2.1.2",
        "A.II.2.2",
        "B.I.1.1",  # "1.1" under "I": its first part repeats the section's number; then its "1.1.1"
    ]
    assert _task(plan, "A.II.2.1.1").lead == ["Sở Nông nghiệp và Môi trường"]
    assert _task(plan, "A.I.2").deadline.due == date(2026, 6, 30)  # type: ignore[union-attr]


def _two_tables(path: Path) -> Path:
    """Two body tables under their own labelled paragraphs, each numbered from 1 (tuyên truyền plan)."""
    import docx

    document = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2026"]:
        document.add_paragraph(line)
    tables = {
        "a) Chương trình đối thoại đối với các sở, ban, ngành:": [
            ("1", "Giải đáp vướng mắc thuộc thẩm quyền của Sở Công Thương", "Lãnh đạo\nSở Công Thương", "Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1"),
            ("2", "Giải đáp vướng mắc thuộc thẩm quyền của Sở Y tế", "Lãnh đạo Sở Y tế", "Ngày 13 tháng 3"),
        ],
        "b) Chương trình đối thoại đối với các xã, phường:": [
            ("1", "Giải đáp vướng mắc thuộc thẩm quyền của UBND xã Đức Trọng", "Lãnh đạo UBND xã Đức Trọng", "Ngày 24 tháng 4"),
            ("2", "Giải đáp vướng mắc thuộc thẩm quyền của UBND phường 3 Bảo Lộc", "Lãnh đạo UBND Phường 3 Bảo Lộc", "Ngày 26 tháng 6"),
            ("3", "Giải đáp vướng mắc thuộc thẩm quyền của UBND xã Hòa Ninh", "Lãnh đạo UBND xã Hòa Ninh", "Ngày 25 tháng 12"),
        ],
    }  # fmt: skip
    for heading, rows in tables.items():
        document.add_paragraph(heading)
        document.add_paragraph("Báo và Phát thanh, Truyền hình tỉnh chủ trì, gồm các chuyên mục sau:")
        table = document.add_table(rows=1 + len(rows), cols=4)
        for c, name in enumerate(["TT", "Nội dung", "Trách nhiệm thực hiện", "Thời gian (Năm 2026)"]):
            table.cell(0, c).text = name
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                lines = text.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    document.save(str(path))
    return path


def test_numbering_that_restarts_in_a_second_table(tmp_path: Path) -> None:
    path = _two_tables(tmp_path / "tuyen-truyen.docx")
    plan = parse_file(path, filename=path.name)
    assert [(s.code, s.content) for s in plan.sections] == [
        ("a", "Chương trình đối thoại đối với các sở, ban, ngành"),
        ("b", "Chương trình đối thoại đối với các xã, phường"),
    ]
    assert [t.code for t in plan.tasks] == ["a.1", "a.2", "b.1", "b.2", "b.3"]
    a1 = _task(plan, "a.1")
    assert a1.lead == ["Lãnh đạo Sở Công Thương"]
    assert a1.deadline and (a1.deadline.kind, a1.deadline.due) == ("date", date(2026, 1, 23))
    assert _task(plan, "b.3").deadline.due == date(2026, 12, 25)  # type: ignore[union-attr]
    assert plan.year == 2026 and plan.organization == "UBND tỉnh Lâm Đồng"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Trách nhiệm thực hiện", "lead"),
        ("Trách nhiệm\nthực hiện", "lead"),
        ("Đơn vị thực hiện", "lead"),
        ("Cơ quan thực hiện", "lead"),
        ("Chủ đầu tư", "lead"),
        ("Đơn vị chủ trì", "lead"),
        ("Cơ quan, đơn vị phối hợp thực hiện", "coordinating"),
        ("Tên nhiệm vụ", "content"),
        ("Nhiệm vụ, giải pháp", "content"),
        ("NHIỆM VỤ VÀ GIẢI PHÁP", "content"),
        ("Tên dự án", "content"),
        ("Chỉ tiêu", "content"),
        ("Nội dung/nhiệm vụ", "content"),
        ("Thời gian thực hiện", "deadline"),
        ("Thời gian\n(Năm 2026)", "deadline"),
        ("Thời gian dự kiến hoàn thành", "deadline"),
        ("Kết quả đạt được", "result"),
        ("Kết quả thực hiện quý I năm 2023", "result"),
        ("Kết quả dự kiến", "product"),
        ("Sản phẩm dự kiến hoàn thành", "product"),
        ("Ghi chú", "note"),
        ("Nguồn kinh phí", "budget"),
        ("Theo dõi, kiểm tra, đôn đốc", "monitor"),
        ("TT", "number"),
        ("Số TT", "number"),
    ],
)
def test_header_names(text: str, role: str) -> None:
    assert header_role(text) == role


@pytest.mark.parametrize(
    ("texts", "mapping"),
    [
        # a KPI targets table has no deadline column
        (["TT", "Chỉ tiêu", "Chủ trì"], {"number": 0, "content": 1, "lead": 2}),
        (
            ["STT", "Tên dự án", "Chủ đầu tư", "Thời gian thực hiện", "Ghi chú"],
            {"number": 0, "content": 1, "lead": 2, "deadline": 3},
        ),
        (
            ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian dự kiến hoàn thành", "Kết quả dự kiến", "Nguồn kinh phí"],
            {"number": 0, "content": 1, "lead": 2, "coordinating": 3, "deadline": 4, "product": 5},
        ),
        (["Họ và tên", "Chức vụ", "Đơn vị"], None),
    ],
)  # fmt: skip
def test_map_header(texts: list[str], mapping: dict[str, int] | None) -> None:
    assert map_header(texts) == mapping


KPI = PlanDoc(
    name="kpi",
    columns=["TT", "Chỉ tiêu", "Chủ trì"],
    header_table=[
        ["ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "CỘNG HÒA"],
        ["Số: 144/KH-UBND", "Bắc Ninh, ngày 24 tháng 11 năm 2025"],
    ],
    before=["KẾ HOẠCH", "PHÁT TRIỂN KINH TẾ SỐ GIAI ĐOẠN 2026 - 2030", "PHỤ LỤC"],
    rows=[
        {"span": "I. Kinh tế số"},
        ["1", "Kinh tế số chiếm 45% GRDP tỉnh.", "Sở Tài chính"],
        [
            "2",
            "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%",
            "Sở Khoa học và Công nghệ",
        ],
    ],
)


@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_a_table_without_a_deadline_column(fmt: str, tmp_path: Path) -> None:
    plan = _build(KPI, fmt, tmp_path)
    assert [t.code for t in plan.tasks] == ["I.1", "I.2"]
    assert all(t.deadline is None for t in plan.tasks)
    assert [(t.metric, t.min_percent) for t in _task(plan, "I.1").targets] == [("kinh tế số", 45.0)]
    assert (plan.year, plan.span, plan.organization) == (None, (2026, 2030), "UBND tỉnh Bắc Ninh")


ODD = PlanDoc(
    name="odd-header",
    columns=["TT", "Việc cần làm", "Người phụ trách", "Hạn chót"],
    header_table=HEADER,
    before=BEFORE,
    rows=[
        ["1", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Trước ngày 30/6/2026"],
        ["2", "Công bố danh mục", "Sở Tư pháp", "Quý III/2026"],
    ],
)


@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_unmapped_header_then_an_admins_column_choice(fmt: str, tmp_path: Path) -> None:
    path = BUILDERS[fmt](ODD, tmp_path / f"odd.{fmt}")
    with pytest.raises(PlanImportError) as refused:
        parse_file(path, filename=path.name)
    assert refused.value.reason == "unmapped_header"
    assert refused.value.header_texts == ["TT", "Việc cần làm", "Người phụ trách", "Hạn chót"]
    plan = parse_file(path, filename=path.name, columns={"number": 0, "content": 1, "lead": 2, "deadline": 3})
    assert [(t.code, t.content, t.lead) for t in plan.tasks] == [
        ("1", "Rà soát thủ tục hành chính", ["Văn phòng UBND tỉnh"]),
        ("2", "Công bố danh mục", ["Sở Tư pháp"]),
    ]
    assert plan.tasks[0].deadline and plan.tasks[0].deadline.due == date(2026, 6, 30)


@pytest.mark.parametrize(
    "columns",
    [{"lead": 2}, {"content": 1, "owner": 2}, {"content": -1}, {"content": 1, "lead": 1}],
)
def test_bad_column_choices_are_refused(columns: dict[str, int], tmp_path: Path) -> None:
    path = build_docx(ODD, tmp_path / "odd.docx")
    with pytest.raises(PlanImportError) as refused:
        parse_file(path, filename=path.name, columns=columns)
    assert refused.value.reason == "bad_columns"


def test_a_narrative_report_is_not_a_plan() -> None:
    seed = (
        Path(__file__).resolve().parents[2].parent
        / "shared"
        / "seeds"
        / "khuc-thua-du-2025-11-monthly-report.txt"
    )
    if not seed.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("seed not available")
    with pytest.raises(PlanImportError) as refused:
        parse_file(seed, filename=seed.name)
    assert refused.value.reason == "no_table"


OUTERMOST = PlanDoc(
    name="outermost-titles",
    columns=["STT", "Nội dung", "Thời gian hoàn thành", "Đơn vị chủ trì", "Đơn vị phối hợp"],
    header_table=[["ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                  ["Số: 16/KH-MTTQ-BTT", "Lương Minh, ngày 18 tháng 11 năm 2025"]],
    before=["KẾ HOẠCH", "Thực hiện công tác bầu cử nhiệm kỳ 2026-2031"],
    rows=[
        # no Roman sections: the outermost title rows with numbered entries under them are the mục
        ["1", "Xây dựng, ban hành các văn bản chỉ đạo", "", "", ""],
        ["1.1", "Ban hành Hướng dẫn về công tác bầu cử", "Tháng 11/2025", "Ban Thường trực", "Các đoàn thể"],
        ["1.2", "Báo cáo kết quả", "", "", ""],
        ["-", "Gửi biên bản hội nghị", "Quý I/2026", "Văn phòng", ""],  # a bullet in the STT column
        ["-", "Thông báo cơ cấu, thành phần", "Quý I/2026", "Văn phòng", ""],
        ["2", "Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026:", "Từ ngày 05/12/2025 đến ngày 20/02/2026", "Ban Thường trực", ""],
        ["a)", "Nội dung kiểm tra", M, M, ""],
        ["b)", "Nội dung giám sát", M, M, ""],
    ],
)  # fmt: skip


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_outermost_numbered_titles_are_sections(fmt: str, tmp_path: Path) -> None:
    plan = _build(OUTERMOST, fmt, tmp_path)
    assert [s.code for s in plan.sections] == ["1", "2"]
    # "1.1" under section "1" is its ".1" (the printed number already carries the section's)
    assert [t.code for t in plan.tasks] == ["1.1", "1.2.1", "1.2.2", "2.a", "2.b"]
    assert (len(plan.items), plan.year, plan.span) == (4, None, None)  # "nhiệm kỳ 2026-2031" is a term
    assert _task(plan, "1.2.1").content == "Gửi biên bản hội nghị"
    deadline = _task(plan, "2.b").deadline  # merged with the section's row
    assert deadline and (deadline.start, deadline.due) == (date(2025, 12, 5), date(2026, 2, 20))
    if fmt == "docx":  # the Excel layout has no header table (no national motto to end the issuer's cell)
        assert plan.organization == "Ban thường trực ủy ban MTTQ Việt Nam xã Lương Minh"


ROMAN_PREFIXED = PlanDoc(
    name="roman-prefixed",
    columns=["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện"],
    header_table=HEADER,
    before=BEFORE,
    rows=[
        {"section": "I", "title": "Hoàn thiện thể chế"},
        ["1.1", "Rà soát quy định", "Sở Tư pháp", "Các sở, ban, ngành", "2026"],
        {"section": "II", "title": "Phát triển hạ tầng"},
        ["2.1", "Triển khai hạ tầng số", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "2026 - 2030"],
        ["2.2", "Phủ sóng 5G", "Sở Khoa học và Công nghệ", "Các doanh nghiệp viễn thông", "2026 - 2030"],
        {"section": "III", "title": "Phát triển nền tảng số"},
        ["1.1", "Nền tảng dùng chung", "Sở Khoa học và Công nghệ", "", "2027"],  # does not repeat III
    ],
)


def test_entry_numbers_that_repeat_the_section_number(tmp_path: Path) -> None:
    plan = _build(ROMAN_PREFIXED, "docx", tmp_path)
    assert [t.code for t in plan.tasks] == ["I.1", "II.1", "II.2", "III.1.1"]
