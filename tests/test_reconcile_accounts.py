"""`reconcile` against extracts of a financial system: one row per account string, in kr., savings negative.

The extracts are made in code from the sample plan's own figures, as a budget office exports them:
each department's total (or part of a theme) of a year split over two account rows (70 % on art
1.1 løn, the rest on art 4.0 tjenesteydelser), on the administrative account 6.45.51, in kr. with
savings as negative changes, in a long layout (one row per account and year) and a wide one
(`B2024`, `BO2025` … across).
"""

from __future__ import annotations

import re
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.app.reconcile import reconcile_files
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.allocate import allocate
from spareforslag_xl.reconcile.compare import Status
from spareforslag_xl.reconcile.table import Level
from tests.formulas import check_formulas
from tests.officials import sample_result, write_openpyxl

ACCOUNT = "6.45.51.1.10"
ARTS = (("1.1", Decimal("0.7")), ("4.0", Decimal("0.3")))
"""Løn and tjenesteydelser: the shares of each figure entered on the two art codes."""


def split_kroner(amount: Decimal) -> list[int]:
    """The figure (1.000 kr.) in kr., split 70/30 by the largest remainder: the parts add up exactly."""
    parts, _rest = allocate(amount * 1000, [share for _art, share in ARTS], Decimal(1))
    return [int(p) for p in parts]


def cost_centre(code: str) -> int:
    return 10000 + [d for d, *_ in (("MSB",), ("MTM",), ("MSO",), ("MKB",), ("MBU",), ("BA",))].index(code) * 10


def figures(result, theme: bool):
    """(department, theme label or None, year, figure in 1.000 kr.) of every department total or part."""
    if not theme:
        return [(d.code, None, y, result.department_totals[d.code][y])
                for d in result.plan.departments for y in result.years]
    return [(d.code, f"Tema {t.theme.number}", y, t.parts[d.code][y])
            for d in result.plan.departments for t in result.themes for y in result.years if t.parts[d.code][y]]


def long_extract(result, theme: bool = False) -> list[list]:
    head = ["Afdeling"] + (["Tema"] if theme else []) + ["Kontostreng", "Art", "Omkostningssted", "År", "Beløb (kr.)"]
    rows = [["Udtræk fra økonomisystemet: budgetændringer"], [], head]
    for code, label, year, amount in figures(result, theme):
        for (art, _share), kroner in zip(ARTS, split_kroner(amount), strict=True):
            rows.append([code] + ([label] if theme else []) + [ACCOUNT, art, cost_centre(code), year, -kroner])
    return rows


def wide_extract(result, theme: bool = False) -> list[list]:
    years = result.years
    head = (["Afdeling"] + (["Tema"] if theme else []) + ["Kontostreng", "Art"]
            + [f"B{years[0]}"] + [f"BO{y}" for y in years[1:]])
    rows = [["Budgetændringer, administrative besparelser (kr.)"], [], head]
    keys = sorted({(code, label) for code, label, _y, _a in figures(result, theme)},
                  key=lambda k: [r[:2] for r in figures(result, theme)].index(k))
    amounts = {(code, label, y): a for code, label, y, a in figures(result, theme)}
    for code, label in keys:
        split = {y: split_kroner(amounts.get((code, label, y)) or Decimal(0)) for y in years}
        for i, (art, _share) in enumerate(ARTS):
            rows.append([code] + ([label] if theme else []) + [ACCOUNT, art] + [-split[y][i] for y in years])
    return rows


def run(*args):
    return CliRunner().invoke(cli, ["reconcile", *[str(a) for a in args]], catch_exceptions=False)


@pytest.fixture
def result():
    return sample_result()


@pytest.fixture
def files(master, tmp_path):
    def make(rows, name="udtraek.xlsx"):
        official = write_openpyxl(tmp_path / name, {"Udtræk": rows})
        return master(name="plan.xlsx"), official, tmp_path / "out" / "afstemning.xlsx"

    return make


def test_the_split_adds_up_and_is_in_kroner():
    assert split_kroner(Decimal(4495)) == [3146500, 1348500]
    assert split_kroner(Decimal("0.001")) == [1, 0]  # largest remainder: 0,7 kr. of 1 kr. is the larger part


@pytest.mark.parametrize("make, layout", [(long_extract, "long"), (wide_extract, "wide")])
def test_an_account_extract_agrees_department_by_department(files, result, make, layout):
    rows = make(result)
    m, official, out = files(rows)
    res = run(m, official, "-o", out)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[1].endswith(("account rows (columns B, C, D) summed per label and year", "account rows (columns B, C) "
                              "summed per label and year"))
    assert lines[2].startswith("  unit: kr. (found in the sheet")
    assert lines[3] == ("  signs: reversed before comparing: every official figure has the opposite sign of the "
                        "master's (savings entered as negative numbers)")
    counts = next(line.split() for line in lines if line.startswith("department totals"))
    assert counts == ["department", "totals", "24", "24", "0", "0", "0", "0", "0", "0"]
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.levels == (Level.DEPARTMENT,)  # the account string is never read as 'tema 6'
    assert all(len(line.rows) == 2 for line in rec.lines)
    msb = rec.lines[0]
    assert (msb.department, msb.year, msb.master, msb.official) == ("MSB", 2024, Decimal(13067), Decimal(13067))
    assert [r.account_text for r in msb.rows] == (
        [f"Kontostreng {ACCOUNT}, Art 1.1, Omkostningssted 10000",
         f"Kontostreng {ACCOUNT}, Art 4.0, Omkostningssted 10000"]
        if layout == "long" else [f"Kontostreng {ACCOUNT}, Art 1.1", f"Kontostreng {ACCOUNT}, Art 4.0"])
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Afstemning", "Forskelle", "Afdelinger", "Kontorækker"]
    assert book["Kontorækker"].max_row == 5 + 48
    assert check_formulas(out) == []


@pytest.mark.parametrize("make, extra", [(long_extract, 0), (wide_extract, 6)])
def test_with_a_theme_column_parts_are_compared(files, result, make, extra):
    m, official, out = files(make(result, theme=True))
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.levels == (Level.PART,)
    assert rec.agrees
    # the parts that are not 0; a wide row also holds tema 5's 0 of 2024 (its key applies from 2025)
    assert rec.count(status=Status.AGREES) == 20 + 24 + 18 + 24 + 24 + extra
    assert rec.count() == 6 * 8 * 4


def test_one_account_row_changed_by_25_000_kr_is_one_difference_naming_its_rows(files, result):
    rows = long_extract(result)
    mtm_2025 = [i for i, r in enumerate(rows) if r[:1] == ["MTM"] and r[4] == 2025]
    rows[mtm_2025[1]][5] -= 25000  # 25.000 kr. more saved on tjenesteydelser
    m, official, out = files(rows)
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    first, second = (mtm_2025[0] + 1, mtm_2025[1] + 1)
    table = res.stdout.split("Problems (difference = official − master, in 1.000 kr.):\n")[1]
    problem = table.splitlines()[1].split()
    assert problem == ["department", "totals", "MTM", "2025", "4.495", "4.520", "+25",
                       f"'Udtræk'!F{first}", "+", f"F{second}", "differs"]
    behind = [re.split(r"\s{2,}", line.strip()) for line in res.stdout.split("(as in the official sheet):\n")[1]
              .split("\n\n")[0].splitlines()]
    assert behind == [
        ["Department", "Theme", "Year", "Official cell", "Account", "Amount"],
        ["MTM", "2025", f"'Udtræk'!F{first}", f"Kontostreng {ACCOUNT}, Art 1.1, Omkostningssted 10010", "-3.146.500"],
        ["MTM", "2025", f"'Udtræk'!F{second}", f"Kontostreng {ACCOUNT}, Art 4.0, Omkostningssted 10010", "-1.373.500"],
    ]
    assert res.stdout.splitlines()[-2] == "The official workbook does not agree with the master: 1 figure differs."
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.count(status=Status.AGREES) == 23
    book = openpyxl.load_workbook(out)
    forskelle = book["Forskelle"]
    assert [forskelle.cell(6, c).value for c in (2, 4, 5, 6)] == ["MTM", 2025, 4495, "=-J6/1000"]
    assert forskelle["I6"].value == f"'Udtræk'!F{first} + F{second}"


def test_a_row_without_department_is_reported_and_a_cost_centre_is_only_a_guess(files, result):
    rows = long_extract(result)
    msb_2024 = next(i for i, r in enumerate(rows) if r[:1] == ["MSB"] and r[4] == 2024)
    rows[msb_2024][0] = None  # the cost centre 10000 is MSB's on every other row: a guess
    rows.append([None, ACCOUNT, "4.0", 99999, 2026, -50000])  # an unknown cost centre: cannot be told
    m, official, out = files(rows)
    res = run(m, official, "-o", out)
    assert res.exit_code == 1
    rec = reconcile_files(m, official, out).reconciliation
    guessed = [line for line in rec.lines if line.status is Status.GUESSED]
    assert [(g.department, g.year, g.guess, g.master, g.official) for g in guessed] == [
        ("MSB", 2024, "account", Decimal(13067), Decimal(13067))]
    alone = [line for line in rec.lines if line.status is Status.ONLY_OFFICIAL]
    assert [(a.department, a.year, a.official, a.where) for a in alone] == [
        ("", 2026, Decimal(50), f"'Udtræk'!F{len(rows)}")]
    assert rec.count(status=Status.AGREES) == 23
    counts = next(line.split() for line in res.stdout.splitlines() if line.startswith("department totals"))
    assert counts == ["department", "totals", "25", "23", "0", "0", "0", "1", "0", "0", "1"]
    assert ("agrees only by a guess: the department cell is empty; MSB is told by the account Omkostningssted 10000"
            in res.stdout)
    assert "no department: the row's department cannot be told" in res.stdout
    assert res.stdout.splitlines()[-2] == (
        "The official workbook does not agree with the master: 1 figure only in the official workbook, "
        "1 figure that agrees only by a guessed label.")
    book = openpyxl.load_workbook(out)
    assert any(c.value == "Gættet etiket" for row in book["Afstemning"].iter_rows() for c in row)
    notes = [row[10].value for row in book["Afdelinger"].iter_rows(min_row=6)
             if row[7].value == "Stemmer kun ved et gæt"]
    assert len(notes) == 1 and notes[0].startswith(
        "Afdelingscellen er tom; afdelingen er gættet ud fra kontoen (Omkostningssted 10000).")


def test_a_theme_read_from_the_number_at_the_start_of_its_label_is_a_guess(files, result):
    rows = long_extract(result, theme=True)
    changed = [r for r in rows[3:] if r[1] == "Tema 3"]
    for r in changed:
        r[1] = "3. Pressearbejde"  # no theme has this title: only the number says 3
    m, official, out = files(rows)
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.count(status=Status.GUESSED) == 24
    assert {line.theme for line in rec.lines if line.status is Status.GUESSED} == {"3"}
    assert not rec.agrees


@pytest.mark.parametrize("label", ["6.45.51.1.10", "6.45.51", "06.45.51-001", "1.1", "4.0", "6.45.51 1.1"])
def test_an_account_string_is_never_a_theme_or_a_department(label):
    from spareforslag_xl.reconcile.labels import Vocabulary, is_account

    result = sample_result()
    vocab = Vocabulary(result.plan.departments, result.plan.themes)
    assert is_account(label)
    assert vocab.theme(label).candidates == () and vocab.department(label).candidates == ()


@pytest.mark.parametrize("label, number, guess", [
    ("6. Forenkling af lønforhandlinger", "6", ""),
    ("Tema 6", "6", ""),
    ("6", "6", ""),
    ("6. Lønforhandlinger og sygefravær", "6", "number"),  # the title matches no theme: only the number says 6
])
def test_a_theme_read_from_its_number_alone_is_marked_as_a_guess(label, number, guess):
    from spareforslag_xl.reconcile.labels import Vocabulary

    result = sample_result()
    match = Vocabulary(result.plan.departments, result.plan.themes).theme(label)
    assert (match.found, match.guess) == (number, guess)


def test_a_wide_extract_in_thousands_with_positive_savings_and_an_unnamed_account_heading(files, result):
    """In 1.000 kr. with one decimal, savings as positive figures, and the account column headed 'Streng':
    recognised by its dotted account strings."""
    rows = wide_extract(result)
    rows[0] = ["Budget 2024-2027 (1.000 kr.)"]
    rows[2][1] = "Streng"
    for row in rows[3:]:
        row[3:] = [-v / 1000 for v in row[3:]]
    m, official, out = files(rows)
    res = run(m, official, "-o", out)
    assert res.exit_code == 0, res.output
    assert "  unit: 1.000 kr. (found in the sheet, 'Udtræk'!A1: \"Budget 2024-2027 (1.000 kr.)\")" in res.stdout
    assert "signs: reversed" not in res.stdout
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.sources[0].table.account_cols == (1, 2)
    assert rec.count(status=Status.AGREES) == 24 and rec.count() == 24


def test_a_mapping_file_names_the_account_columns(files, result, tmp_path):
    rows = long_extract(result)
    rows[2] = ["Magistrat", "K1", "K2", "K3", "Periode", "Kroner"]  # headings nothing recognises
    mapping = tmp_path / "udtraek.toml"
    mapping.write_text('sheet = "Udtræk"\nheader_row = 3\ndepartment = "A"\naccounts = ["B", "C", "D"]\n'
                       'year = "E"\namount = "F"\nunit = "kr."\n', encoding="utf-8")
    m, official, out = files(rows)
    res = run(m, official, "-o", out, "--mapping", mapping)
    assert res.exit_code == 0, res.output
    rec = reconcile_files(m, official, out, mapping=mapping).reconciliation
    assert rec.count(status=Status.AGREES) == 24 and all(len(line.rows) == 2 for line in rec.lines)
    assert rec.lines[0].rows[0].account_text == "K1 6.45.51.1.10, K2 1.1, K3 10000"
    mapping.write_text('sheet = "Udtræk"\nheader_row = 3\ndepartment = "A"\naccounts = 3\nyear = "E"\namount = "F"\n',
                       encoding="utf-8")
    res = CliRunner().invoke(cli, ["reconcile", str(m), str(official), "-o", str(out), "--mapping", str(mapping)])
    assert res.exit_code == 2 and "'accounts' must list column letters" in res.stderr


def test_a_column_of_themes_headed_like_an_account_column_stays_a_column_of_themes(files, result):
    from tests.officials import theme_rows

    rows = [["Temaer (1.000 kr.)"], ["Formål", *result.years], *theme_rows(result)]
    m, official, out = files(rows)
    rec = reconcile_files(m, official, out).reconciliation
    assert rec.levels == (Level.THEME,) and rec.agrees and rec.sources[0].table.account_cols == ()
