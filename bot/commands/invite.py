"""`planbot invite --agency NAME --role ROLE [--org NAME] [--days N]`: print an invite deep link;
`planbot invite --csv FILE [--out OUT]`: one invite per row of a list (bot/commands/invite_csv.py)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.settings import Settings, SettingsError
from plans.bots import token_serving
from plans.directory import find_agencies
from plans.invites import DEFAULT_DAYS, ROLES, create_agency_invite
from storage.db import Database
from storage.queries.invites import organizations_named


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "invite",
        help="create a single-use invite link for an agency and a role",
        description="Create an invite and print the deep link https://t.me/<bot>?start=<code>.",
    )
    parser.add_argument("--agency", default=None, help='agency name, e.g. "Phòng Văn hóa - Xã hội"')
    parser.add_argument(
        "--csv",
        default=None,
        help="a CSV of officials: name, agency, role[, max uses]; one invite per row (instead of --agency)",
    )
    parser.add_argument("--out", default=None, help="with --csv: write the links as CSV to this file")
    parser.add_argument(
        "--no-approval",
        action="store_true",
        help="with --csv: shared rows (max uses > 1) admit people without an admin's approval",
    )
    parser.add_argument("--role", choices=ROLES, default="official", help="role given by the invite")
    parser.add_argument("--org", default=None, help='organization, e.g. "UBND xã Thanh Xá" (when several)')
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="days before the invite expires")
    parser.set_defaults(func=run_invite)


async def _get_username(settings: Settings, token: str | None) -> str:
    from telegram import Bot

    bot = Bot(
        token or settings.require_token(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_file_url,
    )
    async with bot:
        me = await bot.get_me()
    if not me.username:
        raise SettingsError("PLANBOT_BOT_USERNAME: the Bot API returned no username; set it explicitly")
    return me.username


def bot_username(settings: Settings, token: str | None = None) -> str:
    """The username of the bot with this token (None: the default bot). For the default bot
    PLANBOT_BOT_USERNAME when set; else, and for another bot of the deployment, the Bot API's getMe."""
    if token == settings.telegram_bot_token:
        token = None
    if settings.bot_username and token is None:
        return settings.bot_username.lstrip("@")
    try:
        return asyncio.run(_get_username(settings, token))
    except SettingsError:
        raise
    except Exception as exc:  # network or token problems: say what to do instead
        raise SettingsError(
            f"PLANBOT_BOT_USERNAME: could not ask the Bot API for the bot's username ({exc}); "
            "set PLANBOT_BOT_USERNAME=your_bot"
        ) from exc


def run_invite(args: argparse.Namespace, settings: Settings) -> int:
    if args.days < 1:
        print("planbot invite: --days must be at least 1", file=sys.stderr)
        return 2
    if getattr(args, "csv", None):
        from bot.commands.invite_csv import run_invite_csv

        return run_invite_csv(args, settings, bot_username)
    if not args.agency:
        print("planbot invite: give --agency NAME or --csv FILE", file=sys.stderr)
        return 2
    db = Database(settings.database_url)
    try:
        with db.session() as session:
            org_id: int | None = None
            if args.org:
                orgs = organizations_named(session=session, name=args.org)
                if len(orgs) != 1:
                    names = ", ".join(o.name for o in orgs) or "none"
                    print(f"planbot invite: organization {args.org!r} matches {names}", file=sys.stderr)
                    return 2
                org_id = orgs[0].id
            agencies = find_agencies(session=session, name=args.agency, organization_id=org_id)
            if not agencies:
                print(
                    f"planbot invite: no agency matches {args.agency!r}; import a plan first "
                    "or check the name",
                    file=sys.stderr,
                )
                return 2
            if len(agencies) > 1:
                orgs_by_id = {o.id: o.name for o in organizations_named(session=session, name=None)}
                listing = "\n".join(
                    f"  - {a.name} ({orgs_by_id.get(a.organization_id, '?')})" for a in agencies
                )
                print(
                    f"planbot invite: {args.agency!r} is ambiguous; be more precise or add --org:\n{listing}",
                    file=sys.stderr,
                )
                return 2
            agency = agencies[0]
            assert agency.id is not None
            # The link opens the bot that serves the agency's organization (one per province, say).
            username = bot_username(
                settings, token_serving(session=session, organization_id=agency.organization_id)
            )
            invite = create_agency_invite(
                session=session, admin=None, agency_id=agency.id, role=args.role, days=args.days
            )
            expires = invite.expires_at.strftime("%d/%m/%Y")
        print(f"https://t.me/{username}?start={invite.code}")
        print(f"# {args.role} of {agency.name}, single use, expires {expires}", file=sys.stderr)
        return 0
    finally:
        db.dispose()
