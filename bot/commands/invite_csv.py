"""`planbot invite --csv FILE [--out OUT.csv]`: one invite per row of a list of officials.

Each row: name, agency (as the plan writes it), role (official/leader/admin, or "cán bộ", "lãnh
đạo", "quản trị"), and optionally the number of people the link admits (a shared agency link).
A header row is recognised and skipped. Every row is checked first: if any is wrong nothing is
created, so a corrected file can simply be run again. The output is the same rows with the link
and its expiry date, as CSV (to --out, else to the standard output).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from bot.settings import Settings
from plans.bots import token_serving
from plans.directory import find_agencies
from plans.invites import MAX_USES, ROLES, create_agency_invite
from storage.db import Database
from storage.models import Agency
from storage.queries.invites import organizations_named
from storage.text import fold, nfc

ROLE_WORDS = {
    "official": "official",
    "can bo": "official",
    "cong chuc": "official",
    "leader": "leader",
    "lanh dao": "leader",
    "admin": "admin",
    "quan tri": "admin",
    "quan tri vien": "admin",
}
HEADER_WORDS = {"name", "ho ten", "ho va ten", "ten"}
OUT_FIELDS = ["name", "agency", "role", "max_uses", "link", "expires"]


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    agency: Agency
    role: str
    max_uses: int


def _role(raw: str) -> str | None:
    key = fold(raw).strip().lower()
    return ROLE_WORDS.get(key) or (key if key in ROLES else None)


def read_rows(session: Session, text: str, organization_id: int | None) -> tuple[list[Row], list[str]]:
    """The rows to invite and the errors (with their line numbers); a header line is skipped."""
    rows: list[Row] = []
    errors: list[str] = []
    # Excel in Vietnamese locales saves with ";": the first line's most frequent separator wins.
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    for line, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [nfc(c).strip() for c in cells]
        if not any(cells):
            continue
        if line == 1 and fold(cells[0]).lower() in HEADER_WORDS:
            continue
        if len(cells) < 3:
            errors.append(f"line {line}: expected name, agency, role[, max uses]")
            continue
        name, agency_name, role_text = cells[:3]
        role = _role(role_text)
        if role is None:
            errors.append(f"line {line}: unknown role {role_text!r} (official, leader or admin)")
            continue
        uses_text = cells[3] if len(cells) > 3 else ""
        try:
            max_uses = int(uses_text) if uses_text else 1
        except ValueError:
            max_uses = 0
        if not 1 <= max_uses <= MAX_USES:
            errors.append(f"line {line}: max uses must be a number from 1 to {MAX_USES}")
            continue
        found = find_agencies(session=session, name=agency_name, organization_id=organization_id)
        if len(found) != 1:
            what = "no agency matches" if not found else "ambiguous agency (add --org)"
            errors.append(f"line {line}: {what} {agency_name!r}")
            continue
        rows.append(Row(line, name, found[0], role, max_uses))
    return rows, errors


def run_invite_csv(
    args: argparse.Namespace, settings: Settings, username_of: Callable[[Settings, str | None], str]
) -> int:
    """`username_of(settings, token)` gives a bot's username (bot/commands/invite.py's bot_username);
    each link opens the bot serving its agency's organization."""
    path = Path(args.csv)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"planbot invite: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.database_url)
    try:
        with db.session() as session:
            org_id: int | None = None
            if args.org:
                orgs = organizations_named(session=session, name=args.org)
                if len(orgs) != 1:
                    print(f"planbot invite: organization {args.org!r} matches {len(orgs)}", file=sys.stderr)
                    return 2
                org_id = orgs[0].id
            rows, errors = read_rows(session, text, org_id)
            if errors or not rows:
                for error in errors or ["the file has no rows"]:
                    print(f"planbot invite: {path.name}: {error}", file=sys.stderr)
                print("planbot invite: no invite was created", file=sys.stderr)
                session.rollback()
                return 2
            usernames: dict[str | None, str] = {}  # bot token (None: the default bot) → username
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=OUT_FIELDS)
            writer.writeheader()
            for row in rows:
                assert row.agency.id is not None
                token = token_serving(session=session, organization_id=row.agency.organization_id)
                if token not in usernames:
                    usernames[token] = username_of(settings, token)
                username = usernames[token]
                invite = create_agency_invite(
                    session=session,
                    admin=None,
                    agency_id=row.agency.id,
                    role=row.role,
                    days=args.days,
                    max_uses=row.max_uses,
                    needs_approval=row.max_uses > 1 and not args.no_approval,
                )
                writer.writerow(
                    {
                        "name": row.name,
                        "agency": row.agency.name,
                        "role": row.role,
                        "max_uses": row.max_uses,
                        "link": f"https://t.me/{username}?start={invite.code}",
                        "expires": invite.expires_at.strftime("%d/%m/%Y"),
                    }
                )
    finally:
        db.dispose()
    if args.out:
        Path(args.out).write_text(out.getvalue(), encoding="utf-8")
        print(f"# {len(rows)} invites written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(out.getvalue())
    return 0
