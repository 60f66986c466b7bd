"""A plan document (bytes + file name) → ParsedPlan, refusing anything unsafe or unreadable with one
clear Vietnamese sentence (PlanImportError). Pure: nothing is stored here."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Mapping
from pathlib import Path

from plans.parsing.agency_split import split_agencies
from plans.parsing.deadlines import parse_deadline
from plans.parsing.metadata import extract_metadata
from plans.parsing.pdf_tables import NoTextLayerError, read_pdf
from plans.parsing.period_phrases import parse_period_phrase
from plans.parsing.results import parse_result
from plans.parsing.structure import ROLES, StructureError, flatten, read_tables, split_intro
from plans.parsing.tables import RawDocument, read_docx, read_text, read_xlsx
from plans.parsing.targets import parse_targets
from plans.parsing.types import ParsedNode, ParsedPlan, Target
from storage.text import nfc

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 150 * 1024 * 1024  # a 20 MB Office file never holds more than this
MAX_RATIO = 120  # XML compresses ~10x; a bomb compresses 1000x
MAX_MEMBERS = 5000
SUPPORTED = (".docx", ".xlsx", ".pdf", ".txt", ".md")

SEND_INSTEAD = "hãy gửi kế hoạch dạng Word (.docx), Excel (.xlsx), PDF có lớp chữ hoặc văn bản (.txt, .md)"
MESSAGES = {
    "empty": f"Tệp trống, không có nội dung; {SEND_INSTEAD}.",
    "too_big": "Tệp lớn hơn 20 MB nên không thể nhận; hãy gửi bản chỉ gồm phần Phụ lục hoặc bỏ bớt hình ảnh để tệp nhỏ hơn 20 MB.",
    "encrypted": "Tệp đang được đặt mật khẩu hoặc là định dạng Office cũ (.doc, .xls) nên không đọc được; hãy bỏ mật khẩu, lưu lại thành .docx hoặc .xlsx rồi gửi lại.",
    "corrupted": "Tệp bị hỏng hoặc không mở được; hãy mở lại bằng Word hoặc Excel, lưu thành .docx hoặc .xlsx rồi gửi lại.",
    "bomb": "Tệp có dữ liệu nén bất thường (quá lớn khi giải nén) nên bị từ chối; hãy mở bằng Word hoặc Excel, lưu lại rồi gửi lại.",
    "dtd": "Tệp chứa khai báo XML không được phép (DOCTYPE, ENTITY) nên bị từ chối; hãy mở bằng Word hoặc Excel, lưu lại rồi gửi lại.",
    "scanned": "Tệp PDF là bản quét, không có lớp chữ nên không đọc được bảng; hãy gửi bản Word (.docx) hoặc PDF xuất trực tiếp từ Word.",
    "no_table": "Không tìm thấy bảng nhiệm vụ (Phụ lục) trong tệp; hãy gửi tài liệu có bảng với các cột STT, Nội dung công việc, Cơ quan chủ trì, Thời hạn hoàn thành.",
    "unmapped_header": "Không nhận ra tiêu đề các cột của bảng; hãy đặt tên cột như STT, Nội dung công việc, Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn hoàn thành rồi gửi lại.",
    "no_tasks": "Bảng trong tệp không có nhiệm vụ nào; hãy gửi Phụ lục có các dòng nhiệm vụ đánh số (I, II, 1, 2, 2.1 …).",
    "bad_columns": "Cách chọn cột không hợp lệ; hãy chọn lại cột Nội dung (bắt buộc) và các cột Chủ trì, Phối hợp, Thời hạn.",
}


class PlanImportError(Exception):
    """str() is one Vietnamese sentence: what is wrong and what to send instead.

    For ``reason == "unmapped_header"``, ``header_texts`` are the cells of the header row that could
    not be mapped, so the bot can let the admin pick the columns (``parse_file(columns=…)``)."""

    def __init__(
        self, reason: str, message: str | None = None, *, header_texts: list[str] | None = None
    ) -> None:
        self.reason = reason
        self.header_texts: list[str] = list(header_texts or [])
        super().__init__(message or MESSAGES[reason])


def _unsupported(filename: str) -> PlanImportError:
    return PlanImportError(
        "unsupported",
        f"Tệp «{filename}» không thuộc loại được hỗ trợ; {SEND_INSTEAD}.",
    )


def detect_kind(data: bytes, filename: str) -> str:
    """docx | xlsx | pdf | text, from the extension and the first bytes (which win when they disagree)."""
    ext = Path(filename).suffix.lower()
    if ext in (".doc", ".xls") and data[:4] == b"\xd0\xcf\x11\xe0":
        raise PlanImportError("encrypted")
    if ext not in SUPPORTED:
        raise _unsupported(filename)
    if not data.strip():
        raise PlanImportError("empty")
    if data[:4] == b"\xd0\xcf\x11\xe0":  # OLE container: an encrypted Office file (or .doc renamed)
        raise PlanImportError("encrypted")
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:5] == b"%PDF-":
        return "pdf"
    if ext == ".pdf":
        raise PlanImportError("corrupted")
    if ext in (".docx", ".xlsx"):
        raise PlanImportError("corrupted")
    if b"\x00" in data[:4096]:
        raise _unsupported(filename)
    return "text"


def check_zip(data: bytes) -> str:
    """Refuse zip bombs, encrypted members and XML with DTDs before any XML parser sees the file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise PlanImportError("corrupted") from exc
    if len(members) > MAX_MEMBERS:
        raise PlanImportError("bomb")
    total = 0
    for info in members:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise PlanImportError("encrypted")
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PlanImportError("bomb")
    if total > MAX_UNZIPPED:
        raise PlanImportError("bomb")
    names = {m.filename for m in members}
    kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
    if kind is None:
        raise PlanImportError("corrupted")
    for info in members:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with archive.open(info) as member:
                    head = member.read(8192)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise PlanImportError("corrupted") from exc
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise PlanImportError("dtd")
    return kind


def read_raw(data: bytes, filename: str) -> RawDocument:
    if len(data) > MAX_BYTES:
        raise PlanImportError("too_big")
    kind = detect_kind(data, filename)
    try:
        if kind == "zip":
            kind = check_zip(data)
            return read_docx(data) if kind == "docx" else read_xlsx(data)
        if kind == "pdf":
            try:
                return read_pdf(data)
            except NoTextLayerError as exc:
                raise PlanImportError("scanned") from exc
            except Exception as exc:
                if b"/Encrypt" in data:
                    raise PlanImportError("encrypted") from exc
                raise
        return read_text(data)
    except PlanImportError:
        raise
    except Exception as exc:  # any parser failure on a hostile or damaged file is a clear refusal
        logger.warning("cannot read %s (%s): %s", filename, kind, exc)
        raise PlanImportError("corrupted") from exc


def _targets(*texts: str) -> list[Target]:
    found: list[Target] = []
    seen: set[tuple[str, float]] = set()
    for text in texts:
        if not text:
            continue
        for target in parse_targets(text):
            key = (target.metric.lower(), target.min_percent)
            if key not in seen:
                seen.add(key)
                found.append(target)
    return found


def check_columns(columns: Mapping[str, int] | None) -> dict[str, int] | None:
    """An admin's column choice ({"content": 1, "lead": 2, …}, 0-based) or a PlanImportError."""
    if columns is None:
        return None
    chosen = dict(columns)
    if (
        "content" not in chosen
        or any(role not in ROLES for role in chosen)
        or any(not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < 200 for i in chosen.values())
        or len(set(chosen.values())) != len(chosen)
    ):
        raise PlanImportError("bad_columns")
    return chosen


def build_plan(raw: RawDocument, filename: str, columns: Mapping[str, int] | None = None) -> ParsedPlan:
    try:
        read = read_tables(raw, check_columns(columns))
    except StructureError as exc:
        raise PlanImportError(exc.reason, header_texts=exc.header_texts) from exc
    for root in read.roots:
        split_intro(root)
    meta = extract_metadata(read.metadata_lines)
    plan = ParsedPlan(
        title=meta.title,
        number=meta.number,
        issued_on=meta.issued_on,
        organization=meta.organization,
        year=meta.year,
        span=meta.span,
        doc_type=meta.file_type,
        source_filename=filename,
    )
    # a year named in the deadline column's header ("Thời gian (Năm 2026)") dates that column
    deadline_year = read.deadline_year or meta.year
    deadline_span = meta.span if read.deadline_year is None else (read.deadline_year, read.deadline_year)
    if "result" in read.mapping:
        header = (
            read.header_texts[read.mapping["result"]]
            if read.mapping["result"] < len(read.header_texts)
            else ""
        )
        for text in (header, meta.title or "", *read.metadata_lines[:40]):
            period = parse_period_phrase(text, default_year=meta.year) if text else None
            if period is not None:
                plan.result_period = period
                break
    for flat in flatten(read.roots):
        node = ParsedNode(
            code=flat.code,
            number=flat.number,
            kind=flat.kind,
            level=flat.level,
            section=flat.section,
            content=flat.content,
            parent_code=flat.parent_code,
        )
        if flat.kind != "section":
            cells = flat.cells
            node.lead = split_agencies(cells.get("lead", ""))
            node.coordinating = split_agencies(cells.get("coordinating", ""))
            deadline_text = cells.get("deadline", "")
            node.deadline = (
                parse_deadline(deadline_text, year=deadline_year, span=deadline_span)
                if deadline_text
                else None
            )
            node.product = cells.get("product") or None
            node.targets = _targets(flat.content, cells.get("product", ""))
            if flat.kind == "task" and cells.get("result"):
                node.result = parse_result(cells["result"])
            if node.deadline is not None and node.deadline.kind == "unknown":
                plan.warnings.append(f"{flat.code}: thời hạn chưa hiểu «{deadline_text}»")
        plan.nodes.append(node)
    if not plan.tasks:
        raise PlanImportError("no_tasks")
    return plan


def parse_file(
    path: Path | None = None,
    *,
    data: bytes | None = None,
    filename: str,
    columns: Mapping[str, int] | None = None,
) -> ParsedPlan:
    """Read a plan from a path or from bytes; raises PlanImportError (never anything else) on bad input.

    ``columns`` is an explicit column mapping chosen by an admin after an "unmapped_header" refusal
    (role → 0-based column index: {"number": 0, "content": 1, "lead": 2, "deadline": 4}); the
    header row is then only skipped, not read."""
    if data is None:
        if path is None:
            raise ValueError("parse_file needs a path or data")
        try:
            if path.stat().st_size > MAX_BYTES:
                raise PlanImportError("too_big")
            data = path.read_bytes()
        except OSError as exc:
            raise PlanImportError(
                "corrupted", f"Không đọc được tệp «{path.name}»; hãy kiểm tra đường dẫn rồi thử lại."
            ) from exc
    filename = nfc(filename or (path.name if path else "tệp"))
    raw = read_raw(data, filename)
    try:
        return build_plan(raw, filename, columns)
    except PlanImportError:
        raise
    except Exception as exc:  # a bug must not take the bot down; the admin gets a clear answer
        logger.exception("import of %s failed", filename)
        raise PlanImportError("corrupted") from exc
