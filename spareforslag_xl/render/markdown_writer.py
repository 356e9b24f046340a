"""The Markdown writer of the proposals document: the dialect ``spareforslag import`` reads.

That is the dialect of the seed (slides converted to Markdown): ``#`` for a section (the title,
'Oversigt', a theme), ``##`` for 'Beskrivelse af opgaven' and its siblings, ``###`` for a
sub-heading of a text; paragraphs separated by blank lines; tables as TAB-separated rows with
``<b>`` and ``<i>`` markup; figures in the document's number forms (3.250; 0,14; 28,4 %; '-').
"""

from __future__ import annotations

from spareforslag_xl.content.nodes import Blank, Cell, Document, Figure, Header, Line, Row, Table, Text
from spareforslag_xl.render.text_writer import cell_text

HEADINGS = {"title": 1, "section": 2, "subsection": 3}
"""The heading level of a line's role; a section's own name is level 1."""
BOLD = frozenset({"label_total", "amount_bold", "amount_total", "bold", "header"})
ITALIC = frozenset({"italic", "note", "fte_label"})


def markdown_text(doc: Document) -> str:
    """Return the document as Markdown text (UTF-8, LF line ends, one blank line between blocks)."""
    out: list[str] = []
    for sheet in doc.sheets:
        if sheet.name:
            out.append(f"# {_flat(sheet.name)}")
        for block in sheet.blocks:
            if isinstance(block, Line):
                text = _line(block.row)
                if text:
                    out.append(text)
            elif isinstance(block, Table):
                out.append(_table(block, doc.decimals))
    return "\n\n".join(out) + "\n"


def _line(row: Row) -> str:
    cell = row.cells.get(0)
    if not isinstance(cell, Text) or not cell.text.strip():
        return ""
    level = HEADINGS.get(cell.role)
    if level is not None:
        return "#" * level + " " + _flat(cell.text)
    text = escape(cell.text.replace("\t", " ").strip())
    if cell.role in ("subtitle", "note"):
        return "\n".join(f"*{line.strip()}*" if line.strip() else "" for line in text.split("\n"))
    return text


def _table(table: Table, decimals: int) -> str:
    rows = [_header(table.header)] if table.header is not None else []
    for r in table.rows:
        width = max(r.cells, default=0) + 1
        rows.append([_cell(r.cells.get(i), decimals) for i in range(width)])
    width = max(len(r) for r in rows)
    return "\n".join("\t".join(r + [""] * (width - len(r))) for r in rows)


def _header(h: Header) -> list[str]:
    cells = [_flat(h.label), *map(str, h.years)]
    return cells + ([_flat(h.side)] if h.side else [])


def _cell(c: Cell | None, decimals: int) -> str:
    if c is None or isinstance(c, Blank):
        return ""
    text = _flat(figure_text(c, decimals) if isinstance(c, Figure) else c.text)
    if not text:
        return ""
    if c.role in BOLD:
        return f"<b>{text}</b>"
    if c.role in ITALIC:
        return f"<i>{text}</i>"
    return text


def escape(text: str) -> str:
    """A text with its asterisks kept as such ('…).*' is a footnote mark, not emphasis)."""
    return text.replace("\\*", "*").replace("*", "\\*")


def figure_text(c: Figure, decimals: int) -> str:
    """A figure as the document prints it; a theme's total of 0 in the overview is '-' (nothing to save)."""
    if c.role == "amount_nil" and c.value == 0:
        return "-"
    return cell_text(c, decimals)


def _flat(text: str) -> str:
    """A text on one line: a table cell or a heading cannot hold a line break or a TAB."""
    return " ".join(text.split())
