"""Telegram's HTML parse mode, as strict as the real server: the fake Bot API validates with it.

Mirrors tdlib's parser: only the supported tags, properly nested; `&lt; &gt; &amp; &quot;` and numeric
entities are decoded, any other `&` stays literal; a bare `<` that does not open a supported tag is an
error ("a < b" is refused by Telegram too).
"""

from __future__ import annotations

import re

SUPPORTED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


class HtmlError(ValueError):
    """The text is not valid Telegram HTML; str(error) is Telegram's description after the prefix."""


def _decode_entity(match: re.Match[str]) -> str:
    body = match.group(1)
    if body in _NAMED:
        return _NAMED[body]
    code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return match.group(0)


def unescape(text: str) -> str:
    return _ENTITY.sub(_decode_entity, text)


def _offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _parse_attributes(text: str, i: int, tag: str, start: int) -> tuple[dict[str, str], int]:
    """Read attributes up to the closing '>'; return them and the index after '>'."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            raise HtmlError(f"Unclosed start tag at byte offset {_offset(text, start)}")
        if text[i] == ">":
            return attrs, i + 1
        if text[i] == "/" and i + 1 < n and text[i + 1] == ">":  # <b/> is not supported by Telegram
            raise HtmlError(f'Unsupported start tag "{tag}/" at byte offset {_offset(text, start)}')
        name_match = _NAME.match(text, i)
        if name_match is None:
            raise HtmlError(f'Empty attribute name in the tag "{tag}" at byte offset {_offset(text, start)}')
        name = name_match.group(0).lower()
        i = name_match.end()
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i < n and text[i] == "=":
            i += 1
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i >= n:
                raise HtmlError(f"Unclosed start tag at byte offset {_offset(text, start)}")
            if text[i] in "'\"":
                quote = text[i]
                end = text.find(quote, i + 1)
                if end < 0:
                    raise HtmlError(f'Unclosed start tag "{tag}" at byte offset {_offset(text, start)}')
                value = text[i + 1 : end]
                i = end + 1
            else:
                j = i
                while j < n and text[j] not in " \t\r\n>":
                    j += 1
                value = text[i:j]
                i = j
            attrs[name] = unescape(value)
        else:
            attrs[name] = ""


def parse_html(text: str) -> str:
    """Return the plain text a user sees, or raise HtmlError with Telegram's description."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char == "&":
            match = _ENTITY.match(text, i)
            if match is not None:
                out.append(_decode_entity(match))
                i = match.end()
                continue
            out.append("&")
            i += 1
            continue
        if char != "<":
            out.append(char)
            i += 1
            continue
        start = i
        if i + 1 < n and text[i + 1] == "/":
            name_match = _NAME.match(text, i + 2)
            name = name_match.group(0).lower() if name_match else ""
            j = name_match.end() if name_match else i + 2
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j >= n or text[j] != ">":
                raise HtmlError(f"Unclosed end tag at byte offset {_offset(text, start)}")
            if not stack:
                raise HtmlError(f"Unexpected end tag at byte offset {_offset(text, start)}")
            if stack[-1] != name:
                raise HtmlError(
                    f"Unmatched end tag at byte offset {_offset(text, start)}, "
                    f'expected "</{stack[-1]}>", found "</{name}>"'
                )
            stack.pop()
            i = j + 1
            continue
        name_match = _NAME.match(text, i + 1)
        name = name_match.group(0).lower() if name_match else ""
        if name not in SUPPORTED_TAGS:
            raise HtmlError(f'Unsupported start tag "{name}" at byte offset {_offset(text, start)}')
        assert name_match is not None
        attrs, i = _parse_attributes(text, name_match.end(), name, start)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {_offset(text, start)}')
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HtmlError(
                f'Tag "tg-emoji" must have correct "emoji-id" attribute at byte offset {_offset(text, start)}'
            )
        stack.append(name)
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def plain_text(text: str | None, parse_mode: str | None) -> str | None:
    """What the user reads: tags removed and entities decoded for HTML, the text itself otherwise."""
    if text is None:
        return None
    if parse_mode is not None and parse_mode.upper() == "HTML":
        return parse_html(text)
    return text
