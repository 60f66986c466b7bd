"""Hostile plan files: the importer answers with PlanImportError or a plan, never another exception.

Random bytes under every accepted extension (also behind real magic numbers), truncated and
bit-flipped real documents, zip bombs (also one whose headers lie about the size), XML external
entities (the marker file's text must never reach the result) and a 10,000-row Markdown table.
Every parse runs in a thread joined with a generous timeout: a hang guard, not a speed assertion.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plans.parsing.importer import PlanImportError, parse_file
from plans.parsing.types import ParsedPlan
from tests.support.documents.builders import build_docx, build_pdf, build_text, build_xlsx
from tests.support.documents.chi_linh import CHI_LINH, CL_COLUMNS

HANG_GUARD = 30.0  # seconds: far above any real parse; only a hang gets near it
_DEEP = int(os.environ.get("PLANBOT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=_DEEP or 25,
    deadline=None,
    derandomize=not _DEEP,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
EXTENSIONS = [".docx", ".xlsx", ".pdf", ".txt", ".md"]
MAGIC = [
    b"",
    b"PK\x03\x04",
    b"%PDF-1.7\n",
    b"\xd0\xcf\x11\xe0",
    b"\xef\xbb\xbf| TT | N\xe1\xbb\x99i dung |\n",
]


def guarded_parse(data: bytes, filename: str) -> ParsedPlan | PlanImportError:
    """parse_file in a thread: the plan, or the PlanImportError it raised; anything else fails the test."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = parse_file(data=data, filename=filename)
        except PlanImportError as exc:
            box["value"] = exc
        except BaseException as exc:  # reported below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    if thread.is_alive():
        raise AssertionError(f"importing {filename!r} still running after {HANG_GUARD:g} s (hang)")
    if "error" in box:
        raise AssertionError(f"{filename!r}: {box['error']!r} instead of PlanImportError") from box["error"]
    result = box["value"]
    assert isinstance(result, ParsedPlan | PlanImportError)
    if isinstance(result, PlanImportError):
        message = str(result)
        assert message and "\n" not in message  # one clear Vietnamese sentence
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("fuzz-plans")
    return {
        ".docx": build_docx(CHI_LINH, out / "chi-linh.docx").read_bytes(),
        ".xlsx": build_xlsx(CHI_LINH, out / "chi-linh.xlsx").read_bytes(),
        ".pdf": build_pdf(CHI_LINH, out / "chi-linh.pdf").read_bytes(),
        ".md": build_text(CHI_LINH, out / "chi-linh.md", markdown=True).read_bytes(),
        ".txt": build_text(CHI_LINH, out / "chi-linh.txt").read_bytes(),
    }


def test_real_files_import(real_files: dict[str, bytes]) -> None:
    """The baseline the mutations start from: every format reads the same 33 tasks."""
    for ext, data in real_files.items():
        result = guarded_parse(data, f"chi-linh{ext}")
        assert isinstance(result, ParsedPlan), (ext, result)
        assert len(result.tasks) == 33


# ---------------------------------------------------------------- random and damaged bytes


@FUZZ
@given(st.sampled_from(MAGIC), st.binary(max_size=4096), st.sampled_from(EXTENSIONS))
@example(b"", b"", ".docx")
@example(b"PK\x03\x04", b"\x00" * 64, ".xlsx")
@example(b"%PDF-1.7\n", b"trailer<</Root 1 0 R>>\n%%EOF", ".pdf")
@example(b"", "| TT | Nội dung |\n|---|---|\n| 1 | \x00 |".encode(), ".md")
def test_random_bytes(magic: bytes, body: bytes, ext: str) -> None:
    guarded_parse(magic + body, f"ke-hoach{ext}")


@FUZZ
@given(st.sampled_from(EXTENSIONS), st.floats(0.0, 1.0))
def test_truncated_real_files(real_files: dict[str, bytes], ext: str, fraction: float) -> None:
    data = real_files[ext]
    guarded_parse(data[: int(len(data) * fraction)], f"chi-linh{ext}")


@FUZZ
@given(
    st.sampled_from(EXTENSIONS),
    st.lists(st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_corrupted_real_files(real_files: dict[str, bytes], ext: str, flips: list[tuple[float, int]]) -> None:
    data = bytearray(real_files[ext])
    for where, value in flips:
        data[int(where * len(data))] = value
    guarded_parse(bytes(data), f"chi-linh{ext}")


# ---------------------------------------------------------------- zip bombs


def _rewrite(zipped: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zipped)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def test_zip_bomb_is_refused(real_files: dict[str, bytes]) -> None:
    bomb = _rewrite(real_files[".docx"], {}, {"word/media/fill.bin": b"\x00" * (200 * 1024 * 1024)})
    assert len(bomb) < 1_000_000
    result = guarded_parse(bomb, "chi-linh.docx")
    assert isinstance(result, PlanImportError) and result.reason == "bomb"


def test_many_members_bomb_is_refused(real_files: dict[str, bytes]) -> None:
    crowd = _rewrite(real_files[".xlsx"], {}, {f"xl/media/{i}.bin": b"" for i in range(6000)})
    result = guarded_parse(crowd, "chi-linh.xlsx")
    assert isinstance(result, PlanImportError) and result.reason == "bomb"


def test_zip_bomb_with_lying_headers(real_files: dict[str, bytes]) -> None:
    """The document.xml member claims to be tiny but inflates to 200 MB: capped, then refused."""
    huge = b"<w:p/>" * (200 * 1024 * 1024 // 6)
    data = bytearray(_rewrite(real_files[".docx"], {"word/document.xml": huge}))
    del huge
    name = b"word/document.xml"
    # Local file header: sizes at offset 18 (compressed) and 22 (uncompressed); central directory: 20 and 24.
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_len = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(data[start + name_at : start + name_at + name_len]) == name:
                struct.pack_into("<I", data, start + size_at, 4096)
            start += 4
    result = guarded_parse(bytes(data), "chi-linh.docx")
    assert isinstance(result, PlanImportError)


# ---------------------------------------------------------------- XML external entities

MARKER_TEXT = "MARKER-XXE-7f3a-KHONG-DUOC-DOC"


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER_TEXT, encoding="utf-8")
    return path


def _with_entity(xml: bytes, root_tag: bytes, marker: Path, padding: int) -> bytes:
    """Declare &xxe; (SYSTEM file:///marker) before the root element and use it in the first text run."""
    head, _, body = xml.partition(b"?>")
    comment = b"<!--" + b" " * padding + b"-->" if padding else b""
    doctype = b"<!DOCTYPE " + root_tag + b' [<!ENTITY xxe SYSTEM "file://' + str(marker).encode() + b'">]>'
    return head + b"?>" + comment + doctype + body


def _plan_text(result: ParsedPlan | PlanImportError) -> str:
    if isinstance(result, PlanImportError):
        return str(result)
    parts = [result.title or "", result.organization or "", *result.warnings]
    for node in result.nodes:
        parts += [node.content, node.product or "", *node.lead, *node.coordinating]
        parts += [repr(node.deadline), repr(node.result), repr(node.targets)]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize("padding", [0, 10_000], ids=["doctype-first", "doctype-after-long-comment"])
def test_docx_external_entity_is_not_resolved(
    real_files: dict[str, bytes], marker: Path, padding: int
) -> None:
    docx = real_files[".docx"]
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml")
    xml = _with_entity(xml, b"w:document", marker, padding)
    # Put the entity inside the first table cell that holds task content.
    xml = xml.replace("Kế hoạch kiểm soát TTHC".encode(), b"&xxe; Ke hoach kiem soat TTHC", 1)
    result = guarded_parse(_rewrite(docx, {"word/document.xml": xml}), "chi-linh.docx")
    assert MARKER_TEXT not in _plan_text(result)
    if padding == 0:
        assert isinstance(result, PlanImportError) and result.reason == "dtd"


@pytest.mark.parametrize("padding", [0, 10_000], ids=["doctype-first", "doctype-after-long-comment"])
def test_xlsx_external_entity_is_not_resolved(
    real_files: dict[str, bytes], marker: Path, padding: int
) -> None:
    xlsx = real_files[".xlsx"]
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        names = archive.namelist()
        member = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
        xml = archive.read(member)
    root = b"sst" if member.endswith("sharedStrings.xml") else b"worksheet"
    xml = _with_entity(xml, root, marker, padding)
    xml = xml.replace("Kế hoạch kiểm soát TTHC".encode(), b"&xxe; Ke hoach kiem soat TTHC", 1)
    result = guarded_parse(_rewrite(xlsx, {member: xml}), "chi-linh.xlsx")
    assert MARKER_TEXT not in _plan_text(result)


# ---------------------------------------------------------------- a very large table


def test_ten_thousand_row_markdown_table() -> None:
    lines = ["| " + " | ".join(CL_COLUMNS) + " |", "|" + " --- |" * len(CL_COLUMNS)]
    lines.append("| I | Công tác chỉ đạo, điều hành |  |  |  |  |")
    for number in range(1, 10_001):
        lines.append(
            f"| {number} | Rà soát, công khai thủ tục hành chính số {number} | Thường xuyên | "
            "Trung tâm Phục vụ Hành chính công | Các phòng chuyên môn | Văn bản rà soát |"
        )
    data = ("\n".join(lines) + "\n").encode()
    result = guarded_parse(data, "ke-hoach-lon.md")
    assert isinstance(result, ParsedPlan), result
    assert len(result.tasks) == 10_000
    assert result.tasks[-1].code == "I.10000"
