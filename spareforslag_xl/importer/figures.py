"""Records the figures the document states, converted to the plan's unit (the sheet 'Dokumenttal')."""

from __future__ import annotations

from spareforslag_xl.importer.distribution.spec import Distribution, KeyUse
from spareforslag_xl.importer.distribution.table_rows import KeyRow, KeyTable
from spareforslag_xl.importer.numbers import Figure
from spareforslag_xl.importer.overview import Overview, OverviewRow
from spareforslag_xl.importer.potential import Potential
from spareforslag_xl.model.stated import FTE_UNIT, SHARE_UNIT, Kind, StatedFigure
from spareforslag_xl.model.units import convert


class FigureLog:
    """Collects stated figures in document order."""

    def __init__(self, plan_unit: str) -> None:
        self.plan_unit = plan_unit
        self.figures: list[StatedFigure] = []

    def amount(self, kind: Kind, theme: str, figure: Figure, unit: str, year: int | None, line_no: int,
               label: str, line: str = "", department: str = "", key: str = "", table: str = "") -> None:
        self.figures.append(StatedFigure(
            kind=kind, theme=theme, line=line, department=department, year=year,
            value=convert(figure.value, unit, self.plan_unit), text=figure.text, unit=unit,
            decimals=figure.decimals, source_line=line_no, label=label, key=key, table=table,
        ))

    def row(self, kind: Kind, theme: str, row: OverviewRow, unit: str, line: str = "") -> None:
        for year, figure in row.figures.items():
            self.amount(kind, theme, figure, unit, year, row.line, row.label, line)

    def overview(self, ov: Overview, numbers: dict[int, str]) -> None:
        """Record the overview's figures; numbers maps an overview row's line to its theme number."""
        for t in ov.themes:
            if t.status:
                continue
            self.row(Kind.OVERVIEW, numbers.get(t.line, t.number), t, ov.unit)
        for kind, row in ((Kind.OVERVIEW_TOTAL, ov.total), (Kind.TARGET, ov.target), (Kind.DIFFERENCE, ov.difference)):
            if row is not None:
                self.row(kind, "", row, ov.unit)

    def potential(self, theme: str, pot: Potential, idents: list[str]) -> None:
        """Record a theme's lines (idents: each line's number or title), total and FTE."""
        for line, ident in zip(pot.lines, idents, strict=True):
            for year, figure in line.figures.items():
                self.amount(Kind.LINE, theme, figure, pot.unit, year, line.line, line.label, ident)
        if pot.total is not None:
            self.row(Kind.THEME_TOTAL, theme, pot.total, pot.unit)
        if pot.fte is not None:
            for year, figure in pot.fte.figures.items():
                self.figures.append(StatedFigure(
                    kind=Kind.FTE, theme=theme, line="", department="", year=year, value=figure.value,
                    text=figure.text, unit=FTE_UNIT, decimals=figure.decimals, source_line=pot.fte.line,
                    label=pot.fte.label,
                ))

    def distribution(self, theme: str, dist: Distribution) -> None:
        for use in dist.keys:
            self._key_table(theme, use.table, use.unit, use.target, use)
        for fixed in dist.fixed_tables:
            self._key_table(theme, fixed.table, fixed.unit, fixed.target, None)
        for f in dist.stated_fixed:
            self.figures.append(StatedFigure(
                kind=Kind.FIXED, theme=theme, line=f.target, department=f.department, year=None, value=f.value,
                text=f.text, unit=f.unit, decimals=f.decimals, source_line=f.line, label=f"{f.department}: {f.text}",
            ))

    def _key_table(self, theme: str, kt: KeyTable, unit: str, target: str, use: KeyUse | None) -> None:
        key = use.name if use is not None else ""
        for row in kt.rows:
            self._key_row(theme, kt, row, unit, target, key, row.code, Kind.SHARE, Kind.PART)
        if kt.total is not None:
            self._key_row(theme, kt, kt.total, unit, target, key, "", Kind.SHARE_TOTAL, Kind.PART_TOTAL)

    def _key_row(self, theme: str, kt: KeyTable, row: KeyRow, unit: str, target: str, key: str, department: str,
                 share_kind: Kind, part_kind: Kind) -> None:
        if row.share is not None:
            self.figures.append(StatedFigure(
                kind=share_kind, theme=theme, line=target, department=department, year=None,
                value=row.share.value, text=row.share.text, unit=SHARE_UNIT, decimals=row.share.decimals,
                source_line=row.line, label=row.code, key=key, table=kt.ident,
            ))
        for year, figure in row.figures.items():
            self.amount(part_kind, theme, figure, unit, year, row.line, row.code, target, department, key, kt.ident)
