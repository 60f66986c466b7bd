"""/xong: the progress-report conversation, one module per group of steps around a typed draft."""

from handlers.progress.conversation import build_conversation, register

__all__ = ["build_conversation", "register"]
