"""The content of an output as plain data: sheets of headings, tables, paragraphs and charts.

One tree, many writers, as docutils' node tree and Pandoc's AST are: the builders in this
package turn a computed plan into this tree once, and each writer turns the tree into a format
(render/workbook_writer.py into a workbook, render/text_writer.py into text). The tree knows
nothing of formats; a writer knows nothing of plans.

A figure keeps its meaning: a total is a ``Sum`` of rows, a difference a ``Minus``, a figure
shown again elsewhere a ``Same`` as the row it comes from. The workbook writer turns a meaning
into a live formula that carries the figure's value; a text writer prints the value. Rows that
are referred to carry a ``key`` unique in the document.

Roles (``role``) name what a cell is ('label_total', 'note', 'amount_nil' …); the workbook writer
takes them as the names of its cell styles, a text writer as emphasis or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

Value = Decimal | None
"""An amount, or None where it is not estimated ('-', which is not 0)."""


# -- what a computed figure means ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Sum:
    """The sum of rows first…last of the same column (a contiguous range; without last, down to the row
    above: a table's total, whatever a page break put in between); with ``dash``, '-' when none of them
    holds a number."""

    first: str
    last: str | None = None
    dash: bool = False


@dataclass(frozen=True, slots=True)
class SumOf:
    """The sum of the same column of separate rows; with ``dash``, '-' when none holds a number."""

    rows: tuple[str, ...]
    dash: bool = False


@dataclass(frozen=True, slots=True)
class Minus:
    """Row ``left`` minus row ``right``, in the same column."""

    left: str
    right: str


@dataclass(frozen=True, slots=True)
class Same:
    """The figure of another row (on this sheet or another) in the same column."""

    row: str


@dataclass(frozen=True, slots=True)
class Ratio:
    """Row ``numerator`` divided by the figure of column ``column`` of row ``denominator``, rounded
    to ``places`` decimals; '-' when the numerator is not a number (FTE = saving / salary)."""

    numerator: str
    denominator: str
    column: int
    places: int


@dataclass(frozen=True, slots=True)
class Fixed:
    """A constant the spreadsheet shows as a formula: '-' (None) or a number."""

    value: Decimal | None


Meaning = Sum | SumOf | Minus | Same | Ratio | Fixed


# -- cells ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Text:
    """Text, always written as text. ``span`` > 0: merged over that many more columns; ``paragraph``:
    prose that wraps over the merged columns and sets the row's height."""

    text: str
    role: str = "text"
    span: int = 0
    paragraph: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """A number: an amount ('-' when None), a share, FTE or a year. With a meaning it is computed, and
    value is what the meaning computes."""

    value: Value | int | str
    role: str = "amount"
    meaning: Meaning | None = None
    plain: bool = False
    """A number in the cell's default format, never '-' (a year, a salary)."""


@dataclass(frozen=True, slots=True)
class Blank:
    """An empty cell that still has a role (an empty target)."""

    role: str


Cell = Text | Figure | Blank


# -- rows and tables -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Row:
    """One row: cells by column (0 the label, then one per year, then the side column).

    ``key`` names the row for meanings and charts. ``keep``: how many rows after this one must
    stay on its page; ``planned`` False: the row follows the one before it without a page decision
    of its own (kept by it). ``height``: a height of its own, in points."""

    cells: dict[int, Cell]
    key: str | None = None
    keep: int = 0
    planned: bool = True
    height: float | None = None
    measure: tuple[int, ...] | None = None
    """The columns whose wrapping text the page plan measures the row by (None: every column)."""


@dataclass(frozen=True, slots=True)
class Header:
    """A table's header row: the label column, the years and the side column's heading."""

    label: str
    years: tuple[int, ...]
    side: str = ""
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header, rows (totals among them, with their meanings). ``name`` is what a continuation
    on a new page is called ('<name> (fortsat)'); ``paged`` False: a table the page plan does not
    split (a summary)."""

    header: Header | None
    rows: tuple[Row, ...]
    name: str = ""
    paged: bool = True


@dataclass(frozen=True, slots=True)
class Line:
    """A row outside any table (a heading, a note, a banner)."""

    row: Row


@dataclass(frozen=True, slots=True)
class Gap:
    """Empty rows."""

    rows: int = 1


@dataclass(frozen=True, slots=True)
class Series:
    """One series of a chart: its name (a text, or the label of row ``name_row``) and the row whose
    year columns hold its values."""

    values: str
    name: str = ""
    name_row: str | None = None
    colour: int | None = None
    """The series' colour, as its place in the writer's palette (None: its place in the chart). A theme's
    series gives the theme's place in the plan, so that a theme keeps its colour in every report of the
    plan, whichever themes a chart shows."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart over the figures of tables above it: ``kind`` 'stacked' (series stacked by year, with
    the target as a line), 'by_year' (one series per year over the rows first…last of a table) or
    'total' (one series, with the target as a line when there is one)."""

    kind: str
    title: str
    categories: str
    """The key of the header row whose years are the categories."""
    series: tuple[Series, ...] = ()
    target: str | None = None
    first: str | None = None
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Charts:
    """Charts side by side over ``rows`` rows, a caption under them."""

    charts: tuple[Chart, ...]
    rows: int
    last_col: int | None = None
    """The last column whose width the charts share (None: the sheet's last column)."""


Block = Table | Line | Gap | Charts


@dataclass(frozen=True, slots=True)
class YearColumns:
    """The columns of a sheet with years: label, one per year, a note (widths from the number of years)."""

    years: int


@dataclass(frozen=True, slots=True)
class FixedColumns:
    """Columns of given widths; ``side`` the columns of texts right of figures (indented)."""

    widths: tuple[float, ...]
    side: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet (a section of a document): its blocks from the top, and how it prints."""

    name: str
    columns: YearColumns | FixedColumns
    blocks: tuple[Block, ...]
    freeze: tuple[str, int] | None = None
    """(key of a header row, columns): freeze the rows down to that header and the columns left of it."""
    repeat: str | None = None
    """The key of a header row printed on every page (a sheet that is one table)."""
    autofilter: tuple[str, int] | None = None
    """(key of a header row, its last column): a filter over the table below it."""
    print_title: str = ""
    print_source: str = ""


@dataclass(frozen=True, slots=True)
class Properties:
    """The document's properties (what Excel shows under File › Info)."""

    title: str
    subject: str
    company: str
    comments: str
    created: datetime | None = None


@dataclass
class Document:
    """An output's content: its sheets in order, the one it opens on, its properties."""

    sheets: list[Sheet]
    properties: Properties
    active: str = ""
    decimals: int = 0
    decisions: bool = False
    """The plan is decided: the writer needs the styles of struck-through lines."""
    extras: list = field(default_factory=list)
    """Sheets written by code of their own after these (the audit, the changes), as callables."""
