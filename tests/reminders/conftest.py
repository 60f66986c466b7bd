"""Fixtures of the reminder tests (builders in tests/support/reminder_world.py)."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from storage.db import Database
from tests.support.reminder_world import World, make_settings


@pytest.fixture
def world(db: Database) -> World:
    return World(db)


@pytest.fixture
def settings() -> Settings:
    return make_settings()
