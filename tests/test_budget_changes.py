"""`spareforslag budgetaendringer`: the departments' parts as budget change rows on their accounts, and the
round trip: the file (or an extract with the same rows in any layout) reconciles with the master exactly."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.app.check import check_master
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.budget_changes import budget_changes
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.master.accounts import parse_accounts
from spareforslag_xl.model.plan import Account, Decision
from tests.formulas import check_formulas
from tests.officials import write_openpyxl
from tests.plans import sample_plan

SALARY, SERVICES = "6.45.51.1.10", "6.45.51.4.0"
SPLIT = (Account(SALARY, Decimal("0.7")), Account(SERVICES, Decimal("0.3")))


def plan_with_accounts(missing: str = "", decided: bool = True):
    """The sample plan, MSB and MBU on two accounts (70/30), the others on one; tema 6 line 1 (500 a year by the
    lønforhandlinger key, where MSB has 0 %) rejected, so that the difference by the administrative key grows by 500."""
    plan = sample_plan()
    departments = tuple(
        replace(d, accounts=() if d.code == missing else SPLIT if d.code in ("MSB", "MBU")
                else (Account(f"6.45.51.1.{10 + i}"),))
        for i, d in enumerate(plan.departments))
    lines = plan.lines
    if decided:
        lines = tuple(replace(line, decision=Decision.REJECTED) if (line.theme, line.number) == ("6", "1")
                      else replace(line, decision=Decision.ADOPTED) for line in plan.lines)
    return replace(plan, departments=departments, lines=lines)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("text, accounts, codes", [
    ("6.45.51.1.10", (Account("6.45.51.1.10"),), []),
    ("6.45.51.1.10 = 100 %", (Account("6.45.51.1.10"),), []),
    ("6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %", SPLIT, []),
    ("6.45.51.1.10 70%; 6.45.51.4.0: 30 %", SPLIT, []),
    ("6.45.51.1.10 = 70,5 %; 6.45.51.4.0 = 29,5 %",
     (Account(SALARY, Decimal("0.705")), Account(SERVICES, Decimal("0.295"))), []),
    ("6.45.51.1.10; 6.45.51.4.0", (), ["account-share"]),
    ("6.45.51.1.10 = 70 %; 6.45.51.4.0 = 20 %", (), ["account-share"]),
    ("", (), []),
])
def test_the_column_konto(text, accounts, codes):
    findings: list = []
    assert parse_accounts(text, None, findings) == accounts
    assert [f.code for f in findings] == codes


def test_the_accounts_round_trip_through_the_master(master):
    plan = plan_with_accounts()
    checked = check_master(master(plan=plan))
    assert [d.accounts for d in checked.plan.departments] == [d.accounts for d in plan.departments]
    assert [str(d.refs["accounts"]) for d in checked.plan.departments][:2] == ["Afdelinger!E2", "Afdelinger!E3"]
    assert openpyxl.load_workbook(master(plan=plan))["Afdelinger"]["E2"].value == (
        "6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %")


def test_the_rows_of_a_decided_plan_add_up_to_each_departments_part_exactly():
    plan = plan_with_accounts()
    result = compute_scenario(plan)
    changes = budget_changes(result, Decimal(1000))
    assert len(changes.rows) == (2 + 1 + 1 + 1 + 2 + 1) * 4
    for d in plan.departments:
        for y in result.years:
            assert changes.total(d.code, y) == -result.department_totals[d.code][y] * 1000
    msb = [(r.account, r.year, r.amount) for r in changes.rows if r.department == "MSB" and r.year == 2024]
    assert result.department_totals["MSB"][2024] == 13067 + 142  # 28,4 % of the 500 no longer saved by 6.1
    assert msb == [(SALARY, 2024, Decimal(-9246300)), (SERVICES, 2024, Decimal(-3962700))]


def test_parts_with_ore_are_split_to_the_ore_and_still_add_up():
    result = compute_scenario(plan_with_accounts())
    changes = budget_changes(result, Decimal("0.01"))  # as if the master were in øre: 13.067 → 130,67 kr.
    msb = [r.amount for r in changes.rows if r.department == "MSB" and r.year == 2024]
    assert msb == [Decimal("-92.46"), Decimal("-39.63")]
    for d in result.plan.departments:
        for y in result.years:
            assert changes.total(d.code, y) == -result.department_totals[d.code][y] / 100


def test_the_command_writes_the_file_for_the_adopted_plan(master, tmp_path):
    m = master(plan=plan_with_accounts(), name="plan.xlsx")
    assert [f.code for f in check_master(m).findings if f.code.startswith(("account", "missing-account"))] == []
    out = tmp_path / "out" / "budgetaendringer.xlsx"
    res = run("budgetaendringer", m, "-o", out)
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [
        "Scenario: vedtaget (the adopted plan: rejected and postponed proposals left out)",
        "32 budget change rows for 6 departments, in kr. (savings negative).",
        f"Wrote {out}",
    ]
    assert check_formulas(out) == []
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Budgetændringer", "Kontrol", "Regler"]
    sheet = book["Budgetændringer"]
    assert [c.value for c in sheet[5]] == ["Afdeling", "Navn", "Kontostreng", "År", "Beløb (kr.)", "Regel"]
    assert [c.value for c in sheet[6]][:5] == ["MSB", "Sociale Forhold og Beskæftigelse", SALARY, 2024, -9246300]
    assert sheet["F6"].value.startswith("70 % af afdelingens del af året") and "Afdelinger!E2" in sheet["F6"].value
    check = openpyxl.load_workbook(out, data_only=True)["Kontrol"]
    differences = [row[5] for row in check.iter_rows(min_row=6, values_only=True)]
    assert differences == [0] * 24


def test_a_department_without_an_account_is_named_and_left_out(master, tmp_path):
    m = master(plan=plan_with_accounts(missing="MKB"), name="plan.xlsx")
    found = [(f.code, str(f.where)) for f in check_master(m).findings if f.code == "missing-account"]
    assert found == [("missing-account", "Afdelinger!E5")]
    out = tmp_path / "b.xlsx"
    res = run("budgetaendringer", m, "-o", out)
    assert res.exit_code == 1
    assert "Not written: MKB has no account (column Konto on the sheet Afdelinger)." in res.stdout
    assert "28 budget change rows for 5 departments" in res.stdout
    assert out.exists()


def test_a_master_without_accounts_exits_2(master, tmp_path):
    res = CliRunner().invoke(cli, ["budgetaendringer", str(master()), "-o", str(tmp_path / "b.xlsx")])
    assert res.exit_code == 2
    assert "no department has an account" in res.stderr and "'Konto'" in res.stderr


# -- the round trip ------------------------------------------------------------------------------------------------
def test_the_file_reconciles_exactly_and_one_changed_row_is_one_difference(master, tmp_path):
    m = master(plan=plan_with_accounts(), name="plan.xlsx")
    out = tmp_path / "budgetaendringer.xlsx"
    assert run("budgetaendringer", m, "-o", out).exit_code == 0
    res = run("reconcile", m, out, "-o", tmp_path / "a.xlsx")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[-2] == "The official workbook agrees with the master: 24 official figures compared."
    assert "  compared with: the adopted plan" in res.stdout

    # An extract with the same rows, 25.000 kr. more saved on one of MBU's 2026 rows.
    book = openpyxl.load_workbook(out)
    rows = [list(r) for r in book["Budgetændringer"].iter_rows(values_only=True)]
    changed = next(i for i, r in enumerate(rows) if r[0] == "MBU" and r[3] == 2026 and r[2] == SERVICES)
    rows[changed][4] -= 25000
    for layout, sheet in (("long", rows), ("wide", _wide(rows))):
        extract = write_openpyxl(tmp_path / f"{layout}.xlsx", {"Udtræk": sheet})
        res = run("reconcile", m, extract, "-o", tmp_path / f"{layout}-a.xlsx")
        assert res.exit_code == 1, layout
        table = res.stdout.split("Problems (difference = official − master, in 1.000 kr.):\n")[1].split("\n\n")[0]
        problems = table.splitlines()
        assert len(problems) == 2, layout  # the header and one figure
        cells = problems[1].split()
        assert cells[2:4] == ["MBU", "2026"] and cells[6] == "+25" and cells[-1] == "differs", layout
        assert res.stdout.splitlines()[-2].endswith("1 figure differs."), layout
        assert "Official rows behind the problems (as in the official sheet):" in res.stdout
        if layout == "long":
            assert f"'Udtræk'!E{changed + 1}" in cells[-2] or f"E{changed + 1}" in cells, cells


def _wide(rows: list[list]) -> list[list]:
    """The long rows laid out wide: one row per department and account, the years across as B2024, BO2025 …"""
    header = next(i for i, r in enumerate(rows) if r[:1] == ["Afdeling"])
    years = sorted({r[3] for r in rows[header + 1:]})
    wide: dict[tuple, dict] = {}
    for r in rows[header + 1:]:
        wide.setdefault((r[0], r[2]), {})[r[3]] = r[4]
    head = ["Afdeling", "Kontostreng"] + [f"B{years[0]}"] + [f"BO{y}" for y in years[1:]]
    return [["Budget i kr."], head] + [[d, a] + [v.get(y) for y in years] for (d, a), v in wide.items()]


def test_the_guide_and_init_describe_the_column(tmp_path):
    path = tmp_path / "ny.xlsx"
    assert run("init", path).exit_code == 0
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["Afdelinger"][1]][:5] == ["Kode", "Navn", "E-mail", "Kontaktperson", "Konto"]
    guide = " ".join(str(c.value) for row in book["Vejledning"].iter_rows() for c in row if c.value)
    assert "spareforslag budgetaendringer" in guide
    assert re.search(r"Konto Kontostrengen, som afdelingens budgetændringer skrives på", guide)


@pytest.mark.libreoffice
def test_the_new_workbooks_print_readably_on_a4(master, tmp_path):
    """The budget changes file and the reconciliation of an account extract (with its sheet Kontorækker),
    printed by LibreOffice, as tests/test_print.py checks every other workbook."""
    import shutil

    from spareforslag_xl.io.pdf import to_pdf
    from tests.libreoffice import require_soffice
    from tests.printcheck import check

    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required to read the printed pages")
    m = master(plan=plan_with_accounts(), name="plan.xlsx")
    changes, reconciliation = tmp_path / "out" / "budgetaendringer.xlsx", tmp_path / "out" / "afstemning.xlsx"
    assert run("budgetaendringer", m, "-o", changes).exit_code == 0
    assert run("reconcile", m, changes, "-o", reconciliation).exit_code == 0
    assert "Kontorækker" in openpyxl.load_workbook(reconciliation).sheetnames
    problems = []
    for xlsx, pdf in zip([changes, reconciliation], to_pdf([changes, reconciliation], tmp_path / "pdf"), strict=True):
        report = check(pdf, xlsx)
        assert report.pages > 0
        problems += report.problems
    assert problems == []


def test_the_file_is_dated_like_every_output_and_the_same_master_gives_the_same_bytes(master, tmp_path, monkeypatch):
    m = master(plan=plan_with_accounts(), name="plan.xlsx")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("budgetaendringer", m, "-o", first).exit_code == 0
    assert run("budgetaendringer", m, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1686571200")
    assert run("budgetaendringer", m, "-o", first).exit_code == 0
    assert str(openpyxl.load_workbook(first).properties.created) == "2023-06-12 12:00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next week")
    res = CliRunner().invoke(cli, ["budgetaendringer", str(m), "-o", str(tmp_path / "c.xlsx")])
    assert res.exit_code == 2 and "SOURCE_DATE_EPOCH='next week' is not a time" in res.stderr
    assert "Traceback" not in res.output and not (tmp_path / "c.xlsx").exists()


def test_no_text_starts_where_a_figure_ends_in_the_new_workbooks(master, tmp_path):
    """As tests/test_alignment.py checks the other workbooks: a text right of a figure is indented."""
    from tests.test_alignment import _figure, _left_text

    m = master(plan=plan_with_accounts(missing="MKB"), name="plan.xlsx")
    changes, reconciliation = tmp_path / "budgetaendringer.xlsx", tmp_path / "afstemning.xlsx"
    assert run("budgetaendringer", m, "-o", changes).exit_code == 1
    assert run("reconcile", m, changes, "-o", reconciliation).exit_code == 1  # MKB is missing from the file
    runs = []
    for path in (changes, reconciliation):
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for left, right in zip(row, row[1:], strict=False):
                    if _figure(left) and _left_text(right):
                        runs.append(f"{path.name} {ws.title}!{left.coordinate}:{right.coordinate}")
    assert runs == []


def test_a_row_without_department_is_told_by_the_account_the_master_gives_one_department(master, tmp_path):
    from spareforslag_xl.app.reconcile import reconcile_files
    from spareforslag_xl.reconcile.compare import Status

    m = master(plan=plan_with_accounts(), name="plan.xlsx")
    out = tmp_path / "budgetaendringer.xlsx"
    assert run("budgetaendringer", m, "-o", out).exit_code == 0
    rows = [list(r) for r in openpyxl.load_workbook(out)["Budgetændringer"].iter_rows(values_only=True)]
    for r in rows:
        if r[0] == "MTM":
            r[0] = r[1] = None  # every MTM row loses its department: only the master's Konto 6.45.51.1.11 tells it
    extract = write_openpyxl(tmp_path / "udtraek.xlsx", {"Udtræk": rows})
    rec = reconcile_files(m, extract, tmp_path / "a.xlsx").reconciliation
    guessed = [(line.department, line.year, line.guess) for line in rec.lines if line.status is Status.GUESSED]
    assert guessed == [("MTM", y, "account") for y in (2024, 2025, 2026, 2027)]
    assert rec.count(status=Status.AGREES) == 20
    assert {r.department.match.clue for line in rec.lines for r in line.rows if r.guess} == {
        "Kontostreng 6.45.51.1.11"}


def test_scenario_foreslaaet_enters_the_proposals(master, tmp_path):
    m = master(plan=plan_with_accounts(), name="plan.xlsx")
    res = run("budgetaendringer", m, "-o", tmp_path / "b.xlsx", "--scenario", "foreslået")
    assert res.exit_code == 0 and res.stdout.startswith("Scenario: foreslået")
    proposed = compute_scenario(plan_with_accounts(decided=False))
    rows = list(openpyxl.load_workbook(tmp_path / "b.xlsx")["Budgetændringer"].iter_rows(min_row=6, values_only=True))
    assert sum(r[4] for r in rows if r[0] == "MSB" and r[3] == 2024) == -proposed.department_totals["MSB"][2024] * 1000
