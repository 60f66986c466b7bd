"""The import summary lists each agency once, with the plan's other spellings beside it (issue 19)."""

from __future__ import annotations

from dataclasses import dataclass

from plans.parsing.summary import agency_listing


@dataclass
class R:
    written: str
    name: str
    how: str


def test_each_agency_once_with_its_spellings() -> None:
    lines = agency_listing(
        [
            R("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công", "new"),
            R("Trung tâm phục vụ hành chính công", "Trung tâm Phục vụ hành chính công", "new"),
            R("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công", "new"),
            R("Văn phòng HĐND- UBND xã", "Văn phòng HĐND và UBND xã", "fuzzy"),
            R("VP HĐND và UBND xã", "Văn phòng HĐND và UBND xã", "fuzzy"),
            R("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã", "exact"),
            R("Phòng Văn hóa xã hội (VH-XH)", "Phòng Văn hóa xã hội (VH-XH)", "new"),
        ]
    )
    assert lines == [
        "+ Trung tâm Phục vụ hành chính công (mới; cũng ghi là «Trung tâm phục vụ hành chính công»)",
        "≈ Văn phòng HĐND và UBND xã ← «Văn phòng HĐND- UBND xã», «VP HĐND và UBND xã»",
        "+ Phòng Văn hóa xã hội (VH-XH) (mới)",
    ]


def test_known_agencies_are_not_listed() -> None:
    assert agency_listing([R("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã", "exact")]) == []
