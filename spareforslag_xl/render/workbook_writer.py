"""The workbook writer: a content tree (content/nodes.py) into an .xlsx with today's look.

It places every block of a sheet from the top, asks the page plan of each table where its rows
go (workbook/pages.py: a table continues on a new page under its name and header), turns every
meaning into a live formula carrying its value, and draws the charts over the rows they show.
Rows are known by their keys; a formula that refers to a row not yet placed (a summary above
its details, the overview before the theme sheets) is written when the whole document is placed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spareforslag_xl.content.nodes import (
    Blank,
    Cell,
    Chart,
    Charts,
    Document,
    Figure,
    FixedColumns,
    Gap,
    Header,
    Line,
    Meaning,
    Minus,
    Ratio,
    Row,
    Same,
    Sheet,
    Sum,
    SumOf,
    Table,
    Text,
    YearColumns,
)
from spareforslag_xl.render.charts import department_chart, difference_chart, themes_chart
from spareforslag_xl.workbook.book import DocProps, add_sheet, cell, close, new_workbook, sheet_name, sheet_ref
from spareforslag_xl.workbook.pages import Table as PageTable
from spareforslag_xl.workbook.sheet import BOLD_WRAPPING, INDENTED, WRAPPING, SheetWriter, Styles

LABEL_WIDTH = 54
YEAR_WIDTH = 11
NOTE_WIDTH = 40
WIDE_SHEET = 170
"""Characters of columns that print one page wide at about 85 %."""
MIN_LABEL_WIDTH, MIN_NOTE_WIDTH = 34, 26


@dataclass(frozen=True)
class _Pending:
    writer: SheetWriter
    row: int
    col: int
    cell: Figure


def year_column_widths(years: int) -> tuple[float, float]:
    """The label and note widths of a sheet with years: with many years they narrow (their texts
    wrap), so that the sheet still prints one page wide at a readable scale."""
    spare = max(0, years * YEAR_WIDTH + LABEL_WIDTH + NOTE_WIDTH - WIDE_SHEET)
    label = max(MIN_LABEL_WIDTH, LABEL_WIDTH - spare * 3 // 5)
    note = max(MIN_NOTE_WIDTH, NOTE_WIDTH - (spare - (LABEL_WIDTH - label)))
    return label, note


def workbook_bytes(doc: Document, order: Sequence[str] = (),
                   extras: Iterable[Callable[[Any, Styles, Any], None]] = ()) -> bytes:
    """Return the bytes of the workbook of doc. ``order`` names sheets written before the rest (the
    numbering of cell formats follows the order cells are first written in); ``extras`` add sheets
    written by code of their own, after these: each is called with the workbook, its styles and the
    sheet names taken.

    The document's sheets are let go as they are written (``doc.sheets`` is empty afterwards): a large
    report's content, as large as its cells, need not stay beside them until the workbook is saved."""
    return _Writer(doc).write(order, extras)


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.book, self.buffer = new_workbook()
        self.styles = Styles(self.book, doc.decimals)
        if doc.decisions:
            self.styles.decision_styles()
        self.places: dict[str, tuple[str, int]] = {}
        self.pending: list[_Pending] = []
        self.header_years: dict[str, int] = {}

    def write(self, order: Sequence[str], extras: Iterable[Callable[[Any, Styles, Any], None]]) -> bytes:
        taken: set[str] = set()
        writers = {s.name: SheetWriter(add_sheet(self.book, sheet_name(s.name, taken)), self.styles)
                   for s in self.doc.sheets}
        queue = [s for name in order for s in self.doc.sheets if s.name == name]
        queue += [s for s in self.doc.sheets if s not in queue]
        self.doc.sheets.clear()
        queue.reverse()
        while queue:
            self._sheet(queue[-1], writers[queue[-1].name])
            queue.pop()  # its rows are freed; the cells written stay until the workbook is saved
        for held in self.pending:
            self._figure(held.writer, held.row, held.col, held.cell, final=True)
        for extra in extras:
            extra(self.book, self.styles, taken)
        if self.doc.active:
            writers[self.doc.active].activate()
        p = self.doc.properties
        props = DocProps(title=p.title, subject=p.subject, company=p.company, comments=p.comments,
                         created=p.created)
        return close(self.book, self.buffer, props)

    # -- a sheet ----------------------------------------------------------------------------------
    def _sheet(self, s: Sheet, w: SheetWriter) -> None:
        last_col = self._columns(s, w)
        row = 0
        held: list[tuple[list[int], Table]] = []
        for block in s.blocks:
            if isinstance(block, Gap):
                row += block.rows
            elif isinstance(block, Line):
                self._row(w, row, block.row)
                row += 1
            elif isinstance(block, Table) and not block.paged and _ahead(block, self.places):
                row = self._hold(w, row, block, last_col, held)
            elif isinstance(block, Table):
                row = self._table(w, row, block, last_col)
            elif isinstance(block, Charts):
                row = self._charts(w, row, block, last_col)
            for placed, table in [h for h in held if not _ahead(h[1], self.places, own=False)]:
                held.remove((placed, table))
                for at, r in zip(placed, table.rows, strict=True):
                    self._row(w, at, r)
        if s.autofilter is not None:
            key, last = s.autofilter
            w.autofilter(self._local(w, key), 0, row - 1, last)
        if s.freeze is not None:
            w.freeze(self._local(w, s.freeze[0]) + 1, s.freeze[1])
        w.apply_heights()
        repeat = None
        if s.repeat is not None:
            header = self._local(w, s.repeat)
            repeat = (header, header)
        w.print_setup(s.print_title, s.print_source, repeat)
        w.forget_measures()

    def _columns(self, s: Sheet, w: SheetWriter) -> int:
        cols = s.columns
        if isinstance(cols, YearColumns):
            label, note = year_column_widths(cols.years)
            w.column(0, 0, label)
            w.column(1, cols.years, YEAR_WIDTH)
            w.column(cols.years + 1, cols.years + 1, note, side=True)
            return cols.years + 1
        assert isinstance(cols, FixedColumns)
        for col, width in enumerate(cols.widths):
            w.column(col, col, width, side=col in cols.side)
        return len(cols.widths) - 1

    def _local(self, w: SheetWriter, key: str) -> int:
        sheet, row = self.places[key]
        assert sheet == w.name, f"{key} is on {sheet}, not {w.name}"
        return row

    # -- rows and tables --------------------------------------------------------------------------
    def _row(self, w: SheetWriter, row: int, r: Row) -> None:
        if r.key is not None:
            self.places[r.key] = (w.name, row)
        amount, side = w.amount, w.side_columns
        for col, c in r.cells.items():
            # Most cells are plain amounts: written without the dispatch of _cell (a million at 5.000 lines);
            # a figure in a side column goes through _cell, which gives it the style of a figure beside amounts.
            if c.__class__ is Figure and c.meaning is None and not c.plain and col not in side:
                amount(row, col, c.value, c.role)  # type: ignore[arg-type]  # a plain amount, as in _cell
            else:
                self._cell(w, row, col, c)
        if r.height is not None:
            w.row_height(row, r.height)

    def _cell(self, w: SheetWriter, row: int, col: int, c: Cell) -> None:
        if isinstance(c, Figure) and col in w.side_columns:
            # A figure right of the years (a key's share) stands at the left of its column, beside them.
            c = Figure(c.value, w.styles.beside(c.role), c.meaning, c.plain)
        if isinstance(c, Figure) and c.meaning is None and not c.plain:
            w.amount(row, col, c.value, c.role)  # type: ignore[arg-type]  # most cells: asked first
        elif isinstance(c, Text):
            if c.role.endswith(INDENTED):
                c = Text(c.text, w.styles.indented(c.role.removesuffix(INDENTED)), c.span, c.paragraph)
            if c.paragraph:
                w.paragraph(row, col, col + c.span, c.text, c.role)
            elif c.span:
                w.merged_text(row, col, col + c.span, c.text, c.role)
            else:
                w.text(row, col, c.text, c.role)
        elif isinstance(c, Blank):
            w.blank(row, col, c.role)
        elif c.meaning is None:
            if c.plain:
                w.number(row, col, c.value, c.role or None)  # type: ignore[arg-type]
            else:
                w.amount(row, col, c.value, c.role)  # type: ignore[arg-type]
        else:
            self._figure(w, row, col, c)

    def _figure(self, w: SheetWriter, row: int, col: int, c: Figure, final: bool = False) -> None:
        assert c.meaning is not None
        try:
            formula = self._formula(w.name, row, col, c.meaning)
        except KeyError:
            if final:
                raise
            w.hold(row, col)
            self.pending.append(_Pending(w, row, col, c))
            return
        w.formula(row, col, formula, c.value, c.role)

    def _ref(self, sheet: str, key: str, col: int, absolute: bool = False) -> str:
        where, row = self.places[key]
        return cell(row, col, absolute) if where == sheet else sheet_ref(where, row, col)

    def _formula(self, sheet: str, row: int, col: int, m: Meaning) -> str:
        if isinstance(m, Sum):
            last = self._ref(sheet, m.last, col) if m.last is not None else cell(row - 1, col)
            rng = f"{self._ref(sheet, m.first, col)}:{last}"
            return f'=IF(COUNT({rng})=0,"-",SUM({rng}))' if m.dash else f"=SUM({rng})"
        if isinstance(m, SumOf):
            refs = ",".join(self._ref(sheet, k, col) for k in m.rows)
            return f'=IF(COUNT({refs})=0,"-",SUM({refs}))' if m.dash else f"=SUM({refs})"
        if isinstance(m, Minus):
            return f"={self._ref(sheet, m.left, col)}-{self._ref(sheet, m.right, col)}"
        if isinstance(m, Same):
            return "=" + self._ref(sheet, m.row, col)
        if isinstance(m, Ratio):
            t = self._ref(sheet, m.numerator, col)
            d = self._ref(sheet, m.denominator, m.column, absolute=True)
            return f'=IF(ISNUMBER({t}),ROUND({t}/{d},{m.places}),"-")'
        return '="-"' if m.value is None else f"={m.value}"

    def _header(self, w: SheetWriter, row: int, h: Header, last_col: int, text: bool = False) -> None:
        """A table's header: label, the years (as text where it is repeated inside a table, so that
        the sums over the columns leave them out) and the side column's heading."""
        if h.key is not None and not text:
            self.places[h.key] = (w.name, row)
            self.header_years[h.key] = len(h.years)
        w.year_header(row, h.label, h.years, h.side, last_col, text)

    def _hold(self, w: SheetWriter, row: int, t: Table, last_col: int, held: list[tuple[list[int], Table]]) -> int:
        """Place a summary that refers to rows below it (its header now, its rows once those rows are
        placed): its rows count as used, at the height of their wrapping texts, for the page plan of
        the tables in between. A summary longer than a page continues under its header, as any table."""
        plan = None
        h = t.header
        if h is not None:
            self._header(w, row, h, last_col)
            plan = w.table(row, lambda r: self._header(w, r, h, last_col, text=True), t.name)
            row += 1
        placed = []
        wraps = _measured(t.rows)
        for n, r in enumerate(t.rows):
            row = _place(plan, t.rows, n, row, wraps)
            if r.key is not None:
                self.places[r.key] = (w.name, row)
            w.reserve(row, row, {row: wraps(n)})
            placed.append(row)
            row += 1
        held.append((placed, t))
        return row

    def _table(self, w: SheetWriter, row: int, t: Table, last_col: int) -> int:
        h = t.header
        plan = None
        if h is not None:
            self._header(w, row, h, last_col)
            if t.paged:
                plan = w.table(row, lambda r: self._header(w, r, h, last_col, text=True), t.name)
            row += 1
        elif t.paged:
            plan = w.table(row, lambda r: None, t.name)
        rows = t.rows
        wraps = _measured(rows)
        for n, r in enumerate(rows):
            row = _place(plan, rows, n, row, wraps)
            self._row(w, row, r)
            row += 1
        return row

    def _charts(self, w: SheetWriter, row: int, block: Charts, last_col: int) -> int:
        charts = [c for c in (self._chart(w, chart) for chart in block.charts) if c is not None]
        if not charts:
            return row
        width = block.last_col if block.last_col is not None else last_col
        return w.charts(row, charts, block.rows, width)

    def _chart(self, w: SheetWriter, c: Chart) -> Any:
        header = self._local(w, c.categories)
        n = self.header_years[c.categories]
        if c.kind == "stacked":
            series = [(s.name, self._local(w, s.values)) for s in c.series]
            colours = [s.colour if s.colour is not None else i for i, s in enumerate(c.series)]
            assert c.target is not None
            return themes_chart(self.book, w.name, header, n, series, self._local(w, c.target), c.title, colours)
        if c.kind == "by_year":
            if c.first is None or c.last is None:
                return None
            return difference_chart(self.book, w.name, header, n, self._local(w, c.first), self._local(w, c.last),
                                    c.title)
        total = self._local(w, c.series[0].values)
        target = self._local(w, c.target) if c.target is not None else None
        return department_chart(self.book, w.name, c.series[0].name, header, n, total, target, c.title)


def _keys(m: Meaning) -> tuple[str | None, ...]:
    """The keys of the rows a meaning refers to."""
    if isinstance(m, Sum):
        return (m.first, m.last)
    if isinstance(m, SumOf):
        return m.rows
    if isinstance(m, Minus):
        return (m.left, m.right)
    if isinstance(m, Same):
        return (m.row,)
    if isinstance(m, Ratio):
        return (m.numerator, m.denominator)
    return ()


def _ahead(t: Table, places: dict[str, tuple[str, int]], own: bool = True) -> bool:
    """Whether a table refers to rows not placed yet (with own, other than its own rows)."""
    mine = {r.key for r in t.rows} if own else set()
    return any(k is not None and k not in places and k not in mine
               for r in t.rows for c in r.cells.values() if isinstance(c, Figure) and c.meaning is not None
               for k in _keys(c.meaning))


Wraps = tuple[tuple[int, str, bool], ...]


def _measured(rows: Sequence[Row]) -> Callable[[int], Wraps]:
    """Return a function giving the wrapping texts of rows[n], found once per row."""
    found: dict[int, Wraps] = {}

    def wraps(n: int) -> Wraps:
        texts = found.get(n)
        if texts is None:
            texts = found[n] = _wraps(rows[n])
        return texts

    return wraps


def _place(plan: PageTable | None, rows: Sequence[Row], n: int, row: int, wraps: Callable[[int], Wraps]) -> int:
    """Return the row to write rows[n] at: row, or lower where the table continues on a new page. The
    rows kept with it are measured as they will print (a block kept whole has rows of wrapping text)."""
    r = rows[n]
    if plan is None or not r.planned:
        return row
    kept = [wraps(k) for k in range(n + 1, min(n + 1 + r.keep, len(rows)))]
    return plan.row(row, wraps(n), keep=r.keep, kept=kept)


def _wraps(r: Row) -> Wraps:
    """The (column, text, bold) of a row's cells whose text wraps: what the page plan measures it by."""
    cols = r.measure if r.measure is not None else tuple(r.cells)
    found = []
    for col in cols:
        c = r.cells.get(col)
        if isinstance(c, Text) and not c.span and c.text:
            base = c.role.removesuffix(INDENTED)
            if base in WRAPPING:
                found.append((col, c.text, base in BOLD_WRAPPING))
    return tuple(found)
