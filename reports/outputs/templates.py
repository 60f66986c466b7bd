"""Report templates (docxtpl): the shipped default, the check an uploaded template passes on arrival,
and rendering. A template is a .docx whose text holds Jinja placeholders ({{ trich_yeu }}, loops
{%p for dong in ket_qua %}…{%p endfor %}); their names are reports/outputs/cover.py's PLACEHOLDERS.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from jinja2 import TemplateError as JinjaError
from jinja2.exceptions import TemplateSyntaxError, UndefinedError

from reports.outputs.cover import ITEM_FIELDS, PLACEHOLDERS, sample_context

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "bao-cao.docx"
DEFAULT_NAME = "mau-bao-cao.docx"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


class TemplateError(Exception):
    """The template cannot be used; the message (Vietnamese) says why and what to do."""


def default_template() -> bytes:
    return DEFAULT_TEMPLATE.read_bytes()


def environment() -> Environment:
    """Unknown names raise instead of printing nothing; every value is XML-escaped."""
    return Environment(undefined=StrictUndefined, autoescape=True)


def _open(content: bytes) -> DocxTemplate:
    template = DocxTemplate(io.BytesIO(content))
    template.init_docx()
    return template


def render_template(content: bytes, context: dict[str, Any]) -> DocxTemplate:
    """The rendered template (its python-docx Document is `.docx`)."""
    template = _open(content)
    template.render(context, jinja_env=environment(), autoescape=True)
    return template


def _known_names() -> str:
    return ", ".join(sorted(PLACEHOLDERS))


def check_template(content: bytes) -> list[str]:
    """The placeholders a template uses, or TemplateError with a clear reason: not a .docx, a broken
    tag, an unknown placeholder, a field a list's items do not have."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateError("Tệp mẫu quá lớn (tối đa 5 MB).")
    try:
        template = _open(content)
        used = template.get_undeclared_template_variables(jinja_env=environment())
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise TemplateError("Tệp không phải văn bản Word (.docx) hợp lệ.") from exc
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"Mẫu có thẻ viết sai ({exc.message}). Mỗi trường phải viết liền một lần, "
            "ví dụ {{ trich_yeu }}; thẻ lặp viết {%p for dong in ket_qua %} … {%p endfor %}."
        ) from exc
    unknown = sorted(used - set(PLACEHOLDERS))
    if unknown:
        names = ", ".join("{{ " + name + " }}" for name in unknown)
        raise TemplateError(f"Mẫu có trường không biết: {names}. Các trường dùng được: {_known_names()}.")
    if not used:
        raise TemplateError(
            "Mẫu chưa có trường nào (ví dụ {{ trich_yeu }}, {{ ty_le }}): bot không có chỗ để điền số liệu."
        )
    try:
        render_template(content, sample_context())
    except UndefinedError as exc:
        attribute = _ATTRIBUTE.search(str(exc.message))
        if attribute:
            fields = "; ".join(f"{name}: {', '.join(fields)}" for name, fields in ITEM_FIELDS.items())
            raise TemplateError(
                f"Mẫu dùng trường «{attribute.group(1)}» mà mục của danh sách không có. "
                f"Các danh sách và trường của mục: {fields}."
            ) from exc
        name = _UNDEFINED.search(str(exc.message))
        raise TemplateError(
            f"Mẫu có trường không biết: {name.group(1) if name else exc.message}. "
            f"Các trường dùng được: {_known_names()}."
        ) from exc
    except JinjaError as exc:
        raise TemplateError(f"Mẫu không điền được số liệu: {exc.message or exc}.") from exc
    return sorted(used)
