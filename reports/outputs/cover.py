"""The Báo cáo itself, as the values a template's placeholders take (docxtpl): the Quốc hiệu block,
the issuing body, "Số: …/BC-UBND" left for the văn thư, the place and date line, the report's name
and trích yếu, the narrative built from the figures, "Nơi nhận:" and the signature block.

PLACEHOLDERS documents every name (the README lists them; an uploaded template is checked
against them). Words come from plans/wording.py; dates are dd/mm/yyyy, decimals take a comma.
"""

from __future__ import annotations

from typing import Any

from plans.periods import Period
from plans.wording import NO_REASON, RATE_LABEL, REASON_LABEL, STATUS_NAMES
from reports.outputs.report_data import (
    DueTask,
    Indicator,
    ReportData,
    ReportRow,
    SilentAgency,
    issuer_lines,
    period_phrase,
    place_name,
)
from reports.outputs.style import ReportStyle
from storage.text import date_vi

BLANK = "\u00a0" * 6  # what the văn thư fills in: the number, the day and the month

PLACEHOLDERS: dict[str, str] = {
    "co_quan": "tên cơ quan như đã lưu (UBND xã Thanh Xá)",
    "co_quan_dong_1": "dòng trên của tên cơ quan ban hành (ỦY BAN NHÂN DÂN)",
    "co_quan_dong_2": "dòng dưới của tên cơ quan ban hành (XÃ THANH XÁ)",
    "so_ky_hieu": "số và ký hiệu, số để trống cho văn thư (Số:      /BC-UBND)",
    "dia_danh": "địa danh (Thanh Xá)",
    "dia_danh_ngay_thang": "dòng địa danh và ngày tháng (Thanh Xá, ngày      tháng      năm 2023)",
    "nam": "năm lập báo cáo (2023)",
    "ten_loai": "tên loại văn bản (BÁO CÁO)",
    "trich_yeu": "trích yếu nội dung (Kết quả thực hiện Kế hoạch … quý I năm 2023)",
    "ky_bao_cao": "kỳ báo cáo (quý I năm 2023)",
    "can_cu": "câu mở đầu, căn cứ kế hoạch (Thực hiện Kế hoạch số 25/KH-UBND …)",
    "ket_qua": "các dòng kết quả chung (danh sách chuỗi: Kế hoạch có 4 mục với 14 nội dung và 30 nhiệm vụ; …)",
    "tong_muc": "số mục của kế hoạch (4)",
    "tong_noi_dung": "số nội dung (14)",
    "tong_nhiem_vu": "số nhiệm vụ (30)",
    "da_thuc_hien": "số nhiệm vụ đã thực hiện",
    "dang_thuc_hien": "số nhiệm vụ đang thực hiện",
    "da_va_dang_thuc_hien": "số nhiệm vụ đã và đang thực hiện (22)",
    "chua_thuc_hien": "số nhiệm vụ chưa thực hiện",
    "chua_bao_cao": "số nhiệm vụ chưa có báo cáo",
    "qua_han": "số nhiệm vụ quá hạn",
    "ty_le": "tỷ lệ hoàn thành (73,3%), hoặc «chưa có số liệu»",
    "chua_hoan_thanh": "nhiệm vụ chưa hoàn thành (chưa thực hiện, quá hạn, đã giải trình): ma, noi_dung, chu_tri, tinh_trang, ly_do, dong",
    "don_vi_chua_bao_cao": "đơn vị còn nhiệm vụ chưa báo cáo: ten, so_nhiem_vu, tong_so, giai_trinh, dong",
    "chi_tieu": "các chỉ tiêu: ten, gia_tri, muc_tieu, danh_gia, dong",
    "ky_toi": "kỳ tiếp theo (quý II năm 2023), trống nếu không có",
    "nhiem_vu_ky_toi": "nhiệm vụ đến hạn kỳ tới: ma, noi_dung, chu_tri, han, dong",
    "ket_luan": "câu kết (Trên đây là báo cáo …/.)",
    "noi_nhan": "các dòng nơi nhận (danh sách chuỗi, dòng cuối - Lưu: VT.)",
    "tham_quyen": "thẩm quyền ký (TM. ỦY BAN NHÂN DÂN)",
    "ky_thay": "ký thay (KT. CHỦ TỊCH), trống khi Chủ tịch ký",
    "chuc_danh": "chức vụ người ký (PHÓ CHỦ TỊCH)",
    "nguoi_ky": "họ tên người ký",
}
ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "chua_hoan_thanh": ("ma", "noi_dung", "chu_tri", "tinh_trang", "ly_do", "dong"),
    "don_vi_chua_bao_cao": ("ten", "so_nhiem_vu", "tong_so", "giai_trinh", "dong"),
    "chi_tieu": ("ten", "gia_tri", "muc_tieu", "danh_gia", "dong"),
    "nhiem_vu_ky_toi": ("ma", "noi_dung", "chu_tri", "han", "dong"),
}


def _bare(text: str) -> str:
    return text.strip().rstrip(" ;:.,")


def _not_done(row: ReportRow) -> dict[str, str]:
    reason = row.explanation or row.note or NO_REASON
    content = _bare(row.content.lstrip("-–+• "))
    who = f" ({row.lead})" if row.lead else ""
    return {
        "ma": row.code,
        "noi_dung": content,
        "chu_tri": row.lead,
        "tinh_trang": STATUS_NAMES.get(row.status, ""),
        "ly_do": reason,
        "dong": f"- {content}{who}. {REASON_LABEL}: {_bare(reason)}.",
    }


def _silent(item: SilentAgency) -> dict[str, Any]:
    line = f"- {item.name}: chưa báo cáo {item.missing}/{item.total} nhiệm vụ"
    line += f". {REASON_LABEL}: {_bare(item.explanation)}." if item.explanation else "."
    return {
        "ten": item.name,
        "so_nhiem_vu": item.missing,
        "tong_so": item.total,
        "giai_trinh": item.explanation,
        "dong": line,
    }


def _indicator(item: Indicator) -> dict[str, str]:
    line = f"- {_bare(item.name)}: {item.value}"
    if item.target:
        line += f" (chỉ tiêu {item.target})"
    if item.verdict:
        line += f" — {item.verdict}"
    return {
        "ten": item.name,
        "gia_tri": item.value,
        "muc_tieu": item.target,
        "danh_gia": item.verdict,
        "dong": line + ".",
    }


def _due(item: DueTask) -> dict[str, str]:
    content = _bare(item.content.lstrip("-–+• "))
    who = f" ({item.lead})" if item.lead else ""
    return {
        "ma": item.code,
        "noi_dung": content,
        "chu_tri": item.lead,
        "han": date_vi(item.due),
        "dong": f"- {content}{who}: hạn {date_vi(item.due)}.",
    }


def _basis(data: ReportData) -> str:
    plan = "Kế hoạch"
    if data.plan_number:
        plan += f" số {data.plan_number}"
    if data.plan_issued_on is not None:
        plan += f" ngày {date_vi(data.plan_issued_on)}"
    return (
        f"Thực hiện {plan} của {data.organization} về {data.subject}, {data.organization} báo cáo kết quả "
        f"thực hiện {period_phrase(data.period)} cụ thể như sau:"
    )


def _results(data: ReportData) -> list[str]:
    phrase = period_phrase(data.period)
    lines = [f"- Kế hoạch có {data.sections} mục với {data.items} nội dung và {data.total} nhiệm vụ;"]
    if not data.has_data:
        lines.append(f"- Chưa có số liệu báo cáo {phrase}: chưa có báo cáo nào cho kỳ này.")
        return lines
    done, doing, not_done = (STATUS_NAMES[k].lower() for k in ("done", "in_progress", "not_done"))
    line = (
        f"- Trong {phrase}, các cơ quan, đơn vị {RATE_LABEL} {data.done_or_in_progress} nhiệm vụ "
        f"({done} {data.done}, {doing} {data.in_progress}); {not_done} {data.not_done} nhiệm vụ"
    )
    if data.no_report:
        line += f"; {STATUS_NAMES['no_report'].lower()} {data.no_report} nhiệm vụ"
    lines.append(line + ";")
    if data.overdue:
        lines.append(f"- Số nhiệm vụ quá hạn: {data.overdue};")
    lines.append(f"- Tỷ lệ hoàn thành nhiệm vụ của kế hoạch đạt: {data.rate_text}.")
    return lines


def cover_context(data: ReportData, style: ReportStyle) -> dict[str, Any]:
    """The value of every placeholder for this report."""
    top, bottom = issuer_lines(data.organization)
    place = style.place.strip() or place_name(data.organization)
    phrase = period_phrase(data.period)
    next_period: Period | None = data.next_period
    return {
        "co_quan": data.organization,
        "co_quan_dong_1": top,
        "co_quan_dong_2": bottom,
        "so_ky_hieu": f"Số:{BLANK}/BC-UBND",
        "dia_danh": place,
        "dia_danh_ngay_thang": f"{place}, ngày{BLANK}tháng{BLANK}năm {data.today.year}",
        "nam": data.today.year,
        "ten_loai": "BÁO CÁO",
        "trich_yeu": f"Kết quả thực hiện Kế hoạch {data.subject} {phrase}",
        "ky_bao_cao": phrase,
        "can_cu": _basis(data),
        "ket_qua": _results(data),
        "tong_muc": data.sections,
        "tong_noi_dung": data.items,
        "tong_nhiem_vu": data.total,
        "da_thuc_hien": data.done,
        "dang_thuc_hien": data.in_progress,
        "da_va_dang_thuc_hien": data.done_or_in_progress,
        "chua_thuc_hien": data.not_done,
        "chua_bao_cao": data.no_report,
        "qua_han": data.overdue,
        "ty_le": data.rate_text if data.has_data else "chưa có số liệu",
        "chua_hoan_thanh": [_not_done(r) for r in data.rows if r.unfinished],
        "don_vi_chua_bao_cao": [_silent(s) for s in data.silent],
        "chi_tieu": [_indicator(i) for i in data.indicators],
        "ky_toi": period_phrase(next_period) if next_period is not None else "",
        "nhiem_vu_ky_toi": [_due(d) for d in data.upcoming],
        "ket_luan": (
            f"Trên đây là báo cáo kết quả thực hiện Kế hoạch {data.subject} {phrase} "
            f"của {data.organization}./."
        ),
        "noi_nhan": style.recipient_lines(),
        "tham_quyen": style.signer_authority.strip(),
        "ky_thay": style.signer_on_behalf.strip(),
        "chuc_danh": style.signer_title.strip(),
        "nguoi_ky": style.signer_name.strip(),
    }


def sample_context() -> dict[str, Any]:
    """Every placeholder with a value, every list with one item of every field: a template that
    renders with this (unknown names raise) renders with any report."""
    context: dict[str, Any] = {}
    for name in PLACEHOLDERS:
        context[name] = (
            1 if name.startswith(("tong_", "da_", "dang_", "chua_thuc", "chua_bao", "qua_", "nam")) else "…"
        )
    context["ket_qua"] = ["…"]
    context["noi_nhan"] = ["…"]
    for name, fields in ITEM_FIELDS.items():
        context[name] = [dict.fromkeys(fields, "…")]
    return context
