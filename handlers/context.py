"""Services shared by all handlers, reached through a typed custom context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from plans.clock import Clock
from plans.periods import PeriodPolicy
from plans.tasks import Today
from reminders.calendar import WorkCalendar
from reports.outputs.style import ReportStyle
from storage.db import Database
from storage.models import Official


@dataclass
class Services:
    """What handlers use, built from the settings in bot/app.py's post_init, closed in post_shutdown."""

    db: Database
    clock: Clock
    periods: PeriodPolicy
    admin_ids: frozenset[int] = frozenset()
    default_reminder_time: str = "07:30"  # shown in /nhac
    bot_username: str | None = None
    calendar: WorkCalendar = field(default_factory=WorkCalendar)  # before each commune's own changes
    report_style: ReportStyle = field(default_factory=ReportStyle)  # signer, recipients, place
    soffice: str | None = None  # PLANBOT_SOFFICE: LibreOffice for PDF (None: found on PATH)
    extra: dict[str, Any] = field(default_factory=dict)


class PlanbotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with `services`, created in post_init and closed in post_shutdown."""

    @property
    def services(self) -> Services:
        services = self.application.bot_data.get("services")
        if services is None:  # pragma: no cover - only if post_init did not run
            raise RuntimeError("services are not initialised; post_init did not run")
        return services  # type: ignore[no-any-return]

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def clock(self) -> Clock:
        return self.services.clock

    @property
    def periods(self) -> PeriodPolicy:
        return self.services.periods

    @property
    def day(self) -> Today:
        """Today in the commune, with its reporting periods: what lists and cards are computed for."""
        return Today(self.clock.today(), self.periods)

    # The sender's Official, read once per update together with the update's claim (bot/runtime/
    # dedupe.py), so that handlers do not query it again. One context serves every handler group.
    def remember_official(self, telegram_user_id: int, official: Official | None) -> None:
        self.__dict__["_official"] = (telegram_user_id, official)

    def forget_official(self) -> None:
        self.__dict__.pop("_official", None)

    def remembered_official(self, telegram_user_id: int) -> tuple[bool, Official | None]:
        """(known, official): known is False when nothing was read for this user in this update."""
        found = self.__dict__.get("_official")
        if found is None or found[0] != telegram_user_id:
            return False, None
        return True, found[1]


PlanbotApp = Application[ExtBot[None], PlanbotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]
