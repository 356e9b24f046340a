"""Numbers and units as the document prints them: '3.250', '0,14', '28,4%', '-', '21 mio. kr.'.

The digits are read by ``danish.parse_danish_number``; this module adds what a document
needs on top: the unit of a table from its header ('(1.000 kr)', '(mio. kr.)', '(kr.)'),
and how many decimals a figure shows. The units themselves, and the conversion between
them, are model.units's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.model import units
from spareforslag_xl.model.danish import is_not_estimated_mark, parse_danish_number

KR = units.KR.name
THOUSANDS = units.THOUSAND.name
MILLIONS = units.MILLION.name
BILLIONS = units.BILLION.name

# Longest forms first; every pattern must be followed by a non-letter.
_UNIT_PATTERNS = (
    (re.compile(r"(?:\b1\.000|\b1000|\b1 000|\bt\.?|\btusind)\s*kr\b\.?", re.IGNORECASE), THOUSANDS),
    (re.compile(r"\btkr\b\.?", re.IGNORECASE), THOUSANDS),
    (re.compile(r"\bmio\b\.?(?:\s*kr\b\.?)?|\bmillion(?:er)?(?:\s*kr\b\.?|\s*kroner)?", re.IGNORECASE), MILLIONS),
    (re.compile(r"\bmia\b\.?(?:\s*kr\b\.?)?|\bmilliard(?:er)?(?:\s*kr\b\.?|\s*kroner)?", re.IGNORECASE), BILLIONS),
    (re.compile(r"\bkr\b\.?|\bkroner\b", re.IGNORECASE), KR),
)
_PAREN = re.compile(r"\(([^()]*)\)")
_NUMBER = r"[-−–]?\d[\d.,\u00a0]*\d|[-−–]?\d"
_AMOUNT = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>(?:mio|mia|t|tusind)\b\.?(?:\s*kr\b\.?)?|kr\b\.?|kroner\b|"
                     r"million(?:er)?\b|milliard(?:er)?\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A number read from the document: its value in the document's unit, the text and its decimals."""

    value: Decimal | None
    """None for '-' (not estimated)."""
    text: str
    decimals: int


def unit_in(text: str) -> str | None:
    """Return the unit a header names in parentheses ('Tema (1.000 kr.)' → '1.000 kr.'), or None."""
    for inside in _PAREN.findall(text or ""):
        unit = unit_of(inside)
        if unit is not None:
            return unit
    return None


def unit_of(text: str) -> str | None:
    """Return the unit a text names ('mio. kr.', '1.000 kr', 't.kr.', 'kr.'), or None."""
    for pattern, unit in _UNIT_PATTERNS:
        if pattern.search(text or ""):
            return unit
    return None


def decimals_shown(text: str) -> int:
    """Return how many decimals a Danish number shows: '0,14' → 2, '3.250' → 0, '38.8' → 1."""
    s = text.strip().rstrip("%").strip()
    if "," in s:
        return len(s.rsplit(",", 1)[1].strip())
    if "." in s:
        tail = s.rsplit(".", 1)[1]
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", s.lstrip("-−–")):
            return 0  # thousands separators
        return len(tail)
    return 0


def read_figure(text: str) -> Figure | None:
    """Return the figure a table cell holds, or None when the cell is not a number or '-'."""
    s = text.strip()
    if not s:
        return None
    if is_not_estimated_mark(s):
        return Figure(None, s, 0)
    try:
        value = parse_danish_number(s)
    except ValueError:
        return None
    return Figure(value, s, decimals_shown(s))


def read_share(text: str) -> Figure | None:
    """Return a share cell ('28,4%', '0%', '100,0 %') as a fraction with its shown decimals, or None."""
    s = text.strip()
    if not s.endswith("%"):
        return None
    try:
        value = parse_danish_number(s[:-1])
    except ValueError:
        return None
    return Figure(value / 100, s, decimals_shown(s))


@dataclass(frozen=True)
class ProseAmount:
    """An amount written in a sentence ('1 mio. kr.', '270.000 kr.'), and where in the sentence."""

    value: Decimal
    unit: str
    text: str
    decimals: int
    start: int
    end: int


def amounts_in(text: str) -> list[ProseAmount]:
    """Return every amount with a unit in a piece of prose, in order."""
    found = []
    for m in _AMOUNT.finditer(text):
        number = m.group("number").strip()
        unit = unit_of(m.group("unit"))
        try:
            value = parse_danish_number(number)
        except ValueError:
            continue
        if unit is None:
            continue
        found.append(ProseAmount(value, unit, m.group(0).strip(), decimals_shown(number), m.start(), m.end()))
    return found
