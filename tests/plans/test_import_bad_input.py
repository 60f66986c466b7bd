"""Bad input: each case is refused with one Vietnamese sentence (what is wrong, what to send instead)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from plans.parsing.importer import MAX_BYTES, PlanImportError, parse_file


def _assert_refused(data: bytes, filename: str, reason: str) -> str:
    with pytest.raises(PlanImportError) as info:
        parse_file(data=data, filename=filename)
    message = str(info.value)
    assert info.value.reason == reason
    assert "\n" not in message and message.endswith(".")
    assert "hãy" in message  # says what to send instead
    return message


def _rewrite_member(docx: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, content if item.filename == name else src.read(item.filename))
    return out.getvalue()


def test_unsupported_type() -> None:
    message = _assert_refused(b"<office:document/>", "ke-hoach.odt", "unsupported")
    assert "ke-hoach.odt" in message and ".docx" in message


def test_binary_named_as_text_is_unsupported() -> None:
    _assert_refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "anh.txt", "unsupported")


def test_corrupted_docx() -> None:
    _assert_refused(b"PK\x03\x04" + b"\x00garbage" * 50, "ke-hoach.docx", "corrupted")
    _assert_refused(b"not a word file at all", "ke-hoach.docx", "corrupted")


def test_encrypted_office_file() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096  # Word saves encrypted .docx as OLE
    message = _assert_refused(ole, "ke-hoach.docx", "encrypted")
    assert "mật khẩu" in message
    _assert_refused(ole, "ke-hoach.doc", "encrypted")


def test_zip_bomb(plan_files: dict[str, Path]) -> None:
    docx = plan_files["chi-linh-2025.docx"].read_bytes()
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("word/media/fill.bin", b"\x00" * (40 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1_000_000
    _assert_refused(bomb.getvalue(), "bom.docx", "bomb")


def test_xml_external_entity_is_refused(plan_files: dict[str, Path]) -> None:
    docx = plan_files["chi-linh-2025.docx"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml")
    head, rest = xml.split(b"?>", 1)
    evil = (
        head
        + b'?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + rest.replace("Kế hoạch được ban hành".encode(), b"&xxe;", 1)
    )
    _assert_refused(_rewrite_member(docx, "word/document.xml", evil), "xxe.docx", "dtd")


def test_too_big() -> None:
    message = _assert_refused(b"a" * (MAX_BYTES + 1), "ke-hoach.txt", "too_big")
    assert "20 MB" in message


def test_too_big_file_on_disk_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "lon.docx"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 10)
    with pytest.raises(PlanImportError) as info:
        parse_file(path, filename=path.name)
    assert info.value.reason == "too_big"


def test_no_task_table() -> None:
    prose = "KẾ HOẠCH\nKiểm soát thủ tục hành chính năm 2025\nI. MỤC ĐÍCH, YÊU CẦU\n- Tổ chức triển khai hiệu quả.\n"
    message = _assert_refused(prose.encode(), "ke-hoach.txt", "no_table")
    assert "Nội dung công việc" in message


def test_unmappable_header(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [["STT", "Tên việc", "Người làm", "Ghi chú"], ["1", "Họp", "An", ""], ["2", "Báo cáo", "Bình", ""]]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "bang.docx"
    document.save(str(path))
    _assert_refused(path.read_bytes(), "bang.docx", "unmapped_header")


def test_scanned_pdf_without_text_layer() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 150, 100, style="F")  # an image-like page: nothing to extract
    message = _assert_refused(bytes(pdf.output()), "scan.pdf", "scanned")
    assert "bản quét" in message


def test_empty_file() -> None:
    _assert_refused(b"", "trong.docx", "empty")
