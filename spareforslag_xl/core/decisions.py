"""The decisions of a plan: each line's decision, the plan of a scenario, and the checks of decisions.

Pure. ``scenario_plan`` gives the plan a scenario stands for, with every line kept (in its
order, so that it lines up with the proposals) and its amounts replaced by what counts:
the adopted amounts (as proposed where none are given), 0 for a rejected line (and a
postponed one, unless the scenario takes the postponed lines). ``compute`` of that plan
gives every figure of the scenario; ``compute_scenario`` adds the proposals beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal

from spareforslag_xl.core.allocate import allocate
from spareforslag_xl.core.compute import Result, compute
from spareforslag_xl.core.groups import counts, theme_groups
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.findings import Finding, warning
from spareforslag_xl.model.plan import Amount, Decision, FixedAmount, Plan, ProposalLine, Scenario, at, fold_name

ZERO = Decimal(0)


def has_decisions(plan: Plan) -> bool:
    """True when the master records any decision (a 'Foreslået' or empty cell is none) or adopted amount."""
    recorded = (Decision.ADOPTED, Decision.REJECTED, Decision.POSTPONED)
    return (any(line.decision in recorded or line.adopted for line in plan.lines)
            or any(t.decision in recorded for t in plan.themes))


def resolve(plan: Plan, scenario: Scenario | None) -> Scenario | None:
    """Return the scenario a build shows: the one asked for, else 'vedtaget' once decisions exist, else None."""
    if scenario is not None:
        return scenario
    return Scenario.ADOPTED if has_decisions(plan) else None


def decision_of(plan: Plan, line: ProposalLine) -> Decision:
    """Return the line's decision: its own, else 'Vedtaget' when it gives adopted amounts, else its theme's."""
    if line.decision is not None and line.decision is not Decision.PROPOSED:
        return line.decision
    if line.adopted:
        return Decision.ADOPTED
    if line.decision is Decision.PROPOSED:
        return Decision.PROPOSED
    theme = next((t for t in plan.themes if t.number == line.theme), None)
    return theme.decision if theme is not None and theme.decision is not None else Decision.PROPOSED


def scenario_amounts(line: ProposalLine, decision: Decision, scenario: Scenario) -> dict[int, Amount]:
    """Return the amounts a line counts with in the scenario (None stays None: not estimated)."""
    if scenario is Scenario.PROPOSED:
        return dict(line.amounts)
    if not counts(decision, scenario):  # 0, not '-': the plan decided it saves nothing
        return {y: (None if a is None else ZERO) for y, a in line.amounts.items()}
    return {y: line.adopted.get(y, a) for y, a in line.amounts.items()}


def scenario_plan(plan: Plan, scenario: Scenario) -> Plan:
    """Return the plan of a scenario: the lines' amounts are what counts, with the decision resolved on each.

    The plan's title stays the master's; the outputs name the scenario after it (model.labels.plan_title).
    """
    lines = tuple(
        replace(line, decision=(d := decision_of(plan, line)), amounts=scenario_amounts(line, d, scenario))
        for line in plan.lines
    )
    decided = replace(plan, lines=lines, scenario=scenario)
    return replace(decided, fixed=_scaled_fixed(plan, decided))


def compute_scenario(plan: Plan, scenario: Scenario | None = None) -> Result:
    """Return the figures of a scenario (resolved as ``resolve``), with the proposals' figures beside them.

    A plan without decisions and no scenario asked for computes exactly as ``compute``.
    """
    chosen = resolve(plan, scenario)
    if chosen is None:
        return compute(plan)
    result = compute(scenario_plan(plan, chosen))
    if chosen is Scenario.PROPOSED:
        return result
    return replace(result, proposed=compute(plan))


def _scaled_fixed(proposed: Plan, decided: Plan) -> tuple[FixedAmount, ...]:
    """Return the fixed amounts, those of a group whose amount the decisions changed split in proportion.

    Fixed amounts are given for the proposed amount; when a group is adopted with another
    amount (or partly rejected), each department keeps its proportion of the fixed amounts,
    rounded by the largest remainder so that they add up to the adopted amount exactly.
    """
    fixed = list(proposed.fixed)
    for before, after in zip(_groups(proposed), _groups(decided), strict=False):
        rows = [i for i, f in enumerate(fixed) if (f.theme, f.line) == (before.theme.number, before.line_number)]
        if not rows or before.rule is None:
            continue
        for year in proposed.years:
            old, new = before.amount(year), after.amount(year)
            if old == new or new is None:
                continue
            given = [fixed[i].amounts.get(year) or ZERO for i in rows]
            total = sum(given, ZERO)
            if total == 0:
                continue
            scaled = new * total / old if old else new
            parts, _remainder = allocate(scaled, [g / total for g in given], proposed.quantum)
            for i, part in zip(rows, parts, strict=True):
                fixed[i] = replace(fixed[i], amounts={**fixed[i].amounts, year: part})
    return tuple(fixed)


def _groups(plan: Plan):
    for theme in plan.themes:
        yield from theme_groups(plan, theme)


def check_decisions(plan: Plan) -> Iterable[Finding]:
    """Warn about a decision on a theme without lines and adopted amounts on a rejected line."""
    numbers_with_lines = {fold_name(line.theme) for line in plan.lines}
    for theme in plan.themes:
        if theme.decision is not None and fold_name(theme.number) not in numbers_with_lines:
            yield warning("decision-without-lines", at(theme.refs, "decision"), number=theme.number,
                          value=theme.decision.value, name=L.LINES.name)
    for line in plan.lines:
        if line.adopted and decision_of(plan, line) is Decision.REJECTED:
            first = min(line.adopted)
            yield warning("adopted-but-rejected", at(line.refs, ("adopted", first)), label=line.label)


def changed_amounts(line: ProposalLine) -> Mapping[int, tuple[Amount, Decimal]]:
    """Return year → (proposed, adopted) where the line is adopted with another amount than proposed.

    The hook for comparing versions of a master: a changed decision or adopted amount is a
    change of these fields of ProposalLine/Theme (decision, adopted) like any other.
    """
    return {y: (line.amounts.get(y), a) for y, a in line.adopted.items() if line.amounts.get(y) != a}
