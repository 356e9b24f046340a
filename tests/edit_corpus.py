"""A corpus of masters edited the way people edit them in Excel and LibreOffice, built by code.

Each edit takes the path of a clean master (written from the sample plan) and changes it in
place. Its expectation is either SAME (the report's figures equal the clean master's) or the
(code, cell) of the finding that must point at the edit.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from tests.xml_edit import rewrite_part, set_cell_xml, sheet_part

SAME = None


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def figures(path: Path):
    """Return (findings, figures): the report's Oversigt and Afdelinger as {sheet!cell: value}.

    Numbers are compared as numbers, texts folded as the program folds names (a key spelled in
    another case is the same key); figures are None when the master has errors (no report
    would be written).
    """
    import openpyxl

    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.model.plan import fold_name
    from spareforslag_xl.render.report import report_bytes

    checked = check_master(path)
    if not checked.ok:
        return checked.findings, None
    data = report_bytes(compute(checked.plan), checked.findings)
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    cells = {}
    for name in ("Oversigt", "Afdelinger"):
        for row in book[name].iter_rows():
            for c in row:
                v = c.value
                if v is None:
                    continue
                if isinstance(v, str):
                    v = fold_name(v)  # the user's spelling of a name is shown as typed
                    if v.startswith(("kontrol:", "checks:")) or "kilde:" in v:
                        continue  # the count of findings (in either language) and the master's file name
                    v = "; ".join(sorted(v.split("; ")))  # a basis lists its keys in the order of the rows
                cells[f"{name}!{c.coordinate}"] = v
    return checked.findings, cells


def _book(path: Path):
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def with_book(change: Callable) -> Callable[[Path], None]:
    """An edit made through openpyxl: change(book) and save."""
    def edit(path: Path) -> None:
        book = _book(path)
        change(book)
        book.save(path)
    return edit


def cells(**edits) -> Callable[[Path], None]:
    """Set cells: cells(Forslag_E2=3250) (a '_' between sheet and cell; 'Faste_beløb' has its own)."""
    def change(book):
        for where, value in edits.items():
            sheet, cell = where.rsplit("_", 1)
            book[sheet.replace("_", " ")][cell] = value
    return with_book(change)


def rename(old: str, new: str) -> Callable[[Path], None]:
    """Rename a sheet in xl/workbook.xml (openpyxl would add a digit to a name that differs in case only)."""
    def edit(path: Path) -> None:
        def change(data: bytes) -> bytes:
            # openpyxl writes the attribute after a namespace declaration when lxml is installed
            text, n = re.subn(f'(<sheet [^>]*?)name="{re.escape(old)}"', rf'\1name="{new}"', data.decode(), count=1)
            assert n == 1
            return text.encode()
        rewrite_part(path, "xl/workbook.xml", change)
    return edit


def broken_print_titles(path: Path) -> None:
    """Print titles as LibreOffice writes them for a sheet it knows under another spelling: an invalid reference."""
    def change(data: bytes) -> bytes:
        names = ('<definedNames><definedName localSheetId="2" name="_xlnm.Print_Titles">'
                 "&apos;m\u00e5l&apos; $1:$1</definedName></definedNames>")
        text = re.sub(r"<definedNames>.*?</definedNames>|<definedNames/>", "", data.decode(), flags=re.S)
        text, n = re.subn(r"(</sheets>)", lambda m: m.group(1) + names, text, count=1)
        assert n == 1
        return text.encode()
    rewrite_part(path, "xl/workbook.xml", change)


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        for e in edits:
            e(path)
    return edit


def old_copy(sheet: str, name: str, cell: str, value) -> Callable[[Path], None]:
    """Keep an old copy of a sheet (with one figure different) under a name that folds to the same."""
    def change(book):
        copy = book.copy_worksheet(book[sheet])
        copy[cell] = value
        copy.title = "Kopi"
    return both(with_book(change), rename("Kopi", name))


def formula(sheet: str, cell: str, text: str, stored: str) -> Callable[[Path], None]:
    """A formula with the value a spreadsheet stored for it (float noise included)."""
    def edit(path: Path) -> None:
        set_cell_xml(path, sheet, cell, f'<c r="{cell}"><f>{text}</f><v>{stored}</v></c>')
    return edit


def error_value(sheet: str, cell: str, value: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        set_cell_xml(path, sheet, cell, f'<c r="{cell}" t="e"><f>1/0</f><v>{value}</v></c>')
    return edit


def insert_rows(sheet: str, at: int, n: int) -> Callable[[Path], None]:
    return with_book(lambda b: b[sheet].insert_rows(at, n))


def reverse_rows(sheet: str) -> Callable[[Path], None]:
    """Sort the rows below the header the other way round."""
    def change(book):
        ws = book[sheet]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
        for i, values in enumerate(reversed(rows), start=2):
            for j, v in enumerate(values, start=1):
                ws.cell(i, j).value = v
    return with_book(change)


def reorder_columns(sheet: str, order: list[int]) -> Callable[[Path], None]:
    """Put the columns in a new order: order[i] is the old 1-based column that becomes column i+1."""
    def change(book):
        ws = book[sheet]
        old = [[c.value for c in col] for col in ws.iter_cols(1, ws.max_column)]
        for new_index, old_index in enumerate(order, start=1):
            for r, v in enumerate(old[old_index - 1], start=1):
                ws.cell(r, new_index).value = v
    return with_book(change)


def hide_row(sheet: str, row: int) -> Callable[[Path], None]:
    return with_book(lambda b: setattr(b[sheet].row_dimensions[row], "hidden", True))


def hide_column(sheet: str, letter: str) -> Callable[[Path], None]:
    return with_book(lambda b: setattr(b[sheet].column_dimensions[letter], "hidden", True))


def merge(sheet: str, cells_range: str) -> Callable[[Path], None]:
    return with_book(lambda b: b[sheet].merge_cells(cells_range))


def empty_formatted_rows(sheet: str, n: int) -> Callable[[Path], None]:
    """Thousands of rows that hold a format but no value, as after formatting whole columns."""
    def edit(path: Path) -> None:
        def change(data: bytes) -> bytes:
            text = data.decode()
            last = max(int(r) for r in re.findall(r'<row r="(\d+)"', text))
            rows = "".join(f'<row r="{r}"><c r="A{r}" s="1"/><c r="E{r}" s="1"/></row>'
                           for r in range(last + 1, last + 1 + n))
            return text.replace("</sheetData>", rows + "</sheetData>").encode()
        rewrite_part(path, sheet_part(path, sheet), change)
    return edit


def damage(sheet: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        rewrite_part(path, sheet_part(path, sheet), lambda data: data[: len(data) // 2])
    return edit


def drop_sheet(name: str) -> Callable[[Path], None]:
    return with_book(lambda b: b.remove(b[name]))


@dataclass(frozen=True)
class Edit:
    name: str
    edit: Callable[[Path], None]
    expect: Optional[tuple[str, str]] = SAME
    """(code, cell) of the finding the edit must give; SAME: the figures must equal the clean master's."""
    warns: Optional[str] = None
    """A warning code that must come with an edit that keeps the figures."""


NBSP = "\u00a0"

CORPUS = [
    # names: one folding (NFC, case, spaces) for sheets, headers, settings, codes and references
    Edit("sheet in lower case", rename("Forslag", "forslag")),
    Edit("sheet with a trailing space", rename("Forslag", "Forslag ")),
    Edit("sheet name in NFD", rename("Mål", nfd("Mål"))),
    Edit("print titles LibreOffice cannot write", broken_print_titles),
    Edit("sheet name with a non-breaking space", rename("Faste beløb", f"Faste{NBSP}beløb")),
    Edit("an old copy with a trailing space", old_copy("Forslag", "Forslag ", "F9", 8000), ("duplicate-sheet", "Forslag")),
    Edit("an old copy in lower case", old_copy("Forslag", "forslag", "F9", 8000), ("duplicate-sheet", "Forslag")),
    Edit("header in NFD", cells(Temaer_F1=nfd("Fra år"))),
    Edit("headers in other case and spacing", cells(Forslag_A1="TEMA", Forslag_J1=f" Nøgle{NBSP}", Nøgler_C1="andel")),
    Edit("two headers that fold to one", cells(Forslag_L1="tema "), ("duplicate-column", "Forslag!L1")),
    Edit("key reference in NFD", cells(Temaer_E4=nfd("Administrativ fordelingsnøgle"))),
    Edit("key name in other case and spacing",
         cells(**{f"Nøgler_A{r}": "administrativ  FORDELINGSNØGLE" for r in range(2, 8)})),
    Edit("department code in lower case", cells(Nøgler_B2="msb", Faste_beløb_C2="ba")),
    Edit("department code with a zero-width space", cells(Nøgler_B3="MTM\u200b")),
    Edit("setting name in NFD and lower case", cells(Indstillinger_A9=nfd("restfordelingsnøgle"))),
    Edit("method in NFD and lower case", cells(Temaer_D4=nfd("nøgle"))),
    Edit("theme number as text", cells(Forslag_A9="7", Forslag_A10="7.")),
    Edit("target label in NFD", cells(Mål_A2=nfd("mål"))),
    # one rule for unknown columns
    Edit("a notes column on Forslag", cells(Forslag_M1="Ansvarlig", Forslag_M2="Jens"), warns="unknown-column"),
    Edit("a notes column on Mål", cells(Mål_F1="Bemærkning", Mål_F2="vedtaget"), warns="unknown-column"),
    Edit("a notes column on Temaer", cells(Temaer_K1="Ansvarlig", Temaer_K2="Jens"), warns="unknown-column"),
    Edit("a notes column on Faste beløb", cells(Faste_beløb_I1="Kilde"), warns="unknown-column"),
    Edit("a year typed with the letter O", cells(Forslag_F1="2O25"), ("not-a-year", "Forslag!F1")),
    Edit("a year with a digit too many", cells(Forslag_G1=20265), ("not-a-year", "Forslag!G1")),
    Edit("a year with a prefix", cells(Mål_B1="B2024"), ("not-a-year", "Mål!B1")),
    Edit("a date as year header", cells(Forslag_F1=__import__("datetime").datetime(2025, 1, 1)),
         ("not-a-year", "Forslag!F1")),
    Edit("columns reordered", reorder_columns("Forslag", [12, 3, 1, 8, 7, 6, 5, 4, 2, 9, 10, 11]),
         warns="years-out-of-order"),
    Edit("columns of Temaer reordered", reorder_columns("Temaer", [2, 1, 5, 4, 3, 6, 7, 8, 9, 10])),
    # one way to read a stored number
    Edit("amount as a formula with LibreOffice's noise", formula("Forslag", "E3", "(1.2-1.1)*20000", "1999.99999999999")),
    Edit("amount as a formula with Excel's noise", formula("Forslag", "E3", "(1.2-1.1)*20000", "1999.9999999999973")),
    Edit("noise above the amount", formula("Forslag", "F9", "10000.000000000002", "10000.000000000002")),
    Edit("target as a formula with noise", formula("Mål", "C2", "(1.2-1.1)*500000", "49999.99999999996")),
    Edit("fixed amount as a formula with noise", formula("Faste beløb", "D3", "(1.2-1.1)*7500", "749.999999999999")),
    Edit("a zero from a formula", formula("Forslag", "E5", "0.1+0.2-0.3", "5.551115123125783E-17")),
    Edit("a real extra decimal", cells(Forslag_E3=2000.4), ("too-many-decimals", "Forslag!E3")),
    Edit("a real extra decimal from a formula", formula("Forslag", "E3", "2000.04", "2000.04"),
         ("too-many-decimals", "Forslag!E3")),
    Edit("text number with a non-breaking space", cells(Forslag_E2=f"3{NBSP}250"), warns="number-as-text"),
    Edit("text number with Danish decimals", cells(Forslag_E2="3.250,00"), warns="number-as-text"),
    Edit("text number with real decimals", cells(Forslag_E3="2.000,50"), ("too-many-decimals", "Forslag!E3")),
    Edit("a formula that returned #REF!", error_value("Forslag", "E3", "#REF!"), ("excel-error", "Forslag!E3")),
    Edit("a formula that returned #DIV/0!", error_value("Mål", "B2", "#DIV/0!"), ("excel-error", "Mål!B2")),
    Edit("a formula never calculated", cells(Forslag_E3="=1000*2"), ("formula-without-value", "Forslag!E3")),
    # rows
    Edit("blank rows inserted", insert_rows("Forslag", 5, 3)),
    Edit("a title row above the headers", insert_rows("Temaer", 1, 2)),
    Edit("rows sorted the other way", reverse_rows("Forslag")),
    Edit("themes sorted the other way", reverse_rows("Nøgler")),
    Edit("a hidden row", hide_row("Forslag", 4), warns="hidden-rows"),
    Edit("a hidden year column", hide_column("Forslag", "F"), warns="hidden-columns"),
    Edit("thousands of empty formatted rows", empty_formatted_rows("Forslag", 5000)),
    Edit("merged cells over theme numbers", merge("Forslag", "A6:A8"), ("merged-cells", "Forslag!A6")),
    Edit("merged cells in a title above the table", both(insert_rows("Forslag", 1, 1), merge("Forslag", "A1:H1"))),
    # sheets
    Edit("a damaged guide sheet", damage("Vejledning"), warns="damaged-sheet"),
    Edit("the proposals sheet deleted", drop_sheet("Forslag"), ("missing-sheet", "Forslag")),
]
