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
    "handlers.explanations",
    "handlers.tasks",
    "handlers.admin",
    "handlers.plans_admin",
    "handlers.calendar_admin",
    "handlers.groups",
    "handlers.report_template",
    "handlers.imports",
    "handlers.stats",
    "handlers.report_files",
    "handlers.escalations",
    "handlers.reminder_settings",
    "handlers.freetext",
    "handlers.fallback",
]


def register_all(application: Any) -> None:
    for name in MODULES:
        import_module(name).register(application)
