"""The note beside a theme's FTE row when the document states another FTE than the sheet shows.

'Dokumentet angiver 2,2 årsværk; genberegnet 2,19 (besparelse / gns. løn).' Years are named
only when the differing figures do not cover every year of the plan alike:
'Dokumentet angiver 8 årsværk i 2024 og 17 i 2025–2027; genberegnet 8,33 og 16,67 (…).'
"""

from __future__ import annotations

from collections.abc import Sequence

from spareforslag_xl.core.audit_items import year_span
from spareforslag_xl.core.compute import ThemeResult
from spareforslag_xl.core.stated_fte import FteDifference
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _


def fte_note(t: ThemeResult, differences: Sequence[FteDifference], years: Sequence[int]) -> str:
    """Return the note for a theme's FTE row ('' when its stated FTE agrees with the recomputed one)."""
    if not differences:
        return ""
    stated = _by_value({d.year: d.text for d in differences})
    if len(stated) == 1:
        (text, ys), = stated.items()
        said = (_("{fte} FTE") if sorted(ys) == sorted(years) else _("{fte} FTE in {years}")).format(
            fte=text, years=year_span(ys))
    else:
        said = _joined([(_("{fte} FTE in {years}") if i == 0 else _("{fte} in {years}")).format(
            fte=text, years=year_span(ys)) for i, (text, ys) in enumerate(stated.items())])
    if t.salary is None:
        return _("The document states {stated}; the master gives no average salary, so no FTE is "
                 "recomputed.").format(stated=said)
    recomputed = _by_value({d.year: format_danish(d.recomputed, d.decimals) for d in differences})
    if len(recomputed) == 1:
        again = next(iter(recomputed))
    elif len(stated) > 1 and list(recomputed.values()) == list(stated.values()):
        again = _joined(list(recomputed))  # one recomputed figure for each stated one, in the same years
    else:
        again = _joined([_("{fte} in {years}").format(fte=text, years=year_span(ys))
                         for text, ys in recomputed.items()])
    return _("The document states {stated}; recomputed {recomputed} (savings / average salary).").format(
        stated=said, recomputed=again)


def _by_value(by_year: dict[int, str]) -> dict[str, list[int]]:
    """Return each text with the years it stands for, in the order of their first year."""
    groups: dict[str, list[int]] = {}
    for year in sorted(by_year):
        groups.setdefault(by_year[year], []).append(year)
    return groups


def _joined(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the language in use."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {_('and')} " + parts[-1]
