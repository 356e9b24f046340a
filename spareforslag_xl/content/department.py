"""The content of one department's workbook: what it has to save, where each figure comes from, the plan.

Sheets: the department's own sheet (named by its code: its part of every theme, of the
difference, its total against its share of the target, and below how each part was computed),
'Oversigt' (the whole plan's overview, for context) and 'Nøgler' (the keys its parts come from,
with its own share). Nothing of another department's parts is in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spareforslag_xl.content.common import Frame
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
    Meaning,
    Minus,
    Properties,
    Ratio,
    Row,
    Same,
    Series,
    Sheet,
    Sum,
    SumOf,
    Table,
    Text,
    YearColumns,
)
from spareforslag_xl.content.theme import decision_note
from spareforslag_xl.core.compute import Result, Split, ThemeResult
from spareforslag_xl.core.filenames import sheet_name
from spareforslag_xl.core.groups import counts, sum_amounts
from spareforslag_xl.core.keyuse import key_usage
from spareforslag_xl.core.parts import DepartmentPart, SplitPart, ThemePart, department_part
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.findings import Finding, count
from spareforslag_xl.model.i18n import in_language
from spareforslag_xl.model.labels import (
    BASIS,
    CHART_DEPARTMENT,
    CHART_DEPARTMENT_TOTAL,
    DEPARTMENT_BANNER,
    DEPARTMENT_KEYS_HEADERS,
    DEPARTMENT_KEYS_TITLE,
    DEPARTMENT_NO_KEYS,
    DEPARTMENT_OVERVIEW_SUBTITLE,
    DEPARTMENT_OVERVIEW_TOTAL,
    DEPARTMENT_SHARE,
    DEPARTMENT_SUBTITLE,
    DEPARTMENT_TITLE,
    DETAILS,
    DETAILS_DIFFERENCE,
    DETAILS_HEADER,
    DETAILS_LINES,
    DETAILS_LINES_NOTE,
    DETAILS_LINES_TOTAL,
    DIFFERENCE_SHARE,
    FTE_LABEL,
    KEY_SUM_NOT_100,
    KEYS,
    OVERVIEW,
    PROPERTIES_COMMENTS,
    PROPERTIES_SUBJECT,
    SALARY,
    TARGET_GAP,
    TARGET_GAP_NOTE,
    TARGET_SHARE,
    TOTAL,
    WORKBOOK_LANGUAGE,
    bases_text,
    basis_text,
    difference_label,
    key_uses_text,
    theme_name,
)
from spareforslag_xl.model.plan import Decision, ProposalLine

SMALL_CHART_ROWS = 14
"""A department's chart (one series and the target): smaller, so that it often fits under the sheet's last table."""


class DepartmentShared(Frame):
    """What every department's workbook of one plan shows alike, built once per plan (not once per
    department): the overview table, the keys' uses and each line as proposed."""

    def __init__(self, result: Result) -> None:
        with in_language(WORKBOOK_LANGUAGE):
            super().__init__(result.plan, result.years)
            self.result = result
            self.overview = self.overview_table(result, _theme_total)
            self.keys_used = key_usage([t for t in result.themes if t.lines], result.difference_split,
                                       result.difference_split.key is not None)
        proposed = result.proposed.plan.lines if result.proposed is not None else ()
        self.proposed_line = {id(line): p for line, p in zip(result.plan.lines, proposed, strict=False)}
        """A scenario's line → the line as proposed (empty without decisions: no marks)."""
        self._split_rows: dict[tuple[int, str], tuple[tuple[Row, ...] | None, tuple[Row, ...]]] = {}
        """(the split's id, its rows' key) → its rows: by the split too, so that a key that named another split in
        another department's workbook (were their lists of themes ever to differ) never gets this one's rows."""

    def split_rows(self, split: Split, key: str) -> tuple[tuple[Row, ...] | None, tuple[Row, ...]]:
        """The rows of a split above the department's part (None: no part row, the plan counts none of
        its lines) and below it, the same in every department's workbook (so made once per plan).

        Above: the lines the plan counts, their sum. A theme's lines split together by the theme's
        rule are one amount split: they show as one row ('12 forslag', each of them is on the report's
        theme sheet), beside the lines a decision changed (adopted with another amount, postponed),
        each on a row of its own. Below, struck through and not counted: the lines the scenario
        leaves out, with their proposed amounts and decision. The part is kept on the page of the
        last row and the sum above it: never alone."""
        done = self._split_rows.get((id(split), key))
        if done is None:
            done = self._split_rows[(id(split), key)] = self._make_split_rows(split, key)
        return done

    def _make_split_rows(self, split: Split, key: str):
        lines = split.lines
        kept = [line for line in lines if not split.left_out and counts(line.decision, self.plan.scenario)]
        kept_ids = {id(line) for line in kept}
        together = len(kept) > 1 and lines[0].rule is None
        listed = [line for line in kept if self._marked(line)] if together else kept
        rows: list[Row] = []
        n = 0
        if together and len(listed) < len(kept):
            listed_ids = {id(line) for line in listed}
            rest = [line for line in kept if id(line) not in listed_ids]
            beside = bool(listed)  # 'Øvrige 11 forslag' beside the lines a decision changed
            cells: dict[int, Cell] = {0: Text(DETAILS_LINES[beside].format(count=len(rest)), "label_muted")}
            cells.update({i: Figure(sum_amounts(line.amounts.get(y) for line in rest), "amount_muted")
                          for i, y in enumerate(self.years, 1)})
            cells[self.last_col] = Text(DETAILS_LINES_NOTE[beside].format(sheet=theme_name(lines[0].theme)), "note")
            rows.append(Row(cells, key=f"{key}.line.0"))
            n = 1
        for j, line in enumerate(listed, start=n):
            cells = {0: Text(line.label, "label_muted")}
            cells.update({i: Figure(line.amounts.get(y), "amount_muted") for i, y in enumerate(self.years, 1)})
            note = decision_note(line, self.proposed_line.get(id(line)), self.years)
            if note:
                cells[self.last_col] = Text(note, "note")
            rows.append(Row(cells, key=f"{key}.line.{j}"))
        if rows:  # the last row is kept with the sum and the part below it
            rows[-1] = replace(rows[-1], keep=2 if len(rows) > 1 else 1)
        if len(rows) > 1:
            cells = {0: Text(DETAILS_LINES_TOTAL, "label_muted")}
            cells.update({i: Figure(split.amounts[y], "amount_muted", Sum(f"{key}.line.0", dash=True))
                          for i, y in enumerate(self.years, start=1)})
            rows.append(Row(cells))
        struck: list[Row] = []
        for line in lines:
            if id(line) in kept_ids:
                continue
            proposed = self.proposed_line.get(id(line), line)
            cells = {0: Text(proposed.label, "label_struck_indent")}
            cells.update({i: Figure(proposed.amounts.get(y), "amount_struck") for i, y in enumerate(self.years, 1)})
            cells[self.last_col] = Text(decision_note(line, proposed, self.years, counted=False), "note")
            struck.append(Row(cells))
        return (tuple(rows) if kept else None), tuple(struck)

    def _marked(self, line: ProposalLine) -> bool:
        """True when a decision changed the line from its proposal (another amount) or made it count
        only in this scenario (postponed): the department sees it on a row of its own."""
        proposed = self.proposed_line.get(id(line))
        if proposed is None:
            return False
        return line.decision is Decision.POSTPONED or any(line.amounts.get(y) != proposed.amounts.get(y)
                                                           for y in self.years)


def _theme_total(t: ThemeResult, year: int) -> Figure:
    return Figure(t.totals[year], "amount")


def department_content(result: Result, code: str, findings: Sequence[Finding] = (), forced: bool = False,
                       shared: DepartmentShared | None = None) -> Document:
    """Return the content of the workbook of the department with this code, in the workbooks' language.

    ``shared``: what the workbooks of the plan share (DepartmentShared(result)), when several are built."""
    if shared is None or shared.result is not result:
        shared = DepartmentShared(result)
    with in_language(WORKBOOK_LANGUAGE):
        part = department_part(result, code)
        return _Department(shared, part, count(findings)[0] if forced else 0).document()


class _Department(Frame):
    def __init__(self, shared: DepartmentShared, part: DepartmentPart, errors: int) -> None:
        super().__init__(shared.plan, shared.years)
        self.shared = shared
        self.result = shared.result
        self.part = part
        self.code = part.department.code
        self.errors = errors
        self.proposed_line = shared.proposed_line
        taken: set[str] = set()
        self.own, self.overview_name, self.keys_name = (sheet_name(n, taken) for n in (self.code, OVERVIEW, KEYS))

    def document(self) -> Document:
        s = self.plan.settings
        props = Properties(
            title=f"{self.title} – {self.part.department.label}",
            subject=PROPERTIES_SUBJECT.format(year=s.budget_year) if s.budget_year else "Spareforslag",
            company=s.municipality,
            comments=PROPERTIES_COMMENTS.format(source=self.plan.source_name),
            created=self.plan.created,
        )
        return Document([self.own_sheet(), self.overview_sheet(), self.keys_sheet()], props, active=self.code,
                        decimals=s.decimals, decisions=self.result.proposed is not None)

    def _heading(self, subtitle: str) -> list[Block]:
        s = self.plan.settings
        label = self.part.department.label
        return self.heading(DEPARTMENT_TITLE.format(year=s.budget_year, department=label) if s.budget_year else label,
                            subtitle)

    # -- the department's own sheet --------------------------------------------------------------
    def own_sheet(self) -> Sheet:
        blocks = self._heading(DEPARTMENT_SUBTITLE.format(title=self.title, code=self.code))
        if self.errors:
            blocks += [self.banner(DEPARTMENT_BANNER.format(errors=self.errors)),
                       Gap(1)]
        else:
            blocks.append(Gap(1))
        details, part_rows = self._details()
        rows: list[Row] = []
        for n, tp in enumerate(self.part.themes):
            refs = part_rows[tp.theme.theme.number]
            cells: dict[int, Cell] = {0: Text(tp.label, "label")}
            for i, y in enumerate(self.years, start=1):
                # a theme the plan leaves out altogether has no part row to refer to
                meaning: Meaning = Same(refs[0]) if len(refs) == 1 else SumOf(tuple(refs), dash=True) if refs \
                    else Fixed(tp.part[y])
                cells[i] = Figure(tp.part[y], "amount", meaning)
            cells[self.last_col] = Text(bases_text(tp.bases), "note")
            rows.append(Row(cells, key=f"own.theme.{n}"))
        d = self.part.difference
        cells = {0: Text(DIFFERENCE_SHARE, "label")}
        cells.update({i: Figure(d.part[y], "amount", Same("own.part.difference")) for i, y in enumerate(self.years, 1)})
        cells[self.last_col] = Text(basis_text(d.basis), "note")
        rows.append(Row(cells, key="own.difference"))
        first = rows[0].key or "own.difference"
        total: dict[int, Cell] = {0: Text(f"{TOTAL} {self.code}", "label_total")}
        total.update({i: Figure(self.part.total[y], "amount_bold", Sum(first, "own.difference"))
                      for i, y in enumerate(self.years, start=1)})
        rows.append(Row(total, key="own.total"))
        share = self.part.target_share
        if share is not None:
            target: dict[int, Cell] = {0: Text(TARGET_SHARE, "label")}
            target.update({i: Figure(share[y]) for i, y in enumerate(self.years, start=1)})
            target[self.last_col] = Text(basis_text(self.part.target_basis), "note")
            gap: dict[int, Cell] = {0: Text(TARGET_GAP, "italic")}
            for i, year in enumerate(self.years, start=1):
                value = self.part.gap(year)
                gap[i] = Figure(value, "amount", Minus("own.total", "own.target") if value is not None else Fixed(None))
            gap[self.last_col] = Text(TARGET_GAP_NOTE, "note")
            rows += [Row(target, key="own.target"), Row(gap)]
        header = self.header(f"{DEPARTMENT_SHARE.format(code=self.code)} ({self.unit})", BASIS, key="own.header")
        blocks += [Table(header, tuple(rows), paged=False), Gap(1), *details, Gap(1)]
        title = (CHART_DEPARTMENT if share is not None else CHART_DEPARTMENT_TOTAL).format(code=self.code,
                                                                                              unit=self.unit)
        chart = Chart("total", title, "own.header", (Series("own.total", f"{TOTAL} {self.code}"),),
                      target="own.target" if share is not None else None)
        blocks.append(Charts((chart,), SMALL_CHART_ROWS, last_col=len(self.years)))
        return Sheet(self.code, YearColumns(len(self.years)), tuple(blocks), freeze=("own.header", 1),
                     print_title=self.title, print_source=self.source)

    def _details(self) -> tuple[list[Block], dict[str, list[str]]]:
        """How each part was computed, one long table (it continues on the next page under its name
        '(fortsat)' and its header); and theme number → the keys of the department's part rows."""
        name = DETAILS.format(unit=self.unit)
        rows: list[Row] = []
        part_rows: dict[str, list[str]] = {}
        for n, tp in enumerate(self.part.themes):
            block: list[Row] = []
            keys = part_rows[tp.theme.theme.number] = []
            for j, sp in enumerate(tp.splits):
                key = f"own.part.{n}.{j}"
                block += self._split_detail(sp, key)
                if not sp.left_out:
                    keys.append(key)
            block += self._fte_rows(tp, n)
            # A theme's block is kept on one page: its heading keeps every row of it (the page plan
            # keeps only the first when the block is taller than a page).
            rows += [Row({0: Text(tp.label, "subsection")}, keep=len(block)), *block]
        label = difference_label(self.residual_key_name())
        rows.append(Row({0: Text(label, "subsection")}, keep=2))
        d = self.part.difference
        muted: dict[int, Cell] = {0: Text(DETAILS_DIFFERENCE, "label_muted")}
        muted.update({i: Figure(d.whole[y], "amount_muted", Same("ov.difference"))
                      for i, y in enumerate(self.years, start=1)})
        rows += [Row(muted, planned=False), self._part_row(d, "own.part.difference")]
        header = self.header(DETAILS_HEADER, BASIS)
        return [Line(Row({0: Text(name, "section")})), Table(header, tuple(rows), name)], part_rows

    def _split_detail(self, sp: SplitPart, key: str) -> list[Row]:
        """The split's rows shared by every department's workbook, with the department's part among them."""
        before, after = self.shared.split_rows(sp.split, key)
        return [*before, self._part_row(sp, key), *after] if before is not None else list(after)

    def _fte_rows(self, tp: ThemePart, n: int) -> list[Row]:
        """The department's part of the theme in FTE (its part over the theme's average salary, as the
        report's theme sheet computes the theme's FTE), and the salary; none without a salary."""
        salary = tp.theme.salary
        if salary is None:
            return []
        fte: dict[int, Cell] = {0: Text(FTE_LABEL, "fte_label")}
        values = tp.fte
        fte.update({i: Figure(values[y], "fte", Ratio(f"own.theme.{n}", f"own.salary.{n}", 1, 2))
                    for i, y in enumerate(self.years, start=1)})
        return [Row(fte, planned=False),
                Row({0: Text(f"{SALARY} ({self.unit})", "note"), 1: Figure(salary, "amount", plain=True)},
                    key=f"own.salary.{n}", planned=False, measure=())]

    def _part_row(self, sp: SplitPart, key: str) -> Row:
        cells: dict[int, Cell] = {0: Text(DEPARTMENT_SHARE.format(code=self.code), "label_indent")}
        cells.update({i: Figure(sp.part[y]) for i, y in enumerate(self.years, start=1)})
        cells[self.last_col] = Text(basis_text(sp.basis), "note")
        return Row(cells, key=key)

    # -- Oversigt ----------------------------------------------------------------------------------
    def overview_sheet(self) -> Sheet:
        blocks = [*self._heading(DEPARTMENT_OVERVIEW_SUBTITLE.format(title=self.title)), Gap(1)]
        cells: dict[int, Cell] = {0: Text(DEPARTMENT_OVERVIEW_TOTAL.format(code=self.code, sheet=self.own), "bold")}
        cells.update({i: Figure(self.part.total[y], "amount_total", Same("own.total"))
                      for i, y in enumerate(self.years, start=1)})
        blocks += [self.shared.overview, Gap(1), Line(Row(cells))]
        return Sheet(OVERVIEW, YearColumns(len(self.years)), tuple(blocks), freeze=("ov.header", 1),
                     print_title=self.title, print_source=self.source)

    # -- Nøgler ------------------------------------------------------------------------------------
    def keys_sheet(self) -> Sheet:
        blocks: list[Block] = [*self.heading(DEPARTMENT_KEYS_TITLE.format(code=self.code), self.title), Gap(1)]
        headers = tuple(h.format(code=self.code) for h in DEPARTMENT_KEYS_HEADERS)
        blocks.append(Line(Row({col: Text(h, "header" if col in (0, 3) else "header_num")
                                for col, h in enumerate(headers)}, key="keys.header")))
        used = self.shared.keys_used
        if not used:
            blocks.append(Line(Row({0: Text(DEPARTMENT_NO_KEYS, "note")})))
        for key, uses in ((u.key, u.uses) for u in used.values()):
            text = key_uses_text(uses)
            if not key.complete:
                text += ". " + KEY_SUM_NOT_100.format(total=format_share(key.total))
            blocks.append(Line(Row({0: Text(key.name, "label"),
                                    1: Figure(key.share_of(self.code), "share", plain=True),
                                    2: Figure(key.total, "share" if key.complete else "share_warn", plain=True),
                                    3: Text(text, "text_wrap")})))
        return Sheet(KEYS, FixedColumns((34, 14, 12, 70), side=(3,)), tuple(blocks), freeze=("keys.header", 0),
                     repeat="keys.header", print_title=self.title, print_source=self.source)
