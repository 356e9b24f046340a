"""The library's entry point for the budget changes file: read the master, place each part on its accounts, write.

The CLI only parses options and prints. A master with errors stops it (FindingsError, unless
``force``); a master that gives no account at all cannot be used (InputError); a department
without an account is left out of the file and named in ``BudgetChangesWritten.missing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from spareforslag_xl.app.check import Checked, check_master, counted, require_clean
from spareforslag_xl.core.budget_changes import BudgetChanges, budget_changes
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.filenames import safe_filename
from spareforslag_xl.io.output import refuse_inputs, write_atomically
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Scenario
from spareforslag_xl.model.units import parse_unit

DEFAULT_FOLDER = Path("build")


@dataclass
class BudgetChangesWritten:
    checked: Checked
    changes: BudgetChanges
    output: Path
    scenario: Scenario | None
    """The plan entered: 'vedtaget' … for a master with decisions, None without."""

    @property
    def missing(self) -> tuple[str, ...]:
        return self.changes.missing


def default_output(master: Path, folder: Path = DEFAULT_FOLDER) -> Path:
    """Return where the budget changes of a master go by default: build/<master>-budgetaendringer.xlsx."""
    return folder / (safe_filename(f"{Path(master).stem}-budgetaendringer") + ".xlsx")


def write_budget_changes(master: Path, output: Path | None = None, scenario: Scenario | None = None,
                         force: bool = False) -> BudgetChangesWritten:
    """Write the budget changes file of a master: each department's part per year on its accounts, in kr.

    Raises FindingsError when the master has errors (unless ``force``), InputError when it gives
    no account or its unit is unknown, OutputError when the file cannot be written.
    """
    from spareforslag_xl.reconcile.budget_file import budget_changes_bytes

    master = Path(master)
    output = Path(output) if output is not None else default_output(master)
    refuse_inputs([output], [master])
    checked = check_master(master)
    require_clean(checked, lambda n: _("{errors}, so its figures cannot be trusted; nothing was written.").format(
        errors=counted(n, "error")), force=force)
    plan = checked.plan
    if not any(d.accounts for d in plan.departments):
        raise InputError(master, _("no department has an account, so there are no budget changes to write."),
                         _("Write each department's account string in the column '{column}' on the sheet "
                           "'{sheet}'.").format(column=L.DEPARTMENTS.header("accounts"), sheet=L.DEPARTMENTS.name))
    unit = parse_unit(plan.settings.unit or "1.000 kr.")
    if unit is None:
        raise InputError(master, _("its unit '{unit}' is not one the program knows, so the parts cannot be "
                                   "turned into kr.").format(unit=plan.settings.unit),
                         _("Set Enhed to kr., 1.000 kr., mio. kr. or mia. kr."))
    result = compute_scenario(plan, scenario)
    changes = budget_changes(result, Decimal(unit.kroner))
    write_atomically(output, budget_changes_bytes(result, changes, master.name), [master])
    return BudgetChangesWritten(checked, changes, output, result.plan.scenario)
