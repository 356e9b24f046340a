"""The `import` and `audit` commands: the proposals document into a master, and its own figures checked.

The work is in spareforslag_xl.app.importing and spareforslag_xl.app.audit; this module only parses
options and prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from spareforslag_xl.cli.common import EXIT_PROBLEMS, fail, overwrite_option
from spareforslag_xl.cli.language import argument, command, lazy, option
from spareforslag_xl.model.errors import SpareforslagError
from spareforslag_xl.model.i18n import _, ngettext


@command("import", help=lazy("""Import a proposals document (Markdown with TAB tables, or Word) into a master workbook.

    Reads the overview, each theme's proposals, totals and FTE figures, and its
    'Fordeling på afdeling' (key tables, fixed amounts, named keys). The master also gets
    the sheets 'Dokumenttal' (every figure the document states, with its line) and
    'Importrapport'. Prints the import report; exit 1 when something needs a person's
    review (the master is still written), 2 when the document cannot be used. A Word
    document (.docx) is read as the same headings, paragraphs, lists and tables.

    \b
    Example:
      spareforslag import input/administrative-spareforslag-2023.md \\
          --departments input/afdelinger.csv -o input/spareforslag-budget-2024.xlsx
      spareforslag import spareforslag.docx --departments input/afdelinger.csv -o master.xlsx
    """))
@argument("document", type=click.Path(path_type=Path, readable=False))
@option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=lazy("The master workbook to write."))
@option("--departments", "departments_file", type=click.Path(path_type=Path), default=None,
              help=lazy("CSV (';') with the header Kode;Navn;E-mail;Kontaktperson: names and mail recipients."))
@option("--municipality", default=None, help=lazy("The municipality's name (default: the most frequent "
              "'… Kommune' in the text)."))
@overwrite_option(lazy("Replace the output if it exists."))
@option("-q", "--quiet", is_flag=True, help=lazy("Print only what needs review, and the summary."))
def import_(document: Path, output: Path, departments_file: Path | None, municipality: str | None,
            overwrite: bool, quiet: bool) -> None:
    """Import a proposals document (Markdown with TAB tables) into a master workbook.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.app.importing import import_document
    from spareforslag_xl.importer.report import Status
    from spareforslag_xl.model.danish import danish_number

    try:
        imported = import_document(document, output, departments_file, municipality, overwrite)
    except SpareforslagError as exc:
        raise fail(exc) from None
    report = imported.report
    for entry in report.entries:
        if not quiet or entry.status is Status.REVIEW:
            click.echo(str(entry))
    plan = imported.plan
    counts = ", ".join((
        ngettext("{n} theme", "{n} themes", len(plan.themes)).format(n=len(plan.themes)),
        ngettext("{n} proposal", "{n} proposals", len(plan.lines)).format(n=len(plan.lines)),
        ngettext("{n} key", "{n} keys", len(plan.keys)).format(n=len(plan.keys)),
        ngettext("{n} document figure", "{n} document figures", len(imported.figures)).format(
            n=danish_number(len(imported.figures)))))
    click.echo(_("Wrote {path} ({counts}).").format(path=output, counts=counts))
    click.echo(f"{document}: {report.summary()}.")
    if report.needs_review:
        click.echo(_("Review the entries marked 'needs review' (sheet Importrapport), then run "
                     "'spareforslag audit {output}'.").format(output=output), err=True)
        sys.exit(EXIT_PROBLEMS)


@command(help=lazy("""Compare the figures the proposals document states with the recomputed master.

    Needs a master made by 'spareforslag import' (its sheet 'Dokumenttal'). Each item
    gives the document line, what the document shows, the recomputed value and why they
    differ: disagreements, rounding notes (a figure within one unit of its last digit),
    and information. Exit 1 when there are disagreements.

    \b
    Example:
      spareforslag audit input/spareforslag-budget-2024.xlsx
    """))
@argument("master", type=click.Path(path_type=Path, readable=False))
@option("--disagreements-only", is_flag=True, help=lazy("Show disagreements, not rounding notes or information."))
def audit(master: Path, disagreements_only: bool) -> None:
    """Compare the figures the proposals document states with the recomputed master.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.app.audit import audit_master
    from spareforslag_xl.core.audit_items import Verdict
    from spareforslag_xl.model.danish import danish_number
    from spareforslag_xl.model.findings import count
    from spareforslag_xl.model.labels import audit_item_text

    try:
        audited = audit_master(master)
    except SpareforslagError as exc:
        raise fail(exc) from None
    errors, _warnings = count(audited.checked.findings)
    if errors:
        click.echo(ngettext("{master}: the master has {n} error (see 'spareforslag validate'); it was "
                            "recomputed as it is.",
                            "{master}: the master has {n} errors (see 'spareforslag validate'); it was "
                            "recomputed as it is.",
                            errors).format(master=master, n=errors), err=True)
    for item in audited.items:
        if not disagreements_only or item.severity is Verdict.DISAGREEMENT:
            click.echo(audit_item_text(item))
    counts = {s: sum(1 for i in audited.items if i.severity is s) for s in Verdict}
    click.echo(_("{master}: {n} document figures checked: {counts}.").format(
        master=master, n=danish_number(len(audited.figures)), counts=", ".join((
            ngettext("{n} disagreement", "{n} disagreements", counts[Verdict.DISAGREEMENT]).format(
                n=counts[Verdict.DISAGREEMENT]),
            ngettext("{n} rounding note", "{n} rounding notes", counts[Verdict.ROUNDING]).format(
                n=counts[Verdict.ROUNDING]),
            ngettext("{n} remark", "{n} remarks", counts[Verdict.INFO]).format(n=counts[Verdict.INFO])))))
    if audited.disagreements:
        sys.exit(EXIT_PROBLEMS)
