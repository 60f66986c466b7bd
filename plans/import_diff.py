"""What a re-import changes: the old plan's tasks matched to the new document's by code and text,
and the added, changed, renumbered and removed tasks the preview lists (pure, nothing is written)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from plans.parsing.types import ParsedNode, ParsedPlan
from storage.models import Task
from storage.text import fold_processor

# Similarity is the edit-distance ratio of the folded texts. Not WRatio: these plans share so much
# wording ("thực hiện … thủ tục hành chính …") that 56% of pairs of *different* tasks in the seeds
# score 80 or more with it, some 90, so a replaced task kept the old one's reports. With the plain
# ratio, different tasks of one plan score at most 77; rewordings (a word added, "TTHC" for "thủ tục
# hành chính", a year changed) 74–100, 98% of them 80 or more. Below the bar a task counts as removed
# and a new one added: its reports stay with the old task, and the preview shows both.
SAME_CODE_SIMILARITY = 80  # same code and roughly the same text: the same task, maybe reworded
MOVED_SIMILARITY = 90  # another code but nearly the same text: the same task, renumbered


@dataclass
class TaskChange:
    code: str
    content: str
    fields: list[str] = field(default_factory=list)


@dataclass
class PlanDiff:
    existing_plan_id: int | None
    added: list[TaskChange] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    removed: list[TaskChange] = field(default_factory=list)
    renumbered: list[TaskChange] = field(default_factory=list)  # same task under a new code only
    # The admin's corrections (plans/correction_keep.py): kept where the document still has the
    # value they replaced, given way where it brings another one (fields = the corrected field).
    kept_corrections: list[TaskChange] = field(default_factory=list)
    contradicted_corrections: list[TaskChange] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return self.existing_plan_id is not None


def node_fields(node: ParsedNode) -> dict[str, object]:
    deadline = node.deadline
    return {
        "content": node.content,
        "deadline_text": deadline.text if deadline else None,
        "deadline_kind": deadline.kind if deadline else "unknown",
        "deadline_due": deadline.due if deadline else None,
        "deadline_start": deadline.start if deadline else None,
        "recurrence": deadline.recurrence if deadline else None,
        "product": node.product,
        "targets": [{"metric": t.metric, "min_percent": t.min_percent} for t in node.targets],
        "milestones": [
            {"day": m.day.isoformat(), "text": m.text} for m in getattr(deadline, "milestones", ()) or ()
        ],
    }


def _similar(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b, processor=fold_processor))


def match_tasks(old: list[Task], nodes: list[ParsedNode]) -> dict[str, Task]:
    """New code → old task: same code and similar text first, then nearly the same text elsewhere."""
    by_code = {t.code: t for t in old}
    pairs: dict[str, Task] = {}
    used: set[int] = set()
    for node in nodes:
        task = by_code.get(node.code)
        if (
            task is not None
            and task.kind == node.kind
            and _similar(task.content, node.content) >= SAME_CODE_SIMILARITY
        ):
            pairs[node.code] = task
            used.add(task.id or 0)
    for node in nodes:
        if node.code in pairs:
            continue
        best: tuple[float, Task] | None = None
        for task in old:
            if (task.id or 0) in used or task.kind != node.kind:
                continue
            score = _similar(task.content, node.content)
            if score >= MOVED_SIMILARITY and (best is None or score > best[0]):
                best = (score, task)
        if best is not None:
            pairs[node.code] = best[1]
            used.add(best[1].id or 0)
    return pairs


def diff_tasks(old: list[Task], parsed: ParsedPlan) -> PlanDiff:
    live = [t for t in old if not t.removed]
    pairs = match_tasks(live, parsed.nodes)
    diff = PlanDiff(old[0].plan_id if old else None)
    for node in parsed.tasks:
        task = pairs.get(node.code)
        if task is None:
            diff.added.append(TaskChange(node.code, node.content))
            continue
        fields = [
            key
            for key, value in node_fields(node).items()
            if key not in ("targets", "milestones") and getattr(task, key) != value
        ]
        if fields:
            diff.changed.append(
                TaskChange(node.code, node.content, (["code"] if task.code != node.code else []) + fields)
            )
        elif task.code != node.code:  # renumbered but unchanged: not a change to review
            diff.renumbered.append(TaskChange(node.code, node.content, [task.code]))
    kept = {t.id for t in pairs.values()}
    diff.removed = [TaskChange(t.code, t.content) for t in live if t.kind == "task" and t.id not in kept]
    return diff
