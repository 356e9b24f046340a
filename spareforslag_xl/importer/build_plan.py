"""Assembles a Plan from a document, together with the document's stated figures and the import report.

Pure: a decoded Document in, an Imported out (the Plan, its StatedFigures, the ImportReport and the
Document). This module only runs the steps in order: ``themes`` matches sections to the overview's
themes, ``proposals`` reads their lines and assembles them, ``distribution.section`` interprets
each 'Fordeling på afdeling', ``distribution.key_names`` names the keys and ``settings`` gives
settings and departments.
Nothing here assumes particular years, departments, keys or themes; they all come from the
document (and the departments file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spareforslag_xl.core.filenames import readable_name
from spareforslag_xl.importer.blocks import split_blocks
from spareforslag_xl.importer.distribution.key_names import ADMIN_KEY, name_keys
from spareforslag_xl.importer.distribution.section import codes_named, interpret
from spareforslag_xl.importer.distribution.spec import LineInfo
from spareforslag_xl.importer.figures import FigureLog
from spareforslag_xl.importer.overview import is_overview_table, read_overview
from spareforslag_xl.importer.proposals import assemble_theme, names_admin, read_lines
from spareforslag_xl.importer.prose import blocks_text
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.importer.sections import DISTRIBUTION, outline
from spareforslag_xl.importer.settings import plan_departments, read_settings
from spareforslag_xl.importer.text import Document
from spareforslag_xl.importer.themes import ThemeDraft, match_themes
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import Department, Plan, ProposalLine
from spareforslag_xl.model.stated import StatedFigure


@dataclass(frozen=True)
class Imported:
    """What an import gives back: the plan, the figures the document states, the report, the document."""

    plan: Plan
    figures: tuple[StatedFigure, ...]
    report: ImportReport
    document: Document


def build_plan(doc: Document, departments: Sequence[Department] = (), municipality: str | None = None) -> Imported:
    """Return the plan a document describes, its stated figures and the report of the import."""
    report = ImportReport()
    report.read("file", (_("decoded as {encoding} with Windows line ends") if doc.crlf
                         else _("decoded as {encoding}")).format(encoding=doc.encoding))
    out = outline(split_blocks(doc.lines), is_overview_table)
    if out.overview is None:
        raise InputError(doc.path,
                         _("no overview table was found: a table whose header row starts with 'Tema' and names the "
                           "years (e.g. 'Tema (1.000 kr.)<TAB>2024<TAB>2025')."),
                         _("Check that the document is a proposals document exported with its tables as TAB lines."))
    ov = read_overview(out.overview, report)
    years = ov.years
    unit = ov.unit
    report.read("overview",
                _("{n} themes, years {str}, amounts in {unit}").format(
                    n=len(ov.themes), str=', '.join(map(str, years)), unit=unit),
                ov.line, ov.last_line)
    themes = match_themes(out.sections, ov, years, unit, report)
    known = {d.code for d in departments}
    for t in themes:
        if t.section is not None:
            known.update(codes_named(t.section.blocks(DISTRIBUTION)))
    log = FigureLog(unit)
    log.overview(ov, {t.line: t.number for t in ov.themes})
    lines_all: list[ProposalLine] = []
    for t in themes:
        t.lines = read_lines(t, years, unit, report)
        lines_all += t.lines
        if t.potential is not None:
            log.potential(t.number, t.potential, [ln.number or ln.title for ln in t.lines])
        if t.section is not None:
            infos = [LineInfo(ln.number or ln.title, ln.number, ln.title, dict(ln.amounts)) for ln in t.lines]
            t.distribution = interpret(t.number, t.section.blocks(DISTRIBUTION), infos, years, unit, known, report)
    uses = [u for t in themes if t.distribution for u in t.distribution.keys]
    admin_named = any(names_admin(t.distribution) for t in themes if t.distribution)
    keys = name_keys(uses, admin_named, report)
    for t in themes:
        if t.distribution is not None:
            log.distribution(t.number, t.distribution)
    plan_themes, plan_lines, fixed = [], [], []
    for t in themes:
        theme, lines, rows = assemble_theme(t, years, report)
        plan_themes.append(theme)
        plan_lines += lines
        fixed += rows
    codes = [c for t in themes if t.distribution for c in t.distribution.codes]
    residual = ADMIN_KEY if any(k.name == ADMIN_KEY for k in keys) or admin_named else None
    if residual is None:
        report.review("settings",
                      _("no administrative key was found, so 'Restfordelingsnøgle' is empty; name the key that "
                        "distributes the difference on the sheet Indstillinger"))
    elif ov.difference is not None:
        report.read("settings",
                    _("the difference is distributed by '{residual}' ('{label}')").format(
                        residual=residual, label=ov.difference.label),
                    ov.difference.line)
    settings = read_settings(doc, out, ov, residual, municipality, report)
    decimals = _decimals_shown(plan_lines, fixed, settings.target)
    if decimals:
        report.inferred("settings",
                        ngettext("'Decimaler' is {decimals}: the finest amount in {unit} has {decimals} decimal",
                                 "'Decimaler' is {decimals}: the finest amount in {unit} has {decimals} decimals",
                                 decimals).format(decimals=decimals, unit=settings.unit))
    plan = Plan(
        settings=replace(settings, decimals=decimals),
        years=years,
        departments=plan_departments(codes, departments, report),
        keys=tuple(keys),
        themes=tuple(plan_themes),
        lines=tuple(plan_lines),
        fixed=tuple(fixed),
        source_name=readable_name(doc.name),
        created=doc.modified,  # the master is dated like the document (io/stamp.py: SOURCE_DATE_EPOCH first)
    )
    for block in out.ignored:
        text = blocks_text([block])
        if text and (out.overview is None or block.line > ov.last_line):
            report.info("text", _("text outside the themes was not imported: '{text}'").format(text=text[:80]),
                        block.line)
    _in_document_order(report, themes)
    return Imported(plan, tuple(log.figures), report, doc)


def _decimals_shown(lines, fixed, target) -> int:
    """Return the decimals the plan's amounts need in its unit (0 for 1.000 kr.; 2 for 3,25 mio. kr.)."""
    amounts = [a for line in lines for a in line.amounts.values() if a is not None]
    amounts += [a for row in fixed for a in row.amounts.values() if a is not None]
    amounts += [a for a in target.values() if a is not None]
    exponents = [a.normalize().as_tuple().exponent for a in amounts]
    return min(4, max([-e for e in exponents if isinstance(e, int) and e < 0], default=0))


def _in_document_order(report: ImportReport, themes: list[ThemeDraft]) -> None:
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
