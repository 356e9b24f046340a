"""The `budgetaendringer` command: options and output; the work is in spareforslag_xl.app.budget_changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from spareforslag_xl.cli.common import (
    EXIT_PROBLEMS,
    echo_findings,
    echo_scenario,
    fail,
    scenario_option,
    stopped,
)
from spareforslag_xl.cli.language import argument, command, lazy, option
from spareforslag_xl.model.errors import FindingsError, SpareforslagError
from spareforslag_xl.model.i18n import _


@command(name="budgetaendringer", help=lazy("""Write the budget changes to enter in the financial system.

    For the plan in force (the adopted plan once the master records decisions, or --scenario),
    each department's part of every year is written as budget change rows on the account
    strings of the column Konto on the sheet Afdelinger, in kr. with savings negative; the
    rows of a department and year add up to its part exactly. The sheet Kontrol shows this
    with formulas, the sheet Regler which rule made each row. 'spareforslag reconcile' reads
    the file back.
    Exit 0 when every department's part is written, 1 when the master has errors or a
    department has no account (the others are written), 2 when no department has one.

    \b
    Example:
      spareforslag budgetaendringer budget-2024.xlsx -o build/budgetaendringer.xlsx
    """))
@argument("master", type=click.Path(path_type=Path, readable=False))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help=lazy("The file to write.  [default: build/<master>-budgetaendringer.xlsx]"))
@scenario_option()
@option("--force", is_flag=True, help=lazy("Write the file even when the master has errors."))
def budget_changes(master: Path, output, scenario, force) -> None:
    """Write the budget changes to enter in the financial system (the help text is in the decorator, translated)."""
    from spareforslag_xl.app.budget_changes import write_budget_changes

    try:
        done = write_budget_changes(master, output, scenario, force)
    except FindingsError as exc:
        raise stopped(exc, _("--force to write the file anyway")) from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    echo_findings(done.checked.findings, err=True)
    echo_scenario(done.scenario, err=False)
    rows = done.changes.rows
    click.echo(_("{rows} budget change rows for {departments} departments, in kr. (savings negative).").format(
        rows=len(rows), departments=len({r.department for r in rows})))
    for code in done.missing:
        click.echo(_("Not written: {code} has no account (column Konto on the sheet Afdelinger).").format(code=code))
    click.echo(_("Wrote {path}").format(path=done.output))
    if done.missing:
        sys.exit(EXIT_PROBLEMS)
