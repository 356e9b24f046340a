"""The Word writer of the proposals document (python-docx): real headings, paragraphs and tables.

The same content as the Markdown writer, as a Word document that reads well on A4 and that
``spareforslag import`` reads back: the title in the style 'Title', sections in 'Heading 1' to
'Heading 3', texts in 'Normal' (lines starting with '- ' as 'List Bullet'), tables in a grid whose
header row repeats on every page and whose rows do not split, figures right-aligned in the
document's number forms, totals in bold and unnumbered lines in italics. A document whose tables
are wider than portrait A4 holds (more than five years) is set in landscape. The document is Danish
(da-DK), has its title, subject and author in its properties, and 'Side x af y' in the footer.

The bytes depend on the content alone: the parts of the package are dated by the document's
date (its properties' 'created'), as the workbooks are.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.table import Table as WordTable

from spareforslag_xl.content.nodes import Blank, Cell, Document, Figure, Header, Line, Table, Text
from spareforslag_xl.render.markdown_writer import BOLD, ITALIC, figure_text

LANGUAGE = "da-DK"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_STYLES = {"title": "Title", "subtitle": "Subtitle", "section": "Heading 2", "subsection": "Heading 3"}
_PORTRAIT_COLUMNS = 7
"""A document with a table of more columns than this (a label, a share and five years) is set in landscape."""
_KEEP_TOGETHER = 20
"""A table of up to this many rows stays on one page (with the sentence that introduces it)."""


def docx_bytes(doc: Document, template: bytes | None = None) -> bytes:
    """Return the document as the bytes of a .docx file; with ``template`` (a .docx or .dotx file's
    bytes) its styles, page size and margins, header and footer (a logo among them) are used."""
    word = new_document(io.BytesIO(_as_document(template))) if template is not None else new_document()
    if template is not None:
        _clear_body(word)
    _set_up(word, doc, own_page=template is None)
    if _widest(doc) > _PORTRAIT_COLUMNS:
        _landscape(word)  # every table has the plan's years: the whole document is turned
    for sheet in doc.sheets:
        if sheet.name:
            _styled(word, _flat(sheet.name), "Heading 1")
        for block in sheet.blocks:
            if isinstance(block, Line):
                _line(word, block)
            elif isinstance(block, Table):
                _table(word, block, doc.decimals)
    out = io.BytesIO()
    word.save(out)
    return _dated(out.getvalue(), doc.properties.created or _EPOCH)


def _as_document(template: bytes) -> bytes:
    """A Word template (.dotx) is a document with another content type; python-docx opens documents."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
            dst.writestr(info, data)
    return out.getvalue()


def _clear_body(word: WordDocument) -> None:
    """Remove a template's sample text and tables; its last section (page set-up, header, footer) stays."""
    body = word.element.body
    for child in list(body.iterchildren()):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _set_up(word: WordDocument, doc: Document, own_page: bool = True) -> None:
    p = doc.properties
    props = word.core_properties
    props.title = p.title
    props.subject = p.subject
    props.author = p.company
    props.comments = p.comments
    props.language = LANGUAGE
    props.last_modified_by = p.company
    props.revision = 1
    created = (p.created or _EPOCH).replace(tzinfo=None)
    props.created = created
    props.modified = created
    props.last_printed = created
    # The language of every text: the document defaults' run properties.
    rpr = _default_run_properties(word)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    if not own_page:
        return
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2)
    _footer(section)


def _default_run_properties(word: WordDocument):
    """The run properties of the document defaults (w:docDefaults/w:rPrDefault/w:rPr), made when missing."""
    parent = word.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr"):
        child = parent.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            parent.insert(0, child) if tag == "w:docDefaults" else parent.append(child)
        parent = child
    return parent


def _footer(section) -> None:
    """'Side x af y' under every page."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Side ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" af ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text is not None and text.strip() == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _line(word: WordDocument, line: Line) -> None:
    cell = line.row.cells.get(0)
    if not isinstance(cell, Text) or not cell.text.strip():
        return
    style = _STYLES.get(cell.role)
    if style is not None:
        _styled(word, _flat(cell.text), style)
        return
    lines = [x.strip() for x in cell.text.replace("\t", " ").strip().split("\n")]
    if all(x.startswith("- ") for x in lines if x):
        for x in lines:
            if x:
                _styled(word, x[2:].strip(), "List Bullet")
        return
    paragraph = word.add_paragraph()
    if cell.text.rstrip().endswith(":"):
        paragraph.paragraph_format.keep_with_next = True  # it introduces the table or list below it
    for i, x in enumerate(lines):
        run = paragraph.add_run(x)
        run.italic = cell.role in ITALIC or None
        if i < len(lines) - 1:
            run.add_break()


def _table(word: WordDocument, table: Table, decimals: int) -> None:
    rows = [_header_cells(table.header)] if table.header is not None else []
    header_rows = len(rows)
    for r in table.rows:
        width = max(r.cells, default=0) + 1
        rows.append([r.cells.get(i) for i in range(width)])
        if header_rows == len(rows) - 1 and any(isinstance(c, Text) and c.role == "header" for c in r.cells.values()):
            header_rows += 1
    width = max(len(r) for r in rows)
    grid = word.add_table(rows=len(rows), cols=width)
    if _has_style(word, "Table Grid"):
        grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(grid, word, width)
    together = len(rows) <= _KEEP_TOGETHER
    for i, cells in enumerate(rows):
        row = grid.rows[i]
        _row_properties(row, header=i < header_rows)
        word_cells = list(row.cells)
        for j in range(width):
            c = cells[j] if j < len(cells) else None
            _fill(word_cells[j], c, decimals, header=i < header_rows, label=j == 0)
            if together and i < len(rows) - 1:
                word_cells[j].paragraphs[0].paragraph_format.keep_with_next = True
        for j, c in enumerate(cells):
            if isinstance(c, Text) and c.span and j + c.span < width:
                word_cells[j].merge(word_cells[j + c.span])
    word.add_paragraph()


def _styled(word: WordDocument, text: str, style: str) -> None:
    """A paragraph in a style; in a template without that style, in bold (the import reads it as a heading)
    or, for a list item, with a bullet."""
    if _has_style(word, style):
        word.add_paragraph(text, style=style)
    elif style == "List Bullet":
        word.add_paragraph("• " + text)
    else:
        word.add_paragraph().add_run(text).bold = True


def _has_style(word: WordDocument, name: str) -> bool:
    return any(s.name == name for s in word.styles)


def _header_cells(h: Header) -> list[Cell | None]:
    cells: list[Cell | None] = [Text(h.label, "header")]
    cells += [Figure(y, "header_num", plain=True) for y in h.years]
    if h.side:
        cells.append(Text(h.side, "header"))
    return cells


def _row_properties(row, header: bool) -> None:
    """Rows do not split over pages; a header row repeats on each page (and is marked as the header)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill(cell, c: Cell | None, decimals: int, header: bool, label: bool) -> None:
    paragraph = cell.paragraphs[0]
    if c is None or isinstance(c, Blank):
        return
    text = figure_text(c, decimals) if isinstance(c, Figure) else _flat(c.text)
    if not label:
        text = text.replace(" %", "\u00a0%")  # '28,4 %' does not break in a narrow column
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    run.bold = header or c.role in BOLD or None
    run.italic = (not header and c.role in ITALIC) or None
    if not label:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if isinstance(c, Text) and not header and c.role == "italic" and not label:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # a status text over the year columns


def _widths(grid: WordTable, word: WordDocument, columns: int) -> None:
    section = word.sections[-1]
    usable = _length(section.page_width, 21) - _length(section.left_margin, 2.2) - _length(section.right_margin, 2.2)
    narrowest = Cm(1.9) if columns <= _PORTRAIT_COLUMNS else Cm(1.5)  # '100,0 %' in bold fits 1,9 cm
    figure = min(Cm(2.2), max(narrowest, int(usable * 0.5 / max(columns - 1, 1))))
    first = usable - figure * (columns - 1)
    grid.autofit = False
    for j, column in enumerate(grid.columns):
        column.width = first if j == 0 else figure
        for cell in column.cells:
            cell.width = first if j == 0 else figure


def _widest(doc: Document) -> int:
    """The number of columns of the document's widest table."""
    widths = [len(t.header.years) + 1 + bool(t.header.side) for sheet in doc.sheets for t in sheet.blocks
              if isinstance(t, Table) and t.header is not None]
    widths += [max(r.cells, default=0) + 1 for sheet in doc.sheets for t in sheet.blocks
               if isinstance(t, Table) for r in t.rows]
    return max(widths, default=0)


def _landscape(word: WordDocument) -> None:
    """Turn every section of the document to landscape (A4 unless the template says otherwise)."""
    for section in word.sections:
        width, height = _length(section.page_width, 21), _length(section.page_height, 29.7)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Emu(max(width, height)), Emu(min(width, height))


def _length(value: int | None, cm: float) -> int:
    """A page measure of the document, or A4's in cm where the template leaves it unset."""
    return int(value) if value is not None else int(Cm(cm))


def _dated(data: bytes, when: datetime) -> bytes:
    """The package again with every part dated ``when``, so the same content gives the same bytes."""
    stamp = when.astimezone(UTC).timetuple()[:6] if when.tzinfo else when.timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _flat(text: str) -> str:
    return " ".join(text.split())
