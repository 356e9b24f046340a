"""`spareforslag reconcile`: official workbooks in the layouts people use, and every difference named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from spareforslag_xl.reconcile.compare import Status
from spareforslag_xl.app.reconcile import reconcile_files
from spareforslag_xl.reconcile.table import Level
from tests.formulas import check_formulas
from tests.golden import assert_matches_golden
from tests.officials import (
    Formula, department_cross_tab, department_rows, number, part_rows, sample_result, theme_rows, write_openpyxl,
    write_xlsxwriter,
)

AGREES_24 = "The official workbook agrees with the master: 24 official figures compared."


def run(*args):
    return CliRunner().invoke(cli, ["reconcile", *[str(a) for a in args]], catch_exceptions=False)


def problem_rows(output: str) -> list[list[str]]:
    """The rows of the terminal's problem table, split on runs of two or more spaces."""
    import re

    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Problems ")) + 1
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


@pytest.fixture
def result():
    return sample_result()


@pytest.fixture
def files(master, tmp_path):
    """files(sheets, writer=write_openpyxl) → (master path, official path, output path)."""

    def make(sheets, writer=write_openpyxl, merged=None, name="officielt.xlsx"):
        official = writer(tmp_path / name, sheets, merged)
        return master(name="plan.xlsx"), official, tmp_path / "out" / "afstemning.xlsx"

    return make


# -- cross-tab by department code ---------------------------------------------------------------------
def test_cross_tab_by_department_code_that_agrees_exits_0(files, result):
    m, official, out = files({"Budget": department_cross_tab(result)})
    res = run(m, official, "-o", out)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[1] == "  table: 'Budget'!A4:E10, a cross-tab: departments in column A, years 2024-2027 in row 4"
    assert lines[2] == "  unit: 1.000 kr. (found in the sheet, 'Budget'!A2: \"Beløb i 1.000 kr.\")"
    assert lines[5].split() == ["department", "totals", "24", "24", "0", "0", "0", "0", "0", "0"]
    assert lines[-2:] == [AGREES_24, f"Wrote {out}"]
    assert check_formulas(out) == []
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Afstemning", "Forskelle", "Afdelinger"]
    assert book["Afstemning"]["A5"].value == "Alt stemmer: 24 officielle tal er sammenlignet med grundarket."


def test_one_changed_official_cell_is_named_with_its_difference(files, result):
    rows = department_cross_tab(result)
    rows[5][2] = 4520  # MTM 2025: the master has 4.495
    m, official, out = files({"Budget": rows})
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    assert problem_rows(res.stdout) == [
        ["Level", "Department", "Theme", "Year", "Master", "Official", "Difference", "Official cell", "Problem"],
        ["department totals", "MTM", "2025", "4.495", "4.520", "+25", "'Budget'!C6", "differs"],
    ]
    assert res.stdout.splitlines()[-2] == "The official workbook does not agree with the master: 1 figure differs."
    ws = openpyxl.load_workbook(out)["Forskelle"]
    assert [c.value for c in ws[6]] == ["Afdelinger i alt", "MTM", None, 2025, 4495, 4520, "=N(F6)-N(E6)", "Afviger",
                                        "'Budget'!C6", 4520, None]
    assert ws["G6"].fill.fgColor.rgb == "FFF8D7DA"
    assert check_formulas(out) == []


def test_full_department_names_in_kroner_with_negative_signs(files, result):
    rows = [
        ["Administrative besparelser, budget 2024-2027 (kr.)"],
        [None, "Budget 2024", "Budget 2025", "Budget 2026", "Budget 2027"],
        *department_rows(result, label=lambda d: f"Magistratsafdelingen for {d.name}", scale=Decimal(-1000)),
    ]
    rows[-1][0] = "Borgmesterens Afdeling"  # BA is not 'Magistratsafdelingen for …'
    m, official, out = files({"Ark1": rows})
    res = run(m, official, "-o", out)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[2] == ("  unit: kr. (found in the sheet, 'Ark1'!A1: \"Administrative besparelser, budget 2024-2027 "
                        "(kr.)\"); converted to the master's 1.000 kr.")
    assert lines[3] == ("  signs: reversed before comparing: every official figure has the opposite sign of the "
                        "master's (savings entered as negative numbers)")
    assert lines[-2] == AGREES_24
    ws = openpyxl.load_workbook(out)["Afdelinger"]
    assert [c.value for c in ws[6]][:10] == ["Afdelinger i alt", "MSB", None, 2024, 13067, "=-J6/1000", "=N(F6)-N(E6)",
                                            "Stemmer", "'Ark1'!B3", -13067000]
    assert check_formulas(out) == []
    # Told not to reverse the signs, every figure differs.
    res = run(m, official, "-o", out, "--no-negate")
    assert res.exit_code == 1
    assert res.stdout.splitlines()[-2] == "The official workbook does not agree with the master: 24 figures differ."
    assert problem_rows(res.stdout)[1] == ["department totals", "MSB", "2024", "13.067", "-13.067", "-26.134",
                                          "'Ark1'!B3", "differs"]


# -- long format -------------------------------------------------------------------------------------------
def test_long_format_with_department_and_theme(files, result):
    rows = [["Afdeling", "Tema", "År", "Beløb (1.000 kr.)"], *part_rows(result)]
    m, official, out = files({"Data": rows})
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.agrees
    assert rec.levels == (Level.PART,)
    # parts that are not 0: tema 2 (MKB has none) 5 × 4, tema 3 6 × 4, tema 5 from 2025 6 × 3, temaer 6 and 7 6 × 4
    assert len(rows) - 1 == 20 + 24 + 18 + 24 + 24 == rec.count(status=Status.AGREES)
    assert rec.count() == 6 * 8 * 4  # every department × theme × year of the master
    assert rec.sources[0].table.range == "'Data'!A1:D111"
    # One amount changed, one row whose theme the master does not have.
    assert rows[5][:3] == ["MSB", "Tema 3", 2024]
    rows[5][3] = 1200  # the master has 568
    rows.append(["MSB", "Tema 12", 2027, 500])
    m, official, out = files({"Data": rows}, name="officielt2.xlsx")
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    assert problem_rows(res.stdout)[1:] == [
        ["department × theme", "MSB", "3", "2024", "568", "1.200", "+632", "'Data'!D6", "differs"],
        ["department × theme", "MSB", "Tema 12", "2027", "500", "+500", "'Data'!D112", "only in the official workbook"],
    ]


# -- merged title cells, a totals row, Mål and Difference rows (as Excel saves them) -------------------------------
def test_merged_title_and_totals_rows_are_set_aside(files, result):
    themes = theme_rows(result, label=lambda t: f"Tema {t.number}")
    total = [sum(r[i] for r in themes if isinstance(r[i], int)) for i in range(1, 5)]
    rows = [
        ["Oversigt over administrative spareforslag (1.000 kr.)"],
        ["Budget 2024 – direktørgruppens forslag"],
        [],
        ["Tema", "B2024", "B2025", "B2026", "B2027"],
        ["1. Fokus på at tingene kun skal gøres en gang", "(temaet er slået ind under tema 8)"],
        *themes,
        ["I alt"] + [Formula(f"=SUM({c}6:{c}12)", v) for c, v in zip("BCDE", total)],
        ["Mål", 50000, 50000, 50000, 50000],
        ["Difference der skal fordeles efter administrativ nøgle"] + [50000 - v for v in total],
    ]
    merged = {"Oversigt": ["A1:E1", "A2:E2", "B5:E5"]}
    m, official, out = files({"Oversigt": rows}, writer=write_xlsxwriter, merged=merged)
    res = run(m, official, "-o", out)
    assert res.exit_code == 0, res.output
    assert "  set aside: 'Oversigt'!A13 'I alt': a totals row, not compared" in res.stdout
    assert "  set aside: 'Oversigt'!A14 'Mål': a totals row, not compared" in res.stdout
    assert res.stdout.splitlines()[-2] == "The official workbook agrees with the master: 32 official figures compared."
    rec = reconcile_files(m, official, out).reconciliation
    theme_1 = [line for line in rec.lines if line.theme == "1"]
    assert [(line.master, line.cell.address, line.status) for line in theme_1] == [
        (None, "'Oversigt'!B5", Status.AGREES), (None, "'Oversigt'!C5", Status.AGREES),
        (None, "'Oversigt'!D5", Status.AGREES), (None, "'Oversigt'!E5", Status.AGREES)]


# -- missing and extra department ------------------------------------------------------------------------------
def test_a_missing_department_and_an_extra_one(files, result):
    rows = department_cross_tab(result)
    del rows[7]  # MKB
    rows.insert(9, ["MXX Ny afdeling", 10, 20, 30, 40])
    m, official, out = files({"Budget": rows})
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    assert problem_rows(res.stdout)[1:] == [
        ["department totals", "MKB", "2024", "3.064", "-3.064", "only in the master"],
        ["department totals", "MKB", "2025", "3.132", "-3.132", "only in the master"],
        ["department totals", "MKB", "2026", "3.078", "-3.078", "only in the master"],
        ["department totals", "MKB", "2027", "3.078", "-3.078", "only in the master"],
        ["department totals", "MXX Ny afdeling", "2024", "10", "+10", "'Budget'!B10", "only in the official workbook"],
        ["department totals", "MXX Ny afdeling", "2025", "20", "+20", "'Budget'!C10", "only in the official workbook"],
        ["department totals", "MXX Ny afdeling", "2026", "30", "+30", "'Budget'!D10", "only in the official workbook"],
        ["department totals", "MXX Ny afdeling", "2027", "40", "+40", "'Budget'!E10", "only in the official workbook"],
    ]
    assert res.stdout.splitlines()[-2] == ("The official workbook does not agree with the master: 4 figures only in "
                                           "the master, 4 figures only in the official workbook.")


# -- tolerance ------------------------------------------------------------------------------------------------------
def test_figures_that_agree_only_within_the_tolerance(files, result):
    rows = department_cross_tab(result)
    rows[4][1] = 13067.4   # MSB 2024
    rows[9][4] = 7840.6    # BA 2027
    m, official, out = files({"Budget": rows})
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    assert problem_rows(res.stdout)[1:] == [
        ["department totals", "MSB", "2024", "13.067", "13.067,4", "+0,4", "'Budget'!B5", "differs"],
        ["department totals", "BA", "2027", "7.841", "7.840,6", "-0,4", "'Budget'!E10", "differs"],
    ]
    res = run(m, official, "-o", out, "--tolerance", "0,5")
    assert res.exit_code == 0
    assert res.stdout.splitlines()[-2] == ("The official workbook agrees with the master: 24 official figures compared "
                                           "(2 within the tolerance).")
    book = openpyxl.load_workbook(out)
    ws = book["Afdelinger"]
    assert ws["H6"].value == "Stemmer inden for tolerancen" and ws["G6"].number_format == "+#,##0.0;-#,##0.0;0"
    assert ws["E6"].number_format == "#,##0.0"
    counts = next(r for r in book["Afstemning"].iter_rows() if r[0].value == "Afdelinger i alt")
    assert [(c.value, c.number_format) for c in counts[1:4]] == [(24, "#,##0"), (22, "#,##0"), (2, "#,##0")]
    assert run(m, official, "--tolerance", "-1").exit_code == 2


# -- mapping file --------------------------------------------------------------------------------------------------
def mapped_layout(result):
    """Years as 'B', 'BO1' … (no year in the heading) and one department under another name."""
    rows = [["Budgetkontoret"], [], [None, "Forvaltning", "B", "BO1", "BO2", "BO3"]]
    for row in department_rows(result):
        rows.append([None] + row)
    rows[3][1] = "Socialforvaltningen"
    return rows


MAPPING = """\
sheet = "Ark1"
header_row = 3
department = "B"
years = { C = 2024, D = 2025, E = 2026, F = 2027 }
unit = "1.000 kr."

[departments]
"Socialforvaltningen" = "MSB"
"""


def test_a_layout_that_needs_a_mapping_file(files, result, tmp_path):
    m, official, out = files({"Ark1": mapped_layout(result)})
    res = run(m, official, "-o", out)
    assert res.exit_code == 2
    assert res.output == (
        f"Error: {official}: no table of departments or themes by year was found. Looked for a header row of year "
        "headings (2024, B2024, Budget 2024) for the master's years 2024-2027 with department or theme labels to "
        "their left, or a header row with the columns Afdeling and/or Tema, År and Beløb. Found: 'Ark1': no year "
        "headings and no header row with Afdeling/Tema, År and Beløb. Say where the table is with --mapping FILE "
        "(see the README).\n")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    res = run(m, official, "-o", out, "--mapping", mapping)
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[1] == ("  table: 'Ark1'!B3:F9, a cross-tab: departments in column B, years "
                                          "2024-2027 in row 3 (from the mapping file)")
    assert res.stdout.splitlines()[2] == "  unit: 1.000 kr. (given in the mapping file)"


def test_a_mapping_file_with_several_tables_and_a_long_one(files, result, tmp_path):
    themes = [["Temaoversigt"], ["Nr.", "Periode", "Mio. kr."]]
    themes += [[int(t.theme.number), y, float(t.totals[y]) / 1000] for t in result.themes for y in result.years
               if t.totals[y] is not None]
    m, official, out = files({"Ark1": mapped_layout(result), "Temaer": themes})
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[departments]\n"Socialforvaltningen" = "MSB"\n\n'
        '[[table]]\nsheet = "Ark1"\nheader_row = 3\ndepartment = "B"\nyears = { C = 2024, D = 2025, E = 2026, F = 2027 }\n\n'
        '[[table]]\nsheet = "temaer"\nheader_row = 2\ntheme = "A"\nyear = "B"\namount = "C"\n', encoding="utf-8")
    res = run(m, official, "-o", out, "--mapping", mapping)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[3] == ("  table: 'Temaer'!A2:C27, a long table: themes in column A, years in column B, amounts in "
                        "column C (from the mapping file)")
    assert lines[4] == "  unit: mio. kr. (found in the sheet, 'Temaer'!C2: \"Mio. kr.\"); converted to the master's 1.000 kr."
    assert lines[-2] == "The official workbook agrees with the master: 49 official figures compared."


def test_the_readme_mapping_example_loads(tmp_path):
    from spareforslag_xl.reconcile.mapping import TableSpec, load_mapping
    from spareforslag_xl.model.units import THOUSAND

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "mapping.toml"
    path.write_text(example, encoding="utf-8")
    mapping = load_mapping(path)
    assert mapping.tables == (TableSpec("Ark1", 3, department=1, theme=2, years={3: 2024, 4: 2025, 5: 2026, 6: 2027}),)
    assert (mapping.unit, dict(mapping.departments), dict(mapping.themes)) == (
        THOUSAND, {"Socialforvaltningen": "MSB"}, {"Digitalisering": "7"})


@pytest.mark.parametrize("text, message", [
    ('sheet = "Ark1"\nheader_row = 3\ndepartmnet = "B"\n',
     "the key 'departmnet' is not known; the keys are sheet, header_row, department, theme, years, year, amount, "
     "first_row, last_row, accounts, table, unit, departments, themes. See 'The mapping file' in the README."),
    ('sheet = "Ark1"\nheader_row = 0\ndepartment = "B"\n',
     "'header_row' must be a row number (1 or more), not 0. See 'The mapping file' in the README."),
    ('sheet = "Ark1"\nheader_row = 3\ndepartment = "2"\n',
     "'department' must be a column letter such as \"B\", not '2'. See 'The mapping file' in the README."),
    ('sheet = "Ark1"\nheader_row = 3\n', "give the column of the labels: 'department', 'theme' or both. "
                                         "See 'The mapping file' in the README."),
    ('sheet = "Nope"\nheader_row = 3\ndepartment = "B"\n',
     "names the sheet 'Nope', which the official workbook does not have (its sheets: 'Ark1')."),
    ('sheet = "Ark1"\nheader_row = 3\ndepartment = "B"\n[departments]\n"Soc" = "MXX"\n',
     "[departments] maps 'Soc' to 'MXX', which is no department code of the master (MSB, MTM, MSO, MKB, MBU, BA)."),
    ("sheet = [", None),
])
def test_a_wrong_mapping_file_exits_2_naming_the_problem(files, result, tmp_path, text, message):
    m, official, out = files({"Ark1": mapped_layout(result)})
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(text, encoding="utf-8")
    res = run(m, official, "-o", out, "--mapping", mapping)
    assert res.exit_code == 2
    if message is None:
        assert res.output.startswith(f"Error: {mapping}: is not a valid TOML file (")
    else:
        assert res.output == f"Error: {mapping}: {message}\n"
    assert not out.exists()


# -- what the official sheet cannot say -----------------------------------------------------------------------------
def test_a_formula_without_a_stored_value_is_reported_not_read_as_0(files, result):
    rows = department_cross_tab(result)
    rows[4][1] = Formula("=13000+67", 0)  # openpyxl saves it without a value
    m, official, out = files({"Budget": rows})
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    assert problem_rows(res.stdout)[1:] == [
        ["department totals", "MSB", "2024", "13.067", "-", "'Budget'!B5", "formula =13000+67 without a stored value"],
    ]
    ws = openpyxl.load_workbook(out)["Forskelle"]
    assert [c.value for c in ws[6]] == ["Afdelinger i alt", "MSB", None, 2024, 13067, None, None,
                                        "Officiel celle uden tal", "'Budget'!B5", "=13000+67",
                                        "Formel uden gemt værdi: åbn det officielle regneark i Excel, lad det beregne "
                                        "og gem det."]
    assert ws["J6"].data_type == "s"


def test_an_ambiguous_label_is_reported_never_picked(files, result):
    themes = theme_rows(result)
    themes[0][0] = "Forenkling af"      # fits themes 2, 5 and 6
    themes[1][0] = "2. Kommunikation"   # number 2, title of theme 3
    rows = [["Tema (1.000 kr.)", 2024, 2025, 2026, 2027], *themes]
    m, official, out = files({"Temaer": rows})
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    problems = problem_rows(res.stdout)[1:]
    assert problems[:2] == [
        ["theme totals", "2", "2024", "3.250", "-3.250", "only in the master"],
        ["theme totals", "2", "2025", "3.250", "-3.250", "only in the master"],
    ]
    assert ["theme totals", "Forenkling af", "2024", "3.250", "'Temaer'!B2",
            "ambiguous: fits themes 2, 5 and 6"] in problems
    assert ["theme totals", "2. Kommunikation", "2024", "2.000", "'Temaer'!B3",
            "ambiguous: fits themes 2 and 3 (its number and title disagree)"] in problems
    assert not any(p[1] in ("5", "6") for p in problems)  # themes 5 and 6 are still found by their own rows
    ws = openpyxl.load_workbook(out)["Forskelle"]
    notes = {c.value for c in ws["K"] if c.value}
    assert ("Etiketten passer på temaerne 2. Forenkling af politikker, planer og strategier, 5. Forenkling af "
            "MED-systemet, 6. Forenkling af lønforhandlinger; ikke sammenlignet.") in notes


def test_no_table_found_exits_2_saying_what_was_looked_for_and_found(files, result):
    rows = [["Noter til budgettet"], ["Se arket Budget i den endelige udgave."]]
    years_only = [["Oversigt"], [None, 2024, 2025, 2026, 2027], ["Noget andet", 1, 2, 3, 4]]
    m, official, out = files({"Noter": rows, "Oversigt": years_only})
    res = run(m, official, "-o", out)
    assert res.exit_code == 2
    assert res.output.endswith(
        "Found: 'Noter': no year headings and no header row with Afdeling/Tema, År and Beløb; 'Oversigt': year "
        "headings at 'Oversigt'!B2:E2 but no department or theme labels to their left. Say where the table is with "
        "--mapping FILE (see the README).\n")
    assert not out.exists()


@pytest.mark.parametrize("content, message", [
    (b"Afdeling;2024\nMSB;13067\n", "is not an Excel workbook (.xlsx); it looks like a CSV or text file. "
                                    "Save it from Excel as 'Excel Workbook (*.xlsx)'."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "is an old Excel 97-2003 workbook (.xls), which is not "
                                                        "supported. Open it in Excel and save it as 'Excel Workbook "
                                                        "(*.xlsx)'."),
])
def test_an_unreadable_official_workbook_exits_2(master, tmp_path, content, message):
    official = tmp_path / "officielt.xlsx"
    official.write_bytes(content)
    res = run(master(), official, "-o", tmp_path / "out.xlsx")
    assert res.exit_code == 2
    assert res.output == f"Error: {official}: {message}\n"


def test_the_official_workbook_is_only_read(files, result, tmp_path):
    rows = department_cross_tab(result)
    rows[5][2] = 4520
    m, official, out = files({"Budget": rows})
    before, stamp = official.read_bytes(), official.stat().st_mtime_ns
    official.chmod(0o444)
    assert run(m, official, "-o", out).exit_code == 1
    assert official.read_bytes() == before and official.stat().st_mtime_ns == stamp
    res = run(m, official, "-o", official)
    assert res.exit_code == 3
    assert res.output == (f"Error: {official}: is an input of this command; inputs are never overwritten. "
                          "Choose another output file or folder.\n")


def test_two_tables_that_fit_equally_well_are_not_guessed_between(files, result):
    m, official, out = files({"Budget": department_cross_tab(result), "Kopi": department_cross_tab(result)})
    res = run(m, official, "-o", out)
    assert res.exit_code == 2
    assert res.output == (f"Error: {official}: two tables of department totals fit equally well: 'Budget'!A4:E10 "
                          "and 'Kopi'!A4:E10. Choose the sheet with --sheet NAME, or say where the table is with "
                          "--mapping FILE.\n")
    assert run(m, official, "-o", out, "--sheet", "kopi").exit_code == 0


def test_a_master_with_errors_is_not_reconciled_unless_forced(master, files, result, tmp_path):
    _, official, out = files({"Budget": department_cross_tab(result)})
    bad = master(edits={"Forslag!E2": "abc"})
    res = CliRunner().invoke(cli, ["reconcile", str(bad), str(official), "-o", str(out)])
    assert res.exit_code == 1
    assert res.stderr.rstrip().endswith(
        f"Error: {bad}: the master has 1 error, so its figures cannot be trusted; nothing was reconciled. "
        "Fix the findings above, or use --force to reconcile anyway.")
    assert not out.exists()
    assert run(bad, official, "-o", out, "--force").exit_code == 1  # reconciled: theme 2 lost a line
    assert out.exists()


def test_default_output_goes_to_build(files, result, monkeypatch, tmp_path):
    m, official, _ = files({"Budget": department_cross_tab(result)})
    monkeypatch.chdir(tmp_path)
    res = run(m, official)
    assert res.exit_code == 0
    assert res.stdout.splitlines()[-1] == f"Wrote {Path('build') / 'plan-afstemning.xlsx'}"
    assert (tmp_path / "build" / "plan-afstemning.xlsx").exists()


# -- department × theme cross-tab with merged department cells (a pivot table) ------------------------------------
def test_department_by_theme_cross_tab_with_merged_department_cells(files, result):
    rows = [["Fordeling på magistratsafdeling og tema (1.000 kr.)"], [], ["Afdeling", "Tema", *result.years]]
    merged = []
    for d in result.plan.departments:
        first = len(rows) + 1
        for t in (t for t in result.themes if t.lines):
            label = d.name if len(rows) + 1 == first else None
            rows.append([label, f"{t.theme.number}."] + [number(t.parts[d.code][y]) for y in result.years])
        merged.append(f"A{first}:A{len(rows)}")
        rows.append([f"{d.code} i alt", None] + [number(sum(t.parts[d.code][y] for t in result.themes))
                                                  for y in result.years])
    rows[4][3] = 600  # Sociale Forhold og Beskæftigelse, theme 3, 2025: the master has 568
    m, official, out = files({"Fordeling": rows}, writer=write_xlsxwriter, merged={"Fordeling": merged})
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.levels == (Level.PART,)
    assert rec.count(status=Status.AGREES) == 6 * 7 * 4 - 1
    assert [(p.department, p.theme, p.year, p.master, p.official, p.cell.address) for p in rec.problems] == [
        ("MSB", "3", 2025, Decimal(568), Decimal(600), "'Fordeling'!D5")]
    assert [(i.address, i.text) for i in rec.ignored][:2] == [("'Fordeling'!A11", "MSB i alt"),
                                                               ("'Fordeling'!A19", "MTM i alt")]
    assert check_formulas(out) == []


# -- the example official workbook and the golden reconciliation -----------------------------------------------------
def load_example_script():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "make_official_example.py"
    spec = importlib.util.spec_from_file_location("make_official_example", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.danish  # the goldens show what a user sees by default: Danish
def test_the_example_official_workbook_has_exactly_its_one_deliberate_difference(master, tmp_path, capsys):
    script = load_example_script()
    m = master(name="sample.xlsx")
    official = tmp_path / "officielt-budget-2024.xlsx"
    assert script.main([str(m), str(official)]) == 0
    assert capsys.readouterr().out == (f"Wrote {official}. Deliberate difference: 'Budget 2024'!C6 (MTM 2025) is "
                                       "4.520 instead of 4.495.\n")
    first = official.read_bytes()
    assert script.main([str(m), str(official)]) == 0 and official.read_bytes() == first  # reproducible
    out = tmp_path / "sample-afstemning.xlsx"
    danish = run(m, official, "-o", out)
    assert "Afdeling" in danish.stdout and "Problemer (forskel = officielt − grundark, i 1.000 kr.):" in danish.stdout
    assert danish.stdout.rstrip().splitlines()[-2] == "Det officielle budgetark stemmer ikke med grundarket: 1 tal afviger."
    # the workbook's texts are Danish in both languages; the terminal's English is checked below
    res = CliRunner().invoke(cli, ["--lang", "en", "reconcile", str(m), str(official), "-o", str(out)])
    assert res.exit_code == 1
    assert problem_rows(res.stdout)[1:] == [
        ["department totals", "MTM", "2025", "4.495", "4.520", "+25", "'Budget 2024'!C6", "differs"]]
    counts = [line.split() for line in res.stdout.splitlines() if line.startswith(("department totals  ", "theme totals  "))]
    assert counts[:2] == [["department", "totals", "24", "23", "0", "1", "0", "0", "0", "0"],
                          ["theme", "totals", "32", "32", "0", "0", "0", "0", "0", "0"]]
    assert check_formulas(out) == []
    assert_matches_golden(out, "sample-afstemning")
