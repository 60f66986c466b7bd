"""Group chats end to end through the fake Bot API (negative chat ids): /ganxa binds a group, the
bot answers /tyle, /quahan and questions addressed to it within the group's and the asker's scope,
stays quiet otherwise, and posts one weekly summary per group and week."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select

from bot.offline.harness import BotHarness
from bot.runtime.group_jobs import post_weekly_summaries
from storage.models import Official
from storage.models_people import GroupChat
from tests.support.commune import TTPVHCC, VHXH, World

GROUP = -1001234567890
LEADER, OFFICIAL, OTHER, ADMIN = 11, 12, 13, 14
BOT = "@planbot_test_bot"


def people(world: World) -> None:
    world.add_official(LEADER, "Chủ tịch Lê Văn An", None, "leader")
    world.add_official(OFFICIAL, "Cán bộ Hoa", VHXH)
    world.add_official(OTHER, "Cán bộ Thanh Hà", None, "leader", org=world.other_org_id)


async def test_unbound_group_is_quiet_except_a_hint_to_a_leader(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    people(world)
    async with harness_factory() as h:
        group = h.group(GROUP, "Cán bộ xã Thanh Xá")
        leader, hoa = h.user(LEADER, "An"), h.user(OFFICIAL, "Hoa")
        assert await h.send_group(group, hoa, "chào mọi người") == []
        assert await h.send_group(group, hoa, "/tyle") == []  # an official: nothing
        assert await h.send_group(group, hoa, f"{BOT} tỷ lệ hoàn thành") == []
        [hint] = await h.send_group(group, leader, "/tyle")
        assert "chưa được gắn" in hint.text and "/ganxa" in hint.text
        assert await h.send_group(group, hoa, "/ganxa") == []  # an official cannot bind
        # Added to a group: a hint when a leader adds the bot, nothing when anyone else does.
        assert await h.add_to_group(h.group(-1002, "Nhóm khác"), hoa) == []
        [added] = await h.add_to_group(h.group(-1003, "Nhóm lãnh đạo"), leader)
        assert "/ganxa" in added.text
        with h.db.session() as session:
            assert session.exec(select(GroupChat)).all() == []
        # Nothing written in the group changed where the officials' private messages go.
        with h.db.session() as session:
            assert {o.chat_id for o in session.exec(select(Official)).all()} == {LEADER, OFFICIAL, OTHER}
        assert h.errors == []


async def test_bound_group_answers_in_its_scope(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    people(world)
    async with harness_factory() as h:
        group = h.group(GROUP, "Cán bộ xã Thanh Xá")
        leader, hoa, other = h.user(LEADER, "An"), h.user(OFFICIAL, "Hoa"), h.user(OTHER, "Thanh Hà")
        [bound] = await h.send_group(group, leader, "/ganxa")
        assert "Đã gắn nhóm với UBND xã Thanh Xá" in bound.text
        with h.db.session() as session:
            [row] = session.exec(select(GroupChat)).all()
            assert row.chat_id == GROUP and row.organization_id == world.org_id and row.agency_id is None
            assert row.title == "Cán bộ xã Thanh Xá" and row.bound_by is not None

        [rate] = await h.send_group(group, leader, "/tyle")
        assert "toàn xã" in rate.text or "Tỷ lệ" in rate.text
        assert rate.buttons == []  # details are for private chats
        [overdue] = await h.send_group(group, leader, "/quahan")
        assert "II.2" in overdue.text  # due 5 days ago

        # An official asking in the commune's group sees only their own agency's figures.
        [mine] = await h.send_group(group, hoa, f"/quahan{BOT}")
        assert "II.2" not in mine.text
        # Questions: only when addressed to the bot (a mention, or a reply to the bot).
        assert await h.send_group(group, leader, "tỷ lệ hoàn thành quý này là bao nhiêu") == []
        [asked] = await h.send_group(group, leader, f"{BOT} tỷ lệ hoàn thành quý này")
        assert "%" in asked.text or "Chưa" in asked.text
        [followed] = await h.send_group(group, leader, "còn nhiệm vụ quá hạn?", reply_to=asked.message_id)
        assert followed.text
        [topic] = await h.send_group(group, leader, f"{BOT} số hóa hồ sơ")
        assert "[II.3]" in topic.text  # a topic is a question too
        [chatter] = await h.send_group(group, leader, f"cảm ơn {BOT}")
        assert "nhắn riêng" in chatter.text
        # Who has or hasn't reported, by name, is not for the whole group (issue 15: names stay private).
        [by_person] = await h.send_group(group, leader, f"{BOT} ai chưa báo cáo quý này?")
        assert "chỉ xem trong trò chuyện riêng" in by_person.text
        [private_only] = await h.send_group(group, leader, "/viec")
        assert "trò chuyện riêng" in private_only.text
        assert await h.send_group(group, leader, "/tyle@another_bot") == []  # not ours

        # Another commune's leader in the group gets nothing of this commune.
        [refused] = await h.send_group(group, other, "/tyle")
        assert "Không có quyền" in refused.text
        [stranger] = await h.send_group(group, h.user(99, "Khách"), "/tyle")
        assert "chưa đăng ký" in stranger.text
        assert h.errors == []


async def test_group_bound_to_an_agency_narrows_a_leader(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    people(world)
    async with harness_factory() as h:
        group = h.group(GROUP, "Trung tâm PVHCC")
        leader = h.user(LEADER, "An")
        [bound] = await h.send_group(group, leader, "/ganxa trung tam phuc vu hanh chinh cong")
        assert TTPVHCC in bound.text
        [commune] = await h.send(leader, "/quahan")  # privately: the whole commune
        [narrow] = await h.send_group(group, leader, "/quahan")
        assert "II.2" in commune.text and "II.2" not in narrow.text  # II.2 is the group agency's
        [unbound] = await h.send_group(group, leader, "/ganxa huỷ")
        assert "Đã gỡ" in unbound.text
        [hint] = await h.send_group(group, leader, "/tyle")
        assert "chưa được gắn" in hint.text
        assert h.errors == []


async def test_weekly_summary_once_per_group_and_week(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    people(world)
    async with harness_factory() as h:
        group = h.group(GROUP, "Cán bộ xã Thanh Xá")
        quiet = h.group(-1009, "Nhóm chưa gắn")
        leader = h.user(LEADER, "An")
        await h.send_group(group, leader, "/ganxa")
        before = len(h.messages(group))
        assert await post_weekly_summaries(h.application) == 1
        assert await post_weekly_summaries(h.application) == 0  # the same week: claimed already
        [summary] = h.messages(group)[before:]
        assert "Tổng hợp tuần" in summary.text and "II.2" in summary.text
        assert "Hoa" not in summary.text and "An" not in summary.text.split()  # no people's names
        assert h.messages(quiet) == []
        # A week later: one more.
        services = h.application.bot_data["services"]
        later = services.clock.set_to(services.clock.now() + timedelta(days=7))
        h.application.bot_data["services"] = dataclasses.replace(services, clock=later)
        try:
            assert await post_weekly_summaries(h.application) == 1
            assert await post_weekly_summaries(h.application) == 0
        finally:
            h.application.bot_data["services"] = services
        assert h.errors == []


async def test_a_failed_post_is_retried(world: World, harness_factory: Callable[..., BotHarness]) -> None:
    people(world)
    async with harness_factory() as h:
        group = h.group(GROUP, "Cán bộ xã Thanh Xá")
        await h.send_group(group, h.user(LEADER, "An"), "/ganxa")
        h.tg.fail_next("sendMessage", error="403")
        assert await post_weekly_summaries(h.application) == 0
        assert await post_weekly_summaries(h.application) == 1
