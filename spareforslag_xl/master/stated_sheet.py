"""The master's sheet 'Dokumenttal': the figures the proposals document states, written by the
importer and read back by ``audit`` and ``build``.

The master reader ignores sheets it does not know, so this sheet never disturbs it. One
row per figure; 'Værdi' is in the master's unit (shares as fractions, FTE as a count), blank
for '-'; 'Som trykt', 'Enhed' and 'Decimaler' say how the document printed it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.model.danish import to_decimal
from spareforslag_xl.model.stated import KIND_BY_NAME, StatedFigure

SHEET = "Dokumenttal"
COLUMNS = (
    ("Art", 24), ("Tema", 6), ("Forslag", 22), ("Afdeling", 9), ("Nøgle", 28), ("Tabel", 7), ("Tekst", 40),
    ("År", 6), ("Værdi", 11), ("Som trykt", 11), ("Enhed", 9), ("Decimaler", 9), ("Linje", 7),
)
HEADERS = tuple(c for c, _ in COLUMNS)
WRAPPED = (0, 2, 4, 6)
"""The columns of texts, which wrap."""
INTRO = ("Tallene som dokumentet angiver dem, med linjenummer i dokumentet. 'Værdi' er i grundarkets enhed "
         "(andele som brøk, årsværk som antal); tom værdi betyder '-' (ikke anslået). "
         "Bruges af 'spareforslag audit' og af rapportens ark 'Dokumentafvigelser'; programmet læser ikke "
         "arket som en del af grundarket.")


def stated_sheet(figures: Sequence[StatedFigure]):
    """Return an extra-sheet callback for master_bytes that writes the figures."""
    from spareforslag_xl.workbook.sheet import SheetWriter  # writing only: reading stays free of xlsxwriter

    def write(book, styles) -> None:
        w = SheetWriter(book.add_worksheet(SHEET), styles)
        for col, (_header, width) in enumerate(COLUMNS):
            w.column(col, col, width)
        w.fit_width({col: 12 for col in WRAPPED})  # one page wide: the texts wrap in narrower columns
        for col, (header, _width) in enumerate(COLUMNS):
            w.text(0, col, header, "header")
        for row, f in enumerate(figures, start=1):
            values = (f.kind.value, f.theme, f.line, f.department, f.key, f.table, f.label)
            for col, value in enumerate(values):
                _code_or_text(w, row, col, value, "text_wrap" if col in WRAPPED else "text")
            if f.year is not None:
                w.number(row, 7, f.year)
            if f.value is not None:
                w.number(row, 8, f.value, "amount" if f.value == int(f.value) else "decimal")
            w.text(row, 9, f.text)
            w.text(row, 10, f.unit)
            w.number(row, 11, f.decimals)
            w.number(row, 12, f.source_line)
        w.freeze(1, 0)
        w.autofilter(0, 0, max(1, len(figures)), len(COLUMNS) - 1)
        w.comment(0, 0, INTRO, {"x_scale": 3, "y_scale": 2})
        w.print_setup(SHEET, "", (0, 0))
    return write


def _code_or_text(w, row: int, col: int, value: str, style: str = "text") -> None:
    if value.isdigit() and len(value) < 10 and not value.startswith("0"):
        w.number(row, col, int(value))
    else:
        w.text(row, col, value, style)


MAX_DECIMALS = 10


def parse_stated(rows: list[tuple[int, tuple]]) -> tuple[list[StatedFigure], list[int]]:
    """Return the figures of the sheet's rows (row number, values) and the numbers of rows left out.

    A row is left out when its kind or line is missing, its value is not a finite number of a
    sane size, or its decimals are not 0 to 10: the audit compares only what it can trust.
    """
    if not rows:
        return [], []
    header = [str(v).strip() if v is not None else "" for v in rows[0][1]]
    col = {h: header.index(h) for h in HEADERS if h in header}
    if "Art" not in col or "Linje" not in col:
        return [], [number for number, _ in rows[1:]]
    result, skipped = [], []
    for number, values in rows[1:]:
        def get(name: str, values: Sequence = values):
            i = col.get(name)
            return values[i] if i is not None and i < len(values) else None
        kind = KIND_BY_NAME.get(str(get("Art") or "").strip().casefold())
        line = _integer(get("Linje"))
        raw = get("Værdi")
        value = _number(raw)
        decimals = _integer(get("Decimaler")) or 0
        unreadable = raw not in (None, "") and value is None
        if kind is None or line is None or unreadable or not 0 <= decimals <= MAX_DECIMALS:
            skipped.append(number)
            continue
        result.append(StatedFigure(
            kind=kind, theme=_text(get("Tema")), line=_text(get("Forslag")), department=_text(get("Afdeling")),
            year=_integer(get("År")), value=value, text=_text(get("Som trykt")), unit=_text(get("Enhed")),
            decimals=decimals, source_line=line, label=_text(get("Tekst")),
            key=_text(get("Nøgle")), table=_text(get("Tabel")),
        ))
    return result, skipped


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _integer(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _number(value) -> Decimal | None:
    """Return a finite number below 10**15, or None."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        number = to_decimal(value) if isinstance(value, (int, float)) else Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError:
        return None
    return number if number.is_finite() and abs(number) < Decimal(10) ** 15 else None
