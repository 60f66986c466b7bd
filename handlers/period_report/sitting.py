"""The period report's sitting: the tasks to walk through, the answers so far, the documents cited,
kept as plain JSON in user_data["period_report"] and stored at every step (handlers/ui/draft_store.py).

A sitting never expires: it can be left and taken up again with /baocaoky until the period it is
about is no longer the one being reported on.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from handlers.ui.draft_store import DraftStore
from handlers.ui.replies import esc
from handlers.ui.views import doc_from_dict
from plans.wording import DONE, IN_PROGRESS, NOT_DONE, STATUS_NAMES
from storage.text import shorten

KEY = "period_report"
STATUS, DOCS, REASON, SUMMARY = "status", "docs", "reason", "summary"
SKIP, SAME = "skip", "same"
MAX_DOC_BUTTONS = 4


@dataclass
class Sitting:
    touched: str = ""
    period: str = ""  # the period's code ("2025-Q4")
    label: str = ""  # "Quý IV/2025"
    items: list[dict[str, Any]] = field(default_factory=list)  # task_id, code, content, previous
    index: int = 0  # the task being asked
    phase: str = STATUS
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # by str(task_id)
    cited: list[dict[str, Any]] = field(default_factory=list)  # documents cited in this sitting
    message_id: int | None = None  # the current task's message, edited in place
    editing: bool = False  # a task asked again from the summary: the summary follows it

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Sitting:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def item(self) -> dict[str, Any] | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    @property
    def task_id(self) -> int:
        item = self.item
        return int(item["task_id"]) if item is not None else 0

    def answer(self, task_id: int | None = None) -> dict[str, Any]:
        return self.answers.setdefault(str(task_id or self.task_id), {})

    def cite(self, docs: list[dict[str, Any]]) -> None:
        """Remember documents for one-tap reuse on the next tasks (each once, latest last)."""
        for doc in docs:
            key = doc_from_dict(doc)
            self.cited = [d for d in self.cited if doc_from_dict(d) != key] + [doc]

    def doc_buttons(self) -> list[tuple[int, dict[str, Any]]]:
        """The documents offered as buttons: the latest cited, with their index in `cited`."""
        start = max(0, len(self.cited) - MAX_DOC_BUTTONS)
        return list(enumerate(self.cited))[start:][::-1]


def _read(raw: dict[str, Any]) -> Sitting:
    return Sitting.from_dict(raw)


STORE: DraftStore[Sitting] = DraftStore(
    key=KEY,
    read=_read,
    idle=None,
    gone_text="Phiên báo cáo kỳ này không còn. Gõ /baocaoky để bắt đầu.",
    expired_text="",
)


# --- what the sitting says -------------------------------------------------------------------


def status_name(status: str | None) -> str:
    if status == SKIP:
        return "Bỏ qua"
    return STATUS_NAMES.get(status or "", "?")


def answer_text(answer: dict[str, Any]) -> str:
    """ "Đã thực hiện · Kế hoạch số 23/KH-UBND … · 📎 scan.pdf" (HTML-safe)."""
    parts = [f"<b>{esc(status_name(answer.get('status')))}</b>"]
    parts += [esc(doc_from_dict(d)) for d in answer.get("docs") or []]
    if answer.get("note"):
        parts.append(f"<i>{esc(shorten(str(answer['note']), 80))}</i>")
    if answer.get("attachment"):
        parts.append(f"📎 {esc(answer['attachment'].get('name', ''))}")
    return " · ".join(parts)


def _head(s: Sitting) -> str:
    item = s.item or {}
    return (
        f"📝 <b>Báo cáo {esc(s.label)}</b> · nhiệm vụ {s.index + 1}/{len(s.items)}\n"
        f"<b>{esc(item.get('code', ''))}</b> {esc(shorten(str(item.get('content', '')), 160))}"
    )


def status_text(s: Sitting) -> str:
    item = s.item or {}
    out = [_head(s)]
    previous = item.get("previous")
    if previous:
        out.append(f"Kỳ trước ({esc(previous.get('label', ''))}): {answer_text(previous)}")
    given = s.answers.get(str(s.task_id))
    if s.editing and given:
        out.append(f"Đã chọn: {answer_text(given)}")
    out.append("\nTình trạng thực hiện?")
    return "\n".join(out)


def docs_text(s: Sitting) -> str:
    answer = s.answer()
    required = answer.get("status") == DONE
    out = [_head(s), f"Tình trạng: <b>{esc(status_name(answer.get('status')))}</b>"]
    if answer.get("attachment"):
        out.append(f"📎 Đã nhận tệp {esc(answer['attachment'].get('name', ''))}")
    out.append(
        "\nVăn bản chứng minh "
        + ("(bắt buộc)" if required else "(không bắt buộc)")
        + ": gõ số hiệu, ngày (vd <i>Kế hoạch số 23/KH-UBND ngày 15/08/2025</i>)"
        + (", hoặc chọn văn bản đã nêu" if s.cited else "")
        + ". Gửi kèm tệp PDF, Word, ảnh nếu có."
    )
    return "\n".join(out)


def reason_text(s: Sitting) -> str:
    out = [_head(s), f"Tình trạng: <b>{STATUS_NAMES[NOT_DONE]}</b>"]
    out.append("\nLý do chưa thực hiện, hoặc khó khăn, vướng mắc?")
    return "\n".join(out)


def done_text(s: Sitting, index: int) -> str:
    """A task's message once answered: what was said, no buttons."""
    item = s.items[index]
    answer = s.answers.get(str(item["task_id"]), {})
    mark = "⏭" if answer.get("status") == SKIP else "✅"
    return (
        f"{mark} <b>{esc(item['code'])}</b> {esc(shorten(str(item['content']), 80))}\n{answer_text(answer)}"
    )


def summary_text(s: Sitting) -> str:
    counts: dict[str, int] = {}
    for item in s.items:
        status = s.answers.get(str(item["task_id"]), {}).get("status") or SKIP
        counts[status] = counts.get(status, 0) + 1
    order = (DONE, IN_PROGRESS, NOT_DONE, SKIP)
    out = [
        f"<b>Xác nhận báo cáo {esc(s.label)}</b> — {len(s.items)} nhiệm vụ",
        " · ".join(f"{status_name(k)}: {counts[k]}" for k in order if counts.get(k)),
        "",
    ]
    for item in s.items:
        answer = s.answers.get(str(item["task_id"]), {"status": SKIP})
        out.append(f"• <b>{esc(item['code'])}</b> {answer_text(answer)}")
    out.append("\nBấm <b>Gửi</b> để lưu tất cả, <b>Sửa</b> để sửa một nhiệm vụ.")
    return "\n".join(out)
