"""The content of a theme's sheet ('Tema 2' …): proposals, total, FTE, the split over departments, texts.

Keys: 't<n>.line.<i>' for the proposals, 't<n>.total', 't<n>.fte', 't<n>.salary'; each split's
table 't<n>.s<j>.*' (see Frame.split_table) and, with several splits, 't<n>.sum.*' adding them up.
``ThemeKeys`` says which rows hold a department's part and the rest, for the sheets that refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spareforslag_xl.content.common import Frame, has_rest_row, partial_note
from spareforslag_xl.content.fte_note import fte_note
from spareforslag_xl.content.nodes import (
    Block,
    Cell,
    Figure,
    Fixed,
    Gap,
    Line,
    Meaning,
    Ratio,
    Row,
    Sheet,
    Sum,
    SumOf,
    Table,
    Text,
    YearColumns,
)
from spareforslag_xl.core.compute import Result, Split, ThemeResult
from spareforslag_xl.core.groups import counts
from spareforslag_xl.core.stated_fte import FteDifferences
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.labels import (
    DEPARTMENT,
    DESCRIPTION,
    DISTRIBUTION,
    EXCLUDED,
    FTE_LABEL,
    NOT_DISTRIBUTED,
    NOTE,
    NOTHING_TO_SPLIT,
    POTENTIAL,
    REST_LABEL,
    RULE_FIXED,
    RULE_FROM,
    RULE_KEY,
    SALARY,
    SALARY_NONE,
    SALARY_OWN,
    SALARY_SHARED,
    SPLITS_TOTAL,
    THEME,
    THEME_NO_LINES,
    TOTAL,
    TOTAL_LABEL,
    basis_text,
    theme_name,
)
from spareforslag_xl.model.labels_decisions import (
    DECIDED_OTHER_AMOUNT,
    DECISION_TEXT,
    POSTPONED_COUNTED,
    POSTPONED_LEFT_OUT,
    rescaled_split_text,
)
from spareforslag_xl.model.plan import Decision, Method, ProposalLine, Rule
from spareforslag_xl.model.texts import text_parts


@dataclass
class ThemeKeys:
    """Where a theme's sheet holds each department's part and the part not distributed."""

    departments: dict[str, str] = field(default_factory=dict)
    rest: str | None = None


def has_sheet(t: ThemeResult) -> bool:
    th = t.theme
    return bool(t.lines or th.description or th.potential_text or th.distribution_text)


class ThemeContent(Frame):
    """Builds theme sheets of one computed plan (decided lines marked against the proposals)."""

    def __init__(self, result: Result, fte_differences: FteDifferences | None = None) -> None:
        super().__init__(result.plan, result.years)
        self.result = result
        self.proposed = result.proposed
        self.fte_differences = fte_differences or {}
        self.keys: dict[str, ThemeKeys] = {}

    def sheet(self, t: ThemeResult) -> Sheet:
        th = t.theme
        n = th.number
        title = f"{THEME} {n}: {th.title}"
        blocks: list[Block] = [*self.heading(title, th.status), Gap(1)]
        rows: list[Row] = []
        lines, excluded = self._decided_lines(t)
        for j, (line, proposed) in enumerate(lines):
            notes = [x for x in (decision_note(line, proposed, self.years), line.note, rule_note(line.rule)) if x]
            cells: dict[int, Cell] = {0: Text(line.label, "label")}
            cells.update({i: Figure(line.amounts.get(year)) for i, year in enumerate(self.years, start=1)})
            cells[self.last_col] = Text("; ".join(notes), "note")
            rows.append(Row(cells, key=f"t{n}.line.{j}"))
        note = partial_note(t, self.years)
        fte_text = fte_note(t, self.fte_differences.get(n, ()), self.years)
        total: dict[int, Cell] = {0: Text(TOTAL_LABEL, "label_total")}
        for i, year in enumerate(self.years, start=1):
            meaning: Meaning = Fixed(None)
            if lines:
                meaning = Sum(f"t{n}.line.0", dash=True)
            if t.lines and not lines and t.totals[year] is not None:
                meaning = Fixed(Decimal(0))  # every line rejected or postponed: the plan saves nothing here
            total[i] = Figure(t.totals[year], "amount_bold", meaning)
        if note:
            total[self.last_col] = Text(note, "note")
        # The total, FTE and salary rows stay together on one page.
        rows.append(Row(total, key=f"t{n}.total", keep=2))
        fte: dict[int, Cell] = {0: Text(FTE_LABEL, "fte_label")}
        if t.salary is not None:
            for i, year in enumerate(self.years, start=1):
                fte[i] = Figure(t.fte[year], "fte", Ratio(f"t{n}.total", f"t{n}.salary", 1, 2))
        if fte_text:
            fte[self.last_col] = Text(fte_text, "note")
        rows.append(Row(fte, key=f"t{n}.fte", planned=False))
        salary: dict[int, Cell] = {0: Text(f"{SALARY} ({self.unit})", "note")}
        if t.salary is not None:
            salary[1] = Figure(t.salary, "amount", plain=True)
            salary[2] = Text(SALARY_OWN if th.salary is not None else SALARY_SHARED, "note_indented")
        else:
            salary[1] = Text(SALARY_NONE, "note")
        rows.append(Row(salary, key=f"t{n}.salary", planned=False, measure=()))
        header = self.header(f"{POTENTIAL} ({self.unit})", NOTE, key=f"t{n}.header")
        blocks += [Table(header, tuple(rows), title), Gap(1)]
        blocks += self._excluded_lines(excluded)
        blocks += self._distribution(t)
        blocks += self._texts(t)
        return Sheet(theme_name(n), YearColumns(len(self.years)), tuple(blocks), freeze=(f"t{n}.header", 1),
                     print_title=self.title, print_source=self.source)

    def _decided_lines(self, t: ThemeResult) -> tuple[list, list]:
        """Return (lines in the plan, lines left out), each line with its proposed one (None without decisions)."""
        if self.proposed is None or self.plan.scenario is None:
            return [(line, None) for line in t.lines], []
        proposed = self.proposed.plan.lines_of(t.theme.number)
        kept: list = []
        left: list = []
        for line, before in zip(t.lines, proposed, strict=False):
            (kept if counts(line.decision, self.plan.scenario) else left).append((line, before))
        return kept, left

    def _excluded_lines(self, excluded: list) -> list[Block]:
        """The rejected (and postponed) lines, struck through with their proposed amounts."""
        if not excluded:
            return []
        blocks: list[Block] = [Line(Row({0: Text(f"{EXCLUDED} ({self.unit})", "subsection")}))]
        for line, proposed in excluded:
            cells: dict[int, Cell] = {0: Text(proposed.label, "label_struck")}
            cells.update({i: Figure(proposed.amounts.get(y), "amount_struck") for i, y in enumerate(self.years, 1)})
            notes = [x for x in (decision_note(line, proposed, self.years, counted=False), line.note) if x]
            cells[self.last_col] = Text("; ".join(notes), "note")
            blocks.append(Line(Row(cells)))
        return [*blocks, Gap(1)]

    def _distribution(self, t: ThemeResult) -> list[Block]:
        n = t.theme.number
        keys = self.keys.setdefault(n, ThemeKeys())
        blocks: list[Block] = [Line(Row({0: Text(f"{DISTRIBUTION} ({self.unit})", "section")}))]
        # A split without an amount (every year '-' or 0) gets no table of dashes or zeros.
        splits = [s for s in t.splits if any(s.amounts[y] for y in self.years)]
        if not splits:
            text = NOTHING_TO_SPLIT if t.splits else THEME_NO_LINES
            return [*blocks, Line(Row({0: Text(text, "note")})), Gap(1)]
        dept_rows: dict[str, list[str]] = {d.code: [] for d in self.plan.departments}
        rest_rows: list[str] = []
        for j, split in enumerate(splits):
            name = f"{DISTRIBUTION} ({self.unit})"
            if len(splits) > 1 or split.rule is None or split.rule.method is Method.NONE or split.rule.from_year:
                name = f"{split.label} – {basis_text(split.basis)}"
                blocks.append(Line(Row({0: Text(name, "subsection")})))
            elif split.rule is not None:
                name = basis_text(split.basis)
                blocks.append(Line(Row({0: Text(name, "subsection")})))
            prefix = f"t{n}.s{j}"
            blocks += self.split_table(split, prefix, name)
            rescaled = self._rescaled(t, split)
            if rescaled:
                blocks[-1:-1] = [Line(Row({0: Text(rescaled, "note", span=len(self.years), paragraph=True)}))]
            if split.rule is not None and split.rule.method is not Method.NONE:
                for d in self.plan.departments:
                    dept_rows[d.code].append(f"{prefix}.{d.code}")
            if has_rest_row(split, self.years):
                rest_rows.append(f"{prefix}.rest")
        if len(splits) == 1:
            keys.departments.update({code: rows[0] for code, rows in dept_rows.items() if rows})
            keys.rest = rest_rows[0] if rest_rows else None
            return blocks
        # Several splits: a table that adds them up per department.
        name = SPLITS_TOTAL.format(number=n)
        blocks.append(Line(Row({0: Text(name, "subsection")})))
        rows: list[Row] = []
        for d in self.plan.departments:
            cells: dict[int, Cell] = {0: Text(d.code)}
            for i, year in enumerate(self.years, start=1):
                cells[i] = self._sum_of_parts(dept_rows[d.code], t, year, t.parts[d.code][year])
            rows.append(Row(cells, key=f"t{n}.sum.{d.code}"))
            keys.departments[d.code] = f"t{n}.sum.{d.code}"
        if rest_rows:
            cells = {0: Text(REST_LABEL, "italic")}
            for i, year in enumerate(self.years, start=1):
                cells[i] = self._sum_of_parts(rest_rows, t, year, t.rest[year])
            rows.append(Row(cells, key=f"t{n}.sum.rest"))
            keys.rest = f"t{n}.sum.rest"
        total: dict[int, Cell] = {0: Text(TOTAL, "label_total")}
        first, last = rows[0].key, rows[-1].key
        assert first is not None and last is not None
        for i, year in enumerate(self.years, start=1):
            value = None if t.totals[year] is None else \
                sum((t.parts[c][year] for c in t.parts), Decimal(0)) + t.rest[year]
            total[i] = Figure(value, "amount_bold", Sum(first, dash=True))
        rows.append(Row(total))
        header = self.header(f"{DEPARTMENT} ({self.unit})")
        return [*blocks, Table(header, tuple(rows), name), Gap(1)]

    def _rescaled(self, t: ThemeResult, split: Split) -> str:
        """The note under a split by fixed amounts that a decision split anew: typed → now, and why."""
        if self.proposed is None or split.rule is None or split.rule.method is not Method.FIXED:
            return ""
        before = next((p for p in self.proposed.themes if p.theme.number == t.theme.number), None)
        if before is None or len(before.splits) != len(t.splits):
            return ""
        old = before.splits[t.splits.index(split)]
        years = []
        for y in self.years:
            if split.amounts[y] is None or split.amounts[y] == old.amounts[y]:
                continue
            parts = [(d.code, old.parts[d.code][y], split.parts[d.code][y]) for d in self.plan.departments
                     if old.parts[d.code][y] != split.parts[d.code][y]]
            if parts:
                years.append((y, parts, split.amounts[y], old.amounts[y]))
        return rescaled_split_text(years) if years else ""

    @staticmethod
    def _sum_of_parts(refs: list[str], t: ThemeResult, year: int, value: Decimal) -> Figure:
        """A department's (or the rest's) parts over a theme's splits added up: '-' in a year the theme
        has no estimate at all, as everywhere else, otherwise the sum (0 when nothing is distributed)."""
        if not refs:
            none = t.totals[year] is None
            return Figure(None if none else Decimal(0), "amount", Fixed(None if none else Decimal(0)))
        if t.totals[year] is None:
            return Figure(None, "amount", SumOf(tuple(refs), dash=True))
        return Figure(value, "amount", SumOf(tuple(refs)))

    def _texts(self, t: ThemeResult) -> list[Block]:
        th = t.theme
        blocks: list[Block] = []
        for heading, text in ((DESCRIPTION, th.description), (POTENTIAL, th.potential_text),
                              (DISTRIBUTION, th.distribution_text)):
            if not text:
                continue
            blocks.append(Line(Row({0: Text(heading, "section")})))
            after_paragraph = False
            for part in text_parts(text):
                if part.heading and after_paragraph:
                    blocks.append(Gap(1))  # a blank row above a sub-heading that follows a paragraph
                role = "subsection" if part.heading else "description"
                blocks.append(Line(Row({0: Text(part.text, role, span=self.last_col, paragraph=True)})))
                after_paragraph = not part.heading
            blocks.append(Gap(1))
        return blocks


def rule_note(rule: Rule | None) -> str:
    if rule is None:
        return ""
    if rule.method is Method.KEY:
        text = RULE_KEY.format(key=rule.key)
    elif rule.method is Method.FIXED:
        text = RULE_FIXED
    else:
        text = NOT_DISTRIBUTED
    return text + (RULE_FROM.format(year=rule.from_year) if rule.from_year else "")


def decision_note(line: ProposalLine, proposed: ProposalLine | None, years, counted: bool = True) -> str:
    """Return the line's decision for its note ('Vedtaget', 'Forkastet', 'Vedtaget med andet beløb (foreslået …)').

    ``counted``: whether the scenario counts the line (a postponed line is left out of the adopted plan)."""
    if proposed is None or line.decision is None:
        return ""
    changed = [y for y in years if line.decision is Decision.ADOPTED and line.amounts.get(y) != proposed.amounts.get(y)]
    if changed:
        was = " / ".join(format_danish(proposed.amounts.get(y)) for y in years)
        return DECIDED_OTHER_AMOUNT.format(decision=DECISION_TEXT[line.decision], amounts=was)
    if line.decision is Decision.POSTPONED and not counted:
        return POSTPONED_LEFT_OUT.format(decision=DECISION_TEXT[line.decision])
    if line.decision is Decision.POSTPONED:
        return POSTPONED_COUNTED.format(decision=DECISION_TEXT[line.decision])
    return DECISION_TEXT[line.decision]
