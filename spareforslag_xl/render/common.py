"""What the report and the department workbooks share: the frame of a sheet with years, and the overview.

A sheet with years has the same columns everywhere (label, one column per year, a note),
the same heading (title, subtitle, a line with municipality, budget, unit and source), the
same year header and the same print setup. The overview table (themes, 'I alt', 'Mål',
'Difference') appears in both workbooks; only where a theme's total comes from differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Optional

from spareforslag_xl.core.compute import Result, ThemeResult
from spareforslag_xl.model.plan import Plan
from spareforslag_xl.model.labels import (
    ADOPTED, CHANGE, NOTE, PROPOSED_TABLE, SCENARIO_LINE, TARGET, THEME, TOTAL, difference_label, plan_title,
)
from spareforslag_xl.workbook.sheet import SheetWriter, Styles
from spareforslag_xl.workbook.book import cell

LABEL_WIDTH = 54
YEAR_WIDTH = 11
NOTE_WIDTH = 40
WIDE_SHEET = 170
"""Characters of columns that print one page wide at about 85 %."""
MIN_LABEL_WIDTH, MIN_NOTE_WIDTH = 34, 26

ThemeCell = Callable[[SheetWriter, int, int, ThemeResult, int], None]
"""Writes a theme's total of one year into (row, col) of the overview."""


@dataclass(frozen=True)
class OverviewRows:
    header: int
    total: int
    target: int
    difference: int
    themes: tuple[int, ...] = ()
    """The row of each theme, in order (a long overview continues on a new page under its header)."""


class Frame:
    """The frame of every sheet with years: columns, heading, year header, sums and print setup."""

    def __init__(self, plan: Plan, years: tuple[int, ...], styles: Styles) -> None:
        self.plan = plan
        self.years = years
        self.styles = styles
        self.unit = plan.settings.unit or "1.000 kr."
        self.title = plan_title(plan) or "Spareforslag"
        self.source = plan.source_name
        self.last_col = len(years) + 1  # label, years, note

    def _heading(self, w: SheetWriter, title: str, subtitle: str = "") -> int:
        w.text(0, 0, title, "title")
        row = 1
        if subtitle:
            w.text(row, 0, subtitle, "subtitle")
            row += 1
        s = self.plan.settings
        meta = [p for p in (s.municipality, f"Budget {s.budget_year}" if s.budget_year else "",
                            f"Beløb i {self.unit}", f"Kilde: {self.source}" if self.source else "") if p]
        w.text(row, 0, " · ".join(meta), "meta")
        if self.plan.scenario is not None:
            w.text(row + 1, 0, SCENARIO_LINE[self.plan.scenario.value], "subsection")
            row += 1
        return row + 2

    def _year_header(self, w: SheetWriter, row: int, label: str, last: str = "", figures: bool = False,
                     text: bool = False) -> None:
        """Write a table's header: label, the years and last. Last heads the side column: over its
        figures (right-aligned, like them) when figures is true, else over its texts. A header
        repeated inside a table where it continues on a new page has its years as text (text=True),
        so that the sums over the table's columns leave them out."""
        w.text(row, 0, label, "header")
        for i, year in enumerate(self.years, start=1):
            if text:
                w.text(row, i, str(year), "header_num")
            else:
                w.number(row, i, year, "header_num")
        if last:
            w.text(row, self.last_col, last, "header_num" if figures else "header")

    def _table(self, w: SheetWriter, row: int, label: str, last: str = "", name: str = "", figures: bool = False):
        """Start the table whose year header (label, years, last) is at row: it continues on a new page
        under name '(fortsat)' and this header."""
        return w.table(row, lambda r: self._year_header(w, r, label, last, figures, text=True), name)

    def _sum_formula(self, col: int, first: int, last: int) -> str:
        return f"=SUM({cell(first, col)}:{cell(last, col)})"

    def _columns(self, w: SheetWriter) -> None:
        """Label, one column per year, a note column: the same on every sheet with years.

        With many years the label and note columns narrow (their texts wrap), so that the sheet
        still prints one page wide at a readable scale."""
        spare = max(0, len(self.years) * YEAR_WIDTH + LABEL_WIDTH + NOTE_WIDTH - WIDE_SHEET)
        label = max(MIN_LABEL_WIDTH, LABEL_WIDTH - spare * 3 // 5)
        note = max(MIN_NOTE_WIDTH, NOTE_WIDTH - (spare - (LABEL_WIDTH - label)))
        w.column(0, 0, label)
        w.column(1, len(self.years), YEAR_WIDTH)
        w.column(self.last_col, self.last_col, note, side=True)

    def _finish(self, w: SheetWriter, repeat: Optional[tuple[int, int]] = None) -> None:
        w.apply_heights()
        w.print_setup(self.title, self.source, repeat)

    def _overview_table(self, w: SheetWriter, row: int, result: Result, theme_cell: ThemeCell) -> OverviewRows:
        """Write every theme's total per year, 'I alt', 'Mål' and the difference to distribute.

        A theme's total of 0 shows '-' (the style 'amount_nil'), as the document's overview has it
        (nothing to save); the cell still holds 0, so the sums and an edit work as before."""
        header = row
        decided = f" – {ADOPTED.lower()}" if result.proposed is not None else ""
        self._year_header(w, row, f"{THEME}{decided} ({self.unit})", NOTE)
        table = self._table(w, row, f"{THEME}{decided} ({self.unit})", NOTE)
        row += 1
        first = row
        theme_rows = []
        for t in result.themes:
            th = t.theme
            notes = []
            if th.status and t.lines:
                notes.append(th.status)
            note = partial_note(t, self.years)
            if note:
                notes.append(note)
            row = table.row(row, ((0, th.label), (self.last_col, "; ".join(notes))))
            theme_rows.append(row)
            w.text(row, 0, th.label, "label")
            if not t.lines and th.status:
                w.merged_text(row, 1, len(self.years), th.status, "italic")
            else:
                for i, year in enumerate(self.years, start=1):
                    theme_cell(w, row, i, t, year)
            w.text(row, self.last_col, "; ".join(notes), "note")
            row += 1
        row = table.row(row, keep=2)  # 'I alt', 'Mål' and the difference stay together
        last = row - 1
        rows = OverviewRows(header, row, row + 1, row + 2, tuple(theme_rows))
        w.text(rows.total, 0, TOTAL, "label_total")
        w.text(rows.target, 0, TARGET, "bold")
        w.text(rows.difference, 0, difference_label(self.residual_key_name()), "label_total")
        for i, year in enumerate(self.years, start=1):
            w.formula(rows.total, i, self._sum_formula(i, first, last), result.total[year])
            if result.target[year] is None:
                w.blank(rows.target, i, "amount_total")
            else:
                w.amount(rows.target, i, result.target[year], "amount_total")
            w.formula(rows.difference, i, f"={cell(rows.target, i)}-{cell(rows.total, i)}", result.difference[year])
        return rows

    def residual_key_name(self) -> str:
        return self.plan.settings.residual_key or "restfordelingsnøgle"


def proposed_table(frame: Frame, w: SheetWriter, row: int, result: Result, adopted_total: int) -> int:
    """Write the proposals' totals per theme beside a decided plan's overview, 'I alt' and the change; return
    the next free row. ``adopted_total`` is the row of the decided plan's 'I alt' above."""
    proposed = result.proposed
    w.text(row, 0, PROPOSED_TABLE, "section")
    row += 1
    frame._year_header(w, row, f"{THEME} ({frame.unit})", NOTE)
    row += 1
    first = row
    for t, decided in zip(proposed.themes, result.themes):
        w.text(row, 0, t.theme.label, "label")
        for i, year in enumerate(frame.years, start=1):
            w.amount(row, i, t.totals[year])
        changed = [y for y in frame.years if t.totals[y] != decided.totals[y]]
        if changed:
            w.text(row, frame.last_col, "Ændret ved beslutningen i " + ", ".join(map(str, changed)), "note")
        row += 1
    w.text(row, 0, f"{TOTAL} foreslået", "label_total")
    w.text(row + 1, 0, CHANGE, "bold")
    for i, year in enumerate(frame.years, start=1):
        w.formula(row, i, frame._sum_formula(i, first, row - 1), proposed.total[year])
        w.formula(row + 1, i, f"={cell(adopted_total, i)}-{cell(row, i)}", result.total[year] - proposed.total[year],
                  "amount_total")
    return row + 4


def count_da(errors: int, warnings: int) -> str:
    from spareforslag_xl.model.i18n import ngettext

    return (ngettext("{n} error", "{n} errors", errors).format(n=errors) + " " + _and() + " "
            + ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))


def _and() -> str:
    from spareforslag_xl.model.i18n import _

    return _("and")


def partial_note(t: ThemeResult, years) -> str:
    """'Delvist estimeret: 1 af 3 forslag mangler' (with the years when not all are partial)."""
    partial = [y for y in years if t.partial(y)]
    if not partial:
        return ""
    counts = {t.not_estimated[y] for y in partial}
    n = len(t.lines)
    if len(counts) == 1:
        missing = counts.pop()
        which = "" if len(partial) == len(years) else " i " + ", ".join(map(str, partial))
        return f"Delvist estimeret{which}: {missing} af {n} forslag ikke estimeret"
    return "Delvist estimeret: " + ", ".join(f"{y}: {t.not_estimated[y]} af {n}" for y in partial) + " ikke estimeret"


def shown(t: ThemeResult, value: Decimal, year: int) -> Optional[Decimal]:
    """A theme's part shows '-' in a year the theme has no estimate at all (as in the department
    workbooks), otherwise the value (0 when nothing falls to the department)."""
    return None if t.totals[year] is None else value
