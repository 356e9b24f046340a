"""A closed workbook's cells are freed without the cyclic garbage collector, and rendering runs without it."""

import gc
import io

import openpyxl

from spareforslag_xl.io.parallel import _uncollected, render_all
from spareforslag_xl.workbook.book import DocProps, add_sheet, close, new_workbook


def _book(rows: int) -> bytes:
    book, buffer = new_workbook()
    sheet = add_sheet(book, "Tal")
    for row in range(rows):
        sheet.write_number(row, 0, row * 1.5)
        sheet.write_string(row, 1, f"linje {row}")
    return close(book, buffer, DocProps("Tal"))


def test_a_closed_workbook_leaves_no_cells_to_the_collector(tmp_path):
    gc.collect()
    gc.disable()
    try:
        data = _book(2000)
        left = gc.collect()
    finally:
        gc.enable()
    # What the collector still finds is the workbook's own few objects, never its 4.000 cells.
    assert left < 50
    path = tmp_path / "tal.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path)["Tal"]
    assert ws["A1000"].value == 999 * 1.5
    assert ws["B2000"].value == "linje 1999"


def test_a_task_runs_without_the_collector_which_is_on_again_after():
    seen = []
    assert _uncollected(lambda: seen.append(gc.isenabled()) or b"x") == b"x"
    assert seen == [False]
    assert gc.isenabled()
    assert render_all([lambda: seen.append(gc.isenabled()) or b"y"], cells=0) == [b"y"]
    assert seen == [False, False]
    assert gc.isenabled()


def test_the_collector_is_on_again_when_a_task_fails():
    def failing() -> bytes:
        raise ValueError("broken")

    try:
        _uncollected(failing)
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_sheets_cells_are_freed_once_its_xml_is_made_and_the_content_once_written():
    from decimal import Decimal

    from spareforslag_xl.content.nodes import Document, Figure, Line, Properties, Row, Sheet, Text, YearColumns
    from spareforslag_xl.render.workbook_writer import workbook_bytes
    from spareforslag_xl.workbook.book import PlainFormulaWorksheet

    cells_left = []

    class Watched(PlainFormulaWorksheet):
        def _assemble_xml_file(self):
            super()._assemble_xml_file()
            cells_left.append(sum(len(cells) for cells in self.table.values()))

    book, buffer = new_workbook()
    sheet = book.add_worksheet("Tal", worksheet_class=Watched)
    for row in range(100):
        sheet.write_number(row, 0, row)
    close(book, buffer, DocProps("Tal"))
    assert cells_left == [0]

    rows = tuple(Line(Row({0: Text(f"Tema {n}"), 1: Figure(Decimal(n))})) for n in range(3))
    doc = Document([Sheet(f"Ark {n}", YearColumns(1), rows) for n in range(3)], Properties("Titel", "", "", ""))
    data = workbook_bytes(doc)
    assert doc.sheets == []  # let go as written
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Ark 0", "Ark 1", "Ark 2"]
