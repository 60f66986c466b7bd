"""Import summaries: one line of counts for people, the listing of agency names to confirm, and the
`--json` document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Protocol

from plans.parsing.references import format_reference
from plans.parsing.types import ParsedNode, ParsedPlan
from storage.text import date_vi, shorten


class Resolution(Protocol):
    written: str
    name: str
    how: str


def unknown_deadlines(parsed: ParsedPlan) -> list[ParsedNode]:
    return [n for n in parsed.tasks if n.deadline is not None and n.deadline.kind == "unknown"]


def summary_line(parsed: ParsedPlan, resolutions: Sequence[Resolution] = ()) -> str:
    """ "4 mục, 14 nội dung, 30 nhiệm vụ; 9 cơ quan (2 mới); 1 thời hạn chưa hiểu: …"."""
    line = f"{len(parsed.sections)} mục, {len(parsed.items)} nội dung, {len(parsed.tasks)} nhiệm vụ"
    if resolutions:
        names = {r.name for r in resolutions}
        new = {r.name for r in resolutions if r.how == "new"}
        line += f"; {len(names)} cơ quan ({len(new)} mới)"
    unknown = unknown_deadlines(parsed)
    if unknown:
        texts = "; ".join(f"{n.code} «{shorten(n.deadline.text, 40)}»" for n in unknown if n.deadline)
        line += f"; {len(unknown)} thời hạn chưa hiểu: {texts}"
    return line


def results_line(parsed: ParsedPlan) -> str | None:
    """ "Kết quả Quý I/2023: 22/30 nhiệm vụ đã và đang thực hiện (73,3%)"."""
    results = [t.result for t in parsed.tasks if t.result is not None]
    if not results:
        return None
    total = len(parsed.tasks)
    active = sum(1 for r in results if r.status in ("done", "in_progress"))
    rate = f"{100 * active / total:.1f}".replace(".", ",") if total else "0"
    label = f" {parsed.result_period.label}" if parsed.result_period else ""
    return f"Kết quả{label}: {active}/{total} nhiệm vụ đã và đang thực hiện ({rate}%)"


def agency_listing(resolutions: Sequence[Resolution]) -> list[str]:
    """Every created or fuzzily matched agency once, in document order, with the other spellings the
    plan uses for it beside it, for an admin to confirm:
    "+ Trung tâm Phục vụ hành chính công (mới; cũng ghi là «Trung tâm phục vụ hành chính công»)"."""
    order: list[str] = []
    spellings: dict[str, list[str]] = {}
    how: dict[str, str] = {}
    for r in resolutions:
        if r.how not in ("new", "fuzzy"):
            continue
        if r.name not in spellings:
            order.append(r.name)
            spellings[r.name] = []
        how[r.name] = "new" if r.how == "new" or how.get(r.name) == "new" else "fuzzy"
        if r.written != r.name and r.written not in spellings[r.name]:
            spellings[r.name].append(r.written)
    lines: list[str] = []
    for name in order:
        others = ", ".join(f"«{w}»" for w in spellings[name])
        if how[name] == "new":
            lines.append(f"+ {name} (mới; cũng ghi là {others})" if others else f"+ {name} (mới)")
        else:
            lines.append(f"≈ {name} ← {others}")
    return lines


def summary_text(parsed: ParsedPlan, resolutions: Sequence[Resolution] = ()) -> str:
    head = [parsed.title or parsed.source_filename or "Kế hoạch"]
    meta = [
        x
        for x in (parsed.organization, parsed.number and f"số {parsed.number}", date_vi(parsed.issued_on))
        if x
    ]
    if meta:
        head.append(", ".join(meta))
    head.append(summary_line(parsed, resolutions))
    results = results_line(parsed)
    if results:
        head.append(results)
    listing = agency_listing(resolutions)
    if listing:
        head.append("Cơ quan cần xác nhận:")
        head.extend(listing)
    return "\n".join(head)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def to_json(parsed: ParsedPlan, matched_names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The `planbot import --json` document; matched_names maps a written agency name to its canonical name."""
    names = matched_names or {}

    def canonical(written: list[str]) -> list[str]:
        out: list[str] = []
        for name in written:
            value = names.get(name, name)
            if value not in out:
                out.append(value)
        return out

    tasks: list[dict[str, Any]] = []
    for node in parsed.tasks:
        deadline = node.deadline
        result = node.result
        tasks.append(
            {
                "code": node.code,
                "section": node.section,
                "content": node.content,
                "lead": canonical(node.lead),
                "coordinating": canonical(node.coordinating),
                "deadline": {
                    "text": deadline.text if deadline else "",
                    "kind": deadline.kind if deadline else "unknown",
                    "due": _iso(deadline.due) if deadline else None,
                    "start": _iso(deadline.start) if deadline else None,
                    "recurrence": deadline.recurrence if deadline else None,
                },
                "product": node.product,
                "targets": [{"metric": t.metric, "min_percent": t.min_percent} for t in node.targets],
                "result": None
                if result is None
                else {
                    "status": result.status,
                    "text": result.text,
                    "documents": [
                        {"type": d.doc_type, "number": d.number, "date": _iso(d.issued_on)}
                        for d in result.documents
                    ],
                },
            }
        )
    return {
        "plan": {
            "title": parsed.title,
            "number": parsed.number,
            "issued_on": _iso(parsed.issued_on),
            "organization": parsed.organization,
            "year": parsed.year,
        },
        "summary": {"sections": len(parsed.sections), "items": len(parsed.items), "tasks": len(parsed.tasks)},
        "tasks": tasks,
    }


def preview_lines(parsed: ParsedPlan, limit: int = 5) -> list[str]:
    """The first tasks, one short line each: "II.1.2 · Thực hiện giải quyết … · Thường xuyên …"."""
    lines = []
    for node in parsed.tasks[:limit]:
        deadline = node.deadline.text if node.deadline and node.deadline.text else "chưa rõ thời hạn"
        lead = ", ".join(node.lead) or "chưa rõ chủ trì"
        lines.append(f"{node.code} · {shorten(node.content, 70)} · {lead} · {shorten(deadline, 30)}")
    return lines


__all__ = [
    "agency_listing",
    "format_reference",
    "preview_lines",
    "results_line",
    "summary_line",
    "summary_text",
    "to_json",
]
