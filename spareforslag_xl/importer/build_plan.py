"""Assembles a Plan from a document: settings, departments, keys, themes, lines and fixed amounts,
together with the document's stated figures and the import report.

Pure: a decoded Document in, an Imported out. Nothing here assumes particular years,
departments, keys or themes; they all come from the document (and the departments file).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Optional, Sequence

from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.importer.blocks import split_blocks
from spareforslag_xl.importer.distribution import codes_named, interpret
from spareforslag_xl.importer.figures import FigureLog
from spareforslag_xl.importer.keys import ADMIN_KEY, name_keys
from spareforslag_xl.importer.overview import Overview, is_overview_table, read_overview
from spareforslag_xl.importer.potential import Potential, read_potential
from spareforslag_xl.importer.prose import blocks_text, paragraph_text, plain
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.sections import (
    DISTRIBUTION, POTENTIAL, Section, match_sections, outline,
)
from spareforslag_xl.importer.sections import OverviewTheme as MatchTheme
from spareforslag_xl.importer.spec import Distribution, LineInfo, RuleSpec
from spareforslag_xl.importer.text import Document
from spareforslag_xl.model.plan import Department, FixedAmount, Method, Plan, ProposalLine, Rule, Settings, Theme
from spareforslag_xl.core.salary import StatedFte, implied_salary
from spareforslag_xl.model.stated import StatedFigure
from spareforslag_xl.model.units import convert

_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:[- ][A-ZÆØÅ][a-zæøå]+)?)\s+[Kk]ommunes?\b")
_NOT_A_NAME = {"Den", "Denne", "Hver", "Enhver", "Vores", "Hele", "Samme", "Anden", "Egen", "En", "Og", "I", "Af"}
_BUDGET_YEAR = re.compile(r"\bBudget\s*(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Imported:
    plan: Plan
    figures: tuple[StatedFigure, ...]
    report: ImportReport
    document: Document


@dataclass
class _Theme:
    """A theme while it is assembled."""

    number: str
    title: str
    status: str = ""
    section: Optional[Section] = None
    potential: Optional[Potential] = None
    lines: list[ProposalLine] = None  # type: ignore[assignment]
    distribution: Optional[Distribution] = None


def build_plan(doc: Document, departments: Sequence[Department] = (), municipality: Optional[str] = None) -> Imported:
    """Return the plan a document describes, its stated figures and the report of the import."""
    report = ImportReport()
    report.read("file", f"decoded as {doc.encoding}" + (" with Windows line ends" if doc.crlf else ""))
    out = outline(split_blocks(doc.lines), is_overview_table)
    if out.overview is None:
        raise InputError(doc.path, "no overview table was found: a table whose header row starts with 'Tema' and "
                         "names the years (e.g. 'Tema (1.000 kr.)<TAB>2024<TAB>2025').",
                         "Check that the document is a proposals document exported with its tables as TAB lines.")
    ov = read_overview(out.overview, report)
    years = ov.years
    unit = ov.unit
    report.read("overview", f"{len(ov.themes)} themes, years {', '.join(map(str, years))}, amounts in {unit}",
                ov.line, ov.last_line)
    themes = _match(out.sections, ov, years, unit, report)
    known = {d.code for d in departments}
    for t in themes:
        if t.section is not None:
            known.update(codes_named(t.section.blocks(DISTRIBUTION)))
    log = FigureLog(unit)
    log.overview(ov, {t.line: t.number for t in ov.themes})
    lines_all: list[ProposalLine] = []
    for t in themes:
        t.lines = _lines(t, years, unit, report)
        lines_all += t.lines
        if t.potential is not None:
            log.potential(t.number, t.potential, [ln.number or ln.title for ln in t.lines])
        if t.section is not None:
            infos = [LineInfo(ln.number or ln.title, ln.number, ln.title, dict(ln.amounts)) for ln in t.lines]
            t.distribution = interpret(t.number, t.section.blocks(DISTRIBUTION), infos, years, unit, known, report)
    uses = [u for t in themes if t.distribution for u in t.distribution.keys]
    admin_named = any(_names_admin(t.distribution) for t in themes if t.distribution)
    keys = name_keys(uses, admin_named, report)
    for t in themes:
        if t.distribution is not None:
            log.distribution(t.number, t.distribution)
    plan_themes, plan_lines, fixed = [], [], []
    for t in themes:
        theme, lines, rows = _assemble(t, years, report)
        plan_themes.append(theme)
        plan_lines += lines
        fixed += rows
    codes = [c for t in themes if t.distribution for c in t.distribution.codes]
    residual = ADMIN_KEY if any(k.name == ADMIN_KEY for k in keys) or admin_named else None
    if residual is None:
        report.review("settings", "no administrative key was found, so 'Restfordelingsnøgle' is empty; name the key "
                      "that distributes the difference on the sheet Indstillinger")
    elif ov.difference is not None:
        report.read("settings", f"the difference is distributed by '{residual}' ('{ov.difference.label}')",
                    ov.difference.line)
    settings = _settings(doc, out, ov, residual, municipality, report)
    decimals = _decimals_shown(plan_lines, fixed, settings.target)
    if decimals:
        report.inferred("settings", f"'Decimaler' is {decimals}: the finest amount in {settings.unit} has "
                        f"{decimals} decimal{'s' if decimals > 1 else ''}")
    plan = Plan(
        settings=replace(settings, decimals=decimals),
        years=years,
        departments=_departments(codes, departments, report),
        keys=tuple(keys),
        themes=tuple(plan_themes),
        lines=tuple(plan_lines),
        fixed=tuple(fixed),
        source_name=doc.name,
    )
    for block in out.ignored:
        text = blocks_text([block])
        if text and (out.overview is None or block.line > ov.last_line):
            report.info("text", f"text outside the themes was not imported: '{text[:80]}'", block.line)
    _in_document_order(report, themes)
    return Imported(plan, tuple(log.figures), report, doc)


def _decimals_shown(lines, fixed, target) -> int:
    """Return the decimals the plan's amounts need in its unit (0 for 1.000 kr.; 2 for 3,25 mio. kr.)."""
    amounts = [a for line in lines for a in line.amounts.values() if a is not None]
    amounts += [a for row in fixed for a in row.amounts.values() if a is not None]
    amounts += [a for a in target.values() if a is not None]
    exponents = [a.normalize().as_tuple().exponent for a in amounts]
    return min(4, max([-e for e in exponents if isinstance(e, int) and e < 0], default=0))


def _in_document_order(report: ImportReport, themes: list[_Theme]) -> None:
    """Sort the entries by the line they concern; an entry about a whole theme goes with its section."""
    starts = {t.number: t.section.line if t.section else 0 for t in themes}
    last = max((len(report.entries) and max(e.line for e in report.entries)), 0) + 1

    def anchor(e) -> int:
        if e.line:
            return e.line
        if e.theme in starts and starts[e.theme]:
            return starts[e.theme]
        return 0 if e.topic in ("file", "overview") else last

    report.entries.sort(key=anchor)


# -- sections and themes --------------------------------------------------------------------------------------
def _match(sections: list[Section], ov: Overview, years, unit: str, report: ImportReport) -> list[_Theme]:
    # Each section's table is read before the section is matched to its theme; its entries get the theme after.
    own = [ImportReport() for _ in sections]
    potentials = [read_potential(s.blocks(POTENTIAL), unit, years, r, s.number) for s, r in zip(sections, own)]
    totals = [_totals(p, years, unit) for p in potentials]
    match_themes = [MatchTheme(t.number, t.name, {y: convert(t.figures[y].value, unit, unit) if y in t.figures
                                                  else None for y in years} if not t.status else {},
                               bool(t.status)) for t in ov.themes]
    matches = match_sections(match_themes, [(s.number, s.title) for s in sections], totals)
    themes = [_Theme(t.number, t.name, t.status) for t in ov.themes]
    by_number = {t.number: t for t in themes}
    numbers = [t.number for t in ov.themes]
    for m, section, pot in zip(matches, sections, potentials):
        span = (section.line, section.last_line)
        if m.theme is None:
            if section.number and section.number not in by_number:
                extra = _Theme(section.number, section.title or f"Tema {section.number}", "", section, pot)
                themes.append(extra)
                by_number[section.number] = extra
                report.review("section", f"'Tema {section.number}' is not in the overview; it was imported as a "
                              "theme of its own, outside the overview's totals", *span, theme=section.number)
            else:
                report.review("section", "the section matches no theme of the overview and was not imported"
                              + (f" ('{section.heading.text}')" if section.heading else ""), *span)
            continue
        theme = by_number[m.theme]
        theme.section, theme.potential = section, pot
        if m.how == "number":
            report.read("section", f"section 'Tema {m.theme}'", *span, theme=m.theme)
            if section.title and _fold(section.title) != _fold(theme.title):
                report.info("section", f"the heading says '{section.title}', the overview '{theme.title}'; "
                            "the overview's name is kept", section.line, theme=m.theme)
        else:
            i = numbers.index(m.theme)
            before = f"tema {numbers[i - 1]}" if i > 0 else "the overview"
            after = f"tema {numbers[i + 1]}" if i + 1 < len(numbers) else "the end"
            start = section.heading.text if section.heading else "## " + _first_part(section)
            how = ("its title" if m.how == "title" else f"its place between {before} and {after}")
            agree = ("its totals agree with the overview" if m.totals_agree
                     else "but its totals differ from the overview's")
            text = (f"the section has no 'Tema {m.theme}' heading (it starts with '{start}'); matched to "
                    f"tema {m.theme} '{theme.title}' by {how}; {agree}")
            (report.inferred if m.totals_agree else report.review)("section", text, *span, theme=m.theme)
    for m, entries in zip(matches, own):
        report.entries += [replace(e, theme=e.theme or m.theme or "") for e in entries.entries]
    rows = {t.number: t.line for t in ov.themes}
    for t in themes:
        if t.section is None and not t.status:
            report.review("section", f"no section was found for tema {t.number} '{t.title}'; it has no lines in the "
                          "master", rows.get(t.number, 0), theme=t.number)
        elif t.section is None:
            report.read("section", f"tema {t.number} has only a note in the overview: '{t.status}'",
                        rows.get(t.number, 0), theme=t.number)
    return themes


def _first_part(section: Section) -> str:
    names = {"description": "Beskrivelse af opgaven", "potential": "Identificeret potentiale",
             "distribution": "Fordeling på afdeling"}
    return names[next(iter(section.parts))] if section.parts else "…"


def _totals(pot: Potential, years, unit: str) -> dict[int, Optional[Decimal]]:
    if pot.total is not None:
        return {y: convert(pot.total.figures[y].value, pot.unit, unit) if y in pot.total.figures else None
                for y in years}
    result: dict[int, Optional[Decimal]] = {}
    for y in years:
        values = [convert(ln.figures[y].value, pot.unit, unit) for ln in pot.lines
                  if y in ln.figures and ln.figures[y].value is not None]
        result[y] = sum(values, Decimal(0)) if values else None
    return result


def _lines(t: _Theme, years, unit: str, report: ImportReport) -> list[ProposalLine]:
    pot = t.potential
    if pot is None or t.section is None:
        return []
    if not pot.found:
        report.review("lines", "the section has no 'Identificeret potentiale' table; the theme has no lines",
                      t.section.line, t.section.last_line, t.number)
        return []
    result = []
    seen: set[str] = set()
    for pl in pot.lines:
        amounts = {y: convert(pl.figures[y].value, pot.unit, unit) if y in pl.figures else None for y in years}
        if not pl.figures:
            report.info("lines", f"the line '{pl.label}' has no amounts; it was read as not estimated", pl.line,
                        theme=t.number)
        if pl.number and pl.number in seen:
            report.review("lines", f"two lines are numbered {pl.number}", pl.line, theme=t.number)
        seen.add(pl.number)
        result.append(ProposalLine(t.number, pl.number, pl.title, amounts, pl.kind))
    fte = "with FTE figures" if pot.fte is not None and pot.fte.figures else (
        "FTE row without figures" if pot.fte_line else "no FTE row")
    report.read("lines", f"{len(result)} lines in {pot.unit}, "
                f"{'a total row' if pot.total else 'no total row'}, {fte}", pot.line, pot.last_line, t.number)
    return result


def _assemble(t: _Theme, years, report: ImportReport) -> tuple[Theme, list[ProposalLine], list[FixedAmount]]:
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
                report.inferred("lines", f"line '{line.title}' got the number {number}, which its fixed amounts "
                                "need", theme=t.number)
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


def _names_admin(dist: Distribution) -> bool:
    specs = [dist.theme_rule, *dist.line_rules.values()]
    return any(s.method is Method.KEY and s.admin for s in specs) or any(k.admin for k in dist.keys)


def _salary(t: _Theme, years, report: ImportReport) -> Optional[Decimal]:
    pot = t.potential
    if pot is None or pot.fte is None or not pot.fte.figures:
        return None
    stated = []
    for year, figure in pot.fte.figures.items():
        total = sum((ln.amounts[year] for ln in t.lines if ln.amounts.get(year) is not None), Decimal(0))
        if figure.value is not None:
            stated.append(StatedFte(year, total, figure.value, figure.decimals))
    implied = implied_salary(stated)
    if implied.salary is None:
        if implied.outliers:
            report.review("salary", "no average salary reproduces the stated FTE figures", pot.fte.line,
                          theme=t.number)
        else:
            report.info("salary", "the FTE figures hold for any average salary (no savings); none was set",
                        pot.fte.line, theme=t.number)
        return None
    fits = ", ".join(dict.fromkeys(format_danish(f.fte, f.decimals) for f in stated if f.year in implied.fitting))
    text = (f"average salary {format_danish(implied.salary, 2).rstrip('0').rstrip(',')} "
            f"implied by the FTE figures {fits}")
    if implied.outliers:
        odd = ", ".join(f"{format_danish(f.fte, f.decimals)} ({f.year})" for f in stated if f.year in implied.outliers)
        text += f"; {odd} fits no common salary (see 'spareforslag audit')"
    report.inferred("salary", text, pot.fte.line, theme=t.number)
    return implied.salary


# -- settings and departments ----------------------------------------------------------------------------------
def _settings(doc: Document, out, ov: Overview, residual: Optional[str], municipality: Optional[str],
              report: ImportReport) -> Settings:
    title = plain(out.title.text) if out.title else ""
    subtitle = paragraph_text(out.subtitle) if out.subtitle else ""
    if out.title:
        report.read("settings", f"title '{title}'", out.title.line)
    else:
        report.review("settings", "the document has no title heading ('# …') before the overview")
    m = _BUDGET_YEAR.search(subtitle) or _BUDGET_YEAR.search(title)
    budget_year = int(m.group(1)) if m else (ov.years[0] if ov.years else None)
    if m:
        report.read("settings", f"budget year {budget_year} from '{m.group(0)}'",
                    out.subtitle.line if out.subtitle and _BUDGET_YEAR.search(subtitle) else 0)
    else:
        report.inferred("settings", f"budget year {budget_year}: the first year of the overview")
    if municipality:
        report.read("settings", f"municipality '{municipality}' from --municipality")
    else:
        counts = Counter(f"{name} Kommune" for name in _MUNICIPALITY.findall("\n".join(doc.lines))
                         if name.split()[0] not in _NOT_A_NAME)
        if counts:
            municipality, n = counts.most_common(1)[0]
            report.inferred("settings", f"municipality '{municipality}', the most frequent '… Kommune' in the text "
                            f"({n} times); use --municipality to set it")
        else:
            municipality = ""
            report.info("settings", "no '… Kommune' in the text; the municipality is empty (use --municipality)")
    target = {}
    if ov.target is not None:
        target = {y: convert(ov.target.figures[y].value, ov.unit, ov.unit) if y in ov.target.figures else None
                  for y in ov.years}
        report.read("settings", "target (Mål) " + ", ".join(format_danish(v) if v is not None else "-"
                                                          for v in target.values()), ov.target.line)
    missing = [y for y in ov.years if target.get(y) is None]
    if missing:
        report.review("settings", f"the overview gives no target (Mål) for {', '.join(map(str, missing))}",
                      ov.line, ov.last_line)
    return Settings(title=title, subtitle=subtitle, municipality=municipality, budget_year=budget_year,
                    unit=ov.unit, decimals=0, residual_key=residual, target=target)


def _departments(codes: list[str], listed: Sequence[Department], report: ImportReport) -> tuple[Department, ...]:
    codes = list(dict.fromkeys(codes))
    if not listed:
        report.info("departments", f"{len(codes)} department codes from the document ({', '.join(codes)}); names "
                    "and e-mail addresses come from --departments FILE")
        return tuple(Department(c, "") for c in codes)
    by_code = {d.code.casefold(): d for d in listed}
    unknown = [c for c in codes if c.casefold() not in by_code]
    unused = [d.code for d in listed if d.code not in codes]
    if unknown:
        report.review("departments", f"the document names {', '.join(unknown)}, which the departments file does "
                      "not list; they were added without a name")
    if unused:
        report.info("departments", f"the departments file lists {', '.join(unused)}, which the document does not "
                    "name; they were kept")
    report.read("departments", f"{len(listed)} departments with names from the departments file")
    return tuple(listed) + tuple(Department(c, "") for c in unknown)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
