"""Placeholder: the reminders feature schedules its daily and weekly runs here."""

from __future__ import annotations

from typing import Any


def schedule_jobs(application: Any) -> None:
    return None
