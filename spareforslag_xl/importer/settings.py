"""The plan's settings (title, budget year, municipality, unit, target) and its departments.

Pure. Gives back the Settings the document's title, subtitle and overview state (read_settings),
and the departments that the document's codes and the departments file give (plan_departments).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spareforslag_xl.importer.overview import Overview
from spareforslag_xl.importer.prose import paragraph_text, plain
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.text import Document
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Department, Settings
from spareforslag_xl.model.units import convert

_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:[- ][A-ZÆØÅ][a-zæøå]+)?)\s+[Kk]ommunes?\b")
_NOT_A_NAME = {"Den", "Denne", "Hver", "Enhver", "Vores", "Hele", "Samme", "Anden", "Egen", "En", "Og", "I", "Af"}
_BUDGET_YEAR = re.compile(r"\bBudget\s*(\d{4})\b", re.IGNORECASE)


def read_settings(doc: Document, out, ov: Overview, residual: str | None, municipality: str | None,
                  report: ImportReport) -> Settings:
    """Return the plan's settings: title, subtitle, municipality, budget year, unit and target (Mål)."""
    title = plain(out.title.text) if out.title else ""
    subtitle = paragraph_text(out.subtitle) if out.subtitle else ""
    if out.title:
        report.read("settings", _("title '{title}'").format(title=title), out.title.line)
    else:
        report.review("settings", _("the document has no title heading ('# …') before the overview"))
    m = _BUDGET_YEAR.search(subtitle) or _BUDGET_YEAR.search(title)
    budget_year = int(m.group(1)) if m else (ov.years[0] if ov.years else None)
    if m:
        report.read("settings",
                    _("budget year {budget_year} from '{value}'").format(budget_year=budget_year, value=m.group(0)),
                    out.subtitle.line if out.subtitle and _BUDGET_YEAR.search(subtitle) else 0)
    else:
        report.inferred("settings",
                        _("budget year {budget_year}: the first year of the overview").format(budget_year=budget_year))
    if municipality:
        report.read("settings",
                    _("municipality '{municipality}' from --municipality").format(municipality=municipality))
    else:
        counts = Counter(f"{name} Kommune" for name in _MUNICIPALITY.findall("\n".join(doc.lines))
                         if name.split()[0] not in _NOT_A_NAME)
        if counts:
            municipality, n = counts.most_common(1)[0]
            report.inferred("settings",
                            _("municipality '{municipality}', the most frequent '… Kommune' in the text ({n} times); "
                              "use --municipality to set it").format(municipality=municipality, n=n))
        else:
            municipality = ""
            report.info("settings", _("no '… Kommune' in the text; the municipality is empty (use --municipality)"))
    target = {}
    if ov.target is not None:
        target = {y: convert(ov.target.figures[y].value, ov.unit, ov.unit) if y in ov.target.figures else None
                  for y in ov.years}
        shown = ", ".join(format_danish(v) if v is not None else "-" for v in target.values())
        report.read("settings", _("target (Mål) {values}").format(values=shown), ov.target.line)
    missing = [y for y in ov.years if target.get(y) is None]
    if missing:
        report.review("settings",
                      _("the overview gives no target (Mål) for {str}").format(str=', '.join(map(str, missing))),
                      ov.line, ov.last_line)
    return Settings(title=title, subtitle=subtitle, municipality=municipality, budget_year=budget_year,
                    unit=ov.unit, decimals=0, residual_key=residual, target=target)


def plan_departments(codes: list[str], listed: Sequence[Department],
                     report: ImportReport) -> tuple[Department, ...]:
    """Return the plan's departments: those of the departments file, then codes only the document names."""
    codes = list(dict.fromkeys(codes))
    if not listed:
        report.info("departments",
                    _("{n} department codes from the document ({codes}); names and e-mail addresses come from "
                      "--departments FILE").format(n=len(codes), codes=', '.join(codes)))
        return tuple(Department(c, "") for c in codes)
    by_code = {d.code.casefold(): d for d in listed}
    unknown = [c for c in codes if c.casefold() not in by_code]
    unused = [d.code for d in listed if d.code not in codes]
    if unknown:
        report.review("departments",
                      _("the document names {unknown}, which the departments file does not list; they were added "
                        "without a name").format(unknown=', '.join(unknown)))
    if unused:
        report.info("departments",
                    _("the departments file lists {unused}, which the document does not name; they were kept").format(
                        unused=', '.join(unused)))
    report.read("departments", _("{n} departments with names from the departments file").format(n=len(listed)))
    return tuple(listed) + tuple(Department(c, "") for c in unknown)
