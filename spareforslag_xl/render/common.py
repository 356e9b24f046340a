"""The frame of a sheet with years written directly (the changes sheet 'Ændringer'), in the report's look.

The report and the department workbooks are content written by render/workbook_writer.py; this
frame gives a sheet written cell by cell the same columns, heading, year header and print setup.
"""

from __future__ import annotations

from spareforslag_xl.content.common import Frame as ContentFrame
from spareforslag_xl.model.labels import SCENARIO_LINE, meta_line
from spareforslag_xl.model.plan import Plan
from spareforslag_xl.render.workbook_writer import YEAR_WIDTH, year_column_widths
from spareforslag_xl.workbook.book import cell
from spareforslag_xl.workbook.sheet import SheetWriter, Styles


class Frame(ContentFrame):
    """The frame of a sheet with years written cell by cell: columns, heading, year header, print setup."""

    def __init__(self, plan: Plan, years: tuple[int, ...], styles: Styles) -> None:
        super().__init__(plan, years)
        self.styles = styles

    def _heading(self, w: SheetWriter, title: str, subtitle: str = "") -> int:
        w.text(0, 0, title, "title")
        row = 1
        if subtitle:
            w.text(row, 0, subtitle, "subtitle")
            row += 1
        s = self.plan.settings
        w.text(row, 0, meta_line(s.municipality, s.budget_year, self.unit, self.source), "meta")
        if self.plan.scenario is not None:
            # Over the sheet's width: in the label column alone it would be given the height of the
            # lines it wraps to there, and print on one line above an empty gap.
            w.paragraph(row + 1, 0, self.last_col, SCENARIO_LINE[self.plan.scenario.value], "subsection")
            row += 1
        return row + 2

    def _year_header(self, w: SheetWriter, row: int, label: str, last: str = "", text: bool = False) -> None:
        """Write a table's header: label, the years (as text where it is repeated inside a table) and
        the side column's heading."""
        w.year_header(row, label, self.years, last, self.last_col, text)

    def _sum_formula(self, col: int, first: int, last: int) -> str:
        return f"=SUM({cell(first, col)}:{cell(last, col)})"

    def _columns(self, w: SheetWriter) -> None:
        """Label, one column per year, a note column: the same on every sheet with years."""
        label, note = year_column_widths(len(self.years))
        w.column(0, 0, label)
        w.column(1, len(self.years), YEAR_WIDTH)
        w.column(self.last_col, self.last_col, note, side=True)

    def _finish(self, w: SheetWriter, repeat: tuple[int, int] | None = None) -> None:
        w.apply_heights()
        w.print_setup(self.title, self.source, repeat)
