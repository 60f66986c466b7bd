"""`planbot demo`: the offline tour — fresh database, the bundled sample plan, officials, then a chat."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.settings import Settings

# The sample is Thanh Xá's Q1/2023 report (dated 14/04/2023): the Monday after it, inside Q1's
# reporting window, its plan is current and the leaders' weekly digest goes out.
DEMO_DAY = "2023-04-17"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="offline demo: sample plan in a fresh database, then chat with the bot (no token)"
    )
    parser.add_argument(
        "--dir", type=Path, help="folder for the demo database (default: a new temporary one)"
    )
    parser.add_argument(
        "--as", dest="role", choices=["official", "leader", "admin"], default="leader", help="your role"
    )
    parser.add_argument("--agency", default="Văn phòng HĐND và UBND xã", help="your agency")
    parser.add_argument("--name", default="Phạm Thị Mây", help="your name")
    parser.add_argument("--tour", action="store_true", help="play the scripted tour instead of reading input")
    parser.add_argument(
        "--at",
        metavar="ISO_DATE",
        default=DEMO_DAY,
        help=f"the day the demo runs on (default {DEMO_DAY}: inside the sample plan's year, in the "
        "window in which its Q1 report is written)",
    )
    parser.set_defaults(func=demo)


def _input_lines(force_tour: bool) -> list[str] | None:
    """Lines to play: None = interactive terminal; the tour when nothing is piped in."""
    from bot.offline.demo import TOUR

    if force_tour:
        return TOUR
    try:
        if sys.stdin.isatty():
            return None
        piped = sys.stdin.read().splitlines()
    except (OSError, ValueError, AttributeError):  # no stdin at all (CI, cron)
        piped = []
    return piped or TOUR


def _print_dashboard(settings: Settings, database_url: str) -> None:
    """The dashboard the demo's bot serves, and a login link for the sample commune's leader."""
    from bot.offline.demo import demo_login

    if not settings.dashboard or not settings.dashboard_port:
        return
    host = "127.0.0.1" if settings.dashboard_host in ("0.0.0.0", "") else settings.dashboard_host
    base = f"http://{host}:{settings.dashboard_port}/app/"
    token = demo_login(database_url)
    print(
        f"Bảng điều khiển: {base}\n"
        f"Đăng nhập (lãnh đạo Lê Văn Bình; dùng một lần, trong 10 phút): {base}login?t={token}\n"
        "Trong cuộc trò chuyện, /dashboard cho liên kết mới.\n"
    )


def demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.common import clock_at
    from bot.offline.chat import run_chat
    from bot.offline.demo import prepare_demo

    try:
        clock = clock_at(args.at, settings)
    except ValueError as exc:
        print(f"planbot demo: {exc}", file=sys.stderr)
        return 2
    logging.getLogger().setLevel(logging.WARNING)  # keep the conversation readable
    directory = args.dir or Path(tempfile.mkdtemp(prefix="planbot-demo-"))
    info = prepare_demo(directory, today=clock.today())
    print(
        f"planbot demo — {info.organization}: {info.tasks} nhiệm vụ, {info.results} kết quả đã nhập.\n"
        f"Cơ sở dữ liệu: {info.database_url}\n"
        f"Ngày trong bản demo: {clock.today():%d/%m/%Y} (đổi bằng --at)\n"
        "Gõ tin nhắn như một cán bộ (/help, /viec, «tỷ lệ hoàn thành quý 1 năm 2023?»); "
        "gõ số để bấm nút; /quit để thoát.\n"
    )
    _print_dashboard(settings, info.database_url)
    lines = _input_lines(args.tour)
    interactive = lines is None
    source: Iterable[str] = sys.stdin if lines is None else lines
    demo_settings = settings.model_copy(update={"database_url": info.database_url})
    return run_chat(
        source,
        sys.stdout,
        settings=demo_settings,
        role=args.role,
        agency=args.agency,
        user_id=10001,
        name=args.name,
        color=interactive and sys.stdout.isatty(),
        echo=not interactive,
        at=clock.at,
    )
