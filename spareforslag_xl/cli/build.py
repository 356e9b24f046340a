"""The `build` command: the report and the department workbooks of a master."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from spareforslag_xl.cli.common import (
    EXIT_PROBLEMS,
    CommandError,
    codes,
    echo_findings,
    echo_scenario,
    fail,
    force_option,
    master_argument,
    message_of,
    only_option,
    output_folder_option,
    scenario_option,
    since_option,
    stopped,
    strict_option,
)
from spareforslag_xl.cli.language import command, lazy, option
from spareforslag_xl.model.errors import FindingsError, SpareforslagError
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.scenario import Scenario

if TYPE_CHECKING:  # imported by the command when it runs, so that --help stays quick
    from spareforslag_xl.app.build import Built


@command(help=lazy("""Check a master and write its report workbook and one workbook per department into a folder.

    The report mirrors the proposals document: 'Oversigt', one sheet per theme,
    'Afdelinger', 'Nøgler' and 'Kontrol'. Each department's workbook (afdelinger/MSB.xlsx)
    holds its part of every theme and of the difference, its total, the overview and the
    keys used. With errors in the master nothing is written (exit 1) unless --force.
    Files are replaced only when complete. Once the master records decisions (Beslutning)
    the workbooks show the adopted plan; --scenario shows another one. A copy of the master
    is kept in the folder's arkiv/ (see 'spareforslag history'); --since OLD.xlsx (or --since forrige, the previous
    build's master) adds a sheet 'Ændringer' to the report and to each department's workbook.
    --pdf also writes the report as a PDF through LibreOffice (when it is not installed, the
    workbooks are still written and exit is 1).

    \b
    Example:
      spareforslag build input/spareforslag-budget-2024.xlsx -o build/
      spareforslag build input/spareforslag-budget-2024.xlsx --only MSB,MBU
      spareforslag build budget.xlsx --scenario "vedtaget+udskudt"
      spareforslag build input/spareforslag-budget-2024.xlsx --since forrige
      spareforslag build input/spareforslag-budget-2024.xlsx --pdf
    """))
@master_argument()
@output_folder_option(lazy("Folder for the report."))
@force_option(lazy("Write the report even when the master has errors (marked in it)."))
@strict_option(lazy("Treat warnings as errors."))
@option("--timings", is_flag=True, help=lazy("Print the time of each phase to stderr."))
@only_option(lazy("Write the workbooks of these departments only (e.g. MSB,MBU)."))
@option("--no-departments", is_flag=True, help=lazy("Write the report only, no department workbooks."))
@scenario_option()
@since_option(lazy("Show what changed since this master (or 'forrige': the previous build's) in a sheet 'Ændringer'."))
@option("--pdf", "pdf", is_flag=True,
        help=lazy("Also write the report as a PDF (the meeting handout), with LibreOffice."))
@option("--pdf-checks", "pdf_checks", is_flag=True,
        help=lazy("With --pdf: keep the staff's check pages (Kontrol, Dokumentafvigelser) in the PDF."))
def build(master: Path, out_dir: Path, force: bool, strict: bool, timings: bool, only: str | None,
          no_departments: bool, scenario: Scenario | None, since: str | None, pdf: bool,
          pdf_checks: bool = False) -> None:
    """Check a master and write its report workbook and one workbook per department into a folder.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.app.build import build_reports, report_pdf
    from spareforslag_xl.cli.progress import DelayedProgress
    from spareforslag_xl.model.findings import summary

    if only is not None and no_departments:
        raise click.UsageError(_("--only and --no-departments exclude each other."))
    try:
        built = build_reports(master, out_dir, force=force, strict=strict, departments=not no_departments,
                              only=codes(only), since=since,
                              progress=DelayedProgress(_("Writing workbooks")), scenario=scenario)
    except FindingsError as exc:
        raise stopped(exc, _("--force to write a marked report anyway")) from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    for recovered in built.recovered:
        click.echo(_("note: {text}").format(text=recovered.describe()), err=True)
    echo_findings(built.checked.findings, err=True)
    echo_scenario(built.scenario)
    for path in built.files:
        click.echo(_("Wrote {path}").format(path=path))
    handout_failed = None
    if pdf:
        try:
            click.echo(_("Wrote {path}").format(path=report_pdf(built, checks=pdf_checks)))
        except SpareforslagError as exc:
            handout_failed = exc
    for path in built.stale:
        click.echo(_("note: {path} is not from this build (its department is not in the master); "
                     "delete it before the folder is sent on.").format(path=path), err=True)
    _history_notes(built)
    click.echo(f"{master}: {summary(built.checked.findings)}.", err=True)
    if timings:
        click.echo(" ".join(f"{k}={v * 1000:.0f}ms" for k, v in built.timings.items()), err=True)
    if handout_failed is not None:
        raise CommandError(message_of(handout_failed), EXIT_PROBLEMS)


def _history_notes(built: Built) -> None:
    """Say where the master was kept, whether it changed since the last build, and what --since found."""
    kept = built.kept
    for problem in kept.problems:
        click.echo(_("warning: {notice}").format(notice=problem), err=True)
    if kept.unchanged:
        click.echo(_("note: the master has not changed since the last build ({copy}).").format(copy=kept.copy),
                   err=True)
    elif kept.new_copy:
        click.echo(_("Kept a copy of the master as {copy}").format(copy=kept.copy), err=True)
    else:
        click.echo(_("note: the master is the same as the earlier {copy}.").format(copy=kept.copy), err=True)
    if built.diff is not None:
        n = len(built.diff.changes)
        click.echo(ngettext("Since the earlier master: {n} change (sheet 'Ændringer').",
                            "Since the earlier master: {n} changes (sheet 'Ændringer').", n).format(n=n) if n
                   else _("Since the earlier master: no changes."), err=True)
