"""The conventions every generated workbook shares, in one place.

Text from a master is always written as text (never a formula or a link), every formula
carries the value it computes, formats are created once per workbook, and the bytes are
the same for the same input (in-memory packaging; the properties dated by io/stamp.py's rule).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import CellBlankTuple, CellFormulaTuple, CellNumberTuple, CellStringTuple, Worksheet

from spareforslag_xl.core.filenames import sheet_name  # noqa: F401 (the workbooks' sheet names)
from spareforslag_xl.io.stamp import file_time

EXCEL_MAX_TEXT = 32_767



_FUNCTION = re.compile(r"([A-Z][A-Z0-9.]*)\(")
CLASSIC_FUNCTIONS = frozenset({"SUM", "IF", "COUNT", "ISNUMBER", "ROUND", "N", "ABS"})
"""Functions Excel has had since 2007: formulas using only these need no '_xlfn.' prefixes."""


class PlainFormulaWorksheet(Worksheet):
    """A worksheet that skips work of xlsxwriter's that the workbooks' cells do not need.

    xlsxwriter runs some 30 regular-expression substitutions on every formula to add the
    '_xlfn.' prefixes of newer Excel functions; for the classic functions we write that is
    most of the time spent writing a large report. Other formulas take the normal path.

    A finite number inside the sheet is stored without xlsxwriter's checks for infinities, NaN
    and cells outside the sheet, which it passes anyway. When the workbook is saved, xlsxwriter
    writes each cell through a list of attributes it escapes one by one; a cell's reference and
    style number never need escaping, so a styled number, shared string, blank or formula with a
    number is written in one step, and every other cell (unstyled, a text or boolean formula
    result, rich text…) the normal way. The bytes are the same (tests/test_xlsx_formula.py); a
    5.000-line build writes 300.000 cells.
    """

    # Why override a private method: it is the one place xlsxwriter prepares a formula's
    # text, and skipping it for classic functions is what makes writing a large report fast
    # (README, "Performance"). A private method can change in any xlsxwriter release, so
    # tests/test_xlsx_formula.py checks what this relies on: the method's name and signature,
    # that write_formula still calls it, that xlsxwriter leaves the classic functions alone,
    # and that a workbook written through the override has the bytes of a stock one. Upgrading
    # xlsxwriter (requirements.lock) without those tests passing would be unsafe. Array
    # formulas ('{=…}') take xlsxwriter's path, which strips their braces.
    def _prepare_formula(self, formula, expand_future_functions=False):
        if not formula.startswith("{") and set(_FUNCTION.findall(formula)) <= CLASSIC_FUNCTIONS:
            return formula[1:] if formula.startswith("=") else formula
        return super()._prepare_formula(formula, expand_future_functions)

    def _write_number(self, row, col, number, cell_format=None):
        # As xlsxwriter's for a finite float inside the sheet once it has cells: stored with the sheet's
        # dimensions kept here, without a call to check them. Everything else takes xlsxwriter's path.
        sheet: Any = self  # xlsxwriter leaves the dimensions' types open
        if (number.__class__ is not float or number - number != 0 or sheet.constant_memory
                or sheet.dim_rowmin is None or sheet.dim_colmin is None
                or not (0 <= row < sheet.xls_rowmax and 0 <= col < sheet.xls_colmax)):
            return super()._write_number(row, col, number, cell_format)
        if row < sheet.dim_rowmin:
            sheet.dim_rowmin = row
        elif row > sheet.dim_rowmax:
            sheet.dim_rowmax = row
        if col < sheet.dim_colmin:
            sheet.dim_colmin = col
        elif col > sheet.dim_colmax:
            sheet.dim_colmax = col
        sheet.table[row][col] = CellNumberTuple(number, cell_format)
        return 0

    def _write_cell(self, row, col, cell):
        kind = type(cell)
        style = cell.format
        if style is None or self.constant_memory:
            return super()._write_cell(row, col, cell)
        letters = _COLUMNS.get(col) or _column(col)
        index = style.xf_index  # None for a format not numbered yet or equal to another: then asked
        head = f'<c r="{letters}{row + 1}" s="{index if index is not None else style._get_xf_index()}"'
        if kind is CellNumberTuple:
            self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind is CellStringTuple:
            self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        elif kind is CellBlankTuple:
            self.fh.write(f"{head}/>")
        elif kind is CellFormulaTuple and type(cell.value) in (int, float):
            self.fh.write(f"{head}><f>{self._escape_data(cell.formula)}</f><v>{cell.value}</v></c>")
        else:
            super()._write_cell(row, col, cell)
        return None

    def _assemble_xml_file(self):
        # Once its XML is made, a sheet's cells are needed no more (its charts' data was taken before):
        # freed now rather than when every sheet's XML is made, which is when a large report peaks. So a
        # sheet is saved once: xlsxwriter's advice to call close() again after a failed save (a file that
        # could not be created, zip64) would write it empty; our workbooks are saved to memory, once.
        if getattr(self, "_saved", False):
            raise RuntimeError("a PlainFormulaWorksheet is saved once: its cells are freed when it is")
        super()._assemble_xml_file()
        self.table.clear()
        self._saved = True

    def _calculate_spans(self):
        # As xlsxwriter's: for every block of 16 rows, the first and last column (1-based) holding a
        # cell or a comment; from each row's columns instead of a test of every column of the sheet.
        spans = {}
        low = high = -1  # none yet in this block
        first, last = self.dim_colmin, self.dim_colmax
        table, comments = self.table, self.comments
        for row in range(self.dim_rowmin, self.dim_rowmax + 1):
            used = [c for c in table[row] if first <= c <= last] if row in table else []
            if row in comments:
                used += [c for c in comments[row] if first <= c <= last]
            if used:
                low = min(used) if low < 0 else min(low, *used)
                high = max(high, *used)
            if ((row + 1) % 16 == 0 or row == self.dim_rowmax) and low >= 0:
                spans[row // 16] = f"{low + 1}:{high + 1}"
                low = high = -1
        self.row_spans = spans


def add_sheet(book: xlsxwriter.Workbook, name: str) -> PlainFormulaWorksheet:
    """Add a worksheet of the workbooks' own class (PlainFormulaWorksheet: xlsxwriter's bytes, written faster)."""
    return book.add_worksheet(name, worksheet_class=PlainFormulaWorksheet)


def new_workbook() -> tuple[xlsxwriter.Workbook, io.BytesIO]:
    """Return a workbook writing into memory, with every automatic text conversion off."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True,  # fixed zip timestamps: same input, same bytes
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    return book, buffer


@dataclass(frozen=True)
class DocProps:
    title: str
    subject: str = ""
    company: str = ""
    comments: str = ""
    created: datetime | None = None
    """When the input was saved (the master's saved time), None when not known; io/stamp.file_time
    turns it into the date written (SOURCE_DATE_EPOCH first)."""


def close(book: xlsxwriter.Workbook, buffer: io.BytesIO, props: DocProps) -> bytes:
    """Stamp the document properties, close the workbook and return its bytes.

    dcterms:created and dcterms:modified both get io/stamp.file_time(props.created): the same
    input in the same environment gives the same bytes. Raises RequestError for a bad SOURCE_DATE_EPOCH.
    """
    created = file_time(props.created).replace(tzinfo=None)  # xlsxwriter writes a naive time as UTC ('Z')
    book.set_properties({
        "title": props.title[:255],
        "subject": props.subject[:255],
        "author": "spareforslag-xl",
        "company": props.company[:255],
        "comments": props.comments[:255],
        "created": created,
    })
    book.close()
    # Each xlsxwriter worksheet keeps a bound method of its workbook (add_format): a cycle, so the
    # cells the sheets hold, hundreds of thousands in a large report, could only be freed by the
    # cyclic garbage collector, which walked them until then. Emptied, they go as their last
    # reference does; nothing is written to a closed workbook.
    for sheet in book.worksheets():
        vars(sheet).clear()
    return buffer.getvalue()


_COLUMNS: dict[int, str] = {}
"""A column's letters ('A', 'AB'), made once: a 5.000-line build writes 137.000 references."""


def _column(col: int) -> str:
    letters = _COLUMNS[col] = xl_col_to_name(col)
    return letters


def cell(row: int, col: int, absolute: bool = False) -> str:
    """Return the A1 reference of a cell ($A$1 when absolute), as xlsxwriter's ``xl_rowcol_to_cell``."""
    if row < 0 or col < 0:
        return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)
    letters = _COLUMNS.get(col) or _column(col)
    return f"${letters}${row + 1}" if absolute else f"{letters}{row + 1}"


def sheet_ref(sheet: str, row: int, col: int) -> str:
    """Return a reference to a cell of another sheet: 'Tema 2'!C12."""
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{cell(row, col, absolute=True)}"


def excel_text(text: str) -> str:
    """Return text cut to what one Excel cell holds."""
    return text if len(text) <= EXCEL_MAX_TEXT else text[: EXCEL_MAX_TEXT - 1] + "…"


def footer_text(text: str) -> str:
    """Escape text for a header or footer, where '&' starts a control code."""
    return text.replace("&", "&&")[:80]
