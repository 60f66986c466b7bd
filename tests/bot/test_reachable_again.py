"""Issue 17: an official who blocked the bot (a 403 marked them unreachable) and then writes to it
privately gets digests again; a message in a group says nothing about their private chat."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session

from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import Official
from storage.queries.updates import begin_update
from tests.support.thanh_xa import seed_thanh_xa

LAN = 2002


@pytest.fixture
def thanh_xa(db: Database) -> dict[str, int]:
    return db.call(seed_thanh_xa)


def _blocked_official(session: Session, organization_id: int, agency_id: int) -> int:
    official = Official(
        telegram_user_id=LAN,
        chat_id=LAN,
        full_name="Nguyễn Thị Lan",
        organization_id=organization_id,
        agency_id=agency_id,
        role="official",
        reachable=False,
    )
    session.add(official)
    session.flush()
    assert official.id is not None
    return official.id


def _reachable(db: Database, official_id: int) -> bool:
    with db.session() as session:
        official = session.get(Official, official_id)
        assert official is not None
        return official.reachable


async def test_a_private_message_makes_a_blocked_official_reachable_again(
    harness_factory: Callable[..., BotHarness], thanh_xa: dict[str, int]
) -> None:
    async with harness_factory() as h:
        lan_id = h.db.call(
            lambda session: _blocked_official(session, thanh_xa["org"], thanh_xa["Văn hóa xã hội xã"])
        )
        assert not _reachable(h.db, lan_id)
        replies = await h.send(h.user(LAN, "Lan"), "/viec")
        assert replies and replies[0].text
        assert _reachable(h.db, lan_id)
        assert not h.errors


def test_a_group_message_leaves_the_private_chat_unreachable(db: Database, thanh_xa: dict[str, int]) -> None:
    lan_id = db.call(
        lambda session: _blocked_official(session, thanh_xa["org"], thanh_xa["Văn hóa xã hội xã"])
    )
    group = db.call(begin_update, update_id=1, digest="a", telegram_user_id=LAN, chat_id=-100_123)
    assert group.official is not None and not _reachable(db, lan_id)
    private = db.call(begin_update, update_id=2, digest="b", telegram_user_id=LAN, chat_id=LAN)
    assert private.official is not None and private.official.reachable and _reachable(db, lan_id)
