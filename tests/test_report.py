"""The report workbook: golden cells, formulas that compute their stored values, safe text."""

import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from spareforslag_xl.app.build import build_reports
from tests.formulas import check_formulas
from tests.golden import assert_matches_golden
from tests.plans import sample_plan


def first_rows(ws) -> dict:
    """Label in column A → the values beside it, for the first row with that label."""
    rows: dict = {}
    for r in ws.iter_rows():
        if r[0].value is not None:
            rows.setdefault(r[0].value, [c.value for c in r[1:5]])
    return rows


def unescape(text: str) -> str:
    """Undo the _xHHHH_ escape xlsxwriter uses for control characters such as CR."""
    import re

    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), text)


@pytest.fixture
def report(master, tmp_path) -> Path:
    built = build_reports(master(name="sample.xlsx"), tmp_path / "out")
    return built.files[0]


@pytest.mark.danish  # the goldens show what a user sees by default: Danish
def test_report_matches_golden(report):
    assert report.name == "sample-rapport.xlsx"
    assert_matches_golden(report, "sample-rapport")


def test_every_formula_computes_its_stored_value(report):
    assert check_formulas(report) == []


def test_sheets_mirror_the_document(report):
    book = openpyxl.load_workbook(report, data_only=True)
    assert book.sheetnames == ["Oversigt", "Tema 2", "Tema 3", "Tema 5", "Tema 6", "Tema 7", "Tema 8", "Tema 11",
                               "Afdelinger", "Nøgler", "Kontrol"]
    ws = book["Oversigt"]
    rows = first_rows(ws)
    assert rows["1. Fokus på at tingene kun skal gøres en gang"][0] == "(temaet er slået ind under tema 8)"
    assert rows["I alt"] == [13250, 21750, 23050, 23550]
    assert rows["Mål"] == [50000, 50000, 50000, 50000]
    assert rows["Difference der skal fordeles efter administrativ fordelingsnøgle"] == [36750, 28250, 26950, 26450]
    assert rows["11. Borgerinddragelse og medborgerskab"] == [0, "-", "-", "-"]


def test_department_sheet_adds_up_to_the_target(report):
    ws = openpyxl.load_workbook(report, data_only=True)["Afdelinger"]
    rows = first_rows(ws)
    # tema 2 fixed 500, tema 3 28,4 % of 2.000, tema 6 0 % of 500 + 28,4 % of 500, tema 7 1.420, difference 10.437
    assert rows["MSB – Sociale Forhold og Beskæftigelse"][0] == 500 + 568 + 0 + 142 + 1420 + 10437
    assert rows["Ikke fordelt"] == [2005, 1005, 1805, 1805]
    assert rows["I alt"] == [50000] * 4
    assert rows["Kontrol: I alt − Mål (skal være 0)"] == [0] * 4


def test_number_formats_and_print_setup(report):
    book = openpyxl.load_workbook(report)
    ws = book["Tema 6"]
    assert ws["A5"].value == "1. Forenkling af lønforhandlinger" and ws["B5"].number_format == "#,##0"
    assert ws["A9"].value.startswith("Opgjort i antal årsværk") and ws["B9"].number_format == "0.00"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert "Side &P af &N" in ws.oddFooter.center.text
    assert ws.oddFooter.right.text.endswith("sample.xlsx")
    assert book.properties.creator == "spareforslag-xl"


def test_same_master_gives_the_same_bytes(master, tmp_path):
    path = master()
    one = build_reports(path, tmp_path / "a").files[0].read_bytes()
    two = build_reports(path, tmp_path / "b").files[0].read_bytes()
    assert one == two


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","klik")', "+1+1", "-2", "@SUM(A1)",
                                  "\tTab", "\rCR", "http://example.org/x", "=1+1"])
def test_untrusted_text_stays_text(master, tmp_path, text):
    plan = sample_plan()
    themes = tuple(replace(t, title=text) if t.number == "3" else t for t in plan.themes)
    plan = replace(plan, settings=replace(plan.settings, title=text), themes=themes)
    out = build_reports(master(plan), tmp_path / "out").files[0]
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        sheets = "".join(z.read(n).decode() for n in names if n.startswith("xl/worksheets/sheet"))
    assert not any("hyperlink" in n.lower() for n in names)
    assert "<hyperlink" not in sheets
    book = openpyxl.load_workbook(out)
    assert unescape(book["Oversigt"]["A1"].value) == text and book["Oversigt"]["A1"].data_type == "s"
    assert unescape(book["Tema 3"]["A1"].value) == f"Tema 3: {text}"
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert text not in str(c.value)


@pytest.mark.danish  # the sheet Kontrol in the default language
def test_forced_report_carries_a_banner_and_the_findings(master, tmp_path):
    path = master(edits={"Forslag!E2": "abc"})
    out = build_reports(path, tmp_path / "out", force=True).files[0]
    book = openpyxl.load_workbook(out)
    assert book["Oversigt"]["A4"].value.startswith("RAPPORTEN ER DANNET TRODS 1 FEJL")
    checks = [[c.value for c in r] for r in book["Kontrol"].iter_rows(min_row=6)]
    assert ["Fejl", "not-a-number", "Forslag", "E2", "the amount 'abc' is not a number.",
            "Type a number, or '-' / leave it empty when it is not estimated."] in checks


def test_a_theme_without_any_estimate_in_a_year_shows_dash_in_report_and_department_workbook(master, tmp_path):
    plan = sample_plan()
    lines = tuple(replace(l, amounts={**l.amounts, 2027: None}) if l.theme == "6" else l for l in plan.lines)
    built = build_reports(master(replace(plan, lines=lines), name="m.xlsx"), tmp_path / "out")
    report = openpyxl.load_workbook(built.files[0], data_only=True)
    msb_block = [r for r in report["Afdelinger"].iter_rows(values_only=True) if r[0] and str(r[0]).startswith("6.")]
    assert [r[1:5] for r in msb_block][0] == (142, 284, 426, "-")
    department = openpyxl.load_workbook(tmp_path / "out" / "afdelinger" / "MSB.xlsx", data_only=True)["MSB"]
    row = next(r for r in department.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("6."))
    assert row[1:5] == (142, 284, 426, "-")
    for path in built.files:
        assert check_formulas(path) == [], path.name
