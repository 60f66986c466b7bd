"""Onboarding at scale: one shared link per agency, each join approved by an admin (or not), counted
in admin taps; used-up, expired and wrong codes keep their messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.offline.fake import BotMessage
from bot.offline.harness import BotHarness
from storage.models import Invite, Official
from storage.models_people import JoinRequest
from storage.queries.invites import claim_use, create_invite
from tests.support.commune import VHXH, World

ADMIN = 9001
LINK = re.compile(r"https://t\.me/planbot_test_bot\?start=([A-Za-z0-9_-]+)")


class TapCounter:
    """The admin's taps: every command sent and every button pressed."""

    def __init__(self, h: BotHarness) -> None:
        self.h = h
        self.taps = 0

    async def send(self, user: object, text: str) -> list[BotMessage]:
        self.taps += 1
        return await self.h.send(user, text)  # type: ignore[arg-type]

    async def press(self, user: object, message: BotMessage, label: str) -> list[BotMessage]:
        self.taps += 1
        return await self.h.press(user, message, label)  # type: ignore[arg-type]


async def _shared_link(admin_taps: TapCounter, admin: object, label: str) -> str:
    [roles] = await admin_taps.send(admin, "/moi van hoa xa hoi")
    if "Cán bộ" not in roles.button_texts:  # the agency's name in both communes: pick Thanh Xá's
        [roles] = await admin_taps.press(admin, roles, "Thanh Xá")
    [link] = await admin_taps.press(admin, roles, "Cán bộ")
    [shared] = await admin_taps.press(admin, link, label)
    assert "dùng chung, tối đa 30 người" in shared.text
    match = LINK.search(shared.text)
    assert match, shared.text
    return match.group(1)


def _officials(h: BotHarness, agency_id: int) -> list[Official]:
    with h.db.session() as session:
        return list(session.exec(select(Official).where(Official.agency_id == agency_id)).all())


async def test_twenty_officials_join_with_approval_in_a_handful_of_taps(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Quản trị")
        taps = TapCounter(h)
        code = await _shared_link(taps, admin, "quản trị duyệt")
        with h.db.session() as session:
            invite = session.exec(select(Invite).where(Invite.code == code)).one()
            assert invite.max_uses == 30 and invite.needs_approval and invite.use_count == 0
            assert len(session.exec(select(Invite)).all()) == 1  # no stray single-use invite left

        asks: list[BotMessage] = []
        for n in range(20):
            person = h.user(300 + n, f"Cán bộ {n + 1:02d}")
            [wait] = await h.send(person, f"/start {code}")
            assert "chờ" in wait.text and "Phòng Văn hóa - Xã hội" in wait.text
            [ask] = [m for m in h.messages(admin) if f"Cán bộ {n + 1:02d} xin tham gia" in m.text]
            asks.append(ask)
        assert not _officials(h, world.agencies[VHXH])  # nobody is in before an admin's tap

        # Opening the link again does not ask the admins twice.
        person = h.user(300, "Cán bộ 01")
        before = len(h.messages(admin))
        [again] = await h.send(person, f"/start {code}")
        assert "chờ" in again.text and len(h.messages(admin)) == before

        # One tap for one person, then one tap for everyone else still waiting.
        first_data = asks[0].button("✅ Duyệt").callback_data or ""
        await taps.press(admin, asks[0], "✅ Duyệt")
        [welcome] = [m for m in h.messages(300) if "đã được duyệt" in m.text]
        assert "Phòng Văn hóa - Xã hội" in welcome.text
        *_, done = await taps.press(admin, asks[-1], "Duyệt tất cả")
        assert "Đã duyệt 19 người" in done.text
        assert not h.tg.message(ADMIN, asks[-1].message_id).buttons  # decided once: buttons gone

        joined = _officials(h, world.agencies[VHXH])
        assert len(joined) == 20 and {o.role for o in joined} == {"official"}
        assert taps.taps <= 5, taps.taps  # /moi, role, shared, Duyệt, Duyệt tất cả
        with h.db.session() as session:
            assert session.exec(select(Invite).where(Invite.code == code)).one().use_count == 20
        [profile] = await h.send(h.user(319, "Cán bộ 20"), "/toi")
        assert "Phòng Văn hóa - Xã hội" in profile.text

        # A stale press on a request already decided changes nothing.
        *_, stale = await h.press_data(admin, asks[0].message_id, first_data)
        assert "đã được xử lý" in stale.text
        assert h.errors == []


async def test_rejected_applicant_is_told_and_cannot_retry(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Quản trị")
        code = await _shared_link(TapCounter(h), admin, "quản trị duyệt")
        stranger = h.user(401, "Người Lạ")
        await h.send(stranger, f"/start {code}")
        [ask] = [m for m in h.messages(admin) if "Người Lạ xin tham gia" in m.text]
        *_, outcome = await h.press(admin, ask, "Từ chối")
        assert "Đã từ chối" in outcome.text
        assert any("chưa được chấp nhận" in m.text for m in h.messages(stranger))
        [retry] = await h.send(stranger, f"/start {code}")
        assert "từ chối" in retry.text
        with h.db.session() as session:
            request = session.exec(select(JoinRequest)).one()
            assert request.status == "rejected" and request.decided_by is not None
            assert session.exec(select(Official).where(Official.telegram_user_id == 401)).first() is None
        assert h.errors == []


async def test_open_shared_link_admits_until_used_up(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    with world.db.session() as session:
        invite = create_invite(
            session=session,
            organization_id=world.org_id,
            agency_id=world.agencies[VHXH],
            role="official",
            max_uses=2,
        )
        code = invite.code
        old = create_invite(
            session=session,
            organization_id=world.org_id,
            agency_id=world.agencies[VHXH],
            role="official",
            max_uses=5,
            now=datetime.now(UTC) - timedelta(days=8),
        ).code
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Quản trị")
        for n in range(2):
            [welcome] = await h.send(h.user(500 + n, f"Người {n}"), f"/start {code}")
            assert "Chào mừng" in welcome.text
        [again] = await h.send(h.user(500, "Người 0"), f"/start {code}")
        assert "đã đăng ký rồi" in again.text
        [used] = await h.send(h.user(502, "Người 2"), f"/start {code}")
        assert "đã được sử dụng" in used.text
        [expired] = await h.send(h.user(502, "Người 2"), f"/start {old}")
        assert "hết hạn" in expired.text
        assert not [m for m in h.messages(admin) if "xin tham gia" in m.text]  # no approval asked
        assert len(_officials(h, world.agencies[VHXH])) == 2
        assert h.errors == []


async def test_approval_when_the_link_is_used_up_or_by_another_commune_admin(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(601, "Quản trị Thanh Hà", None, "admin", org=world.other_org_id)
    world.add_official(602, "Quản trị Thanh Xá", None, "admin")
    with world.db.session() as session:
        code = create_invite(
            session=session,
            organization_id=world.org_id,
            agency_id=world.agencies[VHXH],
            role="official",
            max_uses=1,
            needs_approval=True,
        ).code
    async with harness_factory() as h:
        own = h.user(602, "Quản trị Thanh Xá")
        other = h.user(601, "Quản trị Thanh Hà")
        for n in range(2):
            await h.send(h.user(700 + n, f"Xin {n}"), f"/start {code}")
        asks = [m for m in h.messages(own) if "xin tham gia" in m.text]
        assert len(asks) == 2
        assert not [m for m in h.messages(other) if "xin tham gia" in m.text]  # another commune's admin
        [mine] = await h.send(other, "/toi")  # a forged press on a message of the other admin's own
        await h.press_data(other, mine.message_id, asks[0].button("✅ Duyệt").callback_data or "")
        assert "Không có quyền" in str((h.last_answer or {}).get("text"))
        await h.press(own, asks[0], "✅ Duyệt")
        *_, full = await h.press(own, asks[1], "✅ Duyệt")
        assert "hết lượt" in full.text
        assert len(_officials(h, world.agencies[VHXH])) == 1
        assert h.errors == []


def test_uses_are_claimed_conditionally(world: World) -> None:
    """Of more redemptions than uses, only max_uses claim one (a conditional UPDATE, not a read)."""
    with world.db.session() as session:
        invite = create_invite(
            session=session,
            organization_id=world.org_id,
            agency_id=world.agencies[VHXH],
            role="official",
            max_uses=2,
        )
        now = datetime.now(UTC)
        results = [
            claim_use(session=session, invite=invite, telegram_user_id=800 + n, now=now) for n in range(3)
        ]
        assert results == [True, True, False]
        assert invite.use_count == 2 and invite.used_by_user_id == 800  # the first user is kept
