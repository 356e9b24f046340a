"""Interprets a theme's 'Fordeling på afdeling': department tables, fixed amounts in prose, and
sentences that name a method ('udmøntes via den administrative fordelingsnøgle fra år 2 og frem').

What is read gives rules and fixed amounts; what cannot be read stays in the theme's
distribution text and is reported. Nothing is guessed silently: a qualified method ('…, dog
med en vurdering af …') is used but flagged, and a sentence that names departments or
amounts without being a split ('MSB har ligeledes … 200.000 kr.') is flagged.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional, Sequence

from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.importer.blocks import Block, Heading, Paragraph, Table
from spareforslag_xl.importer.keytables import KeyTable, read_key_tables
from spareforslag_xl.importer.spec import (
    Distribution, FixedSpec, FixedTable, KeyUse, LineInfo, RuleSpec, StatedFixed,
)
from spareforslag_xl.importer.fixedprose import code_words, codes_in, colon_amounts, listed_amounts
from spareforslag_xl.importer.numbers import amounts_in, unit_in
from spareforslag_xl.importer.prose import blocks_text, paragraph_text, plain
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.sentences import sentences
from spareforslag_xl.model.plan import Method
from spareforslag_xl.model.units import convert

ADMIN_PHRASE = re.compile(r"\badministrativ\w*\s+(?:fordelings)?nøgle", re.IGNORECASE)
_METHOD_VERB = re.compile(r"\b(?:udmønt\w*|fordel\w*|placere\w*|afholde\w*)\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"\b(?:dog|men|undtagen|bortset|ekskl\w*|excl\w*|eksklusiv\w*|korriger\w*|justere\w*|"
                        r"vurdering|ikke|delvist|forholdsmæssig\w*)\b", re.IGNORECASE)
_FROM_NTH_YEAR = re.compile(r"\bfra\s+(?:og\s+med\s+)?år\s+(\d{1,2})\b", re.IGNORECASE)
_FROM_YEAR = re.compile(r"\bfra\s+(?:og\s+med\s+)?(\d{4})\b", re.IGNORECASE)
_LINE_REFERENCE = re.compile(r"^\s*(?:linje|forslag|tiltag)\s+(\d+[a-z]?)\b", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^\s*(\d+[a-z]?)\s*[.)]\s*(.*?)\s*:?\s*$")


def distributable(lines: Sequence[LineInfo], years: Sequence[int]) -> bool:
    """True when some line has an amount other than 0 in some year."""
    return any(line.amounts.get(y) for line in lines for y in years)


class _Interpreter:
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

    def run(self) -> Distribution:
        paragraphs: list[Paragraph] = []
        used: set[int] = set()
        method: Optional[tuple[RuleSpec, Paragraph]] = None
        leads: set[int] = set()
        for i, block in enumerate(self.blocks):
            if isinstance(block, Table):
                lead = self._lead(i)
                if lead is not None:
                    leads.add(lead.line)
                self._tables(block, lead)
            elif isinstance(block, Paragraph):
                paragraphs.append(block)
        for i, p in enumerate(paragraphs):
            if self._fixed_after_colon(p) or self._fixed_list(p, paragraphs[:i]):
                used.add(p.line)
        for p in paragraphs:
            if p.line in leads and ADMIN_PHRASE.search(paragraph_text(p)) and self.result.keys:
                used.add(p.line)  # it introduces the table that gives the key
            if p.line in used:
                continue
            before = len(self.result.line_rules)
            found = self._method(p)
            if found is not None or len(self.result.line_rules) > before:
                used.add(p.line)
            if found is not None and method is None:
                method = (found, p)
        self._decide(method, leads)
        self._flag_rest(paragraphs, used)
        return self.result

    # -- department tables -----------------------------------------------------------------------------
    def _lead(self, index: int) -> Optional[Paragraph]:
        """Return the paragraph that introduces the table at block index (its 'surrounding prose').

        That is the paragraph right before it when it ends with ':' ('… som i nedenstående:'), or
        when the table has no title of its own; a sentence about something else is no lead.
        """
        table = self.blocks[index]
        titled = isinstance(table, Table) and any(kt.title for kt in read_key_tables(table))
        for block in reversed(self.blocks[:index]):
            if isinstance(block, Paragraph):
                return block if paragraph_text(block).rstrip().endswith(":") or not titled else None
            if isinstance(block, Heading):
                return None
        return None

    def _tables(self, table: Table, lead: Optional[Paragraph]) -> None:
        found = read_key_tables(table)
        if not found:
            self.report.review("table", "a table of unknown structure (no header row with years) was not "
                               "interpreted; it is not in the master", table.line, table.last_line, self.theme)
            return
        lead_text = paragraph_text(lead) if lead else ""
        admin_by_lead = bool(ADMIN_PHRASE.search(lead_text))
        for kt in found:
            unit = kt.unit or unit_in(lead_text)
            if unit is None:
                unit = self.plan_unit
                self.report.review("key table", f"the table names no unit; its amounts were read as {unit}",
                                   kt.line, kt.last_line, self.theme)
            for row in kt.odd_rows:
                self.report.review("key table", f"the row '{' | '.join(t for t in row.texts if t)}' is not a "
                                   "department row and was not read", row.line, theme=self.theme)
            if not kt.rows:
                self.report.review("key table", "the table has no department rows; it was not interpreted",
                                   kt.line, kt.last_line, self.theme)
                continue
            for row in kt.rows:
                self._code(row.code)
            target = self._target(kt, unit)
            admin = admin_by_lead or bool(ADMIN_PHRASE.search(kt.title))
            what = f"line {target}" if target else "the theme"
            if kt.has_shares:
                shares = {r.code: r.share.value for r in kt.rows if r.share is not None and r.share.value is not None}
                use = KeyUse(kt, shares, admin, self.theme, target, unit)
                self.result.keys.append(use)
                rule = RuleSpec(Method.KEY, use)
                self.report.read("key table", f"table '{kt.title or kt.header}' read as a key "
                                 f"({len(shares)} departments, shares sum to {_percent(sum(shares.values()))}) "
                                 f"for {what}" + (" (its prose names the administrative key)" if admin else ""),
                                 kt.line, kt.last_line, self.theme)
            else:
                self.result.fixed_tables.append(FixedTable(kt, target, unit))
                for row in kt.rows:
                    amounts = {y: convert(row.figures[y].value, unit, self.plan_unit) if y in row.figures else None
                               for y in self.years}
                    self.result.fixed.append(FixedSpec(target, row.code, amounts))
                rule = RuleSpec(Method.FIXED)
                self.report.read("key table", f"table '{kt.title or kt.header}' read as fixed amounts per "
                                 f"department for {what}", kt.line, kt.last_line, self.theme)
            if target:
                if target in self.result.line_rules:
                    self.report.review("key table", f"a second table for line {target}; the first one is used",
                                       kt.line, theme=self.theme)
                else:
                    self.result.line_rules[target] = rule
            elif self.result.theme_rule.method is Method.NONE:
                self.result.theme_rule = rule
            else:
                self.report.review("key table", "a second table for the whole theme; the first one is used",
                                   kt.line, theme=self.theme)

    def _target(self, kt: KeyTable, unit: str) -> str:
        """Return which line a table distributes ('' = the theme): by its numbered title, its title, its totals."""
        m = _NUMBERED_TITLE.match(kt.title) if kt.title else None
        if m:
            number, words = m.group(1), m.group(2)
            line = next((ln for ln in self.lines if ln.number == number), None)
            if line is not None:
                if words and not _similar(words, line.title):
                    self.report.review("key table", f"the table '{kt.title}' is numbered {number}, but line "
                                       f"{number} is '{line.title}'; it was applied to line {number}",
                                       kt.line, theme=self.theme)
                return line.ident
        if kt.title:
            for line in self.lines:
                if _similar(plain(kt.title).rstrip(":"), line.title):
                    return line.ident
        totals = self._table_totals(kt)
        if totals and self._agrees(totals, self.totals, unit):
            return ""
        for line in self.lines:
            if totals and self._agrees(totals, line.amounts, unit):
                self.report.inferred("key table", f"the table's totals equal line '{line.title}'; it was applied "
                                     "to that line", kt.line, theme=self.theme)
                return line.ident
        if totals:
            self.report.review("key table", "the table's totals match neither the theme's total nor a line; "
                               "it was applied to the whole theme", kt.line, kt.last_line, self.theme)
        return ""

    def _table_totals(self, kt: KeyTable) -> dict[int, tuple[Decimal, int]]:
        if kt.total is not None and kt.total.figures:
            return {y: (f.value, f.decimals) for y, f in kt.total.figures.items() if f.value is not None}
        sums: dict[int, tuple[Decimal, int]] = {}
        for y in kt.years:
            figures = [r.figures[y] for r in kt.rows if y in r.figures and r.figures[y].value is not None]
            if figures:
                sums[y] = (sum((f.value for f in figures), Decimal(0)), max(f.decimals for f in figures))
        return sums

    def _agrees(self, totals, amounts, unit: str) -> bool:
        """True when every stated total equals the amount within half a unit of its last shown digit."""
        for year, (value, decimals) in totals.items():
            amount = amounts.get(year)
            if amount is None:
                if value != 0:
                    return False
                continue
            shown = convert(amount, self.plan_unit, unit)
            if abs(shown - value) > Decimal(1).scaleb(-decimals) / 2:
                return False
        return True

    # -- fixed amounts in prose ---------------------------------------------------------------------------
    def _fixed_after_colon(self, p: Paragraph) -> bool:
        """'BA: 1 mio. kr.', 'MSB, MBU og MSO: 0,5 mio. kr.', 'MKB: 0 mio. kr. (…)'."""
        found = colon_amounts(paragraph_text(p))
        if not found:
            return False
        unit = unit_in(paragraph_text(p))
        if any(f.unit is None for f in found) and unit is None:
            return False
        for f in found:
            self._add_fixed(f.code, f.value, f.unit or unit, f.text, f.decimals, p.line, f.note)
        self.report.read("fixed amounts", "fixed amounts read from prose: " + "; ".join(
            dict.fromkeys(f.source for f in found)), p.line, p.last_line, self.theme)
        return True

    def _fixed_list(self, p: Paragraph, before: Sequence[Paragraph]) -> bool:
        """'BA (270.000), MSO (70.000), …' with the unit named in the lead sentence ('… (kr.):')."""
        text = paragraph_text(p)
        found = listed_amounts(text)
        if not found:
            return False
        lead_unit = next((unit_in(paragraph_text(b)) for b in reversed(before) if unit_in(paragraph_text(b))), None)
        if any(f.unit is None for f in found) and lead_unit is None:
            self.report.review("fixed amounts", f"the amounts in '{text}' have no unit, and no sentence before them "
                               "names one; they were not read", p.line, theme=self.theme)
            return False
        for f in found:
            self._add_fixed(f.code, f.value, f.unit or lead_unit, f.text, f.decimals, p.line, f.note)
        mark = " (a footnote mark '*' after the list was ignored)" if text.rstrip().endswith("*") else ""
        unit = found[0].unit or lead_unit
        self.report.read("fixed amounts", f"fixed amounts read from a list in {unit}: " + ", ".join(
            f"{f.code} {format_danish(convert(f.value, f.unit or lead_unit, self.plan_unit))}" for f in found)
            + f" ({self.plan_unit}){mark}", p.line, p.last_line, self.theme)
        return True

    def _add_fixed(self, code: str, value: Decimal, unit: str, text: str, decimals: int, line: int,
                   note: str) -> None:
        self._code(code)
        amount = convert(value, unit, self.plan_unit)
        # A fixed amount holds for the years that have savings; a year not estimated stays so.
        amounts = {y: amount if self.totals.get(y) is not None else None for y in self.years}
        self.result.fixed.append(FixedSpec("", code, amounts, note))
        self.result.stated_fixed.append(StatedFixed(code, amount, text, unit, decimals, line))

    # -- a method in prose ------------------------------------------------------------------------------------
    def _method(self, p: Paragraph) -> Optional[RuleSpec]:
        for sentence in sentences(paragraph_text(p)):
            if not (ADMIN_PHRASE.search(sentence) and _METHOD_VERB.search(sentence)):
                continue
            from_year = None
            nth = _FROM_NTH_YEAR.search(sentence)
            explicit = _FROM_YEAR.search(sentence)
            if nth and 1 <= int(nth.group(1)) <= len(self.years):
                from_year = self.years[int(nth.group(1)) - 1]
            elif explicit and int(explicit.group(1)) in self.years:
                from_year = int(explicit.group(1))
            elif nth or explicit:
                self.report.review("distribution", f"the first year in '{sentence}' is not one of the plan's "
                                   "years; the key was applied to every year", p.line, theme=self.theme)
            after = ADMIN_PHRASE.split(sentence, maxsplit=1)[-1]
            qualifier = _QUALIFIER.search(after) or re.search(r"\bikke\b", sentence, re.IGNORECASE)
            since = f" from {from_year}" if from_year and from_year != self.years[0] else ""
            if from_year == self.years[0]:
                from_year = None
            if qualifier:
                self.report.review("distribution", f"read as the administrative key{since}, but the sentence "
                                   f"qualifies it ('{sentence}'); check whether the key applies as it stands",
                                   p.line, p.last_line, self.theme)
            else:
                self.report.read("distribution", f"the administrative key{since}: '{sentence}'",
                                 p.line, p.last_line, self.theme)
            rule = RuleSpec(Method.KEY, None, True, from_year)
            target = _LINE_REFERENCE.match(sentence)
            line = next((ln for ln in self.lines if target and ln.number == target.group(1)), None)
            if line is not None:
                self.result.line_rules.setdefault(line.ident, rule)
                return None  # a rule for one line, not for the theme
            return rule
        return None

    # -- deciding the theme's rule, and what is left -------------------------------------------------------------
    def _decide(self, method: Optional[tuple[RuleSpec, Paragraph]], leads: set[int]) -> None:
        r = self.result
        fixed_theme = [f for f in r.fixed if not f.line]
        if fixed_theme and r.theme_rule.method is Method.NONE:
            r.theme_rule = RuleSpec(Method.FIXED)
            self._check_fixed_sum(fixed_theme)
        if method is not None:
            rule, p = method
            if p.line in leads:
                pass  # the sentence introduces a table, which gives the key
            elif r.theme_rule.method is Method.NONE:
                r.theme_rule = rule
            else:
                self.report.review("distribution", "the prose names the administrative key, but the section also "
                                   "gives a table or fixed amounts for the theme; those were used", p.line,
                                   theme=self.theme)
        if r.line_rules:
            rest = [ln for ln in self.lines if ln.ident not in r.line_rules]
            for line in rest:
                if distributable([line], self.years) and r.theme_rule.method is Method.NONE:
                    self.report.review("distribution", f"line '{line.title}' is not covered by any table and is "
                                       "not distributed", theme=self.theme)
                elif r.theme_rule.method is Method.NONE:
                    self.report.info("distribution", f"line '{line.title}' has no amounts and is not distributed",
                                     theme=self.theme)

    def _check_fixed_sum(self, fixed: list[FixedSpec]) -> None:
        for year in self.years:
            given = sum((f.amounts[year] for f in fixed if f.amounts.get(year) is not None), Decimal(0))
            total = self.totals.get(year)
            if total is not None and given != total:
                self.report.review("fixed amounts", f"the fixed amounts sum to {format_danish(given)} but the "
                                   f"theme's total for {year} is {format_danish(total)} ({self.plan_unit})",
                                   theme=self.theme)
                return

    def _flag_rest(self, paragraphs: list[Paragraph], used: set[int]) -> None:
        r = self.result
        nothing = r.theme_rule.method is Method.NONE and not r.line_rules
        flagged = False
        for p in paragraphs:
            if p.line in used or not self.has_amounts:
                continue
            text = paragraph_text(p)
            hits = [s for s in sentences(text)
                    if any(c in self.known for c in code_words(s)) or (nothing and _METHOD_VERB.search(s))]
            if not hits:
                continue
            codes = [c for s in hits for c in code_words(s) if c in self.known]
            what = f"names {', '.join(dict.fromkeys(codes))}" if codes else "describes a distribution"
            if any(amounts_in(s) for s in hits):
                what += " with amounts"
            self.report.review("distribution", f"not interpreted, kept as text: the paragraph {what} but is not a "
                               f"split the program can read: '{_short(hits[0])}'", p.line, p.last_line, self.theme)
            flagged = True
        if nothing:
            if self.has_amounts:
                if flagged:
                    self.report.text("distribution", "the theme is not distributed; its distribution text is kept",
                                     theme=self.theme)
                else:
                    self.report.review("distribution", "no distribution could be read; the theme is not "
                                       "distributed and its text is kept", theme=self.theme)
            elif r.text:
                self.report.text("distribution", "nothing to distribute (no amounts); the text is kept",
                                 theme=self.theme)

    def _code(self, code: str) -> None:
        if code not in self.result.codes:
            self.result.codes.append(code)


def interpret(theme: str, blocks: Sequence[Block], lines: Sequence[LineInfo], years: tuple[int, ...],
              plan_unit: str, known_codes: set[str], report: ImportReport) -> Distribution:
    """Return the rules, fixed amounts and keys that a 'Fordeling på afdeling' sub-section states."""
    return _Interpreter(theme, blocks, lines, years, plan_unit, known_codes, report).run()


def _sum(values) -> Optional[Decimal]:
    total = None
    for v in values:
        if v is not None:
            total = v if total is None else total + v
    return total


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
