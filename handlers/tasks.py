"""Placeholder: filled in by the feature that owns this module."""

from __future__ import annotations

from typing import Any


def register(application: Any) -> None:
    return None
