"""Word formatting of Nghị định 30/2020/NĐ-CP shared by the report's parts (python-docx helpers):
Times New Roman, the document language, page numbers centred at the top from page 2, table rows
that never break across pages and a header row repeated on every page."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
LANGUAGE = "vi-VN"


def set_font(run_or_style: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    font = run_or_style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def para(
    paragraph: Paragraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    after: float = 0,
) -> Paragraph:
    run = paragraph.add_run(text)
    set_font(run, size, bold=bold, italic=italic)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    return paragraph


def _lang(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)


def set_language(document: DocumentObject) -> None:
    """vi-VN everywhere: the document defaults, every style and every run that names a language
    (Word then checks Vietnamese spelling, not English)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _lang(rpr)
    for style in styles.findall(qn("w:style")):
        style_rpr = style.find(qn("w:rPr"))
        if style_rpr is not None and style_rpr.find(qn("w:lang")) is not None:
            _lang(style_rpr)
    for part_element in _parts(document):
        for lang in part_element.iter(qn("w:lang")):
            for attr in ("w:val", "w:eastAsia", "w:bidi"):
                lang.set(qn(attr), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _parts(document: DocumentObject) -> list[Any]:
    elements = [document.element.body]
    for section in document.sections:
        for hf in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if not hf.is_linked_to_previous:
                elements.append(hf._element)
    return elements


def cant_split(row: Any) -> None:
    """A table row is never broken across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        element = OxmlElement("w:cantSplit")
        tr_pr.insert(0, element)


def repeat_header(row: Any) -> None:
    """The row is repeated at the top of every page the table reaches."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)


def keep_rows_whole(document: DocumentObject) -> None:
    for table in document.tables:
        for row in table.rows:
            cant_split(row)


def _field(paragraph: Paragraph, instruction: str, shown: str, size: float) -> None:
    def run_with(element: Any) -> None:
        run = paragraph.add_run()
        set_font(run, size)
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    number = paragraph.add_run(shown)
    set_font(number, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def has_page_number(section: Section) -> bool:
    header = section.header
    return any("PAGE" in (t.text or "") for t in header._element.iter(qn("w:instrText")))


def page_numbers(section: Section, size: float = 14) -> None:
    """Page numbers centred at the top, none on the first page (Nghị định 30/2020, Phụ lục I)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", "2", size)
    first = section.first_page_header
    first.is_linked_to_previous = False
    section.header_distance = Mm(10)


def ensure_page_numbers(document: DocumentObject) -> None:
    """A template without page numbers gets them; one that has its own keeps them."""
    section = document.sections[0]
    if not has_page_number(section):
        page_numbers(section)
    else:
        section.different_first_page_header_footer = True


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def rule(paragraph: Paragraph, indent_mm: float) -> None:
    """A short line under a heading (Quốc hiệu, trích yếu): the paragraph's bottom border between
    its indents."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent_mm)
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    fmt.line_spacing = Pt(3)  # exactly: the line sits right under the text above
    run = paragraph.add_run()
    set_font(run, 2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.append(borders)
