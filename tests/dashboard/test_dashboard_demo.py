"""`planbot demo` prints the dashboard's local address and a working login link."""

from __future__ import annotations

import io
import re
import socket
from pathlib import Path

import pytest

from bot.cli import main
from plans.dashboard_login import redeem_login
from storage.db import Database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_prints_the_dashboard_and_a_login_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _free_port()
    monkeypatch.setenv("PLANBOT_DASHBOARD_PORT", str(port))
    monkeypatch.setattr("sys.stdin", io.StringIO("/dashboard\n"))
    assert main(["demo", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Bảng điều khiển: http://127.0.0.1:{port}/app/" in out
    printed = re.search(rf"http://127\.0\.0\.1:{port}/app/login\?t=(\S+)", out)
    assert printed is not None, out
    # The chat's /dashboard gave the demo user a link of their own to the same server.
    assert out.count(f"http://127.0.0.1:{port}/app/login?t=") == 2
    db = Database(f"sqlite:///{tmp_path / 'planbot-demo.db'}")
    try:
        leader = db.call(redeem_login, token=printed.group(1))
        assert leader is not None and leader.full_name == "Lê Văn Bình"
    finally:
        db.dispose()
