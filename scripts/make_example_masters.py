"""Write the example masters the user guide and the README try the later commands on.

From the seed master (never changed) it writes, into OUT_DIR:

- ``budget-2024-juni.xlsx``: the master as it stands at the next meeting: line 7.1 saves 500
  less in 2025, line 7.2 is renamed, tema 11's "Forslag 2" is estimated at 0 in 2025, and the
  2025 target is raised by 1.000 (``diff`` and ``--since`` have something to find);
- ``budget-2024-besluttet.xlsx``: the same master after the decision, with the column
  ``Beslutning`` (every line ``Vedtaget``, line 7.1 ``Forkastet``, line 4.1 adopted with 500 in
  2024) and the adopted-amount columns (``build --scenario``), and the accounts below;
- ``budget-2024-konti.xlsx``: the seed with an account string for every department in the
  column ``Konto`` (``budgetaendringer``).

Usage: python scripts/make_example_masters.py MASTER OUT_DIR
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

SAVED = {"budget-2024-juni.xlsx": "2023-06-26T12:00:00Z", "budget-2024-besluttet.xlsx": "2023-06-28T12:00:00Z",
         "budget-2024-konti.xlsx": "2023-06-12T12:00:00Z"}
"""When each example master counts as saved (openpyxl stamps the time of saving): the outputs, the
archive's names and the mails' dates are then the same on every run, as the guide shows them."""


def _rows(sheet):
    """Yield (row number, theme, line number, title cell) of the proposal rows of 'Forslag'."""
    for row in range(2, sheet.max_row + 1):
        theme, number = sheet.cell(row, 1).value, sheet.cell(row, 2).value
        if theme is not None:
            yield row, str(theme), None if number is None else str(number), sheet.cell(row, 3)


def _column(sheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value is not None and str(cell.value) == header:
            return cell.column
    raise SystemExit(f"no column {header!r} on sheet {sheet.title!r}")


def june(book) -> None:
    """Make the changes of the June master in the workbook."""
    proposals, target = book["Forslag"], book["Mål"]
    col_2025 = _column(proposals, "2025")
    for row, theme, number, title in _rows(proposals):
        if (theme, number) == ("7", "1"):
            proposals.cell(row, col_2025).value = 9500
        elif (theme, number) == ("7", "2"):
            title.value = "ERP-systemer og integrationer"
        elif theme == "11" and title.value == "Forslag 2":
            proposals.cell(row, col_2025).value = 0
    target.cell(2, _column(target, "2025")).value = 51000


def decided(book) -> None:
    """Record the decision of the meeting in the workbook's proposals."""
    proposals = book["Forslag"]
    years = [cell.value for cell in proposals[1] if str(cell.value).isdigit()]
    first = proposals.max_column + 1
    headers = ["Beslutning"] + [f"Vedtaget {year}" for year in years]
    for offset, header in enumerate(headers):
        proposals.cell(1, first + offset).value = header
    for row, theme, number, _title in _rows(proposals):
        decision = "Forkastet" if (theme, number) == ("7", "1") else "Vedtaget"
        proposals.cell(row, first).value = decision
        if (theme, number) == ("4", "1"):
            proposals.cell(row, first + 1).value = 500


def accounts(book) -> None:
    """Give every department two account strings with shares."""
    departments = book["Afdelinger"]
    column = departments.max_column + 1
    departments.cell(1, column).value = "Konto"
    for row in range(2, departments.max_row + 1):
        if departments.cell(row, 1).value:
            departments.cell(row, column).value = "6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %"


def _stamp(path: Path, when: str) -> None:
    """Set the workbook's saved time (docProps/core.xml) to ``when``, and its parts' times to match."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    stamp = (int(when[:4]), int(when[5:7]), int(when[8:10]), 12, 0, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=stamp), data, zipfile.ZIP_DEFLATED)


def main(master: Path, out_dir: Path) -> None:
    import openpyxl

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, changes in (("budget-2024-juni.xlsx", (june,)), ("budget-2024-besluttet.xlsx", (june, decided, accounts)),
                          ("budget-2024-konti.xlsx", (accounts,))):
        book = openpyxl.load_workbook(master)
        for change in changes:
            change(book)
        book.save(out_dir / name)
        _stamp(out_dir / name, SAVED[name])
        print(f"Skrev {out_dir / name}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
