"""Giải trình: the conversation in which an agency's official answers a leader's request."""

from handlers.explanations.conversation import build_conversation, register

__all__ = ["build_conversation", "register"]
