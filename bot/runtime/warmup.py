"""Load every organization's snapshot and search index, and Vietnam's holidays, right after a start.

The first statistics answer or search of an organization otherwise pays for loading it (about a
second and a half for 10,000 tasks and 100,000 reports, BENCHMARKS.md): after a restart that
would be the first leader to ask. One organization at a time, on the database's own threads, so
that updates keep being answered meanwhile.

Once loaded, the snapshots are hundreds of thousands of objects that live as long as the process.
Python's full garbage collection walks every one of them: about 350 ms with the benchmark's 50
organizations, a pause some user's update waits through, several times an hour under load. They
are moved out of its reach once warmed (`settle_heap`, gc.freeze); objects made later are still
collected, and the frozen ones are still freed when nothing refers to them any more.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from datetime import date

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from plans.snapshot import org_facts
from plans.tasks import search_index
from reminders.calendar import public_holiday
from storage.db import Database
from storage.queries.facts import organizations

logger = logging.getLogger(__name__)


def warm_organization(*, session: Session, organization_id: int) -> int:
    """Load one organization's snapshot and search index; its number of tasks."""
    facts = org_facts(session=session, organization_id=organization_id)
    search_index(facts)
    return len(facts.tasks)


def warm_calendar(today: date) -> None:
    """This year's and next year's holidays. The first look-up imports every country of the
    `holidays` package (0.1–0.4 s): the first task card or digest would wait for it."""
    for year in (today.year, today.year + 1):
        public_holiday(date(year, 1, 1))


async def warm_caches(db: Database, *, today: date | None = None) -> int:
    """Warm the calendar (given `today`) and every organization (a failure only costs that
    organization its head start)."""
    started = time.perf_counter()
    if today is not None:
        await asyncio.to_thread(warm_calendar, today)
    warmed = 0
    for organization_id, _name in await db.run(organizations):
        try:
            await db.run(warm_organization, organization_id=organization_id)
        except SQLAlchemyError:
            logger.warning("Could not preload organization %s", organization_id, exc_info=True)
            continue
        warmed += 1
    settle_heap()
    logger.info("Preloaded %s organizations in %.1f s", warmed, time.perf_counter() - started)
    return warmed


def settle_heap() -> None:
    """Collect once, then keep every object alive now out of later collections (see above)."""
    gc.collect()
    gc.freeze()
