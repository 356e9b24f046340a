"""Writes the report workbook: the document's tables, recomputed, with live formulas.

Sheets: 'Oversigt' (the overview and the split of the difference), one sheet per theme
('Tema 2' …: proposals, total, FTE, split over departments, texts), 'Afdelinger' (each
department's part of every theme and of the difference), 'Nøgler' and 'Kontrol'.
Totals, differences and FTE are formulas that carry the value they compute; the parts of
a split are values, because the largest-remainder rounding is not an Excel formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Optional, Sequence

from spareforslag_xl.core.compute import Result, ThemeResult
from spareforslag_xl.core.keyuse import key_usage
from spareforslag_xl.core.stated_fte import FteDifferences
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.findings import Finding, count
from spareforslag_xl.model.i18n import _
from spareforslag_xl.render.charts import CHART_ROWS, difference_chart, themes_chart
from spareforslag_xl.render.common import count_da, proposed_table, shown
from spareforslag_xl.workbook.sheet import SheetWriter, Styles
from spareforslag_xl.model.labels import (
    BASIS, CHECKS, DEPARTMENT, DEPARTMENTS, DIFFERENCE_SHARE, KEYS, OVERVIEW, REST_LABEL, SHARE,
    TARGET, THEME, TOTAL, bases_text, basis_text, key_usage_line, plan_title, rest_reason, rest_reasons, theme_name,
)
from spareforslag_xl.render.theme_sheet import ThemeSheets
from spareforslag_xl.workbook.book import DocProps, add_sheet, cell, close, new_workbook, sheet_name, sheet_ref

ExtraSheet = Callable[[object, Styles, "Layout"], None]


@dataclass
class Layout:
    """Where the report put what, so that later sheets can refer to it with formulas."""

    theme_sheet: dict[str, str] = field(default_factory=dict)
    theme_total_row: dict[str, int] = field(default_factory=dict)
    theme_dept_row: dict[tuple[str, str], int] = field(default_factory=dict)
    theme_rest_row: dict[str, int] = field(default_factory=dict)
    overview_rows: dict[str, int] = field(default_factory=dict)
    difference_dept_row: dict[str, int] = field(default_factory=dict)
    difference_rest_row: Optional[int] = None


def report_bytes(result: Result, findings: Sequence[Finding], forced: bool = False,
                 extras: Sequence[ExtraSheet] = (), fte_differences: Optional[FteDifferences] = None) -> bytes:
    """Return the bytes of the report workbook for a computed plan.

    ``fte_differences`` (core/stated_fte.py, from the document's stated figures) puts a note beside
    the FTE row of each theme whose stated FTE differs from the recomputed one.
    """
    plan = result.plan
    book, buffer = new_workbook()
    styles = Styles(book, plan.settings.decimals)
    taken: set[str] = set()

    def sheet(name: str) -> SheetWriter:
        return SheetWriter(add_sheet(book, sheet_name(name, taken)), styles)

    overview = sheet(OVERVIEW)
    layout = Layout()
    theme_sheets = []
    for t in result.themes:
        if _has_sheet(t):
            w = sheet(theme_name(t.theme.number))
            layout.theme_sheet[t.theme.number] = w.name
            theme_sheets.append((t, w))
    departments = sheet(DEPARTMENTS)
    keys = sheet(KEYS)
    checks = sheet(CHECKS)

    ctx = _Context(result, styles, layout, findings, forced, fte_differences)
    for t, w in theme_sheets:
        ctx.theme_sheet(w, t)
    ctx.overview_sheet(overview, book)
    ctx.departments_sheet(departments)
    ctx.keys_sheet(keys)
    ctx.checks_sheet(checks)
    for extra in extras:
        extra(book, styles, layout)
    overview.activate()
    s = plan.settings
    props = DocProps(
        title=plan_title(plan) or "Spareforslag",
        subject=f"Budget {s.budget_year}" if s.budget_year else "Spareforslag",
        company=s.municipality,
        comments=f"Dannet af spareforslag-xl fra {plan.source_name}",
        created=plan.created,
    )
    return close(book, buffer, props)


def _has_sheet(t: ThemeResult) -> bool:
    th = t.theme
    return bool(t.lines or th.description or th.potential_text or th.distribution_text)


class _Context(ThemeSheets):
    def __init__(self, result: Result, styles: Styles, layout: Layout, findings: Sequence[Finding],
                 forced: bool, fte_differences: Optional[FteDifferences] = None) -> None:
        super().__init__(result.plan, result.years, styles, layout, result.proposed, fte_differences)
        self.result = result
        self.layout = layout
        self.findings = findings
        self.forced = forced

    # -- Oversigt ----------------------------------------------------------------------------------
    def overview_sheet(self, w: SheetWriter, book) -> None:
        s = self.plan.settings
        self._columns(w)
        row = self._heading(w, self.title, s.subtitle)
        errors, warnings = count(self.findings)
        if self.forced and errors:
            w.merged_text(row - 1, 0, self.last_col,
                          f"RAPPORTEN ER DANNET TRODS {errors} FEJL I GRUNDARKET – tallene kan være forkerte. Se arket Kontrol.",
                          "banner")
            w.row_height(row - 1, 30)
            row += 1
        elif errors or warnings:
            w.text(row - 1, 0, _("Checks: {counts} – see the sheet Kontrol.").format(counts=count_da(errors, warnings)), "note")

        def theme_total(w: SheetWriter, row: int, i: int, t: ThemeResult, year: int) -> None:
            sheet = self.layout.theme_sheet.get(t.theme.number)
            if sheet is not None:
                w.formula(row, i, "=" + sheet_ref(sheet, self.layout.theme_total_row[t.theme.number], i),
                          t.totals[year], "amount_nil")
            else:
                w.amount(row, i, t.totals[year], "amount_nil")

        rows = self._overview_table(w, row, self.result, theme_total)
        header = rows.header
        self.layout.overview_rows.update({"total": rows.total, "target": rows.target, "difference": rows.difference})
        key_name = self.residual_key_name()
        row = rows.difference + 3
        if self.result.proposed is not None:
            row = proposed_table(self, w, row, self.result, rows.total)
        split = self.result.difference_split
        name = f"Fordeling af differencen efter {key_name.lower()}"
        w.text(row, 0, name, "section")
        row += 1
        record: dict[str, int] = {}

        def remember_rest(r: int) -> None:
            self.layout.difference_rest_row = r

        row = self._split_rows(w, row, split, record, remember_rest, name)
        self.layout.difference_dept_row.update(record)
        self._overview_charts(w, book, row, rows, record)
        w.freeze(header + 1, 1)
        self._finish(w)

    def _overview_charts(self, w: SheetWriter, book, row: int, rows, record: dict[str, int]) -> None:
        """The savings per year by theme against the target, and the difference per department."""
        n = len(self.years)
        themes = [(t.theme.number, rows.themes[i]) for i, t in enumerate(self.result.themes)
                  if any(t.totals[y] for y in self.years)]
        charts = [themes_chart(book, w.name, rows.header, n, themes, rows.target, self.unit)]
        if record:
            first, last = min(record.values()), max(record.values())
            charts.append(difference_chart(book, w.name, first - 1, n, first, last, self.unit))
        charts = [c for c in charts if c is not None]
        if charts:
            w.charts(row, charts, CHART_ROWS, self.last_col)

    # -- Afdelinger ------------------------------------------------------------------------------------
    def departments_sheet(self, w: SheetWriter) -> None:
        self._columns(w)
        row = self._heading(w, "Fordeling på magistratsafdelinger", self.title)
        w.text(row, 0, f"Samlet pr. magistratsafdeling ({self.unit})", "section")
        row += 1
        header = row
        self._year_header(w, row, DEPARTMENT)
        row += 1
        summary_first = row
        summary_rows = {d.code: row + i for i, d in enumerate(self.departments)}
        rest_summary = summary_first + len(self.departments)
        total_row, target_row, check_row = rest_summary + 1, rest_summary + 2, rest_summary + 3
        # Written last, but the page plan of the blocks counts it, with the height of its labels.
        w.reserve(summary_first, check_row, {summary_rows[d.code]: ((0, d.label),) for d in self.departments})
        row = check_row + 3
        block_totals: dict[str, int] = {}
        for d in self.departments:
            row, block_totals[d.code] = self._department_block(w, row, d)
        rest_total = self._rest_block(w, row)
        # The summary refers to the blocks below it, so it is written last.
        overview = self.layout.overview_rows
        for d in self.departments:
            r = summary_rows[d.code]
            w.text(r, 0, d.label, "label")
            for i, year in enumerate(self.years, start=1):
                w.formula(r, i, f"={cell(block_totals[d.code], i)}", self.result.department_totals[d.code][year],
                          "amount")
        w.text(rest_summary, 0, REST_LABEL, "italic")
        w.text(total_row, 0, TOTAL, "label_total")
        w.text(target_row, 0, TARGET, "bold")
        w.text(check_row, 0, "Kontrol: I alt − Mål (skal være 0)", "note")
        for i, year in enumerate(self.years, start=1):
            rest = self.result.rest_total[year]
            w.formula(rest_summary, i, f"={cell(rest_total, i)}", rest, "amount")
            total = sum((self.result.department_totals[c][year] for c in self.result.department_totals), Decimal(0)) + rest
            w.formula(total_row, i, self._sum_formula(i, summary_first, rest_summary), total)
            target = self.result.target[year]
            w.formula(target_row, i, "=" + sheet_ref(OVERVIEW, overview["target"], i),
                      target if target is not None else Decimal(0), "amount_total")
            check = total - (target or Decimal(0))
            w.formula(check_row, i, f"={cell(total_row, i)}-{cell(target_row, i)}", check,
                      "amount_ok" if check == 0 else "amount_error")
        w.freeze(header + 1, 1)
        self._finish(w)

    def _department_block(self, w: SheetWriter, row: int, d) -> tuple[int, int]:
        w.text(row, 0, d.label, "section")
        row += 1
        label = f"{THEME} ({self.unit})"
        self._year_header(w, row, label, BASIS)
        table = self._table(w, row, label, BASIS, d.label)
        row += 1
        first = row
        for t in self.result.themes:
            if not t.lines:
                continue
            basis = bases_text(s.basis_for(d.code) for s in t.splits)
            row = table.row(row, ((0, t.theme.label), (self.last_col, basis)))
            w.text(row, 0, t.theme.label, "label")
            sheet = self.layout.theme_sheet[t.theme.number]
            source = self.layout.theme_dept_row.get((t.theme.number, d.code))
            for i, year in enumerate(self.years, start=1):
                value = shown(t, t.parts[d.code][year], year)
                if source is None:
                    w.amount(row, i, value)
                else:
                    w.formula(row, i, "=" + sheet_ref(sheet, source, i), value, "amount")
            w.text(row, self.last_col, basis, "note")
            row += 1
        split = self.result.difference_split
        row = table.row(row, ((self.last_col, basis_text(split.basis_for(d.code))),))
        w.text(row, 0, DIFFERENCE_SHARE)
        source = self.layout.difference_dept_row.get(d.code)
        for i, year in enumerate(self.years, start=1):
            value = split.parts[d.code][year]
            if source is None:
                w.amount(row, i, value)
            else:
                w.formula(row, i, "=" + sheet_ref(OVERVIEW, source, i), value, "amount")
        w.text(row, self.last_col, basis_text(split.basis_for(d.code)), "note")
        row = table.row(row + 1)
        w.text(row, 0, f"{TOTAL} {d.code}", "label_total")
        for i, year in enumerate(self.years, start=1):
            w.formula(row, i, self._sum_formula(i, first, row - 1), self.result.department_totals[d.code][year])
        return row + 2, row

    def _rest_block(self, w: SheetWriter, row: int) -> int:
        w.text(row, 0, REST_LABEL, "section")
        row += 1
        label = f"{THEME} ({self.unit})"
        self._year_header(w, row, label, "Årsag")
        table = self._table(w, row, label, "Årsag", REST_LABEL)
        row += 1
        first = row
        for t in self.result.themes:
            if not any(t.rest[y] != 0 for y in self.years):
                continue
            reason = rest_reasons(s.rest_cause for s in t.splits if any(s.rest[y] != 0 for y in self.years))
            row = table.row(row, ((0, t.theme.label), (self.last_col, reason)))
            w.text(row, 0, t.theme.label, "label")
            source = self.layout.theme_rest_row.get(t.theme.number)
            sheet = self.layout.theme_sheet[t.theme.number]
            for i, year in enumerate(self.years, start=1):
                value = shown(t, t.rest[year], year)
                if source is None:
                    w.amount(row, i, value)
                else:
                    w.formula(row, i, "=" + sheet_ref(sheet, source, i), value, "amount")
            w.text(row, self.last_col, reason, "note")
            row += 1
        split = self.result.difference_split
        if any(split.rest[y] != 0 for y in self.years):
            row = table.row(row, ((self.last_col, rest_reason(split.rest_cause)),))
            w.text(row, 0, "Difference")
            source = self.layout.difference_rest_row
            for i, year in enumerate(self.years, start=1):
                if source is None:
                    w.amount(row, i, split.rest[year])
                else:
                    w.formula(row, i, "=" + sheet_ref(OVERVIEW, source, i), split.rest[year], "amount")
            w.text(row, self.last_col, rest_reason(split.rest_cause), "note")
            row += 1
        row = table.row(row)
        w.text(row, 0, f"{TOTAL} {REST_LABEL.lower()}", "label_total")
        for i, year in enumerate(self.years, start=1):
            formula = self._sum_formula(i, first, row - 1) if row > first else "=0"
            w.formula(row, i, formula, self.result.rest_total[year])
        return row

    # -- Nøgler ------------------------------------------------------------------------------------------
    def keys_sheet(self, w: SheetWriter) -> None:
        w.column(0, 0, 34)
        w.column(1, 1, 10)
        w.column(2, 2, 70, side=True)
        row = self._heading(w, "Fordelingsnøgler", self.title)
        used = key_usage(self.result.themes, self.result.difference_split)
        names = {d.code: d.name for d in self.departments}
        for key in self.plan.keys:
            w.text(row, 0, key.name, "section")
            row += 1
            w.text(row, 0, "Afdeling", "header")
            w.text(row, 1, SHARE, "header_num")
            w.text(row, 2, "Navn", "header")
            row += 1
            first = row
            for share in key.shares:
                w.text(row, 0, share.department)
                w.number(row, 1, share.share, "share")
                w.text(row, 2, names.get(share.department, "(ukendt afdeling)"))
                row += 1
            w.text(row, 0, TOTAL, "label_total")
            total = key.total
            w.formula(row, 1, self._sum_formula(1, first, row - 1), total, "share_bold" if key.complete else "share_warn")
            if not key.complete:
                w.text(row, 2, f"Summen er {format_share(total)}, ikke 100 %: resten vises som '{REST_LABEL}'.",
                       "warning")
            row += 2
            # Below the table, over its width: in column A alone a long list is a row taller than a page.
            w.paragraph(row, 0, 2, key_usage_line(used[key.name].uses if key.name in used else None), "note")
            row += 2
        w.apply_heights()
        w.print_setup(self.title, self.source, None)

    # -- Kontrol -------------------------------------------------------------------------------------------
    def checks_sheet(self, w: SheetWriter) -> None:
        for col, width in enumerate((11, 22, 14, 8, 52, 38)):
            w.column(col, col, width)
        row = self._heading(w, _("Checks of the master workbook"), self.title)
        errors, warnings = count(self.findings)
        summary = f"{count_da(errors, warnings)}." if self.findings else _("No errors or warnings.")
        w.text(row, 0, summary, "bold" if not errors else "banner")
        row += 2
        headers = (_("Severity"), _("Code"), _("Sheet"), _("Cell"), _("Message"), _("How to fix it"))
        for col, h in enumerate(headers):
            w.text(row, col, h, "header")
        header = row
        row += 1
        for f in self.findings:
            style = "error" if f.is_error else "warning"
            w.text(row, 0, f.severity.title, style)
            w.text(row, 1, f.code)
            w.text(row, 2, f.ref.sheet if f.ref else "")
            w.text(row, 3, f.ref.cell if f.ref else "")
            w.text(row, 4, f.message, "text_wrap")
            w.text(row, 5, f.hint, "text_wrap")
            row += 1
        if self.findings:
            w.autofilter(header, 0, row - 1, len(headers) - 1)
        w.freeze(header + 1, 0)
        w.apply_heights()
        w.print_setup(self.title, self.source, (header, header))

