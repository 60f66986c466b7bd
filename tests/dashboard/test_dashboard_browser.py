"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): signing in from
Telegram (initData in the Mini App's URL) and with /dashboard's link, every page on the Thanh Xá
data with the figures `planbot ask` gives, the filters, the report download, user text shown as
text, and an admin's correction reaching the bot. Screenshots at 390 and 1280 px go to ARTIFACTS."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from playwright.async_api import expect
from sqlmodel import Session

from bot.commands.ask import answer_lines
from plans.periods import PeriodPolicy
from reports.answers.core import answer_question
from storage.models import Official, Role, Task
from tests.dashboard.conftest import ADMIN, LEADER, OFFICIAL, Dashboard, needs_chromium, screenshot
from tests.support.thanh_xa_nodes import VHTT, VHXH

pytestmark = needs_chromium
QUESTION = "tỷ lệ hoàn thành quý 1 năm 2023?"
ASK_DAY = date(2023, 4, 17)


def ask(dashboard: Dashboard, *, agency_id: int | None = None) -> str:
    """What `planbot ask` prints for the question, as a leader or as an official of an agency."""
    role = Role.leader if agency_id is None else Role.official
    viewer = Official(telegram_user_id=0, full_name="planbot ask", organization_id=dashboard.ids["org"], role=role,
                      agency_id=agency_id)  # fmt: skip
    answer = dashboard.harness.db.call(
        answer_question, text=QUESTION, viewer=viewer, today=ASK_DAY, periods=PeriodPolicy()
    )
    return "\n".join(answer_lines(answer))


async def signed_in_page(browser: Any, dashboard: Dashboard, user_id: int, width: int = 1280) -> Any:
    page = await browser.new_page(viewport={"width": width, "height": 900})
    await page.goto(dashboard.webapp_url(user_id))
    await page.wait_for_selector("header .org")
    return page


async def test_webapp_sign_in_overview_equals_planbot_ask(browser: Any, dashboard: Dashboard) -> None:
    page = await browser.new_page(viewport={"width": 390, "height": 900})
    await page.goto(dashboard.webapp_url(LEADER))
    await page.wait_for_selector("#rate")
    assert "#tgWebAppData" not in page.url  # the fragment is dropped once signed in
    asked = ask(dashboard)
    found = re.search(r"(\d+,\d%) \((\d+)/(\d+) nhiệm vụ\)", asked)
    assert found is not None, asked
    assert found.groups() == ("73,3%", "22", "30")
    assert await page.inner_text("#rate") == found.group(1)
    arithmetic = await page.inner_text("#arithmetic")
    assert "(13 đã thực hiện + 9 đang thực hiện) / 30 nhiệm vụ = 22/30" in arithmetic
    assert await page.inner_text("header .org") == "UBND xã Thanh Xá"
    agencies = await page.inner_text("#agencies")
    assert f"{VHXH}\t50,0%\t3/6" in agencies  # /donvi says "1. Văn hóa xã hội xã: 50,0% (3/6)"
    assert await page.locator("svg.chart").count() == 2  # by agency, and the trend, drawn on the server
    await screenshot(page, "overview")


async def test_login_link_is_single_use(browser: Any, dashboard: Dashboard) -> None:
    h = dashboard.harness
    leader = h.user(LEADER, "Bình", "Lê Văn")
    replies = await h.send(leader, "/dashboard")
    link = re.search(r"http://\S+/app/login\?t=\S+", replies[-1].text or "")
    assert link is not None, replies[-1].text
    assert "10 phút" in (replies[-1].text or "")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await page.goto(link.group(0))
    assert "Thanh Xá" not in await page.content()  # the link's page says nothing of the commune
    await page.click("#login")
    await page.wait_for_selector("#rate")
    assert await page.inner_text("#rate") == "73,3%"
    other = await browser.new_page()
    await other.goto(link.group(0))
    await other.click("#login")
    assert "Không đăng nhập được" in await other.inner_text("h1")
    assert "Thanh Xá" not in await other.content()
    assert h.errors == []


async def test_forged_expired_and_stranger_see_nothing(browser: Any, dashboard: Dashboard) -> None:
    import time

    forged = dashboard.webapp_url(LEADER).replace("hash%3D", "hash%3D0")  # one more digit: wrong hash
    stale = dashboard.webapp_url(LEADER, auth_date=time.time() - 3 * 3600)
    stranger = dashboard.webapp_url(9999)
    for url in (forged, stale, stranger):
        page = await browser.new_page()
        await page.goto(url)
        # A locator assertion, not wait_for_function("..."): a string predicate that is not true at
        # the first look is polled with eval inside the page, which the dashboard's CSP refuses.
        await expect(page.locator("#signin-status")).to_have_text(re.compile(r"^Không"))
        html = await page.content()
        assert "Thanh Xá" not in html and "73,3" not in html
        for path in ("", "tasks", "tasks/9", "reports", "report.docx?period=2023-Q1", "corrections"):
            response = await page.request.get(dashboard.url + path)
            assert response.status == 401, path
            assert "Thanh Xá" not in await response.text()
        await page.close()


async def test_filters_and_sorting(browser: Any, dashboard: Dashboard) -> None:
    page = await signed_in_page(browser, dashboard, LEADER)
    await page.goto(dashboard.url + "tasks")
    assert (await page.inner_text("#count")).startswith("30 nhiệm vụ")
    await page.fill("#f-q", "so hoa ho so")  # without diacritics
    await page.press("#f-q", "Enter")  # the keyboard submits the filters
    await page.wait_for_url(re.compile(r"q=so\+hoa"))
    assert (await page.inner_text("#count")).startswith("2 nhiệm vụ")
    codes = await page.locator("#tasks tbody tr td:first-child").all_inner_texts()
    assert codes == ["II.1.5", "III.4"]
    await page.goto(dashboard.url + "tasks")
    await page.select_option("#f-status", "not_done")
    await page.click("form.filters button[type=submit]")
    await page.wait_for_url(re.compile(r"status=not_done"))
    assert (await page.inner_text("#count")).startswith("8 nhiệm vụ")  # the overview's "Chưa thực hiện: 8"
    statuses = await page.locator("#tasks tbody tr td:nth-child(4)").all_inner_texts()
    assert statuses and all("Chưa thực hiện" in s for s in statuses)
    await page.goto(dashboard.url + f"tasks?agency={dashboard.ids[VHXH]}&sort=status")
    rows = await page.locator("#tasks tbody tr").count()
    assert rows >= 6  # leads 6, coordinates more
    first = await page.locator("#tasks tbody tr td:nth-child(4)").first.inner_text()
    assert "Chưa thực hiện" in first  # sorted: not done first
    await page.goto(dashboard.url + "tasks?period=2023-Q1&timeliness=overdue")
    assert (await page.inner_text("#count")).startswith("0 nhiệm vụ")
    await page.goto(dashboard.url + "tasks")
    await screenshot(page, "tasks")


def _plant_script(session: Session, task_id: int) -> None:
    task = session.get(Task, task_id)
    assert task is not None
    task.content = "<script>window.__pwned = 1</script> Số hóa <b>hồ sơ</b> & kết quả"
    session.add(task)


async def test_task_page_shows_user_text_as_text(browser: Any, dashboard: Dashboard) -> None:
    task_id = dashboard.ids["II.1.5"]
    dashboard.harness.db.call(_plant_script, task_id=task_id)
    page = await signed_in_page(browser, dashboard, LEADER)
    await page.goto(f"{dashboard.url}tasks/{task_id}")
    assert (
        await page.inner_text("#content")
        == "<script>window.__pwned = 1</script> Số hóa <b>hồ sơ</b> & kết quả"
    )
    assert await page.evaluate("window.__pwned") is None
    history = await page.inner_text("#history")
    assert "14/04/2023" in history and "Đã thực hiện" in history and "371 hồ sơ" in history
    await page.goto(dashboard.url + "tasks?q=pwned")
    assert "<script>" in await page.inner_text("#tasks")
    assert await page.evaluate("window.__pwned") is None
    await page.goto(f"{dashboard.url}tasks/{task_id}")
    await screenshot(page, "task")


async def test_official_sees_their_agency_only(browser: Any, dashboard: Dashboard) -> None:
    page = await signed_in_page(browser, dashboard, OFFICIAL, width=390)
    heading = await page.inner_text("#rate-h")
    assert f"{VHXH} (chủ trì)" in heading
    asked = ask(dashboard, agency_id=dashboard.ids[VHXH])
    rate = re.search(r"(\d+,\d%) \((\d+)/(\d+) nhiệm vụ\)", asked)
    assert rate is not None, asked
    assert await page.inner_text("#rate") == rate.group(1) == "50,0%"
    assert await page.locator("#agencies").count() == 0
    await page.goto(dashboard.url + "tasks")
    leads = await page.locator("#tasks tbody tr td:nth-child(3)").all_inner_texts()
    assert leads and len(leads) < 30
    foreign = dashboard.ids["IV.2"]  # led by the group of specialist officials, not their agency
    response = await page.request.get(f"{dashboard.url}tasks/{foreign}")
    assert response.status == 404
    await page.goto(dashboard.url + "reports")
    assert "Chỉ lãnh đạo" in await page.inner_text("main")
    assert await page.locator("nav >> text=Sửa kế hoạch").count() == 0
    assert (await page.request.get(dashboard.url + "corrections")).status == 404


async def test_report_download(browser: Any, dashboard: Dashboard) -> None:
    page = await signed_in_page(browser, dashboard, LEADER)
    await page.goto(dashboard.url + "reports?period=2023-Q1")
    for selector, suffix in (("#docx", ".docx"), ("#xlsx", ".xlsx")):
        async with page.expect_download() as info:
            await page.click(selector)
        download = await info.value
        assert download.suggested_filename.endswith(suffix)
        path = await download.path()
        with open(path, "rb") as handle:
            assert handle.read(2) == b"PK"  # an Office Open XML package
    await screenshot(page, "reports")


async def test_admin_correction_shows_in_bot(browser: Any, dashboard: Dashboard) -> None:
    h = dashboard.harness
    task_id = dashboard.ids["II.1.5"]
    page = await signed_in_page(browser, dashboard, ADMIN)
    await page.click("nav >> text=Sửa kế hoạch")
    await page.fill("#c-q", "so hoa ho so")
    await page.press("#c-q", "Enter")
    await page.click(f"a[href='/app/corrections?task={task_id}']")
    await page.fill("#v-content", "Số hóa hồ sơ, kết quả giải quyết TTHC trên Cổng dịch vụ công")
    await page.click("#save-content")
    assert "Đã sửa Nội dung" in await page.inner_text("#message")
    assert "dashboard" in await page.inner_text("#edits")
    await screenshot(page, "corrections")
    admin = h.user(ADMIN, "Mây", "Phạm Thị")
    replies = await h.send(admin, "/tim cổng dịch vụ công")
    assert any("trên Cổng dịch vụ công" in (m.text or "") for m in replies), [m.text for m in replies]

    await page.goto(dashboard.url + "corrections")
    await page.select_option("#a-from", VHTT)
    await page.select_option("#a-to", VHXH)
    await page.click("#map")
    assert f"Đã gộp «{VHTT}» vào «{VHXH}»" in await page.inner_text("#message")
    await page.goto(dashboard.url + "tasks")
    agencies = await page.locator("#f-agency option").all_inner_texts()
    assert VHXH in agencies and VHTT not in agencies
    assert h.errors == []


async def test_posts_need_the_csrf_token(browser: Any, dashboard: Dashboard) -> None:
    page = await signed_in_page(browser, dashboard, ADMIN)
    task_id = dashboard.ids["II.1.5"]
    response = await page.request.post(
        f"{dashboard.url}corrections/{task_id}", form={"field": "content", "value": "sửa lén"}
    )
    assert response.status == 403
    response = await page.request.post(dashboard.url + "logout", form={"csrf": "wrong"})
    assert response.status == 403
    await page.goto(dashboard.url)
    await page.click("nav button[type=submit]")  # Đăng xuất, with the page's token
    await page.wait_for_url(re.compile(r"/app/login"))
    assert (await page.request.get(dashboard.url)).status == 401
