"""`planbot import FILE --columns "stt=1,noidung=2,chutri=3,thoihan=5"`: the CLI's way to say which column
of an unmapped header holds what (the bot asks with buttons, handlers/import_columns.py). Columns are
numbered from 1 as `planbot import` lists them when it cannot map the header."""

from __future__ import annotations

import argparse

from plans.parsing.importer import PlanImportError
from storage.text import fold

# role names as an admin may type them (folded), → the parser's roles
ROLE_WORDS = {
    "stt": "number",
    "so tt": "number",
    "number": "number",
    "noi dung": "content",
    "noidung": "content",
    "content": "content",
    "chu tri": "lead",
    "chutri": "lead",
    "lead": "lead",
    "phoi hop": "coordinating",
    "phoihop": "coordinating",
    "coordinating": "coordinating",
    "thoi han": "deadline",
    "thoihan": "deadline",
    "deadline": "deadline",
    "san pham": "product",
    "sanpham": "product",
    "product": "product",
}


def columns_arg(text: str) -> dict[str, int]:
    """ "noidung=2,chutri=3" → {"content": 1, "lead": 2} (0-based), for argparse's type=."""
    mapping: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, number = part.partition("=")
        role = ROLE_WORDS.get(fold(name).strip())
        if role is None or not number.strip().isdigit() or int(number) < 1 or role in mapping:
            raise argparse.ArgumentTypeError(
                f"«{part}»: dùng dạng stt=1,noidung=2,chutri=3,phoihop=4,thoihan=5,sanpham=6"
            )
        mapping[role] = int(number) - 1
    if "content" not in mapping:
        raise argparse.ArgumentTypeError("cần cột noidung=…")
    return mapping


def unmapped_hint(exc: PlanImportError) -> str:
    """The header cells, numbered, and how to assign them with --columns."""
    cells = "; ".join(f"{i}. {text or '(trống)'}" for i, text in enumerate(exc.header_texts, start=1))
    return (
        f"Các cột của bảng: {cells}\n"
        'Chỉ rõ cột nào là gì bằng --columns, ví dụ --columns "stt=1,noidung=2,chutri=3,thoihan=4".'
    )
