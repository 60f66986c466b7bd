"""Telegram handlers, one module per feature. Registration order matters: conversations and
commands first, the free-text router (questions, then search) and the fallback last."""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Each module exposes register(application).
MODULES = [
    "handlers.notices",
    "handlers.group_chats",  # every group chat message stops there: the rest is for private chats
    "handlers.basic",
    "handlers.onboarding",
    "handlers.progress",
    "handlers.period_report",
    "handlers.explanations",
    "handlers.task_edit",  # its typed values before the free-text router (handlers.freetext)
    "handlers.tasks",
    "handlers.assign_due",  # its typed dates before the free-text router (handlers.freetext)
    "handlers.assign",
    "handlers.heads",
    "handlers.admin",
    "handlers.join_requests",
    "handlers.plans_admin",
    "handlers.calendar_admin",
    "handlers.groups",
    "handlers.agency_edit",  # /coquan; its rename's typed name before the free-text router
    "handlers.report_template",
    "handlers.imports",
    "handlers.import_columns",
    "handlers.import_review",
    "handlers.narrative_import",
    "handlers.stats",
    "handlers.report_files",
    "handlers.dashboard",
    "handlers.escalations",
    "handlers.reminder_settings",
    "handlers.freetext",
    "handlers.fallback",
]


def register_all(application: Any) -> None:
    for name in MODULES:
        import_module(name).register(application)
