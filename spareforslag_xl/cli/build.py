"""The `build` command: the report and the department workbooks of a master."""

from __future__ import annotations

from pathlib import Path

import click

from spareforslag_xl.cli.common import (
    codes, echo_findings, fail, force_option, master_argument, only_option, output_folder_option, stopped,
    strict_option,
)
from spareforslag_xl.model.errors import FindingsError, SpareforslagError


@click.command()
@master_argument()
@output_folder_option("Folder for the report.")
@force_option("Write the report even when the master has errors (marked in it).")
@strict_option("Treat warnings as errors.")
@click.option("--timings", is_flag=True, help="Print the time of each phase to stderr.")
@only_option("Write the workbooks of these departments only (e.g. MSB,MBU).")
@click.option("--no-departments", is_flag=True, help="Write the report only, no department workbooks.")
@click.option("--pdf", "pdf", is_flag=True,
              help="Also write the report as a PDF (the meeting handout), with LibreOffice.")
def build(master: Path, out_dir: Path, force: bool, strict: bool, timings: bool, only: str | None,
          no_departments: bool, pdf: bool) -> None:
    """Check a master and write its report workbook and one workbook per department into a folder.

    The report mirrors the proposals document: 'Oversigt', one sheet per theme,
    'Afdelinger', 'Nøgler' and 'Kontrol'. Each department's workbook (afdelinger/MSB.xlsx)
    holds its part of every theme and of the difference, its total, the overview and the
    keys used. With errors in the master nothing is written (exit 1) unless --force.
    Files are replaced only when complete. --pdf also writes the report as a PDF through
    LibreOffice (when it is not installed, the workbooks are still written and exit is 1).

    \b
    Example:
      spareforslag build input/spareforslag-budget-2024.xlsx -o build/
      spareforslag build input/spareforslag-budget-2024.xlsx --only MSB,MBU
      spareforslag build input/spareforslag-budget-2024.xlsx --pdf
    """
    from spareforslag_xl.app.build import build_reports
    from spareforslag_xl.cli.progress import DelayedProgress
    from spareforslag_xl.model.findings import summary

    if only is not None and no_departments:
        raise click.UsageError("--only and --no-departments exclude each other.")
    try:
        built = build_reports(master, out_dir, force=force, strict=strict, departments=not no_departments,
                              only=codes(only),
                              progress=DelayedProgress("Writing workbooks"))
    except FindingsError as exc:
        raise stopped(exc, "--force to write a marked report anyway") from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    echo_findings(built.checked.findings, err=True)
    for path in built.files:
        click.echo(f"Wrote {path}")
    handout_failed = None
    if pdf:
        from spareforslag_xl.app.build import report_pdf

        try:
            click.echo(f"Wrote {report_pdf(built)}")
        except SpareforslagError as exc:
            handout_failed = exc
    for path in built.stale:
        click.echo(f"note: {path} is not from this build (its department is not in the master); "
                   "delete it before the folder is sent on.", err=True)
    click.echo(f"{master}: {summary(built.checked.findings)}.", err=True)
    if timings:
        click.echo(" ".join(f"{k}={v * 1000:.0f}ms" for k, v in built.timings.items()), err=True)
    if handout_failed is not None:
        raise click.ClickException(str(handout_failed))
