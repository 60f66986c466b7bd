"""What the plan import says: the preview, the changes of a revised plan, the result, the refusals."""

from __future__ import annotations

from handlers.ui.replies import esc
from plans.agencies import is_group_agency
from plans.import_diff import PlanDiff, TaskChange
from plans.import_review import ImportReview
from plans.importing import AgencyResolution, ImportResult
from plans.parsing.importer import PlanImportError
from plans.parsing.summary import preview_lines, summary_text
from plans.parsing.types import ParsedPlan
from storage.text import fold, shorten

PREVIEW_TASKS = 5

DIFF_LIMIT = 15

ADMIN_ONLY_TEXT = "Chỉ quản trị viên mới nhập được kế hoạch."

DOWNLOAD_FAILED_TEXT = "Không tải được tệp từ Telegram; hãy gửi lại tệp sau ít phút."

STALE_TEXT = "Yêu cầu nhập này không còn hiệu lực; hãy gửi lại tệp kế hoạch."

NO_ORG_TEXT = (
    "Không xác định được UBND xã/phường ban hành kế hoạch; hãy gửi tệp có tên cơ quan ban hành ở đầu văn bản "
    "(ví dụ «ỦY BAN NHÂN DÂN XÃ THANH XÁ»)."
)

SAVE_FAILED_TEXT = "Chưa lưu được kế hoạch do lỗi hệ thống; chưa có gì được ghi. Hãy bấm Lưu lại sau ít phút."

CANCELLED_TEXT = "Đã huỷ nhập kế hoạch. Chưa có gì được lưu."

PREVIEW_EDIT_HINT = (
    "Cần sửa một nhiệm vụ trước khi lưu? Bấm <b>✏️ Sửa nhiệm vụ</b> (hoặc gõ <code>/sua II.3</code>)."
)

FIELD_LABELS = {
    "code": "số thứ tự",
    "content": "nội dung",
    "deadline_text": "thời hạn",
    "deadline_kind": "thời hạn",
    "deadline_due": "thời hạn",
    "deadline_start": "thời hạn",
    "recurrence": "thời hạn",
    "product": "sản phẩm",
}


def error_text(exc: PlanImportError) -> str:
    return NO_ORG_TEXT if exc.reason == "no_org" else str(exc)


def _field_labels(fields: list[str]) -> str:
    labels: list[str] = []
    for name in fields:
        label = FIELD_LABELS.get(name, name)
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _change_lines(title: str, items: list[TaskChange], *, with_fields: bool = False) -> list[str]:
    if not items:
        return []
    lines = [f"<b>{esc(title)} ({len(items)}):</b>"]
    for item in items[:DIFF_LIMIT]:
        line = f"• {esc(item.code)} · {esc(shorten(item.content, 60))}"
        if with_fields and item.fields:
            line += f" <i>({esc(_field_labels(item.fields))})</i>"
        lines.append(line)
    if len(items) > DIFF_LIMIT:
        lines.append(f"… và {len(items) - DIFF_LIMIT} nhiệm vụ khác")
    return lines


def diff_lines(diff: PlanDiff) -> list[str]:
    lines = [
        "<b>Kế hoạch này đã có</b> (cùng cơ quan, năm và số): "
        f"thêm {len(diff.added)}, sửa {len(diff.changed)}, bỏ {len(diff.removed)} nhiệm vụ; "
        "các báo cáo tiến độ đã có được giữ nguyên."
    ]
    lines += _change_lines("Thêm", diff.added)
    lines += _change_lines("Sửa", diff.changed, with_fields=True)
    lines += _change_lines("Bỏ", diff.removed)
    if diff.renumbered:
        lines.append(f"Đánh số lại, nội dung không đổi: {len(diff.renumbered)} nhiệm vụ.")
    # the admin's corrections (plans/correction_keep.py): kept, or overridden by the new document
    lines += _change_lines("Giữ chỉnh sửa của quản trị viên", diff.kept_corrections, with_fields=True)
    lines += _change_lines(
        "Văn bản mới khác chỉnh sửa của quản trị viên (theo văn bản mới)",
        diff.contradicted_corrections,
        with_fields=True,
    )
    return lines


def preview_text(
    parsed: ParsedPlan,
    resolutions: list[AgencyResolution],
    diff: PlanDiff,
    organization: str | None,
    review: ImportReview | None = None,
    additions: list[str] | None = None,
) -> str:
    """The preview; `additions`: the tasks the admin added to it, one escaped line each
    (handlers/task_edit_preview_add.py), created on Lưu."""
    lines = ["<b>Xem trước kế hoạch (chưa lưu)</b>", esc(summary_text(parsed, resolutions))]
    target = organization or parsed.organization
    if target:
        lines.append(f"Nhập vào: <b>{esc(target)}</b>")
    shown = min(PREVIEW_TASKS, len(parsed.tasks))
    lines.append("")
    lines.append(f"<b>{shown} nhiệm vụ đầu</b> (số · nội dung · chủ trì · thời hạn):")
    lines += [esc(line) for line in preview_lines(parsed, PREVIEW_TASKS)]
    if diff.is_update:
        lines.append("")
        lines += diff_lines(diff)
    groups = sorted({r.name for r in resolutions if is_group_agency(r.name)}, key=fold)
    if review is not None and review.empty_groups:
        lines.append("")
        lines.append(
            "Cơ quan nhóm chưa có thành viên (chọn thành viên ở tin nhắn trên trước khi bấm Lưu): "
            + "; ".join(esc(g) for g in review.empty_groups)
        )
    elif groups:
        lines.append("")
        lines.append(
            "Cơ quan nhóm (giao cho các cơ quan thành viên; sau khi lưu, chọn thành viên bằng /nhom): "
            + "; ".join(esc(g) for g in groups)
        )
    if additions:
        lines.append("")
        lines.append(f"<b>Nhiệm vụ thêm khi lưu ({len(additions)}):</b>")
        lines += additions
    lines.append("")
    lines.append("Bấm <b>Lưu</b> để lưu vào hệ thống, <b>Huỷ</b> để bỏ qua.")
    lines.append(PREVIEW_EDIT_HINT)  # /sua: handlers/task_edit_preview.py
    return "\n".join(lines)


def result_text(parsed: ParsedPlan, result: ImportResult) -> str:
    title = parsed.title or parsed.source_filename or "Kế hoạch"
    counts = f"{len(parsed.sections)} mục, {len(parsed.items)} nội dung, {len(parsed.tasks)} nhiệm vụ"
    if result.diff.is_update:
        head = f"Đã cập nhật kế hoạch «{esc(title)}» của {esc(result.organization)}: {counts}."
        changes = (
            f"Thêm {len(result.added)}, sửa {len(result.changed)}, bỏ {len(result.removed)} nhiệm vụ; "
            "các báo cáo tiến độ đã có được giữ nguyên."
        )
        lines = [head, changes]
    else:
        lines = [f"Đã lưu kế hoạch «{esc(title)}» của {esc(result.organization)}: {counts}."]
    if result.reports_added:
        lines.append(f"Đã nhập {result.reports_added} kết quả thực hiện từ tệp.")
    created: list[str] = []
    for resolution in result.agencies:
        if resolution.how == "new" and resolution.name not in created:
            created.append(resolution.name)
    if created:
        lines.append(f"Cơ quan mới tạo ({len(created)}):")
        lines += [f"+ {esc(name)}" for name in created]
    lines.append("Cán bộ xem việc của mình bằng /viec.")
    return "\n".join(lines)
