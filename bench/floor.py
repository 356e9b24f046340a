"""The floor: what reading the master and writing as many cells costs without any logic.

    python bench/floor.py MASTER OUTDIR CELLS FILES

Reads every cell of the master with openpyxl (read-only, values), then writes CELLS cells
(numbers and short texts, no formats, no formulas) spread over FILES workbooks with xlsxwriter.
"""

import sys
from pathlib import Path

import openpyxl
import xlsxwriter


def main() -> None:
    master, out, cells, files = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    book = openpyxl.load_workbook(master, read_only=True, data_only=True)
    seen = 0
    for ws in book.worksheets:
        ws.reset_dimensions()
        for row in ws.iter_rows(values_only=True):
            seen += sum(1 for v in row if v is not None)
    book.close()
    out.mkdir(parents=True, exist_ok=True)
    per_file = max(1, cells // files)
    for f in range(files):
        wb = xlsxwriter.Workbook(str(out / f"floor{f}.xlsx"), {"in_memory": True})
        ws = wb.add_worksheet()
        for i in range(per_file):
            row, col = divmod(i, 8)
            if col % 2:
                ws.write_number(row, col, i)
            else:
                ws.write_string(row, col, "tekst")
        wb.close()
    print(seen)


if __name__ == "__main__":
    main()
