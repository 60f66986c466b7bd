"""`planbot run --webhook` as real processes for tests, and POSTing updates to them the way Telegram
(or a load balancer in front of several processes) does."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.commands.run import SECRET_HEADER
from bot.offline.fake import FakeTelegram

ADMIN_ID = 8801


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(tg: FakeTelegram, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANBOT_", "TELEGRAM_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=tg.token,
        TELEGRAM_API_BASE_URL=tg.base_url,
        TELEGRAM_API_FILE_URL=tg.file_url,
        DATABASE_URL=database_url,
        PLANBOT_ADMIN_IDS=str(ADMIN_ID),
        PLANBOT_LOG_LEVEL="DEBUG",
        PLANBOT_DASHBOARD="false",  # its fixed port would be fought over by processes and parallel CI passes
    )
    return env


@contextmanager
def webhook_process(
    tg: FakeTelegram, tmp_path: Path, database_url: str, port: int, *extra: str
) -> Iterator[subprocess.Popen[str]]:
    command = [
        str(Path(sys.executable).parent / "planbot"),
        "run",
        "--webhook",
        "--listen",
        "127.0.0.1",
        "--port",
        str(port),
        "--url",
        f"http://127.0.0.1:{port}",
        *extra,
    ]
    process = subprocess.Popen(
        command,
        env=environment(tg, database_url),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def post(url: str, update: dict[str, Any], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    request = urllib.request.Request(url, data=json.dumps(update).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
