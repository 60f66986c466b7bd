"""Telegram handlers, one module per feature. Registration order matters: conversations and
commands first, the free-text router (questions, then search) and the fallback last."""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Each module exposes register(application).
MODULES = [
    "handlers.basic",
    "handlers.onboarding",
    "handlers.progress",
    "handlers.tasks",
    "handlers.admin",
    "handlers.imports",
    "handlers.stats",
    "handlers.reminder_settings",
    "handlers.freetext",
    "handlers.fallback",
]


def register_all(application: Any) -> None:
    for name in MODULES:
        import_module(name).register(application)
