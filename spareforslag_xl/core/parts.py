"""Each department's part of a computed plan: of every theme and split, of the difference, of the target.

Pure: a Result in, a DepartmentPart out. The department workbook and the mail drafts show
the same figures, so they are gathered here once. Nothing in a DepartmentPart belongs to
another department.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from spareforslag_xl.core.allocate import allocate
from spareforslag_xl.core.compute import FTE_QUANTUM, Result, Split, ThemeResult
from spareforslag_xl.model.basis import Basis, BasisKind, Rescaled
from spareforslag_xl.model.danish import round_to
from spareforslag_xl.model.plan import Amount, Department, DistributionKey, Method, ProposalLine

ZERO = Decimal(0)
LARGEST = 3
"""How many themes a mail names one by one; the rest are summed as 'Øvrige temaer'."""


@dataclass(frozen=True)
class SplitPart:
    """The department's part of one split, beside the amount it was split from."""

    split: Split
    label: str
    """The label of the split's line or theme; empty for the difference."""
    basis: Basis
    """What the part comes from, with the department's share of a key (model.labels.basis_text phrases it)."""
    whole: Mapping[int, Amount]
    part: Mapping[int, Amount]
    """Year → the department's part; None where the amount split is not estimated."""

    @property
    def lines(self) -> tuple[ProposalLine, ...]:
        return self.split.lines

    @property
    def left_out(self) -> bool:
        """True when the scenario counts none of the split's lines (rejected or postponed)."""
        return bool(self.split.left_out)


@dataclass(frozen=True)
class ThemePart:
    """The department's part of a theme: the sum of its parts of the theme's splits."""

    theme: ThemeResult
    splits: tuple[SplitPart, ...]
    part: Mapping[int, Amount]
    """Year → the part; None when no split of the theme is estimated in that year."""
    bases: tuple[Basis, ...]
    """The bases of its splits, each once (model.labels.bases_text phrases them)."""

    @property
    def label(self) -> str:
        return self.theme.theme.label

    @property
    def number(self) -> str:
        return self.theme.theme.number

    @property
    def fte(self) -> dict[int, Decimal | None]:
        """Year → the part in FTE (part / the theme's average salary, two decimals, as the theme's FTE);
        None where the part is not estimated or the theme has no salary."""
        salary = self.theme.salary
        return {y: (round_to(v / salary, FTE_QUANTUM) if salary and v is not None else None)
                for y, v in self.part.items()}

    @property
    def total(self) -> Decimal:
        """The part summed over the years (to rank the largest items)."""
        return sum((v for v in self.part.values() if v is not None), ZERO)

    @property
    def saves(self) -> bool:
        """True when the department saves something by the theme in some year."""
        return any(v is not None and v > 0 for v in self.part.values())


@dataclass(frozen=True)
class OthersPart:
    """The department's part of the themes not named one by one (the mail's 'Øvrige temaer')."""

    themes: tuple[ThemePart, ...]
    part: Mapping[int, Amount]
    """Year → the sum of their parts; None when none of them is estimated in that year."""

    @property
    def count(self) -> int:
        return len(self.themes)

    @property
    def numbers(self) -> list[str]:
        """The themes' numbers, in the plan's order."""
        return [t.number for t in self.themes]

    @property
    def total(self) -> Decimal:
        return sum((v for v in self.part.values() if v is not None), ZERO)


@dataclass(frozen=True)
class DepartmentPart:
    """Everything one department has to save, and where each figure comes from."""

    department: Department
    years: tuple[int, ...]
    themes: tuple[ThemePart, ...]
    difference: SplitPart
    total: Mapping[int, Decimal]
    """Year → the department's total: its parts of the themes and of the difference."""
    target_share: Mapping[int, Amount] | None
    """Year → the target split by the residual key; None when there is no residual key."""
    target_basis: Basis | None
    """The residual key with the department's share; None when there is no residual key."""

    def largest(self, count: int = LARGEST) -> list[ThemePart]:
        """Return the themes the department saves most by, the budget year first.

        Ranked by the part of the plan's first year (the budget year the meeting decides; '-'
        counts as 0), then by the part summed over all years, then in the plan's order; a theme
        that saves nothing in any year is never listed. So a theme that starts saving only in a
        later year comes after every theme that saves in the first year.
        """
        first = self.years[0] if self.years else None

        def rank(t: ThemePart) -> tuple[Decimal, Decimal]:
            return -((t.part.get(first) if first is not None else None) or ZERO), -t.total

        return sorted((t for t in self.themes if t.saves), key=rank)[:count]

    def others(self, count: int = LARGEST) -> OthersPart | None:
        """Return the part of every theme not among ``largest(count)``; None when none has a part.

        The largest themes, the others and the part of the difference add up to ``total``
        exactly, year by year (every part is already rounded to the plan's precision). A year in
        which none of the other themes is estimated stays None ('-'), not 0.
        """
        shown = {id(t) for t in self.largest(count)}
        rest = tuple(t for t in self.themes
                     if id(t) not in shown and any(v is not None and v != 0 for v in t.part.values()))
        if not rest:
            return None
        part: dict[int, Amount] = {}
        for y in self.years:
            estimated = [v for t in rest if (v := t.part.get(y)) is not None]
            part[y] = sum(estimated, ZERO) if estimated else None
        return OthersPart(rest, part)

    def gap(self, year: int) -> Amount:
        """Return total − share of the target: above zero, the themes ask more than the key would."""
        share = self.target_share.get(year) if self.target_share is not None else None
        if share is None:
            return None
        return self.total[year] - share


def department_part(result: Result, code: str) -> DepartmentPart:
    """Return the part of the department with this code (as written in the plan)."""
    department = next(d for d in result.plan.departments if d.code == code)
    years = result.years
    proposed = result.proposed.themes if result.proposed is not None else (None,) * len(result.themes)
    themes = tuple(_theme_part(t, code, years, p) for t, p in zip(result.themes, proposed, strict=True) if t.lines)
    difference = _split_part(result.difference_split, "", code, years)
    key = result.difference_split.key
    target_share = _target_share(result, key, code) if key is not None else None
    target_basis = Basis(BasisKind.KEY, key.name, share=key.share_of(code)) if key is not None else None
    return DepartmentPart(department, years, themes, difference, dict(result.department_totals[code]),
                          target_share, target_basis)


def _split_part(split: Split, label: str, code: str, years, proposed: Split | None = None) -> SplitPart:
    part = {y: (split.parts[code][y] if split.amounts[y] is not None else None) for y in years}
    basis = split.basis_for(code)
    if basis.kind is BasisKind.FIXED and proposed is not None:
        rescaled = tuple(Rescaled(y, proposed.parts[code][y], split.parts[code][y], proposed.amounts[y],
                                  split.amounts[y])
                         for y in years if split.amounts[y] is not None and split.amounts[y] != proposed.amounts[y]
                         and proposed.parts[code][y] != split.parts[code][y])
        basis = replace(basis, rescaled=rescaled)
    return SplitPart(split, label, basis, dict(split.amounts), part)


def _theme_part(t: ThemeResult, code: str, years, proposed: ThemeResult | None = None) -> ThemePart:
    before = proposed.splits if proposed is not None and len(proposed.splits) == len(t.splits) else None
    splits = tuple(
        _split_part(s, s.label if len(t.splits) > 1 else t.theme.label, code, years, before[j] if before else None)
        for j, s in enumerate(t.splits)
    )
    part: dict[int, Amount] = {}
    for y in years:
        estimated = [v for s in splits if (v := s.part[y]) is not None]
        part[y] = sum(estimated, ZERO) if estimated else None
    # The bases of what the plan counts; a theme the plan leaves out altogether says why.
    counted = [s for s in splits if not s.left_out] or list(splits)
    return ThemePart(t, splits, part, tuple(dict.fromkeys(s.basis for s in counted)))


def _target_share(result: Result, key: DistributionKey, code: str) -> dict[int, Amount]:
    """Split each year's target by the residual key as the difference is split (largest remainder)."""
    rule = result.difference_split.rule
    codes = [d.code for d in result.plan.departments]
    index = codes.index(code)
    shares = [key.share_of(c) for c in codes]
    share: dict[int, Amount] = {}
    for y in result.years:
        target = result.target.get(y)
        if target is None or rule is None or rule.method is not Method.KEY:
            share[y] = None
            continue
        parts, _remainder = allocate(target, shares, result.plan.quantum)
        share[y] = parts[index]
    return share
