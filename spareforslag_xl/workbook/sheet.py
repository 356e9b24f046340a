"""A worksheet writer that knows our styles: text as text, amounts with '-', formulas with values."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.model.labels import CHART_CAPTION
from spareforslag_xl.workbook.book import excel_text, footer_text
from spareforslag_xl.workbook.pages import (  # noqa: F401 (LINE_HEIGHT … stay importable from here)
    LINE_HEIGHT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    ROW_HEIGHT,
    Above,
    Decided,
    Table,
    lines_height,
    page_breaks,
    wrapped_lines,
)
from spareforslag_xl.workbook.styles import (  # noqa: F401 (the styles stay importable from here)
    BASE_FORMAT,
    ERROR_FILL,
    HEADER_FILL,
    INDENTED,
    OK_FILL,
    SHARE_FORMAT,
    TOTAL_FILL,
    WARN_FILL,
    WRAPPED,
    Styles,
    amount_format,
)

WRAPPING = frozenset({"text_wrap", "italic", "note", "description", "error", "warning", "banner", "label",
                      "label_indent", "label_muted", "label_struck", "label_struck_indent", "header",
                      "label_total"})
"""The styles whose text wraps (text_wrap): only their rows grow with their text. A text in another style
prints on one line, over the empty cells right of it (a heading, the scenario line)."""
BOLD_WRAPPING = frozenset({"header", "banner", "subsection", "label_total"})
"""The bold styles (a paragraph's 'subsection' wraps in its wrapping variant), whose wider letters the page
plan measures with Calibri's bold widths."""
STYLE_HEIGHT = {"title": 24.0, "subtitle": 17.0, "section": 18.0, "banner": 30.0}
"""Rows with larger text need more than the default height, or they touch the row below."""
FIT_SCALE = 80
"""Sheets that fit the page width at this scale or more (with Calibri, as Excel prints them) are shrunk
to one page wide. LibreOffice's columns are 5.6 % wider with Carlito (measured: it fits the width at
0.947 of this scale), so it prints them at 75 % or more too: 10 pt text at 7.5 pt or more."""
NARROWED_SCALE = 98
"""The scale ``fit_width`` narrows a sheet's columns to print one page wide at (the master's sheets,
which staff also read on screen, keep their text nearly full size)."""
WIDE_SCALE = 75
"""The scale a sheet too wide for FIT_SCALE prints at, several pages across (both programs print a set
scale as it is: 10 pt text at 7.5 pt)."""
MIN_SCALE = 75
"""The smallest scale page breaks are planned for (sheets are kept narrow enough to print larger)."""


def width_points(width: float) -> float:
    """The printed width of a column of width characters (7 pixels a character and 5 of padding)."""
    return (width * 7 + 5) * 0.75


class SheetWriter:
    """Writes cells of one worksheet; remembers how wide columns and how tall wrapped rows must be.

    The only way the rest of the program writes a worksheet: cells in our styles, and the few
    sheet settings the workbooks use (widths, heights, frozen panes, filters, dropdowns,
    comments, print setup). The xlsxwriter worksheet itself stays private to this class.
    """

    def __init__(self, worksheet, styles: Styles) -> None:
        self._ws = worksheet
        self.styles = styles
        self._formats = styles.formats
        self.column_widths: dict[int, float] = {}
        self._column_styles: dict[int, str | None] = {}
        self.row_lines: dict[int, int] = {}
        self.heights: dict[int, float] = {}
        self.used_rows: set[int] = set()
        self.chart_rows: set[int] = set()
        self.side_columns: set[int] = set()
        self.key_columns: tuple[int, int] | None = None
        """The columns that say which row is which (a theme, a number, a title): printed again at the
        left of every page across when the sheet is too wide for one page."""
        self.decided: dict[int, Decided] = {}
        """First row of a table → what it decided about its pages while it was written (``Table``)."""
        self._page: float | None = None
        self.last_col = 0
        self.above: Above | None = None
        """The page plan of the rows above the latest table (``plan_above``), valid while no row
        above changed_from changes."""
        self.changed_from = 0
        self._measured: dict[tuple, int] = {}
        """The lines of a row's wrapping texts (``_lines``) by those texts: a row is measured when it is
        planned, for each row kept with it and when written (emptied when a column's width changes)."""

    def changed(self, row: int) -> None:
        """Note that the cells, height or page decisions of row changed (the page plan above it is stale)."""
        if row < self.changed_from:
            self.changed_from = row

    def column(self, first: int, last: int, width: float, style: str | None = None, side: bool = False) -> None:
        """Set the width of columns before writing, so that wrapped text can be measured.

        A side column stands right of figures (a note, a basis, a name after a share): its text
        is indented, so that 'Bemærkning' never reads as part of the year before it."""
        self._ws.set_column(first, last, width, self.styles[style] if style else None)
        self._measured.clear()
        for col in range(first, last + 1):
            self.column_widths[col] = width
            if side:
                self.side_columns.add(col)
            self._column_styles[col] = style

    def fit_width(self, minimum: dict[int, float]) -> bool:
        """Narrow the columns in minimum (column → its narrowest width) so that the sheet's columns
        print one page wide at NARROWED_SCALE or more; return whether they do.

        Call it after setting the widths and before writing the cells, so that wrapped text is
        measured at the new widths. Each column gives up the same part of its room above its
        minimum; a sheet that cannot fit even so keeps its widths (and prints several pages wide)."""
        budget = PAGE_WIDTH * 100 / NARROWED_SCALE
        cols = range(max(self.column_widths, default=-1) + 1)
        total = sum(width_points(self.column_widths.get(c, 8.43)) for c in cols)
        if total <= budget:
            return True
        room = {c: self.column_widths[c] - low for c, low in minimum.items() if self.column_widths.get(c, 0) > low}
        excess = (total - budget) / (width_points(1) - width_points(0))
        if excess > sum(room.values()):
            return False
        part = excess / sum(room.values())
        for c, spare in room.items():
            width = int(self.column_widths[c] - spare * part)  # rounded down: the sum stays within the page
            self.column(c, c, width, self._column_styles.get(c))
        return True

    def _used(self, row: int, col: int, style: str | None = None) -> None:
        if row < self.changed_from:
            self.changed_from = row
        self.used_rows.add(row)
        if col > self.last_col:
            self.last_col = col
        if style is not None and (style := style.removesuffix(WRAPPED)) in STYLE_HEIGHT:
            self.heights[row] = max(self.heights.get(row, 0), STYLE_HEIGHT[style])

    def _wrap(self, row: int, col: int, text: str, style: str, span: float = 0) -> None:
        base = style.removesuffix(INDENTED)
        self._used(row, col, base)
        width = span or self.column_widths.get(col)
        if width and base != style:
            width -= 2  # the indent
        if (base in WRAPPING or base.endswith(WRAPPED)) and width and text:
            lines = wrapped_lines(text, width, base.removesuffix(WRAPPED) in BOLD_WRAPPING)
            if lines > self.row_lines.get(row, 1):
                self.row_lines[row] = lines

    def hold(self, row: int, col: int) -> None:
        """Count a cell as written before it is (a formula whose rows are placed later), so that the
        page plan of the tables in between knows it is there."""
        self._used(row, col)

    def row_height(self, row: int, height: float) -> None:
        """Set the height of a row in points (apply_heights sets those of wrapped rows)."""
        self.changed(row)
        self.heights[row] = height
        self._ws.set_row(row, height)

    def height_of(self, row: int) -> float:
        """The height row prints with: its own, its wrapped text's, or the default."""
        lines = self.row_lines.get(row)
        if lines is None:  # most rows
            return self.heights.get(row, ROW_HEIGHT)
        return max(self.heights.get(row, ROW_HEIGHT), lines_height(lines))

    def _lines(self, wraps) -> int:
        """The lines the tallest of the texts wraps, (column, text) pairs or (column, text, bold), will
        need once written (in a side column, in the width its indent leaves, as ``_wrap`` measures it then)."""
        key = tuple(wraps)
        lines = self._measured.get(key)
        if lines is None:
            lines = self._measured[key] = self._measure(key)
        return lines

    def forget_measures(self) -> None:
        """Let go of the measured texts once the sheet's rows are placed (the texts of a large report)."""
        self._measured.clear()

    def _measure(self, wraps) -> int:
        return max((wrapped_lines(text, self.column_widths.get(col, 8.43) - (2 if col in self.side_columns else 0),
                                  bool(bold) and bold[0]) for col, text, *bold in wraps if text), default=1)

    def estimate(self, row: int, wraps=()) -> float:
        """The height row will print with once the texts wraps, (column, text) pairs, are written in it."""
        if not wraps:  # most rows: no text of one line is taller than the row
            return self.height_of(row)
        return max(self.height_of(row), lines_height(self._lines(wraps)))

    def reserve(self, first: int, last: int, wraps: dict[int, tuple[tuple, ...]] | None = None) -> None:
        """Count rows first…last as used before they are written (a summary written after the
        tables below it), so that the page plan of those tables knows they are there; wraps gives,
        per row, the (column, text) of the cells whose text will wrap, so that it knows their height."""
        self.changed(first)
        self.used_rows.update(range(first, last + 1))
        for row, texts in (wraps or {}).items():
            lines = self._lines(texts)
            if lines > self.row_lines.get(row, 1):
                self.row_lines[row] = lines

    def table(self, row: int, header, name: str = "", whole: bool = True) -> Table:
        """Start a table at row (its heading and header are written, or row is its first row) that
        continues on the next page under its name '(fortsat)' and its header, written by header(row);
        with ``whole`` it starts on a new page when it does not fit below what is there (see ``Table``)."""
        return Table(self, row, header, name, whole)

    def _scale(self, last: int) -> int:
        """The print scale of the sheet's columns 0…last: the one that fits the width, or WIDE_SCALE."""
        width = sum(width_points(self.column_widths.get(c, 8.43)) for c in range(last + 1))
        # Excel and LibreOffice each fit the width with their own column widths (LibreOffice's, with
        # Carlito, are 5.6 % wider); the page breaks are planned at Excel's larger scale, where a page
        # holds fewer rows, so that a table kept whole fits with either.
        scale = max(MIN_SCALE, min(100, int(PAGE_WIDTH * 100 / width))) if width else 100
        return scale if scale >= FIT_SCALE else WIDE_SCALE

    def planned_page(self) -> float:
        """The height a page holds, in points of the sheet at 100 %, as planned for its first table:
        the columns written by then print at this scale or larger, so the page holds no less."""
        if self._page is None:
            self._page = PAGE_HEIGHT * 100 / self._scale(self.last_col)
        return self._page

    def apply_heights(self) -> None:
        """Give every row with wrapped or large text the height it needs."""
        for row in sorted(self.row_lines.keys() | self.heights.keys()):
            height = self.height_of(row)
            if height != ROW_HEIGHT:
                self._ws.set_row(row, height)

    def text(self, row: int, col: int, value: str, style: str = "text") -> None:
        """Write value as a text cell, whatever it looks like ('=1+1', 'http://…' stay text)."""
        text = excel_text(value or "")
        style = self.styles.indented(style) if col in self.side_columns else style
        if text:
            self._ws._write_string(row, col, text, self.styles[style])
            self._wrap(row, col, text, style)
        elif style != "text":
            self._used(row, col)
            self._ws._write_blank(row, col, None, self.styles[style])

    def amount(self, row: int, col: int, value: Decimal | None, style: str = "amount") -> None:
        """Write an amount, or '-' when it is not estimated."""
        # Most cells of a workbook are amounts: _used inlined, and xlsxwriter's own method behind
        # write_number (which only converts 'A1' arguments first) called directly.
        if row < self.changed_from:
            self.changed_from = row
        self.used_rows.add(row)
        if col > self.last_col:
            self.last_col = col
        if value is None:
            self._ws._write_string(row, col, "-", self._formats["dash_bold" if style == "amount_bold" else "dash"])
        else:
            self._ws._write_number(row, col, float(value), self._formats[style])

    def number(self, row: int, col: int, value: Decimal | float | int, style: str | None = None) -> None:
        """Write a number; without a style, in the cell's default format (a year, a theme number)."""
        self._used(row, col)
        self._ws.write_number(row, col, float(value), self.styles[style] if style else None)

    def year_header(self, row: int, label: str, years: Sequence[int], side: str = "", side_col: int = 0,
                    text: bool = False) -> None:
        """Write a table's header: label, the years (as text where it is repeated inside a table, so that the
        sums over the columns leave them out) and, when given, the side column's heading at side_col."""
        self.text(row, 0, label, "header")
        for i, year in enumerate(years, start=1):
            if text:
                self.text(row, i, str(year), "header_num")
            else:
                self.number(row, i, year, "header_num")
        if side:
            self.text(row, side_col, side, "header")

    def blank(self, row: int, col: int, style: str) -> None:
        """Write an empty cell that still has a format (an amount column's empty target)."""
        self._used(row, col)
        self._ws._write_blank(row, col, None, self.styles[style])

    def formula(self, row: int, col: int, formula: str, value, style: str = "amount_bold") -> None:
        """Write a live formula together with the value it computes (a number, or '-' for text)."""
        self._used(row, col)
        if value is None:
            self._ws._write_formula(row, col, formula, self.styles["dash_bold" if "bold" in style else "dash"], "-")
            return
        if isinstance(value, str):
            self._ws._write_formula(row, col, formula, self.styles[style], value)
            return
        self._ws._write_formula(row, col, formula, self.styles[style], float(value))

    def merged_text(self, row: int, first_col: int, last_col: int, value: str, style: str = "text") -> None:
        text = excel_text(value or "")
        self._used(row, last_col, style)
        if first_col == last_col:
            self._ws.write_string(row, first_col, text, self.styles[style])
        else:
            self._ws.merge_range(row, first_col, row, last_col, "", self.styles[style])
            self._ws.write_string(row, first_col, text, self.styles[style])

    def paragraph(self, row: int, first_col: int, last_col: int, value: str, style: str = "description") -> None:
        """Write a paragraph of prose (or a sub-heading, 'subsection') over merged columns, wrapping, with
        a row height that shows all of it."""
        style = self.styles.wrapping(style)
        self.merged_text(row, first_col, last_col, value, style)
        # merged columns also give the text the padding between them (5 px each, of 7 a unit of width)
        span = sum(self.column_widths.get(c, 8.43) for c in range(first_col, last_col + 1)) \
            + (last_col - first_col) * 5 / 7
        self._wrap(row, first_col, value or "", style, span)

    @property
    def name(self) -> str:
        return self._ws.name

    def activate(self) -> None:
        """Make this the sheet the workbook opens on."""
        self._ws.activate()

    def freeze(self, row: int, col: int) -> None:
        """Freeze the rows above row and the columns left of col."""
        self._ws.freeze_panes(row, col)

    def autofilter(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self._ws.autofilter(first_row, first_col, last_row, last_col)

    def validation(self, first_row: int, first_col: int, last_row: int, last_col: int, options: dict) -> None:
        """Add a data validation (a dropdown list or a range of allowed values) to a range of cells."""
        self._ws.data_validation(first_row, first_col, last_row, last_col, options)

    def charts(self, row: int, charts: list, rows: int, last_col: int) -> int:
        """Place charts side by side at row, sharing the width of columns 0…last_col, over rows of the
        default height; return the row after them.

        The rows count as used, so that the page plan keeps the charts whole on one page."""
        width = sum(int(self.column_widths.get(c, 8.43) * 7 + 0.5) + 5 for c in range(last_col + 1))
        each = width // max(len(charts), 1)
        for n, chart in enumerate(charts):
            chart.set_size({"width": each - (8 if len(charts) > 1 else 0), "height": int(rows * ROW_HEIGHT * 4 / 3)})
            self._ws.insert_chart(row, 0, chart, {"x_offset": n * each, "object_position": 1})
        # LibreOffice ignores a page break below the last cell with content: a caption under the
        # charts keeps the break before them.
        self._ws.write_string(row + rows, 0, CHART_CAPTION[min(len(charts), 2)], self.styles["note"])
        self.changed(row)
        self.used_rows.update(range(row, row + rows + 1))
        self.chart_rows.add(row)
        return row + rows + 1

    def comment(self, row: int, col: int, text: str, options: dict | None = None) -> None:
        self._ws.write_comment(row, col, text, options)

    def print_setup(self, title: str, source: str, repeat_rows: tuple[int, int] | None = None,
                    last_col: int | None = None) -> None:
        """A4 landscape at the scale that fits the sheet's width (not below MIN_SCALE), tables kept
        whole across page breaks, repeated header rows, footer with title, page and source.

        Give repeat_rows only on a sheet that is one table: Excel repeats them over every page.
        """
        ws = self._ws
        self.apply_heights()
        last = self.last_col if last_col is None else last_col
        scale = self._scale(last)
        ws.set_paper(9)
        ws.set_landscape()
        if scale >= FIT_SCALE:
            ws.fit_to_pages(1, 0)
        else:
            # Too wide to shrink onto one page readably: print at a readable scale, several pages wide,
            # each page across with the columns that name its rows.
            ws.set_print_scale(WIDE_SCALE)
            if self.key_columns is not None:
                ws.repeat_columns(*self.key_columns)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        heights = [self.height_of(r) for r in range(max(self.used_rows, default=-1) + 1)]
        repeat = 0.0
        if repeat_rows is not None:
            ws.repeat_rows(*repeat_rows)
            repeat = sum(heights[r] for r in range(repeat_rows[0], repeat_rows[1] + 1) if r < len(heights))
        page = PAGE_HEIGHT * 100 / scale
        if self._page is not None:
            page = min(page, self._page)  # the tables planned their continuations for this page
        breaks = page_breaks(heights, self.used_rows, page, repeat, frozenset(self.chart_rows), self.decided,
                             repeat_rows[0] if repeat_rows is not None else None)
        if breaks:
            ws.set_h_pagebreaks(breaks)
        ws.set_footer(
            f"&L&10{footer_text(title)}&C&10Side &P af &N&R&10{footer_text(source)}",
            {"margin": 0.3, "scale_with_doc": False},
        )
