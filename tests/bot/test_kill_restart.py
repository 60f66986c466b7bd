"""`kill -9` between every two steps loses nothing: `planbot run` as a real process against the fake
Bot API, killed with SIGKILL right after each step's reply and started again.

Each step's draft and conversation state are stored before its reply goes out
(handlers/ui/draft_store.py), so the next message after a restart continues the /xong draft or the
period report's sitting, never falls through to the free-text search.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.offline.fake import BotMessage, FakeTelegram, FakeUser
from storage.db import Database
from storage.models import ProgressReport, ReportDocument
from tests.support.period_world import OFFICIAL, build_commune

TIMEOUT = 30


class Bot:
    """One `planbot run` process at a time; `kill()` is SIGKILL, `start()` runs a fresh one."""

    def __init__(self, tg: FakeTelegram, db: Database, cwd: Path) -> None:
        self.tg, self.db, self.cwd = tg, db, cwd
        self.process: subprocess.Popen[str] | None = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANBOT_", "TELEGRAM_"))}
        self.env.update(
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.base_url,
            TELEGRAM_API_FILE_URL=tg.file_url,
            DATABASE_URL=db.url,
            PLANBOT_DASHBOARD="false",  # its fixed port would be fought over by parallel CI passes
        )

    def start(self) -> None:
        polls = len(self.tg.calls_to("getUpdates"))
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "planbot"), "run"],
            env=self.env,
            cwd=self.cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.tg.wait_for(lambda: len(self.tg.calls_to("getUpdates")) > polls, timeout=TIMEOUT)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        _, stderr = self.process.communicate(timeout=TIMEOUT)
        assert "Traceback" not in stderr, stderr
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@contextmanager
def running_bot(tmp_path: Path, db: Database) -> Iterator[tuple[FakeTelegram, Bot]]:
    with FakeTelegram.run_in_thread() as tg:
        bot = Bot(tg, db, tmp_path)
        try:
            bot.start()
            yield tg, bot
        finally:
            bot.stop()


def _events(tg: FakeTelegram) -> int:
    return len(tg.events)


def _answered(tg: FakeTelegram, user: FakeUser, since: int) -> list[BotMessage]:
    assert tg.wait_for(lambda: any(chat == user.id for chat, _ in tg.events[since:]), timeout=TIMEOUT)
    seen: list[int] = []
    for chat, message_id in tg.events[since:]:
        if chat == user.id and message_id not in seen:
            seen.append(message_id)
    return [tg.message(user.id, m) for m in seen]


def step_then_kill(bot: Bot, tg: FakeTelegram, user: FakeUser, offer: object, marker: str) -> BotMessage:
    """Offer one input, wait for the reply containing `marker`, SIGKILL at once, start again."""
    since = _events(tg)
    offer_fn = offer
    assert callable(offer_fn)
    offer_fn()
    assert tg.wait_for(
        lambda: any(marker in (m.text or "") for m in _safe(tg, user, since)), timeout=TIMEOUT
    ), f"no reply with {marker!r}: {[m.text for m in _safe(tg, user, since)]}"
    bot.kill()  # right after the reply: nothing else may have been written since
    answer = next(m for m in reversed(_answered(tg, user, since)) if marker in (m.text or ""))
    bot.start()
    return tg.message(user.id, answer.message_id)


def _safe(tg: FakeTelegram, user: FakeUser, since: int) -> list[BotMessage]:
    ids = {m for chat, m in tg.events[since:] if chat == user.id}
    return [tg.message(user.id, m) for m in sorted(ids)]


def press(tg: FakeTelegram, user: FakeUser, message: BotMessage, label: str) -> object:
    data = tg.message(user.id, message.message_id).button(label).callback_data
    assert data is not None
    return lambda: tg.add_callback(user, message_id=message.message_id, data=data)


def type_(tg: FakeTelegram, user: FakeUser, text: str) -> object:
    return lambda: tg.add_message(user, text)


def _reports(db: Database) -> list[ProgressReport]:
    with db.session() as session:
        return list(session.exec(select(ProgressReport).order_by(ProgressReport.id)).all())  # type: ignore[arg-type]


def _documents(db: Database) -> list[ReportDocument]:
    with db.session() as session:
        return list(session.exec(select(ReportDocument)).all())


def test_kill_9_between_every_two_steps_of_xong_and_of_a_period_report(tmp_path: Path, db: Database) -> None:
    year = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year  # the subprocess runs on the real clock
    build_commune(db, count=2, year=year)
    with running_bot(tmp_path, db) as (tg, bot):
        an = tg.user(OFFICIAL, "An", "Nguyễn Văn")
        # /capnhat: every kind of input (a command, a button, typed text, a file), each followed by a kill.
        status = step_then_kill(bot, tg, an, type_(tg, an, "/capnhat I.1"), "Tình trạng thực hiện")
        docs = step_then_kill(bot, tg, an, press(tg, an, status, "Đang thực hiện"), "Văn bản chứng minh")
        understood = step_then_kill(
            bot, tg, an, type_(tg, an, "Kế hoạch số 23/KH-UBND ngày 15/8/2025"), "Tôi hiểu là"
        )
        assert understood.message_id != docs.message_id
        attach = step_then_kill(bot, tg, an, press(tg, an, understood, "Đúng"), "Gửi kèm tệp")
        since = _events(tg)
        step_then_kill(
            bot,
            tg,
            an,
            lambda: tg.add_document(an, file_name="bc.pdf", content=b"%PDF-1.4", mime_type="application/pdf"),
            "Xác nhận báo cáo",
        )
        [summary] = [m for m in _safe(tg, an, since) if "Xác nhận báo cáo" in (m.text or "")]
        assert "23/KH-UBND" in summary.text and "bc.pdf" in summary.text
        assert attach.message_id < summary.message_id
        step_then_kill(bot, tg, an, press(tg, an, summary, "Gửi"), "Đã ghi nhận")
        [report] = _reports(db)
        assert report.status == "in_progress" and report.attachment_name == "bc.pdf"
        assert [d.number for d in _documents(db)] == ["23/KH-UBND"]

        # The period report: the sitting survives a kill after each step, typed text included.
        first = step_then_kill(bot, tg, an, type_(tg, an, "/baocaoky"), "nhiệm vụ 1/")
        assert "I.2" in first.text  # I.1 was reported above
        asked = step_then_kill(bot, tg, an, press(tg, an, first, "Đã thực hiện"), "(bắt buộc)")
        assert asked.message_id == first.message_id
        with_file = step_then_kill(
            bot,
            tg,
            an,
            lambda: tg.add_document(
                an, file_name="anh.pdf", content=b"%PDF-1.4", mime_type="application/pdf"
            ),
            "Đã nhận tệp anh.pdf",
        )
        assert with_file.message_id == first.message_id
        summary = step_then_kill(
            bot, tg, an, type_(tg, an, "Quyết định số 561/QĐ-UBND ngày 20/08/2025"), "Xác nhận báo cáo"
        )
        assert "561/QĐ-UBND" in summary.text  # read as the sitting's evidence, not as a search
        step_then_kill(bot, tg, an, press(tg, an, summary, "Gửi"), "Đã lưu báo cáo")
        reports = _reports(db)
        assert len(reports) == 2 and reports[1].status == "done" and reports[1].attachment_name == "anh.pdf"
        assert sorted(d.number or "" for d in _documents(db)) == ["23/KH-UBND", "561/QĐ-UBND"]
