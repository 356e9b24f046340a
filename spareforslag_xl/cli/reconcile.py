"""The `reconcile` command: options and output; the work is in spareforslag_xl.app.reconcile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from spareforslag_xl.cli.common import EXIT_PROBLEMS, echo_findings, fail, force_option, stopped
from spareforslag_xl.cli.language import argument, command, lazy, option
from spareforslag_xl.model.errors import FindingsError, SpareforslagError
from spareforslag_xl.model.i18n import _

if TYPE_CHECKING:  # imported by the option's callback when it runs, so that --help stays quick
    from decimal import Decimal

    from spareforslag_xl.model.units import Unit


def _unit(ctx, param, value):
    if value is None:
        return None
    from spareforslag_xl.model.units import parse_unit

    unit = parse_unit(value)
    if unit is None:
        raise click.BadParameter(_("'{value}' is not a unit; use kr., 1.000 kr., mio. kr. or mia. kr.").format(
            value=value))
    return unit


def _tolerance(ctx, param, value):
    from spareforslag_xl.model.danish import parse_danish_number

    try:
        number = parse_danish_number(value)
    except ValueError:
        number = None
    if number is None or number < 0:
        raise click.BadParameter(_("'{value}' is not a number of 0 or more.").format(value=value))
    return number


@command(help=lazy("""Compare the recomputed figures with the official budget workbook and show every difference.

    Department totals, theme totals and (where the official sheet has them) department ×
    theme are compared per year. The table is found by itself (a cross-tab with years
    across, or a long table with Afdeling/Tema, År and Beløb); otherwise --mapping says
    where it is. Once the master records decisions (Beslutning) the adopted plan is
    compared, with --proposed the proposals. The official workbook is only read. Writes
    a reconciliation workbook.
    Exit 0 when everything agrees, 1 when something differs or is missing, 2 when the
    official workbook cannot be read or no table is found.

    \b
    Example:
      spareforslag reconcile input/spareforslag-budget-2024.xlsx input/officielt-budget-2024.xlsx
      spareforslag reconcile master.xlsx officielt.xlsx --unit "mio. kr." --tolerance 0.5 -o afstemning.xlsx
    """))
@argument("master", type=click.Path(path_type=Path, readable=False))
@argument("official", type=click.Path(path_type=Path, readable=False))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=lazy("The reconciliation workbook to write.  [default: build/<master>-afstemning.xlsx]"))
@option("--mapping", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=lazy("TOML file saying where the official table is, for layouts not found automatically."))
@option("--sheet", default=None, metavar="NAME", help=lazy("Look for the table on this sheet only."))
@option("--unit", callback=_unit, default=None, metavar="UNIT",
              help=lazy("Unit of the official figures: kr., 1.000 kr., mio. kr. or mia. kr.  "
                        "[default: read from the sheet]"))
@option("--negate/--no-negate", default=None,
              help=lazy("Reverse the sign of the official figures (savings entered as negative numbers).  "
                   "[default: reversed when every matched figure has the opposite sign]"))
@option("--tolerance", callback=_tolerance, default="0", show_default=True, metavar="AMOUNT",
              help=lazy("Largest difference that still agrees, in the master's unit (0.5 allows rounding)."))
@force_option(lazy("Reconcile even when the master has errors."))
@option("--scenario", "scenario_name", type=click.Choice(["vedtaget", "foreslået"]), default=None,
        help=lazy("The plan to compare, as for build: 'vedtaget' (the adopted plan; the default once the master "
                  "records decisions) or 'foreslået' (every proposal, decisions ignored)."))
@option("--proposed", is_flag=True, help=lazy("The same as --scenario foreslået."))
def reconcile(master: Path, official: Path, output: Path | None, mapping: Path | None, sheet: str | None,
              unit: Unit | None, negate: bool | None, tolerance: Decimal, force: bool, scenario_name: str | None,
              proposed: bool) -> None:
    """Compare the recomputed figures with the official budget workbook and show every difference.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.app.reconcile import reconcile_files
    from spareforslag_xl.cli.reconcile_report import report_lines

    proposed = proposed or scenario_name == "foreslået"
    try:
        done = reconcile_files(master, official, output, mapping, unit, negate, tolerance, sheet, force,
                               proposed)
    except FindingsError as exc:
        raise stopped(exc, _("--force to reconcile anyway")) from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    echo_findings(done.checked.findings, err=True)
    for line in report_lines(done.reconciliation, str(master), str(official)):
        click.echo(line)
    click.echo(_("Wrote {path}").format(path=done.output))
    if not done.reconciliation.agrees:
        sys.exit(EXIT_PROBLEMS)
