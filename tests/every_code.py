"""One small master per finding code, built by code: each makes the program report that code.

Used by tests/test_danish_messages.py to check the exact Danish message of every code.
"""

from __future__ import annotations

import shutil
import warnings
from datetime import datetime
from pathlib import Path

from tests import badfiles
from tests.conftest import SEED_MASTER, edit_workbook, write_master
from tests.xml_edit import rewrite_part, sheet_part


def _book(path: Path, change) -> Path:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def _edits(edits: dict, delete_sheets=()):
    def make(path: Path) -> Path:
        write_master(path, edits=edits, delete_sheets=delete_sheets)
        return path
    return make


def _with(change):
    def make(path: Path) -> Path:
        write_master(path)
        return _book(path, change)
    return make


def _damaged_guide(path: Path) -> Path:
    write_master(path)
    rewrite_part(path, sheet_part(path, "Vejledning"), lambda data: data[: len(data) // 2])
    return path


def _init_template(path: Path) -> Path:
    from spareforslag_xl.app.init import init_master

    init_master(path, 2027, 4)
    return path


def _seed_with_bad_stated_row(path: Path) -> Path:
    shutil.copyfile(SEED_MASTER, path)
    edit_workbook(path, {"Dokumenttal!A3": "Ukendt art"})
    return path


def _old_copy(path: Path) -> Path:
    from tests.edit_corpus import old_copy

    write_master(path)
    old_copy("Forslag", "forslag", "F9", 8000)(path)
    return path


def _official(path: Path) -> Path:
    shutil.copyfile(SEED_MASTER.with_name("officielt-budget-2024.xlsx"), path)
    return path


def _open_in_excel(path: Path) -> Path:
    write_master(path)
    path.with_name("~$" + path.name).write_bytes(b"")
    return path


def _percent_points(book) -> None:
    ws = book["Nøgler"]
    for row in range(8, 14):
        ws.cell(row, 3).value = round(ws.cell(row, 3).value * 100, 1)


CASES = {
    "account-share": _edits({"Afdelinger!E1": "Konto", **{f"Afdelinger!E{r}": "6.45.51.1.10" for r in range(3, 8)},
                             "Afdelinger!E2": "6.45.51.1.10 = 70 %; 6.45.51.4.0 = 20 %"}),
    "adopted-but-rejected": _edits({"Forslag!M1": "Beslutning", "Forslag!N1": "Vedtaget 2024",
                                    "Forslag!M2": "Forkastet", "Forslag!N2": 100}),
    "adopted-unknown-year": _edits({"Forslag!M1": "Vedtaget 2031", "Forslag!M2": 5}),
    "bad-setting": _edits({"Indstillinger!B7": 7}),
    "boolean-in-amount": _edits({"Forslag!G2": True}),
    "damaged-sheet": _damaged_guide,
    "date-in-amount": _edits({"Forslag!F2": datetime(2024, 3, 25)}),
    "decision-without-lines": _edits({"Temaer!K1": "Beslutning", "Temaer!K2": "Vedtaget"}),
    "duplicate-column": _edits({"Forslag!M1": "Forslag"}),
    "duplicate-department": _edits({"Afdelinger!A3": "MSB"}),
    "duplicate-email": _edits({"Afdelinger!C3": "budget.msb@example.org"}),
    "duplicate-fixed": _edits({"Faste beløb!C3": "BA"}),
    "duplicate-line": _edits({"Forslag!B7": 1}),
    "duplicate-setting": _edits({"Indstillinger!A11": "Titel", "Indstillinger!B11": "En anden titel"}),
    "duplicate-share": _edits({"Nøgler!B3": "MSB"}),
    "duplicate-sheet": _old_copy,
    "duplicate-target": _edits({"Mål!A3": "Mål", "Mål!B3": 1}),
    "duplicate-theme": _edits({"Temaer!A3": 1}),
    "duplicate-year": _edits({"Forslag!M1": 2024}),
    "example-row": _init_template,
    "excel-error": _edits({"Forslag!E2": "#REF!"}),
    "file-name-clash": _edits({"Afdelinger!A6": "M/B", "Afdelinger!A7": "M:B"}),
    "fixed-not-estimated": _edits({"Forslag!F2": None}),
    "fixed-sum": _edits({"Faste beløb!D2": 900}),
    "fixed-unused": _edits({"Faste beløb!A2": 3}),
    "formula-without-value": _edits({"Forslag!E2": "=1000+2250"}),
    "hidden-columns": _with(lambda book: setattr(book["Forslag"].column_dimensions["E"], "hidden", True)),
    "hidden-rows": _with(lambda book: setattr(book["Forslag"].row_dimensions[3], "hidden", True)),
    "invalid-email": _edits({"Afdelinger!C2": "budget@@example.org"}),
    "key-ignored": _edits({"Temaer!E3": "Administrativ fordelingsnøgle"}),
    "key-not-100": _edits({}),
    "key-over-100": _edits({"Nøgler!C2": 0.5}),
    "macros-ignored": badfiles.with_macros,
    "merged-cells": _with(lambda book: book["Forslag"].merge_cells("E2:E3")),
    "missing-account": _edits({"Afdelinger!E1": "Konto", "Afdelinger!E2": "6.45.51.1.10"}),
    "missing-column": _edits({"Forslag!C1": "Overskrift"}),
    "missing-email": _edits({"Afdelinger!C2": None}),
    "missing-fixed": _edits({"Temaer!D4": "Faste beløb", "Temaer!E4": None}),
    "missing-header": _edits({f"Afdelinger!{c}1": None for c in "ABCD"}),
    "missing-key": _edits({"Temaer!E4": None}),
    "missing-setting": _edits({"Indstillinger!B2": None}),
    "missing-sheet": _edits({}, delete_sheets=("Mål",)),
    "missing-target": _edits({"Mål!C2": None}),
    "missing-value": _edits({"Afdelinger!B2": None}),
    "missing-year": _edits({"Faste beløb!G1": None}),
    "negative-amount": _edits({"Forslag!E3": -2000}),
    "negative-share": _edits({"Nøgler!C8": -0.01}),
    "no-departments": _edits({f"Afdelinger!{c}{r}": None for c in "ABCD" for r in range(2, 8)}),
    "no-distribution": _edits({"Temaer!D4": None, "Temaer!E4": None}),
    "no-themes": _edits({f"Temaer!{c}{r}": None for c in "ABCDEFGHIJ" for r in range(2, 10)}),
    "no-years": _edits({f"Forslag!{c}1": None for c in "EFGH"}),
    "not-a-master": _official,
    "not-a-number": _edits({"Forslag!E2": "abc"}),
    "not-a-year": _edits({"Temaer!F5": "næste år"}),
    "not-finite": badfiles.infinity,
    "not-positive": _edits({"Temaer!G4": -5}),
    "number-as-text": _edits({"Forslag!E2": "3.250"}),
    "open-in-excel": _open_in_excel,
    "share-mixed-forms": _edits({"Nøgler!C2": 28.4}),
    "share-percent-points": _with(_percent_points),
    "sheet-too-large": badfiles.beyond_excel_rows,
    "stated-row-unreadable": _seed_with_bad_stated_row,
    "text-too-long": badfiles.long_text,
    "theme-without-lines": _edits({"Forslag!A3": 99}),
    "too-large": _edits({"Forslag!E2": 1e16}),
    "too-many-decimals": _edits({"Mål!B2": 50000.4}),
    "too-many-digits": _edits({"Mål!B2": 123456789012345.67}),
    "unknown-column": _edits({"Forslag!M1": "Ekstra", "Forslag!M2": "x"}),
    "unknown-decision": _edits({"Forslag!M1": "Beslutning", "Forslag!M2": "Måske"}),
    "unknown-department": _edits({"Faste beløb!C2": "XX"}),
    "unknown-key": _edits({"Forslag!J6": "Ukendt nøgle"}),
    "unknown-kind": _edits({"Forslag!D2": "X"}),
    "unknown-line": _edits({"Faste beløb!B2": 9}),
    "unknown-method": _edits({"Temaer!D4": "Efter behov"}),
    "unknown-row": _edits({"Mål!A3": "Andet", "Mål!B3": 1}),
    "unknown-setting": _edits({"Indstillinger!A11": "Farve", "Indstillinger!B11": "blå"}),
    "unknown-theme": _edits({"Forslag!A3": 99}),
    "unknown-year": _edits({"Temaer!F4": 2031}),
    "unused-year": _edits({"Mål!F1": 2031, "Mål!F2": 100}),
    "years-out-of-order": _edits({"Forslag!E1": 2025, "Forslag!F1": 2024}),
}
"""code → a function that writes, at the path it is given, a master the program reports that code for."""
