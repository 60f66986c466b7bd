"""Buttons of onboarding at scale (handlers/admin.py, handlers/join_requests.py): a single-use
link made shared, and an admin's decision on a join request. Ids only; plans/ re-authorises each press."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from handlers.ui.callbacks import Callback, register


@register
@dataclasses.dataclass(frozen=True)
class InviteShare(Callback):
    """Under a new single-use link: make it the agency's shared link, with approval (a) or open (o)."""

    PREFIX: ClassVar[str] = "jr:s"
    invite_id: int
    kind: str  # a | o


@register
@dataclasses.dataclass(frozen=True)
class JoinDecide(Callback):
    """ "Duyệt" (y) or "Từ chối" (n) on the message telling an admin about one applicant."""

    PREFIX: ClassVar[str] = "jr:d"
    request_id: int
    verdict: str  # y | n


@register
@dataclasses.dataclass(frozen=True)
class JoinApproveAll(Callback):
    """ "Duyệt tất cả": every request still pending on one shared invite, in one tap."""

    PREFIX: ClassVar[str] = "jr:a"
    invite_id: int
