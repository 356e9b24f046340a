"""The budget changes to enter in the financial system (udmøntning): each department's part on its accounts.

Pure and in Decimal. A department's part of a year (its part of every theme and of the
difference, as on the report's sheet Afdelinger) is turned into kr. and entered as a negative
change (a saving lowers the budget). On one account it is the whole part; on several it is
split by the accounts' shares with the largest remainder in whole kr., so that the rows of a
department and year add up to its part exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.core.allocate import allocate
from spareforslag_xl.core.compute import Result

KRONE = Decimal(1)


@dataclass(frozen=True)
class ChangeRow:
    """One row to enter: a department's account, a year and the change in kr. (negative for a saving)."""

    department: str
    account: str
    year: int
    amount: Decimal
    """In kr.: minus the department's part of the year (or of the account's share of it)."""
    part: Decimal
    """The department's whole part of the year, in the master's unit."""
    share: Decimal | None
    """The account's share of the part; None for a department's only account."""


@dataclass(frozen=True)
class BudgetChanges:
    rows: tuple[ChangeRow, ...]
    missing: tuple[str, ...]
    """Departments without an account: their parts are not entered."""
    kroner: Decimal
    """Kroner per unit of the master (1000 for 1.000 kr.)."""

    def total(self, department: str, year: int) -> Decimal:
        """Return the sum of a department's rows of a year, in kr."""
        return sum((r.amount for r in self.rows if r.department == department and r.year == year), Decimal(0))


def budget_changes(result: Result, kroner: Decimal) -> BudgetChanges:
    """Return the rows of every department with accounts, per year and account, in the plan's order."""
    rows: list[ChangeRow] = []
    missing: list[str] = []
    for department in result.plan.departments:
        if not department.accounts:
            missing.append(department.code)
            continue
        for year in result.years:
            part = result.department_totals[department.code][year] or Decimal(0)
            whole = part * kroner
            accounts = department.accounts
            # Whole kr., unless the part itself has øre (a master in kr. with decimals): then split to the øre.
            quantum = max(KRONE.scaleb(-_decimals(whole)), Decimal("0.01"))
            if len(accounts) == 1:
                amounts = [whole.quantize(quantum)]
            else:
                shares = [a.share or Decimal(0) for a in accounts]
                split, _rest = allocate(abs(whole), shares, quantum)
                amounts = [p if whole >= 0 else -p for p in split]
            for account, amount in zip(accounts, amounts, strict=True):
                rows.append(ChangeRow(department.code, account.string, year, -amount + 0, part, account.share))
    return BudgetChanges(tuple(rows), tuple(missing), kroner)


def _decimals(amount: Decimal) -> int:
    exponent = amount.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
