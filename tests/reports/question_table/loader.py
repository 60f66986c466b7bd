"""The four communes of the question table, loaded into one database the way planbot loads them:
each report's appendix through the importer (parse_file + store_plan, its results stored as
progress reports and indicator values of the period), and each report's own text as a narrative
report (plans.indicators.store_narrative: its number, its figures, its targets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx

from plans.importing import store_plan
from plans.indicators import store_narrative
from plans.parsing.importer import parse_file
from storage.db import Database
from storage.models import Official
from storage.queries.facts import agencies_for_matching, find_organization

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2].parent / "shared" / "seeds"
KTD_SEED = SEEDS / "khuc-thua-du-2025-11-monthly-report.txt"
LUONG_MINH = HERE / "communes" / "luong-minh.docx"
NAMES = {
    "thanh-xa": "UBND xã Thanh Xá",
    "thanh-ha": "UBND xã Thanh Hà",
    "khuc-thua-du": "UBND xã Khúc Thừa Dụ",
    "luong-minh": "Ủy ban MTTQ Việt Nam xã Lương Minh",
}
IMPORTED_ON = date(2025, 1, 1)


@dataclass
class Communes:
    db: Database
    orgs: dict[str, int] = field(default_factory=dict)

    def viewer(self, commune: str, role: str = "leader", agency: str | None = None) -> Official:
        org = self.orgs[commune]
        agency_id = self.agency_id(commune, agency) if agency else None
        return Official(telegram_user_id=0, full_name="Hỏi thử", organization_id=org, role=role,
                        agency_id=agency_id)  # fmt: skip

    def agency_id(self, commune: str, written: str) -> int:
        """The agency a name as the plan writes it resolves to (the importer's own matcher)."""
        from plans.agencies import AgencyMatcher

        rows = self.db.call(agencies_for_matching, organization_id=self.orgs[commune])
        match = AgencyMatcher(rows).match(written)
        assert match.agency_id is not None, written
        return match.agency_id


def docx_text(path: Path) -> str:
    """The paragraphs and table cells of a Word file, in order (what a narrative parser reads)."""
    document = docx.Document(str(path))
    lines: list[str] = []
    for table in document.tables[:1]:  # the header block ("Số: 28/BC-UBND", the date), not the appendix
        if len(table.columns) != 2:
            continue
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    lines.extend(p.text for p in document.paragraphs)
    return "\n".join(lines)


def load(db: Database, tmp: Path) -> Communes:
    from tests.support.documents.builders import build_docx
    from tests.support.documents.thanh_ha import THANH_HA
    from tests.support.documents.thanh_xa import THANH_XA

    communes = Communes(db)
    files = [
        ("thanh-xa", build_docx(THANH_XA, tmp / "thanh-xa-2023-q1.docx"), None),
        ("thanh-ha", build_docx(THANH_HA, tmp / "thanh-ha-2025-q3.docx"), None),
        ("luong-minh", LUONG_MINH, NAMES["luong-minh"]),
    ]
    for commune, path, org_name in files:
        parsed = parse_file(path, filename=path.name)
        result = db.call(store_plan, parsed=parsed, organization_name=org_name, today=IMPORTED_ON)
        communes.orgs[commune] = result.organization_id
        if parsed.result_period is not None:  # a report's appendix: the report's text names it
            db.call(store_narrative, text=docx_text(path), organization_name=result.organization)
    stored = db.call(store_narrative, text=KTD_SEED.read_text(encoding="utf-8"))
    assert stored is not None, "the Khúc Thừa Dụ report names no period"
    communes.orgs["khuc-thua-du"] = stored.organization_id
    for commune, name in NAMES.items():
        found = db.call(find_organization, name=name)
        assert found is not None and found[0] == communes.orgs[commune], (commune, found)
    return communes
