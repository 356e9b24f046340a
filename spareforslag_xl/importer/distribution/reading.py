"""What the reading of one theme's 'Fordeling på afdeling' knows and has found so far.

Gives back a DistributionReading: the theme, its blocks and lines, the plan's years and unit,
the department codes known in the document, the report, and the Distribution being filled in
by table_rules, prose_rules and section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.importer.blocks import Block
from spareforslag_xl.importer.distribution.spec import Distribution, LineInfo
from spareforslag_xl.importer.prose import blocks_text
from spareforslag_xl.importer.report import ImportReport

ADMIN_PHRASE = re.compile(r"\badministrativ\w*\s+(?:fordelings)?nøgle", re.IGNORECASE)
METHOD_VERB = re.compile(r"\b(?:udmønt\w*|fordel\w*|placere\w*|afholde\w*)\b", re.IGNORECASE)


def distributable(lines: Sequence[LineInfo], years: Sequence[int]) -> bool:
    """True when some line has an amount other than 0 in some year."""
    return any(line.amounts.get(y) for line in lines for y in years)


class DistributionReading:
    """One theme's distribution while it is read; result is the Distribution found so far."""

    def __init__(self, theme: str, blocks: Sequence[Block], lines: Sequence[LineInfo], years: tuple[int, ...],
                 plan_unit: str, known_codes: set[str], report: ImportReport) -> None:
        self.theme = theme
        self.blocks = list(blocks)
        self.lines = list(lines)
        self.years = years
        self.plan_unit = plan_unit
        self.known = known_codes
        self.report = report
        self.result = Distribution(text=blocks_text(self.blocks))
        self.totals = {y: _sum(line.amounts.get(y) for line in self.lines) for y in years}
        self.has_amounts = distributable(self.lines, years)

    def add_code(self, code: str) -> None:
        """Note a department code the section names (once, in order)."""
        if code not in self.result.codes:
            self.result.codes.append(code)


def _sum(values) -> Decimal | None:
    total = None
    for v in values:
        if v is not None:
            total = v if total is None else total + v
    return total
