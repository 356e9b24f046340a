"""Reads a theme's 'Identificeret potentiale' table: its lines, the total row and the FTE row.

The header is a row 'Identificeret potentiale (1.000 kr) | 2024 | 2025 …', or a caption
heading '### Identificeret potentiale (1.000 kr)' followed by a row of only years. Lines
are numbered ('1. Ledelsestilsyn i MSB (A)') or not ('<i>Genbrugsportal</i>'); rows of
'...' are placeholders; the FTE row may stand in the table with or without figures, or as
an italic paragraph of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spareforslag_xl.importer.blocks import Block, Heading, Paragraph, Row, Table
from spareforslag_xl.importer.numbers import Figure, unit_in
from spareforslag_xl.importer.overview import OverviewRow, year_cells, year_columns
from spareforslag_xl.importer.prose import paragraph_text
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.model.i18n import _

_NUMBERED = re.compile(r"^(\d+[a-z]?)\s*[.)]\s+(.+)$")
_KIND = re.compile(r"^(.*?)\s*\(([AT])\)\s*$")
_PLACEHOLDER = re.compile(r"^[.…\s]+$")
_FTE_WORDS = ("opgjort i antal årsværk", "opgjort i årsværk", "antal årsværk", "årsværk =", "(årsværk =")


@dataclass
class PotentialLine:
    line: int
    label: str
    number: str
    title: str
    kind: str
    figures: dict[int, Figure]


@dataclass
class Potential:
    unit: str = ""
    years: tuple[int, ...] = ()
    lines: list[PotentialLine] = field(default_factory=list)
    total: OverviewRow | None = None
    fte: OverviewRow | None = None
    fte_line: int = 0
    """The line of an FTE row or paragraph (with or without figures)."""
    line: int = 0
    last_line: int = 0
    prose: list[Block] = field(default_factory=list)
    """The blocks that are the sub-section's text (without the table and the FTE note)."""

    @property
    def found(self) -> bool:
        return bool(self.line)


def is_fte_label(text: str) -> bool:
    folded = " ".join(text.casefold().split())
    return any(folded.startswith(w) for w in _FTE_WORDS)


def split_label(label: str) -> tuple[str, str, str]:
    """Return (number, title, kind) of a line label.

    '1. Ledelsestilsyn i MSB (A)' gives ('1', 'Ledelsestilsyn i MSB', 'A').
    """
    number, title = "", label.strip()
    m = _NUMBERED.match(title)
    if m:
        number, title = m.group(1), m.group(2).strip()
    kind = ""
    k = _KIND.match(title)
    if k:
        title, kind = k.group(1).strip(), k.group(2)
    return number, title, kind


def read_potential(blocks: Sequence[Block], plan_unit: str, years: tuple[int, ...], report: ImportReport,
                   theme: str) -> Potential:
    """Return the potential table and texts of a sub-section's blocks."""
    result = Potential()
    caption: Heading | None = None
    for block in blocks:
        if isinstance(block, Heading) and unit_in(block.text) is not None and not result.found:
            caption = block
            continue
        if isinstance(block, Paragraph) and is_fte_label(paragraph_text(block).lstrip("(")):
            result.fte_line = result.fte_line or block.line
            continue
        if isinstance(block, Table):
            if not result.found and year_columns(block.rows[0]):
                _read_table(block, caption, plan_unit, years, report, theme, result)
                caption = None
            else:
                report.review("table",
                              _("a table of unknown structure (no header row with years, or a second table) was not "
                                "imported"), block.line, block.last_line, theme)
            continue
        if caption is not None:
            result.prose.append(caption)
            caption = None
        result.prose.append(block)
    if caption is not None:
        result.prose.append(caption)
    return result


def _read_table(table: Table, caption: Heading | None, plan_unit: str, years: tuple[int, ...],
                report: ImportReport, theme: str, result: Potential) -> None:
    head = table.rows[0]
    columns = year_columns(head)
    unit = unit_in(head.text(0)) or (unit_in(caption.text) if caption else None)
    if unit is None:
        unit = plan_unit
        report.review("lines",
                      _("the table's header names no unit; its amounts were read as {plan_unit}").format(
                          plan_unit=plan_unit),
                      head.line, theme=theme)
    result.unit = unit
    result.years = tuple(columns)
    result.line = caption.line if caption else table.line
    result.last_line = table.last_line
    missing = [y for y in years if y not in columns]
    extra = [y for y in columns if y not in years]
    if missing or extra:
        report.review("lines",
                      _("the table's years ({str}) differ from the overview's ({str2}); only the overview's years were "
                        "read").format(str=', '.join(map(str, columns)), str2=', '.join(map(str, years))), head.line,
                      theme=theme)
    for row in table.rows[1:]:
        _read_row(row, columns, report, theme, result)


def _read_row(row: Row, columns: dict[int, int], report: ImportReport, theme: str, result: Potential) -> None:
    label_col = 0
    label = row.text(label_col)
    if not any(row.texts):
        return
    figures, texts = year_cells(row, columns)
    folded = " ".join(label.casefold().split())
    if not label or _PLACEHOLDER.match(label):
        if figures or texts:
            report.review("lines",
                          _("a row without a title holds figures ({texts}); it was not imported").format(
                              texts=', '.join(row.texts[1:])), row.line, theme=theme)
        else:
            report.info("lines", _("placeholder row '{value}' skipped").format(value=label or '(empty)'), row.line,
                        theme=theme)
        return
    if folded.startswith(("anslået samlet", "samlet besparelse", "i alt", "anslået besparelse", "total")):
        result.total = OverviewRow(row.line, label, figures, texts)
        if texts:
            report.review("total",
                          _("the total row has text where amounts belong ({values})").format(
                              values='; '.join(texts.values())),
                          row.line, theme=theme)
        return
    if is_fte_label(label):
        result.fte = OverviewRow(row.line, label, figures, texts)
        result.fte_line = row.line
        for year, text in texts.items():
            report.info("fte", _("the FTE for {year} is text, not a figure: '{text}'").format(year=year, text=text),
                        row.line, theme=theme)
        return
    number, title, kind = split_label(label)
    if texts:
        report.review("lines",
                      _("the line '{label}' has text where amounts belong ({value}); those years were read as not "
                        "estimated").format(label=label, value='; '.join(f'{y}: {t}' for y, t in texts.items())),
                      row.line, theme=theme)
    result.lines.append(PotentialLine(row.line, label, number, title, kind, figures))
