"""The sheet 'Ændringer': what changed since the last master and what it means, before → now → change.

One layout for the changes workbook (``changes_bytes``), the report built with --since
(``changes_extra``) and each department's workbook (``write_changes`` with its code: only its
own figures, and of the master's changes those it may see): first what changed in the master,
then what it means. Every changed figure is its name and three rows: before and now as values,
the change as a live formula with its stored value (N() reads '-' as 0); changed cells are marked.
"""

from __future__ import annotations

from spareforslag_xl.core.consequences import DepartmentChange, Figure
from spareforslag_xl.core.diff import PlanDiff
from spareforslag_xl.core.plandiff import Change
from spareforslag_xl.model.i18n import in_language
from spareforslag_xl.model.labels import (
    DIFFERENCE_SHARE,
    NOTE,
    REST_LABEL,
    TARGET,
    TOTAL,
    WORKBOOK_LANGUAGE,
    plan_title,
)
from spareforslag_xl.model.labels_changes import (
    BEFORE,
    CHANGE,
    CHANGES_SECTION,
    CONSEQUENCES_HEADER,
    DEPARTMENT_SECTION,
    DEPARTMENT_SHARES,
    DEPARTMENT_SIDE,
    FROM_TO,
    FROM_TO_NEW,
    FROM_TO_OLD,
    HEADING,
    NO_CHANGES,
    NO_CHANGES_DEPARTMENT,
    NOW,
    PLAN_DIFFERENCE,
    PLAN_SECTION,
    SHEET,
    TOTALS_SECTION,
    UNCHANGED,
)
from spareforslag_xl.render.change_text import describe, limit_text
from spareforslag_xl.render.common import Frame
from spareforslag_xl.workbook.book import DocProps, add_sheet, cell, close, new_workbook, sheet_name
from spareforslag_xl.workbook.sheet import SheetWriter, Styles, Table


def changes_bytes(diff: PlanDiff) -> bytes:
    """Return the bytes of the changes workbook of a diff (the sheet 'Ændringer')."""
    plan = diff.new.plan
    book, buffer = new_workbook()
    styles = Styles(book, plan.settings.decimals)
    write_changes(SheetWriter(add_sheet(book, SHEET), styles), diff)
    s = plan.settings
    props = DocProps(title=f"{plan_title(plan) or 'Spareforslag'} – {HEADING.lower()}",
                     subject=f"Budget {s.budget_year}" if s.budget_year else "Spareforslag", company=s.municipality,
                     comments=f"Dannet af spareforslag-xl fra {diff.old.plan.source_name} og {plan.source_name}",
                     created=plan.created)
    return close(book, buffer, props)


def changes_extra(diff: PlanDiff):
    """Return an extra-sheet callback for report_bytes that adds the sheet 'Ændringer'."""
    def write(book, styles: Styles, layout) -> None:
        write_changes(SheetWriter(add_sheet(book, SHEET), styles), diff)
    return write


def add_department_changes(book, styles: Styles, taken: set[str], diff: PlanDiff, code: str) -> None:
    """Add the sheet 'Ændringer' with one department's changes to its workbook."""
    write_changes(SheetWriter(add_sheet(book, sheet_name(SHEET, taken)), styles), diff, code)


def write_changes(w: SheetWriter, diff: PlanDiff, code: str | None = None) -> None:
    """Write the changes of a diff on w; with ``code`` only what that department may see. In Danish,
    as every workbook, whatever language the terminal speaks."""
    with in_language(WORKBOOK_LANGUAGE):
        _Changes(w, diff, code).write()


class _Changes(Frame):
    """What changed first, then what it means: each a table of its own, with its own header, that
    continues on a new page under its name '(fortsat)' and that header (never under the other's).

    Every figure is a block: its name over the label and year columns (it wraps, never cut off),
    then 'før', 'nu' and 'Ændring', kept together on one page."""

    def __init__(self, w: SheetWriter, diff: PlanDiff, code: str | None) -> None:
        super().__init__(diff.new.plan, diff.years, w.styles)
        self.w = w
        self.diff = diff
        self.code = code
        self.decimals = self.plan.settings.decimals

    def write(self) -> None:
        w, diff = self.w, self.diff
        self._columns(w)
        dept = diff.department(self.code) if self.code else None
        title = f"{HEADING}: {dept.label}" if dept else HEADING
        row = self._heading(w, title, FROM_TO.format(old=diff.old.plan.source_name or FROM_TO_OLD,
                                                     new=self.plan.source_name or FROM_TO_NEW))
        for limit in diff.limits:
            w.paragraph(row - 1, 0, self.last_col, limit_text(limit))
            row += 1
        changes = diff.changes_for(self.code) if self.code else list(diff.changes)
        figures_changed = dept.any_change(self.years) if dept else any(
            f.any_change(self.years) for f in diff.consequences.overview())
        if not changes and not figures_changed:
            w.text(row, 0, NO_CHANGES if not self.code else NO_CHANGES_DEPARTMENT, "bold")
            self._finish(w)
            return
        if changes:
            table = self._table(row, CHANGES_SECTION, f"{CHANGE} ({self.unit})")
            row += 2
            for change in changes:
                row = self._change(table, row, change)
            row += 1
        if dept is None:
            table = self._table(row, PLAN_SECTION, f"{CONSEQUENCES_HEADER} ({self.unit})")
            row += 2
            labels = (TOTAL, TARGET, PLAN_DIFFERENCE, REST_LABEL)
            for label, figure in zip(labels, diff.consequences.overview(), strict=False):
                row = self._figure(table, row, label, figure)
            table = self._table(row + 1, TOTALS_SECTION, f"{CONSEQUENCES_HEADER} ({self.unit})")
            row += 3
            for d in diff.consequences.departments:
                row = self._figure(table, row, f"{TOTAL} {d.code}", d.total, _side(d))
            for d in diff.consequences.departments:
                row = self._department(row + 1, d, DEPARTMENT_SHARES.format(department=d.label))
        else:
            table = self._table(row, DEPARTMENT_SECTION, f"{CONSEQUENCES_HEADER} ({self.unit})")
            row += 2
            row = self._figure(table, row, f"{TOTAL} {dept.code}", dept.total, _side(dept))
            row = self._department(row, dept, "", table)
        self._finish(w)

    def _table(self, row: int, name: str, label: str) -> Table:
        """Write a table's name and header at row and row + 1; return the table, which continues on
        the next page under its name '(fortsat)' and its header (the years as text there)."""
        w = self.w
        w.text(row, 0, name, "section")
        self._year_header(w, row + 1, label, NOTE)
        return w.table(row + 1, lambda at: self._year_header(w, at, label, NOTE, text=True), name, whole=False)

    def _department(self, row: int, d: DepartmentChange, name: str, table: Table | None = None) -> int:
        """Write a department's changed shares, in a table of their own under name (or in table); return
        the next row."""
        figures = [t for t in d.themes if t.any_change(self.years)]
        if d.difference.any_change(self.years):
            figures.append(d.difference)
        if not figures:
            return row - 1 if table is None else row
        if table is None:
            table = self._table(row, name, f"{CONSEQUENCES_HEADER} ({self.unit})")
            row += 2
        for figure in figures:
            label = DIFFERENCE_SHARE if figure is d.difference else figure.label
            row = self._figure(table, row, label, figure)
        return row

    def _figure(self, table: Table, row: int, label: str, figure: Figure, note: str = "") -> int:
        """Write a figure: one row when it did not change, else its name, before, now and the change;
        return the next row."""
        w = self.w
        if not figure.any_change(self.years):
            text = UNCHANGED.format(label=label)
            row = table.row(row, [(0, text), (self.last_col, note)])
            w.text(row, 0, text, "label")
            for i, year in enumerate(self.years, start=1):
                w.amount(row, i, figure.new.get(year), "amount_muted")
            w.text(row, self.last_col, note, "note")
            return row + 1
        row = table.row(row, [(0, label), (self.last_col, note)], keep=3)
        w.paragraph(row, 0, len(self.years), label, "subsection")
        w.text(row, self.last_col, note, "note")
        changed = {year: figure.changed(year) for year in self.years}
        return self._three(row + 1, figure, lambda year: True, changed)

    def _three(self, row: int, figure: Figure, shown, changed) -> int:
        """Write 'før', 'nu' and 'Ændring' (a live formula) of figure in the years shown; return the next row."""
        w = self.w
        w.text(row, 0, BEFORE, "label_muted")
        w.text(row + 1, 0, NOW, "label_indent")
        w.text(row + 2, 0, CHANGE, "label_total")
        for i, year in enumerate(self.years, start=1):
            if not shown(year):
                continue
            w.amount(row, i, figure.old.get(year), "amount_muted")
            w.amount(row + 1, i, figure.new.get(year), "amount_warn" if changed[year] else "amount")
            w.formula(row + 2, i, f"=N({cell(row + 1, i)})-N({cell(row, i)})", figure.change(year),
                      "amount_error" if changed[year] else "amount_bold")
        return row + 3

    def _change(self, table: Table, row: int, change: Change) -> int:
        w = self.w
        text = describe(change, decimals=self.decimals)
        if not change.years:
            row = table.row(row, [(0, text)])
            w.paragraph(row, 0, self.last_col, text)
            return row + 1
        figure = Figure(text, {y: a for y, (a, _) in change.years.items()},
                        {y: b for y, (_, b) in change.years.items()})
        row = table.row(row, [(0, text)], keep=3)
        w.paragraph(row, 0, len(self.years), text, "subsection")
        return self._three(row + 1, figure, lambda year: year in change.years,
                           {year: True for year in self.years})


def _side(d: DepartmentChange) -> str:
    return DEPARTMENT_SIDE.get(d.side, "")
