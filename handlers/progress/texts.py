"""What the /xong conversation says: prompts, the summary of a draft, sizes and documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from handlers.progress.draft import EXPIRED_TEXT, GONE_TEXT, STRANGER_SHORT, Draft
from handlers.ui.replies import esc
from handlers.ui.views import doc_from_dict, target_text
from plans.parsing.types import DocRef
from plans.periods import Period
from plans.wording import STATUS_NAMES
from storage.text import number_vi, percent, shorten

__all__ = ["EXPIRED_TEXT", "GONE_TEXT", "STRANGER_SHORT"]  # said by the draft's step wrapper too
ASK_TASK = (
    "Báo cáo tiến độ nhiệm vụ nào? Gõ mã (vd: <code>II.3</code>) hoặc vài từ trong nội dung.\n"
    "Gõ /huy để dừng."
)
ASK_REASON = "Lý do chưa thực hiện, hoặc khó khăn, vướng mắc?"
ASK_ATTACHMENT = "Gửi kèm tệp văn bản (PDF, Word) hoặc ảnh chụp — không bắt buộc."
FILE_KINDS = "Chỉ nhận tệp PDF, Word hoặc ảnh. Gửi tệp khác hoặc bấm Bỏ qua."
NOT_A_NUMBER = "Không đọc được số. Gõ số phần trăm, vd: <code>61,3</code> hoặc <code>61.3%</code>."
SUMMARY_HINT = "Bấm <b>Gửi</b> để lưu, <b>Sửa</b> để sửa một phần, hoặc <b>Huỷ</b>."
CANCELLED = "Đã huỷ báo cáo. Chưa có gì được lưu."


def ref_to_dict(ref: DocRef) -> dict[str, Any]:
    """A parsed reference as a JSON-friendly dict for the draft."""
    return {
        "doc_type": ref.doc_type,
        "number": ref.number,
        "issued_on": ref.issued_on.isoformat() if ref.issued_on else None,
        "text": ref.text,
    }


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{number_vi(size / (1024 * 1024), 1)} MB"
    return f"{max(1, round(size / 1024))} KB"


def targets_text(targets: Sequence[dict[str, Any]]) -> str:
    return "\n".join(target_text(t, None) for t in targets)


def period_button(period: Period, today: date) -> str:
    """ "Quý I/2023 (kỳ vừa kết thúc)" / "Quý II/2023 (kỳ hiện tại)"."""
    when = "kỳ hiện tại" if period.contains(today) else "kỳ vừa kết thúc"
    return f"{period.label} ({when})"


def ask_period_text(draft: Draft) -> str:
    return (
        f"Nhiệm vụ <b>{esc(draft.code)}</b>: {esc(shorten(draft.content, 200))}\n\n"
        "Báo cáo này cho kỳ nào? Đang trong thời gian tổng hợp báo cáo của kỳ vừa kết thúc."
    )


def ask_status_text(draft: Draft, period: Period | None) -> str:
    head = f"Nhiệm vụ <b>{esc(draft.code)}</b>: {esc(shorten(draft.content, 200))}"
    about = f"\nKỳ báo cáo: <b>{esc(period.label)}</b>" if period is not None else ""
    return f"{head}{about}\n\nTình trạng thực hiện?"


def ask_docs_text(required: bool) -> str:
    return (
        "Văn bản chứng minh "
        + ("(bắt buộc)" if required else "(không bắt buộc)")
        + ": gõ số hiệu, ngày, vd\n<i>Kế hoạch số 23/KH-UBND ngày 15/08/2025</i>\n"
        "Có thể ghi nhiều văn bản trong một tin."
    )


def quick_docs_text(draft: Draft) -> str:
    """The head of the document step when /xong chose Đã thực hiện itself."""
    return (
        f"Nhiệm vụ <b>{esc(draft.code)}</b>: {esc(shorten(draft.content, 200))}\n"
        f"Tình trạng: <b>{STATUS_NAMES.get(draft.status or '', '?')}</b>\n\n"
    )


def summary_text(draft: Draft, period: Period | None) -> str:
    out = [
        "<b>Xác nhận báo cáo</b>",
        f"Nhiệm vụ <b>{esc(draft.code)}</b>: {esc(shorten(draft.content, 200))}",
    ]
    if period is not None:
        out.append(f"Kỳ báo cáo: <b>{esc(period.label)}</b>")
    out.append(f"Tình trạng: <b>{STATUS_NAMES.get(draft.status or '', '?')}</b>")
    if draft.reason:
        out.append(f"Lý do, khó khăn: {esc(draft.reason)}")
    if draft.docs:
        out.append("Văn bản:")
        out.extend(f"📄 {esc(doc_from_dict(doc))}" for doc in draft.docs)
    if draft.doc_note:
        out.append(f"Ghi chú: {esc(draft.doc_note)}")
    if draft.attachment:
        size = size_text(int(draft.attachment.get("size") or 0))
        out.append(f"Tệp đính kèm: {esc(draft.attachment.get('name', ''))} ({size})")
    if draft.kpi is not None:
        line = f"Kết quả chỉ tiêu: {percent(draft.kpi)}"
        minimums = [
            float(t["min_percent"]) for t in draft.targets if isinstance(t.get("min_percent"), int | float)
        ]
        if minimums:
            verdict = "đạt" if draft.kpi >= minimums[0] else "chưa đạt"
            line += f" (chỉ tiêu {percent(minimums[0])} — {verdict})"
        out.append(line)
    out.append("\nBấm <b>Gửi</b> để lưu báo cáo.")
    return "\n".join(out)
