"""The dashboard's aiohttp application and its server, started in bot/app.py's post_init (polling
and webhook mode alike) and stopped in post_shutdown.

Every page but the sign-in ones needs a valid session cookie; without one the answer is 401 with a
page that says nothing of any commune (its only script hands Telegram's initData, from the URL
fragment Telegram opens a Mini App with, to /app/auth/telegram). Every POST carries the session's
CSRF token. Database work runs on the Database's threads (db.run), rendering a report in a thread.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import quote

from aiohttp import web

from bot.dashboard import auth
from bot.dashboard.layout import bare_page, e
from bot.dashboard.pages import overview_page, reports_page, task_detail_page, tasks_page
from bot.dashboard.web import (
    CONFIG,
    NONCE,
    DashboardConfig,
    Visitor,
    html_response,
    not_found_page,
    page_frame,
    period_of,
    security_headers,
    set_session_cookie,
    signed_in,
)
from plans.dashboard_login import dashboard_official, redeem_login
from plans.periods import Period, PeriodPolicy
from reports.answers.context import is_leader
from reports.dashboard.overview import overview, period_choices
from reports.dashboard.tasks import Filters, task_page, task_table
from reports.documents import Format, render_file, report_source
from storage.models import Official

logger = logging.getLogger(__name__)

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def sign_in_telegram(request: web.Request) -> web.Response:
    """POST initData (form field `initData`): a valid one sets the session cookie."""
    config = request.app[CONFIG]
    form = await request.post()
    init_data = str(form.get("initData", ""))
    user = None
    for token in (config.bot_token, *config.other_bot_tokens()):  # whichever bot opened the Mini App
        user = auth.validate_init_data(init_data, token)
        if user is not None:
            break
    if user is None:
        logger.warning("Dashboard sign-in with invalid or stale initData from %s", request.remote)
        return web.json_response({"ok": False}, status=401)
    official = await config.db.run(
        dashboard_official,
        telegram_user_id=user.telegram_user_id,
        admin_ids=config.admin_ids,
        full_name=user.full_name,
    )
    if official is None or official.id is None:
        return web.json_response({"ok": False}, status=403)
    response = web.json_response({"ok": True})
    set_session_cookie(response, config, official.id)
    return response


async def login_form(request: web.Request) -> web.Response:
    """GET of a login link shows a button; only the POST uses the link up (a link preview or a
    prefetch never spends it)."""
    token = request.query.get("t", "")
    body = (
        '<form method="post" action="/app/login">'
        f'<input type="hidden" name="t" value="{e(token)}">'
        "<p>Liên kết đăng nhập chỉ dùng được một lần, trong 10 phút.</p>"
        '<button class="primary" type="submit" id="login">Đăng nhập</button></form>'
    )
    return html_response(bare_page("Đăng nhập bảng điều khiển", body, request[NONCE]))


async def login_submit(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    form = await request.post()
    official = await config.db.run(redeem_login, token=str(form.get("t", "")))
    if official is None or official.id is None:
        body = "<p>Liên kết không hợp lệ, đã dùng hoặc đã hết hạn. Gửi /dashboard cho bot để nhận liên kết mới.</p>"
        return html_response(bare_page("Không đăng nhập được", body, request[NONCE]), 401)
    response = web.HTTPSeeOther("/app/")
    set_session_cookie(response, config, official.id)
    raise response


@signed_in
async def logout(request: web.Request, visitor: Visitor) -> web.Response:
    response = web.HTTPSeeOther("/app/login")
    response.del_cookie(auth.COOKIE_NAME, path="/app/")
    raise response


# ------------------------------------------------------------------ pages


@signed_in
async def overview_view(request: web.Request, visitor: Visitor) -> web.Response:
    config = request.app[CONFIG]
    data = await config.db.run(
        overview,
        viewer=visitor.official,
        period=period_of(request),
        today=config.clock.today(),
        policy=config.periods,
    )
    if isinstance(data, str):
        return html_response(bare_page("Bảng điều khiển", f"<p>{e(data)}</p>", request[NONCE]), 403)
    frame = page_frame(request, visitor, data.organization, data.period, data.choices)
    return html_response(overview_page(frame, data))


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filters(request: web.Request) -> Filters:
    q = request.query
    page = _int(q.get("page"))
    return Filters(
        agency_id=_int(q.get("agency")),
        status=q.get("status") or None,
        timeliness=q.get("timeliness") or None,
        plan_id=_int(q.get("plan")),
        text=q.get("q", "")[:200],
        sort=q.get("sort") or "code",
        page=(page - 1) if page else 0,
    )


@signed_in
async def tasks_view(request: web.Request, visitor: Visitor) -> web.Response:
    config = request.app[CONFIG]
    filters = _filters(request)
    data = await config.db.run(task_table, official=visitor.official, period=period_of(request), filters=filters,
                               today=config.clock.today(), policy=config.periods)  # fmt: skip
    if isinstance(data, str):
        return html_response(bare_page("Bảng điều khiển", f"<p>{e(data)}</p>", request[NONCE]), 403)
    frame = page_frame(request, visitor, data.organization, data.period, data.choices)
    query = {k: v for k, v in request.query.items() if k != "page" and v}
    return html_response(tasks_page(frame, data, filters, query))


@signed_in
async def task_view(request: web.Request, visitor: Visitor) -> web.Response:
    config = request.app[CONFIG]
    task_id = _int(request.match_info.get("task_id"))
    data = None
    if task_id is not None:
        data = await config.db.run(task_page, official=visitor.official, task_id=task_id, period=period_of(request),
                                   today=config.clock.today(), policy=config.periods)  # fmt: skip
    if data is None:
        return not_found_page(request, visitor)
    return html_response(task_detail_page(page_frame(request, visitor, data.organization, data.period), data))


def _choices(
    session: Any, viewer: Official, today: Any, policy: PeriodPolicy
) -> tuple[str, tuple[Period, ...]] | None:
    from plans.snapshot import org_facts
    from reports.answers.scope import viewer_organization

    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return None
    facts = org_facts(session=session, organization_id=org_id)
    return facts.context.name, period_choices(facts, today, policy)


@signed_in
async def reports_view(request: web.Request, visitor: Visitor) -> web.Response:
    config = request.app[CONFIG]
    today = config.clock.today()
    found = await config.db.run(_choices, viewer=visitor.official, today=today, policy=config.periods)
    if found is None:
        return not_found_page(request, visitor)
    period = period_of(request) or config.periods.default_for_questions(today)
    frame = page_frame(request, visitor, found[0], period, found[1])
    return html_response(reports_page(frame, is_leader(visitor.official)))


@signed_in
async def report_file(request: web.Request, visitor: Visitor) -> web.StreamResponse:
    config = request.app[CONFIG]
    fmt: Format = "xlsx" if request.match_info.get("fmt") == "xlsx" else "docx"
    today = config.clock.today()
    period = period_of(request) or config.periods.default_for_questions(today)
    source = await config.db.run(report_source, viewer=visitor.official, period=period, today=today,
                                 policy=config.periods)  # fmt: skip
    if isinstance(source, str):
        return html_response(bare_page("Báo cáo", f"<p>{e(source)}</p>", request[NONCE]), 403)
    made = await asyncio.to_thread(render_file, source, fmt, config.report_style)
    return web.Response(
        body=made.content,
        content_type=MIME[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(made.filename)}"},
    )


def _attachment(data: Any, kind: str, item_id: int) -> tuple[str, str] | None:
    """(file_id, file name) of a report's or an explanation's attachment shown on the task page."""
    if kind == "report":
        found = next((h for h in data.history if h.report_id == item_id and h.attachment_file_id), None)
        return (found.attachment_file_id, found.attachment_name or "tep-dinh-kem") if found else None
    row = next((x for x in data.explanations if x.id == item_id and x.attachment_file_id), None)
    return (row.attachment_file_id, row.attachment_name or "giai-trinh") if row else None


@signed_in
async def task_file(request: web.Request, visitor: Visitor) -> web.StreamResponse:
    """A file attached to a report or an explanation of a task the visitor may see."""
    config = request.app[CONFIG]
    task_id = int(request.match_info["task_id"])
    data = await config.db.run(task_page, official=visitor.official, task_id=task_id, period=None,
                               today=config.clock.today(), policy=config.periods)  # fmt: skip
    found = (
        _attachment(data, request.match_info["kind"], int(request.match_info["item_id"])) if data else None
    )
    if found is None or config.fetch_file is None:
        return not_found_page(request, visitor)
    try:
        content = await config.fetch_file(found[0])
    except Exception:  # Telegram unreachable or the file gone: say so, the page stays usable
        logger.warning("Could not fetch attachment of task %s from Telegram", task_id, exc_info=True)
        return html_response(bare_page("Tệp đính kèm", "<p>Không tải được tệp từ Telegram, thử lại sau.</p>",
                               request[NONCE]), 502)  # fmt: skip
    return web.Response(
        body=content,
        content_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(found[1])}"},
    )


async def root_redirect(request: web.Request) -> web.Response:
    raise web.HTTPPermanentRedirect("/app/")


def make_dashboard_app(config: DashboardConfig) -> web.Application:
    from bot.dashboard.corrections_view import add_routes as add_correction_routes

    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app[CONFIG] = config
    app.router.add_get("/app", root_redirect)
    app.router.add_get("/app/", overview_view)
    app.router.add_get("/app/tasks", tasks_view)
    app.router.add_get(r"/app/tasks/{task_id:\d+}", task_view)
    app.router.add_get(r"/app/tasks/{task_id:\d+}/{kind:report|explanation}/{item_id:\d+}", task_file)
    app.router.add_get("/app/reports", reports_view)
    app.router.add_get(r"/app/report.{fmt:docx|xlsx}", report_file)
    app.router.add_post("/app/auth/telegram", sign_in_telegram)
    app.router.add_get("/app/login", login_form)
    app.router.add_post("/app/login", login_submit)
    app.router.add_post("/app/logout", logout)
    add_correction_routes(app, signed_in, page_frame, html_response, not_found_page)
    return app


class DashboardServer:
    """The dashboard listening on host:port (port 0: any free port, see `url`)."""

    def __init__(self, config: DashboardConfig, host: str, port: int) -> None:
        self.runner = web.AppRunner(make_dashboard_app(config), handle_signals=False, access_log=None)
        self.host, self.port = host, port

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        logger.info("Dashboard listening on %s", self.url)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}/app/"

    async def close(self) -> None:
        await self.runner.cleanup()
