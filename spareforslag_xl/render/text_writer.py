"""The text writer: a content tree (content/nodes.py) as Markdown, the figures as values.

Where the workbook writer emits a live formula, this writer prints what it computes, in the
document's number forms (3.250; 0,14; 28,4 %; '-' for not estimated). A sheet is a section,
a table a pipe table, a paragraph a paragraph; charts are left out (their figures are in the
tables above them).
"""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.content.nodes import Blank, Cell, Charts, Document, Gap, Header, Line, Row, Table, Text
from spareforslag_xl.model.danish import format_danish, format_share

_HEADINGS = {"title": "## ", "section": "### ", "subsection": "#### "}


def document_text(doc: Document, decimals: int = 0) -> str:
    """Return the document as Markdown: one section per sheet."""
    out: list[str] = []
    for sheet in doc.sheets:
        out.append(f"# {sheet.name}\n")
        for block in sheet.blocks:
            if isinstance(block, Line):
                out.append(_line(block.row, decimals))
            elif isinstance(block, Table):
                out.append(_table(block, decimals))
            elif isinstance(block, (Gap, Charts)):
                continue
    return "\n".join(part for part in out if part) + "\n"


def cell_text(c: Cell, decimals: int = 0) -> str:
    """A cell as the text writer prints it (a figure by its value)."""
    if isinstance(c, Text):
        return c.text
    if isinstance(c, Blank):
        return ""
    value = c.value
    if isinstance(value, str):
        return value
    if value is None:
        return "-"
    if c.role.startswith("share"):
        return format_share(Decimal(value))
    if c.role == "fte":
        return format_danish(Decimal(value), 2)
    if c.plain and c.role == "header_num":
        return str(value)
    return format_danish(Decimal(value), decimals)


def _line(r: Row, decimals: int) -> str:
    texts = [cell_text(c, decimals) for _, c in sorted(r.cells.items())]
    texts = [t for t in texts if t]
    if not texts:
        return ""
    first = r.cells.get(0)
    prefix = _HEADINGS.get(first.role, "") if isinstance(first, Text) else ""
    return prefix + " · ".join(texts) + "\n"


def _table(t: Table, decimals: int) -> str:
    cols = [max(r.cells, default=0) for r in t.rows]
    if t.header is not None:
        cols.append(len(t.header.years) + (1 if t.header.side else 0))
    width = max(cols, default=0) + 1
    lines = []
    header = _header_cells(t.header, width) if t.header else [""] * width
    lines.append("| " + " | ".join(_escape(h) for h in header) + " |")
    lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(width)) + "|")
    for r in t.rows:
        row = [cell_text(r.cells[i], decimals) if i in r.cells else "" for i in range(width)]
        lines.append("| " + " | ".join(_escape(x) for x in row) + " |")
    return "\n".join(lines) + "\n"


def _header_cells(h: Header, width: int) -> list[str]:
    cells = [h.label, *map(str, h.years)]
    cells += [""] * (width - len(cells))
    if h.side:
        cells[len(h.years) + 1] = h.side
    return cells


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")

