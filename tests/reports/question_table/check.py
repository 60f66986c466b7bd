"""Asking the question table's questions and comparing the STRUCTURED answers with the expectations.

`ask_all` loads nothing itself: it asks every row of the table (its commune, day, role and agency,
after the question it follows in the same chat) and `check` lists how an answer differs from the
row's `E`. tests/reports/question_table/test_question_table.py holds the pass rates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from plans.indicators import BY_KEY, key_of
from plans.periods import PeriodPolicy, period_code
from reports.answers.core import answer_question
from reports.answers.result import Answer, Row
from storage.text import fold
from tests.reports.question_table.loader import Communes
from tests.reports.question_table.model import Q

POLICY = PeriodPolicy()
_NUMBER = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9-]*", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


@dataclass
class Outcome:
    question: Q
    answer: Answer | None
    problems: list[str]

    @property
    def passed(self) -> bool:
        return not self.problems


def ask(communes: Communes, q: Q, memory: Answer | None) -> Answer | None:
    viewer = communes.viewer(q.commune, q.role, q.agency_of_asker)
    remembered = memory.remember.to_dict() if memory is not None and memory.remember is not None else None
    return communes.db.call(answer_question, text=q.text, viewer=viewer, today=q.day, periods=POLICY,
                            memory=remembered)  # fmt: skip


def ask_all(communes: Communes, questions: Sequence[Q]) -> list[Outcome]:
    by_id = {q.id: q for q in questions}
    answers: dict[str, Answer | None] = {}

    def answer_of(q: Q) -> Answer | None:
        if q.id not in answers:
            previous = answer_of(by_id[q.after]) if q.after else None
            answers[q.id] = ask(communes, q, previous)
        return answers[q.id]

    return [Outcome(q, answer_of(q), check(communes, q, answer_of(q))) for q in questions]


def _same_doc(expected: str, got: Sequence[str]) -> bool:
    number = _NUMBER.search(expected)
    if number:
        return any(fold(number.group(0)) == fold(g) for g in got)
    day = _DATE.search(expected)  # an unnumbered document: its type and date
    kind = fold(expected).split()[0]
    return any(day and day.group(0).lstrip("0") in g.replace("/0", "/").lstrip("0") and fold(g).startswith(kind)
               for g in got)  # fmt: skip


def _label_matches(communes: Communes, q: Q, expected: str, row_key: str, row_label: str) -> bool:
    kind, _, ident = row_key.partition(":")
    if fold(expected) == fold(row_label):
        return True
    if kind == "agency":
        try:
            return communes.agency_id(q.commune, expected) == int(ident)
        except AssertionError:
            return False
    if kind in ("section", "item"):
        return fold(expected) == fold(ident)
    if kind == "indicator":
        family = BY_KEY[ident].family if ident in BY_KEY else None
        return key_of(expected, family) == ident
    return False


def _rows_problems(
    communes: Communes, q: Q, expected: Sequence[tuple[str, int, int]], rows: Sequence[Row]
) -> list[str]:
    if len(expected) != len(rows):
        return [f"rows {[(r.label, r.numerator, r.denominator) for r in rows]} != {list(expected)}"]
    for (label, num, den), row in zip(expected, rows, strict=True):
        if abs(row.numerator - num) > 1e-6 or abs(row.denominator - den) > 1e-6:
            return [f"row {row.label} {row.numerator}/{row.denominator} != {label} {num}/{den}"]
        if not _label_matches(communes, q, label, row.key, row.label):
            return [f"row {row.label!r} is not {label!r}"]
    return []


def check(communes: Communes, q: Q, answer: Answer | None) -> list[str]:
    """How the answer differs from the row's expectation (empty when it passes)."""
    e = q.expected
    if answer is None:
        return ["no answer (read as a search)"]
    problems: list[str] = []
    if answer.kind != e.ask:
        problems.append(f"ask {answer.kind} != {e.ask}")
        return problems
    if e.ask == "offtopic":
        if answer.rate or answer.codes or answer.value or answer.rows or answer.indicators:
            problems.append("an off-topic answer gave plan figures")
        return problems
    got_period = period_code(answer.period) if answer.period else None
    if got_period != e.period:
        problems.append(f"period {got_period} != {e.period}")
    expected_agency = communes.agency_id(q.commune, e.agency) if e.agency else None
    if answer.agency_id != expected_agency:
        problems.append(f"agency {answer.agency_id} != {expected_agency} ({e.agency})")
    if e.status is not None and answer.status != e.status:
        problems.append(f"status {answer.status} != {e.status}")
    if e.rate is not None and answer.rate != e.rate:
        problems.append(f"rate {answer.rate} != {e.rate}")
    if e.count is not None and answer.count != e.count:
        problems.append(f"count {answer.count} != {e.count}")
    if e.codes is not None:
        among = q.category == "topic" or e.ask == "documents"
        got, want = set(answer.codes), set(e.codes)
        if (not want <= got) if among else got != want:
            problems.append(f"codes {sorted(got)} != {sorted(want)}")
    if answer.no_data != e.no_data:
        problems.append(f"no_data {answer.no_data} != {e.no_data}")
    for doc in e.docs or ():
        if not _same_doc(doc, answer.docs):
            problems.append(f"document {doc} not in {list(answer.docs)}")
    if e.indicators is not None:
        lines = answer.indicators
        if len(lines) != len(e.indicators):
            problems.append(
                f"indicators {[(i.key, i.value, i.state) for i in lines]} != {list(e.indicators)}"
            )
        else:
            for (label, value, state), line in zip(e.indicators, lines, strict=True):
                family = BY_KEY[line.key].family if line.key in BY_KEY else None
                wrong_value = (value is None) != (line.value is None) or (
                    value is not None and line.value is not None and abs(value - line.value) > 1e-6
                )
                if key_of(label, family) != line.key or wrong_value or state != line.state:
                    problems.append(
                        f"indicator {line.key} {line.value} {line.state} != {label} {value} {state}"
                    )
    if e.rows is not None:
        problems += _rows_problems(communes, q, e.rows, answer.rows)
    if e.first is not None:
        first_key = (
            answer.rows[0].key
            if answer.rows
            else (f"indicator:{answer.indicators[0].key}" if answer.indicators else "")
        )
        if not answer.first or not _label_matches(communes, q, e.first, first_key, answer.first):
            problems.append(f"first {answer.first!r} != {e.first!r}")
    if e.value is not None:
        number, unit = e.value
        if (
            answer.value is None
            or abs(answer.value[0] - number) > 1e-6
            or fold(answer.value[1]) != fold(unit)
        ):
            problems.append(f"value {answer.value} != {e.value}")
    if e.source is not None and fold(answer.source or "") != fold(e.source):
        problems.append(f"source {answer.source!r} != {e.source!r}")
    problems += _text_problems(answer)
    return problems


def _text_problems(answer: Answer) -> list[str]:
    """The text states the period and the scope answered for."""
    text = fold(answer.text)
    problems = []
    if answer.period is not None and fold(answer.period.label) not in text:
        problems.append(f"the text does not state {answer.period.label}")
    if answer.scope_label and fold(answer.scope_label) not in text:
        problems.append(f"the text does not state {answer.scope_label}")
    return problems


def tally(outcomes: Sequence[Outcome]) -> dict[str, dict[str, tuple[int, int]]]:
    """(passed, asked) overall, per category and per commune."""
    out: dict[str, dict[str, tuple[int, int]]] = {"all": {}, "category": {}, "commune": {}}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        for group, name in (
            ("all", "all"),
            ("category", o.question.category),
            ("commune", o.question.commune),
        ):
            counts[(group, name)][0] += o.passed
            counts[(group, name)][1] += 1
    for (group, name), (passed, asked) in counts.items():
        out[group][name] = (passed, asked)
    return out
