"""Write an example *official* budget workbook from a master, with one deliberate difference.

The budget office's spreadsheet is laid out by someone else; this one is laid out the way
such sheets often are, so that `spareforslag reconcile` can be tried on it: merged title
rows with the unit, years as "Budget 2024", departments by their full names
("Magistratsafdelingen for …"), a totals row with formulas, then the themes, and notes
below. Every figure is the master's recomputed figure except one department total, which
is off by 25 (in the master's unit) so that the reconciliation has something to find.

Usage: python scripts/make_official_example.py MASTER OUT.xlsx
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

DELIBERATE = Decimal(25)


def official_bytes(result) -> tuple[bytes, str]:
    """Return the workbook's bytes and a sentence naming the deliberate difference."""
    import io

    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    from spareforslag_xl.io.stamp import file_time
    from spareforslag_xl.model.danish import format_danish

    plan = result.plan
    years = result.years
    unit = plan.settings.unit or "1.000 kr."
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bottom": 1, "align": "right", "bg_color": "#EDEDED"})
    head_left = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EDEDED"})
    amount = book.add_format({"num_format": "#,##0"})
    total = book.add_format({"num_format": "#,##0", "bold": True, "top": 1})
    note = book.add_format({"italic": True, "font_color": "#595959"})
    dash = book.add_format({"align": "right"})
    name = f"Budget {years[0]}"
    ws = book.add_worksheet(name)
    ws.set_column(0, 0, 58)
    ws.set_column(1, len(years), 13)
    last = len(years)
    place = " – ".join(p for p in (plan.settings.municipality, f"Budget {years[0]}-{years[-1]}") if p)
    ws.merge_range(0, 0, 0, last, place, title)
    ws.merge_range(1, 0, 1, last, f"Administrative besparelser fordelt på magistratsafdelinger ({unit})", bold)

    def year_header(row: int, label: str) -> None:
        ws.write_string(row, 0, label, head_left)
        for i, y in enumerate(years, start=1):
            ws.write_string(row, i, f"Budget {y}", head)

    def total_row(row: int, first: int, values: list[Decimal]) -> None:
        ws.write_string(row, 0, "I alt", bold)
        for i, value in enumerate(values, start=1):
            rng = f"{xl_rowcol_to_cell(first, i)}:{xl_rowcol_to_cell(row - 1, i)}"
            ws.write_formula(row, i, f"=SUM({rng})", total, float(value))

    row = 3
    year_header(row, "Magistratsafdeling")
    first = row + 1
    departments = plan.departments
    changed = departments[min(1, len(departments) - 1)] if departments else None
    change_year = years[min(1, len(years) - 1)]
    sums = [Decimal(0)] * len(years)
    sentence = "The master has no departments, so there is no deliberate difference."
    for d in departments:
        row += 1
        ws.write_string(row, 0, f"Magistratsafdelingen for {d.name}" if d.name else d.code)
        for i, y in enumerate(years, start=1):
            value = result.department_totals[d.code][y]
            if d is changed and y == change_year:
                sentence = (f"Deliberate difference: '{name}'!{xl_rowcol_to_cell(row, i)} ({d.code} {y}) is "
                            f"{format_danish(value + DELIBERATE)} instead of {format_danish(value)}.")
                value += DELIBERATE
            sums[i - 1] += value
            ws.write_number(row, i, float(value), amount)
    row += 1
    total_row(row, first, sums)

    row += 3
    ws.write_string(row - 1, 0, f"Temaer ({unit})", bold)
    year_header(row, "Tema")
    first = row + 1
    for t in result.themes:
        row += 1
        ws.write_string(row, 0, t.theme.label)
        if not t.lines and t.theme.status:
            ws.merge_range(row, 1, row, last, t.theme.status, note)
            continue
        for i, y in enumerate(years, start=1):
            if t.totals[y] is None:
                ws.write_string(row, i, "-", dash)
            else:
                ws.write_number(row, i, float(t.totals[y]), amount)
    row += 1
    total_row(row, first, [result.total[y] for y in years])
    row += 2
    ws.write_string(row, 0, "Kilde: budgetafdelingen. Tallene er eksempeltal dannet af spareforslag-xl.", note)
    ws.write_string(row + 1, 0, "'-' betyder ikke estimeret.", note)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    book.set_properties({"title": f"Officielt budget {years[0]} (eksempel)", "author": "Budgetafdelingen",
                         "created": file_time(plan.created).replace(tzinfo=None)})  # dated like every output
    book.close()
    return buffer.getvalue(), sentence


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.model.errors import SpareforslagError
    from spareforslag_xl.io.output import write_atomically

    master, out = Path(argv[0]), Path(argv[1])
    try:
        checked = check_master(master)
        data, sentence = official_bytes(compute(checked.plan))
        write_atomically(out, data)
    except SpareforslagError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {out}. {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
