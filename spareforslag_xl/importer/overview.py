"""Reads the overview table: the years and unit from its header, one row per theme, and the rows
'I alt', 'Mål' and 'Difference …'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spareforslag_xl.importer.blocks import Row, Table
from spareforslag_xl.importer.numbers import THOUSANDS, Figure, read_figure, unit_in
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.model.i18n import _

YEAR_MIN, YEAR_MAX = 1900, 2200
_THEME_ROW = re.compile(r"^(?:tema\s+)?(\d+[a-z]?)\s*[.):]\s*(.+)$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^[.…\s]+$")


@dataclass
class OverviewRow:
    line: int
    label: str
    figures: dict[int, Figure] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    """Cells under a year that are text, not figures."""


@dataclass
class OverviewTheme(OverviewRow):
    number: str = ""
    name: str = ""
    status: str = ""
    """A note in place of the amounts ('(temaet er slået ind under tema 8)')."""


@dataclass
class Overview:
    line: int
    last_line: int
    years: tuple[int, ...]
    unit: str
    unit_stated: bool
    themes: list[OverviewTheme] = field(default_factory=list)
    total: OverviewRow | None = None
    target: OverviewRow | None = None
    difference: OverviewRow | None = None


def year_of(text: str) -> int | None:
    s = text.strip()
    if len(s) == 4 and s.isdigit() and YEAR_MIN <= int(s) <= YEAR_MAX:
        return int(s)
    return None


def year_columns(row: Row) -> dict[int, int]:
    """Return {year: column} for the cells of a header row that are years."""
    found: dict[int, int] = {}
    for col, cell in enumerate(row.cells):
        year = year_of(cell.text)
        if year is not None and year not in found:
            found[year] = col
    return found


def is_overview_table(table: Table) -> bool:
    """True for a table whose header starts with 'Tema' and names years."""
    head = table.rows[0]
    return head.text(0).casefold().startswith("tema") and bool(year_columns(head))


def read_overview(table: Table, report: ImportReport) -> Overview:
    """Return the overview a table holds, reporting every row it read or skipped."""
    head = table.rows[0]
    columns = year_columns(head)
    unit = unit_in(head.text(0))
    overview = Overview(table.line, table.last_line, tuple(columns), unit or THOUSANDS, unit is not None)
    if unit is None:
        report.review("overview",
                      _("the overview's header '{value}' names no unit; amounts were read as {THOUSANDS}").format(
                          value=head.text(0), THOUSANDS=THOUSANDS), head.line)
    for row in table.rows[1:]:
        label = row.text(0)
        if not any(row.texts):
            continue
        if _PLACEHOLDER.match(label or ".") and not any(row.text(c) for c in columns.values()):
            report.info("overview", _("placeholder row '{label}' skipped").format(label=label), row.line)
            continue
        figures, texts = year_cells(row, columns)
        folded = " ".join(label.casefold().split())
        m = _THEME_ROW.match(label)
        if m:
            theme = OverviewTheme(row.line, label, figures, texts, number=m.group(1), name=m.group(2).strip())
            if not figures and texts:
                theme.status = " ".join(dict.fromkeys(texts.values()))
                theme.texts = {}
            elif texts:
                report.review("overview",
                              _("theme {number} has text where amounts belong ({values}); the text was ignored").format(
                                  number=theme.number, values='; '.join(texts.values())), row.line, theme=theme.number)
            overview.themes.append(theme)
        elif folded.startswith(("i alt", "total", "samlet")):
            overview.total = OverviewRow(row.line, label, figures, texts)
        elif folded.startswith(("mål", "måltal", "sparemål")):
            overview.target = OverviewRow(row.line, label, figures, texts)
        elif folded.startswith(("difference", "diff.", "rest")):
            overview.difference = OverviewRow(row.line, label, figures, texts)
        else:
            report.review("overview",
                          _("the row '{label}' is neither a theme ('N. Title') nor I alt, Mål or Difference; it was "
                            "not imported").format(label=label), row.line)
    return overview


def year_cells(row: Row, columns: dict[int, int]) -> tuple[dict[int, Figure], dict[int, str]]:
    """Return the row's figures by year, and the texts of year cells that hold no figure."""
    figures: dict[int, Figure] = {}
    texts: dict[int, str] = {}
    for year, col in columns.items():
        text = row.text(col)
        if not text:
            continue
        figure = read_figure(text)
        if figure is None:
            texts[year] = text
        else:
            figures[year] = figure
    return figures, texts
