"""The same questions through the bot (the real Application against the fake Bot API) and through
`planbot ask` give the same answers: text and buttons, follow-ups included (one chat per commune and
day, asked in the table's order), for a leader and for an official."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from bot.commands.ask import run_ask
from bot.offline.harness import BotHarness
from bot.settings import load_settings
from storage.db import Database
from storage.models import Official
from tests.reports.question_table.loader import KTD_SEED, NAMES, load
from tests.reports.question_table.model import Q
from tests.reports.question_table.table import QUESTIONS

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# (commune, day, asker's agency or None for a leader): a chat of the table's questions of that day
CHATS = [
    ("thanh-xa", "2023-04-17", None),
    ("thanh-xa", "2023-05-10", None),
    ("thanh-ha", "2025-10-07", None),
    ("thanh-ha", "2025-10-09", "Trung tâm Phục vụ hành chính công"),
    ("khuc-thua-du", "2025-12-03", None),
    ("luong-minh", "2026-01-10", None),
]


def _chat(commune: str, day: str, agency: str | None) -> list[Q]:
    return [
        q for q in QUESTIONS
        if q.commune == commune and q.today == day and (q.agency_of_asker == agency if agency else q.role == "leader")
    ]  # fmt: skip


def _ask_cli(
    url: str, questions: list[Q], org: str, agency: str | None, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    args = argparse.Namespace(
        question=[q.text for q in questions], org=org, at=questions[0].today, agency=agency
    )
    capsys.readouterr()
    assert run_ask(args, load_settings(DATABASE_URL=url)) == 0
    out = capsys.readouterr().out.rstrip("\n")
    parts = out.split("\n\n> ") if len(questions) > 1 else [out]
    answers = []
    for i, part in enumerate(parts):
        body = part.split("\n", 1)[1] if len(questions) > 1 else part  # drop the "> question" line
        if len(questions) > 1 and i == 0:
            body = part.removeprefix(f"> {questions[0].text}\n")
        answers.append(body)
    return answers


@pytest.mark.parametrize(("commune", "day", "agency"), CHATS, ids=[f"{c}-{d}" for c, d, _ in CHATS])
async def test_the_bot_and_planbot_ask_answer_alike(
    commune: str,
    day: str,
    agency: str | None,
    db: Database,
    tmp_path: Path,
    harness_factory: Callable[..., BotHarness],
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not KTD_SEED.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("shared/seeds are not beside the repository")
    communes = load(db, tmp_path)
    questions = _chat(commune, day, agency)
    assert questions, (commune, day)
    user_id = 7000
    agency_id = communes.agency_id(commune, agency) if agency else None

    def add_user(session: Session) -> None:
        role = "official" if agency else "leader"
        session.add(Official(telegram_user_id=user_id, chat_id=user_id, full_name="Hỏi thử",
                             organization_id=communes.orgs[commune], agency_id=agency_id, role=role))  # fmt: skip

    db.call(add_user)
    expected = _ask_cli(db.url, questions, NAMES[commune], agency, capsys)
    moment = datetime.combine(questions[0].day, time(9), TZ)
    async with harness_factory(clock_at=moment) as h:
        user = h.user(user_id, "Hỏi thử")
        for q, cli in zip(questions, expected, strict=True):
            replies = await h.send(user, q.text)
            assert replies, q.id
            message = replies[-1]
            buttons = " ".join(f"[{b}]" for b in message.button_texts)
            bot = message.text + (f"\n{buttons}" if buttons else "")
            assert bot == cli, f"{q.id} {q.text!r}\nbot:\n{bot}\nplanbot ask:\n{cli}"
        assert not h.errors
