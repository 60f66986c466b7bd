"""Plan lifecycle for admins (issue 12): /kehoach lists the plans and closes (lưu trữ) or reopens
one; importing next year's plan of the same kind offers to close last year's; `planbot plans`.
A closed plan's tasks leave the lists, while questions about its periods still answer."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main
from bot.offline.harness import BotHarness
from plans.parsing.importer import parse_file
from plans.periods import PeriodPolicy
from plans.plan_admin import earlier_plans_of_same_kind, plan_summaries
from plans.samples import SAMPLE_PLAN
from plans.tasks import Today, task_list
from reports.answers.core import answer_question
from storage.db import Database
from storage.models import AuditLog, Official, Plan
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task

ADMIN, OFFICIAL, INTRUDER = 1, 2, 3
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND = "Kế hoạch kiểm soát thủ tục hành chính năm {year} trên địa bàn xã Thanh Xá"


def _commune(db: Database) -> dict[str, int]:
    with db.session() as s:
        org = add_organization(s, "UBND xã Thanh Xá")
        other = add_organization(s, "UBND xã Bên Cạnh")
        vp = add_agency(s, org, "Văn phòng HĐND và UBND xã")
        ids = {"org": org, "vp": vp}
        for year in (2024, 2025):
            plan = ids[f"p{year}"] = add_plan(s, org, KIND.format(year=year), year=year)
            add_task(
                s,
                plan,
                "I.1",
                f"Rà soát thủ tục hành chính năm {year}",
                lead=[vp],
                kind="task",
                level=2,
                deadline_kind="continuous",
                deadline_start=date(year, 1, 1),
                deadline_due=date(year, 12, 31),
                deadline_text=f"Thường xuyên trong năm {year}",
            )
        ids["foreign"] = add_plan(s, other, KIND.format(year=2025), year=2025)
        add_official(s, ADMIN, "Phạm Thị Mây", organization_id=org, agency_id=vp, role="admin")
        add_official(s, OFFICIAL, "Vũ Thị Thu", organization_id=org, agency_id=vp)
        add_official(s, INTRUDER, "Trần Văn Lạ", organization_id=other, agency_id=None, role="admin")
    return ids


async def test_admin_closes_and_reopens_a_plan(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    ids = _commune(db)
    async with harness_factory() as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send(admin, "/kehoach"))[-1]
        assert "Kế hoạch của đơn vị (2)" in shown.text
        # on 20/11/2025 the 2025 plan is followed, the 2024 one is over (its Q4 window closed 20/01/2025)
        first, second = shown.text.split("\n1. ")[1].split("\n2. ")
        assert "năm 2025" in first and "Đang theo dõi" in first and "01/01/2025–31/12/2025" in first
        assert "năm 2024" in second and "Đã hết kỳ (vẫn tra cứu được)" in second
        assert "1 nhiệm vụ" in first
        assert shown.button_texts == ["Lưu trữ kế hoạch 1", "Lưu trữ kế hoạch 2"]

        ask = (await h.press(admin, shown, "Lưu trữ kế hoạch 1"))[-1]
        assert ask.button_texts == ["Xác nhận lưu trữ", "Không"]
        with db.session() as s:
            assert s.get(Plan, ids["p2025"]).status == "active"  # type: ignore[union-attr]
        done = (await h.press(admin, ask, "Xác nhận lưu trữ"))[-1]
        assert "Đã lưu trữ" in done.text
        with db.session() as s:
            assert s.get(Plan, ids["p2025"]).status == "archived"  # type: ignore[union-attr]
            assert s.exec(select(AuditLog).where(AuditLog.action == "plan_archived")).first() is not None
            official = s.exec(select(Official).where(Official.telegram_user_id == OFFICIAL)).one()
            today = Today(date(2025, 11, 20), PeriodPolicy())
            assert task_list(session=s, official=official, today=today).lines == []  # left the lists
            leader = s.exec(select(Official).where(Official.telegram_user_id == ADMIN)).one()
            answer = answer_question(
                session=s,
                text="có bao nhiêu nhiệm vụ năm 2024",
                viewer=leader,
                today=today.day,
                periods=today.policy,
            )
            assert answer is not None and "1" in answer.text  # the closed year still answers

        again = (await h.send(admin, "/kehoach"))[-1]
        assert "Đã lưu trữ" in again.text and "Mở lại kế hoạch" in " ".join(again.button_texts)
        label = next(t for t in again.button_texts if t.startswith("Mở lại"))
        reopened = (await h.press(admin, again, label))[-1]
        assert "Đã mở lại" in reopened.text
        with db.session() as s:
            assert s.get(Plan, ids["p2025"]).status == "active"  # type: ignore[union-attr]
        assert not h.errors


async def test_buttons_of_another_commune_and_non_admins_are_refused(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    ids = _commune(db)
    async with harness_factory() as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send(admin, "/kehoach"))[-1]
        intruder = h.user(INTRUDER, "Lạ", "Trần Văn")
        own = (await h.send(intruder, "/kehoach"))[-1]  # the intruder's own commune: one plan
        assert own.button_texts == ["Lưu trữ kế hoạch 1"]
        await h.press_data(intruder, own.message_id, f"a:pl:cy:{ids['p2025']}")
        official = h.user(OFFICIAL, "Thu", "Vũ Thị")
        refused = (await h.send(official, "/kehoach"))[-1]
        await h.press_data(official, refused.message_id, f"a:pl:cy:{ids['p2025']}")
        # the admin may not close another commune's plan either
        await h.press_data(admin, shown.message_id, f"a:pl:cy:{ids['foreign']}")
        with db.session() as s:
            assert {p.status for p in s.exec(select(Plan)).all()} == {"active"}
        assert "Kế hoạch của đơn vị" not in refused.text
        assert not h.errors


async def test_import_of_next_years_plan_offers_to_close_last_years(
    harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sample = parse_file(data=SAMPLE_PLAN.read_bytes(), filename=SAMPLE_PLAN.name)
    assert sample.title is not None and "năm 2023" in sample.title
    title = sample.title.replace("năm 2023", "năm 2022")  # last year's plan of the same kind
    with db.session() as s:
        org = add_organization(s, "UBND xã Thanh Xá")
        old = add_plan(s, org, title, year=2022)
        add_official(s, ADMIN, "Phạm Thị Mây", organization_id=org, agency_id=None, role="admin")
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send_document(admin, "thanh-xa-2023.docx", SAMPLE_PLAN.read_bytes(), DOCX))[-1]
        replies = await h.press(admin, shown, "Lưu")
        offer = replies[-1]
        assert "Đã có kế hoạch cùng loại của kỳ trước" in offer.text and "năm 2022" in offer.text
        ask = (await h.press(admin, offer, offer.button_texts[0]))[-1]
        await h.press(admin, ask, "Xác nhận lưu trữ")
        with db.session() as s:
            assert s.get(Plan, old).status == "archived"  # type: ignore[union-attr]
        assert not h.errors


def test_same_kind_is_found_across_years_only(db: Database) -> None:
    ids = _commune(db)
    with db.session() as s:
        add_plan(s, ids["org"], "Kế hoạch tuyên truyền pháp luật năm 2024", year=2024)
        older = earlier_plans_of_same_kind(
            session=s,
            organization_id=ids["org"],
            plan_id=ids["p2025"],
            today=date(2025, 3, 1),
            policy=PeriodPolicy(),
        )
        assert [p.id for p in older] == [ids["p2024"]]
        assert (
            earlier_plans_of_same_kind(
                session=s,
                organization_id=ids["org"],
                plan_id=ids["p2024"],
                today=date(2025, 3, 1),
                policy=PeriodPolicy(),
            )
            == []
        )  # a later plan is never offered
        summaries = plan_summaries(
            session=s, organization_id=ids["org"], today=date(2025, 3, 1), policy=PeriodPolicy()
        )
        assert [p.current for p in summaries][:1] == [True]


def test_cli_lists_and_closes_plans(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _commune(db)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["plans", "list", "--org", "Thanh Xá"]) == 0
    out = capsys.readouterr().out
    assert (
        "UBND xã Thanh Xá: 2 plan(s)" in out and f"{ids['p2024']}\t01/01/2024–31/12/2024\t1 nhiệm vụ" in out
    )
    assert main(["plans", "close", str(ids["p2024"]), "--org", "Thanh Xá"]) == 0
    assert main(["plans", "close", str(ids["foreign"]), "--org", "Thanh Xá"]) == 2  # not this commune's
    with db.session() as s:
        assert s.get(Plan, ids["p2024"]).status == "archived"  # type: ignore[union-attr]
        assert s.get(Plan, ids["foreign"]).status == "active"  # type: ignore[union-attr]
    assert main(["plans", "reopen", str(ids["p2024"]), "--org", "Thanh Xá"]) == 0
