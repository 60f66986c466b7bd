"""Fixtures of the handler tests: the small Thanh Xá commune of tests/support/commune.py."""

from __future__ import annotations

import pytest

from storage.db import Database
from tests.support.commune import World, build_world


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)
