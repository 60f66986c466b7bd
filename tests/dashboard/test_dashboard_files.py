"""The task page's files: an attachment of a progress report is downloaded through the dashboard
(from Telegram, by its file_id) by whoever may see the task, and by nobody else."""

from __future__ import annotations

from datetime import UTC, date, datetime

import aiohttp
from sqlmodel import Session

from storage.models import ProgressReport
from tests.dashboard.conftest import LEADER, OFFICIAL, Dashboard

CONTENT = b"%PDF-1.4 bien ban kiem tra"


def _attach(session: Session, task_id: int, file_id: str) -> int:
    report = ProgressReport(task_id=task_id, status="done", reported_on=date(2023, 3, 30), source="bot",
                            period_start=date(2023, 1, 1), period_end=date(2023, 3, 31),
                            attachment_file_id=file_id, attachment_name="Biên bản kiểm tra.pdf",
                            created_at=datetime(2023, 3, 30, 2, 0, tzinfo=UTC))  # fmt: skip
    session.add(report)
    session.flush()
    assert report.id is not None
    return report.id


async def _client(dashboard: Dashboard, user_id: int) -> aiohttp.ClientSession:
    client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with client.post(
        dashboard.url + "auth/telegram", data={"initData": dashboard.init_data(user_id)}
    ) as r:
        assert r.status == 200
    return client


async def test_report_attachment_downloads_for_those_who_see_the_task(dashboard: Dashboard) -> None:
    stored = dashboard.harness.tg._store_file(
        CONTENT, file_name="bien-ban.pdf", mime_type="application/pdf", folder="documents"
    )
    task_id = dashboard.ids["II.1.5"]  # led by the Văn phòng: the official of Văn hóa xã hội xã has no part
    report_id = dashboard.harness.db.call(_attach, task_id=task_id, file_id=stored.file_id)
    url = f"{dashboard.url}tasks/{task_id}/report/{report_id}"
    async with await _client(dashboard, LEADER) as leader:
        async with leader.get(f"{dashboard.url}tasks/{task_id}") as page:
            assert f'href="/app/tasks/{task_id}/report/{report_id}"' in await page.text()
        async with leader.get(url) as response:
            assert response.status == 200
            assert await response.read() == CONTENT
            assert "Bi%C3%AAn%20b%E1%BA%A3n" in response.headers["Content-Disposition"]
        async with leader.get(f"{dashboard.url}tasks/{task_id}/report/{report_id + 1}") as response:
            assert response.status == 404
    async with await _client(dashboard, OFFICIAL) as official, official.get(url) as response:
        assert response.status == 404
    async with aiohttp.ClientSession() as stranger, stranger.get(url) as response:
        assert response.status == 401
