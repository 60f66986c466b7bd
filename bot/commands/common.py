"""Helpers shared by CLI commands."""

from __future__ import annotations

import sys

from storage.db import Database
from storage.queries.facts import find_organization


def organization_or_complain(db: Database, name: str | None, command: str) -> tuple[int, str] | None:
    """The organization named by --org (or the only one); prints why not and returns None otherwise."""
    org = db.call(find_organization, name=name)
    if org is None:
        hint = "no organization matches --org" if name else "several or no organizations: give --org NAME"
        print(f"planbot {command}: {hint}", file=sys.stderr)
    return org
