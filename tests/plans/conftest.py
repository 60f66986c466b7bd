"""Plan documents for the import tests, built once per session into a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.documents.builders import build_docx, build_pdf, build_text, build_xlsx
from tests.support.documents.chi_linh import CHI_LINH
from tests.support.documents.thanh_xa import THANH_XA

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def plan_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{"thanh-xa.docx": path, …}: every seed's appendix in every format."""
    out = tmp_path_factory.mktemp("plans")
    files: dict[str, Path] = {}
    for doc in (THANH_XA, CHI_LINH):
        files[f"{doc.name}.docx"] = build_docx(doc, out / f"{doc.name}.docx")
        files[f"{doc.name}.xlsx"] = build_xlsx(doc, out / f"{doc.name}.xlsx")
        files[f"{doc.name}.pdf"] = build_pdf(doc, out / f"{doc.name}.pdf")
    files[f"{CHI_LINH.name}.txt"] = build_text(CHI_LINH, out / f"{CHI_LINH.name}.txt")
    files[f"{CHI_LINH.name}.md"] = build_text(CHI_LINH, out / f"{CHI_LINH.name}.md", markdown=True)
    return files


@pytest.fixture(scope="session")
def quyet_thang_md() -> Path:
    path = SEEDS / "quyet-thang-2026-plan.md"
    if not path.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("seed quyet-thang-2026-plan.md not available")
    return path
