"""The content of the report: the document's tables, recomputed, with the meaning of every total.

Sheets: 'Oversigt' (the overview and the split of the difference), one sheet per theme
('Tema 2' …), 'Afdelinger' (each department's part of every theme and of the difference),
'Nøgler' and 'Kontrol'. The parts of a split are values (the largest-remainder rounding is not
a spreadsheet formula); totals, differences and FTE keep their meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.content.common import has_rest_row, shown
from spareforslag_xl.content.nodes import (
    Block,
    Cell,
    Chart,
    Charts,
    Document,
    Figure,
    Fixed,
    FixedColumns,
    Gap,
    Line,
    Minus,
    Properties,
    Row,
    Same,
    Series,
    Sheet,
    Sum,
    Table,
    Text,
    YearColumns,
)
from spareforslag_xl.content.theme import ThemeContent, has_sheet
from spareforslag_xl.core.compute import Result, ThemeResult
from spareforslag_xl.core.keyuse import key_usage
from spareforslag_xl.core.stated_fte import FteDifferences
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.findings import Finding, count
from spareforslag_xl.model.i18n import _, in_language, ngettext
from spareforslag_xl.model.labels import (
    BASIS,
    CHANGE,
    CHANGED_BY_DECISION,
    CHART_DIFFERENCE,
    CHART_THEMES,
    CHECKS,
    DEPARTMENT,
    DEPARTMENTS,
    DEPARTMENTS_CHECK,
    DEPARTMENTS_SUMMARY,
    DEPARTMENTS_TITLE,
    DIFFERENCE_ROW,
    DIFFERENCE_SHARE,
    DIFFERENCE_SPLIT,
    KEY_DEPARTMENT,
    KEY_NAME,
    KEY_SUM_NOT_100,
    KEYS,
    KEYS_TITLE,
    NOTE,
    OVERVIEW,
    PROPERTIES_COMMENTS,
    PROPERTIES_SUBJECT,
    PROPOSED_TABLE,
    REPORT_BANNER,
    REST_LABEL,
    REST_REASON,
    SHARE,
    TARGET,
    THEME,
    TOTAL,
    TOTAL_PROPOSED,
    UNKNOWN_DEPARTMENT,
    WORKBOOK_LANGUAGE,
    bases_text,
    basis_text,
    key_usage_line,
    plan_title,
    rest_reason,
    rest_reasons,
    theme_name,
)
from spareforslag_xl.model.plan import Method

CHART_ROWS = 17
"""Rows of the default height a chart covers (about 12 cm at 100 %)."""
_ZERO = Fixed(Decimal(0))


def report_content(result: Result, findings: Sequence[Finding], forced: bool = False,
                   fte_differences: FteDifferences | None = None, handout: bool = False) -> Document:
    """Return the report's content for a computed plan (its scenario's figures), in the workbooks' language.

    ``handout``: the readers' version (the PDF of build --pdf), without the staff's checks: no sheet
    'Kontrol', no line 'Kontrol: …' on the overview and no check row 'Kontrol: I alt − Mål' on
    'Afdelinger' (the red banner of a forced build stays: its figures may be wrong).
    """
    with in_language(WORKBOOK_LANGUAGE):
        return _Report(result, findings, forced, fte_differences, handout).document()


class _Report(ThemeContent):
    def __init__(self, result: Result, findings: Sequence[Finding], forced: bool,
                 fte_differences: FteDifferences | None, handout: bool = False) -> None:
        super().__init__(result, fte_differences)
        self.findings = findings
        self.forced = forced
        self.handout = handout

    def document(self) -> Document:
        themes = [self.sheet(t) for t in self.result.themes if has_sheet(t)]
        sheets = [self.overview(), *themes, self.departments_sheet(), self.keys_sheet()]
        if not self.handout:
            sheets.append(self.checks_sheet())
        s = self.plan.settings
        props = Properties(
            title=plan_title(self.plan) or "Spareforslag",
            subject=PROPERTIES_SUBJECT.format(year=s.budget_year) if s.budget_year else "Spareforslag",
            company=s.municipality,
            comments=PROPERTIES_COMMENTS.format(source=self.plan.source_name),
            created=self.plan.created,
        )
        return Document(sheets, props, active=OVERVIEW, decimals=s.decimals, decisions=self.proposed is not None)

    # -- Oversigt ----------------------------------------------------------------------------------
    def overview(self) -> Sheet:
        s = self.plan.settings
        blocks: list[Block] = self.heading(self.title, s.subtitle)
        errors, warnings = count(self.findings)
        if self.forced and errors:
            blocks += [self.banner(REPORT_BANNER.format(errors=errors)), Gap(1)]
        elif (errors or warnings) and not self.handout:
            text = _("Checks: {counts} – see the sheet Kontrol.").format(counts=count_text(errors, warnings))
            blocks.append(Line(Row({0: Text(text, "note")})))
        else:
            blocks.append(Gap(1))

        def theme_total(t: ThemeResult, year: int) -> Figure:
            meaning = Same(f"t{t.theme.number}.total") if has_sheet(t) else None
            return Figure(t.totals[year], "amount", meaning)

        blocks += [self.overview_table(self.result, theme_total), Gap(2)]
        if self.result.proposed is not None:
            blocks += self.proposed_table()
        split = self.result.difference_split
        name = DIFFERENCE_SPLIT.format(key=self.residual_key_name().lower())
        blocks.append(Line(Row({0: Text(name, "section")})))
        blocks += self.split_table(split, "diff", name)
        distributed = split.rule is not None and split.rule.method is not Method.NONE
        codes = [d.code for d in self.plan.departments] if distributed else []
        charts = [Chart("stacked", CHART_THEMES.format(unit=self.unit), "ov.header",
                        tuple(Series(f"ov.theme.{t.theme.number}", theme_name(t.theme.number), colour=n)
                              for n, t in enumerate(self.result.themes) if any(t.totals[y] for y in self.years)),
                        target="ov.target")]
        if codes:
            charts.append(Chart("by_year", CHART_DIFFERENCE.format(unit=self.unit), "diff.header",
                                first=f"diff.{codes[0]}", last=f"diff.{codes[-1]}"))
        blocks.append(Charts(tuple(charts), CHART_ROWS))
        return Sheet(OVERVIEW, YearColumns(len(self.years)), tuple(blocks), freeze=("ov.header", 1),
                     print_title=self.title, print_source=self.source)

    def proposed_table(self) -> list[Block]:
        """The proposals' totals per theme beside a decided plan's overview, 'I alt' and the change."""
        proposed = self.result.proposed
        assert proposed is not None
        rows: list[Row] = []
        for t, decided in zip(proposed.themes, self.result.themes, strict=False):
            cells: dict[int, Cell] = {0: Text(t.theme.label, "label")}
            cells.update({i: Figure(t.totals[y]) for i, y in enumerate(self.years, start=1)})
            changed = [y for y in self.years if t.totals[y] != decided.totals[y]]
            if changed:
                cells[self.last_col] = Text(CHANGED_BY_DECISION.format(years=", ".join(map(str, changed))), "note")
            rows.append(Row(cells, key=f"prop.{len(rows)}"))
        total: dict[int, Cell] = {0: Text(TOTAL_PROPOSED, "label_total")}
        change: dict[int, Cell] = {0: Text(CHANGE, "bold")}
        for i, year in enumerate(self.years, start=1):
            total[i] = Figure(proposed.total[year], "amount_bold", Sum("prop.0"))
            change[i] = Figure(self.result.total[year] - proposed.total[year], "amount_total",
                               Minus("ov.total", "prop.total"))
        rows += [Row(total, key="prop.total"), Row(change)]
        header = self.header(f"{THEME} ({self.unit})", NOTE)
        return [Line(Row({0: Text(PROPOSED_TABLE, "section")})), Table(header, tuple(rows), paged=False), Gap(2)]

    # -- Afdelinger ------------------------------------------------------------------------------------
    def departments_sheet(self) -> Sheet:
        blocks: list[Block] = [*self.heading(DEPARTMENTS_TITLE, self.title), Gap(1),
                               Line(Row({0: Text(DEPARTMENTS_SUMMARY.format(unit=self.unit), "section")}))]
        result = self.result
        rows: list[Row] = []
        for d in self.plan.departments:
            cells: dict[int, Cell] = {0: Text(d.label, "label")}
            cells.update({i: Figure(result.department_totals[d.code][y], "amount", Same(f"dep.{d.code}.total"))
                          for i, y in enumerate(self.years, start=1)})
            rows.append(Row(cells, key=f"dep.sum.{d.code}"))
        rest: dict[int, Cell] = {0: Text(REST_LABEL, "italic")}
        total: dict[int, Cell] = {0: Text(TOTAL, "label_total")}
        target: dict[int, Cell] = {0: Text(TARGET, "bold")}
        check: dict[int, Cell] = {0: Text(DEPARTMENTS_CHECK, "note")}
        first = rows[0].key if rows else "dep.rest"
        for i, year in enumerate(self.years, start=1):
            rest[i] = Figure(result.rest_total[year], "amount", Same("dep.rest.total"))
            whole = sum((result.department_totals[c][year] for c in result.department_totals), Decimal(0)) \
                + result.rest_total[year]
            total[i] = Figure(whole, "amount_bold", Sum(first or "dep.rest", "dep.rest"))
            goal = result.target[year]
            target[i] = Figure(goal if goal is not None else Decimal(0), "amount_total", Same("ov.target"))
            diff = whole - (goal or Decimal(0))
            check[i] = Figure(diff, "amount_ok" if diff == 0 else "amount_error", Minus("dep.total", "dep.target"))
        rows += [Row(rest, key="dep.rest"), Row(total, key="dep.total"), Row(target, key="dep.target")]
        if not self.handout:
            rows.append(Row(check))  # the staff's check that the departments add up to the target
        blocks += [Table(self.header(DEPARTMENT, key="dep.header"), tuple(rows), paged=False), Gap(2)]
        for d in self.plan.departments:
            blocks += self._department_block(d)
        blocks += self._rest_block()
        return Sheet(DEPARTMENTS, YearColumns(len(self.years)), tuple(blocks), freeze=("dep.header", 1),
                     print_title=self.title, print_source=self.source)

    def _department_block(self, d) -> list[Block]:
        label = f"{THEME} ({self.unit})"
        rows: list[Row] = []
        for t in self.result.themes:
            if not t.lines:
                continue
            basis = bases_text(s.basis_for(d.code) for s in t.splits)
            source = self.keys.get(t.theme.number)
            key = source.departments.get(d.code) if source is not None else None
            cells: dict[int, Cell] = {0: Text(t.theme.label, "label")}
            for i, year in enumerate(self.years, start=1):
                value = shown(t, t.parts[d.code][year], year)
                cells[i] = Figure(value, "amount", Same(key) if key is not None else None)
            cells[self.last_col] = Text(basis, "note")
            rows.append(Row(cells, key=f"dep.{d.code}.{len(rows)}"))
        split = self.result.difference_split
        distributed = split.rule is not None and split.rule.method is not Method.NONE
        cells = {0: Text(DIFFERENCE_SHARE)}
        for i, year in enumerate(self.years, start=1):
            cells[i] = Figure(split.parts[d.code][year], "amount", Same(f"diff.{d.code}") if distributed else None)
        cells[self.last_col] = Text(basis_text(split.basis_for(d.code)), "note")
        rows.append(Row(cells, key=f"dep.{d.code}.difference"))
        first = rows[0].key
        assert first is not None
        total: dict[int, Cell] = {0: Text(f"{TOTAL} {d.code}", "label_total")}
        total.update({i: Figure(self.result.department_totals[d.code][y], "amount_bold",
                                Sum(first)) for i, y in enumerate(self.years, 1)})
        rows.append(Row(total, key=f"dep.{d.code}.total"))
        header = self.header(label, BASIS)
        return [Line(Row({0: Text(d.label, "section")})), Table(header, tuple(rows), d.label), Gap(1)]

    def _rest_block(self) -> list[Block]:
        label = f"{THEME} ({self.unit})"
        rows: list[Row] = []
        for t in self.result.themes:
            if not any(t.rest[y] != 0 for y in self.years):
                continue
            reason = rest_reasons(s.rest_cause for s in t.splits if any(s.rest[y] != 0 for y in self.years))
            source = self.keys.get(t.theme.number)
            key = source.rest if source is not None else None
            cells: dict[int, Cell] = {0: Text(t.theme.label, "label")}
            cells.update({i: Figure(shown(t, t.rest[y], y), "amount", Same(key) if key else None)
                          for i, y in enumerate(self.years, start=1)})
            cells[self.last_col] = Text(reason, "note")
            rows.append(Row(cells, key=f"dep.rest.{len(rows)}"))
        split = self.result.difference_split
        if any(split.rest[y] != 0 for y in self.years):
            source_key = "diff.rest" if has_rest_row(split, self.years) else None
            cells = {0: Text(DIFFERENCE_ROW)}
            cells.update({i: Figure(split.rest[y], "amount", Same(source_key) if source_key else None)
                          for i, y in enumerate(self.years, start=1)})
            cells[self.last_col] = Text(rest_reason(split.rest_cause), "note")
            rows.append(Row(cells, key=f"dep.rest.{len(rows)}"))
        total: dict[int, Cell] = {0: Text(f"{TOTAL} {REST_LABEL.lower()}", "label_total")}
        for i, year in enumerate(self.years, start=1):
            meaning = Sum("dep.rest.0") if rows else _ZERO
            total[i] = Figure(self.result.rest_total[year], "amount_bold", meaning)
        rows.append(Row(total, key="dep.rest.total"))
        header = self.header(label, REST_REASON)
        return [Line(Row({0: Text(REST_LABEL, "section")})), Table(header, tuple(rows), REST_LABEL)]

    # -- Nøgler ------------------------------------------------------------------------------------------
    def keys_sheet(self) -> Sheet:
        blocks: list[Block] = [*self.heading(KEYS_TITLE, self.title), Gap(1)]
        used = key_usage(self.result.themes, self.result.difference_split)
        names = {d.code: d.name for d in self.plan.departments}
        for k, key in enumerate(self.plan.keys):
            blocks.append(Line(Row({0: Text(key.name, "section")})))
            blocks.append(Line(Row({0: Text(KEY_DEPARTMENT, "header"), 1: Text(SHARE, "header_num"),
                                    2: Text(KEY_NAME, "header")})))
            for j, share in enumerate(key.shares):
                blocks.append(Line(Row({0: Text(share.department), 1: Figure(share.share, "share", plain=True),
                                        2: Text(names.get(share.department, UNKNOWN_DEPARTMENT))},
                                       key=f"key.{k}.{j}")))
            total = key.total
            cells: dict[int, Cell] = {0: Text(TOTAL, "label_total")}
            meaning = Sum(f"key.{k}.0") if key.shares else _ZERO
            cells[1] = Figure(total, "share_bold" if key.complete else "share_warn", meaning)
            if not key.complete:
                cells[2] = Text(KEY_SUM_NOT_100.format(total=format_share(total)), "warning")
            blocks += [Line(Row(cells)), Gap(1)]
            # Below the table, over its width: in column A alone a long list is a row taller than a page.
            text = key_usage_line(used[key.name].uses if key.name in used else None)
            blocks += [Line(Row({0: Text(text, "note", span=2, paragraph=True)})), Gap(1)]
        return Sheet(KEYS, FixedColumns((34, 10, 70), side=(2,)), tuple(blocks), print_title=self.title,
                     print_source=self.source)

    # -- Kontrol -------------------------------------------------------------------------------------------
    def checks_sheet(self) -> Sheet:
        blocks: list[Block] = [*self.heading(_("Checks of the master workbook"), self.title), Gap(1)]
        errors, warnings = count(self.findings)
        summary = f"{count_text(errors, warnings)}." if self.findings else _("No errors or warnings.")
        blocks += [Line(Row({0: Text(summary, "bold" if not errors else "banner")})), Gap(1)]
        headers = (_("Severity"), _("Code"), _("Sheet"), _("Cell"), _("Message"), _("How to fix it"))
        blocks.append(Line(Row({col: Text(h, "header") for col, h in enumerate(headers)}, key="chk.header")))
        for f in self.findings:
            blocks.append(Line(Row({
                0: Text(f.severity.title, "error" if f.is_error else "warning"), 1: Text(f.code),
                2: Text(f.ref.sheet if f.ref else ""), 3: Text(f.ref.cell if f.ref else ""),
                4: Text(f.message_in(WORKBOOK_LANGUAGE), "text_wrap"),
                5: Text(f.hint_in(WORKBOOK_LANGUAGE), "text_wrap")})))
        return Sheet(CHECKS, FixedColumns((11, 22, 14, 8, 52, 38)), tuple(blocks), freeze=("chk.header", 0),
                     repeat="chk.header", autofilter=("chk.header", len(headers) - 1) if self.findings else None,
                     print_title=self.title, print_source=self.source)


def count_text(errors: int, warnings: int) -> str:
    """'2 fejl og 1 advarsel'."""
    return (ngettext("{n} error", "{n} errors", errors).format(n=errors) + " " + _("and") + " "
            + ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))

