"""Invites through /start deep links, strangers, /toi, the admin's /moi and /canbo, and hints."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.offline.harness import BotHarness
from storage.models import Invite, Official
from storage.queries.invites import MAX_FAILURES, create_invite
from tests.support.commune import TTPVHCC, VHXH, World

ADMIN = 9001


def make_invite(
    world: World, agency: str, role: str = "official", *, days: int = 7, now: datetime | None = None
) -> str:
    with world.db.session() as session:
        invite = create_invite(
            session=session,
            organization_id=world.org_id,
            agency_id=world.agencies[agency],
            role=role,
            days=days,
            now=now,
        )
        return invite.code


def official(world: World, user_id: int) -> Official | None:
    with world.db.session() as session:
        return session.exec(select(Official).where(Official.telegram_user_id == user_id)).first()


async def test_valid_used_expired_and_wrong_codes(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    code = make_invite(world, VHXH)
    old = make_invite(world, VHXH, now=datetime.now(UTC) - timedelta(days=8))
    assert len(code) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]{20,}", code)
    async with harness_factory() as h:
        hoa = h.user(201, "Lê Thị Hoa", username="hoa_vhxh")
        [welcome] = await h.send(hoa, f"/start {code}")
        assert "Chào mừng Lê Thị Hoa" in welcome.text
        assert "Phòng Văn hóa - Xã hội" in welcome.text
        registered = official(world, 201)
        assert registered is not None and registered.agency_id == world.agencies[VHXH]
        assert registered.role == "official" and registered.chat_id == hoa.id

        [again] = await h.send(hoa, f"/start {code}")
        assert "đã đăng ký rồi" in again.text

        khanh = h.user(202, "Khánh")
        [used] = await h.send(khanh, f"/start {code}")
        assert "đã được sử dụng" in used.text
        [expired] = await h.send(khanh, f"/start {old}")
        assert "hết hạn" in expired.text
        [wrong] = await h.send(khanh, "/start khong-phai-ma-that")
        assert "Mã mời không đúng" in wrong.text
        assert official(world, 202) is None

        [profile] = await h.send(hoa, "/toi")
        assert "Lê Thị Hoa" in profile.text and "@hoa_vhxh" in profile.text
        assert "Phòng Văn hóa - Xã hội" in profile.text


async def test_repeated_wrong_codes_are_slowed_down(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    code = make_invite(world, TTPVHCC)
    async with harness_factory() as h:
        guesser = h.user(203, "Đoán")
        for attempt in range(MAX_FAILURES):
            [wrong] = await h.send(guesser, f"/start sai{attempt}")
            assert "Mã mời không đúng" in wrong.text
        [refused] = await h.send(guesser, f"/start {code}")  # even the right code, for a while
        assert "quá nhiều lần" in refused.text
        assert official(world, 203) is None
        other = h.user(204, "Người khác")
        [welcome] = await h.send(other, f"/start {code}")  # other users are not affected
        assert "Chào mừng" in welcome.text


async def test_a_stranger_sees_nothing(world: World, harness_factory: Callable[..., BotHarness]) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [listing] = await h.send(lan, "/viec")
        stranger = h.user(666, "Lạ")
        seen: list[str] = []
        for text in (
            "/start",
            "/viec",
            "/tim so hoa",
            "so hoa ho so",
            "/xong",
            "/toi",
            "/moi",
            "/canbo",
            "/lenhla",
        ):
            replies = await h.send(stranger, text)
            assert replies, f"no answer to {text}"
            seen.extend(m.text or "" for m in replies)
            assert all(not m.buttons for m in replies)
        replies = await h.send_sticker(stranger)
        seen.extend(m.text or "" for m in replies)
        await h.press_data(stranger, listing.message_id, f"t:c:{world.tasks['II.3']}:0")
        await h.press_data(stranger, listing.message_id, "t:p:1")
        await h.press_data(stranger, listing.message_id, f"p:s:{world.tasks['II.3']}")
        everything = " ".join(seen) + " ".join(m.text or "" for m in h.messages(stranger))
        for secret in ("Số hóa", "Trung tâm", "Phòng Văn hóa", "Nguyễn Thị Lan", "II.3"):
            assert secret not in everything
        assert "quản trị viên" in everything
        assert all(m.chat_id == stranger.id for m in h.messages(stranger))
        assert "Việc của" in h.tg.message(lan.id, listing.message_id).text  # the pressed message is unchanged


async def test_admin_creates_an_invite_by_buttons_and_by_text(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Quản trị")
        [agencies] = await h.send(admin, "/moi")
        assert "Phòng Văn hóa - Xã hội — UBND xã Thanh Xá" in agencies.button_texts
        # a group agency is offered too: someone must be able to act for its tasks (issue 19)
        assert any(text.startswith("Các cơ quan chuyên môn") for text in agencies.button_texts)
        [roles] = await h.press(admin, agencies, "Phòng Văn hóa - Xã hội")
        assert roles.button_texts == ["Cán bộ", "Lãnh đạo", "Quản trị viên"]
        [link] = await h.press(admin, roles, "Cán bộ")
        match = re.search(r"https://t\.me/planbot_test_bot\?start=([A-Za-z0-9_-]+)", link.text)
        assert match, link.text
        newcomer = h.user(205, "Minh", "Đỗ Văn")
        [welcome] = await h.send(newcomer, f"/start {match.group(1)}")
        assert "Phòng Văn hóa - Xã hội" in welcome.text

        # Fuzzy text without diacritics; this config admin serves both communes, so it asks which one.
        [choices] = await h.send(admin, "/moi trung tam phuc vu")
        assert choices.button_texts == [
            "Trung tâm Phục vụ hành chính công — UBND xã Thanh Xá",
            "Trung tâm Phục vụ hành chính công — UBND xã Thanh Hà",
        ]
        [roles] = await h.press(admin, choices, "Thanh Xá")
        assert "Trung tâm Phục vụ hành chính công" in roles.text
        [link] = await h.press(admin, roles, "Lãnh đạo")
        assert "lãnh đạo" in link.text
        with h.db.session() as session:
            invites = session.exec(select(Invite)).all()
            assert {i.role for i in invites} == {"official", "leader"}

        officer = h.user(205, "Minh")
        [denied] = await h.send(officer, "/moi")
        assert "Không có quyền" in denied.text
        await h.press_data(officer, denied.message_id, f"a:r:{world.agencies[VHXH]}:a")  # forged
        assert "Không có quyền" in str((h.last_answer or {}).get("text"))
        with h.db.session() as session:
            assert len(session.exec(select(Invite)).all()) == 2


async def test_admin_lists_and_deactivates_an_official(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    world.add_official(103, "Lê Thị Hoa", VHXH)
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Quản trị")
        [listing] = await h.send(admin, "/canbo van hoa xa hoi")
        assert "Trần Văn Hùng" in listing.text and "Lê Thị Hoa" in listing.text
        [confirm] = await h.press(admin, listing, "Trần Văn Hùng")
        assert "Ngừng quyền" in confirm.text
        [done] = await h.press(admin, confirm, "Xác nhận ngừng")
        assert "Đã ngừng quyền" in done.text
        hung = h.user(102, "Hùng")
        [stranger] = await h.send(hung, "/viec")
        assert "chỉ dành cho cán bộ" in stranger.text
        [listing] = await h.send(admin, "/canbo")
        [officials] = await h.press(admin, listing, "Phòng Văn hóa - Xã hội")
        assert "Trần Văn Hùng" not in officials.text and "Lê Thị Hoa" in officials.text


async def test_unknown_commands_and_stickers_get_a_hint(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [unknown] = await h.send(lan, "/baocaothang")
        assert "/help" in unknown.text
        [sticker] = await h.send_sticker(lan)
        assert "tin nhắn chữ" in sticker.text
        [escaped] = await h.send(lan, "<b>số hoá</b> & <script>")
        assert "<script>" in escaped.text  # shown literally: escaped in HTML
        assert not h.errors
