"""One user's conversation across two `planbot run --webhook` processes behind a round-robin front.

Each update goes to the other process than the one before, as a load balancer that knows nothing of
users sends them: every step must find the state the other process left (bot/runtime/shared_state.py).
Covers a whole /capnhat report (command, buttons, typed text, a file) and a whole period report.
"""

from __future__ import annotations

import json
import signal
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.commands.run import SECRET_HEADER
from bot.offline.fake import BotMessage, FakeTelegram, FakeUser
from storage.db import Database
from storage.models import KeyValue, ProgressReport, ReportDocument
from tests.support.period_world import OFFICIAL, build_commune
from tests.support.webhook import free_port, webhook_process

TIMEOUT = 30


class RoundRobin:
    """The front: hands each offered update to the next process in turn."""

    def __init__(self, tg: FakeTelegram, targets: list[str], secret: str) -> None:
        self.tg, self.targets, self.secret = tg, targets, secret
        self.sent = 0

    def deliver(self, update_id: int) -> None:
        update = self.tg._offered[update_id]
        request = urllib.request.Request(
            self.targets[self.sent % len(self.targets)],
            data=json.dumps(update).encode(),
            headers={"Content-Type": "application/json", SECRET_HEADER: self.secret},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        self.sent += 1


@contextmanager
def two_processes(tmp_path: Path, db: Database) -> Iterator[tuple[FakeTelegram, RoundRobin]]:
    ports = [free_port(), free_port()]
    with FakeTelegram.run_in_thread() as tg, ExitStack() as stack:
        processes = [stack.enter_context(webhook_process(tg, tmp_path, db.url, port)) for port in ports]
        assert tg.wait_for(lambda: len(tg.calls_to("setWebhook")) == 2, timeout=60), "both must set the hook"
        [path] = {urlsplit(str(call.params["url"])).path for call in tg.calls_to("setWebhook")}
        secret = str(tg.calls_to("setWebhook")[0].params["secret_token"])
        yield tg, RoundRobin(tg, [f"http://127.0.0.1:{port}{path}" for port in ports], secret)
        for process in processes:
            process.send_signal(signal.SIGINT)
        for process in processes:
            _, stderr = process.communicate(timeout=30)
            assert process.returncode == 0, stderr
            assert "Traceback" not in stderr, stderr


def _since(tg: FakeTelegram, user: FakeUser, since: int) -> list[BotMessage]:
    ids = sorted({m for chat, m in tg.events[since:] if chat == user.id})
    return [tg.message(user.id, m) for m in ids]


def step(front: RoundRobin, user: FakeUser, offer: Callable[[], int], marker: str) -> BotMessage:
    """Offer one input through the front and wait for the reply that contains marker."""
    tg = front.tg
    since = len(tg.events)
    front.deliver(offer())
    assert tg.wait_for(
        lambda: any(marker in (m.text or "") for m in _since(tg, user, since)), timeout=TIMEOUT
    ), f"no reply with {marker!r}: {[m.text for m in _since(tg, user, since)]}"
    return next(m for m in reversed(_since(tg, user, since)) if marker in (m.text or ""))


def press(tg: FakeTelegram, user: FakeUser, message: BotMessage, label: str) -> Callable[[], int]:
    data = tg.message(user.id, message.message_id).button(label).callback_data
    assert data is not None
    return lambda: tg.add_callback(user, message_id=message.message_id, data=data)


def typed(tg: FakeTelegram, user: FakeUser, text: str) -> Callable[[], int]:
    return lambda: tg.add_message(user, text)


def test_one_user_alternating_between_two_processes_through_a_report_and_a_period_report(
    tmp_path: Path, db: Database
) -> None:
    year = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year  # the processes run on the real clock
    build_commune(db, count=2, year=year)
    with two_processes(tmp_path, db) as (tg, front):
        an = tg.user(OFFICIAL, "An", "Nguyễn Văn")
        status = step(front, an, typed(tg, an, "/capnhat I.1"), "Tình trạng thực hiện")
        docs = step(front, an, press(tg, an, status, "Đang thực hiện"), "Văn bản chứng minh")
        assert docs.message_id
        understood = step(front, an, typed(tg, an, "Kế hoạch số 23/KH-UBND ngày 15/8/2025"), "Tôi hiểu là")
        step(front, an, press(tg, an, understood, "Đúng"), "Gửi kèm tệp")
        summary = step(
            front,
            an,
            lambda: tg.add_document(an, file_name="bc.pdf", content=b"%PDF-1.4", mime_type="application/pdf"),
            "Xác nhận báo cáo",
        )
        assert "23/KH-UBND" in summary.text and "bc.pdf" in summary.text
        step(front, an, press(tg, an, summary, "Gửi"), "Đã ghi nhận")

        first = step(front, an, typed(tg, an, "/baocaoky"), "nhiệm vụ 1/")
        assert "I.2" in first.text  # I.1 was reported above, through both processes
        step(front, an, press(tg, an, first, "Đã thực hiện"), "(bắt buộc)")
        summary = step(
            front, an, typed(tg, an, "Quyết định số 561/QĐ-UBND ngày 20/08/2025"), "Xác nhận báo cáo"
        )
        assert "561/QĐ-UBND" in summary.text  # the sitting's evidence, not read as a search
        step(front, an, press(tg, an, summary, "Gửi"), "Đã lưu báo cáo")
        assert front.sent == 10

    with db.session() as session:
        reports = list(session.exec(select(ProgressReport).order_by(ProgressReport.id)).all())  # type: ignore[arg-type]
        numbers = sorted(d.number or "" for d in session.exec(select(ReportDocument)).all())
        left = [(r.namespace, r.key) for r in session.exec(select(KeyValue)).all()]
    assert [(r.status, r.attachment_name) for r in reports] == [("in_progress", "bc.pdf"), ("done", None)]
    assert numbers == ["23/KH-UBND", "561/QĐ-UBND"]
    # Both conversations ended; no lock is left held.
    assert not [k for k in left if k[0] == "user_lock" or k[0].startswith("conversation:")], left
