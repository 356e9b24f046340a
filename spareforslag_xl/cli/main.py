"""The command line: parse options, call one library function, turn its errors into exit codes.

Exit codes (the same for every command):
  0  done; warnings may have been printed
  1  the input was read but has problems (validation errors, differences found)
  2  usage error, or an input that cannot be read at all
  3  an output could not be written
Heavy libraries (openpyxl, xlsxwriter, jinja2) are imported inside the commands, so that
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from spareforslag_xl import __version__
from spareforslag_xl.model.errors import FindingsError, InputError, OutputError, SpareforslagError, UsageError

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_OUTPUT = 0, 1, 2, 3


class CommandError(click.ClickException):
    """A library error shown as 'Error: …' with our exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def fail(exc: SpareforslagError) -> CommandError:
    if isinstance(exc, InputError):
        return CommandError(str(exc), EXIT_INPUT)
    if isinstance(exc, UsageError):
        return CommandError(f"{exc.option}: {exc}" if exc.option else str(exc), EXIT_INPUT)
    if isinstance(exc, OutputError):
        return CommandError(str(exc), EXIT_OUTPUT)
    return CommandError(str(exc), EXIT_PROBLEMS)


def stopped(exc: FindingsError, instead: str = "", errors_only: bool = False) -> CommandError:
    """Print the findings that stopped a command and return its error (exit 1); ``instead`` names
    the option that goes on anyway, e.g. '--force to write a marked report anyway'."""
    echo_findings(exc.findings, errors_only=errors_only, err=True)
    advice = f" Fix the findings above, or use {instead}." if instead else " Fix the findings above."
    return CommandError(f"{exc}{advice}", EXIT_PROBLEMS)


def echo_findings(findings, errors_only: bool = False, err: bool = False) -> None:
    for f in findings:
        if errors_only and not f.is_error:
            continue
        click.echo(str(f), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="spareforslag")
def cli() -> None:
    """Check a master workbook of savings proposals (spareforslag) and build its reports.

    \b
    Example:
      spareforslag init master.xlsx
      spareforslag validate input/spareforslag-budget-2024.xlsx
      spareforslag build input/spareforslag-budget-2024.xlsx -o build/
      spareforslag import input/administrative-spareforslag-2023.md -o master.xlsx
      spareforslag audit input/spareforslag-budget-2024.xlsx
      spareforslag mail input/spareforslag-budget-2024.xlsx -o build/
      spareforslag reconcile input/spareforslag-budget-2024.xlsx input/officielt-budget-2024.xlsx

    Exit codes: 0 done, 1 problems in the input, 2 usage error or unreadable input,
    3 output not written.
    """


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--first-year", type=click.IntRange(1900, 2200), default=None,
              help="First budget year (default: next year).")
@click.option("--years", type=click.IntRange(1, 30), default=4, show_default=True, help="Number of years.")
@click.option("--overwrite", is_flag=True, help="Replace PATH if it exists.")
def init(path: Path, first_year: int | None, years: int, overwrite: bool) -> None:
    """Write an empty master workbook that explains itself.

    It has an instructions sheet ('Vejledning'), the sheets Indstillinger, Mål,
    Afdelinger, Nøgler, Temaer, Forslag and Faste beløb with frozen headers and dropdown
    lists, and one example row.

    \b
    Example:
      spareforslag init budget-2027.xlsx --first-year 2027 --years 4
    """
    from spareforslag_xl.app.build import init_master

    first = first_year or date.today().year + 1
    try:
        written = init_master(path, first, years, overwrite)
    except SpareforslagError as exc:
        raise fail(exc) from None
    click.echo(f"Wrote {written} (years {first}-{first + years - 1}).")


@cli.command()
@click.argument("master", type=click.Path(path_type=Path, readable=False))
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--errors-only", is_flag=True, help="Show errors, not warnings.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def validate(master: Path, strict: bool, errors_only: bool, as_json: bool) -> None:
    """Check a master workbook and report every problem at once.

    Each finding gives its severity, the sheet and cell (Forslag!E7), what is wrong and
    how to fix it. Exit 0 when there are no errors (warnings allowed unless --strict),
    1 when there are errors, 2 when the file cannot be read.

    \b
    Example:
      spareforslag validate input/spareforslag-budget-2024.xlsx
    """
    from spareforslag_xl.app.build import check_master
    from spareforslag_xl.model.findings import summary

    try:
        checked = check_master(master)
    except SpareforslagError as exc:
        raise fail(exc) from None
    shown = [f for f in checked.findings if f.is_error or not errors_only]
    if as_json:
        click.echo(json.dumps([{
            "severity": f.severity.value, "code": f.code, "sheet": f.ref.sheet if f.ref else None,
            "cell": f.ref.cell if f.ref else None, "message": f.message, "hint": f.hint,
        } for f in shown], ensure_ascii=False, indent=2))
    else:
        echo_findings(shown)
        click.echo(f"{master}: {summary(checked.findings)}.")
    if not checked.ok or (strict and checked.findings):
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@click.argument("master", type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True, help="Folder for the report.")
@click.option("--force", is_flag=True, help="Write the report even when the master has errors (marked in it).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--timings", is_flag=True, help="Print the time of each phase to stderr.")
@click.option("--only", metavar="CODES", help="Write the workbooks of these departments only (e.g. MSB,MBU).")
@click.option("--no-departments", is_flag=True, help="Write the report only, no department workbooks.")
def build(master: Path, out_dir: Path, force: bool, strict: bool, timings: bool, only: str | None,
          no_departments: bool) -> None:
    """Check a master and write its report workbook and one workbook per department into a folder.

    The report mirrors the proposals document: 'Oversigt', one sheet per theme,
    'Afdelinger', 'Nøgler' and 'Kontrol'. Each department's workbook (afdelinger/MSB.xlsx)
    holds its part of every theme and of the difference, its total, the overview and the
    keys used. With errors in the master nothing is written (exit 1) unless --force.
    Files are replaced only when complete.

    \b
    Example:
      spareforslag build input/spareforslag-budget-2024.xlsx -o build/
      spareforslag build input/spareforslag-budget-2024.xlsx --only MSB,MBU
    """
    from spareforslag_xl.app.build import build_reports
    from spareforslag_xl.cli.progress import DelayedProgress
    from spareforslag_xl.model.findings import summary

    if only is not None and no_departments:
        raise click.UsageError("--only and --no-departments exclude each other.")
    try:
        built = build_reports(master, out_dir, force=force, strict=strict, departments=not no_departments,
                              only=only.split(",") if only is not None else None,
                              progress=DelayedProgress("Writing workbooks"))
    except FindingsError as exc:
        raise stopped(exc, "--force to write a marked report anyway") from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    echo_findings(built.checked.findings, err=True)
    for path in built.files:
        click.echo(f"Wrote {path}")
    for path in built.stale:
        click.echo(f"note: {path} is not from this build (its department is not in the master); "
                   "delete it before the folder is sent on.", err=True)
    click.echo(f"{master}: {summary(built.checked.findings)}.", err=True)
    if timings:
        click.echo(" ".join(f"{k}={v * 1000:.0f}ms" for k, v in built.timings.items()), err=True)


from spareforslag_xl.cli.importing import audit, import_  # noqa: E402  (own modules: many options)
from spareforslag_xl.cli.mail import mail  # noqa: E402
from spareforslag_xl.cli.reconcile import reconcile  # noqa: E402

for command in (import_, audit, mail, reconcile):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="spareforslag")


if __name__ == "__main__":  # pragma: no cover
    main()
