"""Interprets a theme's 'Fordeling på afdeling': department tables, fixed amounts in prose, and
sentences that name a method ('udmøntes via den administrative fordelingsnøgle fra år 2 og frem').

Pure. Gives back a Distribution (interpret): the theme's rule, its lines' rules, its fixed
amounts and its key tables; and the department codes a sub-section names (codes_named).
The tables are read by ``table_rules``, the prose by ``prose_rules``; this module decides the
theme's rule from what they found and reports what is left.

What is read gives rules and fixed amounts; what cannot be read stays in the theme's
distribution text and is reported. Nothing is guessed silently: a qualified method ('…, dog
med en vurdering af …') is used but flagged, and a sentence that names departments or
amounts without being a split ('MSB har ligeledes … 200.000 kr.') is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.importer.blocks import Block, Paragraph, Table
from spareforslag_xl.importer.distribution.key_names import GENERATED_LEAD
from spareforslag_xl.importer.distribution.prose_amounts import code_words, codes_in, colon_amounts, listed_amounts
from spareforslag_xl.importer.distribution.prose_rules import administrative_key, fixed_after_colon, fixed_list
from spareforslag_xl.importer.distribution.reading import ADMIN_PHRASE, METHOD_VERB, DistributionReading, distributable
from spareforslag_xl.importer.distribution.spec import Distribution, FixedSpec, LineInfo, RuleSpec
from spareforslag_xl.importer.distribution.table_rows import read_key_tables
from spareforslag_xl.importer.distribution.table_rules import lead_paragraph, read_department_table
from spareforslag_xl.importer.numbers import amounts_in
from spareforslag_xl.importer.prose import blocks_text, paragraph_text
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.sentences import sentences
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Method

_NOT_DISTRIBUTED = re.compile(
    r"^\s*(?:besparelsen|temaets besparelse)\s+fordeles\s+ikke\s+på\s+afdelingerne\s*\.?\s*$", re.IGNORECASE)
"""The document's own sentence for a theme that is not distributed (content/document.py)."""

__all__ = ["ADMIN_PHRASE", "codes_named", "distributable", "interpret"]


def interpret(theme: str, blocks: Sequence[Block], lines: Sequence[LineInfo], years: tuple[int, ...],
              plan_unit: str, known_codes: set[str], report: ImportReport) -> Distribution:
    """Return the rules, fixed amounts and keys that a 'Fordeling på afdeling' sub-section states."""
    return _read(DistributionReading(theme, blocks, lines, years, plan_unit, known_codes, report))


def _read(reading: DistributionReading) -> Distribution:
    """Read the tables, then the fixed amounts in prose, then the sentences naming a method; then decide."""
    paragraphs: list[Paragraph] = []
    used: set[int] = set()
    method: tuple[RuleSpec, Paragraph] | None = None
    leads: set[int] = set()
    for i, block in enumerate(reading.blocks):
        if isinstance(block, Table):
            lead = lead_paragraph(reading, i)
            if lead is not None:
                leads.add(lead.line)
            read_department_table(reading, block, lead)
        elif isinstance(block, Paragraph):
            paragraphs.append(block)
    # A table of fixed amounts for the whole theme gives them; prose that states them too is its text.
    tabled = any(not f.line for f in reading.result.fixed) and reading.result.theme_rule.method is Method.FIXED
    for i, p in enumerate(paragraphs):
        if tabled:
            if colon_amounts(paragraph_text(p)) or listed_amounts(paragraph_text(p)):
                used.add(p.line)
                reading.report.text("fixed amounts", _("the prose states fixed amounts; the table's were used"), p.line,
                                    theme=reading.theme)
            continue
        if fixed_after_colon(reading, p) or fixed_list(reading, p, paragraphs[:i]):
            used.add(p.line)
    for p in paragraphs:
        if p.line in leads and ADMIN_PHRASE.search(paragraph_text(p)) and reading.result.keys:
            used.add(p.line)  # it introduces the table that gives the key
        if p.line in used:
            continue
        before = len(reading.result.line_rules)
        found = administrative_key(reading, p)
        if found is not None or len(reading.result.line_rules) > before:
            used.add(p.line)
        if found is not None and method is None:
            method = (found, p)
    _decide(reading, method, leads)
    _flag_rest(reading, paragraphs, used)
    # The sentences the program's own document adds are not the theme's text.
    own = [b for b in reading.blocks if isinstance(b, Paragraph) and _generated(paragraph_text(b))]
    if own:
        reading.result.text = blocks_text([b for b in reading.blocks if b not in own])
    return reading.result


def _generated(text: str) -> bool:
    return bool(GENERATED_LEAD.match(text.strip()) or _NOT_DISTRIBUTED.match(text))


def _decide(reading: DistributionReading, method: tuple[RuleSpec, Paragraph] | None, leads: set[int]) -> None:
    r = reading.result
    fixed_theme = [f for f in r.fixed if not f.line]
    if fixed_theme and r.theme_rule.method is Method.NONE:
        r.theme_rule = RuleSpec(Method.FIXED)
        _check_fixed_sum(reading, fixed_theme)
    if method is not None:
        rule, p = method
        if p.line in leads:
            pass  # the sentence introduces a table, which gives the key
        elif r.theme_rule.method is Method.NONE:
            r.theme_rule = rule
        elif r.theme_rule.method is Method.KEY and r.theme_rule.key is not None and r.theme_rule.key.admin \
                and rule.from_year == r.theme_rule.from_year:
            pass  # the prose and the table agree: the administrative key, which the table gives
        else:
            reading.report.review("distribution",
                                  _("the prose names the administrative key, but the section also gives a table or "
                                    "fixed amounts for the theme; those were used"), p.line,
                                  theme=reading.theme)
    if r.line_rules:
        rest = [ln for ln in reading.lines if ln.ident not in r.line_rules]
        for line in rest:
            if distributable([line], reading.years) and r.theme_rule.method is Method.NONE:
                reading.report.review("distribution",
                                      _("line '{title}' is not covered by any table and is not distributed").format(
                                          title=line.title), theme=reading.theme)
            elif r.theme_rule.method is Method.NONE:
                reading.report.info("distribution",
                                    _("line '{title}' has no amounts and is not distributed").format(title=line.title),
                                    theme=reading.theme)


def _check_fixed_sum(reading: DistributionReading, fixed: list[FixedSpec]) -> None:
    for year in reading.years:
        given = sum((a for f in fixed if (a := f.amounts.get(year)) is not None), Decimal(0))
        total = reading.totals.get(year)
        if total is not None and given != total:
            reading.report.review("fixed amounts",
                                  _("the fixed amounts sum to {given} but the theme's total for {year} is {total} "
                                    "({plan_unit})").format(
                                        given=format_danish(given), year=year, total=format_danish(total),
                                        plan_unit=reading.plan_unit),
                                  theme=reading.theme)
            return


def _flag_rest(reading: DistributionReading, paragraphs: list[Paragraph], used: set[int]) -> None:
    r = reading.result
    nothing = r.theme_rule.method is Method.NONE and not r.line_rules
    flagged = False
    for p in paragraphs:
        if p.line in used or not reading.has_amounts:
            continue
        text = paragraph_text(p)
        if nothing and _NOT_DISTRIBUTED.match(text):
            reading.report.read("distribution", _("not distributed, as the document says: '{text}'").format(text=text),
                                p.line, theme=reading.theme)
            return
        hits = [s for s in sentences(text)
                if any(c in reading.known for c in code_words(s)) or (nothing and METHOD_VERB.search(s))]
        if not hits:
            continue
        codes = [c for s in hits for c in code_words(s) if c in reading.known]
        with_amounts = any(amounts_in(s) for s in hits)
        if codes:
            what = (_("names {codes} with amounts") if with_amounts else _("names {codes}")).format(
                codes=", ".join(dict.fromkeys(codes)))
        else:
            what = _("describes a distribution with amounts") if with_amounts else _("describes a distribution")
        reading.report.review("distribution",
                              _("not interpreted, kept as text: the paragraph {what} but is not a split the program "
                                "can read: '{hits}'").format(what=what, hits=_short(hits[0])), p.line, p.last_line,
                              reading.theme)
        flagged = True
    if nothing:
        if reading.has_amounts:
            if flagged:
                reading.report.text("distribution", _("the theme is not distributed; its distribution text is kept"),
                                    theme=reading.theme)
            else:
                reading.report.review("distribution",
                                      _("no distribution could be read; the theme is not distributed and its text is "
                                        "kept"), theme=reading.theme)
        elif r.text:
            reading.report.text("distribution", _("nothing to distribute (no amounts); the text is kept"),
                                theme=reading.theme)


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def codes_named(blocks: Sequence[Block]) -> list[str]:
    """Return the department codes that a sub-section's tables and fixed amounts name, in order."""
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            for kt in read_key_tables(block):
                found += [r.code for r in kt.rows]
        elif isinstance(block, Paragraph):
            found += codes_in(paragraph_text(block))
    return list(dict.fromkeys(found))
