"""The reminder jobs on the Application's JobQueue (APScheduler 3 AsyncIOScheduler).

The database is the source of truth: every job runs the same idempotent pass ("what is due today
and not yet sent"), so the jobs only decide *when* to look:
- at start-up (catch-up: the bot was down at reminder time → today's digests now; never older ones),
- daily at PLANBOT_REMINDER_TIME,
- every 30 minutes (:00 and :30), for officials who chose their own time in /nhac.
The weekly leaders' digest goes out in the pass of the first working day of the week; each pass
then sends the escalation notices due (reminders/escalation.py), claimed the same way.
Set `application.bot_data["reminders_disabled"] = True` before start to switch them off (tests).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta
from typing import Any

from bot.runtime.sender import TelegramSender
from reminders.dispatch import run_reminders
from reminders.escalation_dispatch import run_escalations

logger = logging.getLogger(__name__)

TICK = timedelta(minutes=30)
STARTUP_DELAY = 30.0  # seconds: let polling start first
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": 3600, "coalesce": True, "max_instances": 1}
LOCK_KEY = "reminders_lock"


def next_tick(now: datetime, tick: timedelta = TICK) -> datetime:
    """The next :00 or :30 after now (aware)."""
    step = int(tick.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp((epoch // step + 1) * step, tz=now.tzinfo or UTC)


async def reminder_job(context: Any) -> None:
    application = context.application
    if application.bot_data.get("reminders_disabled"):
        return
    services = application.bot_data.get("services")
    if services is None:
        logger.warning("Reminder job skipped: services are not initialised")
        return
    lock: asyncio.Lock = application.bot_data.setdefault(LOCK_KEY, asyncio.Lock())
    if lock.locked():  # a pass is still running; it or the next tick covers this one
        return
    async with lock:
        settings = application.bot_data["settings"]
        config = settings.reminder_config(services.clock)
        sender = TelegramSender(context.bot)
        try:
            await run_reminders(db=services.db, sender=sender, config=config, now=services.clock.now())
        except Exception:  # a broken pass must not kill the scheduler; the next tick retries
            logger.exception("Reminder pass failed")
        try:  # the leaders' escalation notices, claimed the same way (reminders/escalation.py)
            await run_escalations(db=services.db, sender=sender, config=config, now=services.clock.now())
        except Exception:
            logger.exception("Escalation pass failed")


def schedule_jobs(application: Any) -> None:
    job_queue = application.job_queue
    if job_queue is None:
        logger.warning("No JobQueue (python-telegram-bot[job-queue] missing): reminders are not scheduled")
        return
    settings = application.bot_data["settings"]
    clock: time = settings.reminder_clock.replace(tzinfo=settings.tz)
    job_queue.run_once(reminder_job, when=STARTUP_DELAY, name="reminders:startup", job_kwargs=JOB_KWARGS)
    job_queue.run_daily(reminder_job, time=clock, name="reminders:daily", job_kwargs=JOB_KWARGS)
    job_queue.run_repeating(
        reminder_job,
        interval=TICK,
        first=next_tick(application.bot_data["services"].clock.now()),
        name="reminders:tick",
        job_kwargs=JOB_KWARGS,
    )
    logger.info(
        "Reminders scheduled daily at %s (%s) and every 30 minutes", settings.reminder_time, settings.tz
    )
