"""The figures a proposals document states, kept next to the plan so that they can be audited.

Plain data, no I/O. The importer records every number it reads from the document's
tables as a StatedFigure (value converted to the plan's unit, the text as printed, how many
decimals it shows and the document line it stands on); the master keeps them on the sheet
'Dokumenttal', and ``audit`` compares them with what ``compute`` makes of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Kind(Enum):
    """What a stated figure is; the values are the Danish names on the sheet 'Dokumenttal'."""

    OVERVIEW = "Oversigt"
    """A theme's amount in the overview table."""
    OVERVIEW_TOTAL = "Oversigt i alt"
    TARGET = "Mål"
    DIFFERENCE = "Difference"
    LINE = "Forslag"
    """A proposal line of a theme's 'Identificeret potentiale' table."""
    THEME_TOTAL = "Anslået samlet besparelse"
    FTE = "Årsværk"
    SHARE = "Andel"
    """A department's share in a key table (value is a fraction: 0.284 for 28,4 %)."""
    SHARE_TOTAL = "Andel i alt"
    PART = "Afdelingsbeløb"
    """A department's amount in a key table or a table of fixed amounts, for one year."""
    PART_TOTAL = "Afdelingsbeløb i alt"
    FIXED = "Fast beløb"
    """A department's fixed amount stated in prose ('BA: 1 mio. kr.'); it holds for every year."""


KIND_BY_NAME = {k.value.casefold(): k for k in Kind}

SHARE_UNIT = "%"
FTE_UNIT = "årsværk"


@dataclass(frozen=True)
class StatedFigure:
    """One number as the document prints it, and where."""

    kind: Kind
    theme: str
    """The theme's number ('' for the overview's totals)."""
    line: str
    """The proposal line a figure belongs to (its number, or its title when unnumbered); '' for the theme."""
    department: str
    year: int | None
    """None for a fixed amount stated once for every year, and for shares."""
    value: Decimal | None
    """Amounts in the plan's unit, shares as fractions, FTE as a count; None for '-' (not estimated)."""
    text: str
    """The figure exactly as printed, without markup ('3.250', '0,14', '28,4%', '-')."""
    unit: str
    """The unit the document prints it in ('1.000 kr.', 'mio. kr.', 'kr.', '%', 'årsværk')."""
    decimals: int
    """How many decimals the document shows (in its own unit)."""
    source_line: int
    """The line of the document the figure stands on (1 = first line)."""
    label: str = ""
    """The row's label as printed (without markup), for people."""
    key: str = ""
    """For shares and department amounts: the name the importer gave the key table ('' for fixed amounts)."""
    table: str = ""
    """An identifier of the table the figure belongs to (e.g. 'L217'), so that rows of one table stay together."""
