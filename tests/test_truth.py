"""One plan, one truth: a decided plan of four departments, as every output shows it.

The plan of issue 22: line 1.1 adopted with 800 instead of 1.000 in 2027, line 1.2 rejected
(its own key), tema 2 adopted with 1.500 instead of 1.600 in 2024 (fixed amounts 700/300/400/200,
split anew to 656/281/375/188), and tema 3 whose only estimated line is postponed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.app.history import kept_versions
from spareforslag_xl.cli.main import cli
from spareforslag_xl.content.nodes import Table, Text
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.diff import diff_plans
from spareforslag_xl.model.labels import DEPARTMENTS_CHECK
from spareforslag_xl.model.plan import (
    Decision,
    Department,
    FixedAmount,
    Method,
    Plan,
    ProposalLine,
    Rule,
    Scenario,
    Settings,
    Theme,
)
from tests.conftest import write_master
from tests.formulas import check_formulas
from tests.plans import amounts, key
from tests.printcheck import unnamed_fonts

D = Decimal
ADMIN = "Administrativ fordelingsnøgle"
FOUR = (("MSB", "Sociale Forhold", "0.284"), ("MTM", "Teknik og Miljø", "0.281"),
        ("MSO", "Sundhed og Omsorg", "0.235"), ("BA", "Borgmesterens Afdeling", "0.2"))


def four_department_plan(decided: bool = True) -> Plan:
    """The issue's master: adopted with a lower amount, rejected, postponed (without decisions: the proposals)."""
    A, R, P = Decision.ADOPTED, Decision.REJECTED, Decision.POSTPONED

    def decision(d):
        return d if decided else None

    lines = (
        ProposalLine("1", "1", "RPA i økonomi", amounts(1000, 1000, 1000, 1000), decision=decision(A),
                     adopted={2027: D(800)} if decided else {}),
        ProposalLine("1", "2", "Færre printere", amounts(500, 500, 500, 500), kind="T", rule=Rule(Method.KEY, ADMIN),
                     decision=decision(R)),
        ProposalLine("2", "", "Fælles indkøb", amounts(1600, 1600, 1600, 1600), decision=decision(A),
                     adopted={2024: D(1500)} if decided else {}),
        ProposalLine("3", "", "Færre møder", amounts(300, 300, 300, 300), decision=decision(P)),
        ProposalLine("3", "", "Mødefri fredag", amounts(None, None, None, None)),
    )
    fixed = tuple(FixedAmount("2", "", c, amounts(v, v, v, v))
                  for c, v in (("MSB", 700), ("MTM", 300), ("MSO", 400), ("BA", 200)))
    return Plan(
        settings=Settings(title="Spareforslag", municipality="Aarhus Kommune", budget_year=2024, unit="1.000 kr.",
                          salary=D(575), residual_key=ADMIN, target=amounts(5000, 5000, 5000, 5000)),
        years=(2024, 2025, 2026, 2027),
        departments=tuple(Department(c, n, (f"{c.lower()}@example.org",), "K") for c, n, _ in FOUR),
        keys=(key(ADMIN, {c: s for c, _, s in FOUR}),),
        themes=(Theme("1", "Digitalisering", rule=Rule(Method.KEY, ADMIN)),
                Theme("2", "Indkøb", rule=Rule(Method.FIXED)),
                Theme("3", "Møder", rule=Rule(Method.KEY, ADMIN))),
        lines=lines, fixed=fixed)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("four")
    path = write_master(folder / "fire.xlsx", four_department_plan())
    return path, build_reports(path, folder / "out")


def _rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True))


def test_every_stored_value_is_what_its_formula_computes(built):
    for path in built[1].files:
        assert check_formulas(path) == [], path.name


def test_a_theme_whose_only_estimated_line_is_postponed_is_not_estimated(built):
    result = compute_scenario(four_department_plan())
    theme3 = next(t for t in result.themes if t.theme.number == "3")
    assert all(theme3.totals[y] is None for y in result.years)
    rows = {r[0]: r for r in _rows(built[1].report, "Tema 3") if r[0]}
    assert rows["Anslået samlet besparelse"][1:5] == ("-",) * 4
    assert rows["Anslået samlet besparelse"][5] is None  # no 'Delvist anslået' counting the postponed line
    overview: dict = {}
    for r in _rows(built[1].report, "Oversigt"):
        overview.setdefault(r[0], r)  # the adopted plan's table comes first, the proposals' after it
    assert overview["3. Møder"][1:6] == ("-", "-", "-", "-", None)


def test_the_department_workbook_marks_each_decision(built):
    path = next(p for p in built[1].files if p.name == "MSB.xlsx")
    rows = _rows(path, "MSB")
    labels = [r[0] for r in rows]
    own = {r[0]: r for r in rows[:14] if r[0]}
    assert own["1. Digitalisering"][1:6] == (284, 284, 284, 227, "Administrativ fordelingsnøgle (28,4 %)")
    assert own["2. Indkøb"][1:5] == (656, 700, 700, 700)
    assert own["2. Indkøb"][5] == ("Faste beløb; omregnet efter beslutningen: 2024 indtastet 700, nu 656 "
                                   "(1.500 i stedet for foreslået 1.600)")
    assert own["3. Møder"][1:5] == ("-",) * 4
    # adopted with another amount: the adopted amounts, and the proposed ones in the note
    adopted = rows[labels.index("1. RPA i økonomi")]
    assert adopted[1:5] == (1000, 1000, 1000, 800)
    assert adopted[5] == "Vedtaget med andet beløb (foreslået 1.000 / 1.000 / 1.000 / 1.000)"
    # rejected and postponed: struck through with their proposed amounts and decision, never 0, not counted
    formats = openpyxl.load_workbook(path)["MSB"]
    for label, decision in (("2. Færre printere (T)", "Forkastet"), ("Færre møder", "Udskudt (indgår ikke)")):
        i = labels.index(label)
        assert rows[i][1:6] == (500 if "printere" in label else 300,) * 4 + (decision,)
        assert formats.cell(i + 1, 1).font.strike and formats.cell(i + 1, 2).font.strike
        # no 'Andel for MSB' row with a key share follows a line the plan leaves out
        assert i + 1 == len(rows) or rows[i + 1][0] != "Andel for MSB"
    keys = [r for r in _rows(path, "Nøgler") if r[0] == ADMIN]
    assert "Færre printere" not in keys[0][3]


def test_the_report_says_why_fixed_amounts_were_split_anew(built):
    texts = [r[0] for r in _rows(built[1].report, "Tema 2") if isinstance(r[0], str)]
    assert ("Faste beløb omregnet efter beslutningen, i forhold til de indtastede: 2024: MSB 700 → 656, "
            "MTM 300 → 281, MSO 400 → 375, BA 200 → 188 (1.500 i stedet for foreslået 1.600)") in texts


def test_the_diff_reports_the_change_in_force():
    diff = diff_plans(four_department_plan(False), four_department_plan())
    by_line = {c.line: c for c in diff.changes if c.kind == "line-decision"}
    assert by_line["1. RPA i økonomi"].years == {2027: (D(1000), D(800))}
    assert by_line["1. RPA i økonomi"].change(2027) == -200
    assert by_line["2. Færre printere (T)"].years[2024] == (D(500), D(0))
    assert not [c for c in diff.changes if c.kind == "line-adopted"]


def test_the_diff_command_says_what_is_in_force(tmp_path):
    old = write_master(tmp_path / "foer.xlsx", four_department_plan(False))
    new = write_master(tmp_path / "fire.xlsx", four_department_plan())
    done = CliRunner().invoke(cli, ["--lang", "da", "diff", str(old), str(new)])
    assert done.exit_code == 1, done.output
    assert ("Tema 1: 1. RPA i økonomi: beslutning Foreslået → Vedtaget, i kraft: 2027 1.000 → 800 (-200)"
            in done.stdout)
    assert "- → 800" not in done.stdout


def test_history_shows_the_totals_of_the_plan_the_build_showed(tmp_path):
    old = write_master(tmp_path / "foer.xlsx", four_department_plan(False))
    new = write_master(tmp_path / "fire.xlsx", four_department_plan())
    out = tmp_path / "out"
    build_reports(old, out, departments=False)
    build_reports(new, out, departments=False)
    build_reports(new, out, departments=False, scenario=Scenario.PROPOSED)
    build_reports(new, out, departments=False)
    first, second = kept_versions(out)
    assert first.totals.total[2027] == 3400 and first.totals.scenario is None
    assert second.totals.total[2027] == 2400 and second.totals.scenario is Scenario.ADOPTED
    build_reports(new, out, departments=False, scenario=Scenario.PROPOSED)
    assert kept_versions(out)[1].totals.total[2027] == 3400
    assert kept_versions(out)[1].totals.scenario is Scenario.PROPOSED


def test_two_scenarios_built_into_one_folder_keep_both(tmp_path):
    master = write_master(tmp_path / "fire.xlsx", four_department_plan())
    out = tmp_path / "out"
    proposed = build_reports(master, out, scenario=Scenario.PROPOSED)
    postponed = build_reports(master, out, scenario=Scenario.WITH_POSTPONED)
    adopted = build_reports(master, out)
    assert proposed.report.name == "fire-rapport-foreslaaet.xlsx"
    assert postponed.report.name == "fire-rapport-vedtaget-udskudt.xlsx"
    assert adopted.report.name == "fire-rapport.xlsx"
    assert {p.parent.name for p in proposed.files[1:]} == {"afdelinger-foreslaaet"}
    assert {p.parent.name for p in adopted.files[1:]} == {"afdelinger"}
    assert all(p.exists() for built in (proposed, postponed, adopted) for p in built.files)
    totals = [_rows(b.report, "Oversigt") for b in (proposed, postponed, adopted)]
    i_alt = [next(r for r in rows if r[0] == "I alt")[4] for rows in totals]
    assert i_alt == [3400, 2700, 2400]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
                    reason="needs LibreOffice and poppler-utils")
def test_the_handout_is_danish_on_any_machine_and_leaves_the_checks_out(tmp_path, monkeypatch):
    from spareforslag_xl.app.build import report_pdf
    from tests.conftest import SEED_MASTER

    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    built = build_reports(SEED_MASTER, tmp_path, departments=False)
    pdf = report_pdf(built)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "3.250" in text and "28,4 %" in text and "genberegnet 2,19" in text
    assert "3,250" not in text and "28.4 %" not in text
    assert "Kontrol: 0 fejl" not in text and "Dokumentafvigelser" not in text
    # 'Afdelinger' keeps its target but not the staff's check row (I alt − Mål)
    assert DEPARTMENTS_CHECK not in text and "Kontrol:" not in text and "Fordeling på magistratsafdelinger" in text
    assert re.search(r"^Mål +50\.000 +50\.000 +50\.000 +50\.000$", text, re.M)
    assert unnamed_fonts(pdf, built.report) == []
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert b"/Lang(da-DK)" in pdf.read_bytes()
    # the workbook itself still has the staff's checks
    names = openpyxl.load_workbook(built.report, read_only=True).sheetnames
    assert "Kontrol" in names and "Dokumentafvigelser" in names
    assert [r[1:] for r in _rows(built.report, "Afdelinger") if r[0] == DEPARTMENTS_CHECK] == [(0, 0, 0, 0, None)]


def test_the_handout_leaves_the_staffs_check_row_on_afdelinger_out():
    from spareforslag_xl.content.report import report_content

    result = compute_scenario(four_department_plan(), None)
    sheets = {h: {s.name: s for s in report_content(result, [], handout=h).sheets} for h in (False, True)}

    def firsts(sheet) -> list[str]:
        return [r.cells[0].text for b in sheet.blocks if isinstance(b, Table) for r in b.rows
                if isinstance(r.cells.get(0), Text)]

    staff, handout = firsts(sheets[False]["Afdelinger"]), firsts(sheets[True]["Afdelinger"])
    assert DEPARTMENTS_CHECK in staff and DEPARTMENTS_CHECK not in handout
    assert [t for t in staff if t != DEPARTMENTS_CHECK] == handout
    assert handout[handout.index("Mål") - 1:handout.index("Mål") + 1] == ["I alt", "Mål"]
    assert "Kontrol" in sheets[False] and "Kontrol" not in sheets[True]


def test_libreoffice_computes_what_the_workbooks_store(built, tmp_path):
    from tests.libreoffice import compare_with_recalculated, recalculate, require_soffice

    require_soffice()
    files = [built[1].report, next(p for p in built[1].files if p.name == "MSB.xlsx")]
    problems = []
    for original, fresh in recalculate(files, tmp_path / "lo").items():
        problems += compare_with_recalculated(original, fresh)
    assert problems == []
