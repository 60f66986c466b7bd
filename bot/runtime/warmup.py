"""Load every organization's snapshot and search index right after a start.

The first statistics answer or search of an organization otherwise pays for loading it (about a
second and a half for 10,000 tasks and 100,000 reports, BENCHMARKS.md): after a restart that
would be the first leader to ask. One organization at a time, on the database's own threads, so
that updates keep being answered meanwhile.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from plans.snapshot import org_facts
from plans.tasks import search_index
from storage.db import Database
from storage.queries.facts import organizations

logger = logging.getLogger(__name__)


def warm_organization(*, session: Session, organization_id: int) -> int:
    """Load one organization's snapshot and search index; its number of tasks."""
    facts = org_facts(session=session, organization_id=organization_id)
    search_index(facts)
    return len(facts.tasks)


async def warm_caches(db: Database) -> int:
    """Warm every organization (a failure only costs that organization its head start)."""
    started = time.perf_counter()
    warmed = 0
    for organization_id, _name in await db.run(organizations):
        try:
            await db.run(warm_organization, organization_id=organization_id)
        except SQLAlchemyError:
            logger.warning("Could not preload organization %s", organization_id, exc_info=True)
            continue
        warmed += 1
    logger.info("Preloaded %s organizations in %.1f s", warmed, time.perf_counter() - started)
    return warmed
