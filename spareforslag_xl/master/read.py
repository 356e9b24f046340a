"""Reads the sheets of a master workbook into plain rows of cell values (openpyxl, read-only).

This is the only module of the master that touches openpyxl. It keeps the values Excel
stored (not formulas), marks formulas whose value was never calculated, and leaves every
judgement about the values to ``parse``.
"""

from __future__ import annotations

import io
import re
import sys
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spareforslag_xl.io.package import check_workbook_package
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import fold_name

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384


class Uncalculated:
    """A formula cell without a stored value (the file was saved by a program that does not calculate)."""

    __slots__ = ("formula",)

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"Uncalculated({self.formula!r})"


class CellError(str):
    """An Excel error value such as #DIV/0! or #REF!."""


ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})


@dataclass
class RawSheet:
    """A sheet as rows of values; ``rows`` holds (row number, values) for non-empty rows."""

    name: str
    rows: list[tuple[int, tuple]] = field(default_factory=list)
    beyond_limits: bool = False
    merged: list[str] = field(default_factory=list)
    """Merged ranges such as 'A2:A4' (only the first cell of a range holds a value)."""
    hidden_rows: frozenset[int] = frozenset()
    """Rows hidden or filtered out in Excel (their values are read like any other)."""
    hidden_columns: frozenset[int] = frozenset()
    """0-based indexes of hidden columns."""


@dataclass
class RawWorkbook:
    path: Path
    sheet_names: list[str]
    sheets: dict[str, RawSheet]
    created: datetime | None = None
    """When the workbook was last saved (aware, UTC): its dcterms:modified, else dcterms:created; None without."""
    has_macros: bool = False
    same_names: list[tuple[str, ...]] = field(default_factory=list)
    """Wanted sheets whose names fold to the same name ('Forslag' and 'Forslag '): the first is read."""
    damaged: list[str] = field(default_factory=list)
    """Sheets not read (such as Vejledning) whose XML is broken: Excel would refuse the file."""
    data: bytes = field(default=b"", repr=False)
    """The file's bytes, read once: the sheets are read from them, and the archive keeps them."""


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\s[^>]*>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\s[^>]*>")
_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')


_DEFINED_NAMES = re.compile(rb"<(?:\w+:)?definedNames>.*?</(?:\w+:)?definedNames>|<(?:\w+:)?definedNames/>", re.S)


def _load(openpyxl, data: bytes, data_only: bool = True):
    """Return the workbook opened read-only; one whose defined names openpyxl cannot place is opened without them.

    LibreOffice writes print titles of a sheet it knows under another spelling as an invalid
    reference (``'mål' $1:$1``), and openpyxl then refuses the whole file. The program reads
    no defined name (print areas and titles, filters), so leaving them out changes no value.
    """
    try:
        # A file object, so that openpyxl does not judge the file by its extension (.xls, .xlsm).
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:
        if "assign names" not in str(exc):
            raise
    return openpyxl.load_workbook(_without_defined_names(data), read_only=True, data_only=data_only, keep_links=False)


def _without_defined_names(data: bytes) -> io.BytesIO:
    """Return a copy of the workbook in memory whose xl/workbook.xml has no defined names."""
    copy = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for info in original.infolist():
            part = original.read(info)
            if info.filename == "xl/workbook.xml":
                part = _DEFINED_NAMES.sub(b"", part)
            rewritten.writestr(info, part)
    copy.seek(0)
    return copy


def _openpyxl() -> Any:
    """Return openpyxl, imported here so that --help stays fast, and without numpy.

    openpyxl imports numpy when it is installed, only to accept numpy's numbers as cell values,
    which the reader never writes: a failing import of numpy (None in ``sys.modules``, Python's
    documented way) while openpyxl loads saves numpy's import and memory; numpy stays importable after."""
    if "openpyxl" not in sys.modules and "numpy" not in sys.modules:
        sys.modules["numpy"] = None  # type: ignore[assignment]
        try:
            import openpyxl
        finally:
            del sys.modules["numpy"]
    import openpyxl

    return openpyxl


def read_workbook(path: Path, wanted: Iterable[str] | None) -> RawWorkbook:
    """Return the wanted sheets (matched ignoring case and outer spaces) of the workbook at path.

    With ``wanted`` None every worksheet is read, under its own name (chart sheets are skipped).
    """
    data = check_workbook_package(path)
    openpyxl = _openpyxl()

    folded = {fold_name(name): name for name in wanted} if wanted is not None else None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it drops (data validation, conditional formats);
            # they do not matter for reading values.
            warnings.simplefilter("ignore")
            book = _load(openpyxl, data)
            try:
                names = list(book.sheetnames)
                same_names: list[tuple[str, ...]] = []
                if folded is None:
                    chosen = {ws.title: ws.title for ws in book.worksheets}
                else:
                    chosen, same_names = _choose(names, folded)
                sheets = {canon: _read_sheet(book[n], n) for n, canon in chosen.items()}
                sheet_parts = {n: getattr(book[n], "_worksheet_path", None) for n in chosen}
                others = {ws.title: getattr(ws, "_worksheet_path", None) for ws in book.worksheets
                          if ws.title not in chosen}
            finally:
                book.close()
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = {info.filename for info in archive.infolist()}
                created = saved_time(archive)
                formula_sheets = _scan_sheets(archive, sheet_parts, {s.name: s for s in sheets.values()})
                damaged = _damaged(archive, others)
            if formula_sheets:
                _mark_uncalculated(data, sheets, formula_sheets)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean "cannot read"
        raise InputError(path, _("the workbook cannot be read ({exc}).").format(exc=_reason(exc)),
                         _("Open it in Excel, save it again as .xlsx and retry.")) from None
    return RawWorkbook(
        path=path,
        sheet_names=names,
        sheets=sheets,
        created=created,
        has_macros="xl/vbaProject.bin" in parts,
        same_names=same_names,
        damaged=damaged,
        data=data,
    )


def _choose(names: list[str], folded: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, ...]]]:
    """Return the sheet to read for each wanted name (the first that folds to it) and the clashes."""
    groups: dict[str, list[str]] = {}
    for n in names:
        if fold_name(n) in folded:
            groups.setdefault(fold_name(n), []).append(n)
    chosen = {found[0]: folded[key] for key, found in groups.items()}
    return chosen, [tuple(found) for found in groups.values() if len(found) > 1]


def _read_sheet(ws, name: str) -> RawSheet:
    ws.reset_dimensions()  # a sheet may claim a million rows in its header; read what is there
    sheet = RawSheet(name)
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS or len(values) > MAX_COLUMNS:
            sheet.beyond_limits = True
            break
        if any(v is not None and v != "" for v in values):
            sheet.rows.append((number, _values(values)))
    return sheet


def _values(values: tuple) -> tuple:
    """Return a row's values with its error values ('#REF!') as CellError; most rows hold none, and are kept as read."""
    try:
        if ERROR_VALUES.isdisjoint(values):  # no number equals a text
            return values
    except TypeError:  # pragma: no cover - openpyxl gives hashable values
        pass
    return tuple(_value(v) for v in values)


def _value(v):
    if isinstance(v, str) and v in ERROR_VALUES:
        return CellError(v)
    return v


def _scan_sheets(archive: zipfile.ZipFile, sheet_parts: dict[str, str | None],
                 sheets: dict[str, RawSheet]) -> list[str]:
    """Note merged ranges and hidden rows and columns of each sheet read (what openpyxl's
    read-only mode does not give), and return the sheets whose XML holds a formula; a sheet
    whose part is unknown counts as one."""
    found = []
    for name, part in sheet_parts.items():
        if part is None:
            found.append(name)
            continue
        with archive.open(part.lstrip("/")) as fh:
            data = fh.read()
        if _FORMULA_TAG.search(data):
            found.append(name)
        sheet = sheets[name]
        sheet.merged = [m.decode("ascii").upper() for m in _MERGE.findall(data)]
        sheet.hidden_rows = frozenset(_hidden_rows(data))
        sheet.hidden_columns = frozenset(_hidden_columns(data))
    return found


def _attribute(tag: bytes, name: bytes) -> int | None:
    match = re.search(rb"\s" + name + rb'="([0-9]+)"', tag)
    return int(match.group(1)) if match else None


def _hidden_rows(data: bytes) -> Iterable[int]:
    for match in _ROW_TAG.finditer(data):
        tag = match.group(0)
        if _HIDDEN.search(tag):
            number = _attribute(tag, b"r")
            if number is not None:
                yield number


def _hidden_columns(data: bytes) -> Iterable[int]:
    for match in _COL_TAG.finditer(data):
        tag = match.group(0)
        if _HIDDEN.search(tag):
            low, high = _attribute(tag, b"min"), _attribute(tag, b"max")
            if low is not None and high is not None and high - low < MAX_COLUMNS:
                yield from range(low - 1, min(high, MAX_COLUMNS))


def _damaged(archive: zipfile.ZipFile, parts: dict[str, str | None]) -> list[str]:
    """Return the sheets among parts whose XML does not parse (DTDs were refused before)."""
    from xml.parsers import expat

    broken = []
    for name, part in parts.items():
        if part is None:
            continue
        parser = expat.ParserCreate()
        try:
            with archive.open(part.lstrip("/")) as fh:
                parser.ParseFile(fh)
        except (expat.ExpatError, KeyError, zipfile.BadZipFile, OSError, EOFError):
            broken.append(name)
    return broken


def _mark_uncalculated(data: bytes, sheets: dict[str, RawSheet], formula_sheets: list[str]) -> None:
    """Replace the empty value of a formula cell that has no stored value by Uncalculated."""
    book = _load(_openpyxl(), data, data_only=False)
    try:
        _replace_uncalculated(book, sheets, formula_sheets)
    finally:
        book.close()


def _replace_uncalculated(book, sheets: dict[str, RawSheet], formula_sheets: list[str]) -> None:
    for name in formula_sheets:
        sheet = next(s for s in sheets.values() if s.name == name)
        missing: dict[int, dict[int, Uncalculated]] = {}
        ws = book[name]
        ws.reset_dimensions()
        for number, cells in enumerate(ws.iter_rows(), start=1):
            if number > MAX_ROWS:
                break
            for col, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    missing.setdefault(number, {})[col] = Uncalculated(str(cell.value))
        if not missing:
            continue
        rows = dict(sheet.rows)
        for number, formulas in missing.items():
            values = list(rows.get(number, ()))
            for col, marker in formulas.items():
                values.extend([None] * (col + 1 - len(values)))
                if values[col] in (None, ""):  # a formula with a stored value keeps it
                    values[col] = marker
            rows[number] = tuple(values)
        sheet.rows = [(n, v) for n, v in sorted(rows.items()) if any(x is not None and x != "" for x in v)]


_CORE_RELATION = re.compile(
    rb'<(?:\w+:)?Relationship\s(?=[^>]*Type="[^"]*/metadata/core-properties")[^>]*?Target="([^"]+)"')
_W3CDTF = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?")
_DCTERMS = "{http://purl.org/dc/terms/}"


def saved_time(archive: zipfile.ZipFile) -> datetime | None:
    """Return when the workbook says it was saved: dcterms:modified, else dcterms:created; None without.

    Read here rather than from openpyxl, which gives the current time for a date a file lacks: a
    master without one must give the same outputs tomorrow.
    """
    from defusedxml.ElementTree import fromstring

    try:
        relations = archive.read("_rels/.rels")
        found = _CORE_RELATION.search(relations)
        part = found.group(1).decode("utf-8").lstrip("/") if found else "docProps/core.xml"
        root = fromstring(archive.read(part))
    except Exception:  # no core properties, or damaged ones: the workbook does not say
        return None
    for name in ("modified", "created"):
        element = root.find(_DCTERMS + name)
        when = _w3cdtf(element.text or "") if element is not None else None
        if when is not None:
            return when
    return None


def _w3cdtf(text: str) -> datetime | None:
    """Return a W3C date and time ('2023-06-12T12:00:00Z', '…T14:00:00.5+02:00', '2023-06-12') in UTC, or None."""
    from datetime import timedelta, timezone

    match = _W3CDTF.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g or 0) for g in match.groups()[:6])
    zone = match.group(7) or "Z"
    offset = timedelta(0) if zone == "Z" else (1 if zone[0] == "+" else -1) * timedelta(
        hours=int(zone[1:3]), minutes=int(zone[-2:]))
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=timezone(offset))
        return local.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _reason(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    if isinstance(exc, KeyError):
        return _("it is damaged: the part {value} is missing").format(value=text.strip(chr(39)))
    literal = re.search(r"invalid literal for \w+\(\) with base 10: '(.*)'", text)
    if literal:
        return _("a cell holds '{value}', which is not a value Excel can store").format(value=literal.group(1)[:40])
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in text:
        return _("a part of the file is corrupt: {reason}").format(reason=text)
    if "not well-formed" in text or "syntax error" in text.lower():
        return _("its XML is broken: {reason}").format(reason=text)
    if "DTD" in text or "EntitiesForbidden" in type(exc).__name__ or "Forbidden" in type(exc).__name__:
        return _("it contains XML entity declarations, which are refused for safety")
    return text
