"""Which lines are distributed together: the distribution groups of a plan.

A line with its own rule (Fordeling on the sheet Forslag) is a group of its own; the other
lines of a theme are distributed together by the theme's rule, as one amount, so that a
theme distributed by a key shows exactly share × theme total, as the document does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.model.plan import (
    Amount,
    Decision,
    FixedAmount,
    Plan,
    ProposalLine,
    Rule,
    Scenario,
    Theme,
    fold_name,
)


@dataclass(frozen=True)
class Group:
    """Lines of one theme distributed by one rule (None: no rule given, so not distributed)."""

    theme: Theme
    lines: tuple[ProposalLine, ...]
    rule: Rule | None
    own: bool
    """True when the rule is the line's own, False when it is the theme's."""
    counted: tuple[ProposalLine, ...] | None = None
    """The lines the plan's scenario counts (None: all of them); see ``counted_lines``."""

    def amount(self, year: int) -> Amount:
        """Return the sum of the estimated amounts of the counted lines, or None when none is estimated."""
        lines = self.lines if self.counted is None else self.counted
        return sum_amounts(line.amounts.get(year) for line in lines)

    @property
    def line_number(self) -> str:
        """The number that fixed amounts of an own-rule group refer to ('' for the theme)."""
        return self.lines[0].number if self.own else ""


def sum_amounts(amounts) -> Amount:
    """Return the sum of the amounts that are estimated, or None when none is."""
    total: Decimal | None = None
    for a in amounts:
        if a is not None:
            total = a if total is None else total + a
    return total


def counts(decision: Decision | None, scenario: Scenario | None) -> bool:
    """True when a line with this decision is part of the scenario's plan (every line is without a scenario)."""
    if scenario is None or scenario is Scenario.PROPOSED:
        return True
    if decision is Decision.REJECTED:
        return False
    return decision is not Decision.POSTPONED or scenario is Scenario.WITH_POSTPONED


def counted_lines(plan: Plan, lines: tuple[ProposalLine, ...]) -> tuple[ProposalLine, ...]:
    """Return the lines of one theme that the plan's scenario counts.

    A theme all of whose lines are rejected or postponed keeps them all (at 0, as core.decisions
    sets them): the plan decided that the theme saves nothing. Otherwise a line left out is not
    part of the theme's total, its notes or its FTE: a theme whose only estimated line is postponed
    is not estimated ('-'), as the sum of the lines the plan shows is.
    """
    if plan.scenario is None:
        return lines
    kept = tuple(line for line in lines if counts(line.decision, plan.scenario))
    return kept if kept else lines


def theme_groups(plan: Plan, theme: Theme) -> list[Group]:
    """Return the groups of a theme in the order of their first line."""
    groups: list[Group] = []
    shared: list[ProposalLine] = []
    shared_at = None
    lines = plan.lines_of(theme.number)
    kept = {id(line) for line in counted_lines(plan, lines)}

    def counted(group: tuple[ProposalLine, ...]) -> tuple[ProposalLine, ...] | None:
        return None if plan.scenario is None else tuple(line for line in group if id(line) in kept)

    for line in lines:
        if line.rule is not None:
            groups.append(Group(theme, (line,), line.rule, True, counted((line,))))
        else:
            if shared_at is None:
                shared_at = len(groups)
            shared.append(line)
    if shared:
        assert shared_at is not None
        groups.insert(shared_at, Group(theme, tuple(shared), theme.rule, False, counted(tuple(shared))))
    return groups


def fixed_index(plan: Plan) -> dict[tuple[str, str], list[FixedAmount]]:
    """Return the fixed amounts by ``ident(theme, line number)``, line '' meaning the whole theme."""
    index: dict[tuple[str, str], list[FixedAmount]] = {}
    for row in plan.fixed:
        index.setdefault(ident(row.theme, row.line), []).append(row)
    return index


def ident(theme: str, line: str = "") -> tuple[str, str]:
    """Return how a theme number and a line number compare (folded like every name of the master)."""
    return fold_name(theme), fold_name(line)
