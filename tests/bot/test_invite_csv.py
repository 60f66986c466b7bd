"""`planbot invite --csv`: one invite per row of a list of officials, links written as CSV; a wrong
row creates nothing."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest
from sqlmodel import select

from bot.commands.invite import run_invite
from bot.settings import load_settings
from storage.db import Database
from storage.models import Invite
from tests.support.commune import build_world

ROWS = """Họ tên,Cơ quan,Vai trò,Số lượt
Lê Thị Hoa,Phòng Văn hóa - Xã hội,cán bộ,
Trần Văn Hùng,Văn phòng HĐND và UBND xã,lãnh đạo,1
Cả phòng,phong van hoa xa hoi,official,12
"""


def args(path: Path, out: Path | None, org: str | None = "Thanh Xá") -> argparse.Namespace:
    return argparse.Namespace(
        agency=None,
        role="official",
        org=org,
        days=7,
        csv=str(path),
        out=str(out) if out else None,
        no_approval=False,
    )


def test_one_invite_per_row_with_links_out(db: Database, tmp_path: Path) -> None:
    build_world(db)
    settings = load_settings(DATABASE_URL=db.url, PLANBOT_BOT_USERNAME="xa_bot")
    source = tmp_path / "canbo.csv"
    source.write_text(ROWS, encoding="utf-8")
    out = tmp_path / "links.csv"
    assert run_invite(args(source, out), settings) == 0
    written = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["name"] for r in written] == ["Lê Thị Hoa", "Trần Văn Hùng", "Cả phòng"]
    assert [r["role"] for r in written] == ["official", "leader", "official"]
    assert written[2]["agency"] == "Phòng Văn hóa - Xã hội"  # the plan's wording, not the row's
    with db.session() as session:
        invites = {i.code: i for i in session.exec(select(Invite)).all()}
    assert len(invites) == 3
    for row in written:
        code = row["link"].removeprefix("https://t.me/xa_bot?start=")
        invite = invites[code]
        assert invite.max_uses == int(row["max_uses"]) and invite.role == row["role"]
    shared = invites[written[2]["link"].rsplit("=", 1)[1]]
    assert shared.max_uses == 12 and shared.needs_approval
    assert not invites[written[0]["link"].rsplit("=", 1)[1]].needs_approval


def test_a_wrong_row_creates_nothing(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_world(db)
    settings = load_settings(DATABASE_URL=db.url, PLANBOT_BOT_USERNAME="xa_bot")
    source = tmp_path / "canbo.csv"
    source.write_text(
        "Lê Thị Hoa;Phòng Văn hóa - Xã hội;cán bộ\nAi đó;Phòng Tài nguyên và Môi trường;cán bộ\n"
        "Người khác;Văn phòng HĐND và UBND xã;giám đốc\nNữa;Phòng Văn hóa - Xã hội;official;abc\n",
        encoding="utf-8",
    )
    assert run_invite(args(source, None), settings) == 2
    err = capsys.readouterr().err
    assert "line 2: no agency matches" in err
    assert "line 3: unknown role" in err and "line 4: max uses" in err
    assert "no invite was created" in err
    with db.session() as session:
        assert session.exec(select(Invite)).all() == []
    # Both communes have a Trung tâm Phục vụ hành chính công: without --org it is ambiguous.
    source.write_text("Ai,Trung tâm Phục vụ hành chính công,official\n", encoding="utf-8")
    assert run_invite(args(source, None, org=None), settings) == 2
    assert "ambiguous" in capsys.readouterr().err
    assert run_invite(args(source, None), settings) == 0
    assert capsys.readouterr().out.splitlines()[0] == "name,agency,role,max_uses,link,expires"
