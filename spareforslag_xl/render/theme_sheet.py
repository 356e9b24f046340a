"""The report's theme sheets ('Tema 2' …): proposals, total, FTE, the split over departments, texts.

The base of the report's rendering context: it writes the sheets and records in the
places it is given where each theme's total, department parts and rest are, so that
'Oversigt' and 'Afdelinger' can refer to them with formulas.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Optional, Protocol

from spareforslag_xl.core.compute import Result, Split, ThemeResult
from spareforslag_xl.core.decisions import counts
from spareforslag_xl.core.stated_fte import FteDifferences
from spareforslag_xl.model.danish import format_danish, format_share
from spareforslag_xl.model.plan import Decision, Method, Plan, ProposalLine
from spareforslag_xl.model.texts import text_parts
from spareforslag_xl.render.common import Frame, partial_note
from spareforslag_xl.render.fte_note import fte_note
from spareforslag_xl.model.labels import (  # FTE_LABEL, REST_LABEL, TOTAL_LABEL stay importable from here
    DECISION_TEXT, DEPARTMENT, DESCRIPTION, EXCLUDED, DISTRIBUTION, FTE_LABEL, NOT_DISTRIBUTED, NOTE, NOTHING_TO_SPLIT, POTENTIAL,
    REST_LABEL, SALARY, SHARE,
    THEME, TOTAL, TOTAL_LABEL, basis_text,
)
from spareforslag_xl.workbook.sheet import SheetWriter, Styles
from spareforslag_xl.workbook.book import cell


class ThemePlaces(Protocol):
    """Where the theme sheets record their rows (the report's Layout has these and more)."""

    theme_total_row: dict[str, int]
    """Theme number → row of the theme's total on its sheet."""
    theme_dept_row: dict[tuple[str, str], int]
    """(theme number, department code) → row of the department's part on the theme's sheet."""
    theme_rest_row: dict[str, int]
    """Theme number → row of the theme's part that is not distributed."""


class ThemeSheets(Frame):
    """Writes theme sheets and split tables (one row per department of the plan) and records in
    places where it put each theme's total, department parts and rest."""

    def __init__(self, plan: Plan, years: tuple[int, ...], styles: Styles, places: ThemePlaces,
                 proposed: Optional[Result] = None, fte_differences: Optional[FteDifferences] = None) -> None:
        super().__init__(plan, years, styles)
        self.places = places
        self.departments = plan.departments
        self.proposed = proposed
        """The proposals' figures when the plan is a decided scenario: its lines are marked with their decision."""
        self.fte_differences = fte_differences or {}
        """Theme number → the years whose FTE the document states otherwise (a note beside the FTE row)."""
        if proposed is not None:
            styles.decision_styles()

    def _split_rows(self, w: SheetWriter, row: int, split: Split, record: Optional[dict] = None,
                    rest_record: Optional[Callable[[int], None]] = None, name: str = "") -> int:
        """Write a split as a table (department rows, 'Ikke fordelt', 'I alt'); return the next row.
        A split over more departments than a page holds continues under name '(fortsat)' and its header."""
        keyed = split.key is not None and split.rule is not None and split.rule.method is Method.KEY
        distributed = split.rule is not None and split.rule.method is not Method.NONE
        label, last = f"{DEPARTMENT} ({self.unit})", SHARE if keyed else ""
        self._year_header(w, row, label, last, figures=True)
        table = self._table(w, row, label, last, name, figures=True)
        first = row + 1
        row = first
        share_sum = Decimal(0)
        if distributed:
            for d in self.departments:
                row = table.row(row)
                w.text(row, 0, d.code)
                for i, year in enumerate(self.years, start=1):
                    w.amount(row, i, split.parts[d.code][year] if split.amounts[year] is not None else None)
                if keyed:
                    share = split.key.share_of(d.code)
                    share_sum += share
                    w.number(row, self.last_col, share, "share")
                if record is not None:
                    record[d.code] = row
                row += 1
        if any(split.rest[y] != 0 for y in self.years) or not distributed:
            row = table.row(row)
            w.text(row, 0, REST_LABEL, "italic")
            for i, year in enumerate(self.years, start=1):
                w.amount(row, i, split.rest[year] if split.amounts[year] is not None else None)
            if keyed and not split.key.complete:
                share_sum += 1 - split.key.total
                w.number(row, self.last_col, 1 - split.key.total, "share_warn_plain")
            if rest_record is not None:
                rest_record(row)
            row += 1
        key_note = ""
        if keyed and not split.key.complete:
            key_note = (f"Nøglen '{split.key.name}' summer til {format_share(split.key.total)}, ikke 100 %: "
                        f"resten ({format_share(1 - split.key.total)}) står som '{REST_LABEL}'.")
        row = table.row(row, keep=1 if key_note else 0, kept=(((0, key_note),),) if key_note else ())
        w.text(row, 0, TOTAL, "label_total")
        for i, year in enumerate(self.years, start=1):
            rng = f"{cell(first, i)}:{cell(row - 1, i)}"
            whole = None
            if split.amounts[year] is not None:
                whole = sum((split.parts[c][year] for c in split.parts), Decimal(0)) + split.rest[year]
            w.formula(row, i, f'=IF(COUNT({rng})=0,"-",SUM({rng}))', whole)
        if keyed:
            # With the rest shown as 'Ikke fordelt' the shares add up to 100 %: the total is not the
            # problem, the rest is, so that is the cell marked, and a line under the table says why.
            w.formula(row, self.last_col, self._sum_formula(self.last_col, first, row - 1), share_sum, "share_bold")
            if key_note:
                row += 1
                w.text(row, 0, key_note, "note")
        return row + 2

    # -- Tema N ----------------------------------------------------------------------------------
    def theme_sheet(self, w: SheetWriter, t: ThemeResult) -> None:
        th = t.theme
        self._columns(w)
        row = self._heading(w, f"{THEME} {th.number}: {th.title}", th.status)
        header = row
        label = f"{POTENTIAL} ({self.unit})"
        self._year_header(w, row, label, NOTE)
        table = self._table(w, row, label, NOTE, f"{THEME} {th.number}: {th.title}")
        row += 1
        first = row
        lines, excluded = self._decided_lines(t)
        for line, proposed in lines:
            notes = [n for n in (decision_note(line, proposed, self.years), line.note, self._rule_note(line.rule)) if n]
            row = table.row(row, ((0, line.label), (self.last_col, "; ".join(notes))))
            w.text(row, 0, line.label, "label")
            for i, year in enumerate(self.years, start=1):
                w.amount(row, i, line.amounts.get(year))
            w.text(row, self.last_col, "; ".join(notes), "note")
            row += 1
        note = partial_note(t, self.years)
        fte_text = fte_note(t, self.fte_differences.get(th.number, ()), self.years)
        # The total, FTE and salary rows stay together on one page.
        row = table.row(row, ((self.last_col, note),), keep=2, kept=(((self.last_col, fte_text),), ()))
        last = row - 1
        total_row = row
        self.places.theme_total_row[th.number] = total_row
        w.text(row, 0, TOTAL_LABEL, "label_total")
        for i, year in enumerate(self.years, start=1):
            rng = f"{cell(first, i)}:{cell(last, i)}"
            formula = f'=IF(COUNT({rng})=0,"-",SUM({rng}))' if lines else '="-"'
            if t.lines and not lines and t.totals[year] is not None:
                formula = "=0"  # every line rejected or postponed: the plan saves nothing here
            w.formula(row, i, formula, t.totals[year])
        if note:
            w.text(row, self.last_col, note, "note")
        row += 1
        w.text(row, 0, FTE_LABEL, "fte_label")
        salary_row = row + 1
        if t.salary is not None:
            for i, year in enumerate(self.years, start=1):
                total = cell(total_row, i)
                w.formula(row, i, f'=IF(ISNUMBER({total}),ROUND({total}/{cell(salary_row, 1, True)},2),"-")',
                          t.fte[year] if t.fte[year] is not None else None, "fte")
        if fte_text:
            w.text(row, self.last_col, fte_text, "note")
        row += 1
        w.text(row, 0, f"{SALARY} ({self.unit})", "note")
        if t.salary is not None:
            w.number(row, 1, t.salary, "amount")
            source = "temaets egen" if th.salary is not None else "fælles (Indstillinger)"
            w.text(row, 2, source, w.styles.indented("note"))
        else:
            w.text(row, 1, "ikke angivet", "note")
        row += 2
        row = self._excluded_lines(w, row, excluded)
        row = self._theme_distribution(w, row, t)
        for heading, text in ((DESCRIPTION, th.description),
                              (POTENTIAL, th.potential_text),
                              (DISTRIBUTION, th.distribution_text)):
            if not text:
                continue
            w.text(row, 0, heading, "section")
            row += 1
            after_paragraph = False
            for part in text_parts(text):
                if part.heading:
                    row += 1 if after_paragraph else 0  # a blank row above a sub-heading that follows a paragraph
                    w.paragraph(row, 0, self.last_col, part.text, "subsection")
                else:
                    w.paragraph(row, 0, self.last_col, part.text)
                after_paragraph = not part.heading
                row += 1
            row += 1
        w.freeze(header + 1, 1)
        self._finish(w)

    def _decided_lines(self, t: ThemeResult) -> tuple[list, list]:
        """Return (lines in the plan, lines left out), each line with its proposed one (None without decisions)."""
        if self.proposed is None or self.plan.scenario is None:
            return [(line, None) for line in t.lines], []
        proposed = self.proposed.plan.lines_of(t.theme.number)
        kept, left = [], []
        for line, before in zip(t.lines, proposed):
            (kept if counts(line.decision, self.plan.scenario) else left).append((line, before))
        return kept, left

    def _excluded_lines(self, w: SheetWriter, row: int, excluded: list) -> int:
        """Write the rejected (and postponed) lines, struck through with their proposed amounts."""
        if not excluded:
            return row
        w.text(row, 0, f"{EXCLUDED} ({self.unit})", "subsection")
        row += 1
        for line, proposed in excluded:
            w.text(row, 0, proposed.label, "label_struck")
            for i, year in enumerate(self.years, start=1):
                w.amount(row, i, proposed.amounts.get(year), "amount_struck")
            notes = [n for n in (decision_note(line, proposed, self.years), line.note) if n]
            w.text(row, self.last_col, "; ".join(notes), "note")
            row += 1
        return row + 1

    def _rule_note(self, rule) -> str:
        if rule is None:
            return ""
        if rule.method is Method.KEY:
            text = f"Fordeles efter {rule.key}"
        elif rule.method is Method.FIXED:
            text = "Fordeles med faste beløb"
        else:
            text = NOT_DISTRIBUTED
        return text + (f" fra {rule.from_year}" if rule.from_year else "")

    def _theme_distribution(self, w: SheetWriter, row: int, t: ThemeResult) -> int:
        number = t.theme.number
        w.text(row, 0, f"{DISTRIBUTION} ({self.unit})", "section")
        row += 1
        # A split without an amount (every year '-' or 0) gets no table of dashes or zeros.
        splits = [s for s in t.splits if any(s.amounts[y] for y in self.years)]
        if not splits:
            w.text(row, 0, NOTHING_TO_SPLIT if t.splits else "Temaet har ingen forslag at fordele.", "note")
            return row + 2
        dept_cells: dict[str, list[int]] = {d.code: [] for d in self.departments}
        rest_cells: list[int] = []
        for split in splits:
            name = f"{DISTRIBUTION} ({self.unit})"
            if len(splits) > 1 or split.rule is None or split.rule.method is Method.NONE or split.rule.from_year:
                name = f"{split.label} – {basis_text(split.basis)}"
                w.text(row, 0, name, "subsection")
                row += 1
            elif split.rule is not None:
                name = basis_text(split.basis)
                w.text(row, 0, name, "subsection")
                row += 1
            record: dict[str, int] = {}
            row = self._split_rows(w, row, split, record, rest_cells.append, name)
            for code, r in record.items():
                dept_cells[code].append(r)
        if len(splits) == 1:
            for code, rows in dept_cells.items():
                if rows:
                    self.places.theme_dept_row[(number, code)] = rows[0]
            if rest_cells:
                self.places.theme_rest_row[number] = rest_cells[0]
            return row
        # Several splits: a table that adds them up per department.
        name = f"Fordeling i alt for tema {number}"
        w.text(row, 0, name, "subsection")
        row += 1
        self._year_header(w, row, f"{DEPARTMENT} ({self.unit})")
        table = self._table(w, row, f"{DEPARTMENT} ({self.unit})", "", name)
        row += 1
        first = row
        for d in self.departments:
            row = table.row(row)
            w.text(row, 0, d.code)
            for i, year in enumerate(self.years, start=1):
                refs = ",".join(cell(r, i) for r in dept_cells[d.code])
                self._sum_of_parts(w, row, i, refs, t, year, t.parts[d.code][year])
            self.places.theme_dept_row[(number, d.code)] = row
            row += 1
        if rest_cells:
            row = table.row(row)
            w.text(row, 0, REST_LABEL, "italic")
            for i, year in enumerate(self.years, start=1):
                self._sum_of_parts(w, row, i, ",".join(cell(r, i) for r in rest_cells), t, year, t.rest[year])
            self.places.theme_rest_row[number] = row
            row += 1
        row = table.row(row)
        w.text(row, 0, TOTAL, "label_total")
        for i, year in enumerate(self.years, start=1):
            rng = f"{cell(first, i)}:{cell(row - 1, i)}"
            value = None if t.totals[year] is None else sum((t.parts[c][year] for c in t.parts), Decimal(0)) + t.rest[year]
            w.formula(row, i, f'=IF(COUNT({rng})=0,"-",SUM({rng}))', value)
        return row + 2

    def _sum_of_parts(self, w: SheetWriter, row: int, col: int, refs: str, t: ThemeResult, year: int,
                      value: Decimal) -> None:
        """Write the sum of a department's (or the rest's) parts over a theme's splits: '-' in a year
        the theme has no estimate at all, as everywhere else, otherwise the sum (0 when nothing is
        distributed)."""
        if not refs:
            w.formula(row, col, '="-"' if t.totals[year] is None else "=0",
                      None if t.totals[year] is None else Decimal(0), "amount")
        elif t.totals[year] is None:
            w.formula(row, col, f'=IF(COUNT({refs})=0,"-",SUM({refs}))', None, "amount")
        else:
            w.formula(row, col, f"=SUM({refs})", value, "amount")


def decision_note(line: ProposalLine, proposed: Optional[ProposalLine], years) -> str:
    """Return the line's decision for its note ('Vedtaget', 'Forkastet', 'Vedtaget med andet beløb (foreslået …)')."""
    if proposed is None or line.decision is None:
        return ""
    changed = [y for y in years if line.decision is Decision.ADOPTED and line.amounts.get(y) != proposed.amounts.get(y)]
    if changed:
        was = " / ".join(format_danish(proposed.amounts.get(y)) for y in years)
        return f"{DECISION_TEXT[line.decision]} med andet beløb (foreslået {was})"
    if line.decision is Decision.POSTPONED and line.amounts != proposed.amounts:
        return f"{DECISION_TEXT[line.decision]} (indgår ikke)"
    if line.decision is Decision.POSTPONED:
        return f"{DECISION_TEXT[line.decision]} (medregnet i dette scenarie)"
    return DECISION_TEXT[line.decision]
