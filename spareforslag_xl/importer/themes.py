"""Which section of the document is which theme of the overview.

Pure. Gives back the themes being assembled (ThemeDraft): the overview's themes, each with
its section and its 'Identificeret potentiale' table when one was found, followed by any
section numbered as a theme that the overview lacks. Sections that match no theme are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from spareforslag_xl.importer.distribution.spec import Distribution
from spareforslag_xl.importer.overview import Overview
from spareforslag_xl.importer.potential import Potential, read_potential
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.sections import POTENTIAL, Section, match_sections
from spareforslag_xl.importer.sections import OverviewTheme as MatchTheme
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import ProposalLine
from spareforslag_xl.model.units import convert


@dataclass
class ThemeDraft:
    """A theme while it is assembled."""

    number: str
    title: str
    status: str = ""
    section: Section | None = None
    potential: Potential | None = None
    lines: list[ProposalLine] = None  # type: ignore[assignment]
    distribution: Distribution | None = None


def match_themes(sections: list[Section], ov: Overview, years, unit: str, report: ImportReport) -> list[ThemeDraft]:
    """Return the overview's themes, each with its section and potential table when one was found, and after
    them the sections numbered as themes that the overview lacks."""
    # Each section's table is read before the section is matched to its theme; its entries get the theme after.
    own = [ImportReport() for _ in sections]
    potentials = [read_potential(s.blocks(POTENTIAL), unit, years, r, s.number)
                  for s, r in zip(sections, own, strict=True)]
    totals = [_totals(p, years, unit) for p in potentials]
    match_themes = [MatchTheme(t.number, t.name, {y: convert(t.figures[y].value, unit, unit) if y in t.figures
                                                  else None for y in years} if not t.status else {},
                               bool(t.status)) for t in ov.themes]
    matches = match_sections(match_themes, [(s.number, s.title) for s in sections], totals)
    themes = [ThemeDraft(t.number, t.name, t.status) for t in ov.themes]
    by_number = {t.number: t for t in themes}
    numbers = [t.number for t in ov.themes]
    for m, section, pot in zip(matches, sections, potentials, strict=True):
        span = (section.line, section.last_line)
        if m.theme is None:
            if section.number and section.number not in by_number:
                extra = ThemeDraft(section.number, section.title or f"Tema {section.number}", "", section, pot)
                themes.append(extra)
                by_number[section.number] = extra
                report.review("section",
                              _("'Tema {number}' is not in the overview; it was imported as a theme of its own, "
                                "outside the overview's totals").format(number=section.number), *span,
                              theme=section.number)
            else:
                report.review("section", _("the section matches no theme of the overview and was not imported")
                              + (f" ('{section.heading.text}')" if section.heading else ""), *span)
            continue
        theme = by_number[m.theme]
        theme.section, theme.potential = section, pot
        if m.how == "number":
            report.read("section", _("section 'Tema {theme}'").format(theme=m.theme), *span, theme=m.theme)
            if section.title and _fold(section.title) != _fold(theme.title):
                report.info("section",
                            _("the heading says '{title}', the overview '{title2}'; the overview's name is "
                              "kept").format(title=section.title, title2=theme.title), section.line, theme=m.theme)
        else:
            i = numbers.index(m.theme)
            before = f"tema {numbers[i - 1]}" if i > 0 else _("the overview")
            after = f"tema {numbers[i + 1]}" if i + 1 < len(numbers) else _("the end")
            start = section.heading.text if section.heading else "## " + _first_part(section)
            how = (_("its title") if m.how == "title"
                   else _("its place between {before} and {after}").format(before=before, after=after))
            agree = (_("its totals agree with the overview") if m.totals_agree
                     else _("but its totals differ from the overview's"))
            text = (_("the section has no 'Tema {theme}' heading (it starts with '{start}'); matched to tema {theme} "
                      "'{title}' by {how}; {agree}").format(
                          theme=m.theme, start=start, title=theme.title, how=how, agree=agree))
            (report.inferred if m.totals_agree else report.review)("section", text, *span, theme=m.theme)
    for m, entries in zip(matches, own, strict=True):
        report.entries += [replace(e, theme=e.theme or m.theme or "") for e in entries.entries]
    rows = {t.number: t.line for t in ov.themes}
    for t in themes:
        if t.section is None and not t.status:
            report.review("section",
                          _("no section was found for tema {number} '{title}'; it has no lines in the master").format(
                              number=t.number, title=t.title), rows.get(t.number, 0), theme=t.number)
        elif t.section is None:
            report.read("section",
                        _("tema {number} has only a note in the overview: '{status}'").format(
                            number=t.number, status=t.status),
                        rows.get(t.number, 0), theme=t.number)
    return themes


def _first_part(section: Section) -> str:
    names = {"description": "Beskrivelse af opgaven", "potential": "Identificeret potentiale",
             "distribution": "Fordeling på afdeling"}
    return names[next(iter(section.parts))] if section.parts else "…"


def _totals(pot: Potential, years, unit: str) -> dict[int, Decimal | None]:
    if pot.total is not None:
        return {y: convert(pot.total.figures[y].value, pot.unit, unit) if y in pot.total.figures else None
                for y in years}
    result: dict[int, Decimal | None] = {}
    for y in years:
        values = [convert(v, pot.unit, unit) for ln in pot.lines
                  if y in ln.figures and (v := ln.figures[y].value) is not None]
        result[y] = sum(values, Decimal(0)) if values else None
    return result


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
