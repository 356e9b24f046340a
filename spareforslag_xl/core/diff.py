"""Two plans compared: what changed in the master, and what it means per year and department.

Pure: ``diff_plans(old, new)`` computes both plans with the same core as build, compares
them as plans (core/plandiff) and gathers the consequences (core/consequences). What cannot
be compared (years or departments in one plan only, another unit) is listed in ``limits``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.core.compute import Result
from spareforslag_xl.core.consequences import Consequences, DepartmentChange, consequences
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.plandiff import Change, compare_plans, match_plans
from spareforslag_xl.model.plan import Amount, Plan, fold_name


@dataclass(frozen=True)
class Limit:
    """Something the diff could not compare: its kind and the values concerned."""

    kind: str
    """'years-old', 'years-new' (years only in one plan), 'departments-old', 'departments-new', 'unit'."""
    values: tuple


@dataclass(frozen=True)
class PlanDiff:
    old: Result
    new: Result
    changes: tuple[Change, ...]
    consequences: Consequences
    limits: tuple[Limit, ...] = ()

    @property
    def same(self) -> bool:
        """True when the plans are the same: nothing changed and nothing could not be compared."""
        return not self.changes and not self.limits

    @property
    def years(self) -> tuple[int, ...]:
        return self.consequences.years

    def department(self, code: str) -> DepartmentChange | None:
        return next((d for d in self.consequences.departments if fold_name(d.code) == fold_name(code)), None)

    def changes_for(self, code: str) -> list[Change]:
        """Return the changes a department may see: plan-wide ones, and of the others only its own.

        Lines and theme rules are shown when the department has a part in the theme in either
        plan; key shares, fixed amounts and department details only when they are its own.
        """
        dept = self.department(code)
        involved = {t.theme for t in dept.themes if _has_part(t)} if dept else set()
        own = fold_name(code)
        shown = []
        for c in self.changes:
            if c.department:
                if fold_name(c.department) == own:
                    shown.append(c)
            elif c.kind.startswith("key-") and c.kind != "key-share":
                continue
            elif c.theme and c.kind not in ("theme-added", "theme-removed"):
                if c.theme in involved:
                    shown.append(c)
            else:
                shown.append(c)
        return shown


def _has_part(figure) -> bool:
    return any(v not in (None, Decimal(0)) for v in list(figure.old.values()) + list(figure.new.values()))


def _in_force(plan: Plan, result: Result) -> dict[int, Mapping[int, Amount]]:
    """Return id(line) → the amounts it counts with in the plan the result shows (its scenario's, in order)."""
    if len(result.plan.lines) != len(plan.lines):
        return {}
    return {id(line): shown.amounts for line, shown in zip(plan.lines, result.plan.lines, strict=True)}


def diff_plans(old: Plan, new: Plan, old_result: Result | None = None,
               new_result: Result | None = None) -> PlanDiff:
    """Return the comparison of two plans (results already computed may be passed in)."""
    old_result = old_result or compute_scenario(old)
    new_result = new_result or compute_scenario(new)
    common = tuple(y for y in new_result.years if y in set(old_result.years))
    match = match_plans(old, new)
    changes = compare_plans(old, new, common, match, (_in_force(old, old_result), _in_force(new, new_result)))
    figures = consequences(old_result, new_result, match.themes, common)
    limits = []
    only_old = tuple(y for y in old_result.years if y not in common)
    only_new = tuple(y for y in new_result.years if y not in common)
    if only_old:
        limits.append(Limit("years-old", only_old))
    if only_new:
        limits.append(Limit("years-new", only_new))
    for side in ("old", "new"):
        codes = tuple(d.code for d in figures.departments if d.side == side)
        if codes:
            limits.append(Limit(f"departments-{side}", codes))
    if (old.settings.unit or "").strip() != (new.settings.unit or "").strip():
        limits.append(Limit("unit", (old.settings.unit, new.settings.unit)))
    return PlanDiff(old_result, new_result, tuple(changes), figures, tuple(limits))
