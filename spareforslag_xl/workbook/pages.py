"""Where printed pages break: short tables are kept whole, long ones continue under their own header.

Excel and LibreOffice can repeat only sheet-wide rows on every page, which suits a sheet that is
one table. On a sheet of several tables a table that continues on the next page gets its header
written again as real rows (``Table``), with a manual page break before them. The decision is made
while the table is written, from the heights of the rows above it, so that every later row number
(and every formula referring to one) is right; ``print_setup`` then plans the same breaks again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from functools import lru_cache

from spareforslag_xl.model.labels import CONTINUED
from spareforslag_xl.workbook.font_widths import UNITS_PER_EM, WIDTHS

LINE_HEIGHT = 13.0
"""Points per line of 10 pt text; rows with wrapped text get a multiple of it (Excel's line of 10 pt
Calibri; LibreOffice prints Carlito's lines 10 pt apart, so a row sized for Excel holds them too)."""
ROW_HEIGHT = 15.0
"""The height of a row without a height of its own (xlsxwriter's default)."""
TEXT_POINTS = 5.25
"""Points of text a unit of column width holds: Excel gives a column of width w (in digits of
Calibri 11, 7 px) w × 7 px of room for text. LibreOffice with Carlito gives 5.54 w + 1.7 pt (measured
where it wraps texts in columns 12 to 54 wide), so a text that fits in Excel fits there too."""
FONT_POINTS = 10.0
"""The size of every wrapping style's text (workbook/styles.py)."""


class _Widths(dict):
    """One style's character → width in em; a character not measured counts as the widest."""

    widest = 1.0

    def __missing__(self, char: str) -> float:
        return self.widest


def _styles() -> tuple[_Widths, ...]:
    styles = []
    for table in WIDTHS.values():
        em = _Widths({char: width / UNITS_PER_EM for chars, widths in table.items()
                      for char, width in zip(chars, widths, strict=True)})
        em.widest = max(em.values())
        styles.append(em)
    return tuple(styles)


_STYLES = _styles()

PAGE_WIDTH = 842 - 72.0
"""A4 landscape less the left and right margins (0.5 in each), in points."""
PAGE_HEIGHT = 595 - 94.0 - 6.0
"""A4 landscape less the top and bottom margins (0.6 and 0.7 in; the footer prints in the bottom
margin), in points of the sheet at 100 %: 501 pt, of which LibreOffice fills 495 with 33 rows of
15 pt (measured with Carlito); the 6 pt left over take up rows that print a little taller."""
SAFETY = LINE_HEIGHT
"""Room a table keeps free at the foot of a page for a row that prints taller than estimated
(a text that Excel's screen font, drawn to whole pixels, wraps once more than its metrics say)."""
CONTINUATION_HEIGHT = 18.0 + ROW_HEIGHT
"""The continuation of a table on a new page: its name '(fortsat)' (a section heading) and its header."""


_UPRIGHT, _BOLD = (_STYLES[0], _STYLES[2]), (_STYLES[1], _STYLES[3])
"""Regular and italic; bold and bold italic (the order of font_widths.WIDTHS)."""


def _wider(pair: tuple[_Widths, _Widths]) -> _Widths:
    """Each character's wider width of two styles: a quick upper bound of a text's width in either."""
    wider = _Widths({char: max(pair[0][char], pair[1][char]) for char in pair[0].keys() | pair[1].keys()})
    wider.widest = max(pair[0].widest, pair[1].widest)
    return wider


_UPPER = {False: _wider(_UPRIGHT), True: _wider(_BOLD)}


def text_width(text: str, bold: bool = False) -> float:
    """Return how wide text prints, in em of its font: in the wider of regular and italic, or with
    bold of bold and bold italic."""
    return max(sum(map(style.__getitem__, text)) for style in (_BOLD if bold else _UPRIGHT))


def width_for(text: str, bold: bool = False) -> float:
    """Return the column width (in characters, as ``wrapped_lines`` takes it) that holds text on one line."""
    return text_width(text, bold) * FONT_POINTS / TEXT_POINTS


def _lines(words: list[str], room: float, style: _Widths) -> int:
    """Return the lines words need, wrapped at spaces, in room em of one style."""
    space = style[" "]
    lines, used = 1, 0.0
    for word in words:
        need = sum(map(style.__getitem__, word))
        if used and used + space + need > room:
            lines, used = lines + 1, need
        else:
            used += space + need if used else need
        while used > room:  # a word longer than a line is broken where the line ends
            lines, used = lines + 1, used - room
    return lines


@lru_cache(maxsize=16384)  # a row's texts are measured when it is planned and again when it is written
def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Return how many lines text needs in a column of width characters, wrapped at spaces as Excel
    wraps it (with Calibri's widths, font_widths.py; upright or italic, whichever needs more, or with
    bold their bold styles): on the safe side for LibreOffice's Carlito."""
    room = max(width, 2.0) * TEXT_POINTS / FONT_POINTS
    count = 0
    upper = _UPPER[bold]
    for part in text.split("\n"):
        if sum(map(upper.__getitem__, part)) <= room or text_width(part, bold) <= room:
            count += 1
        else:
            words = part.split()
            count += max(_lines(words, room, style) for style in (_BOLD if bold else _UPRIGHT))
    return count


def lines_height(lines: int) -> float:
    """The height of a row whose tallest cell has this many lines of wrapped text."""
    return min(409, LINE_HEIGHT * lines + 2) if lines > 1 else 0.0


@dataclass
class Decided:
    """What a table decided while it was written: a page break before it, and the rows where it
    continues on a new page (each the first row of its continuation header)."""

    before: bool = False
    splits: list[int] = field(default_factory=list)


def blocks(used: Set[int], end: int, begin: int = 0) -> list[tuple[int, int]]:
    """Return the runs of used rows from begin to below end as (first, end) pairs: the tables of a sheet."""
    found, start = [], None
    for row in range(begin, end + 1):
        if row < end and row in used:
            start = row if start is None else start
        elif start is not None:
            found.append((start, row))
            start = None
    return found


class PagePlan:
    """Fills pages block by block (a block is a run of rows without a blank one) and remembers the breaks."""

    def __init__(self, heights: list[float], page: float, repeat: float = 0.0,
                 charts: Set[int] = frozenset(), decided: dict[int, Decided] | None = None,
                 repeated: int | None = None) -> None:
        self.heights = heights
        self.repeated = repeated
        """The first of the rows the printing program repeats over every page (a sheet that is one table)."""
        self.page = page
        self.repeat = repeat
        self.charts = charts
        self.decided = decided if decided is not None else {}
        self.breaks: list[int] = []
        self.filled = 0.0
        self.room = page
        self.exact = True
        self.previous = 0

    def _new_page(self, row: int, exact: bool = True) -> None:
        self.breaks.append(row)
        self.room, self.filled, self.exact = self.page - self.repeat, 0.0, exact

    def add(self, first: int, end: int) -> None:
        """Plan the block of rows first…end-1: a table that fits on a page is not split; a longer one
        starts on a page of its own.

        A longer table that did not plan its own continuation (``Decided``) is left to the printing
        program to split, which fits rows by its own font metrics, so where the page after it ends is
        known only roughly: a chart (a block starting at one of the rows in charts), which must never
        be split, then starts a new page."""
        heights = self.heights
        gap = sum(heights[self.previous:first])
        height = sum(heights[first:end])
        self.previous = end
        decided = next((d for row, d in self.decided.items() if first <= row < end), None)
        if decided is not None:
            if decided.before and self.filled + gap > 0:
                self._new_page(first)
            else:
                self.filled += gap
            start = first
            for split in decided.splits:
                self._new_page(split)
                start = split
            self.filled += sum(heights[start:end])
            return
        if self.repeated is not None and first <= self.repeated < end:
            # The sheet's one table, whose header the printing program repeats: it starts under the
            # sheet's title and continues under its header, with no page of the title alone.
            self.filled += gap
            self._split(first, end)
            return
        if first in self.charts and not self.exact and self.filled > 0:
            self._new_page(first)
            self.filled = height
            return
        if self.filled + gap + height <= self.room:
            self.filled += gap + height
            return
        if self.filled > 0:
            self._new_page(first)
            if height <= self.room:
                self.filled = height
                return
        else:
            self.filled += gap
        self._split(first, end)

    def _split(self, first: int, end: int) -> None:
        """Follow the printing program through a block it splits where a page is full."""
        for r in range(first, end):
            if self.filled + self.heights[r] > self.room and self.filled > 0:
                self.room, self.filled, self.exact = self.page - self.repeat, 0.0, False
            self.filled += self.heights[r]


def page_breaks(heights: list[float], used: set[int], page: float, repeat: float = 0.0,
                charts: frozenset[int] = frozenset(), decided: dict[int, Decided] | None = None,
                repeated: int | None = None) -> list[int]:
    """Return the rows to break pages before (see ``PagePlan.add``)."""
    plan = PagePlan(heights, page, repeat, charts, decided, repeated)
    for first, end in blocks(used, len(heights)):
        plan.add(first, end)
    return plan.breaks


@dataclass
class Above:
    """The page plan of a sheet's rows above its latest table, kept to be extended for the next one."""

    plan: PagePlan
    heights: list[float]
    end: int


def plan_above(writer, first: int, page: float) -> tuple[float, float]:
    """Return how much of its page the rows above first fill, and the room that page has.

    The plan of the rows above the previous table is extended by the rows since (each row's height
    is measured once, so a sheet's planning is linear in its rows); it is made again from the top
    when a row above that table changed since (``SheetWriter.changed``)."""
    kept: Above | None = writer.above
    if kept is None or first < kept.end or writer.changed_from < kept.end or kept.plan.page != page:
        kept = Above(PagePlan([], page, 0.0, writer.chart_rows, writer.decided), [], 0)
        kept.plan.heights = kept.heights
    plan, heights = kept.plan, kept.heights
    begin = kept.end
    heights.extend(writer.height_of(r) for r in range(begin, first))
    for a, b in blocks(writer.used_rows, first, begin):
        plan.add(a, b)
    kept.end = first
    writer.above, writer.changed_from = kept, first
    return plan.filled + sum(heights[plan.previous:first]), plan.room


class Table:
    """A table being written that continues on the next page under its own header.

    Ask ``row`` for the row of every row of the table before writing it: it returns the row itself
    or, when the row would not fit on the page, the row below a continuation header written there
    (the table's name followed by '(fortsat)', if it has one, and its header row) with a page break
    before it. A table that does not fit below what is on its page starts on a new page first;
    one that is not to be kept whole (``whole=False``: a sheet of long tables of blocks, such as
    'Ændringer') begins where it stands and continues on the next page, unless not even its
    first row fits. The header callback writes the header row at a row; numbers in it (years) must be written as
    text, so that a sum over the column ignores them.
    """

    def __init__(self, writer, row: int, header: Callable[[int], None], name: str = "", whole: bool = True) -> None:
        self._w = writer
        self._whole = whole
        self._header = header
        self._name = name
        used = writer.used_rows
        first = row
        while first - 1 in used:
            first -= 1
        self.first = first
        self._page = writer.planned_page()
        self._above, room = plan_above(writer, first, self._page)
        self._room = room - SAFETY
        self._top = first
        self._counted, self._on_page = first, 0.0
        self._placed = False
        self.decided = Decided()
        writer.decided[first] = self.decided

    def row(self, row: int, wraps: Iterable[tuple] = (), keep: int = 0,
            kept: Iterable[Iterable[tuple]] = ()) -> int:
        """Return the row to write the table's next row at (row, or lower after a continuation header).

        wraps: the (column, text) of the row's cells whose text wraps, to know its height in advance
        ((column, text, True) for a bold text);
        keep: how many rows after this one must stay on its page (a heading over its first row, or over
        its whole block); kept: the wrapping texts of those rows, one (column, text) list per row.

        A block taller than a page under the continuation header cannot be kept whole: it starts where
        it stands, its heading kept with its first row only."""
        w = self._w
        kept = list(kept)
        heights = [w.estimate(row, wraps)] + [w.estimate(row + 1 + n, texts) for n, texts in enumerate(kept)] \
            + [ROW_HEIGHT] * max(0, keep - len(kept))
        need = sum(heights)
        if len(heights) > 2 and need > self._page - SAFETY - CONTINUATION_HEIGHT:
            need = heights[0] + heights[1]
        # The rows from the top of the page are written by now: their heights are added once each.
        self._on_page += sum(w.height_of(r) for r in range(self._counted, row))
        self._counted = row
        on_page = self._on_page
        above = self._above if self._top == self.first else 0.0
        if above + on_page + need <= self._room:
            self._placed = True
            return row
        if self._top == self.first and self._above > 0 and not self.decided.before \
                and (self._whole or not self._placed):
            # Break before the table rather than split it where it stands.
            self.decided.before = True
            w.changed(self.first)
            self._above = 0.0
            self._room = self._page - SAFETY
            if on_page + need <= self._room:
                self._placed = True
                return row
        if not self._placed:
            return row  # nothing of the table's own rows is on this page yet: splitting gains nothing
        self.decided.splits.append(row)
        w.changed(self.first)
        self._top = row
        self._counted, self._on_page = row, 0.0
        self._room = self._page - SAFETY
        self._placed = False
        if self._name:
            w.text(row, 0, CONTINUED.format(name=self._name), "section")
            row += 1
        self._header(row)
        return row + 1
