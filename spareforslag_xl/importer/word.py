"""Reads a proposals document written in Word (.docx) as the text lines the Markdown import reads.

Word's structure becomes the dialect of the seed: a heading (by style 'Title', 'Heading n',
'Overskrift n', or a short paragraph in bold alone) becomes '#' lines of its level; a paragraph
a paragraph, a list item ('List …' styles or numbering) a '- ' line with the items of one list
together; a table TAB-separated rows, a cell in bold alone as '<b>…</b>' and in italics alone as
'<i>…</i>' (totals and line titles), merged cells once. Blank lines separate the blocks. What
follows (the overview, the themes, the tables, the prose) is the Markdown import's, so a Word
document gives the same findings and import report as the same document in Markdown.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document as open_docx
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from spareforslag_xl.model.i18n import _

WORD_SUFFIXES = (".docx", ".docm")
_HEADING = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_BOLD_HEADING_MAX = 120
"""A paragraph in bold alone up to this long reads as a heading (documents without heading styles)."""


class NotWord(ValueError):
    """The data is not a Word document python-docx can open."""


def is_word(data: bytes) -> bool:
    """True when data is a zip package with a Word main part (word/document.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def word_text(data: bytes) -> str:
    """Return the text of a Word document in the Markdown dialect of the import; raise NotWord when
    the data cannot be opened as one."""
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for a damaged package
        raise NotWord(_("the Word document cannot be opened ({reason}).").format(reason=e)) from None
    blocks: list[str] = []
    items: list[str] = []
    for block in _body(document):
        if isinstance(block, WordParagraph) and _is_list_item(block):
            text = _text(block)
            if text:
                items.append("- " + text)
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        text = _table(block) if isinstance(block, WordTable) else _paragraph(block)
        if text:
            blocks.append(text)
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"


def _body(document) -> Iterator[WordParagraph | WordTable]:
    """The body's paragraphs and tables in reading order."""
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield WordParagraph(child, document)
        elif tag == "tbl":
            yield WordTable(child, document)


def _paragraph(p: WordParagraph) -> str:
    text = _text(p)
    if not text:
        return ""
    style = (p.style.name if p.style is not None else "") or ""
    m = _HEADING.match(style.strip())
    if style.strip().casefold() in ("title", "titel"):
        return "# " + _one_line(text)
    if m:
        return "#" * max(1, min(int(m.group(1)), 6)) + " " + _one_line(text)
    if style.strip().casefold() in ("subtitle", "undertitel"):
        return f"*{_one_line(text)}*"
    runs = [r for r in p.runs if r.text.strip()]
    if runs and all(r.bold for r in runs) and len(text) <= _BOLD_HEADING_MAX and "\n" not in text \
            and not text.rstrip().endswith((".", ":")):
        return "## " + _one_line(text)  # a heading made by bold text alone
    return text


def _is_list_item(p: WordParagraph) -> bool:
    style = (p.style.name if p.style is not None else "") or ""
    if style.casefold().startswith(("list", "liste")):
        return True
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _text(p: WordParagraph) -> str:
    """A paragraph's text, its line breaks kept, spaces (also no-break ones) as Markdown has them."""
    text = p.text.replace("\u00a0", " ").replace("\t", " ")
    text = text.replace("*", "\\*")  # Word's asterisks are text, not Markdown's emphasis
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _table(table: WordTable) -> str:
    rows = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell appears once per column it covers
            seen.add(id(cell._tc))
            cells.append(_cell(cell))
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _cell(cell) -> str:
    paragraphs = [p for p in cell.paragraphs if _text(p)]
    text = " ".join(_one_line(_text(p)) for p in paragraphs)
    if not text:
        return ""
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    if runs and all(r.bold for r in runs):
        return f"<b>{text}</b>"
    if runs and all(r.italic for r in runs):
        return f"<i>{text}</i>"
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())
