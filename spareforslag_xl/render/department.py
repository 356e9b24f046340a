"""Writes one department's workbook: what it has to save, where each figure comes from, and the plan.

Sheets: the department's own sheet (named by its code: its part of every theme, of the
difference, its total against its share of the target, and below how each part was
computed), 'Oversigt' (the whole plan's overview, for context) and 'Nøgler' (the keys its
parts come from, with its own share). Nothing of another department's parts is shown.
The conventions are the report's: live sums with stored values, '#,##0', A4 landscape.
"""

from __future__ import annotations

from typing import Sequence

from spareforslag_xl.core.compute import Result, ThemeResult
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.findings import Finding, count
from spareforslag_xl.core.keyuse import key_usage
from spareforslag_xl.core.parts import DepartmentPart, SplitPart, department_part
from spareforslag_xl.render.charts import SMALL_CHART_ROWS, department_chart
from spareforslag_xl.render.common import Frame, OverviewRows
from spareforslag_xl.model.labels import (
    BASIS, DIFFERENCE_SHARE, KEYS, OVERVIEW, REST_LABEL, TOTAL, bases_text, basis_text, difference_label, key_uses_text,
)
from spareforslag_xl.workbook.sheet import SheetWriter, Styles
from spareforslag_xl.workbook.book import DocProps, add_sheet, cell, close, new_workbook, sheet_name, sheet_ref

HEADING_ROWS = 4
"""Title, subtitle, the line with municipality, budget, unit and source, and an empty row."""


def department_bytes(result: Result, code: str, findings: Sequence[Finding] = (), forced: bool = False,
                     changes=None) -> bytes:
    """Return the bytes of the workbook of the department with this code (with ``changes``, a
    PlanDiff, the sheet 'Ændringer' with what changed for the department)."""
    plan = result.plan
    part = department_part(result, code)
    book, buffer = new_workbook()
    styles = Styles(book, plan.settings.decimals)
    taken: set[str] = set()
    own, overview, keys = (SheetWriter(add_sheet(book, sheet_name(name, taken)), styles)
                           for name in (code, OVERVIEW, KEYS))
    errors = count(findings)[0] if forced else 0
    ctx = _Context(result, part, styles, own.name, overview.name, errors)
    overview_rows = ctx.overview_sheet(overview)
    ctx.own_sheet(own, overview_rows, book)
    ctx.keys_sheet(keys)
    if changes is not None:
        from spareforslag_xl.render.changes import add_department_changes

        add_department_changes(book, styles, taken, changes, code)
    own.activate()
    s = plan.settings
    props = DocProps(
        title=f"{ctx.title} – {part.department.label}",
        subject=f"Budget {s.budget_year}" if s.budget_year else "Spareforslag",
        company=s.municipality,
        comments=f"Dannet af spareforslag-xl fra {plan.source_name}",
        created=plan.created,
    )
    return close(book, buffer, props)


class _Context(Frame):
    def __init__(self, result: Result, part: DepartmentPart, styles: Styles, own: str, overview: str,
                 errors: int) -> None:
        super().__init__(result.plan, result.years, styles)
        self.result = result
        self.part = part
        self.code = part.department.code
        self.own = own
        self.overview = overview
        self.errors = errors
        # The department sheet and the overview refer to each other, so the summary's rows are
        # fixed here: title, subtitle and meta line, an empty row, the banner if any, the header.
        self.header_row = self.heading_rows + (1 if errors else 0)
        self.themes_first = self.header_row + 1
        self.difference_row = self.themes_first + len(part.themes)
        self.total_row = self.difference_row + 1

    @property
    def heading_rows(self) -> int:
        """The heading's rows: one more for the line that says which plan (scenario) the figures are."""
        return HEADING_ROWS + (1 if self.plan.scenario is not None else 0)

    def _department_heading(self, w: SheetWriter, subtitle: str) -> int:
        s = self.plan.settings
        title = f"Budget {s.budget_year}: {self.part.department.label}" if s.budget_year else self.part.department.label
        return self._heading(w, title, subtitle)

    # -- the department's own sheet --------------------------------------------------------------
    def own_sheet(self, w: SheetWriter, overview: OverviewRows, book) -> None:
        self._columns(w)
        row = self._department_heading(w, f"{self.title} – andel for {self.code}")
        assert row == self.heading_rows
        if self.errors:
            w.merged_text(row - 1, 0, self.last_col, f"DANNET TRODS {self.errors} FEJL I GRUNDARKET – tallene kan "
                          "være forkerte.", "banner")
            w.row_height(row - 1, 30)
            row += 1
        header = row
        self._year_header(w, row, f"Andel for {self.code} ({self.unit})", BASIS)
        themes_first, difference_row = self.themes_first, self.difference_row
        # The summary refers to the details below it, which decide where each part sits.
        details = difference_row + (5 if self.part.target_share is not None else 3)
        wraps = {themes_first + n: ((0, tp.label), (self.last_col, bases_text(tp.bases)))
                 for n, tp in enumerate(self.part.themes)}
        wraps[difference_row] = ((0, DIFFERENCE_SHARE), (self.last_col, basis_text(self.part.difference.basis)))
        if self.part.target_share is not None:
            wraps[self.total_row + 1] = ((self.last_col, basis_text(self.part.target_basis)),)
        w.reserve(header, self.total_row + (2 if self.part.target_share is not None else 0), wraps)
        part_rows = self._details(w, details, overview)
        for n, tp in enumerate(self.part.themes):
            self._theme_row(w, themes_first + n, tp, part_rows[tp.theme.theme.number])
        d = self.part.difference
        w.text(difference_row, 0, DIFFERENCE_SHARE, "label")
        for i, year in enumerate(self.years, start=1):
            w.formula(difference_row, i, f"={cell(part_rows[None][0], i)}", d.part[year], "amount")
        w.text(difference_row, self.last_col, basis_text(d.basis), "note")
        w.text(self.total_row, 0, f"{TOTAL} {self.code}", "label_total")
        for i, year in enumerate(self.years, start=1):
            w.formula(self.total_row, i, self._sum_formula(i, themes_first, difference_row), self.part.total[year])
        target = None
        if self.part.target_share is not None:
            target = self.total_row + 1
            self._target_rows(w, target)
        n = len(self.years)
        chart = department_chart(book, w.name, self.code, header, n, self.total_row, target, self.unit)
        if chart is not None:
            w.charts(part_rows[None][0] + 2, [chart], SMALL_CHART_ROWS, n)
        w.freeze(header + 1, 1)
        self._finish(w)

    def _theme_row(self, w: SheetWriter, row: int, tp, rows: list[int]) -> None:
        w.text(row, 0, tp.label, "label")
        for i, year in enumerate(self.years, start=1):
            refs = ",".join(cell(r, i) for r in rows)
            formula = f"={refs}" if len(rows) == 1 else f'=IF(COUNT({refs})=0,"-",SUM({refs}))'
            w.formula(row, i, formula, tp.part[year], "amount")
        w.text(row, self.last_col, bases_text(tp.bases), "note")

    def _target_rows(self, w: SheetWriter, row: int) -> None:
        share = self.part.target_share
        w.text(row, 0, "Andel af målet", "label")
        for i, year in enumerate(self.years, start=1):
            w.amount(row, i, share[year])
        w.text(row, self.last_col, basis_text(self.part.target_basis), "note")
        w.text(row + 1, 0, "Forskel: I alt − andel af målet", "italic")
        for i, year in enumerate(self.years, start=1):
            gap = self.part.gap(year)
            formula = f"={cell(self.total_row, i)}-{cell(row, i)}"
            w.formula(row + 1, i, formula if gap is not None else '="-"', gap, "amount")
        w.text(row + 1, self.last_col, "Faste beløb, andre nøgler og beløb, der ikke fordeles, giver forskellen.",
               "note")

    def _details(self, w: SheetWriter, row: int, overview: OverviewRows) -> dict:
        """Write how each part was computed; return theme number (None: the difference) → part rows.

        One long table: it continues on the next page under its name '(fortsat)' and its header."""
        name = f"Sådan er andelen beregnet ({self.unit})"
        w.text(row, 0, name, "section")
        row += 1
        self._year_header(w, row, "Tema, forslag og beløb", BASIS)
        table = self._table(w, row, "Tema, forslag og beløb", BASIS, name)
        row += 1
        rows: dict = {}
        for tp in self.part.themes:
            row = table.row(row, ((0, tp.label),), keep=1)
            w.text(row, 0, tp.label, "subsection")
            row += 1
            rows[tp.theme.theme.number] = []
            for sp in tp.splits:
                row, part_row = self._split_detail(w, table, row, tp.theme, sp, len(tp.splits) > 1)
                rows[tp.theme.theme.number].append(part_row)
        label = difference_label(self.residual_key_name())
        row = table.row(row, ((0, label),), keep=2)
        w.text(row, 0, label, "subsection")
        row += 1
        d = self.part.difference
        w.text(row, 0, "Mål − I alt (se arket Oversigt)", "label_muted")
        for i, year in enumerate(self.years, start=1):
            w.formula(row, i, "=" + sheet_ref(self.overview, overview.difference, i), d.whole[year], "amount_muted")
        row += 1
        rows[None] = [self._part_row(w, table.row(row, ((self.last_col, basis_text(d.basis)),)), d)]
        return rows

    def _split_detail(self, w: SheetWriter, table, row: int, t: ThemeResult, sp: SplitPart,
                      several: bool) -> tuple[int, int]:
        lines = sp.lines
        first = None
        for line in lines:
            label = line.label
            if several and len(lines) == 1:
                label = sp.label
            row = table.row(row, ((0, label),))
            first = row if first is None else first
            w.text(row, 0, label, "label_muted")
            for i, year in enumerate(self.years, start=1):
                w.amount(row, i, line.amounts.get(year), "amount_muted")
            row += 1
        if len(lines) > 1:
            row = table.row(row)
            w.text(row, 0, "Samlet beløb", "label_muted")
            for i, year in enumerate(self.years, start=1):
                rng = f"{cell(first, i)}:{cell(row - 1, i)}"
                w.formula(row, i, f'=IF(COUNT({rng})=0,"-",SUM({rng}))', sp.whole[year], "amount_muted")
            row += 1
        part_row = self._part_row(w, table.row(row, ((self.last_col, basis_text(sp.basis)),)), sp)
        return part_row + 1, part_row

    def _part_row(self, w: SheetWriter, row: int, sp: SplitPart) -> int:
        w.text(row, 0, f"Andel for {self.code}", "label_indent")
        for i, year in enumerate(self.years, start=1):
            w.amount(row, i, sp.part[year])
        w.text(row, self.last_col, basis_text(sp.basis), "note")
        return row

    # -- Oversigt ----------------------------------------------------------------------------------
    def overview_sheet(self, w: SheetWriter) -> OverviewRows:
        self._columns(w)
        row = self._department_heading(w, f"{self.title} – oversigt over alle temaer")

        def theme_total(w: SheetWriter, row: int, i: int, t: ThemeResult, year: int) -> None:
            w.amount(row, i, t.totals[year], "amount_nil")

        rows = self._overview_table(w, row, self.result, theme_total)
        row = rows.difference + 2
        w.text(row, 0, f"Heraf {self.code} i alt (se arket {self.own})", "bold")
        for i, year in enumerate(self.years, start=1):
            # The department sheet is written after this one; its total row is known in advance.
            w.formula(row, i, "=" + sheet_ref(self.own, self.total_row, i), self.part.total[year], "amount_total")
        w.freeze(rows.header + 1, 1)
        self._finish(w)
        return rows

    # -- Nøgler ------------------------------------------------------------------------------------
    def keys_sheet(self, w: SheetWriter) -> None:
        for col, width in enumerate((34, 14, 12, 70)):
            w.column(col, col, width, side=col == 3)
        row = self._heading(w, f"Fordelingsnøgler for {self.code}", self.title)
        headers = ("Nøgle", f"Andel for {self.code}", "Nøglens sum", "Anvendt til")
        for col, h in enumerate(headers):
            w.text(row, col, h, "header" if col in (0, 3) else "header_num")
        header = row
        row += 1
        used = key_usage([tp.theme for tp in self.part.themes], self.part.difference.split,
                         self.part.target_share is not None)
        if not used:
            w.text(row, 0, "Ingen af afdelingens andele er fordelt efter en nøgle.", "note")
        for key, uses in ((u.key, u.uses) for u in used.values()):
            w.text(row, 0, key.name, "label")
            w.number(row, 1, key.share_of(self.code), "share")
            w.number(row, 2, key.total, "share" if key.complete else "share_warn")
            text = key_uses_text(uses)
            if not key.complete:
                text += f". Summen er {format_share(key.total)}, ikke 100 %: resten vises som '{REST_LABEL}'."
            w.text(row, 3, text, "text_wrap")
            row += 1
        w.freeze(header + 1, 0)
        w.apply_heights()
        w.print_setup(self.title, self.source, (header, header))

