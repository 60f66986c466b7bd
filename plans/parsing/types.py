"""Plain data produced by the plan parsers and the importer (no database, no Telegram)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plans.periods import Period


@dataclass(frozen=True)
class Milestone:
    """One dated step of a compound deadline ("… chậm nhất ngày 20/6/2023 …")."""

    day: date
    text: str  # the words around the date, as written ("tổ chức kiểm tra chậm nhất trong tháng 6/2026")


@dataclass(frozen=True)
class Deadline:
    text: str  # exactly as written in the document
    kind: str  # storage.models.DeadlineKind value
    due: date | None = None  # last day to finish
    start: date | None = None
    recurrence: str | None = None  # "monthly:18", "monthly", "quarterly", "yearly"
    # dated steps of a compound cell: a continuous/recurring task with dated reports, or several
    # dated steps (the due is the last one); empty for a plain one-date deadline
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class DocRef:
    doc_type: str  # full Vietnamese type: "Kế hoạch", "Quyết định", "Thông báo", "Báo cáo", "Công văn" …
    number: str | None  # "23/KH-UBND"
    issued_on: date | None
    text: str = ""  # the matched text


@dataclass(frozen=True)
class Target:
    metric: str  # "hồ sơ tiếp nhận trực tuyến"
    min_percent: float


@dataclass(frozen=True)
class ResultInfo:
    status: str  # storage.models.ReportStatus value
    text: str
    documents: list[DocRef] = field(default_factory=list)
    kpi_values: list[float] = field(default_factory=list)


@dataclass
class ParsedNode:
    code: str  # stable hierarchical code: "I", "I.1", "II.2.3"
    number: str | None  # as printed: "II", "2.1", "-", None
    kind: str  # storage.models.NodeKind value: section | group | task
    level: int  # 1 = mục, 2 = nội dung, 3 = below
    section: str | None  # "II"
    content: str
    parent_code: str | None = None
    lead: list[str] = field(default_factory=list)  # agency names as written (split, cleaned)
    coordinating: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    product: str | None = None
    targets: list[Target] = field(default_factory=list)
    result: ResultInfo | None = None

    @property
    def plain_content(self) -> str:
        """The content without the bullet that starts it ("- Số hóa hồ sơ" → "Số hóa hồ sơ"): the dash
        is list layout, not wording. ``content`` keeps the cell as written."""
        return re.sub(r"^\s*[-–+•*]\s*", "", self.content)


@dataclass
class ParsedPlan:
    title: str | None
    number: str | None  # "25/KH-UBND"
    issued_on: date | None
    organization: str | None  # "UBND xã Thanh Xá"
    year: int | None
    nodes: list[ParsedNode] = field(default_factory=list)
    # first and last year the plan covers: (2026, 2030) for "giai đoạn 2026 - 2030", (y, y) for a
    # one-year plan, None when the plan names no year ("đến năm 2030" alone is not a span)
    span: tuple[int, int] | None = None
    doc_type: str | None = None  # the document the file is: "Kế hoạch", "Quyết định", "Báo cáo"
    result_period: Period | None = None  # the period a report's result column covers
    source_filename: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> list[ParsedNode]:
        return [n for n in self.nodes if n.kind == "task"]

    @property
    def sections(self) -> list[ParsedNode]:
        return [n for n in self.nodes if n.kind == "section"]

    @property
    def items(self) -> list[ParsedNode]:
        """Nội dung: the first-level numbered entries of a section."""
        return [n for n in self.nodes if n.level == 2]
