"""The access rule with people (plans/access.py): an assignee sees and reports their task; who may
assign whom; the tasks a person answers for in per-person figures (plans/assignments.py)."""

from __future__ import annotations

from plans.access import Viewer, assignable_agencies, may_assign, may_report, may_see
from plans.assignments import person_tasks
from tests.support.reminder_world import task_facts

VP, VHXH, RADIO, GROUP = 1, 2, 3, 9  # GROUP: "Các công chức chuyên môn", members VHXH and RADIO
MEMBERS = {GROUP: frozenset({VHXH, RADIO})}


def viewer(
    role: str = "official",
    agencies: frozenset[int] = frozenset(),
    assigned: frozenset[int] = frozenset(),
    *,
    org: int = 1,
    head: bool = False,
) -> Viewer:
    return Viewer(10, role, True, org, agencies, assigned, head)


def test_an_assignee_sees_and_reports_a_task_of_another_agency() -> None:
    task = task_facts(5, lead=(VP,))
    outsider = viewer(agencies=frozenset({RADIO}))
    assert not may_see(outsider, task) and not may_report(outsider, task)
    assignee = viewer(agencies=frozenset({RADIO}), assigned=frozenset({5}))
    assert may_see(assignee, task) and may_report(assignee, task)
    assert not may_assign(assignee, task)  # being assigned is not leading
    other_commune = viewer(agencies=frozenset({RADIO}), assigned=frozenset({5}), org=2)
    assert not may_see(other_commune, task)


def test_who_assigns_whom() -> None:
    task = task_facts(6, lead=(VP, GROUP), coordinating=(VHXH,))
    leader = viewer("leader")
    assert may_assign(leader, task)
    assert assignable_agencies(leader, task, None, MEMBERS) == {VP, GROUP, VHXH, RADIO}
    head = viewer(agencies=frozenset({VP}), head=True)
    assert assignable_agencies(head, task, VP, MEMBERS) == {VP}
    # an ordinary official of the lead agency sees the task but does not assign it
    lead_official = viewer(agencies=frozenset({VP}))
    assert may_see(lead_official, task) and not may_assign(lead_official, task)
    assert assignable_agencies(lead_official, task, VP, MEMBERS) == frozenset()
    # the head of a member of the leading group acts for it, within its own agency
    member = viewer(agencies=frozenset({RADIO, GROUP}), head=True)
    assert assignable_agencies(member, task, RADIO, MEMBERS) == {RADIO}
    # the head of a coordinating agency does not assign
    coordinating = viewer(agencies=frozenset({VHXH}), head=True)
    assert may_see(coordinating, task) and not may_assign(coordinating, task)
    assert assignable_agencies(coordinating, task, VHXH, MEMBERS) == frozenset()
    assert not may_assign(viewer("leader", org=2), task)


def test_a_person_answers_for_their_own_and_their_agencys_unassigned_tasks() -> None:
    tasks = [
        task_facts(1, lead=(VP,)),
        task_facts(2, lead=(VP,)),
        task_facts(3, lead=(RADIO,)),
        task_facts(4, lead=(GROUP,)),
    ]
    assignments = {2: frozenset({21}), 3: frozenset({20})}
    lan, hung, nam = 20, 21, 22
    assert [t.id for t in person_tasks(tasks, assignments, lan, frozenset({VP}))] == [1, 3]
    assert [t.id for t in person_tasks(tasks, assignments, hung, frozenset({VP}))] == [1, 2]
    assert [t.id for t in person_tasks(tasks, assignments, nam, frozenset({RADIO, GROUP}))] == [4]
