"""The dashboard's web plumbing: its configuration, security headers, the session cookie, who is
signed in, and the frame every page is drawn in (bot/dashboard/server.py has the routes)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field

from aiohttp import web

from bot.dashboard import auth
from bot.dashboard.layout import Frame, bare_page
from bot.dashboard.login_script import SIGN_IN_SCRIPT
from plans.clock import Clock
from plans.dashboard_login import session_official
from plans.periods import Period, PeriodPolicy, parse_period_code
from reports.outputs.style import ReportStyle
from storage.db import Database
from storage.models import Official

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class DashboardConfig:
    db: Database
    clock: Clock
    periods: PeriodPolicy
    bot_token: str
    admin_ids: Collection[int] = ()
    secure_cookie: bool = False  # set when served over HTTPS (PLANBOT_DASHBOARD_PUBLIC_URL https://…)
    secret: str | None = None
    report_style: ReportStyle = field(default_factory=ReportStyle)
    # Downloads a file Telegram holds (a report's or an explanation's attachment) by its file_id.
    fetch_file: Callable[[str], Awaitable[bytes]] | None = None
    # The deployment's other bots (`planbot run --all-bots`): a Mini App opened from one of them
    # carries initData signed with that bot's token. Asked at each sign-in: a bot added while the
    # process runs is accepted from then on.
    other_bot_tokens: Callable[[], Collection[str]] = tuple

    @property
    def key(self) -> bytes:
        return auth.session_key(self.bot_token, self.secret)


CONFIG = web.AppKey("config", DashboardConfig)
NONCE = web.RequestKey("nonce", str)  # the page's CSP nonce for its <style> and <script>


def csp_header(nonce: str) -> str:
    return (
        f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org"
    )


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    request[NONCE] = secrets.token_urlsafe(12)
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # redirects and errors get the same headers
        add_security(exc, request[NONCE])
        raise
    add_security(response, request[NONCE])
    return response


def add_security(response: web.StreamResponse, nonce: str) -> None:
    response.headers.setdefault("Content-Security-Policy", csp_header(nonce))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"  # a login link never leaks in a Referer
    response.headers["Cache-Control"] = "no-store"


def html_response(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def refused_page(request: web.Request, status: int = 401) -> web.Response:
    body = (
        "<p>Bạn cần đăng nhập để xem bảng điều khiển.</p>"
        "<ul><li>Trong Telegram: mở bằng nút «📊 Bảng điều khiển» của bot.</li>"
        "<li>Trên máy tính: gửi lệnh /dashboard cho bot để nhận liên kết đăng nhập (dùng một lần, 10 phút).</li></ul>"
        '<p id="signin-status" role="status"></p>'
    )
    script = SIGN_IN_SCRIPT if status == 401 else ""
    return html_response(bare_page("Cần đăng nhập", body, request[NONCE], script), status)


def set_session_cookie(response: web.StreamResponse, config: DashboardConfig, official_id: int) -> None:
    value, _data = auth.make_session(config.key, official_id)
    response.set_cookie(
        auth.COOKIE_NAME,
        value,
        max_age=auth.SESSION_SECONDS,
        path="/app/",
        httponly=True,
        secure=config.secure_cookie,
        samesite="Lax",
    )


@dataclass(frozen=True)
class Visitor:
    official: Official
    session: auth.SessionData


async def visitor_of(request: web.Request) -> Visitor | None:
    config = request.app[CONFIG]
    data = auth.read_session(config.key, request.cookies.get(auth.COOKIE_NAME))
    if data is None:
        return None
    official = await config.db.run(session_official, official_id=data.official_id)
    return Visitor(official, data) if official is not None else None


def signed_in(handler: Callable[[web.Request, Visitor], Awaitable[web.StreamResponse]]) -> Handler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        visitor = await visitor_of(request)
        if visitor is None:
            return refused_page(request)
        if request.method == "POST":
            form = await request.post()
            if not auth.csrf_ok(visitor.session, str(form.get("csrf", ""))):
                return html_response(bare_page("Yêu cầu không hợp lệ", "<p>Phiên đã hết hạn, hãy tải lại trang.</p>",
                                       request[NONCE]), 403)  # fmt: skip
        return await handler(request, visitor)

    return wrapped


def period_of(request: web.Request) -> Period | None:
    code = request.query.get("period", "").strip()
    if not code:
        return None
    try:
        return parse_period_code(code, request.app[CONFIG].periods.mode)
    except ValueError:
        return None


def page_frame(request: web.Request, visitor: Visitor, organization: str, period: Period | None,
           choices: tuple[Period, ...] = ()) -> Frame:  # fmt: skip
    o = visitor.official
    return Frame(
        organization, o.full_name, str(o.role), visitor.session.csrf, request[NONCE], period, choices
    )


def not_found_page(request: web.Request, visitor: Visitor, organization: str = "") -> web.Response:
    from bot.dashboard.layout import page

    frame = page_frame(request, visitor, organization or "planbot", None)
    return html_response(
        page(frame, "", "Không tìm thấy", "<p>Không có trang này, hoặc bạn không được xem.</p>"), 404
    )


# ------------------------------------------------------------------ sign-in
