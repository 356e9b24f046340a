"""Texts beside figures, and shares, read as the document writes them.

A text right of a figure (a note, a basis, 'Bemærkning' after the last year) is indented, so
that '2027 Bemærkning' or '500 Faste beløb' never print as one run; a share in that column (a
key's share right of the years) stands at its left, indented, under its header 'Andel', beside the
amounts it splits; every share is formatted '0.0 %' (padded to three digits, '??0.0 %', where it
stands at the left, so that a column of shares lines up), which Danish Excel shows as 28,4 %, as the
document's texts write it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli
from spareforslag_xl.master.write import master_bytes
from tests.conftest import SEED_MASTER
from tests.plans import sample_plan

SHARE_FORMAT = "0.0 %"
BESIDE_FORMAT = "??0.0 %"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("aligned")
    files = list(build_reports(SEED_MASTER, tmp / "seed").files)
    sample = tmp / "sample.xlsx"
    sample.write_bytes(master_bytes(sample_plan()))
    files += build_reports(sample, tmp / "sample").files
    reconciliation = tmp / "afstemning.xlsx"
    assert CliRunner().invoke(cli, ["reconcile", str(SEED_MASTER), str(SEED_MASTER.parent / "officielt-budget-2024.xlsx"),
                                    "-o", str(reconciliation)]).exit_code == 1
    return files + [reconciliation, sample]


def _figure(c) -> bool:
    """A cell that prints at its right edge: a number, or a right-aligned text such as '-'."""
    if c.value is None:
        return False
    if isinstance(c.value, (int, float)) or (isinstance(c.value, str) and c.value.startswith("=")):
        return c.alignment.horizontal in (None, "general", "right")
    return c.alignment.horizontal == "right"


def _left_text(c) -> bool:
    return (isinstance(c.value, str) and not c.value.startswith("=") and c.value.strip() != ""
            and c.alignment.horizontal in (None, "general", "left") and not c.alignment.indent)


def test_no_text_starts_where_a_figure_ends(workbooks):
    runs = []
    for path in workbooks:
        for ws in openpyxl.load_workbook(path).worksheets:
            merged = {(r, c) for rng in ws.merged_cells.ranges for r in range(rng.min_row, rng.max_row + 1)
                      for c in range(rng.min_col, rng.max_col + 1)}
            for row in ws.iter_rows():
                for left, right in zip(row, row[1:]):
                    if (right.row, right.column) in merged:
                        continue
                    if _figure(left) and _left_text(right):
                        runs.append(f"{path.name} {ws.title}!{left.coordinate}:{right.coordinate} "
                                    f"{left.value!r} {right.value!r}")
    assert runs == [], "\n".join(runs)


def test_every_share_is_formatted_as_the_document_writes_it(workbooks):
    formats = set()
    for path in workbooks:
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows():
                formats.update(c.number_format for c in row if "%" in c.number_format)
    assert formats == {SHARE_FORMAT, BESIDE_FORMAT}


def test_headers_over_shares_and_texts(workbooks):
    report = next(p for p in workbooks if p.name == "spareforslag-budget-2024-rapport.xlsx")
    book = openpyxl.load_workbook(report)
    seen = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value == "Andel" and c.column > 2:
                    # The side column right of the years: header and shares at its left, beside the amounts.
                    seen += 1
                    assert (c.alignment.horizontal, c.alignment.indent) == ("left", 1), f"{ws.title}!{c.coordinate}"
                    below = ws.cell(c.row + 1, c.column)
                    assert below.number_format == BESIDE_FORMAT
                    assert (below.alignment.horizontal, below.alignment.indent) == ("left", 1)
                if c.value in ("Bemærkning", "Grundlag"):
                    assert c.alignment.indent == 1, f"{ws.title}!{c.coordinate}"
    assert seen >= 2


def test_an_incomplete_key_marks_its_rest_not_its_total(workbooks):
    """The seed's key 'Forenkling lønforhandlinger' sums to 99 %: with 1 % shown as 'Ikke fordelt'
    the column adds up to 100 %, so the total is plain and the rest is the marked cell."""
    report = next(p for p in workbooks if p.name == "spareforslag-budget-2024-rapport.xlsx")
    ws = openpyxl.load_workbook(report)["Tema 6"]
    share_col = 6
    rest = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Ikke fordelt"
                and ws.cell(r, share_col).value is not None)
    total = rest + 1
    assert ws.cell(total, 1).value == "I alt"
    assert ws.cell(rest, share_col).value == pytest.approx(0.01)
    assert ws.cell(rest, share_col).fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(total, share_col).fill.fgColor.rgb.endswith("F2F2F2")
    assert ws.cell(total + 1, 1).value == ("Nøglen 'Forenkling lønforhandlinger' summer til 99,0 %, ikke 100 %: "
                                          "resten (1,0 %) står som 'Ikke fordelt'.")


def test_a_figure_in_a_side_column_stands_beside_the_amounts_whatever_its_kind(tmp_path):
    """The writer's shortcut for plain amounts must not skip the side column's style: an amount right of
    the years (not only a share marked plain) is written at the column's left, indented, like the texts there."""
    from decimal import Decimal

    from spareforslag_xl.content.nodes import Document, Figure, Line, Properties, Row, Sheet, Text, YearColumns
    from spareforslag_xl.render.workbook_writer import workbook_bytes

    rows = (Line(Row({0: Text("Tema 1"), 1: Figure(Decimal(500)), 2: Figure(Decimal(250))})),)
    doc = Document([Sheet("Ark", YearColumns(1), rows)], Properties("Titel", "Emne", "Kommune", ""))
    path = tmp_path / "ark.xlsx"
    path.write_bytes(workbook_bytes(doc))
    ws = openpyxl.load_workbook(path)["Ark"]
    year, side = ws["B1"], ws["C1"]
    assert (year.value, side.value) == (500, 250)
    assert year.alignment.horizontal != "left"
    assert (side.alignment.horizontal, side.alignment.indent) == ("left", 1)
