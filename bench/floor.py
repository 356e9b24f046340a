"""The floor: what reading the master and writing the build's cells costs without any logic.

    python bench/floor.py MASTER OUTDIR MANIFEST

Reads every cell of the master with openpyxl (read-only, values), then writes exactly the cells
the build wrote (MANIFEST, made by ``bench/run.py`` from the build's report and department
workbooks, not the archive copy): the same files, sheets, texts, numbers and formulas with their
values, with xlsxwriter, without formats, widths or page setup.
"""

import pickle
import sys
from pathlib import Path

import openpyxl
import xlsxwriter


def main() -> None:
    master, out, manifest = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    book = openpyxl.load_workbook(master, read_only=True, data_only=True)
    seen = 0
    for ws in book.worksheets:
        ws.reset_dimensions()
        for row in ws.iter_rows(values_only=True):
            seen += sum(1 for v in row if v is not None)
    book.close()
    files = pickle.loads(manifest.read_bytes())
    for name, sheets in files:
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
        for title, cells in sheets:
            ws = wb.add_worksheet(title)
            for row, col, value, formula in cells:
                if formula is not None:
                    ws.write_formula(row, col, formula, None, value)
                elif isinstance(value, str):
                    ws.write_string(row, col, value)
                else:
                    ws.write_number(row, col, value)
        wb.close()
    print(seen)


def manifest(folder: Path) -> tuple[bytes, int]:
    """Return the cells of the workbooks under folder (not its archive copy) as the floor takes them,
    and their number: (file, [(sheet, [(row, col, value, formula or None)])])."""
    files, count = [], 0
    for path in sorted(p for p in folder.rglob("*.xlsx") if "arkiv" not in p.relative_to(folder).parts):
        formulas = openpyxl.load_workbook(path, read_only=True)
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheets = []
        for fs, vs in zip(formulas.worksheets, values.worksheets, strict=True):
            cells = []
            for frow, vrow in zip(fs.iter_rows(), vs.iter_rows(), strict=True):
                for f, v in zip(frow, vrow, strict=True):
                    if f.value is None:
                        continue
                    formula = f.value if isinstance(f.value, str) and f.value.startswith("=") else None
                    value = v.value if formula is None else (v.value if v.value is not None else 0)
                    if not isinstance(value, (str, int, float)):
                        value = str(value)
                    cells.append((f.row - 1, f.column - 1, value, formula))
            sheets.append((fs.title, cells))
            count += len(cells)
        formulas.close()
        values.close()
        files.append((str(path.relative_to(folder)), sheets))
    return pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL), count


if __name__ == "__main__":
    main()
