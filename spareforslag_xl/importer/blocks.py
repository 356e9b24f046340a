"""Splits document lines into blocks: headings, paragraphs and tables (runs of tab-separated rows).

A table in the document dialect is a run of lines with TABs. Blank lines and separator
lines of dashes inside a run do not end it (Word exports split one table over several
blocks that way); a heading or a paragraph does. Cells keep their text with the
``<b>``/``<i>`` markup removed and remember whether it was there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TAG = re.compile(r"</?(?:b|i|em|strong|u|span)\b[^>]*>", re.IGNORECASE)
_DASHES = re.compile(r"^[-=:+|\s]*-{2,}[-=:+|\s]*$")


@dataclass(frozen=True)
class Cell:
    raw: str
    text: str
    """The cell without markup and outer spaces."""
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[Cell, ...]

    def text(self, col: int) -> str:
        return self.cells[col].text if 0 <= col < len(self.cells) else ""

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    @property
    def filled(self) -> list[int]:
        """The columns that hold something."""
        return [i for i, c in enumerate(self.cells) if c.text]


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def last_line(self) -> int:
        return self.line + len(self.lines) - 1

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    separators: tuple[int, ...] = ()
    """Lines of separator rows (dashes) inside the run."""

    @property
    def line(self) -> int:
        return self.rows[0].line

    @property
    def last_line(self) -> int:
        return max([self.rows[-1].line, *self.separators])


Block = Heading | Paragraph | Table


def parse_cell(raw: str) -> Cell:
    """Return a cell with markup removed: '<b>I alt</b>' → 'I alt' (bold)."""
    text = raw.strip()
    bold = bool(re.search(r"<(?:b|strong)\b", text, re.IGNORECASE))
    italic = bool(re.search(r"<(?:i|em)\b", text, re.IGNORECASE))
    text = _TAG.sub("", text).strip()
    if len(text) > 4 and text.startswith("**") and text.endswith("**"):
        text, bold = text[2:-2].strip(), True
    elif len(text) > 2 and text.startswith("*") and text.endswith("*") and not text.startswith("**"):
        text, italic = text[1:-1].strip(), True
    return Cell(raw, " ".join(text.split()), bold, italic)


def is_separator(line: str) -> bool:
    """True for a line of dashes (with or without TABs), as pandoc draws table rules."""
    return bool(_DASHES.match(line)) and "-" in line


def split_blocks(lines: tuple[str, ...] | list[str], first_line: int = 1) -> list[Block]:
    """Return the blocks of the lines; line numbers count from first_line."""
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0
    rows: list[Row] = []
    seps: list[int] = []
    gap = False

    def end_paragraph() -> None:
        nonlocal para
        if para:
            blocks.append(Paragraph(para_line, tuple(para)))
            para = []

    def end_table() -> None:
        nonlocal rows, seps
        if rows:
            blocks.append(Table(tuple(rows), tuple(seps)))
        elif seps:
            pass  # a rule on its own draws nothing
        rows, seps = [], []

    for offset, line in enumerate(lines):
        number = first_line + offset
        if not line.strip():
            end_paragraph()
            gap = True
            continue
        heading = _HEADING.match(line) if line.lstrip().startswith("#") and "\t" not in line else None
        if heading:
            end_paragraph()
            end_table()
            blocks.append(Heading(number, len(heading.group(1)), heading.group(2).strip()))
            continue
        if is_separator(line) and not para:
            seps.append(number)
            continue
        if "\t" in line:
            end_paragraph()
            cells = tuple(parse_cell(c) for c in line.split("\t"))
            if rows and gap and len(cells) != len(rows[-1].cells):
                end_table()  # after a blank line, a row of another width starts another table
            rows.append(Row(number, cells))
            gap = False
            continue
        if not para:
            end_table()
            para_line = number
        para.append(line)
    end_paragraph()
    end_table()
    return blocks
