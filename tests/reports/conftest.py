"""Fixtures of the report tests: the Thanh Xá Q1/2023 appendix (tests/support/thanh_xa.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storage.db import Database
from storage.models import Official
from tests.support.thanh_xa import make_viewer, seed_thanh_xa


@pytest.fixture
def thanh_xa(db: Database) -> dict[str, int]:
    """The Thanh Xá plan with its Q1/2023 results in the test database."""
    return db.call(seed_thanh_xa)


@pytest.fixture
def leader(thanh_xa: dict[str, int]) -> Official:
    return make_viewer(thanh_xa["org"])


@pytest.fixture
def viewer_factory() -> Callable[..., Official]:
    """make_viewer, for tests (conftest modules cannot be imported from tests)."""
    return make_viewer
