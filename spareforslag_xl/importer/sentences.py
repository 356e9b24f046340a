"""Splits Danish prose into sentences without breaking at abbreviations ('mio. kr.', 'bl.a.', 'excl.')."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset({
    "kr", "mio", "mia", "ca", "pr", "bl.a", "f.eks", "fx", "mv", "m.v", "m.m", "jf", "jfr", "nr", "pkt", "dvs",
    "ifm", "ifbm", "inkl", "ekskl", "excl", "incl", "evt", "el", "mag", "afd", "adm", "tlf", "ml", "vedr", "iht",
    "mht", "osv", "ang", "b", "t", "pt", "st",
})
_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-ZÆØÅ0-9])")


def sentences(text: str) -> list[str]:
    """Return the sentences of text (a paragraph), each stripped."""
    parts: list[str] = []
    start = 0
    for m in _END.finditer(text):
        before = text[start:m.start()]
        if _ends_with_abbreviation(before):
            continue
        parts.append(before.strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return [p for p in parts if p]


def _ends_with_abbreviation(text: str) -> bool:
    if not text.endswith("."):
        return False
    word = re.split(r"[\s(]", text[:-1])[-1].casefold()
    return word in ABBREVIATIONS
