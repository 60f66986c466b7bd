"""The public entry points the golden outputs go through (one place to follow the layout)."""

from bot.offline.demo import prepare_demo
from bot.settings import load_settings
from plans.periods import parse_period_code
from reminders.dispatch import run_reminders
from reports.answers.core import answer_question
from reports.documents import organization_source, render_file
from reports.outputs.docx import build_report, render_docx
from reports.outputs.style import ReportStyle
from storage.db import Database
from storage.models import Official
from storage.queries.facts import find_organization

__all__ = [
    "Database",
    "Official",
    "ReportStyle",
    "answer_question",
    "build_report",
    "find_organization",
    "load_settings",
    "organization_source",
    "parse_period_code",
    "prepare_demo",
    "render_docx",
    "render_file",
    "run_reminders",
]
