"""Placeholder for `planbot remind`: owned by its feature."""

from __future__ import annotations

from typing import Any


def add_parser(subparsers: Any) -> None:
    return None
