"""Starting and stopping the dashboard with the bot (bot/app.py post_init / post_shutdown), and
the addresses handlers put in the Web App button and the login links (Services.extra)."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest

from bot.dashboard.server import DashboardServer
from bot.dashboard.web import DashboardConfig
from bot.settings import Settings
from handlers.context import Services

logger = logging.getLogger(__name__)

SERVER_KEY = "dashboard_server"
DISABLED_KEY = "dashboard_disabled"  # the test harness leaves the dashboard off unless asked
URL_KEY = "dashboard_url"  # where /dashboard's login link points (public URL, else the local one)
OTHER_TOKENS_KEY = "dashboard_other_bot_tokens"  # bot_data: the tokens of the process's other bots
OTHER_BOTS_KEY = "dashboard_other_bots"  # bot_data: the process's other bots (set once all have started)
WEBAPP_KEY = "dashboard_webapp_url"  # set only for an https public URL: Telegram opens Web Apps over https


def _fetcher(application: Any) -> Any:
    """Download a file by its Telegram id. A file id belongs to the bot that received it, and the
    dashboard serves every bot of the process: the dashboard's own bot is asked first, then the others
    (Telegram refuses another bot's file id with a BadRequest)."""

    async def fetch(file_id: str) -> bytes:
        bots = [application.bot, *application.bot_data.get(OTHER_BOTS_KEY, ())]
        for index, bot in enumerate(bots):
            try:
                found = await bot.get_file(file_id)
            except BadRequest:
                if index == len(bots) - 1:
                    raise
                continue
            return bytes(await found.download_as_bytearray())
        raise BadRequest("no bot to fetch the file with")  # pragma: no cover - bots is never empty

    return fetch


async def start_dashboard(application: Any, settings: Settings, services: Services) -> DashboardServer | None:
    if not settings.dashboard or application.bot_data.get(DISABLED_KEY):
        return None
    config = DashboardConfig(
        db=services.db,
        clock=services.clock,
        periods=services.periods,
        bot_token=application.bot.token,
        admin_ids=services.admin_ids,
        secure_cookie=bool(
            settings.dashboard_public_url and settings.dashboard_public_url.startswith("https://")
        ),
        secret=settings.dashboard_secret,
        report_style=services.report_style,
        fetch_file=_fetcher(application),
        other_bot_tokens=lambda: tuple(application.bot_data.get(OTHER_TOKENS_KEY, ())),
    )
    server = DashboardServer(config, settings.dashboard_host, settings.dashboard_port)
    try:
        await server.start()
    except OSError as exc:  # the port is taken: the bot itself still runs
        logger.error(
            "Dashboard not started: cannot listen on %s:%s (%s)",
            settings.dashboard_host,
            settings.dashboard_port,
            exc.strerror or exc,
        )
        await server.close()
        return None
    application.bot_data[SERVER_KEY] = server
    public = settings.dashboard_public_url
    services.extra[URL_KEY] = (public + "/app/") if public else server.url
    if public and public.startswith("https://"):
        services.extra[WEBAPP_KEY] = public + "/app/"
    return server


async def stop_dashboard(application: Any) -> None:
    server: DashboardServer | None = application.bot_data.pop(SERVER_KEY, None)
    if server is not None:
        await server.close()
