"""/baocaoky: an official reports a whole period in one sitting (plans/period_report.py)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers.period_report import flow, inputs
from handlers.period_report.attachments import send_attachment
from handlers.period_report.sitting import DOCS, KEY, REASON
from handlers.ui.callbacks_period import (
    PeriodCancel,
    PeriodDoc,
    PeriodEdit,
    PeriodNoDoc,
    PeriodStart,
    PeriodStatus,
    PeriodSubmit,
    ReportAttachment,
)

__all__ = ["register"]

COMMAND = "baocaoky"


class SittingMessageHandler(MessageHandler[Any, Any]):
    """Text and files for a sitting waiting for typed input: checked against the stored sitting
    (user_data, loaded from the database at start), so after a restart the next message still
    continues the sitting instead of being read as a search."""

    def __init__(self, application: Any, message_filter: filters.BaseFilter, callback: Any) -> None:
        super().__init__(message_filter & filters.ChatType.PRIVATE, callback)
        self.application = application

    def check_update(self, update: object) -> Any:
        if not isinstance(update, Update) or update.effective_user is None:
            return None
        data = self.application.user_data.get(update.effective_user.id) or {}
        sitting = data.get(KEY)
        if not isinstance(sitting, dict) or sitting.get("phase") not in (DOCS, REASON):
            return None
        return super().check_update(update)


def register(application: Any) -> None:
    application.add_handler(CommandHandler(COMMAND, flow.command))
    application.add_handler(CallbackQueryHandler(flow.start_button, pattern=PeriodStart.pattern()))
    application.add_handler(CallbackQueryHandler(flow.status_button, pattern=PeriodStatus.pattern()))
    application.add_handler(CallbackQueryHandler(flow.doc_button, pattern=PeriodDoc.pattern()))
    application.add_handler(CallbackQueryHandler(flow.doc_button, pattern=PeriodNoDoc.pattern()))
    application.add_handler(CallbackQueryHandler(flow.submit_button, pattern=PeriodSubmit.pattern()))
    application.add_handler(CallbackQueryHandler(flow.edit_button, pattern=PeriodEdit.pattern()))
    application.add_handler(CallbackQueryHandler(flow.cancel_button, pattern=PeriodCancel.pattern()))
    application.add_handler(CallbackQueryHandler(send_attachment, pattern=ReportAttachment.pattern()))
    application.add_handler(
        SittingMessageHandler(application, filters.Document.ALL | filters.PHOTO, inputs.file_sent)
    )
    application.add_handler(
        SittingMessageHandler(application, filters.TEXT & ~filters.COMMAND, inputs.text_typed)
    )
