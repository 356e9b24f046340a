"""The note beside a theme's FTE row when the document states another FTE than the recomputed one."""

import io
import shutil
from decimal import Decimal as D

import openpyxl
import pytest

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.core.compute import compute
from spareforslag_xl.core.stated_fte import FteDifference, fte_differences
from spareforslag_xl.master.stated_sheet import SHEET
from spareforslag_xl.model.stated import FTE_UNIT, Kind, StatedFigure
from spareforslag_xl.model.labels import FTE_LABEL
from spareforslag_xl.render.report import report_bytes
from spareforslag_xl.workbook.sheet import LINE_HEIGHT, wrapped_lines
from tests.conftest import SEED_MASTER, edit_workbook
from tests.plans import sample_plan

SEED_NOTES = {
    "Tema 4": "Dokumentet angiver 2,2 årsværk; genberegnet 2,19 (besparelse / gns. løn).",
    "Tema 6": "Dokumentet angiver 2,60 årsværk i 2025; genberegnet 2,61 (besparelse / gns. løn).",
    "Tema 7": "Dokumentet angiver 8 årsværk i 2024 og 17 i 2025–2027; genberegnet 8,33 og 16,67 "
              "(besparelse / gns. løn).",
}


def fte(theme: str, year: int, text: str, line: int = 10) -> StatedFigure:
    value = D(text.replace(",", "."))
    decimals = len(text.partition(",")[2])
    return StatedFigure(Kind.FTE, theme, "", "", year, value, text, FTE_UNIT, decimals, line)


def fte_notes(book) -> dict[str, str]:
    """Sheet → the note beside its FTE row (sheets whose FTE row has none are left out)."""
    notes = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            if row[0].value == FTE_LABEL and row[-1].value and row[-1].column > 2:
                notes[ws.title] = row[-1].value
    return notes


@pytest.mark.parametrize("figures, expected", [
    # 1000 / 575 = 1,739… shows 1,74: agrees; 1500 / 575 = 2,608… shows 2,61: a stated 2,6 differs
    ([fte("6", 2024, "1,74"), fte("6", 2025, "2,6")], {"6": (FteDifference(2025, D("2.6"), "2,6", D("2.61"), 2, 10),)}),
    # the document shows three decimals: compared at three
    ([fte("6", 2025, "2,609")], {}),
    ([fte("6", 2025, "2,608")], {"6": (FteDifference(2025, D("2.608"), "2,608", D("2.609"), 3, 10),)}),
    # 8,33 rounds to 8, but the sheet shows 8,33 beside the document's 8
    ([fte("7", 2024, "8")], {"7": (FteDifference(2024, D(8), "8", D("8.33"), 2, 10),)}),
    # no average salary: a stated 0 for nothing saved agrees, a stated 4 has nothing to agree with
    ([fte("11", 2024, "0")], {}),
    ([fte("3", 2024, "4")], {"3": (FteDifference(2024, D(4), "4", None, 2, 10),)}),
    # a year stated twice is compared once; unknown themes and years are left out
    ([fte("7", 2024, "8,33"), fte("7", 2024, "8", 11), fte("99", 2024, "1"), fte("7", 2031, "1")], {}),
    ([], {}),
    (None, {}),
])
def test_fte_differences(figures, expected):
    assert fte_differences(compute(sample_plan()), figures) == expected


def test_other_figures_are_no_fte():
    share = StatedFigure(Kind.THEME_TOTAL, "7", "", "", 2024, D(1), "1", "1.000 kr.", 0, 3)
    assert fte_differences(compute(sample_plan()), [share]) == {}


def sample_notes(figures) -> dict[str, str]:
    result = compute(sample_plan())
    data = report_bytes(result, [], fte_differences=fte_differences(result, figures))
    return fte_notes(openpyxl.load_workbook(io.BytesIO(data)))


def test_the_note_names_the_years_only_when_they_differ():
    """The note is in Danish as the rest of the workbook, whatever language the terminal speaks."""
    every = [fte("7", y, t) for y, t in ((2024, "8"), (2025, "17"), (2026, "17"), (2027, "17"))]
    assert sample_notes(every) == {"Tema 7": "Dokumentet angiver 8 årsværk i 2024 og 17 i 2025–2027; genberegnet "
                                             "8,33 og 16,67 (besparelse / gns. løn)."}
    alike = [fte("7", y, "9") for y in (2024,)] + [fte("7", y, "17") for y in (2025, 2026, 2027)]
    assert sample_notes(alike[1:]) == {"Tema 7": "Dokumentet angiver 17 årsværk i 2025–2027; genberegnet 16,67 "
                                                 "(besparelse / gns. løn)."}
    same = [fte("6", y, "9") for y in (2024, 2025, 2026, 2027)]
    assert sample_notes(same) == {"Tema 6": "Dokumentet angiver 9 årsværk; genberegnet 1,74 i 2024, 2,61 i 2025, "
                                            "3,48 i 2026 og 4,35 i 2027 (besparelse / gns. løn)."}
    assert sample_notes([fte("7", y, "8") for y in (2024, 2025, 2026, 2027)]) == {
        "Tema 7": "Dokumentet angiver 8 årsværk; genberegnet 8,33 i 2024 og 16,67 i 2025–2027 "
                  "(besparelse / gns. løn)."}
    assert sample_notes([fte("7", 2024, "8"), fte("7", 2025, "16"), fte("7", 2026, "17")]) == {
        "Tema 7": "Dokumentet angiver 8 årsværk i 2024, 16 i 2025 og 17 i 2026; genberegnet 8,33 i 2024 og "
                  "16,67 i 2025, 2026 (besparelse / gns. løn)."}
    assert sample_notes([fte("6", 2026, "3,4"), fte("6", 2027, "4,3")]) == {
        "Tema 6": "Dokumentet angiver 3,4 årsværk i 2026 og 4,3 i 2027; genberegnet 3,48 og 4,35 "
                  "(besparelse / gns. løn)."}


def test_without_an_average_salary_the_note_says_none_is_recomputed():
    assert sample_notes([fte("3", 2024, "4")]) == {
        "Tema 3": "Dokumentet angiver 4 årsværk i 2024; grundarket angiver ingen gns. løn, så årsværk "
                  "genberegnes ikke."}


def test_agreeing_figures_and_no_figures_give_no_note():
    assert sample_notes([fte("6", 2024, "1,74"), fte("7", 2025, "16,67")]) == {}
    assert sample_notes([]) == {}
    assert fte_notes(openpyxl.load_workbook(io.BytesIO(report_bytes(compute(sample_plan()), [])))) == {}


@pytest.mark.danish
def test_the_seed_reports_themes_whose_document_fte_differs_carry_the_note(tmp_path):
    book = openpyxl.load_workbook(build_reports(SEED_MASTER, tmp_path / "out", departments=False).files[0])
    assert fte_notes(book) == SEED_NOTES  # tema 9 states 2,4 and shows 2,40: no note; 10 and 11 state 0 for 0
    for name in SEED_NOTES:
        ws = book[name]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == FTE_LABEL)
        note = ws.cell(row, 6)
        assert note.data_type == "s" and note.font.i and note.alignment.wrap_text
        width = ws.column_dimensions["F"].width
        lines = wrapped_lines(note.value, width)
        assert lines >= 2 and ws.row_dimensions[row].height >= LINE_HEIGHT * lines  # the whole note shows


def test_a_seed_master_without_the_documents_figures_gives_no_note(tmp_path):
    path = tmp_path / "seed.xlsx"
    shutil.copy(SEED_MASTER, path)
    edit_workbook(path, {}, delete_sheets=(SHEET,))
    report = build_reports(path, tmp_path / "out", departments=False).files[0]
    assert fte_notes(openpyxl.load_workbook(report)) == {}


@pytest.mark.danish
def test_a_decided_build_notes_only_themes_whose_fte_the_decisions_left_as_proposed(tmp_path):
    """The document states the proposals' FTE. A rejected line of tema 4 changes the FTE the sheet
    shows: that difference is the decision's, so tema 4 has no note; tema 6 and 7 keep theirs."""
    from spareforslag_xl.model.layout import LINES
    from spareforslag_xl.model.plan import Decision

    path = tmp_path / "decided.xlsx"
    shutil.copy(SEED_MASTER, path)
    ws = openpyxl.load_workbook(path)[LINES.name]
    header = [c.value for c in ws[1]]
    theme_col = header.index(LINES.header("theme")) + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, theme_col).value == 4)
    free = len(header) + 1
    edit_workbook(path, {f"{LINES.name}!{openpyxl.utils.get_column_letter(free)}1": LINES.header("decision"),
                         f"{LINES.name}!{openpyxl.utils.get_column_letter(free)}{row}": Decision.REJECTED.value})
    book = openpyxl.load_workbook(build_reports(path, tmp_path / "out", departments=False).files[0])
    expected = {name: note for name, note in SEED_NOTES.items() if name != "Tema 4"}
    assert fte_notes(book) == expected
