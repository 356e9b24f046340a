"""The content model: one truth in every writer, on random plans.

- every figure with a meaning holds what its meaning computes from the tree's own figures;
- the workbook writer stores, in every cell of a figure, that figure's value, and every formula
  it writes computes its stored value (tests/formulas.py evaluates them);
- the text writer prints every figure of a table with the value the workbook stores;
- the report and a department's workbook, two outputs of one plan, show the same parts.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
from hypothesis import HealthCheck, given, settings

from spareforslag_xl.content.department import department_content
from spareforslag_xl.content.nodes import (
    Blank,
    Document,
    Figure,
    Fixed,
    Line,
    Minus,
    Ratio,
    Row,
    Same,
    Sum,
    SumOf,
    Table,
    Text,
)
from spareforslag_xl.content.report import report_content
from spareforslag_xl.core.compute import compute
from spareforslag_xl.render.department import department_bytes
from spareforslag_xl.render.report import report_bytes
from spareforslag_xl.render.text_writer import cell_text, document_text
from tests.formulas import check_formulas
from tests.plans import sample_plan
from tests.test_properties import plans


def _rows(doc: Document) -> tuple[dict[str, Row], dict[str, list[Row]]]:
    """Every keyed row, and each sheet's rows in order (lines and table rows)."""
    keyed: dict[str, Row] = {}
    order: dict[str, list[Row]] = {}
    for sheet in doc.sheets:
        rows = order.setdefault(sheet.name, [])
        for block in sheet.blocks:
            found = list(block.rows) if isinstance(block, Table) else [block.row] if isinstance(block, Line) else []
            rows += found
            keyed.update({r.key: r for r in found if r.key is not None})
    return keyed, order


def _number(row: Row, col: int) -> Decimal | None:
    c = row.cells.get(col)
    if isinstance(c, Figure) and isinstance(c.value, (Decimal, int)):
        return Decimal(c.value)
    if isinstance(c, Blank):
        return Decimal(0)
    return None


def evaluate(doc: Document) -> list[str]:
    """Return every figure whose value is not what its meaning computes (as a spreadsheet would)."""
    keyed, order = _rows(doc)
    wrong = []
    for sheet, rows in order.items():
        for at, row in enumerate(rows):
            for col, c in row.cells.items():
                if not isinstance(c, Figure) or c.meaning is None:
                    continue
                m = c.meaning
                got: Decimal | None
                if isinstance(m, (Sum, SumOf)):
                    if isinstance(m, SumOf):
                        members = [keyed[k] for k in m.rows]
                    else:
                        start = rows.index(keyed[m.first])
                        end = rows.index(keyed[m.last]) + 1 if m.last is not None else at
                        members = rows[start:end]
                    numbers = [n for n in (_number(r, col) for r in members) if n is not None]
                    got = None if m.dash and not numbers else sum(numbers, Decimal(0))
                elif isinstance(m, Minus):
                    left, right = _number(keyed[m.left], col), _number(keyed[m.right], col)
                    got = None if left is None or right is None else left - right
                elif isinstance(m, Same):
                    got = _number(keyed[m.row], col)
                elif isinstance(m, Ratio):
                    num, den = _number(keyed[m.numerator], col), _number(keyed[m.denominator], m.column)
                    got = None if num is None or not den else \
                        (num / den).quantize(Decimal(1).scaleb(-m.places), ROUND_HALF_UP)
                else:
                    assert isinstance(m, Fixed)
                    got = m.value
                want = None if c.value is None else Decimal(c.value)
                if got != want:
                    wrong.append(f"{sheet} {row.key} col {col}: {m} gives {got}, the figure is {want}")
    return wrong


def _documents(plan):
    result = compute(plan)
    codes = [d.code for d in plan.departments]
    return result, report_content(result, []), {c: department_content(result, c) for c in codes}


@settings(max_examples=120, deadline=None)
@given(plans())
def test_every_meaning_computes_its_figure(plan):
    _, report, departments = _documents(plan)
    assert evaluate(report) == []
    for doc in departments.values():
        assert evaluate(doc) == []


def _workbook_figures(data: bytes) -> dict[tuple[str, int, int], object]:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return {(ws.title, c.row - 1, c.column - 1): c.value for ws in book for r in ws.iter_rows() for c in r
            if c.value is not None}


def _check_written(doc: Document, data: bytes, tmp) -> None:
    """Every figure of doc is in the workbook with its value; every formula computes its stored value."""
    path = tmp / "w.xlsx"
    path.write_bytes(data)
    assert check_formulas(path) == []
    stored = _workbook_figures(data)
    values = {Decimal(str(v)) for v in stored.values() if isinstance(v, (int, float))}
    for sheet in doc.sheets:
        for block in sheet.blocks:
            if not isinstance(block, Table):
                continue
            for row in block.rows:
                for c in row.cells.values():
                    if isinstance(c, Figure) and isinstance(c.value, Decimal):
                        assert c.value in values, (sheet.name, row.key, c)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans())
def test_workbooks_store_the_content_and_their_formulas_compute_it(tmp_path_factory, plan):
    tmp = tmp_path_factory.mktemp("c")
    result, report, departments = _documents(plan)
    _check_written(report, report_bytes(result, []), tmp)
    code = plan.departments[0].code
    _check_written(departments[code], department_bytes(result, code), tmp)


@settings(max_examples=12, deadline=None)
@given(plans())
def test_the_report_and_each_department_workbook_show_the_same_parts(plan):
    """One plan, one truth: the report's 'Afdelinger' and the department's own sheet agree."""
    result = compute(plan)
    report = _workbook_figures(report_bytes(result, []))
    for d in plan.departments:
        own = _workbook_figures(department_bytes(result, d.code))
        total_label = f"I alt {d.code}"
        own_total = [r for (s, r, c), v in own.items() if s == d.code and c == 0 and v == total_label]
        rep_total = [r for (s, r, c), v in report.items() if s == "Afdelinger" and c == 0 and v == total_label]
        assert len(own_total) == 1 and len(rep_total) == 1
        for i, year in enumerate(result.years, start=1):
            a = own.get((d.code, own_total[0], i))
            b = report.get(("Afdelinger", rep_total[0], i))
            assert Decimal(str(a)) == Decimal(str(b)) == result.department_totals[d.code][year]


def test_the_text_writer_prints_what_the_workbook_stores():
    result = compute(sample_plan())
    doc = report_content(result, [])
    text = document_text(doc)
    for sheet in doc.sheets:
        for block in sheet.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    printed = "| " + " | ".join(cell_text(row.cells[i]) if i in row.cells else ""
                                                for i in range(max(row.cells) + 1))
                    assert printed in text, printed
    assert "# Oversigt" in text and "| I alt |" in text
    first = next(t for t in result.themes if t.lines)
    assert f"Tema {first.theme.number}" in text


def test_the_seed_report_tree_holds_every_theme_and_department():
    result = compute(sample_plan())
    doc = report_content(result, [])
    names = [s.name for s in doc.sheets]
    assert names[0] == "Oversigt" and names[-3:] == ["Afdelinger", "Nøgler", "Kontrol"]
    keyed, _ = _rows(doc)
    for d in result.plan.departments:
        assert f"dep.{d.code}.total" in keyed
    assert all(isinstance(keyed["ov.total"].cells[i], Figure) for i in range(1, len(result.years) + 1))
    assert isinstance(keyed["ov.total"].cells[0], Text)
