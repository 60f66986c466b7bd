"""Configuration from the environment (and an optional .env), validated once in main()."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from plans.clock import Clock
from plans.periods import PeriodPolicy
from reminders.calendar import WorkCalendar, calendar_from
from reminders.policy import ReminderConfig
from reports.outputs.style import DEFAULT_RECIPIENTS, ReportStyle

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class SettingsError(Exception):
    """A configuration value is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(default="https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL")
    telegram_api_file_url: str = Field(
        default="https://api.telegram.org/file/bot", alias="TELEGRAM_API_FILE_URL"
    )
    database_url: str = Field(default="sqlite:///planbot.db", alias="DATABASE_URL")
    timezone: str = Field(default="Asia/Ho_Chi_Minh", alias="PLANBOT_TIMEZONE")
    reminder_time: str = Field(default="07:30", alias="PLANBOT_REMINDER_TIME")
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list, alias="PLANBOT_ADMIN_IDS")
    bot_username: str | None = Field(default=None, alias="PLANBOT_BOT_USERNAME")
    # Reminder calendar: offsets in days before the due day, Saturday as a working day, public holidays.
    reminder_offsets: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [7, 3, 1, 0], alias="PLANBOT_REMINDER_OFFSETS"
    )
    work_on_saturday: bool = Field(default=False, alias="PLANBOT_WORK_ON_SATURDAY")
    # Seconds a pass holds a digest's claim before renewing it; a dead pass's claims are sent by
    # another pass once it runs out.
    reminder_lease_seconds: float = Field(default=90.0, gt=0, alias="PLANBOT_REMINDER_LEASE_SECONDS")
    holidays: Annotated[list[date], NoDecode] = Field(default_factory=list, alias="PLANBOT_HOLIDAYS")
    # "calendar" quarters, or the reporting periods of Nghị định 09/2019/NĐ-CP.
    period_mode: Literal["calendar", "nd09"] = Field(default="calendar", alias="PLANBOT_PERIOD_MODE")
    # The commune's reporting period, and the day of the month after it by which it reports on it.
    report_period: Literal["quarter", "month"] = Field(default="quarter", alias="PLANBOT_REPORT_PERIOD")
    report_window_day: int = Field(default=20, ge=1, le=31, alias="PLANBOT_REPORT_WINDOW_DAY")
    log_level: str = Field(default="INFO", alias="PLANBOT_LOG_LEVEL")
    # The written report (Nghị định 30/2020): the signature block, the recipients, the địa danh.
    report_signer_authority: str = Field(
        default="TM. ỦY BAN NHÂN DÂN", alias="PLANBOT_REPORT_SIGNER_AUTHORITY"
    )
    report_signer_on_behalf: str = Field(default="KT. CHỦ TỊCH", alias="PLANBOT_REPORT_SIGNER_ON_BEHALF")
    report_signer_title: str = Field(default="PHÓ CHỦ TỊCH", alias="PLANBOT_REPORT_SIGNER_TITLE")
    report_signer_name: str = Field(default="", alias="PLANBOT_REPORT_SIGNER_NAME")
    report_recipients: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_RECIPIENTS), alias="PLANBOT_REPORT_RECIPIENTS"
    )
    report_place: str = Field(default="", alias="PLANBOT_REPORT_PLACE")
    soffice: str | None = Field(default=None, alias="PLANBOT_SOFFICE")
    # Escalation to the leader in charge: a task overdue for more than N working days, an agency
    # without its period report when the reporting window has closed.
    escalation: bool = Field(default=True, alias="PLANBOT_ESCALATION")
    escalate_after_days: int = Field(default=10, ge=0, le=365, alias="PLANBOT_ESCALATE_AFTER_DAYS")
    # The leaders' dashboard (bot/dashboard/): served by the bot process at /app/ on host:port; the
    # public URL (https, behind the reverse proxy) is what the Web App button and login links open.
    dashboard: bool = Field(default=True, alias="PLANBOT_DASHBOARD")
    dashboard_host: str = Field(default="127.0.0.1", alias="PLANBOT_DASHBOARD_HOST")
    dashboard_port: int = Field(default=8081, ge=0, le=65535, alias="PLANBOT_DASHBOARD_PORT")
    dashboard_public_url: str | None = Field(default=None, alias="PLANBOT_DASHBOARD_PUBLIC_URL")
    dashboard_secret: str | None = Field(default=None, alias="PLANBOT_DASHBOARD_SECRET")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(re.fullmatch(r"-?\d+", p) for p in parts):
                raise ValueError("expected comma-separated Telegram user ids, e.g. 12345,67890")
            return [int(p) for p in parts]
        return value

    @field_validator("reminder_offsets", mode="before")
    @classmethod
    def _parse_offsets(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not parts or not all(p.isdigit() for p in parts):
                raise ValueError("expected comma-separated whole numbers of days, e.g. 7,3,1,0")
            return sorted({int(p) for p in parts}, reverse=True)
        return value

    @field_validator("report_recipients", mode="before")
    @classmethod
    def _parse_recipients(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return value

    @field_validator("holidays", mode="before")
    @classmethod
    def _parse_holidays(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return [date.fromisoformat(p.strip()) for p in value.split(",") if p.strip()]
            except ValueError as exc:
                raise ValueError("expected comma-separated ISO dates, e.g. 2026-01-01,2026-04-30") from exc
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("expected an IANA time zone such as Asia/Ho_Chi_Minh") from exc
        return value

    @field_validator("reminder_time")
    @classmethod
    def _check_time(cls, value: str) -> str:
        if not _HHMM.match(value.strip()):
            raise ValueError("expected a time of day as HH:MM, e.g. 07:30")
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _check_db(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError(
                "expected an SQLAlchemy URL such as sqlite:///planbot.db or postgresql+psycopg://…"
            )
        return value

    @field_validator("telegram_api_base_url", "telegram_api_file_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        if not re.match(r"^https?://", value):
            raise ValueError("expected an http(s) URL")
        return value

    @field_validator("dashboard_public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.match(r"^https?://[^/\s]+", value.strip()):
            raise ValueError("expected the dashboard's public http(s) base URL, e.g. https://bot.example.vn")
        return value.strip().rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def reminder_clock(self) -> time:
        hours, minutes = self.reminder_time.split(":")
        return time(int(hours), int(minutes))

    def clock(self) -> Clock:
        """The clock of PLANBOT_TIMEZONE (plans.clock: the only source of "today")."""
        return Clock(self.tz)

    def period_policy(self) -> PeriodPolicy:
        return PeriodPolicy(mode=self.period_mode, unit=self.report_period, window_day=self.report_window_day)

    def calendar(self) -> WorkCalendar:
        """The deployment's working calendar: public holidays, PLANBOT_WORK_ON_SATURDAY, PLANBOT_HOLIDAYS."""
        return calendar_from(self.work_on_saturday, self.holidays)

    def reminder_config(self, clock: Clock | None = None) -> ReminderConfig:
        return ReminderConfig(
            clock=clock or self.clock(),
            periods=self.period_policy(),
            calendar=self.calendar(),
            reminder_time=self.reminder_clock,
            offsets=tuple(self.reminder_offsets),
            escalate_after_days=self.escalate_after_days if self.escalation else None,
            claim_lease=timedelta(seconds=self.reminder_lease_seconds),
        )

    def report_style(self) -> ReportStyle:
        return ReportStyle(
            signer_authority=self.report_signer_authority,
            signer_on_behalf=self.report_signer_on_behalf,
            signer_title=self.report_signer_title,
            signer_name=self.report_signer_name,
            recipients=tuple(self.report_recipients),
            place=self.report_place,
        )

    def require_token(self) -> str:
        if not self.telegram_bot_token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: expected the bot token from @BotFather (e.g. 123456:ABC-DEF…)"
            )
        return self.telegram_bot_token


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning pydantic's multi-line report into one line that names the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        alias = Settings.model_fields[field].alias if field in Settings.model_fields else field
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        raise SettingsError(f"{alias or field}: {message}") from None
