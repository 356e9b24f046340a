"""Native Excel charts of the report and the department workbooks (content/nodes.py Chart, drawn).

Every series refers to cells of the sheet the chart stands on (not to copied values), so a
chart follows an edit of the figures it shows. A chart is placed below its sheet's tables
over rows of its own, which the page plan keeps whole on one printed page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CHART_ROWS = 17
"""Rows of the default height a chart covers (about 12 cm at 100 %)."""
SMALL_CHART_ROWS = 14
"""A department's chart (one series and the target): smaller, so that it often fits under the sheet's last table."""
FONT = {"name": "Calibri", "size": 10}
"""Chart text at the size of the cells' text, so that it prints at 7 pt or more when shrunk to fit."""
TITLE_FONT = {"name": "Calibri", "size": 11, "bold": True}
AMOUNT_FORMAT = "#,##0"
PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E",
           "#636363", "#997300", "#255E91", "#43682B")
"""Series colours given explicitly, so that Excel and LibreOffice draw the same chart."""
TARGET_COLOUR = "#C00000"


REFERENCE_LIKE = re.compile(r"^=?[^!]+!\$?[A-Z]+\$?\d+")
"""What xlsxwriter takes for a cell reference in a chart's series name or title (``x!A1``)."""


def _literal(text: str) -> str:
    """Return a chart text that xlsxwriter writes as text, never as a reference: a code such as
    ``+cmd|' /C calc'!A0`` gets an invisible word joiner after each '!', so it shows as typed."""
    return text.replace("!", "!\u2060") if REFERENCE_LIKE.match(text) else text


def _range(sheet: str, row: int, first_col: int, last_col: int) -> list:
    return [sheet, row, first_col, row, last_col]


def _frame(chart, title: str, legend: str = "right") -> None:
    chart.set_title({"name": _literal(title), "name_font": TITLE_FONT, "overlay": False})
    chart.set_x_axis({"num_font": FONT, "major_tick_mark": "none"})
    chart.set_y_axis({"num_font": FONT, "num_format": AMOUNT_FORMAT, "min": 0, "major_gridlines": {"visible": True,
                      "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": legend, "font": FONT})
    chart.set_chartarea({"border": {"none": True}})


def _target_line(book, name: list, categories: list, values: list):
    line = book.add_chart({"type": "line"})
    line.add_series({
        "name": name, "categories": categories, "values": values,
        "line": {"color": TARGET_COLOUR, "width": 2.25},
        "marker": {"type": "diamond", "size": 8, "border": {"color": TARGET_COLOUR}, "fill": {"color": TARGET_COLOUR}},
    })
    return line


def themes_chart(book, sheet: str, header: int, years: int, themes: Sequence[tuple[str, int]], target: int,
                 title: str, colours: Sequence[int] | None = None):
    """The savings per year stacked by theme (series name, row of its total) against the target row.

    colours: each theme's place in the palette (its place in the plan, so that a theme has the same
    colour in every report of the plan; without, its place in the chart). None without a theme or a
    year to show: Excel (and xlsxwriter) refuse a chart without a series.
    """
    if not themes or years < 1:
        return None
    chart = book.add_chart({"type": "column", "subtype": "stacked"})
    categories = _range(sheet, header, 1, years)
    places = colours if colours is not None else range(len(themes))
    for (name, row), place in zip(themes, places, strict=True):
        chart.add_series({"name": _literal(name), "categories": categories,
                          "values": _range(sheet, row, 1, years),
                          "fill": {"color": PALETTE[place % len(PALETTE)]}, "border": {"none": True}, "gap": 60})
    chart.combine(_target_line(book, [sheet, target, 0], categories, _range(sheet, target, 1, years)))
    _frame(chart, title)
    return chart


def difference_chart(book, sheet: str, header: int, years: int, first: int, last: int, title: str):
    """The difference to distribute, one group of columns per department (rows first…last), one column a year.

    None without a department or a year to show.
    """
    if years < 1 or last < first:
        return None
    chart = book.add_chart({"type": "column"})
    for i in range(years):
        chart.add_series({"name": [sheet, header, 1 + i], "categories": [sheet, first, 0, last, 0],
                          "values": [sheet, first, 1 + i, last, 1 + i],
                          "fill": {"color": PALETTE[i % len(PALETTE)]}, "border": {"none": True}, "gap": 80})
    _frame(chart, title)
    return chart


def department_chart(book, sheet: str, name: str, header: int, years: int, total: int, target: int | None,
                     title: str):
    """A department's total per year (columns) against its share of the target (a line), when it has one;
    None without a year to show."""
    if years < 1:
        return None
    chart = book.add_chart({"type": "column"})
    categories = _range(sheet, header, 1, years)
    chart.add_series({"name": _literal(name), "categories": categories,
                      "values": _range(sheet, total, 1, years),
                      "fill": {"color": PALETTE[0]}, "border": {"none": True}, "gap": 80})
    if target is not None:
        chart.combine(_target_line(book, [sheet, target, 0], categories, _range(sheet, target, 1, years)))
    _frame(chart, title, legend="bottom")
    return chart
