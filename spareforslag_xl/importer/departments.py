"""Reads the companion file of department names: CSV with ';', header 'Kode;Navn;E-mail;Kontaktperson'.

The document gives only department codes; names, mail recipients and contacts come from
this file. Several addresses in one E-mail cell are separated by ','.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from spareforslag_xl.importer.text import MAX_BYTES, decode
from spareforslag_xl.io.package import read_input
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Department

HEADER = ("Kode", "Navn", "E-mail", "Kontaktperson")
REQUIRED = ("Kode", "Navn")


def read_departments(path: Path) -> tuple[Department, ...]:
    """Return the departments listed in the CSV file at path; raise InputError when it cannot be used."""
    path = Path(path)
    data = read_input(path, "departments file", MAX_BYTES)
    text, _encoding = decode(path, data, "departments file", _(
        "Save the list of departments as CSV (UTF-8, ';' between columns) with the header {header}.").format(
            header=';'.join(HEADER)))
    return parse_departments(path, text)


def parse_departments(path: Path, text: str) -> tuple[Department, ...]:
    """Return the departments a CSV text lists (see read_departments)."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InputError(path, _("the departments file is empty."),
                         _("Write the header {columns} and one row per department.").format(columns=';'.join(HEADER)))
    header = [c.strip().lstrip("\ufeff") for c in rows[0]]
    folded = [h.casefold() for h in header]
    missing = [h for h in REQUIRED if h.casefold() not in folded]
    if missing:
        raise InputError(path,
                         _("the first line must be the header {columns} (found: {header}).").format(
                             columns=';'.join(HEADER), header=';'.join(header)), _("Separate the columns with ';'."))
    col = {h: folded.index(h.casefold()) for h in HEADER if h.casefold() in folded}
    result: list[Department] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        def cell(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""
        code = cell("Kode")
        if not code:
            raise InputError(path, _("line {number} has no department code.").format(number=number),
                             _("Fill in Kode on every line."))
        if code.casefold() in seen:
            raise InputError(path, _("line {number}: the code {code} appears twice.").format(number=number, code=code),
                             _("Keep one line per department."))
        seen.add(code.casefold())
        emails = tuple(e.strip() for e in cell("E-mail").replace(";", ",").split(",") if e.strip())
        result.append(Department(code, cell("Navn"), emails, cell("Kontaktperson")))
    return tuple(result)
