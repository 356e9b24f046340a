"""Where a theme's recomputed FTE differs from the FTE the document states, year by year.

The report's theme sheet shows "Opgjort i antal årsværk" recomputed as total / average salary
with two decimals; the document may print another figure (2,2 where the sheet shows 2,19;
8 where it shows 8,33). A reader who puts the two side by side sees a different number,
so they are compared as the sheet shows them: at two decimals, or at the document's own
decimals when it prints more. A stated 2,4 and a recomputed 2,40 agree; a stated 8 and a
recomputed 8,33 do not, although 8,33 rounds to 8. A stated 0 for a theme that saves
nothing (or that the plan computes no FTE for) agrees: there is nothing to recompute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.core.compute import FTE_QUANTUM, Result, ThemeResult
from spareforslag_xl.model.danish import round_to
from spareforslag_xl.model.stated import Kind, StatedFigure

SHOWN_DECIMALS = -FTE_QUANTUM.as_tuple().exponent
"""The decimals the report shows FTE with (0.00)."""


@dataclass(frozen=True)
class FteDifference:
    """A year in which the document's FTE differs from the recomputed one the sheet shows."""

    year: int
    stated: Decimal
    text: str
    """The stated figure as the document prints it ('2,2')."""
    recomputed: Decimal | None
    """Total / average salary at ``decimals`` decimals; None when the plan computes no FTE for the year."""
    decimals: int
    """The decimals the two were compared at (and recomputed is shown with)."""
    source_line: int


FteDifferences = Mapping[str, tuple[FteDifference, ...]]
"""Theme number → its years whose stated FTE differs, in year order (themes that agree are absent)."""


def fte_differences(result: Result, figures: Iterable[StatedFigure] | None) -> dict[str, tuple[FteDifference, ...]]:
    """Return, per theme, the years whose stated FTE differs from the recomputed one at the shown precision.

    Empty without stated figures. A year stated twice is compared once (its first figure).
    """
    themes = {t.theme.number: t for t in result.themes}
    found: dict[str, dict[int, FteDifference]] = {}
    seen: set[tuple[str, int]] = set()
    for f in figures or ():
        if f.kind is not Kind.FTE or f.value is None or f.year is None or f.theme not in themes \
                or f.year not in result.years or (f.theme, f.year) in seen:
            continue
        seen.add((f.theme, f.year))
        difference = _compare(themes[f.theme], f)
        if difference is not None:
            found.setdefault(f.theme, {})[f.year] = difference
    return {number: tuple(years[y] for y in sorted(years)) for number, years in found.items()}


def shown_fte_differences(result: Result,
                          figures: Iterable[StatedFigure] | None) -> dict[str, tuple[FteDifference, ...]]:
    """Return the differences the theme sheets note: the document states the proposals' FTE, so the
    proposals are compared with it, and only themes whose sheet shows the proposals' FTE get a note
    (where a decision changed a theme's FTE, the decision explains the difference on the same sheet)."""
    proposed = result.proposed or result
    notes = fte_differences(proposed, figures)
    if result.proposed is None:
        return notes
    shown = {t.theme.number: t for t in result.themes}
    same = {t.theme.number for t in proposed.themes
            if t.theme.number in shown and dict(shown[t.theme.number].fte) == dict(t.fte)}
    return {number: years for number, years in notes.items() if number in same}


def _compare(t: ThemeResult, f: StatedFigure) -> FteDifference | None:
    decimals = max(SHOWN_DECIMALS, f.decimals)
    total = t.totals.get(f.year)
    if not t.salary or total is None:
        recomputed = None
        if f.value == 0:
            return None
    else:
        recomputed = round_to(total / t.salary, Decimal(1).scaleb(-decimals))
        if recomputed == f.value:
            return None
    return FteDifference(f.year, f.value, f.text, recomputed, decimals, f.source_line)
