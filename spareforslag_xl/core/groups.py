"""Which lines are distributed together: the distribution groups of a plan.

A line with its own rule (Fordeling on the sheet Forslag) is a group of its own; the other
lines of a theme are distributed together by the theme's rule, as one amount, so that a
theme distributed by a key shows exactly share × theme total, as the document does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from spareforslag_xl.model.plan import Amount, FixedAmount, Plan, ProposalLine, Rule, Theme, fold_name


@dataclass(frozen=True)
class Group:
    """Lines of one theme distributed by one rule (None: no rule given, so not distributed)."""

    theme: Theme
    lines: tuple[ProposalLine, ...]
    rule: Optional[Rule]
    own: bool
    """True when the rule is the line's own, False when it is the theme's."""

    def amount(self, year: int) -> Amount:
        """Return the sum of the estimated amounts, or None when no line is estimated."""
        return sum_amounts(line.amounts.get(year) for line in self.lines)

    @property
    def line_number(self) -> str:
        """The number that fixed amounts of an own-rule group refer to ('' for the theme)."""
        return self.lines[0].number if self.own else ""


def sum_amounts(amounts) -> Amount:
    """Return the sum of the amounts that are estimated, or None when none is."""
    total: Optional[Decimal] = None
    for a in amounts:
        if a is not None:
            total = a if total is None else total + a
    return total


def theme_groups(plan: Plan, theme: Theme) -> list[Group]:
    """Return the groups of a theme in the order of their first line."""
    groups: list[Group] = []
    shared: list[ProposalLine] = []
    shared_at = None
    for line in plan.lines_of(theme.number):
        if line.rule is not None:
            groups.append(Group(theme, (line,), line.rule, True))
        else:
            if shared_at is None:
                shared_at = len(groups)
            shared.append(line)
    if shared:
        groups.insert(shared_at, Group(theme, tuple(shared), theme.rule, False))
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
