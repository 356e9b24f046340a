"""Recomputes a plan: theme totals, FTE, the overview, and every split over the departments.

Pure: a Plan in, a Result out, all in Decimal. It never fails on a plan that validation
found errors in (``build --force``): what cannot be distributed appears as 'Ikke fordelt'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from spareforslag_xl.core.allocate import allocate
from spareforslag_xl.core.groups import Group, counted_lines, counts, fixed_index, ident, sum_amounts, theme_groups
from spareforslag_xl.model.basis import Basis, BasisKind, RestCause
from spareforslag_xl.model.danish import round_to
from spareforslag_xl.model.plan import (
    Amount,
    Decision,
    DistributionKey,
    Method,
    Plan,
    ProposalLine,
    Rule,
    Theme,
    fold_name,
)

FTE_QUANTUM = Decimal("0.01")
ZERO = Decimal(0)

PerYear = Mapping[int, Decimal]
PerDepartment = Mapping[str, PerYear]


@dataclass(frozen=True)
class Split:
    """How one amount per year (a group of lines, or the difference) is split over the departments."""

    label: str
    """The line's or the theme's label; empty for the difference."""
    rule: Rule | None
    key: DistributionKey | None
    amounts: Mapping[int, Amount]
    parts: PerDepartment
    """Department code → year → part (0 where nothing falls to the department)."""
    rest: PerYear
    """Year → what is not distributed: no rule, a key below 100 %, years before 'Fra år'."""
    lines: tuple[ProposalLine, ...] = ()
    left_out: tuple[Decision, ...] = ()
    """The decisions of its lines when the scenario counts none of them (rejected, postponed); else ()."""

    @property
    def basis(self) -> Basis:
        """Return what the split is based on (the report's 'Grundlag' column), without a department's share."""
        rule = self.rule
        if self.left_out:
            decisions = set(self.left_out)
            return Basis(BasisKind.LEFT_OUT, decision=decisions.pop() if len(decisions) == 1 else None)
        if rule is None or rule.method is Method.NONE:
            return Basis(BasisKind.NONE)
        if rule.method is Method.FIXED:
            return Basis(BasisKind.FIXED, from_year=rule.from_year)
        if self.key is None:
            return Basis(BasisKind.UNKNOWN_KEY, key=rule.key)
        return Basis(BasisKind.KEY, key=self.key.name, from_year=rule.from_year)

    def basis_for(self, department: str) -> Basis:
        """Return the basis with the department's share when the split is by a known key."""
        basis = self.basis
        if basis.kind is BasisKind.KEY and self.key is not None:
            return replace(basis, share=self.key.share_of(department))
        return basis

    @property
    def rest_cause(self) -> RestCause:
        """Return why part of the split is not distributed (the report's 'Årsag' of 'Ikke fordelt')."""
        rule, key = self.rule, self.key
        if rule is None or rule.method is Method.NONE or (rule.method is Method.KEY and key is None):
            return RestCause(self.basis)
        incomplete = key.total if rule.method is Method.KEY and key is not None and not key.complete else None
        return RestCause(self.basis, rule.from_year, incomplete, rule.method is Method.FIXED)


@dataclass(frozen=True)
class ThemeResult:
    theme: Theme
    lines: tuple[ProposalLine, ...]
    totals: Mapping[int, Amount]
    """Anslået samlet besparelse: the sum of the estimated lines, None when none is estimated."""
    not_estimated: Mapping[int, int]
    """How many lines are not estimated in each year."""
    salary: Decimal | None
    fte: Mapping[int, Decimal | None]
    splits: tuple[Split, ...]
    parts: PerDepartment
    rest: PerYear
    counted: tuple[ProposalLine, ...] | None = None
    """The lines the scenario counts, of which the total is the sum (None: every line)."""

    @property
    def counted_lines(self) -> tuple[ProposalLine, ...]:
        """Return the lines the total, the FTE and the notes count (the rejected and postponed left out)."""
        return self.lines if self.counted is None else self.counted

    def partial(self, year: int) -> bool:
        """True when the total covers some but not all lines of the year."""
        return self.totals.get(year) is not None and self.not_estimated.get(year, 0) > 0


@dataclass(frozen=True)
class Result:
    plan: Plan
    years: tuple[int, ...]
    themes: tuple[ThemeResult, ...]
    total: PerYear
    """I alt: the sum of the theme totals."""
    target: Mapping[int, Amount]
    difference: PerYear
    """Mål − I alt: what the residual key distributes."""
    difference_split: Split
    department_totals: PerDepartment
    rest_total: PerYear
    """Everything not distributed: theme rests and the rest of the difference."""
    proposed: Result | None = None
    """The proposals' figures, when these are a scenario of decisions (core.decisions.compute_scenario)."""

    def check(self, year: int) -> Decimal:
        """Return Mål − (departments + Ikke fordelt): zero when the parts add up to the target."""
        distributed = sum((self.department_totals[d][year] for d in self.department_totals), ZERO)
        return (self.target.get(year) or ZERO) - distributed - self.rest_total[year]


def compute(plan: Plan) -> Result:
    """Return every figure of the report, recomputed from the plan's inputs alone."""
    years = tuple(sorted(plan.years))
    codes = [d.code for d in plan.departments]
    fixed = fixed_index(plan)
    themes = tuple(_theme(plan, theme, years, codes, fixed) for theme in plan.themes)
    total = {y: sum((v for t in themes if (v := t.totals[y]) is not None), ZERO) for y in years}
    target = {y: plan.settings.target.get(y) for y in years}
    difference = {y: (target[y] or ZERO) - total[y] for y in years}
    residual_key = plan.key(plan.settings.residual_key)
    residual_rule = Rule(Method.KEY, plan.settings.residual_key) if plan.settings.residual_key else None
    difference_split = _split(
        plan, "", residual_rule, residual_key, difference, years, codes, [],
    )
    dept_totals = {
        c: {y: sum((t.parts[c][y] for t in themes), ZERO) + difference_split.parts[c][y] for y in years}
        for c in codes
    }
    rest_total = {y: sum((t.rest[y] for t in themes), ZERO) + difference_split.rest[y] for y in years}
    return Result(plan, years, themes, total, target, difference, difference_split, dept_totals, rest_total)


def _theme(plan: Plan, theme: Theme, years, codes, fixed) -> ThemeResult:
    lines = plan.lines_of(theme.number)
    counted = counted_lines(plan, lines)
    totals = {y: sum_amounts(line.amounts.get(y) for line in counted) for y in years}
    # a theme the plan leaves out altogether is not 'partly estimated': nothing of it is counted
    left_out = plan.scenario is not None and not any(counts(line.decision, plan.scenario) for line in lines)
    missing = {y: 0 if left_out else sum(1 for line in counted if line.amounts.get(y) is None) for y in years}
    salary = theme.salary or plan.settings.salary
    fte = {y: (round_to(v / salary, FTE_QUANTUM) if salary and (v := totals[y]) is not None else None) for y in years}
    splits = tuple(_group_split(plan, g, years, codes, fixed) for g in theme_groups(plan, theme))
    parts = {c: {y: sum((s.parts[c][y] for s in splits), ZERO) for y in years} for c in codes}
    rest = {y: sum((s.rest[y] for s in splits), ZERO) for y in years}
    return ThemeResult(theme, lines, totals, missing, salary, fte, splits, parts, rest,
                       None if counted is lines else counted)


def _group_split(plan: Plan, group: Group, years, codes, fixed) -> Split:
    amounts = {y: group.amount(y) for y in years}
    key = plan.key(group.rule.key) if group.rule and group.rule.method is Method.KEY else None
    rows = fixed.get(ident(group.theme.number, group.line_number), []) if group.rule else []
    label = group.lines[0].label if group.own else group.theme.label
    split = _split(plan, label, group.rule, key, amounts, years, codes, rows, group.lines)
    if plan.scenario is not None and not any(counts(line.decision, plan.scenario) for line in group.lines):
        split = replace(split, left_out=tuple(line.decision or Decision.PROPOSED for line in group.lines))
    return split


def _split(plan: Plan, label, rule, key, amounts, years, codes, fixed_rows, lines=()) -> Split:
    quantum = plan.quantum
    parts = {c: {y: ZERO for y in years} for c in codes}
    rest: dict[int, Decimal] = {}
    by_code = {fold_name(c): c for c in codes}
    shares = [key.share_of(c) for c in codes] if key is not None else []  # the same every year
    for y in years:
        whole = amounts[y]
        if whole is None:
            rest[y] = ZERO
            continue
        distributable = rule is not None and (rule.from_year is None or y >= rule.from_year)
        if distributable and rule.method is Method.KEY and key is not None:
            values, rest[y] = allocate(whole, shares, quantum)
            for c, v in zip(codes, values, strict=True):
                parts[c][y] = v
        elif distributable and rule.method is Method.FIXED:
            given = ZERO
            for row in fixed_rows:
                code = by_code.get(fold_name(row.department))
                value = row.amounts.get(y)
                if code is not None and value is not None:
                    parts[code][y] += value
                    given += value
            rest[y] = round_to(whole, quantum) - given
        else:
            rest[y] = round_to(whole, quantum)
    return Split(label, rule, key, amounts, parts, rest, tuple(lines))
