"""What a theme's 'Fordeling på afdeling' says in prose: fixed amounts per department ('BA: 1 mio.
kr.', 'BA (270.000), MSO (70.000)') and the sentence that names the administrative key ('udmøntes via
den administrative fordelingsnøgle fra år 2 og frem').

Pure. Fixed amounts are added to the reading's Distribution (fixed_after_colon and fixed_list say
whether the paragraph gave any); administrative_key gives back the theme's rule the sentence
states, or None (also when the rule is for one line, which it adds to the line rules).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from spareforslag_xl.importer.blocks import Paragraph
from spareforslag_xl.importer.distribution.prose_amounts import colon_amounts, listed_amounts
from spareforslag_xl.importer.distribution.reading import ADMIN_PHRASE, METHOD_VERB, DistributionReading
from spareforslag_xl.importer.distribution.spec import FixedSpec, RuleSpec, StatedFixed
from spareforslag_xl.importer.numbers import unit_in
from spareforslag_xl.importer.prose import paragraph_text
from spareforslag_xl.importer.sentences import sentences
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Method
from spareforslag_xl.model.units import convert

_QUALIFIER = re.compile(r"\b(?:dog|men|undtagen|bortset|ekskl\w*|excl\w*|eksklusiv\w*|korriger\w*|justere\w*|"
                        r"vurdering|ikke|delvist|forholdsmæssig\w*)\b", re.IGNORECASE)
_FROM_NTH_YEAR = re.compile(r"\bfra\s+(?:og\s+med\s+)?år\s+(\d{1,2})\b", re.IGNORECASE)
_FROM_YEAR = re.compile(r"\bfra\s+(?:og\s+med\s+)?(\d{4})\b", re.IGNORECASE)
_LINE_REFERENCE = re.compile(r"^\s*(?:linje|forslag|tiltag)\s+(\d+[a-z]?)\b", re.IGNORECASE)


def fixed_after_colon(reading: DistributionReading, p: Paragraph) -> bool:
    """'BA: 1 mio. kr.', 'MSB, MBU og MSO: 0,5 mio. kr.', 'MKB: 0 mio. kr. (…)'."""
    found = colon_amounts(paragraph_text(p))
    if not found:
        return False
    unit = unit_in(paragraph_text(p))
    if any(f.unit is None for f in found) and unit is None:
        return False
    for f in found:  # each has a unit now (checked above)
        _add_fixed(reading, f.code, f.value, cast(str, f.unit or unit), f.text, f.decimals, p.line, f.note)
    reading.report.read("fixed amounts", _("fixed amounts read from prose: {amounts}").format(amounts="; ".join(
        dict.fromkeys(f.source for f in found))), p.line, p.last_line, reading.theme)
    return True


def fixed_list(reading: DistributionReading, p: Paragraph, before: Sequence[Paragraph]) -> bool:
    """'BA (270.000), MSO (70.000), …' with the unit named in the lead sentence ('… (kr.):')."""
    text = paragraph_text(p)
    found = listed_amounts(text)
    if not found:
        return False
    lead_unit = next((unit_in(paragraph_text(b)) for b in reversed(before) if unit_in(paragraph_text(b))), None)
    if any(f.unit is None for f in found) and lead_unit is None:
        reading.report.review("fixed amounts",
                              _("the amounts in '{text}' have no unit, and no sentence before them names one; they "
                                "were not read").format(text=text), p.line, theme=reading.theme)
        return False
    for f in found:  # each has a unit now (checked above)
        _add_fixed(reading, f.code, f.value, cast(str, f.unit or lead_unit), f.text, f.decimals, p.line, f.note)
    mark = _(" (a footnote mark '*' after the list was ignored)") if text.rstrip().endswith("*") else ""
    unit = found[0].unit or lead_unit
    amounts = ", ".join(f"{f.code} {format_danish(convert(f.value, cast(str, f.unit or lead_unit), reading.plan_unit))}"
                        for f in found)
    reading.report.read("fixed amounts", _("fixed amounts read from a list in {unit}: {amounts} ({plan_unit})").format(
        unit=unit, amounts=amounts, plan_unit=reading.plan_unit) + mark, p.line, p.last_line, reading.theme)
    return True


def _add_fixed(reading: DistributionReading, code: str, value: Decimal, unit: str, text: str, decimals: int, line: int,
               note: str) -> None:
    reading.add_code(code)
    amount = convert(value, unit, reading.plan_unit)
    # A fixed amount holds for the years that have savings; a year not estimated stays so.
    amounts = {y: amount if reading.totals.get(y) is not None else None for y in reading.years}
    reading.result.fixed.append(FixedSpec("", code, amounts, note))
    reading.result.stated_fixed.append(StatedFixed(code, amount, text, unit, decimals, line))


def administrative_key(reading: DistributionReading, p: Paragraph) -> RuleSpec | None:
    """Return the theme's rule when a sentence of the paragraph names the administrative key, else None."""
    for sentence in sentences(paragraph_text(p)):
        if not (ADMIN_PHRASE.search(sentence) and METHOD_VERB.search(sentence)):
            continue
        from_year = None
        nth = _FROM_NTH_YEAR.search(sentence)
        explicit = _FROM_YEAR.search(sentence)
        if nth and 1 <= int(nth.group(1)) <= len(reading.years):
            from_year = reading.years[int(nth.group(1)) - 1]
        elif explicit and int(explicit.group(1)) in reading.years:
            from_year = int(explicit.group(1))
        elif nth or explicit:
            reading.report.review("distribution",
                                  _("the first year in '{sentence}' is not one of the plan's years; the key was "
                                    "applied to every year").format(sentence=sentence), p.line, theme=reading.theme)
        after = ADMIN_PHRASE.split(sentence, maxsplit=1)[-1]
        qualifier = _QUALIFIER.search(after) or re.search(r"\bikke\b", sentence, re.IGNORECASE)
        later = bool(from_year and from_year != reading.years[0])
        if from_year == reading.years[0]:
            from_year = None
        if qualifier:
            reading.report.review("distribution",
                                  (_("read as the administrative key from {year}, but the sentence qualifies it "
                                     "('{sentence}'); check whether the key applies as it stands") if later else
                                   _("read as the administrative key, but the sentence qualifies it ('{sentence}'); "
                                     "check whether the key applies as it stands")).format(
                                       year=from_year, sentence=sentence),
                                  p.line, p.last_line, reading.theme)
        else:
            reading.report.read("distribution", (_("the administrative key from {year}: '{sentence}'") if later else
                                                 _("the administrative key: '{sentence}'")).format(
                                                     year=from_year, sentence=sentence),
                                p.line, p.last_line, reading.theme)
        rule = RuleSpec(Method.KEY, None, True, from_year)
        target = _LINE_REFERENCE.match(sentence)
        line = next((ln for ln in reading.lines if target and ln.number == target.group(1)), None)
        if line is not None:
            reading.result.line_rules.setdefault(line.ident, rule)
            return None  # a rule for one line, not for the theme
        return rule
    return None
