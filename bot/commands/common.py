"""Helpers shared by CLI commands."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

from plans.clock import Clock, parse_moment
from storage.db import Database
from storage.queries.facts import find_organization


def organization_or_complain(db: Database, name: str | None, command: str) -> tuple[int, str] | None:
    """The organization named by --org (or the only one); prints why not and returns None otherwise."""
    org = db.call(find_organization, name=name)
    if org is None:
        hint = "no organization matches --org" if name else "several or no organizations: give --org NAME"
        print(f"planbot {command}: {hint}", file=sys.stderr)
    return org


def clock_at(value: str | None, settings: Settings) -> Clock:
    """The settings' clock, set to the moment `--at` names (an ISO date means 08:00 local)."""
    clock = settings.clock()
    if not value:
        return clock
    try:
        return clock.set_to(parse_moment(value, clock.tz))
    except ValueError as exc:
        raise ValueError(f"--at: expected an ISO date or datetime such as 2025-11-20, got {value!r}") from exc
