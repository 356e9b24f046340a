"""The column widths of the reconciliation's sheets of compared figures, sized for what each sheet holds."""

from __future__ import annotations

from collections import Counter

from spareforslag_xl.reconcile.sheet_words import COLUMNS
from spareforslag_xl.workbook.pages import width_for, wrapped_lines

THEME_COL, WHERE_COL, NOTE_COL = 2, 8, len(COLUMNS) - 1
MIN_NOTE_WIDTH = 16
"""The narrowest notes column of a sheet with notes: a short note stays on one line or two."""


def column_widths(rows: Counter[tuple[str, str]], where: int) -> list[float]:
    """Return the widths of COLUMNS for a sheet whose rows hold these (theme, note) pairs (with how
    often each occurs) and whose longest address of one official cell has ``where`` characters;
    together as wide as COLUMNS, so that the sheet stays one page wide.

    A long address ('Budgetændringer'!E14) widens its column; a sum of cells wraps. The theme and
    the notes share what is left: the split that prints the rows in the fewest lines (of equals, the
    wider theme), measured as the page plan measures them; with no notes at all, the notes column is
    as narrow as its heading and the theme as wide as its longest title needs (and no wider)."""
    widths = [float(width) for _name, width in COLUMNS]
    extra = max(0.0, min(where * 0.9, 28) - widths[WHERE_COL])
    widths[WHERE_COL] += extra if extra >= 1 else 0.0  # 'Budget 2024'!C6 fits as it is
    room = sum(width for _name, width in COLUMNS) - sum(widths) + widths[THEME_COL] + widths[NOTE_COL]
    if not any(note for _theme, note in rows):
        longest = max((width_for(theme) for theme, _note in rows), default=0.0)
        narrow = len(COLUMNS[NOTE_COL][0]) + 3.0  # the heading, and the indent of a side column
        widths[THEME_COL] = min(room - narrow, max(widths[THEME_COL], longest + 1))
        widths[NOTE_COL] = narrow
        return widths

    def printed(theme_width: int) -> int:
        # The notes column is a side column: its indent takes two characters, as SheetWriter measures it.
        return sum(n * max(wrapped_lines(theme, theme_width), wrapped_lines(note, room - theme_width - 2))
                   for (theme, note), n in rows.items())

    lowest = int(widths[THEME_COL])
    best = min(range(int(room) - MIN_NOTE_WIDTH, lowest - 1, -1), key=printed, default=lowest)
    widths[THEME_COL], widths[NOTE_COL] = float(best), room - best
    return widths
