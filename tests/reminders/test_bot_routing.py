"""Issue 17, several bots in one deployment: each bot writes the digests of its own organizations
only; the default bot those of every organization not bound to another."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.offline.fake import FakeTelegram
from bot.runtime.sender import TelegramSender, build_bot
from plans.bots import serving
from reminders.dispatch import run_reminders
from storage.db import Database
from storage.queries.bots import add_bot_account, bind_organization, organization_bots
from tests.support.reminder_world import World, make_settings

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = datetime(2025, 11, 20, 7, 45, tzinfo=HCM)


def _commune(world: World, name: str, chat: int) -> int:
    org = world.organization(name)
    agency = world.agency(org, "Văn phòng HĐND và UBND")
    plan = world.plan(org)
    world.task(plan, "I.1", "Niêm yết công khai TTHC", due=date(2025, 11, 20), lead=[agency],
               deadline_text="Chậm nhất ngày 20/11/2025")  # fmt: skip
    world.official(chat, f"Cán bộ {name}", org=org, agency=agency)
    return org


def test_serving_rule() -> None:
    bindings = {1: 10, 2: 11}
    default, ten = serving(bindings, None), serving(bindings, 10)
    assert [default(o) for o in (None, 1, 2, 3)] == [True, False, False, True]
    assert [ten(o) for o in (None, 1, 2, 3)] == [False, True, False, False]


async def test_each_bot_writes_to_its_own_communes(db: Database, world: World, database_url: str) -> None:
    lam = _commune(world, "UBND phường Lâm Viên", 501)
    _commune(world, "UBND xã Thanh Xá", 502)
    with db.session() as session:
        bot = add_bot_account(session=session, name="lamdong", token="7012345678:" + "A" * 35)
        bind_organization(session=session, organization_id=lam, bot_id=bot.id)
        bot_id = bot.id
    bindings = db.call(organization_bots)
    config = make_settings(database_url).reminder_config()
    async with FakeTelegram() as default_tg, FakeTelegram() as lam_tg:
        for tg in (default_tg, lam_tg):
            tg.user(501, "Lâm Viên")
            tg.user(502, "Thanh Xá")
        async with build_bot(default_tg.token, default_tg.base_url, default_tg.file_url) as default_bot:
            first = await run_reminders(db=db, sender=TelegramSender(default_bot), config=config, now=MORNING,
                                        serves=serving(bindings, None))  # fmt: skip
        async with build_bot(lam_tg.token, lam_tg.base_url, lam_tg.file_url) as lam_bot:
            second = await run_reminders(db=db, sender=TelegramSender(lam_bot), config=config, now=MORNING,
                                         serves=serving(bindings, bot_id))  # fmt: skip
        assert (first.sent, second.sent) == (1, 1)
        assert Counter(int(c.params["chat_id"]) for c in default_tg.calls_to("sendMessage")) == {502: 1}
        assert Counter(int(c.params["chat_id"]) for c in lam_tg.calls_to("sendMessage")) == {501: 1}
