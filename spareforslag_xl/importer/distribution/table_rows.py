"""Reads the department tables of 'Fordeling på afdeling': a share and an amount per year for each
department, with an 'I alt' row.

Two layouts occur: 'Magistratsafdeling (mio. kr.) | Andel | 2024 …' in one header row,
and a title row '1) Forenkling lønforhandlinger: | Magistratsafdeling' whose second row
continues with '(mio. kr.) | Andel | 2024 …' one column in. One run of TAB rows may hold
several such tables; each header row with years starts one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spareforslag_xl.importer.blocks import Row, Table
from spareforslag_xl.importer.numbers import Figure, read_figure, read_share, unit_in, unit_of
from spareforslag_xl.importer.overview import year_columns

_TOTAL = ("i alt", "total", "samlet", "sum")
_REST = "ikke fordelt"
_CODE = re.compile(r"^[A-ZÆØÅ][A-Za-zÆØÅæøå0-9&.\-]{0,11}$")


@dataclass
class KeyRow:
    line: int
    code: str
    share: Figure | None = None
    share_text: str = ""
    figures: dict[int, Figure] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)


@dataclass
class KeyTable:
    line: int
    last_line: int
    title: str
    title_line: int
    header: str
    """The department column's header, e.g. 'Magistratsafdeling (mio. kr.)'."""
    unit: str | None
    has_shares: bool
    years: tuple[int, ...]
    rows: list[KeyRow] = field(default_factory=list)
    total: KeyRow | None = None
    rest: KeyRow | None = None
    """The row 'Ikke fordelt' (the document's own tables show what a key below 100 % leaves)."""
    odd_rows: list[Row] = field(default_factory=list)
    """Rows that are neither a department nor the total."""

    @property
    def ident(self) -> str:
        return f"L{self.line}"


def is_code(text: str) -> bool:
    """True for a department code such as 'MSB' or 'BA' (one word, capital first letter)."""
    return bool(_CODE.match(text.strip()))


def read_key_tables(table: Table) -> list[KeyTable]:
    """Return the department tables in a run of rows (none when no row is a header with years)."""
    rows = list(table.rows)
    headers = [i for i, r in enumerate(rows) if year_columns(r)]
    result = []
    for n, h in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else len(rows)
        head = rows[h]
        years = year_columns(head)
        first_year_col = min(years.values())
        filled = [c for c in head.filled if c < first_year_col]
        share_col = next((c for c in filled if head.text(c).casefold().startswith("andel")), None)
        label_cols = [c for c in filled if c != share_col]
        dept_col = label_cols[0] if label_cols else 0
        title, title_line, header = "", 0, head.text(dept_col)
        title_row = rows[h - 1] if h > 0 and _is_title_row(rows[h - 1], years) else None
        if title_row is not None and (n == 0 or h - 1 > headers[n - 1]):
            header = " ".join(t for t in (title_row.text(dept_col), header) if t)
            title = " ".join(title_row.text(c) for c in title_row.filled if c < dept_col)
            title_line = title_row.line
        elif dept_col > 0:
            title = " ".join(head.text(c) for c in head.filled if c < dept_col)
            title_line = head.line if title else 0
        if end < len(rows) and end - 1 > h and _is_title_row(rows[end - 1], years):
            end -= 1  # the next table's title row
        unit = unit_in(header) or unit_of(header) or unit_in(title)
        kt = KeyTable(line=title_line or head.line, last_line=head.line, title=title, title_line=title_line,
                      header=header, unit=unit, has_shares=share_col is not None, years=tuple(years))
        for row in rows[h + 1:end]:
            kt.last_line = row.line
            _read_row(kt, row, dept_col, share_col, years)
        result.append(kt)
    return result


def _is_title_row(row: Row, years: dict[int, int]) -> bool:
    """A row with text but no figure under the years (e.g. '1) Forenkling …: | Magistratsafdeling')."""
    return bool(row.filled) and not any(read_figure(row.text(c)) for c in years.values()) \
        and not any(read_share(t) for t in row.texts)


def _read_row(kt: KeyTable, row: Row, dept_col: int, share_col: int | None, years: dict[int, int]) -> None:
    if not row.filled:
        return
    code = row.text(dept_col)
    if any(row.text(c) for c in range(dept_col)) and not code:
        kt.odd_rows.append(row)
        return
    record = KeyRow(row.line, code)
    if share_col is not None:
        record.share_text = row.text(share_col)
        record.share = read_share(record.share_text)
    for year, col in years.items():
        text = row.text(col)
        if not text:
            continue
        figure = read_figure(text)
        if figure is None:
            record.texts[year] = text
        else:
            record.figures[year] = figure
    folded = " ".join(code.casefold().split())
    if folded.startswith(_TOTAL):
        kt.total = record
    elif folded == _REST:
        kt.rest = record  # what the key leaves undistributed: neither a department nor odd
    elif code and is_code(code) and (record.share is not None or share_col is None) and not record.texts:
        kt.rows.append(record)
    else:
        kt.odd_rows.append(row)
