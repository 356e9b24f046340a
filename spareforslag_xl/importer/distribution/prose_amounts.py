"""Fixed amounts per department written in prose: 'BA: 1 mio. kr.', 'MSB, MBU og MSO: 0,5 mio. kr.',
'MKB: 0 mio. kr. (…)', and lists such as 'BA (270.000), MSO (70.000), …'.

Pure text parsing; the interpreter decides the unit when the text leaves it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.importer.numbers import amounts_in, decimals_shown, unit_of
from spareforslag_xl.model.danish import parse_danish_number

CODE = r"[A-ZÆØÅ]{2,6}\d?"
_CODES = rf"{CODE}(?:\s*,\s*{CODE})*(?:\s+(?:og|&)\s+{CODE})?"
_NUM = r"-?\d[\d.,]*"
_UNIT = r"(?:mio\.?|mia\.?|t\.?|tusind|1\.000)?\s*kr\.?|mio\.?|mia\.?"
_COLON_AMOUNT = re.compile(rf"(?<![\w(])(?P<codes>{_CODES})\s*:\s*(?P<number>{_NUM})\s*(?P<unit>{_UNIT})?"
                           r"(?P<note>\s*\([^)]*\))?")
_LISTED = re.compile(rf"(?P<code>{CODE})\s*\((?P<inside>[^()]*)\)")
_LIST_GLUE = re.compile(r"^[\s,;.*&]*(?:og[\s,;.*]*)?$")
_SPLIT_CODES = re.compile(r"\s*,\s*|\s+(?:og|&)\s+")


@dataclass(frozen=True)
class ProseFixed:
    """One department's amount as the prose states it; unit None when the text names none."""

    code: str
    value: Decimal
    unit: str | None
    text: str
    decimals: int
    note: str = ""
    source: str = ""
    """The words the amount was read from ('MSB, MBU og MSO: 0,5 mio. kr.')."""


def colon_amounts(text: str) -> list[ProseFixed] | None:
    """Return the amounts of 'CODE[, CODE og CODE]: amount unit (note)' in text, or None when there are none."""
    found: list[ProseFixed] = []
    for m in _COLON_AMOUNT.finditer(text):
        try:
            value = parse_danish_number(m.group("number"))
        except ValueError:
            return None
        unit = unit_of(m.group("unit") or "")
        note = (m.group("note") or "").strip()[1:-1].strip()
        shown = (text[m.start("number"):m.end("unit")] if m.group("unit") else m.group("number")).strip()
        for code in _SPLIT_CODES.split(m.group("codes").strip()):
            found.append(ProseFixed(code, value, unit, shown, decimals_shown(m.group("number")), note,
                                    m.group(0).strip()))
    return found or None


def listed_amounts(text: str) -> list[ProseFixed] | None:
    """Return the amounts of a list 'CODE (amount), CODE (amount), …', or None when text is not such a list."""
    matches = list(_LISTED.finditer(text))
    if len(matches) < 2 or not _LIST_GLUE.match(_LISTED.sub("", text)):
        return None
    found: list[ProseFixed] = []
    for m in matches:
        inside = m.group("inside").strip()
        prose = amounts_in(inside)
        if prose:
            found.append(ProseFixed(m.group("code"), prose[0].value, prose[0].unit, prose[0].text, prose[0].decimals))
            continue
        try:
            value = parse_danish_number(inside)
        except ValueError:
            return None
        found.append(ProseFixed(m.group("code"), value, None, inside, decimals_shown(inside)))
    return found


def codes_in(text: str) -> list[str]:
    """Return the department codes a paragraph gives fixed amounts for."""
    found = [f.code for f in colon_amounts(text) or []]
    found += [f.code for f in listed_amounts(text) or []]
    return found


def code_words(text: str) -> list[str]:
    """Return the words of text that look like department codes (capitals: MSB, BA)."""
    return re.findall(CODE, text)
