"""Write two extracts of a financial system made from a master's department totals, and reconcile both.

As a budget office exports its budget changes: one row per account string, in kr., a saving as
a negative change, each department's total of a year split over two rows (70 % on art 1.1 løn,
the rest on art 4.0 tjenesteydelser, by the largest remainder in whole kr.), all on the
administrative account 6.45.51 with a cost centre per department. `udtraek-lang.xlsx` has one
row per account and year (Afdeling, Kontostreng, Art, Omkostningssted, År, Beløb); `udtraek-bred.xlsx`
one row per account with the years across (B2024, BO2025 …). Then each is reconciled with the
master and the counts are printed: the figures behind the README's account extracts.

Usage: python scripts/make_account_extracts.py MASTER OUTDIR [--change MTM:2025:25000]
(--change saves that many kr. more on the department's second row of the year.)
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

ACCOUNT = "6.45.51.1.10"
ARTS = (("1.1", Decimal("0.7")), ("4.0", Decimal("0.3")))


def extracts(result, change: tuple[str, int, int] | None) -> dict[str, list[list]]:
    from spareforslag_xl.core.allocate import allocate

    years = result.years
    long_rows = [["Udtræk fra økonomisystemet: budgetændringer"], [],
                 ["Afdeling", "Kontostreng", "Art", "Omkostningssted", "År", "Beløb (kr.)"]]
    wide_rows = [["Budgetændringer, administrative besparelser (kr.)"], [],
                 ["Afdeling", "Kontostreng", "Art", "Omkostningssted", f"B{years[0]}"]
                 + [f"BO{y}" for y in years[1:]]]
    for i, d in enumerate(result.plan.departments):
        centre = 10000 + 10 * i
        split = {}
        for y in years:
            parts, _rest = allocate((result.department_totals[d.code][y] or Decimal(0)) * 1000,
                                    [share for _art, share in ARTS], Decimal(1))
            split[y] = [-int(p) for p in parts]
            if change is not None and change[:2] == (d.code, y):
                split[y][1] -= change[2]
        for k, (art, _share) in enumerate(ARTS):
            long_rows += [[d.code, ACCOUNT, art, centre, y, split[y][k]] for y in years]
            wide_rows.append([d.code, ACCOUNT, art, centre] + [split[y][k] for y in years])
    return {"udtraek-lang.xlsx": long_rows, "udtraek-bred.xlsx": wide_rows}


def main(argv: list[str]) -> int:
    import openpyxl

    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.app.reconcile import reconcile_files
    from spareforslag_xl.core.decisions import compute_scenario
    from spareforslag_xl.model.errors import SpareforslagError

    change = None
    if "--change" in argv:
        i = argv.index("--change")
        code, year, kroner = argv[i + 1].split(":")
        change = (code, int(year), int(kroner))
        argv = argv[:i] + argv[i + 2:]
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    master, folder = Path(argv[0]), Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    result = compute_scenario(check_master(master).plan)
    for name, rows in extracts(result, change).items():
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Udtræk"
        for row in rows:
            sheet.append(row)
        book.save(folder / name)
        try:
            rec = reconcile_files(master, folder / name, folder / name.replace(".xlsx", "-afstemning.xlsx"),
                                  force=True).reconciliation
        except SpareforslagError as exc:
            print(f"{name}: {exc}")
            continue
        counts = ", ".join(f"{status.value} {rec.count(status=status)}" for status in type(rec.lines[0].status)
                           if rec.count(status=status))
        levels = ", ".join(f"{level.value} {rec.count(level)}" for level in rec.levels)
        print(f"{name}: {len(rows) - 3} rows; compared: {levels}; {counts}")
        for line in rec.problems[:5]:
            where = getattr(line, "where", line.cell.address if line.cell is not None else "")
            difference = f"{line.difference.normalize():+f}" if line.difference is not None else ""
            print(f"    {line.level.value} {line.department} {line.theme} {line.year}: {line.status.value} "
                  f"{difference} at {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
