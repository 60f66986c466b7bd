"""Authorization of onboarding at scale, per-role menus' command and group chats, for the six
users of tests/support/authorization.py: the "jr:" buttons (shared invite, join decisions), /ganxa
in a private chat and in a group, and /tyle in a bound group. Forged presses change nothing;
unregistered users read nothing of the commune."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import func, select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks_onboarding import InviteShare, JoinApproveAll, JoinDecide
from handlers.ui.texts import STRANGER_TEXT
from storage.models import Invite, Official, Task
from storage.models_people import GroupChat, JoinRequest
from storage.queries.invites import create_invite
from tests.support.authorization import (
    NO_PERMISSION,
    ROLES,
    UNREGISTERED,
    USER_IDS,
    Cast,
    assert_nothing_leaked,
    full_name,
    snapshot,
    users,
    visible_text,
)
from tests.support.commune import GROUP, TTPVHCC, VHXH, VP, World

GROUP_CHAT = -100777
APPLICANT = 450


@pytest.fixture
def cast(world: World) -> Cast:
    c = Cast(world=world)
    agencies = {"official_a": TTPVHCC, "official_b": VHXH, "deactivated": TTPVHCC}
    roles = {"leader": "leader", "admin": "admin"}
    for role in ROLES[1:]:
        c.officials[role] = world.add_official(
            USER_IDS[role], full_name(role), agencies.get(role), roles.get(role, "official")
        )
    c.other_org_official = world.add_official(398, "Vũ Văn Khác", None, "admin", org=world.other_org_id)
    with world.db.session() as session:
        gone = session.get(Official, c.officials["deactivated"])
        assert gone is not None
        gone.active = False
        session.add(gone)
        contents = [t.content for t in session.exec(select(Task)).all()]
    c.forbidden = [content[:24] for content in contents]
    c.forbidden += [TTPVHCC, VHXH, VP, GROUP, "Thanh Xá", "Thanh Hà", "Vũ Văn Khác"]
    c.forbidden += [code for code in world.tasks]
    return c


def _world_state(world: World) -> tuple[Any, ...]:
    with world.db.session() as session:
        requests = [(r.id, r.status) for r in session.exec(select(JoinRequest)).all()]
        invites = [
            (i.id, i.max_uses, i.use_count, i.needs_approval) for i in session.exec(select(Invite)).all()
        ]
        groups = session.exec(select(func.count()).select_from(GroupChat)).one()
    return snapshot(world), requests, invites, groups


def _arrange_requests(world: World) -> dict[str, int]:
    with world.db.session() as session:
        shared = create_invite(
            session=session,
            organization_id=world.org_id,
            agency_id=world.agencies[VHXH],
            role="official",
            max_uses=10,
            needs_approval=True,
        )
        fresh = create_invite(
            session=session, organization_id=world.org_id, agency_id=world.agencies[VHXH], role="leader"
        )
        request = JoinRequest(invite_id=shared.id or 0, telegram_user_id=APPLICANT, full_name="Người Xin")
        session.add(request)
        session.flush()
        return {"shared": shared.id or 0, "fresh": fresh.id or 0, "request": request.id or 0}


@pytest.mark.parametrize("role", ROLES)
async def test_onboarding_buttons_by_role(
    role: str, cast: Cast, harness_factory: Callable[..., BotHarness]
) -> None:
    ids = _arrange_requests(cast.world)
    presses = [
        InviteShare(ids["fresh"], "a").data(),
        InviteShare(ids["fresh"], "o").data(),
        JoinDecide(ids["request"], "n").data(),
        JoinApproveAll(ids["shared"]).data(),
        JoinDecide(ids["request"], "y").data(),
    ]
    async with harness_factory() as h:
        user = users(h)[role]
        [own] = await h.send(user, "/start")  # a message of the user's own to press forged data on
        # The admin's presses: share (approval), share (open), reject; then nothing is pending and
        # the request is decided already, so the last two change nothing.
        admin_changes = [True, True, True, False, False]
        for data, changes in zip(presses, admin_changes, strict=True):
            before = _world_state(cast.world)
            replies = await h.press_data(user, own.message_id, data)
            after = _world_state(cast.world)
            text = visible_text(replies, h.last_answer)
            if role == "admin":
                assert (after != before) is changes, (data, text)
            else:
                assert after == before, (role, data)
                assert NO_PERMISSION in text or STRANGER_TEXT[:40] in text or "không còn dùng" in text, (
                    role,
                    data,
                    text,
                )
            if role in UNREGISTERED:
                assert_nothing_leaked(cast, text, f"{role} pressing {data}")
        if role == "admin":  # the first press shared the link; the decision rejected the applicant
            with h.db.session() as session:
                assert session.get(Invite, ids["fresh"]).max_uses > 1  # type: ignore[union-attr]
                assert session.get(JoinRequest, ids["request"]).status == "rejected"  # type: ignore[union-attr]
        assert h.errors == []


async def test_another_communes_admin_cannot_decide(
    cast: Cast, harness_factory: Callable[..., BotHarness]
) -> None:
    ids = _arrange_requests(cast.world)
    async with harness_factory() as h:
        other = h.user(398, "Khác")
        [own] = await h.send(other, "/start")
        forged = [
            JoinDecide(ids["request"], "y").data(),
            JoinApproveAll(ids["shared"]).data(),
            InviteShare(ids["fresh"], "o").data(),
        ]
        for data in forged:
            before = _world_state(cast.world)
            await h.press_data(other, own.message_id, data)
            assert _world_state(cast.world) == before, data
        assert h.errors == []


@pytest.mark.parametrize("role", ROLES)
async def test_group_chat_by_role(role: str, cast: Cast, harness_factory: Callable[..., BotHarness]) -> None:
    async with harness_factory() as h:
        user = users(h)[role]
        group = h.group(GROUP_CHAT, "Nhóm xã")
        # /ganxa in a private chat: leaders and admins are told where it works.
        private = visible_text(await h.send(user, "/ganxa"))
        if role in ("leader", "admin"):
            assert "trong nhóm" in private
        elif role in UNREGISTERED:
            assert private.strip() == STRANGER_TEXT
        else:
            assert NO_PERMISSION in private

        # Binding: only a leader or an admin; everyone else's /ganxa leaves the group quiet.
        replies = await h.send_group(group, user, "/ganxa")
        with h.db.session() as session:
            bound = session.exec(select(GroupChat)).first()
        assert (bound is not None) is (role in ("leader", "admin")), role
        if bound is None:
            assert replies == []
            await h.send_group(group, users(h)["leader"], "/ganxa")

        # In the bound group: /tyle answers within the asker's own scope.
        text = visible_text(await h.send_group(group, user, "/tyle"))
        if role in UNREGISTERED:
            assert "chưa đăng ký" in text
            assert_nothing_leaked(cast, text, f"{role} /tyle in the group")
        else:
            assert text and NO_PERMISSION not in text
        if role == "official_b":  # an official of VHXH: never the Trung tâm's tasks
            text = visible_text(await h.send_group(group, user, "/quahan"))
            assert "II.2" not in text
        assert h.errors == []
