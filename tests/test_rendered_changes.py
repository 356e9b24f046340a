"""What a reader sees on the printed pages of 'Ændringer' and the reconciliation, and zero shown as 0.

The example masters of the user guide (``scripts/make_example_masters.py``: June's master and the
decided one) against the seed: ``diff -o`` and ``build --since`` write 'Ændringer', ``reconcile``
the reconciliation. Read back with openpyxl: what changed comes before its consequences, each a table
of its own; no label is cut off; the reconciliation's columns fit what they hold; a real zero never
shows as '-' (which means 'not estimated'). Printed by LibreOffice (tests/printcheck.py): the same,
on paper.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from spareforslag_xl.workbook.pages import width_for
from tests.conftest import REPO, SEED_MASTER

OFFICIAL = SEED_MASTER.parent / "officielt-budget-2024.xlsx"
LONG_THEME = "7. ERP-systemer, AI, automatisering og RPA samt ledelsesinformation"


def run(*args) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The workbooks: the changes of June and of the decision, June's build --since, the reconciliation."""
    tmp = tmp_path_factory.mktemp("rendered")
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_example_masters.py"), str(SEED_MASTER),
                    str(tmp / "eksempler")], check=True, capture_output=True)
    june, decided = tmp / "eksempler" / "budget-2024-juni.xlsx", tmp / "eksempler" / "budget-2024-besluttet.xlsx"
    files = {"june": tmp / "aendringer-juni.xlsx", "decided": tmp / "aendringer-besluttet.xlsx",
             "reconciliation": tmp / "afstemning.xlsx"}
    run("diff", SEED_MASTER, june, "-o", files["june"])
    run("diff", SEED_MASTER, decided, "-o", files["decided"])
    run("build", june, "--since", SEED_MASTER, "-o", tmp / "build")
    run("reconcile", SEED_MASTER, OFFICIAL, "-o", files["reconciliation"])
    files["report"] = tmp / "build" / "budget-2024-juni-rapport.xlsx"
    files["MSB"] = tmp / "build" / "afdelinger" / "MSB.xlsx"
    return files


def labels(sheet) -> list[str]:
    return [row[0] for row in sheet.iter_rows(values_only=True)]


# -- Ændringer ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["june", "decided", "report", "MSB"])
def test_what_changed_comes_before_its_consequences_each_under_its_own_header(made, name):
    sheet = openpyxl.load_workbook(made[name])["Ændringer"]
    texts = labels(sheet)
    consequences = "Konsekvenser for afdelingen" if name == "MSB" else "Konsekvenser for planen"
    changes, after = texts.index("Ændringer i grundarket"), texts.index(consequences)
    assert changes < after
    # Each table's header is the row under its name: 'Ændring (…)' for the changes, 'Konsekvenser (…)'.
    assert texts[changes + 1] == "Ændring (1.000 kr.)" and texts[after + 1] == "Konsekvenser (1.000 kr.)"
    assert "Konsekvenser (1.000 kr.)" not in texts[:after]
    # No header repeated over every page: a continued table repeats its own, under its name '(fortsat)'.
    assert sheet.print_title_rows is None
    for i, text in enumerate(texts):
        if text and text.endswith(" (fortsat)"):
            name_of = text.removesuffix(" (fortsat)")
            assert name_of in texts[:i]
            header = texts[texts.index(name_of) + 1]
            assert texts[i + 1] == header
            assert [sheet.cell(i + 2, c).value for c in (2, 3, 4, 5)] == ["2024", "2025", "2026", "2027"]


def test_a_changed_figure_is_its_name_then_before_now_and_the_change(made):
    sheet = openpyxl.load_workbook(made["june"])["Ændringer"]
    texts = labels(sheet)
    mbu = texts.index("Andele for MBU – Børn og Unge")
    at = texts.index(LONG_THEME, mbu)
    assert texts[at + 1:at + 4] == ["før", "nu", "Ændring"]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[at + 1][1:5]] == [1395, 2790, 2790, 2790]
    assert [c.value for c in rows[at + 2][1:5]] == [1395, 2651, 2790, 2790]
    assert rows[at + 3][2].value == f"=N(C{at + 3})-N(C{at + 2})"
    # The name spans the label and the year columns, so that it is never cut off.
    assert f"A{at + 1}:E{at + 1}" in {str(r) for r in sheet.merged_cells.ranges}


@pytest.mark.parametrize("name", ["june", "decided", "MSB"])
def test_no_label_of_aendringer_is_cut_off(made, name):
    """Every text in column A wraps, spans merged columns, or fits the column (at the page plan's width)."""
    sheet = openpyxl.load_workbook(made[name])["Ændringer"]
    width = sheet.column_dimensions["A"].width
    merged = {r.min_row: r for r in sheet.merged_cells.ranges if r.min_col == 1}
    long = []
    for row in sheet.iter_rows(min_col=1, max_col=1):
        c = row[0]
        if not isinstance(c.value, str) or c.alignment.wrap_text or c.row in merged:
            continue
        right = sheet.cell(c.row, 2).value
        if width_for(c.value, bool(c.font and c.font.b)) > width and right is not None:
            long.append(c.value)
    assert long == []
    assert any(v.startswith("Ændring") for v in labels(sheet) if v)


def column_widths(sheet) -> dict[str, float]:
    """Each column's width (with Excel's padding), also of columns stored as a group (E:F)."""
    from openpyxl.utils import get_column_letter

    return {get_column_letter(c): d.width for d in sheet.column_dimensions.values() for c in range(d.min, d.max + 1)}


# -- the reconciliation --------------------------------------------------------------------------------------
def test_the_reconciliation_sizes_the_theme_and_notes_columns_for_what_they_hold(made):
    book = openpyxl.load_workbook(made["reconciliation"])
    themes, departments = book["Temaer"], book["Afdelinger"]
    widths = {name: column_widths(book[name]) for name in ("Temaer", "Afdelinger")}
    # Theme titles beside short notes: the theme column is the widest, the notes take what is left.
    assert widths["Temaer"]["C"] >= 34 > widths["Temaer"]["K"] >= 16
    notes = [r[10] for r in themes.iter_rows(min_row=6, values_only=True) if r[10]]
    assert notes == ["Tekst i stedet for et tal: regnet som 0.", *["Tom celle: regnet som 0."] * 3]
    # No notes at all: the notes column is as narrow as its heading.
    assert not any(r[10] for r in departments.iter_rows(min_row=6, values_only=True))
    assert widths["Afdelinger"]["K"] < 14
    # Neither sheet is wider than the fixed columns were (one page wide).
    assert len(widths["Temaer"]) == 11 and sum(widths["Temaer"].values()) <= 145 + 11 * 0.72
    assert themes["C6"].value == "1. Fokus på at tingene kun skal gøres en gang"


# -- zero is 0 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["report", "MSB", "june"])
def test_a_real_zero_never_shows_as_a_dash(made, name):
    """'-' means 'not estimated'; no number format of a workbook prints a 0 as '-'."""
    book = openpyxl.load_workbook(made[name])
    dashing = [f"{ws.title}!{c.coordinate}" for ws in book.worksheets for row in ws.iter_rows() for c in row
               if c.data_type in ("n", "f") and '"-"' in (c.number_format or "")]
    assert dashing == []


def test_a_theme_estimated_at_0_shows_0_in_the_overview_as_on_its_sheet(made):
    book = openpyxl.load_workbook(made["report"])
    overview = {r[0].value: r for r in book["Oversigt"].iter_rows() if r[0].value}
    klima = overview["10. Klima"]
    assert [c.value for c in klima[1:5]] == ["='Tema 10'!$B$7", "='Tema 10'!$C$7", "='Tema 10'!$D$7",
                                              "='Tema 10'!$E$7"]
    assert {c.number_format for c in klima[1:5]} == {"#,##0"}
    values = openpyxl.load_workbook(made["report"], data_only=True)["Oversigt"]
    row = next(r for r in values.iter_rows(values_only=True) if r[0] == "10. Klima")
    assert row[1:5] == (0, 0, 0, 0)
    row = next(r for r in values.iter_rows(values_only=True) if r[0] == "11. Borgerinddragelse og medborgerskab")
    assert row[1:5] == (0, 0, "-", "-")  # 2025: '-' → 0 in June's master; 2026 and 2027 not estimated


# -- printed -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def printed(made, tmp_path_factory) -> dict[str, Path]:
    from spareforslag_xl.io.pdf import to_pdf
    from tests.libreoffice import require_soffice

    require_soffice()
    names = ["june", "decided", "MSB", "reconciliation"]
    pdfs = to_pdf([made[n] for n in names], tmp_path_factory.mktemp("pdf"))
    return dict(zip(names, pdfs, strict=True))


def page_lines(pdf: Path) -> list[list[str]]:
    from tests.printcheck import lines, pages

    return [[" ".join(w.text for w in line) for line in lines(words)] for words in pages(pdf)]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["june", "decided", "MSB", "reconciliation"])
def test_every_page_reads_right(made, printed, name):
    from tests.printcheck import check

    report = check(printed[name], made[name])
    assert report.pages > 0 and report.problems == []


@pytest.mark.libreoffice
def test_aendringer_prints_what_changed_first_and_every_name_whole(printed):
    pages = page_lines(printed["june"])
    first = pages[0]
    assert first[0] == "Ændringer siden sidst"
    assert first.index("Ændringer i grundarket") < first.index("Konsekvenser for planen")
    # A page that continues a table begins with its name '(fortsat)' and its own header.
    for lines in pages[1:]:
        assert lines[0].endswith("(fortsat)") or lines[0].startswith("Andele for "), lines[:2]
        assert lines[1].startswith("Konsekvenser (1.000 kr.) 2024 2025 2026 2027"), lines[:2]
    # The theme's full title is printed on one line, each time (never '…RPA samt ledelses').
    printed_lines = [line for lines in pages for line in lines]
    assert sum(1 for line in printed_lines if line == LONG_THEME) == 6


@pytest.mark.libreoffice
def test_the_reconciliation_prints_theme_titles_on_one_or_two_lines(printed):
    lines = [line for page in page_lines(printed["reconciliation"]) for line in page]
    starts = [line for line in lines if line.startswith("Temaer i alt 2. Forenkling af politikker")]
    assert len(starts) == 4 and all("planer og strategier 202" in line for line in starts)
