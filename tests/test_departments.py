"""Department workbooks: each department's part, safe file names, --only, and what the workbook shows."""

from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.compute import compute
from spareforslag_xl.app.departments import select
from spareforslag_xl.core.filenames import check_file_names, file_stems
from spareforslag_xl.model.errors import RequestError
from spareforslag_xl.model.plan import Department, Ref
from spareforslag_xl.core.parts import department_part
from spareforslag_xl.model.labels import basis_text
from tests.formulas import check_formulas
from tests.golden import assert_matches_golden
from tests.plans import DEPARTMENTS, YEARS, sample_plan

CODES = [code for code, _, _ in DEPARTMENTS]


def rows_of(ws) -> dict:
    """Label in column A → the values of the year columns, for the first row with that label."""
    rows: dict = {}
    for r in ws.iter_rows():
        if r[0].value is not None:
            rows.setdefault(r[0].value, [c.value for c in r[1:1 + len(YEARS)]])
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.conftest import write_master

    folder = tmp_path_factory.mktemp("dept")
    master = write_master(folder / "sample.xlsx")
    return build_reports(master, folder / "out")


# -- the pure part ---------------------------------------------------------------------------------
def test_the_part_of_msb_per_theme_difference_and_target():
    part = department_part(compute(sample_plan()), "MSB")
    parts = {t.label: [t.part[y] for y in YEARS] for t in part.themes}
    assert parts == {
        "2. Forenkling af politikker, planer og strategier": [500] * 4,
        "3. Kommunikation": [568] * 4,  # 28,4 % of 2.000
        "5. Forenkling af MED-systemet": [0, 1136, 1136, 1136],  # key from 2025
        "6. Forenkling af lønforhandlinger": [142, 284, 426, 568],  # 0 % of line 1 + 28,4 % of line 2
        "7. ERP-systemer, AI, automatisering og RPA": [1420, 2840, 2840, 2840],
        "8. Indkøb, Fælles IT, licenser og telefoni": [0] * 4,
        "11. Borgerinddragelse og medborgerskab": [0, None, None, None],
    }
    assert [part.difference.part[y] for y in YEARS] == [10437, 8023, 7654, 7512]
    assert [part.total[y] for y in YEARS] == [13067, 13351, 13124, 13124]
    assert [part.target_share[y] for y in YEARS] == [14200] * 4
    assert [part.gap(y) for y in YEARS] == [-1133, -849, -1076, -1076]
    assert basis_text(part.target_basis) == "Administrativ fordelingsnøgle (28,4 %)"
    six = part.themes[3]
    assert [(s.label, basis_text(s.basis)) for s in six.splits] == [
        ("1. Forenkling af lønforhandlinger", "Lønforhandlinger (0,0 %)"),
        ("2. Øget digitalisering onboarding", "Administrativ fordelingsnøgle (28,4 %)"),
        ("3. Størrelse på ansættelsesudvalg", "Ikke fordelt"),
    ]
    # the budget year first: MED-systemet saves nothing in 2024, so it is not among the largest
    assert [t.label for t in part.largest()] == [
        "7. ERP-systemer, AI, automatisering og RPA", "3. Kommunikation",
        "2. Forenkling af politikker, planer og strategier"]
    others = part.others()
    assert others.numbers == ["5", "6"]  # 8 and 11 have no part of MSB's: not counted
    assert [others.part[y] for y in YEARS] == [142, 1420, 1562, 1704]


def test_the_departments_and_what_is_not_distributed_add_up_to_the_target():
    result = compute(sample_plan())
    for y in YEARS:
        total = sum((department_part(result, c).total[y] for c in CODES), Decimal(0)) + result.rest_total[y]
        assert total == result.target[y]


def test_without_a_residual_key_there_is_no_share_of_the_target():
    plan = sample_plan()
    plan = replace(plan, settings=replace(plan.settings, residual_key=None))
    part = department_part(compute(plan), "MSB")
    assert part.target_share is None and part.gap(2024) is None


# -- file names and selection -----------------------------------------------------------------------
def dept(code: str, row: int = 2) -> Department:
    return Department(code, f"Afdeling {code}", refs={"Kode": Ref("Afdelinger", f"A{row}")})


@pytest.mark.parametrize("codes, stems", [
    (["MSB", "BA"], ["MSB", "BA"]),
    (["../x", "CON", "a/b", ".hidden", "x:y"], ["_x", "CON_", "a_b", "hidden", "x_y"]),
    (["A/B", "A_B", "a_b"], ["A_B", "A_B-2", "a_b-3"]),  # Windows and macOS ignore case
    (["A_B-2", "A/B", "A_B"], ["A_B-2", "A_B", "A_B-3"]),
    (["", "..."], ["afdeling", "afdeling-2"]),
])
def test_file_stems_are_safe_and_unique(codes, stems):
    assert list(file_stems([dept(c) for c in codes]).values()) == stems


def test_codes_that_give_the_same_file_name_are_a_warning_at_the_second_code():
    plan = sample_plan(departments=(dept("A/B", 2), dept("A_B", 3)))
    [finding] = check_file_names(plan)
    assert (finding.severity.value, finding.code, finding.where) == ("warning", "file-name-clash", "Afdelinger!A3")
    assert finding.message == ("the department codes 'A/B' and 'A_B' give the same file name 'A_B'; "
                               "the files of 'A_B' are named 'A_B-2'.")


def test_select_keeps_the_masters_order_and_ignores_case():
    departments = sample_plan().departments
    assert [d.code for d in select(departments, ["mbu", " MSB "])] == ["MSB", "MBU"]
    assert select(departments, None) == departments


@pytest.mark.parametrize("only, message", [
    (["MSB", "XX"], "unknown department code 'XX'. Valid codes: MSB, MTM, MSO, MKB, MBU, BA."),
    (["XX", "YY"], "unknown department codes 'XX', 'YY'. Valid codes: MSB, MTM, MSO, MKB, MBU, BA."),
    ([""], "no department code given. Valid codes: MSB, MTM, MSO, MKB, MBU, BA."),
])
def test_select_refuses_unknown_codes_naming_the_valid_ones(only, message):
    with pytest.raises(RequestError) as info:
        select(sample_plan().departments, only)
    assert str(info.value) == message


# -- the workbooks -----------------------------------------------------------------------------------
def test_build_writes_one_workbook_per_department(built):
    out = built.files[0].parent
    assert [p.relative_to(out).as_posix() for p in built.files] == [
        "sample-rapport.xlsx", *(f"afdelinger/{c}.xlsx" for c in CODES)]


@pytest.mark.danish  # the goldens show what a user sees by default: Danish
def test_department_workbook_matches_golden(built):
    assert_matches_golden(built.files[0].parent / "afdelinger" / "MSB.xlsx", "sample-afdeling-MSB")


@pytest.mark.parametrize("code", CODES)
def test_every_formula_of_a_department_workbook_computes_its_stored_value(built, code):
    assert check_formulas(built.files[0].parent / "afdelinger" / f"{code}.xlsx") == []


def test_six_workbooks_and_what_is_not_distributed_add_up_to_the_target(built):
    out = built.files[0].parent
    totals = [rows_of(openpyxl.load_workbook(out / "afdelinger" / f"{c}.xlsx", data_only=True)[c])[f"I alt {c}"]
              for c in CODES]
    report = rows_of(openpyxl.load_workbook(out / "sample-rapport.xlsx", data_only=True)["Afdelinger"])
    assert report["Ikke fordelt"] == [2005, 1005, 1805, 1805]
    for i in range(len(YEARS)):
        assert sum(t[i] for t in totals) + report["Ikke fordelt"][i] == 50000


def test_the_department_sheet_shows_its_parts_with_their_basis(built):
    book = openpyxl.load_workbook(built.files[0].parent / "afdelinger" / "MSB.xlsx", data_only=True)
    assert book.sheetnames == ["MSB", "Oversigt", "Nøgler"]
    ws = book["MSB"]
    assert ws["A1"].value == "Budget 2024: MSB – Sociale Forhold og Beskæftigelse"
    assert ws["A5"].value == "Andel for MSB (1.000 kr.)" and ws["F5"].value == "Grundlag"
    rows = rows_of(ws)
    assert rows["3. Kommunikation"] == [568] * 4
    assert rows["11. Borgerinddragelse og medborgerskab"] == [0, "-", "-", "-"]
    assert rows["Andel af difference"] == [10437, 8023, 7654, 7512]
    assert rows["I alt MSB"] == [13067, 13351, 13124, 13124]
    assert rows["Andel af målet"] == [14200] * 4
    assert rows["Forskel: I alt − andel af målet"] == [-1133, -849, -1076, -1076]
    basis = {r[0].value: r[5].value for r in ws.iter_rows(min_row=6, max_row=15)}
    assert basis["5. Forenkling af MED-systemet"] == "Administrativ fordelingsnøgle fra 2025 (28,4 %)"
    assert basis["2. Forenkling af politikker, planer og strategier"] == "Faste beløb"
    assert ws["B6"].number_format == "#,##0"
    overview = rows_of(book["Oversigt"])
    assert overview["I alt"] == [13250, 21750, 23050, 23550]
    assert overview["Heraf MSB i alt (se arket MSB)"] == [13067, 13351, 13124, 13124]
    keys = [[c.value for c in r] for r in book["Nøgler"].iter_rows(min_row=6)]
    assert keys[0][:3] == ["Administrativ fordelingsnøgle", 0.284, 1]
    assert keys[0][3] == ("tema 3, tema 5, tema 6 (2. Øget digitalisering onboarding), tema 7, differencen, "
                          "andel af målet")
    assert keys[1][:3] == ["Lønforhandlinger", 0, 0.99]


def test_nothing_of_another_department_is_in_a_department_workbook(built):
    book = openpyxl.load_workbook(built.files[0].parent / "afdelinger" / "MTM.xlsx")
    texts = [str(c.value) for ws in book.worksheets for r in ws.iter_rows() for c in r if c.value is not None]
    texts += [ws.title for ws in book.worksheets] + [book.properties.title]
    words = {w for t in texts for w in t.replace("(", " ").replace(")", " ").split()}
    for code in CODES:
        assert (code in words) == (code == "MTM"), code


def test_print_setup_of_every_sheet(built):
    book = openpyxl.load_workbook(built.files[0].parent / "afdelinger" / "MBU.xlsx")
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
        assert "Side &P af &N" in ws.oddFooter.center.text
        assert ws.oddFooter.right.text.endswith("sample.xlsx")
    assert book.properties.title == "Administrative spareforslag (prøve) – MBU – Børn og Unge"


def test_same_master_gives_the_same_department_bytes(master, tmp_path):
    path = master()
    one = build_reports(path, tmp_path / "a").files[1].read_bytes()
    two = build_reports(path, tmp_path / "b").files[1].read_bytes()
    assert one == two


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","klik")', "+1+1", "@SUM(A1)", "=1+1"])
def test_untrusted_text_stays_text_in_department_workbooks(master, tmp_path, text):
    plan = sample_plan()
    departments = tuple(replace(d, name=text) if d.code == "MSB" else d for d in plan.departments)
    themes = tuple(replace(t, title=text) if t.number == "3" else t for t in plan.themes)
    out = build_reports(master(replace(plan, departments=departments, themes=themes)), tmp_path / "out",
                        only=["MSB"]).files[1]
    book = openpyxl.load_workbook(out)
    assert book["MSB"]["A1"].value == f"Budget 2024: MSB – {text}" and book["MSB"]["A1"].data_type == "s"
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert text not in str(c.value)


def test_forced_department_workbook_carries_a_banner(master, tmp_path):
    path = master(edits={"Forslag!E2": "abc"})
    out = build_reports(path, tmp_path / "out", force=True, only=["BA"]).files[1]
    ws = openpyxl.load_workbook(out, data_only=True)["BA"]
    assert ws["A4"].value == "DANNET TRODS 1 FEJL I GRUNDARKET – tallene kan være forkerte."
    assert check_formulas(out) == []


def test_a_code_that_would_leave_the_folder_stays_inside_it(master, tmp_path):
    plan = sample_plan()
    departments = tuple(replace(d, code="../x") if d.code == "MSB" else d for d in plan.departments)
    keys = tuple(replace(k, shares=tuple(replace(s, department="../x") if s.department == "MSB" else s
                                         for s in k.shares)) for k in plan.keys)
    fixed = tuple(replace(f, department="../x") if f.department == "MSB" else f for f in plan.fixed)
    out = tmp_path / "out"
    built = build_reports(master(replace(plan, departments=departments, keys=keys, fixed=fixed)), out)
    assert out / "afdelinger" / "_x.xlsx" in built.files
    assert not (out / "x.xlsx").exists()
    assert openpyxl.load_workbook(out / "afdelinger" / "_x.xlsx").sheetnames == [".._x", "Oversigt", "Nøgler"]


# -- the command ---------------------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_build_only_writes_the_chosen_departments(master, tmp_path):
    result = run("build", master(name="m.xlsx"), "-o", tmp_path / "out", "--only", "MSB,mbu")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out" / "afdelinger").iterdir()) == ["MBU.xlsx", "MSB.xlsx"]


def test_build_only_with_an_unknown_code_exits_2_naming_the_valid_codes(master, tmp_path):
    result = run("build", master(), "-o", tmp_path / "out", "--only", "MSB,XYZ")
    assert result.exit_code == 2
    assert result.stderr == ("Error: --only: unknown department code 'XYZ'. "
                             "Valid codes: MSB, MTM, MSO, MKB, MBU, BA.\n")
    assert not (tmp_path / "out").exists()


def test_build_no_departments_writes_the_report_only(master, tmp_path):
    result = run("build", master(name="m.xlsx"), "-o", tmp_path / "out", "--no-departments")
    assert result.exit_code == 0 and result.stdout == f"Wrote {tmp_path / 'out' / 'm-rapport.xlsx'}\n"
    assert not (tmp_path / "out" / "afdelinger").exists()


def test_build_only_and_no_departments_exclude_each_other(master, tmp_path):
    result = run("build", master(), "--only", "MSB", "--no-departments")
    assert result.exit_code == 2 and "Error: --only and --no-departments exclude each other." in result.stderr


@pytest.mark.libreoffice
@pytest.mark.slow
def test_department_workbook_renders_with_libreoffice(built, tmp_path):
    import os
    import shutil
    import subprocess

    if shutil.which("soffice") is None and os.environ.get("SPAREFORSLAG_REQUIRE_LIBREOFFICE") != "1":
        pytest.skip("LibreOffice (soffice) is not installed")
    path = built.files[0].parent / "afdelinger" / "MSB.xlsx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120)
    pdf = (tmp_path / "MSB.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 1


def test_a_department_workbook_left_from_an_earlier_master_is_pointed_out(master, tmp_path):
    from click.testing import CliRunner

    from spareforslag_xl.cli.main import cli

    out = tmp_path / "out"
    (out / "afdelinger").mkdir(parents=True)
    old = out / "afdelinger" / "GAMMEL.xlsx"
    old.write_bytes(b"an earlier build's workbook")
    result = CliRunner().invoke(cli, ["build", str(master(name="m.xlsx")), "-o", str(out)])
    assert result.exit_code == 0
    assert (f"note: {old} is not from this build (its department is not in the master); delete it before the "
            "folder is sent on.") in result.stderr
    assert old.read_bytes() == b"an earlier build's workbook"


def test_lines_split_together_are_one_row_and_the_part_in_fte_is_computed(built):
    """A theme's lines split by the theme's key are one amount: one row, pointing at the report's
    theme sheet; lines with a rule of their own keep their rows; the part in FTE is part / salary."""
    ws = openpyxl.load_workbook(built.files[0].parent / "afdelinger" / "MSB.xlsx")["MSB"]
    values = openpyxl.load_workbook(built.files[0].parent / "afdelinger" / "MSB.xlsx", data_only=True)["MSB"]
    labels = [r[0].value for r in ws.iter_rows()]
    med = labels.index("5. Forenkling af MED-systemet", 17)  # in 'Sådan er andelen beregnet'
    assert labels[med + 1:med + 3] == ["2 forslag", "Andel for MSB"]
    assert [c.value for c in values[med + 2][1:6]] == [1000, 4000, 4000, 4000,
                                                        "De enkelte forslag: se rapportens ark 'Tema 5'"]
    assert "Færre og mere effektive møder i FMU og HMU" not in labels  # on the report's 'Tema 5'
    six = labels.index("6. Forenkling af lønforhandlinger", 17)
    assert labels[six + 1:six + 9] == [
        "1. Forenkling af lønforhandlinger", "Andel for MSB", "2. Øget digitalisering onboarding", "Andel for MSB",
        "3. Størrelse på ansættelsesudvalg", "Andel for MSB",
        "Opgjort i antal årsværk (årsværk = besparelse / gns. løn)", "Gns. løn (1.000 kr.)"]
    fte = six + 7  # 0-based index: row six + 8
    assert ws.cell(fte + 1, 2).value == f"=IF(ISNUMBER(B9),ROUND(B9/$B${fte + 2},2),\"-\")"
    assert [values.cell(fte + 1, c).value for c in range(2, 6)] == [0.25, 0.49, 0.74, 0.99]  # 142 / 575 …
    assert values.cell(fte + 2, 2).value == 575
