"""build_application(): the python-telegram-bot Application wired from the settings."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from typing import Any

from sqlalchemy.exc import OperationalError
from telegram import LinkPreviewOptions, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults

from bot.runtime.bot import PlanbotBot
from bot.runtime.dedupe import register as register_dedupe
from bot.runtime.persistence import DatabasePersistence
from bot.runtime.request import AiohttpRequest
from bot.runtime.shared_state import SharedUserState
from bot.runtime.update_processor import PerUserUpdateProcessor
from bot.settings import Settings
from handlers.context import PlanbotApp, PlanbotContext, Services
from plans.clock import Clock
from storage.db import Database

logger = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [
    ("start", "Bắt đầu"),
    ("help", "Hướng dẫn sử dụng"),
    ("viec", "Việc của đơn vị tôi"),
    ("viectoi", "Việc được giao cho tôi"),
    ("chuabaocao", "Ai chưa báo cáo (theo người)"),
    ("tim", "Tìm nhiệm vụ"),
    ("xong", "Báo cáo tiến độ nhiệm vụ"),
    ("baocaoky", "Báo cáo cả kỳ"),
    ("toi", "Thông tin của tôi"),
    ("tyle", "Tỷ lệ hoàn thành kế hoạch"),
    ("quahan", "Nhiệm vụ quá hạn"),
    ("donvi", "Thống kê theo đơn vị"),
    ("chitieu", "Các chỉ tiêu"),
    ("baocao", "Lập báo cáo (Word, Excel, PDF)"),
    ("nhac", "Cài đặt nhắc việc"),
    ("moi", "Tạo lời mời (quản trị)"),
    ("canbo", "Quản lý cán bộ (quản trị)"),
    ("kehoach", "Kế hoạch: xem, lưu trữ (quản trị)"),
    ("maubaocao", "Mẫu báo cáo của xã (quản trị)"),
    ("lichnghi", "Lịch nghỉ, ngày làm bù (quản trị)"),
    ("nhom", "Thành viên cơ quan nhóm (quản trị)"),
    ("coquan", "Cơ quan: đổi tên, gộp (quản trị)"),
    ("truongdonvi", "Trưởng đơn vị giao việc (quản trị)"),
    ("ganxa", "Gắn nhóm chat với xã (quản trị, lãnh đạo)"),
    ("dashboard", "Bảng điều khiển"),
    ("huy", "Huỷ thao tác đang làm"),
]

WARMUP_TASK = "warmup_task"
SOLE_POLLER_KEY = "sole_poller"  # set by `planbot run` when it polls (not behind a webhook balancer)
SHARED_DATABASE_KEY = "shared_database"  # the Database serves several bots of one process
CLOCK_KEY = "clock"  # set before start to run the bot at another moment (`planbot chat --at`)
BUSY_TEXT = "Hệ thống đang bận, vui lòng thử lại sau ít phút."
ERROR_TEXT = "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu. Vui lòng thử lại sau."


async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    persistence = application.persistence
    settings: Settings = application.bot_data["settings"]
    if isinstance(persistence, DatabasePersistence):
        db = persistence.database
    else:  # pragma: no cover - every built application has the persistence
        from storage.db import Database

        db = Database(settings.database_url)
    clock: Clock = application.bot_data.get(CLOCK_KEY) or settings.clock()
    application.bot_data["services"] = Services(
        db=db,
        clock=clock,
        periods=settings.period_policy(),
        admin_ids=frozenset(settings.admin_ids),
        default_reminder_time=settings.reminder_time,
        bot_username=settings.bot_username,
        calendar=settings.calendar(),
        report_style=settings.report_style(),
        soffice=settings.soffice,
    )
    if application.bot_data.get(SOLE_POLLER_KEY) and isinstance(persistence, DatabasePersistence):
        # Telegram gives a bot's updates to one getUpdates caller: no other process holds its locks.
        processor = application.update_processor
        if isinstance(processor, PerUserUpdateProcessor) and processor.shared is not None:
            await processor.shared.forget_locks()
    await _install_menus(application, db)
    from bot.dashboard.runtime import start_dashboard

    await start_dashboard(application, settings, application.bot_data["services"])
    from bot.runtime.jobs import schedule_jobs

    schedule_jobs(application)
    if not application.bot_data.get("warmup_disabled"):
        from bot.runtime.warmup import warm_caches

        # Not awaited: polling starts now, the snapshots load meanwhile (bot/runtime/warmup.py).
        application.bot_data[WARMUP_TASK] = asyncio.create_task(
            warm_caches(db, today=application.bot_data["services"].clock.today()), name="planbot:warm-caches"
        )


async def _install_menus(application: Application[Any, Any, Any, Any, Any, Any], db: Any) -> None:
    """Per-role menus (handlers/menus.py): the default one, then one call per registered leader's
    and admin's chat; a refused call is logged and skipped. A configured admin not yet registered
    gets theirs at their first /start."""
    from bot.runtime.jobs import BOT_ID_KEY
    from handlers.menus import COMMANDS_KEY, install_menus
    from plans.bots import menu_holders_of

    application.bot_data[COMMANDS_KEY] = list(COMMANDS)
    try:  # in a deployment of several bots, each bot's menus go to its own organizations' chats
        holders = await db.run(menu_holders_of, bot_id=application.bot_data.get(BOT_ID_KEY))
    except Exception:  # a database not migrated yet must not stop the bot: the default menu still applies
        logger.warning("Could not read the officials for their command menus", exc_info=True)
        holders = []
    await install_menus(application.bot, COMMANDS, holders)


async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    warming: asyncio.Task[int] | None = application.bot_data.pop(WARMUP_TASK, None)
    if warming is not None and not warming.done():
        warming.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await warming
    from bot.dashboard.runtime import stop_dashboard

    await stop_dashboard(application)
    services: Services | None = application.bot_data.get("services")
    if services is not None and not application.bot_data.get(SHARED_DATABASE_KEY):
        services.db.dispose()  # a Database shared by several bots is disposed by their runner


async def error_handler(update: object, context: PlanbotContext) -> None:
    """Log every unhandled error and answer the user politely in Vietnamese."""
    logger.error("Unhandled error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(context.error, Forbidden):
        return  # the user blocked the bot: nothing can reach them
    text = BUSY_TEXT if isinstance(context.error, OperationalError) else ERROR_TEXT
    if update.callback_query is not None:
        # Stop the button's spinner; the query may already be answered or too old.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        await context.bot.send_message(update.effective_chat.id, html.escape(text))
    except Exception:  # the reply itself may fail (network, blocked user): already logged above
        logger.warning("Could not send the error reply", exc_info=True)


def build_application(
    settings: Settings,
    *,
    token: str | None = None,
    clock: Clock | None = None,
    scope: str = "",
    database: Database | None = None,
) -> PlanbotApp:
    """The one place the Application is assembled: bot, rate limiter, persistence, handlers.

    scope names the bot's own rows of conversation state: "" for TELEGRAM_BOT_TOKEN's bot, the name
    of one of the deployment's other bots (`planbot bots`) for that bot. database: one shared by
    several bots of one process (it is then not disposed at this Application's shutdown)."""
    from handlers import register_all

    persistence = DatabasePersistence(settings.database_url, scope=scope, database=database)
    processor = PerUserUpdateProcessor()
    context_types = ContextTypes(context=PlanbotContext)
    bot = PlanbotBot(
        token or settings.require_token(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_file_url,
        # PTB's default pool sizes (256 for calls, 1 for getUpdates), over aiohttp with JSON bodies
        # (bot/runtime/request.py)
        request=AiohttpRequest(256),
        get_updates_request=AiohttpRequest(1),
        rate_limiter=AIORateLimiter(max_retries=3),
        defaults=Defaults(
            parse_mode="HTML", tzinfo=settings.tz, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
    )
    application = (
        Application.builder()
        .bot(bot)
        .persistence(persistence)
        .context_types(context_types)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(processor)
        .build()
    )
    processor.shared = SharedUserState(application, persistence)
    application.bot_data["settings"] = settings
    if database is not None:
        application.bot_data[SHARED_DATABASE_KEY] = True
    if clock is not None:
        application.bot_data[CLOCK_KEY] = clock
    register_dedupe(application)  # group -1: a redelivered update stops before any handler
    register_all(application)  # type: ignore[arg-type]
    application.add_error_handler(error_handler)  # type: ignore[arg-type]
    return application  # type: ignore[return-value]
