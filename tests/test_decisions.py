"""Decisions: the adopted plan from Beslutning and 'Vedtaget <year>', in the master, the figures and every output."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.app.check import check_master
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.compute import compute
from spareforslag_xl.core.decisions import compute_scenario, decision_of, scenario_plan
from spareforslag_xl.core.validate import validate
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.labels import EXCLUDED, PROPOSED_TABLE
from spareforslag_xl.model.plan import Decision, Scenario
from tests.conftest import SEED_MASTER
from tests.formulas import check_formulas
from tests.plans import ADMIN, DEPARTMENTS, YEARS, sample_plan

A, R, P, F = Decision.ADOPTED, Decision.REJECTED, Decision.POSTPONED, Decision.PROPOSED
D = Decimal


def decided_plan():
    """The sample with every kind of decision: adopted, rejected, postponed (by theme), partly adopted, undecided."""
    plan = sample_plan()
    own = {
        ("2", 0): (A, {2024: D(3000)}),            # fixed amounts, adopted with less in 2024
        ("3", 0): (A, {2024: D(1500)}),            # key, adopted with less in 2024
        ("6", 0): (A, {}),
        ("6", 1): (R, {}),
        ("7", 0): (R, {}),                         # tema 7 line 1 rejected
        ("7", 1): (A, {}),
        ("8", 0): (F, {}),                         # explicitly undecided: counts as proposed
    }
    lines, seen = [], {}
    for line in plan.lines:
        index = seen[line.theme] = seen.get(line.theme, -1) + 1
        decision, adopted = own.get((line.theme, index), (None, {}))
        lines.append(replace(line, decision=decision, adopted=adopted))
    themes = tuple(replace(t, decision=P) if t.number == "5" else t for t in plan.themes)
    return replace(plan, lines=tuple(lines), themes=themes)


# 2024 and 2025 of every theme: (proposed, adopted); None is '-'.
EXPECTED = {
    "2": ((3250, 3000), (3250, 3250)),
    "3": ((2000, 1500), (2000, 2000)),
    "5": ((1000, 0), (4000, 0)),
    "6": ((1000, 500), (1500, 500)),
    "7": ((5000, 0), (10000, 0)),
    "8": ((1000, 1000), (1000, 1000)),
    "11": ((0, 0), (None, None)),
}


def number(v):
    return None if v in (None, "-") else v if isinstance(v, str) else D(str(v))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from spareforslag_xl.master.write import master_bytes

    folder = tmp_path_factory.mktemp("decided")
    path = folder / "decided.xlsx"
    path.write_bytes(master_bytes(decided_plan()))
    return path, build_reports(path, folder / "out")


def _file(built, suffix):
    return next(p for p in built[1].files if p.name.endswith(suffix))


# -- the master ----------------------------------------------------------------------------------
def test_decisions_and_adopted_amounts_round_trip_through_the_master(built):
    path, _ = built
    plan = check_master(path).plan
    wanted = decided_plan()
    assert [(ln.decision, dict(ln.adopted)) for ln in plan.lines] == \
        [(ln.decision, dict(ln.adopted)) for ln in wanted.lines]
    assert [t.decision for t in plan.themes] == [t.decision for t in wanted.themes]
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book[L.LINES.name][1]]
    assert header[-5:] == ["Beslutning", "Vedtaget 2024", "Vedtaget 2025", "Vedtaget 2026", "Vedtaget 2027"]
    assert str(plan.lines[1].refs[("adopted", 2024)]) == "Forslag!N3"


def test_init_offers_a_dropdown_of_decisions(tmp_path):
    path = tmp_path / "new.xlsx"
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    lines = book[L.LINES.name]
    header = [c.value for c in lines[1]]
    col = openpyxl.utils.get_column_letter(header.index("Beslutning") + 1)
    validations = {str(dv.sqref): dv for dv in lines.data_validations.dataValidation}
    assert validations[f"{col}2:{col}2001"].formula1 == '"Foreslået,Vedtaget,Forkastet,Udskudt"'
    adopted = next(str(h) for h in header if str(h).startswith("Vedtaget 20"))
    guide = [c.value for row in book[L.GUIDE].iter_rows() for c in row if c.value]
    # The guide's example names the master's own first year, not the seed's.
    assert "Beslutning" in guide and any(adopted in str(v) for v in guide)


def test_an_import_writes_no_decision_columns():
    book = openpyxl.load_workbook(SEED_MASTER, read_only=True)
    header = [c.value for c in book[L.LINES.name][1]]
    book.close()  # a read-only workbook keeps its file open until closed
    assert "Beslutning" not in header


@pytest.mark.parametrize("value, decision", [("Vedtaget", A), ("forkastet", R), (" Udskudt ", P),
                                             ("Foreslået", F), (None, None)])
def test_decisions_are_read_ignoring_case_and_spaces(master, value, decision):
    path = master(plan=decided_plan(), edits={"Forslag!M2": value})
    assert check_master(path).plan.lines[0].decision is decision


def test_an_unknown_decision_is_an_error_naming_its_cell(master):
    checked = check_master(master(plan=decided_plan(), edits={"Forslag!M4": "Godkendt?"}))
    found = [f for f in checked.findings if f.code == "unknown-decision"]
    assert len(found) == 1 and found[0].is_error and str(found[0].ref) == "Forslag!M4"
    assert "'Godkendt?'" in found[0].message


def test_a_theme_decision_without_lines_and_adopted_amounts_on_a_rejected_line_are_warnings():
    plan = decided_plan()
    themes = tuple(replace(t, decision=A, refs={"decision": "Temaer!K2"}) if t.number == "1" else t
                   for t in plan.themes)
    lines = tuple(replace(ln, adopted={2025: D(7)}) if (ln.theme, ln.number) == ("7", "1") else ln for ln in plan.lines)
    found = {f.code: f for f in validate(replace(plan, themes=themes, lines=lines))}
    assert not found["decision-without-lines"].is_error
    assert not found["adopted-but-rejected"].is_error
    assert "AI, Automatisering og RPA" in found["adopted-but-rejected"].message


def test_an_adopted_amount_with_too_many_decimals_is_an_error(master):
    checked = check_master(master(plan=decided_plan(), edits={"Forslag!N2": 3000.5}))
    assert any(f.code == "too-many-decimals" and str(f.ref) == "Forslag!N2" for f in checked.findings)


# -- the figures ------------------------------------------------------------------------------------
def test_decisions_resolve_own_before_theme_and_adopted_amounts_mean_adopted():
    plan = decided_plan()
    by = {(ln.theme, ln.title): decision_of(plan, ln) for ln in plan.lines}
    assert by[("5", "Færre og mere effektive møder i FMU og HMU")] is P     # the theme's
    assert by[("7", "AI, Automatisering og RPA")] is R
    assert by[("8", "Genbrugsportal")] is F
    line = replace(plan.lines[9], decision=None, adopted={2024: D(1)})
    assert decision_of(plan, line) is A


def test_every_scenario_of_the_decided_plan():
    plan = decided_plan()
    adopted = compute_scenario(plan)
    assert adopted.plan.scenario is Scenario.ADOPTED
    assert adopted.total[2024] == 6000 and adopted.total[2025] == 6750
    assert adopted.difference[2024] == 44000 and adopted.proposed.total[2024] == 13250
    with_postponed = compute_scenario(plan, Scenario.WITH_POSTPONED)
    assert with_postponed.total[2024] == 7000 and with_postponed.total[2025] == 10750
    proposed = compute_scenario(plan, Scenario.PROPOSED)
    assert proposed.total == compute(sample_plan()).total and proposed.proposed is None
    for result in (adopted, with_postponed, proposed):
        assert all(result.check(y) == 0 for y in YEARS)


def test_fixed_amounts_follow_an_adopted_amount_in_proportion():
    fixed = {f.department: f.amounts[2024] for f in scenario_plan(decided_plan(), Scenario.ADOPTED).fixed}
    assert fixed == {"BA": 923, "MTM": 692, "MSB": 462, "MBU": 462, "MSO": 461, "MKB": 0}
    assert sum(fixed.values()) == 3000
    result = compute_scenario(decided_plan())
    theme2 = next(t for t in result.themes if t.theme.number == "2")
    assert theme2.rest[2024] == 0 and theme2.parts["BA"][2025] == 1000


def test_a_plan_without_decisions_computes_exactly_as_before():
    plan = sample_plan()
    assert compute_scenario(plan) == compute(plan)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([None, A, R, P, F]),
                          st.dictionaries(st.sampled_from(YEARS), st.integers(0, 20000), max_size=2)),
                min_size=12, max_size=12),
       st.sampled_from(list(Scenario)))
def test_random_decisions_add_up_to_the_target_and_change_only_what_the_master_says(choices, scenario):
    plan = sample_plan()
    lines = tuple(replace(ln, decision=d, adopted={y: D(v) for y, v in adopted.items()
                                                   if ln.amounts.get(y) is not None})
                  for ln, (d, adopted) in zip(plan.lines, choices, strict=True))
    plan = replace(plan, lines=lines)
    result = compute_scenario(plan, scenario)
    for y in YEARS:
        departments = sum(result.department_totals[c][y] for c in result.department_totals)
        assert departments + result.rest_total[y] == plan.settings.target[y]
    for before, after in zip(plan.lines, result.plan.lines, strict=True):
        decision = decision_of(plan, before)
        for y in YEARS:
            proposed, counted = before.amounts.get(y), after.amounts.get(y)
            if scenario is Scenario.PROPOSED:
                assert counted == proposed
            elif decision is R or (decision is P and scenario is Scenario.ADOPTED):
                assert counted == (None if proposed is None else 0)
            elif y in before.adopted:
                assert counted == before.adopted[y]
            else:
                assert counted == proposed


# -- the seed --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed():
    return check_master(SEED_MASTER).plan


def test_the_seed_with_every_line_adopted_gives_the_same_figures(seed):
    adopted = replace(seed, lines=tuple(replace(ln, decision=A) for ln in seed.lines))
    before, after = compute(seed), compute_scenario(adopted)
    assert after.plan.scenario is Scenario.ADOPTED
    assert after.total == before.total and after.difference == before.difference
    assert after.department_totals == before.department_totals and after.rest_total == before.rest_total
    assert [t.parts for t in after.themes] == [t.parts for t in before.themes]


def test_the_seed_with_tema_7_line_1_rejected(seed):
    lines = tuple(replace(ln, decision=R if (ln.theme, ln.number) == ("7", "1") else A) for ln in seed.lines)
    before, after = compute(seed), compute_scenario(replace(seed, lines=lines))
    grows = {y: after.difference[y] - before.difference[y] for y in before.years}
    assert grows == {2024: 5000, 2025: 10000, 2026: 10000, 2027: 10000}
    key = after.difference_split.key
    for d in seed.departments:
        part = after.difference_split.parts[d.code][2024] - before.difference_split.parts[d.code][2024]
        assert abs(part - 5000 * key.share_of(d.code)) <= 1, d.code
    assert sum(after.difference_split.parts[c][2024] - before.difference_split.parts[c][2024]
               for c in after.difference_split.parts) + after.difference_split.rest[2024] \
        - before.difference_split.rest[2024] == 5000
    assert all(after.check(y) == 0 for y in after.years)


# -- the workbooks ---------------------------------------------------------------------------------
def _overview(ws):
    """{'adopted' | 'proposed': {label: [2024, 2025]}} of the two tables of Oversigt."""
    tables, current = {"adopted": {}, "proposed": {}}, None
    for row in ws.iter_rows(values_only=True):
        label = row[0]
        if isinstance(label, str) and label.startswith("Tema – vedtaget"):
            current = "adopted"
        elif label == PROPOSED_TABLE:
            current = "proposed"
        elif isinstance(label, str) and label.startswith("Fordeling af differencen"):
            current = None
        elif current and label:
            tables[current][label] = [number(v) for v in row[1:3]]
    return tables


def test_every_figure_of_the_overview(built):
    book = openpyxl.load_workbook(_file(built, "-rapport.xlsx"), data_only=True)
    ws = book["Oversigt"]
    assert ws["A1"].value == "Administrative spareforslag (prøve) – vedtaget plan"
    assert "vedtagne plan" in ws["A4"].value
    tables = _overview(ws)
    labels = {t.number: t.label for t in sample_plan().themes}
    for number_, ((p24, a24), (p25, a25)) in EXPECTED.items():
        assert tables["adopted"][labels[number_]] == [number(a24), number(a25)], number_
        assert tables["proposed"][labels[number_]] == [number(p24), number(p25)], number_
    adopted = tables["adopted"]
    assert adopted["I alt"] == [6000, 6750]
    assert adopted["Mål"] == [50000, 50000]
    assert adopted[f"Difference der skal fordeles efter {ADMIN.lower()}"] == [44000, 43250]
    assert tables["proposed"]["I alt foreslået"] == [13250, 21750]
    assert tables["proposed"]["Ændring i alt (vedtaget − foreslået)"] == [-7250, -15000]
    split = {r[0]: number(r[1]) for r in ws.iter_rows(values_only=True) if r[0] in [c for c, _, _ in DEPARTMENTS]}
    assert split == {c: D(44000) * D(s) for c, _, s in DEPARTMENTS}


def test_a_theme_sheet_marks_each_decision(built):
    book = openpyxl.load_workbook(_file(built, "-rapport.xlsx"), data_only=True)
    rows = [r for r in book["Tema 7"].iter_rows(values_only=True)]
    labels = [r[0] for r in rows]
    erp = rows[labels.index("2. ERP-systemer")]
    assert erp[1:5] == (0, 0, 0, 0) and erp[5].startswith("Vedtaget")
    total = rows[labels.index("Anslået samlet besparelse")]
    assert total[1:5] == (0, 0, 0, 0)
    assert labels.index(f"{EXCLUDED} (1.000 kr.)") > labels.index("Anslået samlet besparelse")
    rejected = labels.index("1. AI, Automatisering og RPA")
    assert rows[rejected][1:6] == (5000, 10000, 10000, 10000, "Forkastet")
    formats = openpyxl.load_workbook(_file(built, "-rapport.xlsx"))["Tema 7"]
    assert formats.cell(rejected + 1, 1).font.strike and formats.cell(rejected + 1, 2).font.strike
    theme3 = [r for r in book["Tema 3"].iter_rows(values_only=True)]
    line = next(r for r in theme3 if r[0] == "Insourcing af eksterne kommunikationsopgaver")
    assert line[1:5] == (1500, 2000, 2000, 2000)
    assert line[5].startswith("Vedtaget med andet beløb (foreslået 2.000 / 2.000 / 2.000 / 2.000)")
    theme8 = [r for r in book["Tema 8"].iter_rows(values_only=True)]
    assert next(r for r in theme8 if r[0] == "Genbrugsportal")[5].startswith("Ikke besluttet")
    theme5 = [r[0] for r in book["Tema 5"].iter_rows(values_only=True)]
    assert theme5.index("Færre og mere effektive møder i FMU og HMU") > theme5.index(f"{EXCLUDED} (1.000 kr.)")


def test_a_department_workbook_carries_its_part_of_the_adopted_plan(built):
    result = compute_scenario(decided_plan())
    book = openpyxl.load_workbook(_file(built, "MSB.xlsx"), data_only=True)
    ws = book["MSB"]
    assert ws["A2"].value == "Administrative spareforslag (prøve) – vedtaget plan – andel for MSB"
    texts = [c for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert any("andele af den vedtagne plan" in t for t in texts)
    rows: dict = {}
    for r in ws.iter_rows(values_only=True):
        if r[0]:
            rows.setdefault(r[0], r[1:5])
    theme = {t.theme.number: t.theme.label for t in result.themes}
    assert rows[theme["3"]][0] == 426 and rows[theme["3"]][1] == 568          # 1.500 and 2.000 × 28,4 %
    assert rows[theme["2"]][0] == 462 and rows[theme["2"]][1] == 500          # fixed, in proportion in 2024
    assert rows[theme["7"]] == (0, 0, 0, 0) and rows[theme["5"]] == (0, 0, 0, 0)
    assert rows["Andel af difference"][0] == 12496                             # 44.000 × 28,4 %
    assert rows["I alt MSB"] == tuple(float(result.department_totals["MSB"][y]) for y in YEARS)
    report = openpyxl.load_workbook(_file(built, "-rapport.xlsx"), data_only=True)["Afdelinger"]
    summary = {r[0]: r[1:5] for r in report.iter_rows(values_only=True) if r[0]}
    assert summary["Kontrol: I alt − Mål (skal være 0)"] == (0, 0, 0, 0)


def test_stored_values_of_the_decided_workbooks_are_what_the_formulas_compute(built):
    for path in built[1].files:
        assert check_formulas(path) == [], path.name


def test_libreoffice_recalculates_the_decided_workbooks(built, tmp_path):
    from tests.libreoffice import compare_with_recalculated, recalculate

    files = [_file(built, "-rapport.xlsx"), _file(built, "MSB.xlsx")]
    converted = recalculate(files, tmp_path / "lo")
    problems = []
    for original, fresh in converted.items():
        problems += compare_with_recalculated(original, fresh)
    assert problems == []


# -- the commands ----------------------------------------------------------------------------------
def test_build_names_the_scenario_and_takes_another(built, tmp_path):
    path, _ = built
    runner = CliRunner()
    done = runner.invoke(cli, ["build", str(path), "-o", str(tmp_path), "--no-departments",
                               "--scenario", "vedtaget+udskudt"])
    assert done.exit_code == 0, done.output
    assert "Scenario: vedtaget+udskudt (the adopted plan with the postponed proposals)" in done.stderr
    # a scenario other than the default names itself in the file names: it never replaces the default report
    assert not (tmp_path / "decided-rapport.xlsx").exists()
    ws = openpyxl.load_workbook(tmp_path / "decided-rapport-vedtaget-udskudt.xlsx", data_only=True)["Oversigt"]
    assert ws["A1"].value.endswith("– vedtaget plan inkl. udskudte forslag")
    assert _overview(ws)["adopted"]["I alt"] == [7000, 10750]
    theme5 = openpyxl.load_workbook(tmp_path / "decided-rapport-vedtaget-udskudt.xlsx", data_only=True)["Tema 5"]
    line = next(r for r in theme5.iter_rows(values_only=True) if r[0] == "Færre og mere effektive møder i FMU og HMU")
    assert line[1] == 1000 and line[5].startswith("Udskudt (medregnet i dette scenarie)")
    bad = runner.invoke(cli, ["build", str(path), "-o", str(tmp_path), "--scenario", "godkendt"])
    assert bad.exit_code == 2


def test_a_master_without_decisions_names_no_scenario(master, tmp_path):
    done = CliRunner().invoke(cli, ["build", str(master()), "-o", str(tmp_path), "--no-departments"])
    assert done.exit_code == 0 and "Scenario" not in done.stderr


def test_mails_name_the_scenario(built, tmp_path):
    from spareforslag_xl.app.mail import prepare_mails

    prepared = prepare_mails(built[0], tmp_path, only=["MSB"], write=False)
    draft = prepared.mails[0].draft
    assert draft.subject.startswith("Spareforslag (vedtaget) til Budget 2024")
    assert "andele af den vedtagne plan" in draft.text and "vedtaget plan" in draft.text
    proposed = prepare_mails(built[0], tmp_path, only=["MSB"], write=False, scenario=Scenario.PROPOSED)
    assert "(foreslået)" in proposed.mails[0].draft.subject


def test_reconcile_compares_the_adopted_plan_and_says_so(built, tmp_path):
    from tests.officials import department_cross_tab, write_openpyxl

    official = write_openpyxl(tmp_path / "officielt.xlsx",
                              {"Budget": department_cross_tab(compute_scenario(decided_plan()))})
    runner = CliRunner()
    done = runner.invoke(cli, ["reconcile", str(built[0]), str(official), "-o", str(tmp_path / "a.xlsx")])
    assert done.exit_code == 0, done.output
    assert "compared with: the adopted plan" in done.stdout
    title = openpyxl.load_workbook(tmp_path / "a.xlsx", data_only=True).worksheets[0]["A1"].value
    proposed = runner.invoke(cli, ["reconcile", str(built[0]), str(official), "-o", str(tmp_path / "b.xlsx"),
                                   "--proposed"])
    assert proposed.exit_code == 1
    assert "compared with: the proposals, as asked with --proposed" in proposed.stdout
    assert title is not None
