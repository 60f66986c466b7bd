"""An official's reminder preferences (/nhac): on/off, the time of the digest, the coordinating part."""

from __future__ import annotations

from sqlmodel import Session

from storage.models import Official
from storage.queries.reminders import set_reminder_prefs


def update_preferences(
    *,
    session: Session,
    official_id: int,
    enabled: bool | None = None,
    reminder_time: str | None = None,
    use_default_time: bool = False,
    coordinating: bool | None = None,
) -> Official | None:
    """Change what the official asked; writing to the bot also proves they can be reached again."""
    return set_reminder_prefs(
        session=session,
        official_id=official_id,
        enabled=enabled,
        reminder_time=reminder_time,
        use_default_time=use_default_time,
        coordinating=coordinating,
    )
