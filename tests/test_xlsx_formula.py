"""PlainFormulaWorksheet overrides xlsxwriter's private Worksheet methods _prepare_formula, _write_cell,
_calculate_spans and _assemble_xml_file, for speed and memory (see workbook/book.py). These tests pin what
the overrides rely on, so that an xlsxwriter upgrade that changes it fails here, loudly, instead of
changing the workbooks silently."""

from __future__ import annotations

import inspect
import io
from datetime import datetime

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from spareforslag_xl.workbook.book import CLASSIC_FUNCTIONS, PlainFormulaWorksheet

UPGRADE = (f"xlsxwriter {xlsxwriter.__version__} changed the private Worksheet._prepare_formula that "
           "spareforslag_xl.workbook.book.PlainFormulaWorksheet overrides: ")

CLASSIC = (
    "=SUM(A1:A3)", "SUM(A1:A3)", '=IF(COUNT(B2:B4)=0,"-",SUM(B2:B4))', '=IF(ISNUMBER(C5),ROUND(C5/$B$7,2),"-")',
    "='Tema 2'!$C$12", "=N(F3)-N(E3)", "=ABS(A1)", '="-"', "=0", "=A1-B1", "=sum(a1:a2)",
)
"""Formulas of the kinds the workbooks write (the override returns them as they are, without '=')."""
FUTURE = (
    "=STDEV.S(A1:A3)", "=IFS(A1>0,1,TRUE,0)", "=CONCAT(A1,B1)", "=SUM(A1:A3)+STDEV.S(A1:A3)",
    "=_xlfn.STDEV.S(A1:A3)", "=XLOOKUP(A1,B1:B3,C1:C3)", "{=SUM(A1:A2*B1:B2)}",
)
"""Formulas the override hands to xlsxwriter."""


def test_the_private_method_has_the_signature_the_override_relies_on():
    method = getattr(Worksheet, "_prepare_formula", None)
    assert callable(method), UPGRADE + "the method is gone; PlainFormulaWorksheet would override nothing."
    params = list(inspect.signature(method).parameters.values())
    assert [p.name for p in params] == ["self", "formula", "expand_future_functions"], (
        UPGRADE + f"its signature is now {inspect.signature(method)}; adapt PlainFormulaWorksheet._prepare_formula.")
    assert params[2].default is False, UPGRADE + "expand_future_functions no longer defaults to False."


def test_write_formula_still_goes_through_the_private_method():
    calls: list[str] = []

    class Spy(PlainFormulaWorksheet):
        def _prepare_formula(self, formula, expand_future_functions=False):
            calls.append(formula)
            return super()._prepare_formula(formula, expand_future_functions)

    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    ws = book.add_worksheet("Ark", worksheet_class=Spy)
    ws.write_formula(0, 0, "=SUM(B1:B3)", None, 6)
    book.close()
    assert calls == ["=SUM(B1:B3)"], (
        UPGRADE + "write_formula no longer calls it, so the override is dead code (output unchanged, speed lost).")


@pytest.mark.parametrize("name", sorted(CLASSIC_FUNCTIONS))
def test_stock_xlsxwriter_leaves_the_classic_functions_alone(name):
    stock = Worksheet()
    for future in (False, True):
        assert stock._prepare_formula(f"={name}(A1)", future) == f"{name}(A1)", (
            UPGRADE + f"it now rewrites {name}(), which PlainFormulaWorksheet writes unchanged; "
            "remove it from CLASSIC_FUNCTIONS.")


@pytest.mark.parametrize("future", (False, True))
@pytest.mark.parametrize("formula", CLASSIC + FUTURE)
def test_a_formula_written_through_the_override_is_what_stock_xlsxwriter_writes(formula, future):
    def write(worksheet_class) -> tuple[object, bytes]:
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "use_future_functions": future})
        ws = book.add_worksheet("Ark", worksheet_class=worksheet_class)
        ws.write_formula(0, 0, formula, None, 0)
        stored = ws.table[0][0].formula
        book.set_properties({"created": datetime(2000, 1, 1)})
        book.close()
        return stored, buffer.getvalue()

    stock_formula, stock_bytes = write(Worksheet)
    plain_formula, plain_bytes = write(PlainFormulaWorksheet)
    assert plain_formula == stock_formula, (
        UPGRADE + f"stock xlsxwriter now stores {formula!r} as {stock_formula!r}, the override as {plain_formula!r}.")
    assert plain_bytes == stock_bytes, UPGRADE + f"the workbooks with {formula!r} differ."


def _every_kind_of_cell(worksheet_class, constant_memory: bool = False) -> bytes:
    """A workbook with every kind of cell xlsxwriter writes, styled and not, with row and column formats,
    comments beside and beyond the cells, and rows far apart (spans of several blocks of 16 rows)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": constant_memory,
                                        "nan_inf_to_errors": True})
    bold, amount = book.add_format({"bold": True}), book.add_format({"num_format": "#,##0"})
    ws = book.add_worksheet("Ark", worksheet_class=worksheet_class)
    ws.set_column(3, 3, 12, amount)
    ws.set_row(2, 30, bold)
    ws.set_row(40, None, None, {"hidden": True})
    ws.write_number(5, 2, 3.5)  # the first cell: its row and column start the sheet's dimensions
    for row in (0, 1, 2, 17, 40, 41, 300):
        ws.write_number(row, 1, 1234.5678901234567, amount)
        ws._write_number(row, 15, 7, amount)  # an int, as the writer never stores one
        ws._write_number(row + 1, 16, float("inf") if row % 2 else float("nan"), amount)
        ws.write_number(row, 3, -0.1)
        ws.write_string(row, 0, f"Tekst & <{row}> \"citat\"", bold)
        ws.write_string(row, 2, " mellemrum ")
        ws.write_blank(row, 4, None, bold)
        ws.write_blank(row, 6, None)
        ws.write_formula(row, 5, '=IF(B1>0,"<>",SUM(B1:B3))', amount, 7)
        ws.write_formula(row, 7, "=B1*2", amount, 2469.1357802469134)
        ws.write_formula(row, 8, "=B1&\"x\"", bold, "1234x")
        ws.write_formula(row, 9, "=B1>0", bold, True)
        ws.write_formula(row, 10, "=1/0", bold, "#DIV/0!")
        ws.write_formula(row, 11, "=B1", None, 3)
        ws.write_boolean(row, 12, False, bold)
        ws.write_datetime(row, 13, datetime(2024, 1, 2), amount)
        ws.write_rich_string(row, 14, "a ", bold, "fed", " b")
    ws.write_comment(5, 20, "en note")
    ws.write_comment(300, 0, "en note til")
    # What reads a sheet's cells when the workbook is saved: links, tables, filters, validations, merged
    # ranges, and charts (their cached data, here from this sheet and from a sheet added after it).
    ws.write_url(17, 16, "https://example.org/", bold, "et link")
    ws.write_number(18, 16, 5, amount)
    ws.merge_range(19, 16, 19, 18, "flettet", bold)
    ws.add_table(50, 1, 53, 3, {"columns": [{"header": "A"}, {"header": "B"}, {"header": "C"}]})
    ws.autofilter(0, 0, 41, 14)
    ws.data_validation(60, 1, 60, 1, {"validate": "list", "source": ["Ja", "Nej"]})
    later = book.add_worksheet("Senere", worksheet_class=worksheet_class)
    for row in range(4):
        later.write_number(row, 0, row * 1.5, amount)
        later.write_formula(row, 1, f"=A{row + 1}*2", amount, row * 3.0)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=Ark!$B$1:$B$3", "categories": "=Ark!$A$1:$A$3"})
    chart.add_series({"values": "=Senere!$B$1:$B$4"})
    ws.insert_chart(70, 1, chart)
    book.set_properties({"created": datetime(2000, 1, 1)})
    book.close()
    return buffer.getvalue()


def test_the_private_cell_writing_methods_have_the_signatures_the_override_relies_on():
    for name, expected in (("_write_cell", ["self", "row", "col", "cell"]), ("_calculate_spans", ["self"]),
                           ("_assemble_xml_file", ["self"]),
                           ("_write_number", ["self", "row", "col", "number", "cell_format"])):
        method = getattr(Worksheet, name, None)
        assert callable(method), UPGRADE.replace("_prepare_formula", name) + "the method is gone."
        assert list(inspect.signature(method).parameters) == expected, (
            UPGRADE.replace("_prepare_formula", name) + f"its signature is now {inspect.signature(method)}.")


@pytest.mark.parametrize("constant_memory", (False, True))
def test_cells_written_through_the_override_are_what_stock_xlsxwriter_writes(constant_memory):
    stock = _every_kind_of_cell(Worksheet, constant_memory)
    assert _every_kind_of_cell(PlainFormulaWorksheet, constant_memory) == stock, (
        UPGRADE.replace("_prepare_formula", "_write_cell or _calculate_spans")
        + "a workbook with every kind of cell differs from stock xlsxwriter's.")
