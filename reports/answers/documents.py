"""Document questions: which documents were issued or cited, in a period, of a type, by number or
about a topic, and for which tasks ("thông báo 09/TB-UBND là cho việc nào", "quy chế phối hợp số
mấy", "quý 1 ban hành những kế hoạch nào"); and the report a period's results come from.

The documents are those the progress reports cite (storage: ReportDocument); what a document is
about is the text after it in the report's note ("… 16/TB-UBND ngày 12/4/2023 về mức thu phí").
The index is built once per snapshot and extended with the reports added since.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from plans.parsing.references import find_references, parse_references
from plans.periods import Period
from plans.search import search_key
from plans.snapshot import OrgFacts
from plans.status import report_period
from plans.tasks import search_index
from reports.answers.context import Asked
from reports.answers.result import Answer
from reports.answers.words import esc, header, source_line
from storage.facts import ReportFacts
from storage.queries.facts import report_notes
from storage.text import shorten

_SOURCE_WORDS = {"ket", "qua", "phu", "luc", "kem", "theo", "thuc", "hien", "ky", "nay", "cua"}
_ASKS_NUMBER = re.compile(r"\bso (?:may|bao nhieu|gi|hieu)\b")
_ISSUED = re.compile(r"\bban hanh\b")
MAX_DOCS = 20  # documents listed in one answer (all of them are in its structured `docs`)


@dataclass(frozen=True)
class Cited:
    task_id: int
    start: date
    end: date
    doc_type: str
    number: str | None
    issued_on: date | None
    text: str  # as planbot writes it (plans/wording.py)
    about: str  # search_key of the words after it in the note
    key: str = ""  # the number as compared: upper case, Đ as D ("15/TB-UBND")

    @property
    def shown(self) -> str:
        """How the answer lists it: its number, else its text."""
        return self.number or self.text


class _Index:
    """The documents of each task's effective reports, per database. A snapshot merged with new
    reports keeps the very list object of every task it did not touch (plans/snapshot.py), so a
    task's entries are read again only when its list changed; a report never changes once
    written, so the entries of a report id are kept too."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tasks: weakref.WeakKeyDictionary[Engine, dict[int, tuple[object, list[Cited]]]] = (
            weakref.WeakKeyDictionary()
        )
        self.reports: weakref.WeakKeyDictionary[Engine, dict[int, list[Cited]]] = weakref.WeakKeyDictionary()
        # number key, and the part before its first "/" ("15"), → the tasks citing it (a task that no
        # longer cites it is filtered out on reading: the entries of by_task are the truth)
        self.numbers: weakref.WeakKeyDictionary[Engine, dict[str, set[int]]] = weakref.WeakKeyDictionary()
        # the last snapshot brought up to date (the next answer of the same snapshot skips the check)
        self.fresh: weakref.WeakKeyDictionary[Engine, weakref.ref[OrgFacts]] = weakref.WeakKeyDictionary()
        # the last snapshot's documents in plan order (answers of the same snapshot share it)
        self.live: weakref.WeakKeyDictionary[Engine, tuple[weakref.ref[OrgFacts], list[Cited]]] = (
            weakref.WeakKeyDictionary()
        )


_index = _Index()


def _subjects(note: str) -> list[tuple[str, str]]:
    """(document number or date text, the words after it up to the next document) of a note."""
    found = list(find_references(note))
    out: list[tuple[str, str]] = []
    for i, (start, end, ref) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(note)
        out.append((ref.number or "", note[end:stop]))
        del start
    return out


def _engine(asked: Asked) -> Engine:
    bind = asked.session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _refresh(asked: Asked) -> dict[int, tuple[object, list[Cited]]]:
    """The documents of every task, brought up to the snapshot (only the tasks whose reports changed)."""
    facts, engine = asked.facts, _engine(asked)
    with _index.lock:
        by_task = _index.tasks.setdefault(engine, {})
        by_report = _index.reports.setdefault(engine, {})
        numbers = _index.numbers.setdefault(engine, {})
        fresh = _index.fresh.get(engine)
    if fresh is not None and fresh() is facts:
        return by_task
    stale = [tid for tid, reports in facts.reports.items() if by_task.get(tid, _NONE)[0] is not reports]
    missing = [r for t in stale for r in facts.reports[t] if r.documents and r.id not in by_report]
    notes = report_notes(session=asked.session, report_ids=[r.id for r in missing]) if missing else {}
    with _index.lock:
        for report in missing:
            by_report[report.id] = _cited(report, notes.get(report.id, "") or "")
        for task_id in stale:
            reports = facts.reports[task_id]
            cited = [c for r in reports for c in by_report.get(r.id, ())]
            by_task[task_id] = (reports, cited)
            for c in cited:
                if c.key:
                    numbers.setdefault(c.key, set()).add(task_id)
                    numbers.setdefault(c.key.split("/", 1)[0], set()).add(task_id)
        _index.fresh[engine] = weakref.ref(facts)
    return by_task


def entries(asked: Asked) -> list[Cited]:
    """Every document cited by an effective report of the organization, in plan order."""
    facts, engine = asked.facts, _engine(asked)
    by_task = _refresh(asked)
    with _index.lock:
        last = _index.live.get(engine)
        if last is not None and last[0]() is facts:
            return last[1]
        live = [c for t in facts.tasks if t.id in facts.reports for c in by_task[t.id][1]]
        _index.live[engine] = (weakref.ref(facts), live)
    return live


def by_number(asked: Asked, number: str) -> list[Cited]:
    """The documents of that number ("15/TB-UBND", or "15" for any 15/…), in plan order, read from
    the number index rather than every document."""
    by_task = _refresh(asked)
    wanted = _number_key(number)
    with _index.lock:
        tasks = set(_index.numbers.get(_engine(asked), {}).get(wanted, ()))
    order = asked.facts.task_by_id
    found = [c for tid in tasks if tid in asked.facts.reports for c in by_task.get(tid, _NONE)[1]
             if _matches_number(c, wanted)]  # fmt: skip
    return sorted(found, key=lambda c: order[c.task_id].position if c.task_id in order else 0)


_NONE: tuple[object, list[Cited]] = (None, [])


def _cited(report: ReportFacts, note: str) -> list[Cited]:
    start, end = report_period(report)
    subjects = _subjects(note)
    cited: list[Cited] = []
    for index, written in enumerate(report.documents):
        refs = parse_references(written)
        ref = refs[0] if refs else None
        number = ref.number if ref else None
        about = next((text for n, text in subjects if number and n == number), "")
        if not about and number is None and index < len(subjects):
            about = next((text for n, text in subjects if not n), "")  # an unnumbered one
        kind = ref.doc_type if ref else _kind(written)
        day = ref.issued_on if ref else _day(written)
        about_key = search_key(f"{written} {about}")
        cited.append(
            Cited(
                report.task_id, start, end, kind, number, day, written, about_key, _number_key(number or "")
            )
        )
    return cited


def _kind(written: str) -> str:
    """The type an unnumbered document's text starts with ("Báo cáo ngày 02/10/2025")."""
    from reports.questions.asks import DOC_TYPES
    from storage.text import fold

    start = fold(written)
    return next((name for words, name in DOC_TYPES.items() if start.startswith(words)), "")


def _day(written: str) -> date | None:
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", written)
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    except ValueError:
        return None


def _number_key(number: str) -> str:
    return number.upper().replace("Đ", "D")


def _matches_number(cited: Cited, wanted: str) -> bool:
    """`wanted` is a number key (_number_key)."""
    mine = cited.key
    return bool(mine) and (mine == wanted or ("/" not in wanted and mine.startswith(wanted + "/")))


def _by_topic(asked: Asked, found: list[Cited]) -> list[Cited]:
    words = [w for w in asked.frame.topic if len(w) > 1]
    if not words:
        return found
    content = search_index(asked.facts).keys
    scores: dict[int, int] = {}
    for cited in found:
        hay = f" {content.get(cited.task_id, '')} {cited.about} ".split()
        score = sum(1 for w in words if any(h.startswith(w) for h in hay))
        scores[cited.task_id] = max(scores.get(cited.task_id, 0), score)
    best = max(scores.values(), default=0)
    if best == 0 or best < 0.5 * len(words):
        return []
    chosen = {task for task, score in scores.items() if score == best}
    return [c for c in found if c.task_id in chosen]


def documents(asked: Asked, period: Period | None) -> Answer:
    frame = asked.frame
    label = asked.view.label
    asks_number = bool(_ASKS_NUMBER.search(frame.text))
    if (frame.doc_type == "Báo cáo" and asks_number and not frame.doc_number
            and set(frame.topic) <= _SOURCE_WORDS):  # fmt: skip
        return _source(asked, period)
    kind = None if frame.doc_number else frame.doc_type
    issued = not frame.doc_number and period is not None and bool(_ISSUED.search(frame.text))
    if period is not None and not frame.doc_number:
        # the period's tasks (what the viewer may see, of the plans it counts), in plan order, in
        # one pass: of the period, of the type asked, issued in it when "ban hành" is asked
        by_task = _refresh(asked)
        found = [
            c for t in asked.tasks(period) for c in by_task.get(t.id, _NONE)[1]
            if c.start <= period.end and c.end >= period.start and (kind is None or c.doc_type == kind)
            and (not issued or c.issued_on is None or period.contains(c.issued_on))
        ]  # fmt: skip
    else:
        found = by_number(asked, frame.doc_number) if frame.doc_number else entries(asked)
        if period is not None:
            found = [c for c in found if c.start <= period.end and c.end >= period.start]
        if period is not None or not asked.view.leader:
            visible = {t.id for t in asked.tasks(period)} | (
                {t.id for t in asked.facts.tasks if asked.view.keep(t)} if period is None else set()
            )
            found = [c for c in found if c.task_id in visible]
        if kind:
            found = [c for c in found if c.doc_type == kind]
    if not frame.doc_number:
        found = _by_topic(asked, found)
    by_id = asked.facts.task_by_id
    docs = list(dict.fromkeys(c.shown for c in found))
    tasks = list(dict.fromkeys(by_id[c.task_id].code for c in found))
    lines = [header(period, label)]
    if not found:
        lines.append("Không thấy văn bản nào như vậy trong các báo cáo kết quả.")
    else:
        lines.append(f"<b>{len(docs)}</b> văn bản:")
        users: dict[str, list[str]] = {}
        first_of: dict[str, Cited] = {}
        for c in found:
            first_of.setdefault(c.shown, c)
            users.setdefault(c.shown, []).append(by_id[c.task_id].code)
        for shown in docs[:MAX_DOCS]:
            c = first_of[shown]
            task = asked.facts.task_by_id[c.task_id]
            named = ", ".join(dict.fromkeys(users[shown]))
            lines.append(f"• {esc(c.text)} — [{esc(named)}] {esc(shorten(task.content, 60))}")
        if len(docs) > MAX_DOCS:
            lines.append(f"… và {len(docs) - MAX_DOCS} văn bản khác.")
    first = next((c for c in found), None)
    source = asked.source(period) if period is not None else (asked.source(_span(first)) if first else None)
    return Answer("\n".join(lines + source_line(source)), "documents", period, label, codes=tuple(tasks),
                  docs=tuple(docs), source=source, frame=frame)  # fmt: skip


def _span(cited: Cited) -> Period:
    from plans.periods import date_range

    return date_range(cited.start, cited.end)


def _source(asked: Asked, period: Period | None) -> Answer:
    """ "báo cáo kết quả quý 1 là báo cáo số mấy": the report the period's results come from."""
    source = asked.source(period)
    refs = parse_references(source or "")
    docs = tuple(r.number or r.text for r in refs) if refs else ((source,) if source else ())
    text = [header(period, asked.view.label)]
    text.append(
        f"Kết quả của kỳ này lấy từ <b>{esc(source)}</b>."
        if source
        else "Chưa có báo cáo kết quả nào cho kỳ này."
    )
    return Answer("\n".join(text), "documents", period, asked.view.label, docs=docs, source=source,
                  no_data=source is None, frame=asked.frame)  # fmt: skip
