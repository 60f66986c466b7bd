"""How planbot writes what it shows: status names, deadlines relative to a day, document references
and dates. Every output (buttons, lists, cards, digests, answers, report files) takes its words
from here, so the same thing is always called the same way."""

from __future__ import annotations

from datetime import date

from storage.text import date_vi

# The communes' own words for a task's state in a period (plans/status.py decides the state).
DONE, IN_PROGRESS, NOT_DONE, NO_REPORT = "done", "in_progress", "not_done", "no_report"
STATUS_NAMES = {
    DONE: "Đã thực hiện",
    IN_PROGRESS: "Đang thực hiện",
    NOT_DONE: "Chưa thực hiện",
    NO_REPORT: "Chưa có báo cáo",
}
RATE_LABEL = "đã và đang thực hiện"

_DATED = {"date", "month", "quarter", "range"}


def status_name(status: str | None) -> str:
    return STATUS_NAMES.get(status or NO_REPORT, STATUS_NAMES[NO_REPORT])


def days_text(days: int) -> str:
    """A signed number of days from today: "hôm nay", "ngày mai", "còn 3 ngày", "quá hạn 5 ngày"."""
    if days == 0:
        return "hôm nay"
    if days == 1:
        return "ngày mai"
    if days > 1:
        return f"còn {days} ngày"
    return f"quá hạn {-days} ngày"


def deadline_human(deadline_kind: str, due: date | None, today: date) -> str:
    """Short wording of a deadline relative to `today` ("còn 3 ngày", "quá hạn 5 ngày")."""
    if deadline_kind == "continuous":
        return "thường xuyên"
    if deadline_kind == "on_demand":
        return "khi có phát sinh"
    if deadline_kind == "recurring":
        # the stored due of a recurring task is its window's end, not the next report day
        return "định kỳ"
    if deadline_kind not in _DATED or due is None:
        return "chưa rõ thời hạn"
    return days_text((due - today).days)


def document_text(doc_type: str, number: str | None, issued_on: date | None, text: str | None = None) -> str:
    """A cited document as planbot writes it everywhere: "Kế hoạch số 25/KH-UBND ngày 09/03/2023".

    Only the wording as typed is kept when it holds neither a number nor a date (then it is all
    there is). Dates are dd/mm/yyyy, the same on cards, in answers and in report files."""
    if not number and issued_on is None:
        typed = (text or "").strip()
        return typed or doc_type
    parts = [doc_type]
    if number:
        parts.append(f"số {number}")
    if issued_on is not None:
        parts.append(f"ngày {date_vi(issued_on)}")
    return " ".join(parts)


# A task's explanation (giải trình), wherever it is shown: the card, the report files, the leader.
REASON_LABEL = "Lý do chưa hoàn thành"
NO_REASON = "chưa nêu lý do"
EXPLANATION_NAME = "Giải trình"
