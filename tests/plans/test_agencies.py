"""Agency cells of every seed: splitting, keys, groups, alias and fuzzy matching."""

from __future__ import annotations

import pytest

from plans.agencies import DEFAULT_ALIASES, AgencyMatcher, agency_key, is_group_agency, split_agencies

TT = "Trung tâm Phục vụ hành chính công"
VP = "Văn phòng HĐND và UBND xã"

SPLIT_CASES: list[tuple[str, list[str]]] = [
    # the issue
    ("- Trung tâm Phục vụ hành chính công; - Các phòng chuyên môn.", [TT, "Các phòng chuyên môn"]),
    # quyet-thang-2026-plan.md
    ("Trung tâm Phục vụ hành chính công", [TT]),
    (
        "Các phòng chuyên môn, các cơ quan, đơn vị liên quan.",
        ["Các phòng chuyên môn", "Các cơ quan, đơn vị liên quan"],
    ),
    ("Trung tâm Phục vụ hành chính công.", [TT]),
    ("Phòng Văn hóa - Xã hội", ["Phòng Văn hóa - Xã hội"]),
    ("Các cơ quan, đơn vị dự kiến được kiểm tra.", ["Các cơ quan, đơn vị dự kiến được kiểm tra"]),
    ("- Trung tâm Phục vụ hành chính công;", [TT]),
    (
        "- Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên",
        ["Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên"],
    ),
    ("- Các phòng chuyên môn.", ["Các phòng chuyên môn"]),
    (
        "- Các phòng chuyên môn; - Trung tâm Phục vụ hành chính công; - Cổng thông tin điện tử xã.",
        ["Các phòng chuyên môn", TT, "Cổng thông tin điện tử xã"],
    ),
    ("Các cơ quan, đơn vị liên quan.", ["Các cơ quan, đơn vị liên quan"]),
    ("- Các phòng chuyên môn; - Trung tâm Phục vụ hành chính công.", ["Các phòng chuyên môn", TT]),
    ("Các cơ quan, đơn vị, liên quan", ["Các cơ quan, đơn vị, liên quan"]),
    (
        "- Các cơ quan, đơn vị. - Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên quan.",
        ["Các cơ quan, đơn vị", "Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên quan"],
    ),
    (
        "- Các phòng chuyên môn, các cơ quan, đơn vị liên quan. - Các cơ quan tổ chức theo ngành dọc ở cấp xã "
        "có liên quan.",
        [
            "Các phòng chuyên môn",
            "Các cơ quan, đơn vị liên quan",
            "Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên quan",
        ],
    ),
    ("Trung tâm Phục vụ hành\n\nchính công.", [TT]),
    (
        "- Các phòng chuyên môn; - Trung tâm Phục vụ hành chính công; - Trung tâm Dịch vụ sự nghiệp công xã.",
        ["Các phòng chuyên môn", TT, "Trung tâm Dịch vụ sự nghiệp công xã"],
    ),
    ("- Trung tâm Phục vụ hành chính công; - Văn phòng HĐND và UBND xã.", [TT, VP]),
    (
        "- Cơ quan có phản ánh, thông tin trên truyền thông; - Cơ quan truyền thông có liên quan.",
        ["Cơ quan có phản ánh, thông tin trên truyền thông", "Cơ quan truyền thông có liên quan"],
    ),
    ("Các phòng chuyên môn, cơ quan, đơn vị liên quan.", ["Các phòng chuyên môn, cơ quan, đơn vị liên quan"]),
    # chi-linh-2025-plan.txt (PDF line breaks)
    ("Trung tâm Phục vụ \nHành chính công", ["Trung tâm Phục vụ Hành chính công"]),
    ("Văn phòng HĐND \nvà UBND phường", ["Văn phòng HĐND và UBND phường"]),
    ("Các phòng chuyên \nmôn", ["Các phòng chuyên môn"]),
    (
        "- Các phòng chuyên \nmôn \n- Trung tâm Sự \nnghiệp công",
        ["Các phòng chuyên môn", "Trung tâm Sự nghiệp công"],
    ),
    # thanh-xa-2023-q1-report.txt
    ("Văn phòng \nHĐND và \nUBND xã", [VP]),
    (
        "Các công \nchức chuyên \nmôn thuộc \nUBND xã; \nngành dọc tại \nxã ",
        ["Các công chức chuyên môn thuộc UBND xã", "Ngành dọc tại xã"],
    ),
    ("- Văn phòng \nHĐND và \nUBND xã; \n- Văn hóa \nxã hội xã", [VP, "Văn hóa xã hội xã"]),
    ("- Văn phòng \nHĐND và \nUBND xã\n- Các công \nchức \nchuyên \nmôn.", [VP, "Các công chức chuyên môn"]),
    ("Văn phòng \nHĐND \nUBND cấp \nxã.", ["Văn phòng HĐND UBND cấp xã"]),
    ("Các công \nchức chuyên \nmôn thuộc \nUBND xã; ", ["Các công chức chuyên môn thuộc UBND xã"]),
    ("Các công \nchức chuyên \nmôn xã.", ["Các công chức chuyên môn xã"]),
    (
        "Công chức \nVăn hóa và \nThông tin xã; \ncác công \nchức chuyên \nmôn",
        ["Công chức Văn hóa và Thông tin xã", "Các công chức chuyên môn"],
    ),
    ("Các công \nchức \nchuyên môn", ["Các công chức chuyên môn"]),
    (
        "Các công \nchức \nchuyên môn \n-Trang TTĐT \nxã;\n- Đài truyền \nthanh xã.",
        ["Các công chức chuyên môn", "Trang TTĐT xã", "Đài truyền thanh xã"],
    ),
    # thanh-ha-2025-q3-report-appendix.txt
    ("Trung tâm \nphục vụ hành \nchính công", ["Trung tâm phục vụ hành chính công"]),
    ("Các cơ quan \nchuyên môn \nthuộc UBND \nxã;", ["Các cơ quan chuyên môn thuộc UBND xã"]),
    ("- Phòng Văn \nhóa xã hội (VH-\nXH);", ["Phòng Văn hóa xã hội (VH-XH)"]),
    ("-Văn phòng \nHĐND- UBND \nxã;", ["Văn phòng HĐND- UBND xã"]),
    ("- Phòng VH-\nXH;", ["Phòng VH-XH"]),
    ("- Trung tâm \nphục vụ hành \nchính công", ["Trung tâm phục vụ hành chính công"]),
    # khuc-thua-du prose list; newline-separated Word paragraphs; empty
    (
        "Công an, Quân sự, Chi nhánh Văn phòng đăng ký đất đai, Bảo hiểm xã hội",
        ["Công an", "Quân sự", "Chi nhánh Văn phòng đăng ký đất đai", "Bảo hiểm xã hội"],
    ),
    ("Trung tâm Phục vụ hành chính công\nCác phòng chuyên môn", [TT, "Các phòng chuyên môn"]),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
    ("• Công an xã\n+ Ban Chỉ huy Quân sự xã", ["Công an xã", "Ban Chỉ huy Quân sự xã"]),
    ("Trung tâm Phục vụ hành chính công; Trung tâm Phục vụ hành chính công", [TT]),
    ("", []),
    (" - ; . ", []),
]


@pytest.mark.parametrize(("cell", "expected"), SPLIT_CASES)
def test_split_agencies(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell) == expected


def test_split_normalises_to_nfc() -> None:
    import unicodedata

    (name,) = split_agencies(unicodedata.normalize("NFD", "Phòng Văn hóa - Xã hội"))
    assert name == unicodedata.normalize("NFC", "Phòng Văn hóa - Xã hội")


@pytest.mark.parametrize(
    "names",
    [
        [
            VP,
            "Văn phòng HĐND- UBND xã",
            "VP HĐND-UBND xã",
            "Văn phòng HĐND UBND cấp xã.",
            "van phong hdnd va ubnd xa",
            "Văn phòng HĐND - UBND",
            "VĂN PHÒNG HĐND VÀ UBND PHƯỜNG",
        ],
        [
            TT,
            "Trung tâm PVHCC",
            "TTPVHCC",
            "TT PVHCC",
            "Trung tâm phục vụ HCC",
            "Trung tâm Phục vụ hành chính công xã",
            "trung tam phuc vu hanh chinh cong",
        ],
        [
            "Phòng Văn hóa - Xã hội",
            "Phòng VH-XH",
            "Phòng VHXH",
            "Phòng Văn hóa xã hội (VH-XH)",
            "Phòng Văn hóa xã hội",
        ],
        [
            "Các công chức chuyên môn thuộc UBND xã",
            "Các công chức chuyên môn",
            "Các công chức chuyên môn xã.",
        ],
    ],
)
def test_agency_key_equal(names: list[str]) -> None:
    assert len({agency_key(n) for n in names}) == 1


def test_agency_key_distinguishes() -> None:
    keys = {
        agency_key(n)
        for n in [
            TT,
            VP,
            "Phòng Văn hóa - Xã hội",
            "Các phòng chuyên môn",
            "Phòng Kinh tế",
            "Phòng Kinh tế, Hạ tầng và Đô thị",
            "Công an xã",
            "Các cơ quan, đơn vị liên quan",
        ]
    }
    assert len(keys) == 8


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Các phòng chuyên môn", True),
        ("Các cơ quan chuyên môn thuộc UBND xã", True),
        ("Các cơ quan, đơn vị liên quan", True),
        ("Các công chức chuyên môn thuộc UBND xã", True),
        ("các ngành", True),
        ("Ngành dọc tại xã", True),
        ("Cơ quan truyền thông có liên quan", True),
        (TT, False),
        (VP, False),
        ("Phòng Văn hóa - Xã hội", False),
        ("Công an xã", False),
        ("Trang TTĐT xã", False),
    ],
)
def test_is_group_agency(name: str, group: bool) -> None:
    assert is_group_agency(name) is group


def test_default_aliases_cover_the_seeds() -> None:
    for canonical in [
        TT,
        VP,
        "Phòng Văn hóa - Xã hội",
        "Phòng Kinh tế",
        "Công an xã",
        "Ban Chỉ huy Quân sự xã",
    ]:
        assert canonical in DEFAULT_ALIASES
    assert "TTPVHCC" in DEFAULT_ALIASES[TT] and "VH-XH" in DEFAULT_ALIASES["Phòng Văn hóa - Xã hội"]


KNOWN = [
    (1, TT, []),
    (2, VP, []),
    (3, "Phòng Văn hóa - Xã hội", []),
    (4, "Các phòng chuyên môn", []),
    (5, "Các cơ quan chuyên môn thuộc UBND xã", []),
    (6, "Các cơ quan, đơn vị liên quan", []),
    (7, "Các công chức chuyên môn thuộc UBND xã", []),
    (8, "Phòng Kinh tế", ["Phòng KT"]),
    (9, "Công an xã", []),
    (10, "Trung tâm Dịch vụ sự nghiệp công xã", []),
    (11, "Đài truyền thanh xã", ["Loa"]),
]


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher(KNOWN)


@pytest.mark.parametrize(
    ("name", "agency_id", "how"),
    [
        (TT, 1, "exact"),
        ("Trung tâm Phục vụ Hành chính công", 1, "exact"),
        ("trung tam phuc vu hanh chinh cong", 1, "exact"),
        ("TTPVHCC", 1, "exact"),
        ("Trung tâm PVHCC", 1, "exact"),
        ("PVHCC", 1, "alias"),
        ("Trung tâm phục vụ hành chính công xã", 1, "exact"),
        ("Văn phòng HĐND- UBND xã", 2, "exact"),
        ("VP HĐND-UBND", 2, "exact"),
        ("HĐND-UBND", 2, "alias"),
        ("Văn phòng HĐND UBND cấp xã.", 2, "exact"),
        ("Phòng VH-XH", 3, "exact"),
        ("VH-XH", 3, "alias"),
        ("Văn hóa xã hội xã", 3, "alias"),
        ("Phòng Văn hóa xã hội (VH-XH)", 3, "exact"),
        ("Các phòng chuyên  môn", 4, "exact"),
        ("Các phòng, ban chuyên môn", 4, "alias"),
        ("Các cơ quan chuyên môn", 5, "exact"),
        ("Các cơ quan, đơn vị có liên quan", 6, "alias"),
        ("Các công chức chuyên môn", 7, "exact"),
        ("Phòng KT", 8, "alias"),
        ("Công an", 9, "exact"),
        ("Trung tâm Sự nghiệp công", 10, "exact"),
        ("Loa", 11, "alias"),
        ("Đài truyền thanh", 11, "exact"),
        ("Phòng Văn hoá - Xã hội", 3, "exact"),
        ("Các phòng chuyên mon", 4, "exact"),
        ("Cac phong chuyen nmon", 4, "fuzzy"),
        ("Trung tâm Dịch vụ sự nghiệp công", 10, "exact"),
        ("Trung tam Dich vu su nghiep cong xaa", 10, "fuzzy"),
    ],
)
def test_match_known(matcher: AgencyMatcher, name: str, agency_id: int, how: str) -> None:
    result = matcher.match(name)
    assert (result.agency_id, result.how) == (agency_id, how)
    assert result.name == dict((i, n) for i, n, _ in KNOWN)[agency_id]
    assert result.score >= 85


@pytest.mark.parametrize(
    ("name", "expected_name"),
    [
        ("Phòng Tư pháp", "Phòng Tư pháp"),
        ("Ngành dọc tại xã", "Ngành dọc tại xã"),
        (
            "Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên quan",
            "Các cơ quan tổ chức theo ngành dọc ở cấp xã có liên quan",
        ),
        ("Ban Chỉ huy Quân sự xã", "Ban Chỉ huy Quân sự xã"),
        ("BCHQS", "Ban Chỉ huy Quân sự xã"),
        ("- Bảo hiểm xã hội;", "Bảo hiểm xã hội"),
    ],
)
def test_match_new(matcher: AgencyMatcher, name: str, expected_name: str) -> None:
    result = matcher.match(name)
    assert (result.agency_id, result.how, result.name) == (None, "new", expected_name)


def test_group_names_do_not_match_each_other(matcher: AgencyMatcher) -> None:
    assert matcher.match("Các công chức chuyên môn").agency_id == 7
    assert matcher.match("Các phòng chuyên môn").agency_id == 4
    assert matcher.match("Các cơ quan chuyên môn thuộc UBND xã").agency_id == 5


def test_new_abbreviation_gets_full_name() -> None:
    empty = AgencyMatcher([])
    assert empty.match("TTPVHCC").name == TT
    assert empty.match("VP HĐND-UBND phường").name == "Văn phòng HĐND và UBND phường"
    assert empty.match("").how == "new"


def test_add_and_threshold() -> None:
    m = AgencyMatcher([], threshold=95)
    assert m.match("Phòng Tư pháp").how == "new"
    m.add(42, "Phòng Tư pháp")
    assert m.match("phong tu phap").agency_id == 42
    assert m.match("Phòng Tư phap xa").agency_id == 42


def test_default_aliases_expand_for_known_names() -> None:
    m = AgencyMatcher([(5, "Văn phòng HĐND và UBND phường", [])])
    assert m.match("HĐND-UBND").agency_id == 5
    assert m.match("VP HĐND - UBND phường").agency_id == 5


@pytest.mark.parametrize(
    ("text", "agency_id"),
    [
        ("phòng văn hóa xã hội", 3),
        ("trung tâm PVHCC", 1),
        ("vh xh", 3),
        ("van phong", 2),
        ("cong an", 9),
        ("phong van hoa", 3),
        ("trung tam phuc vu", 1),
    ],
)
def test_search(matcher: AgencyMatcher, text: str, agency_id: int) -> None:
    results = matcher.search(text)
    assert results and results[0].agency_id == agency_id
    assert len(results) <= 5
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_search_nothing() -> None:
    assert AgencyMatcher([]).search("vh xh") == []
    assert AgencyMatcher(KNOWN).search("") == []


def test_many_calls_use_cache(matcher: AgencyMatcher) -> None:
    names = [n for cell, _ in SPLIT_CASES for n in split_agencies(cell)] * 50
    results = [matcher.match(n) for n in names]
    assert len(results) == len(names)
    assert matcher.match(TT) is matcher.match(TT)
