"""Collective agency names stay whole, real lists still split (cells from the corpus plans)."""

from __future__ import annotations

import pytest

from plans.agencies import split_agencies

TT = "Trung tâm Phục vụ hành chính công"
VP = "Văn phòng HĐND và UBND xã"

# Collective names stay whole (a comma inside a collective is not a separator), real lists still split,
# a role clause after a name is dropped, a second "Sở" starts another agency, and a position line belongs
# to the name below it. Cells from the corpus plans (Lâm Đồng, Đồng Tháp, Hà Nội, HCM, Bắc Ninh).
COLLECTIVE_CASES: list[tuple[str, list[str]]] = [
    ("Các sở, ban, ngành, địa phương", ["Các sở, ban, ngành, địa phương"]),
    ("Các sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("Các sở, ban, ngành và địa phương", ["Các sở, ban, ngành và địa phương"]),
    ("Sở, ban, ngành có liên quan", ["Sở, ban, ngành có liên quan"]),
    ("Các sở, ban, ngành tỉnh; UBND các xã, phường", ["Các sở, ban, ngành tỉnh", "UBND các xã, phường"]),
    ("Các sở, ngành, UBND xã, phường, đặc khu", ["Các sở, ngành, UBND xã, phường, đặc khu"]),
    ("UBND các xã, phường, đặc khu", ["UBND các xã, phường, đặc khu"]),
    ("Các cơ quan, đơn vị, địa phương", ["Các cơ quan, đơn vị, địa phương"]),
    (
        "Viện, Trường; Doanh nghiệp, Sở, ban, ngành có liên quan",
        ["Viện, Trường", "Doanh nghiệp", "Sở, ban, ngành có liên quan"],
    ),
    (
        "Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường, đặc khu",
        ["Sở Khoa học và Công nghệ", "Các sở, ngành, UBND xã, phường, đặc khu"],
    ),
    (
        "Sở Tài chính, Sở Nội vụ, các sở, ngành, UBND xã, phường, đặc khu",
        ["Sở Tài chính", "Sở Nội vụ", "Các sở, ngành, UBND xã, phường, đặc khu"],
    ),
    # real lists
    ("Văn phòng HĐND và UBND xã, Công an xã", [VP, "Công an xã"]),
    ("UBND xã, Công an xã", ["UBND xã", "Công an xã"]),
    (
        "Ban Quản lý Khu kinh tế, Sở Công Thương, các doanh nghiệp viễn thông; các cơ quan, đơn vị liên quan",
        [
            "Ban Quản lý Khu kinh tế",
            "Sở Công Thương",
            "Các doanh nghiệp viễn thông",
            "Các cơ quan, đơn vị liên quan",
        ],
    ),
    (
        "Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư",
        ["Doanh nghiệp", "Nhà cung cấp dịch vụ IoT", "Nhà đầu tư"],
    ),
    (
        "Sở Khoa học và Công nghệ, Viện Nghiên cứu phát triển Thành phố",
        ["Sở Khoa học và Công nghệ", "Viện Nghiên cứu phát triển Thành phố"],
    ),
    (
        "Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập, đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
        [
            "Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập",
            "Đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
        ],
    ),
    ("Các địa phương, các cơ quan có nguồn thu", ["Các địa phương", "Các cơ quan có nguồn thu"]),
    # names with commas of their own
    (
        "Các sở, ban, ngành, địa phương; Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
        ["Các sở, ban, ngành, địa phương", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"],
    ),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Lãnh đạo UBND phường Xuân Hương - Đà Lạt", ["Lãnh đạo UBND phường Xuân Hương - Đà Lạt"]),
    # a second "Sở" in one name
    (
        "Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
        ["Sở Khoa học và Công nghệ", "Sở Công Thương", "UBND các phường, xã"],
    ),
    ("Lãnh đạo Sở Công Thương", ["Lãnh đạo Sở Công Thương"]),
    # role clauses
    ("Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu", ["Sở Khoa học và Công nghệ"]),
    (
        "Sở Giáo dục và Đào tạo; Sở Nội vụ; Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu",
        ["Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Khoa học và Công nghệ"],
    ),
    ("Sở KH&CN chủ trì hướng dẫn, tổng hợp", ["Sở KH&CN"]),
    ("Ban Chỉ đạo thực hiện Đề án 06", ["Ban Chỉ đạo thực hiện Đề án 06"]),
    # a position on its own line; a new agency on the next line
    # "và" before another agency separates; two plural groups coordinated stay one collective
    (
        "Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan",
        ["Văn phòng Chính phủ", "Bộ Tư pháp", "Các cơ quan có liên quan"],
    ),
    ("Bộ Tài chính và Bộ Kế hoạch và Đầu tư", ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]),
    (
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        [
            "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        ],
    ),
    ("Trung tâm Phục vụ hành chính công và các phòng chuyên môn", [TT, "Các phòng chuyên môn"]),
    (
        "Cơ quan Thuế, các đơn vị cấp tỉnh và các địa phương",
        ["Cơ quan Thuế", "Các đơn vị cấp tỉnh và các địa phương"],
    ),
    ("Văn phòng HĐND và UBND xã", [VP]),
    ("Phòng Văn hóa và Thông tin", ["Phòng Văn hóa và Thông tin"]),
    # a role note in parentheses is not part of the name; a comma inside parentheses is not a separator
    (
        "Bộ Nông nghiệp và Môi trường (chủ trì phần chính sách, công nghệ, điều phối); UBND các tỉnh, thành phố "
        "(chủ trì phần đầu tư, xây dựng)",
        ["Bộ Nông nghiệp và Môi trường", "UBND các tỉnh, thành phố"],
    ),
    (
        "Bộ Văn hóa, Thể thao và Du lịch (Vụ Pháp chế, Cục Báo chí)",
        ["Bộ Văn hóa, Thể thao và Du lịch (Vụ Pháp chế, Cục Báo chí)"],
    ),
    (
        "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội",
        ["Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội"],
    ),
    ("Lãnh đạo\nSở Giáo dục và Đào tạo", ["Lãnh đạo Sở Giáo dục và Đào tạo"]),
    ("Đại diện\nCông an tỉnh", ["Đại diện Công an tỉnh"]),
    (
        "Các sở, ngành, UBND xã, phường, đặc khu\nSở Tài chính",
        ["Các sở, ngành, UBND xã, phường, đặc khu", "Sở Tài chính"],
    ),
]


@pytest.mark.parametrize(("cell", "expected"), COLLECTIVE_CASES)
def test_collectives_and_lists(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell) == expected
