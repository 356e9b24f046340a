"""A theme's proposal lines, and the theme as the plan holds it: its rule, its lines' rules, its
fixed amounts and the average salary its FTE figures imply.

Pure. Gives back ProposalLines (read_lines) and, once the distribution is interpreted, the
plan's Theme with its lines and FixedAmounts (assemble_theme).
"""

from __future__ import annotations

import re
from decimal import Decimal

from spareforslag_xl.core.salary import StatedFte, implied_salary
from spareforslag_xl.importer.distribution.key_names import ADMIN_KEY
from spareforslag_xl.importer.distribution.spec import Distribution, RuleSpec
from spareforslag_xl.importer.numbers import read_figure
from spareforslag_xl.importer.prose import blocks_text
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.themes import ThemeDraft
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import FixedAmount, Method, ProposalLine, Rule, Theme
from spareforslag_xl.model.units import convert


def read_lines(t: ThemeDraft, years, unit: str, report: ImportReport) -> list[ProposalLine]:
    """Return the proposal lines of a theme's potential table, in the plan's unit ([] without a table)."""
    pot = t.potential
    if pot is None or t.section is None:
        return []
    if not pot.found:
        report.review("lines", _("the section has no 'Identificeret potentiale' table; the theme has no lines"),
                      t.section.line, t.section.last_line, t.number)
        return []
    result = []
    seen: set[str] = set()
    for pl in pot.lines:
        amounts = {y: convert(pl.figures[y].value, pot.unit, unit) if y in pl.figures else None for y in years}
        if not pl.figures:
            report.info("lines",
                        _("the line '{label}' has no amounts; it was read as not estimated").format(label=pl.label),
                        pl.line,
                        theme=t.number)
        if pl.number and pl.number in seen:
            report.review("lines", _("two lines are numbered {number}").format(number=pl.number), pl.line,
                          theme=t.number)
        seen.add(pl.number)
        result.append(ProposalLine(t.number, pl.number, pl.title, amounts, pl.kind))
    fte = _("with FTE figures") if pot.fte is not None and pot.fte.figures else (
        _("FTE row without figures") if pot.fte_line else _("no FTE row"))
    lines = ngettext("{n} line in {unit}", "{n} lines in {unit}", len(result)).format(n=len(result), unit=pot.unit)
    total = _("a total row") if pot.total else _("no total row")
    report.read("lines", f"{lines}, {total}, {fte}", pot.line, pot.last_line, t.number)
    return result


def assemble_theme(t: ThemeDraft, years, report: ImportReport) -> tuple[Theme, list[ProposalLine], list[FixedAmount]]:
    """Return the plan's theme, its lines with their rules, and its fixed amounts, from a theme read whole."""
    dist = t.distribution
    lines = list(t.lines or [])
    fixed: list[FixedAmount] = []
    theme_rule = _rule(dist.theme_rule) if dist else None
    if dist is not None:
        for i, line in enumerate(lines):
            spec = dist.line_rules.get(line.number or line.title)
            if spec is None:
                continue
            number = line.number
            if not number and spec.method is Method.FIXED:
                number = str(i + 1)
                report.inferred("lines",
                                _("line '{title}' got the number {number}, which its fixed amounts need").format(
                                    title=line.title, number=number), theme=t.number)
            lines[i] = ProposalLine(line.theme, number, line.title, line.amounts, line.kind, _rule(spec))
        for f in dist.fixed:
            target = next((ln.number for ln in lines if f.line and f.line in (ln.number, ln.title)), "")
            fixed.append(FixedAmount(t.number, target, f.department, f.amounts, f.note))
    section = t.section
    potential_text = blocks_text(t.potential.prose) if t.potential else ""
    theme = Theme(
        number=t.number,
        title=t.title,
        status=t.status,
        rule=theme_rule if (section is not None or theme_rule) else None,
        salary=_salary(t, years, report),
        description=blocks_text([*section.intro, *section.blocks("description")]) if section else "",
        potential_text=potential_text,
        distribution_text=dist.text if dist else "",
    )
    return theme, lines, fixed


def _rule(spec: RuleSpec) -> Rule:
    if spec.method is Method.KEY:
        name = spec.key.name if spec.key is not None else ADMIN_KEY
        return Rule(Method.KEY, name, spec.from_year)
    return Rule(spec.method, None, spec.from_year)


def names_admin(dist: Distribution) -> bool:
    """True when a theme's distribution names the administrative key (in prose or by a table)."""
    specs = [dist.theme_rule, *dist.line_rules.values()]
    return any(s.method is Method.KEY and s.admin for s in specs) or any(k.admin for k in dist.keys)


_STATED_SALARY = re.compile(r"gns\.\s*løn\s+på\s+(\d[\d.]*(?:,\d+)?)", re.IGNORECASE)
"""'(årsværk = besparelse / gns. løn på 575)': the salary the program's own document names."""


def _salary(t: ThemeDraft, years, report: ImportReport) -> Decimal | None:
    pot = t.potential
    if pot is None or pot.fte is None or not pot.fte.figures:
        return None
    named = _STATED_SALARY.search(pot.fte.label)
    figure = read_figure(named.group(1)) if named else None
    if named and figure is not None and figure.value is not None and figure.value > 0:
        report.read("salary", _("average salary {value} named in the FTE row").format(value=named.group(1)),
                    pot.fte.line, theme=t.number)
        return figure.value
    stated = []
    for year, figure in pot.fte.figures.items():
        total = sum((a for ln in t.lines if (a := ln.amounts.get(year)) is not None), Decimal(0))
        if figure.value is not None:
            stated.append(StatedFte(year, total, figure.value, figure.decimals))
    implied = implied_salary(stated)
    if implied.salary is None:
        if implied.outliers:
            report.review("salary", _("no average salary reproduces the stated FTE figures"), pot.fte.line,
                          theme=t.number)
        else:
            report.info("salary", _("the FTE figures hold for any average salary (no savings); none was set"),
                        pot.fte.line, theme=t.number)
        return None
    fits = ", ".join(dict.fromkeys(format_danish(f.fte, f.decimals) for f in stated if f.year in implied.fitting))
    text = (_("average salary {value} implied by the FTE figures {fits}").format(
        value=format_danish(implied.salary, 2).rstrip('0').rstrip(','), fits=fits))
    if implied.outliers:
        odd = ", ".join(f"{format_danish(f.fte, f.decimals)} ({f.year})" for f in stated if f.year in implied.outliers)
        text += _("; {odd} fits no common salary (see 'spareforslag audit')").format(odd=odd)
    report.inferred("salary", text, pot.fte.line, theme=t.number)
    return implied.salary
