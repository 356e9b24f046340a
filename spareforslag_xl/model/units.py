"""Units of amounts (kr., 1.000 kr., mio. kr., mia. kr.): parsed from an option or found in a text.

The one vocabulary of units: the importer, the audit and the reconciliation all use it.

Pure. A sheet names its unit in a title ("Besparelser (mio. kr.)"), a heading ("Beløb i
1.000 kr.") or a header cell; the mention nearest the table's header row wins, and two
different units at the same distance are reported rather than guessed between.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from spareforslag_xl.model.danish import tidy
from spareforslag_xl.model.errors import UnitConflict


@dataclass(frozen=True)
class Unit:
    """A unit of amounts: its usual Danish name and how many kroner one of it is."""

    name: str
    kroner: Decimal

    def __str__(self) -> str:
        return self.name


KR = Unit("kr.", Decimal(1))
THOUSAND = Unit("1.000 kr.", Decimal(1000))
MILLION = Unit("mio. kr.", Decimal(1_000_000))
BILLION = Unit("mia. kr.", Decimal(1_000_000_000))
UNITS = (KR, THOUSAND, MILLION, BILLION)

SCALE = {u.name: u.kroner for u in UNITS}
"""Kroner per unit, by the unit's name (the importer and the stated figures carry units as their names)."""

# Tried in this order; each match is blanked out before the next pattern looks, so that the
# "kr." of "1.000 kr." is not read again as kroner.
_MENTIONS = (
    (BILLION, re.compile(r"\b(?:mia|mrd|milliard|milliarder)\.?\s*(?:kr\b|kroner\b)", re.IGNORECASE)),
    (MILLION, re.compile(r"\b(?:mio|mill|millioner|million)\.?\s*(?:kr\b|kroner\b)", re.IGNORECASE)),
    (THOUSAND, re.compile(r"(?:\b1[.\s\u00a0]?000|\btusinde?|\btusind)\s*(?:kr\b|kroner\b)|\bt\.?\s?kr\b|\btkr\b",
                          re.IGNORECASE)),
    (KR, re.compile(r"(?<![\w.])(?:kr\b|kroner\b)", re.IGNORECASE)),
)


def parse_unit(text: str) -> Unit | None:
    """Return the unit a text names ('1.000 kr.', 'tkr', 'mio', 'kr'), or None."""
    folded = " ".join(text.split()).casefold().strip()
    bare = {"1000": THOUSAND, "1.000": THOUSAND, "t": THOUSAND, "mio": MILLION, "mio.": MILLION, "1": KR,
            "mia": BILLION, "mia.": BILLION}
    if folded in bare:
        return bare[folded]
    found = units_in(folded)
    return found[0] if len(set(found)) == 1 else None


def units_in(text: str) -> list[Unit]:
    """Return every unit a text mentions, in the order of the patterns."""
    found = []
    for unit, pattern in _MENTIONS:
        while True:
            m = pattern.search(text)
            if m is None:
                break
            found.append(unit)
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return found


@dataclass(frozen=True)
class Mention:
    """A unit named in a cell: the unit, the cell's address and its text."""

    unit: Unit
    address: str
    text: str
    distance: int
    """Rows between the cell and the table's header row (0 = in the header row)."""


def nearest_unit(texts: Iterable[tuple[str, str, int]]) -> Mention | None:
    """Return the unit mentioned nearest the header among (address, text, distance), or None.

    Raises UnitConflict when different units are mentioned at the same, nearest distance.
    """
    mentions = [Mention(u, address, text, distance) for address, text, distance in texts for u in units_in(text)]
    if not mentions:
        return None
    nearest = min(m.distance for m in mentions)
    closest = [m for m in mentions if m.distance == nearest]
    if len({m.unit for m in closest}) > 1:
        raise UnitConflict(closest)
    return closest[0]


@overload
def convert(value: Decimal, unit: str, to_unit: str) -> Decimal: ...
@overload
def convert(value: None, unit: str, to_unit: str) -> None: ...
@overload
def convert(value: Decimal | None, unit: str, to_unit: str) -> Decimal | None: ...
def convert(value: Decimal | None, unit: str, to_unit: str) -> Decimal | None:
    """Return value (in the unit named unit) in the unit named to_unit; exact, as Decimal (None stays None)."""
    if value is None:
        return None
    return tidy(value * SCALE[unit] / SCALE[to_unit])


def factor(official: Unit, master: Unit) -> Decimal:
    """Return what an official amount is multiplied by to be in the master's unit."""
    return official.kroner / master.kroner
