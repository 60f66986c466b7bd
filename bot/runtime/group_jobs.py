"""The weekly summary in each bound group chat (handlers/group_chats.py binds them).

Once a day at the reminder time, and once at start-up (catch-up after a down time), each bound
group whose summary for this ISO week is not yet claimed gets it; the claim (a KeyValue row, like
the digests' claims) makes it exactly once per group and week across restarts and processes. A send
that fails drops the claim, so a later pass tries again.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import Forbidden, TelegramError

from plans.group_chats import claim_week, finish_week, summary_groups
from reports.group_summary import weekly_summary_text

logger = logging.getLogger(__name__)

DISABLED_KEY = "group_summaries_disabled"
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": 3600, "coalesce": True, "max_instances": 1}


async def post_weekly_summaries(application: Any) -> int:
    """Post this week's summary to every bound group not yet served; how many were posted. In a
    deployment of several bots, each posts only for the organizations it serves (as the digests)."""
    from bot.runtime.jobs import _served  # jobs.py imports this module lazily: no cycle

    services = application.bot_data.get("services")
    if services is None:
        return 0
    db = services.db
    today = services.clock.today()
    serves = await _served(application, db)
    posted = 0
    for scope in await db.run(summary_groups):
        if serves is not None and not serves(scope.organization_id):
            continue
        if not await db.run(claim_week, group_id=scope.group_id, day=today):
            continue  # posted this week already, or by another process right now
        message_id: int | None = None
        try:
            text = await db.run(weekly_summary_text, scope=scope, today=today, periods=services.periods)
            sent = await application.bot.send_message(scope.chat_id, text)
            message_id = sent.message_id
        except Forbidden:
            logger.info("the bot is no longer in group %s: weekly summary not posted", scope.chat_id)
        except TelegramError as exc:
            logger.warning("could not post the weekly summary to group %s: %s", scope.chat_id, exc)
        except Exception:  # a broken summary must not stop the other groups'
            logger.exception("weekly summary of group %s failed", scope.chat_id)
        await db.run(
            finish_week,
            group_id=scope.group_id,
            day=today,
            sent=message_id is not None,
            message_id=message_id,
        )
        posted += message_id is not None
    return posted


async def group_summary_job(context: Any) -> None:
    application = context.application
    if application.bot_data.get(DISABLED_KEY) or application.bot_data.get("reminders_disabled"):
        return
    try:
        count = await post_weekly_summaries(application)
    except Exception:  # the scheduler must survive; tomorrow's pass retries
        logger.exception("Weekly group summaries failed")
        return
    if count:
        logger.info("Weekly summary posted to %s group(s)", count)


def schedule_group_summaries(application: Any, startup_delay: float) -> None:
    job_queue = application.job_queue
    if job_queue is None:
        return
    settings = application.bot_data["settings"]
    clock = settings.reminder_clock.replace(tzinfo=settings.tz)
    job_queue.run_once(group_summary_job, when=startup_delay, name="groups:startup", job_kwargs=JOB_KWARGS)
    job_queue.run_daily(group_summary_job, time=clock, name="groups:daily", job_kwargs=JOB_KWARGS)
