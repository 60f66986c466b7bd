"""Issue 17: replies holding user text stay within Telegram's limits after escaping — at the limits
with "&", "<" and emoji, as free text, in a search, and cut safely in split parts and captions."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest

from bot.offline.fake.html import plain_text
from bot.offline.harness import BotHarness
from handlers.ui.replies import MAX_CAPTION, MAX_TEXT, clip, esc, split_text, tg_len

ADMIN = 1001
HOSTILE = ["&" * 4096, "<" * 4096, "😀" * 2048, "<b>" * 1365, "&amp;" * 819, "a😀&<" * 1024]


@pytest.mark.parametrize("text", HOSTILE, ids=["amp", "lt", "emoji", "tags", "entities", "mixed"])
def test_split_parts_fit_and_parse(text: str) -> None:
    shown = f"Không tìm thấy nhiệm vụ nào khớp «{esc(text)}».\n<b>Gợi ý:</b> gõ ít chữ hơn."
    parts = split_text(shown)
    assert len(parts) > 1
    for part in parts:
        assert tg_len(part) <= MAX_TEXT
        plain_text(part, "HTML")  # raises on a cut entity or tag
    # nothing is lost: the parts put back together are the whole text
    assert "".join(html.unescape(plain_text(p, "HTML") or "") for p in parts).replace("\n", "") == (
        html.unescape(plain_text(shown, "HTML") or "").replace("\n", "")
    )


def test_a_cut_inside_bold_closes_and_reopens_the_tag() -> None:
    parts = split_text("<b>" + esc("&" * 5000) + "</b>", limit=1000)
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    assert all(tg_len(p) <= 1000 for p in parts)


@pytest.mark.parametrize("text", HOSTILE[:3])
def test_clip_fits_a_caption(text: str) -> None:
    clipped = clip(esc(text), MAX_CAPTION)
    assert tg_len(clipped) <= MAX_CAPTION and clipped.endswith("…")
    plain_text(clipped, "HTML")


@pytest.mark.parametrize("text", HOSTILE[:3], ids=["amp", "lt", "emoji"])
async def test_free_text_at_the_limits_gets_an_answer(
    harness_factory: Callable[..., BotHarness], text: str
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        replies = await h.send(admin, text)
        assert replies and all(m.text for m in replies)
        assert not h.errors
