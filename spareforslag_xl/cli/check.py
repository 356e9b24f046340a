"""The `init` and `validate` commands: a new master, and every problem of one at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from spareforslag_xl.cli.common import EXIT_PROBLEMS, echo_findings, fail, overwrite_option, strict_option
from spareforslag_xl.cli.language import argument, command, lazy, option
from spareforslag_xl.model.errors import SpareforslagError
from spareforslag_xl.model.i18n import _


@command(help=lazy("""Write an empty master workbook that explains itself.

    It has an instructions sheet ('Vejledning'), the sheets Indstillinger, Mål,
    Afdelinger, Nøgler, Temaer, Forslag and Faste beløb with frozen headers and dropdown
    lists, and one example row.

    \b
    Example:
      spareforslag init budget-2027.xlsx --first-year 2027 --years 4
    """))
@argument("path", type=click.Path(dir_okay=False, path_type=Path))
@option("--first-year", type=click.IntRange(1900, 2200), default=None,
              help=lazy("First budget year (default: next year)."))
@option("--years", type=click.IntRange(1, 30), default=4, show_default=True, help=lazy("Number of years."))
@overwrite_option(lazy("Replace PATH if it exists."))
def init(path: Path, first_year: int | None, years: int, overwrite: bool) -> None:
    """Write an empty master workbook that explains itself.

    The help text is in the decorator, to be translated when shown.
    """
    from datetime import date

    from spareforslag_xl.app.init import init_master

    if not path.suffix:
        path = path.with_name(path.name + ".xlsx")
    elif path.suffix.lower() != ".xlsx":
        raise click.BadParameter(_("a master is an Excel workbook: give a name that ends in .xlsx, not '{suffix}'.")
                                 .format(suffix=path.suffix), param_hint=f"'{_('PATH')}'")
    first = first_year or date.today().year + 1
    try:
        written = init_master(path, first, years, overwrite)
    except SpareforslagError as exc:
        raise fail(exc) from None
    click.echo(_("Wrote {path} (years {first}-{last}).").format(path=written, first=first, last=first + years - 1))


@command(help=lazy("""Check a master workbook and report every problem at once.

    Each finding gives its severity, the sheet and cell (Forslag!E7), what is wrong and
    how to fix it. Exit 0 when there are no errors (warnings allowed unless --strict),
    1 when there are errors, 2 when the file cannot be read.

    \b
    Example:
      spareforslag validate input/spareforslag-budget-2024.xlsx
    """))
@argument("master", type=click.Path(path_type=Path, readable=False), required=False)
@strict_option(lazy("Exit 1 on warnings too."))
@option("--errors-only", is_flag=True, help=lazy("Show errors, not warnings."))
@option("--json", "as_json", is_flag=True, help=lazy("Print the findings as JSON."))
@option("--codes", "list_codes", is_flag=True, help=lazy("List every finding code, its severity and what it means."))
def validate(master: Path | None, strict: bool, errors_only: bool, as_json: bool, list_codes: bool) -> None:
    """Check a master workbook and report every problem at once.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.model.findings import summary

    if list_codes:
        _echo_codes(as_json)
        return
    if master is None:
        raise click.UsageError(_("Missing argument '{name}'.").format(name=_("MASTER")))
    from spareforslag_xl.app.check import check_master  # here: the list of codes needs no workbook reader

    try:
        checked = check_master(master)
    except SpareforslagError as exc:
        raise fail(exc) from None
    shown = [f for f in checked.findings if f.is_error or not errors_only]
    if as_json:
        import json

        click.echo(json.dumps([{
            "severity": f.severity.value, "code": f.code, "sheet": f.ref.sheet if f.ref else None,
            "cell": f.ref.cell if f.ref else None, "message": f.message, "hint": f.hint,
        } for f in shown], ensure_ascii=False, indent=2))
    else:
        echo_findings(shown)
        click.echo(f"{master}: {summary(checked.findings)}.")
    if not checked.ok or (strict and checked.findings):
        sys.exit(EXIT_PROBLEMS)


def _echo_codes(as_json: bool) -> None:
    """Print the catalogue of finding codes (model/codes.py) as a table or as JSON."""
    from spareforslag_xl.model.codes import CODES, severity_label

    if as_json:
        import json

        click.echo(json.dumps([{"code": c.code, "severities": [s.value for s in c.severities],
                                "meaning": str(c.meaning)} for c in CODES], ensure_ascii=False, indent=2))
        return
    width = max(len(c.code) for c in CODES)
    kinds = max(len(severity_label(c)) for c in CODES)
    code, severity, meaning = _("Code"), _("Severity"), _("Meaning")
    click.echo(f"{code:<{width}}  {severity:<{kinds}}  {meaning}")
    for c in CODES:
        click.echo(f"{c.code:<{width}}  {severity_label(c):<{kinds}}  {c.meaning}")
