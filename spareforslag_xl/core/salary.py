"""The average salary a document's FTE figures imply ('Opgjort i antal årsværk' = besparelse / gns. løn).

A stated FTE f with d decimals only says that total / salary rounds to f, so each figure
gives an interval of salaries. The salary of a theme is the "roundest" number (600 before
575 before 536) in the common interval of the largest set of years that has one; a year
outside that set is an FTE no common salary reproduces. Pure, Decimal only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from spareforslag_xl.model.danish import tidy

HALF = Decimal("0.5")
REPORT_FTE_DECIMALS = 2
"""The report rounds FTE to two decimals (compute.FTE_QUANTUM) before anything else rounds it."""
STEPS = tuple(Decimal(s) for s in ("1000", "500", "250", "100", "50", "25", "10", "5", "1", "0.5", "0.1", "0.01"))


@dataclass(frozen=True)
class Interval:
    """Salaries s with low < s <= high (high None: no upper bound)."""

    low: Decimal
    high: Decimal | None

    def contains(self, s: Decimal) -> bool:
        return s > self.low and (self.high is None or s <= self.high)

    def __and__(self, other: Interval) -> Interval | None:
        low = max(self.low, other.low)
        highs = [h for h in (self.high, other.high) if h is not None]
        high = min(highs) if highs else None
        return Interval(low, high) if high is None or low < high else None


@dataclass(frozen=True)
class StatedFte:
    year: int
    total: Decimal
    """The theme's total in the plan's unit."""
    fte: Decimal
    decimals: int


@dataclass(frozen=True)
class ImpliedSalary:
    salary: Decimal | None
    """The roundest salary that reproduces the fitting years (None when the figures say nothing)."""
    interval: Interval | None
    """The salaries that reproduce the fitting years as the document rounds (total / salary, half up)."""
    fitting: tuple[int, ...]
    outliers: tuple[int, ...]
    """Years whose FTE no salary of the common interval reproduces."""
    ratios: dict[int, Decimal]
    """total / FTE per year with an FTE above 0: the salary each figure implies on its own."""
    intervals: dict[int, Interval]
    uninformative: tuple[int, ...] = ()
    """Years whose FTE holds for every salary (0 FTE for a total of 0)."""


def fte_interval(total: Decimal, fte: Decimal, decimals: int, report_rounding: bool = False) -> Interval | None:
    """Return the salaries for which total / salary shows as fte with decimals (None: no salary does).

    With report_rounding the value is first rounded to two decimals, as the report does, and
    that is rounded to the document's decimals (2,245 → 2,25 → 2,3, not 2,2).
    """
    half = HALF * Decimal(1).scaleb(-decimals)
    shift = Decimal("0.005") if report_rounding and decimals < REPORT_FTE_DECIMALS else Decimal(0)
    lowest, highest = fte - half - shift, fte + half - shift  # x in [lowest, highest)
    if total <= 0 or highest <= 0:
        return None
    low = total / highest
    high = total / lowest if lowest > 0 else None
    return Interval(low, high)


def implied_salary(figures: Sequence[StatedFte]) -> ImpliedSalary:
    """Return the salary the FTE figures of one theme imply, and the years none reproduces."""
    intervals: dict[int, Interval] = {}
    report_intervals: dict[int, Interval | None] = {}
    ratios: dict[int, Decimal] = {}
    uninformative: list[int] = []
    outliers: list[int] = []
    for f in figures:
        if f.total == 0 and f.fte == 0:
            uninformative.append(f.year)
            continue
        if f.fte > 0 and f.total > 0:
            ratios[f.year] = f.total / f.fte
        interval = fte_interval(f.total, f.fte, f.decimals)
        if interval is None:
            outliers.append(f.year)
            continue
        intervals[f.year] = interval
        report_intervals[f.year] = fte_interval(f.total, f.fte, f.decimals, report_rounding=True)
    fitting = _largest_common(intervals)
    outliers += [y for y in intervals if y not in fitting]
    common = _common([intervals[y] for y in fitting])
    salary = None
    if common is not None:
        narrowed = common
        for y in fitting:
            ri = report_intervals[y]
            narrowed = (narrowed & ri) if (narrowed is not None and ri is not None) else None
        salary = roundest(narrowed or common)
    return ImpliedSalary(salary, common, tuple(sorted(fitting)), tuple(sorted(outliers)), ratios, intervals,
                         tuple(uninformative))


def roundest(interval: Interval) -> Decimal:
    """Return the roundest number in the interval: a multiple of the largest step that has one in it."""
    for step in STEPS:
        first = ((interval.low / step).to_integral_value(rounding=ROUND_FLOOR) + 1) * step
        if interval.high is not None and first > interval.high:
            continue
        if interval.high is None:
            return tidy(first)
        middle = (interval.low + interval.high) / 2
        last = (interval.high / step).to_integral_value(rounding=ROUND_FLOOR) * step
        candidates = []
        value = first
        while value <= last and len(candidates) < 50:
            candidates.append(value)
            value += step
        best = min(candidates, key=lambda c: (abs(c - middle), c))
        return tidy(best)
    middle = (interval.low + interval.high) / 2 if interval.high is not None else interval.low + 1
    return middle.quantize(Decimal("0.01"))


def _largest_common(intervals: dict[int, Interval]) -> list[int]:
    """Return the largest set of years whose intervals share a salary (ties: the earliest years)."""
    if not intervals:
        return []
    points = [i.high for i in intervals.values() if i.high is not None]
    points += [i.low + Decimal("0.000001") for i in intervals.values() if i.high is None]
    best: list[int] = []
    for x in points:
        chosen = sorted(y for y, i in intervals.items() if i.contains(x))
        if len(chosen) > len(best) or (len(chosen) == len(best) and chosen < best):
            best = chosen
    return best


def _common(intervals: list[Interval]) -> Interval | None:
    if not intervals:
        return None
    result: Interval | None = intervals[0]
    for i in intervals[1:]:
        result = result & i if result is not None else None
    return result
