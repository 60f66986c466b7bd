"""Issue 17: the confirmation after "Gửi" fails (a 500), but the report is stored; the next thing
the user sends or presses tells them it was saved — once."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from bot.offline.harness import BotHarness
from storage.models import ProgressReport
from tests.support.commune import TTPVHCC, World


def _reports(h: BotHarness) -> list[ProgressReport]:
    with h.db.session() as session:
        return list(session.exec(select(ProgressReport)).all())


async def test_a_failed_confirmation_is_told_with_the_next_update(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        await h.send(lan, "/xong II.1")
        [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
        [attach] = await h.press(lan, understood, "Đúng")
        [summary] = await h.press(lan, attach, "Bỏ qua")
        h.tg.fail_next("sendMessage", error="500")
        assert await h.press(lan, summary, "Gửi") == []  # the confirmation never arrived
        assert [r.status for r in _reports(h)] == ["done"]

        first, *rest = await h.send(lan, "/viec")
        assert first.text.startswith("ℹ️ Tin nhắn trước của bot chưa gửi tới anh/chị được:")
        assert "✅ Đã ghi nhận báo cáo tiến độ nhiệm vụ II.1" in first.text
        assert rest and (rest[0].text or "").startswith("Việc của")  # /viec answered as usual
        again = await h.send(lan, "/viec")
        assert all("Tin nhắn trước" not in (m.text or "") for m in again)  # told once
        assert len(_reports(h)) == 1
        assert not h.errors
