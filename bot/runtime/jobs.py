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
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot.runtime.sender import TelegramSender
from plans.bots import served_by
from reminders.dispatch import run_reminders
from reminders.escalation_dispatch import run_escalations
from storage.queries.bots import organization_bots

logger = logging.getLogger(__name__)

TICK = timedelta(minutes=30)
STARTUP_DELAY = 30.0  # seconds: let polling start first
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": 3600, "coalesce": True, "max_instances": 1}
LOCK_KEY = "reminders_lock"
BOT_ID_KEY = "bot_account_id"  # set on the Application of a BotAccount (a deployment of several bots)
RETAKE_JOB = "reminders:retake"
RETAKES_KEY = "reminder_retakes"
RETAKE_MARGIN = 5.0  # seconds after a lease runs out
MAX_RETAKES = 12  # a day


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
        # The leaders' weekly digest carries the dashboard's Web App button (https public URL only).
        sender = TelegramSender(context.bot, webapp_url=services.extra.get("dashboard_webapp_url"))
        serves = await _served(application, services.db)
        try:
            report = await run_reminders(
                db=services.db, sender=sender, config=config, now=services.clock.now(), serves=serves
            )
        except Exception:  # a broken pass must not kill the scheduler; the next tick retries
            logger.exception("Reminder pass failed")
        else:
            if report.skipped:
                schedule_retake(application, config.claim_lease, report.day)
        try:  # the leaders' escalation notices, claimed the same way (reminders/escalation.py)
            notices = await run_escalations(
                db=services.db, sender=sender, config=config, now=services.clock.now(), serves=serves
            )
            if notices.skipped:
                schedule_retake(application, config.claim_lease, notices.day)
        except Exception:
            logger.exception("Escalation pass failed")


async def _served(application: Any, db: Any) -> Callable[[int | None], bool] | None:
    """The organizations this Application's bot writes to, when the deployment has several bots
    (bot_data[BOT_ID_KEY]: a BotAccount's id; absent for the default bot); None: every one."""
    bot_id = application.bot_data.get(BOT_ID_KEY)
    try:
        bindings = await db.run(organization_bots)
    except Exception:  # without the bindings, the default bot alone writes (nobody hears twice)
        logger.warning("Could not read which bot serves which organization", exc_info=True)
        return (lambda _org: False) if bot_id is not None else None
    return served_by(bindings, bot_id)


def schedule_retake(application: Any, lease: timedelta, day: date) -> bool:
    """Digests claimed elsewhere: held by a live pass, or by a dead one whose lease runs out soon.
    A pass just after the lease sends what a dead pass left (the ticks may be half an hour away, or
    over for the day); a few a day at most, in case a claim never becomes free."""
    job_queue = application.job_queue
    if job_queue is None or job_queue.get_jobs_by_name(RETAKE_JOB):
        return False
    counts: dict[date, int] = application.bot_data.setdefault(RETAKES_KEY, {})
    if counts.get(day, 0) >= MAX_RETAKES:
        return False
    counts[day] = counts.get(day, 0) + 1
    delay = lease.total_seconds() + RETAKE_MARGIN
    job_queue.run_once(reminder_job, when=delay, name=RETAKE_JOB, job_kwargs=JOB_KWARGS)
    logger.info("Digests claimed elsewhere: another pass in %.0f s", delay)
    return True


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
    from bot.runtime.group_jobs import schedule_group_summaries

    schedule_group_summaries(application, STARTUP_DELAY)  # the bound group chats' weekly summary
