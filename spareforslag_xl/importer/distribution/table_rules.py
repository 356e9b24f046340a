"""A theme's department tables ('Fordeling på afdeling'): a key when the table gives shares, fixed
amounts per department when it gives amounts, and the line (or the whole theme) it distributes.

Pure. Gives back nothing: what a table gives is added to the reading's Distribution (a KeyUse,
FixedSpecs and the rule of the line or theme) and what cannot be read goes to its report.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spareforslag_xl.importer.blocks import Heading, Paragraph, Table
from spareforslag_xl.importer.distribution.key_names import GENERATED_LEAD
from spareforslag_xl.importer.distribution.reading import ADMIN_PHRASE, DistributionReading
from spareforslag_xl.importer.distribution.spec import FixedSpec, FixedTable, KeyUse, RuleSpec
from spareforslag_xl.importer.distribution.table_rows import KeyTable, read_key_tables
from spareforslag_xl.importer.numbers import unit_in
from spareforslag_xl.importer.prose import paragraph_text, plain
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Method
from spareforslag_xl.model.units import convert

_FROM_YEAR = re.compile(r"\bfra\s+(?:og\s+med\s+)?(\d{4})\b", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^\s*(\d+[a-z]?)\s*[.)]\s*(.*?)\s*:?\s*$")


def lead_paragraph(reading: DistributionReading, index: int) -> Paragraph | None:
    """Return the paragraph that introduces the table at block index (its 'surrounding prose').

    That is the paragraph right before it when it ends with ':' ('… som i nedenstående:'), or
    when the table has no title of its own; a sentence about something else is no lead.
    """
    table = reading.blocks[index]
    titled = isinstance(table, Table) and any(kt.title for kt in read_key_tables(table))
    for block in reversed(reading.blocks[:index]):
        if isinstance(block, Paragraph):
            return block if paragraph_text(block).rstrip().endswith(":") or not titled else None
        if isinstance(block, Heading):
            return None
    return None


def read_department_table(reading: DistributionReading, table: Table, lead: Paragraph | None) -> None:
    """Read a table of the section: a key when it gives shares, else fixed amounts; it sets its line's rule or
    the theme's (the first table for each wins)."""
    found = read_key_tables(table)
    if not found:
        reading.report.review("table",
                              _("a table of unknown structure (no header row with years) was not interpreted; it is "
                                "not in the master"), table.line, table.last_line, reading.theme)
        return
    lead_text = paragraph_text(lead) if lead else ""
    admin_by_lead = bool(ADMIN_PHRASE.search(lead_text))
    for kt in found:
        if not kt.title and lead is not None and len(found) == 1 and GENERATED_LEAD.match(lead_text.strip()):
            kt.title = lead_text.strip().rstrip(":")  # 'The line – fordelt efter … (1.000 kr.):' names the line
        unit = kt.unit or unit_in(lead_text)
        if unit is None:
            unit = reading.plan_unit
            reading.report.review("key table",
                                  _("the table names no unit; its amounts were read as {unit}").format(unit=unit),
                                  kt.line, kt.last_line, reading.theme)
        for odd in kt.odd_rows:
            reading.report.review("key table",
                                  _("the row '{value}' is not a department row and was not read").format(
                                      value=' | '.join(t for t in odd.texts if t)), odd.line, theme=reading.theme)
        if not kt.rows:
            reading.report.review("key table", _("the table has no department rows; it was not interpreted"),
                                  kt.line, kt.last_line, reading.theme)
            continue
        for row in kt.rows:
            reading.add_code(row.code)
        target = _target(reading, kt, unit)
        admin = admin_by_lead or bool(ADMIN_PHRASE.search(kt.title))
        what = _("line {target}").format(target=target) if target else _("the theme")
        if kt.has_shares:
            shares = {r.code: r.share.value for r in kt.rows if r.share is not None and r.share.value is not None}
            use = KeyUse(kt, shares, admin, reading.theme, target, unit)
            reading.result.keys.append(use)
            rule = RuleSpec(Method.KEY, use, from_year=_from_year(reading, lead_text))
            reading.report.read("key table",
                                _("table '{value}' read as a key ({n} departments, shares sum to {values}) for "
                                  "{what}").format(value=kt.title or kt.header, n=len(shares),
                                                   values=_percent(sum(shares.values(), Decimal(0))), what=what)
                                + (_(" (its prose names the administrative key)") if admin else ""),
                                kt.line, kt.last_line, reading.theme)
        else:
            reading.result.fixed_tables.append(FixedTable(kt, target, unit))
            for row in kt.rows:
                amounts = {y: convert(row.figures[y].value, unit, reading.plan_unit) if y in row.figures else None
                           for y in reading.years}
                reading.result.fixed.append(FixedSpec(target, row.code, amounts))
            rule = RuleSpec(Method.FIXED)
            reading.report.read("key table",
                                _("table '{value}' read as fixed amounts per department for {what}").format(
                                    value=kt.title or kt.header, what=what), kt.line, kt.last_line, reading.theme)
        if target:
            if target in reading.result.line_rules:
                reading.report.review("key table",
                                      _("a second table for line {target}; the first one is used").format(
                                          target=target),
                                      kt.line, theme=reading.theme)
            else:
                reading.result.line_rules[target] = rule
        elif reading.result.theme_rule.method is Method.NONE:
            reading.result.theme_rule = rule
        else:
            reading.report.review("key table", _("a second table for the whole theme; the first one is used"),
                                  kt.line, theme=reading.theme)


def _from_year(reading: DistributionReading, lead_text: str) -> int | None:
    """The first year of a key that its lead sentence names ('… fordelt efter Nøgle fra 2025 …'), if a
    later one."""
    m = _FROM_YEAR.search(lead_text)
    year = int(m.group(1)) if m else None
    return year if year in reading.years[1:] else None


def _target(reading: DistributionReading, kt: KeyTable, unit: str) -> str:
    """Return which line a table distributes ('' = the theme): by its numbered title, its title, its totals."""
    m = _NUMBERED_TITLE.match(kt.title) if kt.title else None
    if m:
        number, words = m.group(1), m.group(2)
        line = next((ln for ln in reading.lines if ln.number == number), None)
        if line is not None:
            if words and not _similar(words, line.title):
                reading.report.review("key table",
                                      _("the table '{title}' is numbered {number}, but line {number} is '{title2}'; it "
                                        "was applied to line {number}").format(
                                            title=kt.title, number=number, title2=line.title),
                                      kt.line, theme=reading.theme)
            return line.ident
    if kt.title:
        for line in reading.lines:
            if _similar(plain(kt.title).rstrip(":"), line.title):
                return line.ident
    totals = _table_totals(kt)
    if totals and _agrees(reading, totals, reading.totals, unit):
        return ""
    for line in reading.lines:
        if totals and _agrees(reading, totals, line.amounts, unit):
            reading.report.inferred("key table",
                                    _("the table's totals equal line '{title}'; it was applied to that line").format(
                                        title=line.title), kt.line, theme=reading.theme)
            return line.ident
    if totals:
        reading.report.review("key table",
                              _("the table's totals match neither the theme's total nor a line; it was applied to the "
                                "whole theme"), kt.line, kt.last_line, reading.theme)
    return ""


def _table_totals(kt: KeyTable) -> dict[int, tuple[Decimal, int]]:
    if kt.total is not None and kt.total.figures:
        return {y: (f.value, f.decimals) for y, f in kt.total.figures.items() if f.value is not None}
    sums: dict[int, tuple[Decimal, int]] = {}
    for y in kt.years:
        figures = [r.figures[y] for r in kt.rows if y in r.figures and r.figures[y].value is not None]
        if figures:
            sums[y] = (sum((f.value for f in figures if f.value is not None), Decimal(0)),
                       max(f.decimals for f in figures))
    return sums


def _agrees(reading: DistributionReading, totals, amounts, unit: str) -> bool:
    """True when every stated total equals the amount within half a unit of its last shown digit."""
    for year, (value, decimals) in totals.items():
        amount = amounts.get(year)
        if amount is None:
            if value != 0:
                return False
            continue
        shown = convert(amount, reading.plan_unit, unit)
        if abs(shown - value) > Decimal(1).scaleb(-decimals) / 2:
            return False
    return True


def _similar(a: str, b: str) -> bool:
    """True when the words of the shorter title all start words of the longer one (ignoring 'af', 'og')."""
    def words(s: str) -> list[str]:
        return [w for w in re.findall(r"\w+", s.casefold()) if w not in ("af", "og", "i", "på", "for", "til", "ifm")]
    x, y = words(a), words(b)
    if not x or not y:
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return all(any(w.startswith(s[:max(4, len(s) - 2)]) or s.startswith(w) for w in long) for s in short)


def _percent(value: Decimal) -> str:
    return f"{format_danish(value * 100, 1)} %"
