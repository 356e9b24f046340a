"""Tables that continue on a new page: the continuation header, its page break and the sums over it."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from spareforslag_xl.workbook.book import DocProps, add_sheet, close, new_workbook
from spareforslag_xl.workbook.pages import PAGE_HEIGHT, ROW_HEIGHT, SAFETY, Decided, page_breaks
from spareforslag_xl.workbook.sheet import SheetWriter, Styles
from tests.formulas import Evaluator


def _sheet(rows: int, above: int = 0):
    """A sheet with a heading of `above` rows, then a named table of `rows` amounts and its SUM."""
    book, buffer = new_workbook()
    w = SheetWriter(add_sheet(book, "Ark"), Styles(book))
    w.column(0, 0, 40)
    w.column(1, 2, 11)
    for r in range(above):
        w.text(r, 0, f"Indledning {r}")

    def header(row: int, text: bool = True) -> None:
        w.text(row, 0, "Post", "header")
        if text:
            w.text(row, 1, "2024", "header_num")
        else:
            w.number(row, 1, 2024, "header_num")

    start = above + 1 if above else 0
    w.text(start, 0, "Afdeling X", "section")
    header(start + 1, text=False)
    table = w.table(start + 1, header, "Afdeling X")
    row = first = start + 2
    for n in range(rows):
        row = table.row(row)
        w.text(row, 0, f"Linje {n}")
        w.number(row, 1, n, "amount")
        row += 1
    row = table.row(row)
    w.text(row, 0, "I alt", "label_total")
    w.formula(row, 1, f"=SUM(B{first + 1}:B{row})", Decimal(sum(range(rows))))
    w.print_setup("Titel", "kilde")
    data = close(book, buffer, DocProps(title="t", subject="s", company="c"))
    return openpyxl.load_workbook(io.BytesIO(data))["Ark"], table


def test_a_short_table_is_written_as_it_is():
    ws, table = _sheet(10)
    assert table.decided == Decided(False, [])
    assert [ws.cell(r, 1).value for r in range(1, 4)] == ["Afdeling X", "Post", "Linje 0"]
    assert ws.row_breaks.brk == []


def test_a_long_table_continues_under_its_name_and_header_with_a_page_break_before_them():
    ws, table = _sheet(80)
    split = table.decided.splits[0]
    assert table.decided.before is False
    # The sheet prints at 100 %: the section row (18 pt), the header and 29 lines of 15 pt make 468 pt,
    # within a page less the safety margin (482 pt); a 30th line would not fit.
    assert PAGE_HEIGHT - SAFETY == 482 and 18 + ROW_HEIGHT + 29 * ROW_HEIGHT == 468
    assert split == 2 + 29
    assert ws.cell(split + 1, 1).value == "Afdeling X (fortsat)"
    assert ws.cell(split + 2, 1).value == "Post"
    assert ws.cell(split + 2, 2).value == "2024" and ws.cell(split + 2, 2).data_type == "s"
    assert ws.cell(split + 3, 1).value == "Linje " + str(split - 2)
    assert [b.id for b in ws.row_breaks.brk] == [s for s in table.decided.splits]
    assert len(table.decided.splits) == 2


def test_the_sum_over_a_continued_table_leaves_its_repeated_header_out():
    ws, table = _sheet(80)
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "I alt")
    cells = {("Ark", c.coordinate): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert ws.cell(total, 2).value == f"=SUM(B3:B{total - 1})"
    assert Evaluator(cells).value("Ark", f"B{total}") == sum(range(80))


def test_a_table_that_does_not_fit_below_the_rows_above_it_starts_on_a_new_page():
    ws, table = _sheet(20, above=20)
    assert table.decided == Decided(True, [])
    assert [b.id for b in ws.row_breaks.brk] == [table.first]
    assert ws.cell(table.first + 1, 1).value == "Afdeling X"


@pytest.mark.danish
def test_the_continuation_says_fortsat_in_danish():
    ws, _table = _sheet(80)
    assert "Afdeling X (fortsat)" in [c.value for c in ws["A"]]


def test_the_page_plan_repeats_what_the_tables_decided():
    heights = [15.0] * 100
    used = set(range(0, 5)) | set(range(6, 100))
    decided = {6: Decided(True, [40, 75])}
    assert page_breaks(heights, used, 477, decided=decided) == [6, 40, 75]
    # Without a decision a long table starts on a new page and is left to the printing program to split.
    assert page_breaks(heights, used, 477) == [6]


def test_the_plan_kept_above_each_table_is_the_plan_made_again_from_the_top(monkeypatch):
    """Planning is linear: each table extends the plan of the rows above the table before it; that
    decides exactly what planning every row above it again would, on report and department sheets."""
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.model.plan import Method, ProposalLine, Rule, Theme
    from spareforslag_xl.render.department import department_bytes
    from spareforslag_xl.render.report import report_bytes
    from spareforslag_xl.workbook import pages
    from tests.plans import ADMIN, amounts, replace_plan, sample_plan

    checked: list[int] = []
    kept = pages.plan_above

    def plan_above(writer, first, page):
        got = kept(writer, first, page)
        heights = [writer.height_of(r) for r in range(first)]
        again = pages.PagePlan(heights, page, 0.0, frozenset(writer.chart_rows), dict(writer.decided))
        for a, b in pages.blocks(writer.used_rows, first):
            again.add(a, b)
        assert got == (again.filled + sum(heights[again.previous:first]), again.room), (writer.name, first)
        checked.append(first)
        return got

    monkeypatch.setattr(pages, "plan_above", plan_above)
    base = sample_plan()
    themes = tuple(Theme(str(i), f"Tema {i} om digitalisering og automatisering af processer i forvaltningen",
                         rule=Rule(Method.KEY, ADMIN)) for i in range(1, 9))
    lines = tuple(ProposalLine(str(i), str(j), f"Forslag {j} med en titel der er lang nok til at ombryde " * (j % 3),
                               amounts(100, 100, 100, 100)) for i in range(1, 9) for j in range(1, 4 + 3 * i))
    result = compute(replace_plan(base, themes=themes, lines=lines, fixed=()))
    report_bytes(result, ())
    for d in base.departments:
        department_bytes(result, d.code)
    assert len(checked) > 20


def test_a_rows_texts_are_measured_again_when_a_column_is_narrowed():
    book, _ = new_workbook()
    w = SheetWriter(add_sheet(book, "Ark"), Styles(book))
    w.column(0, 0, 60)
    text = "Effektivisering af administrationen i alle magistratsafdelinger " * 2
    wide = w.estimate(5, ((0, text),))
    assert w.estimate(5, ((0, text),)) == wide  # measured once, the same again
    w.column(0, 0, 20)
    narrow = w.estimate(5, ((0, text),))
    assert narrow > wide
    w.column(0, 0, 20, side=True)  # a side column: its indent leaves less room
    assert w.estimate(5, [(0, text)]) >= narrow
