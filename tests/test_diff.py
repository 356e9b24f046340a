"""The diff of two plans: scenario pairs built in code, each kind of change with its exact figures."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.diff import diff_plans
from spareforslag_xl.model.plan import Method, ProposalLine, Rule
from tests.conftest import SEED_MASTER, edit_workbook
from tests.plans import ADMIN, DEPARTMENTS, amounts, key, sample_plan

D = Decimal


def with_lines(plan, change):
    return replace(plan, lines=tuple(change(list(plan.lines))))


def kinds(diff) -> list[str]:
    return [c.kind for c in diff.changes]


def totals_change(diff, year) -> dict[str, Decimal]:
    return {d.code: d.total.change(year) for d in diff.consequences.departments}


def test_the_same_plan_is_the_same():
    diff = diff_plans(sample_plan(), sample_plan())
    assert diff.same and not diff.changes and not diff.limits


def test_a_renamed_line_is_one_change_and_moves_no_figure():
    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, title="ERP-systemer og integrationer") if ln.title == "ERP-systemer"
                                      else ln for ln in ls])
    diff = diff_plans(old, new)
    assert kinds(diff) == ["line-renamed"]
    change = diff.changes[0]
    assert (change.theme, change.old, change.new) == ("7", "ERP-systemer", "ERP-systemer og integrationer")
    assert not any(d.any_change(diff.years) for d in diff.consequences.departments)


def test_an_unnumbered_line_renamed_is_found_by_its_similar_title():
    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, title="Genbrugsportalen") if ln.title == "Genbrugsportal" else ln
                                      for ln in ls])
    assert kinds(diff_plans(old, new)) == ["line-renamed"]


def test_shifted_numbering_is_one_new_line_and_renumbered_ones():
    old = sample_plan()

    def insert(ls):
        out = []
        for ln in ls:
            if ln.theme == "6" and ln.number == "1":
                out.append(ProposalLine("6", "1", "Færre lønsystemer", amounts(100, 100, 100, 100),
                                        rule=Rule(Method.KEY, ADMIN)))
            out.append(replace(ln, number=str(int(ln.number) + 1)) if ln.theme == "6" else ln)
        return out

    diff = diff_plans(old, with_lines(old, insert))
    assert kinds(diff) == ["line-added", "line-renumbered", "line-renumbered", "line-renumbered"]
    added = diff.changes[0]
    assert added.line == "1. Færre lønsystemer" and added.change(2024) == 100
    assert [(c.old, c.new) for c in diff.changes[1:]] == [("1", "2"), ("2", "3"), ("3", "4")]
    assert diff.consequences.total.change(2024) == 100
    assert diff.consequences.difference.change(2024) == -100
    theme6 = {d.code: next(t for t in d.themes if t.theme == "6").change(2024) for d in diff.consequences.departments}
    assert theme6 == {"MSB": 28, "MTM": 8, "MSO": 14, "MKB": 7, "MBU": 28, "BA": 15}  # 100 by the key
    assert sum(totals_change(diff, 2024).values()) == 0  # the target is unchanged: the difference pays it back


def test_a_key_change_moves_every_department():
    old = sample_plan()
    shares = {"MSB": "0.300", "MTM": "0.090", "MSO": "0.120", "MKB": "0.060", "MBU": "0.270", "BA": "0.160"}
    new = replace(old, keys=(key(ADMIN, shares),) + old.keys[1:])
    diff = diff_plans(old, new)
    assert kinds(diff) == ["key-share"] * 6
    assert [(c.department, c.old, c.new) for c in diff.changes][:2] == [
        ("MSB", D("0.284"), D("0.300")), ("MTM", D("0.081"), D("0.090"))]
    msb = diff.department("MSB")
    theme3 = next(t for t in msb.themes if t.theme == "3")
    assert (theme3.old[2024], theme3.new[2024], theme3.change(2024)) == (568, 600, 32)  # 2.000 × 28,4 % → 30 %
    changed = totals_change(diff, 2024)
    assert all(v != 0 for v in changed.values())
    # 2024 by the key: themes 3 (2.000), 6.2 (500), 7 (5.000) and the difference (36.750) = 44.250;
    # MSB +1,6 % of it = 708, MSO −1,5 % = −663,75 → −663 (the parts of each split add up exactly)
    assert changed == {"MSB": 708, "MTM": 398, "MSO": -663, "MKB": -354, "MBU": -398, "BA": 309}
    assert diff.consequences.rest.change(2024) == 0 and sum(changed.values()) == 0


def test_a_target_change_goes_to_the_departments_by_the_residual_key():
    old = sample_plan()
    target = {**old.settings.target, 2025: D(51000)}
    new = replace(old, settings=replace(old.settings, target=target))
    diff = diff_plans(old, new)
    assert kinds(diff) == ["target"]
    assert diff.changes[0].years == {2025: (D(50000), D(51000))}
    assert diff.consequences.difference.change(2025) == 1000
    assert diff.consequences.total.change(2025) == 0
    assert totals_change(diff, 2025) == {"MSB": 284, "MTM": 81, "MSO": 135, "MKB": 68, "MBU": 279, "BA": 153}
    assert totals_change(diff, 2024) == {code: 0 for code, _, _ in DEPARTMENTS}


def test_not_estimated_to_zero_is_a_change():
    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, amounts=amounts(0, None, None, None)) if ln.title.startswith("Størr")
                                      else ln for ln in ls])
    diff = diff_plans(old, new)
    assert kinds(diff) == ["line-amount"]
    change = diff.changes[0]
    assert change.years == {2024: (None, D(0))} and change.change(2024) == 0
    assert not diff.same
    # the theme has other estimates, so no department's figure changes
    assert not any(d.any_change(diff.years) for d in diff.consequences.departments)


def test_a_theme_without_estimate_gets_zero_and_the_departments_show_zero_instead_of_dash():
    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, amounts=amounts(0, 0, None, None)) if ln.theme == "11" else ln
                                      for ln in ls])
    diff = diff_plans(old, new)
    part = next(t for t in diff.department("MSB").themes if t.theme == "11")
    assert (part.old[2025], part.new[2025], part.changed(2025), part.change(2025)) == (None, 0, True, 0)


def test_a_line_moved_to_another_theme_and_a_theme_renumbered():
    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, theme="3") if ln.title == "Genbrugsportal" else ln for ln in ls])
    new = replace(new, themes=tuple(replace(t, number="12") if t.number == "11" else t for t in new.themes),
                  lines=tuple(replace(ln, theme="12") if ln.theme == "11" else ln for ln in new.lines))
    diff = diff_plans(old, new)
    assert sorted(kinds(diff)) == ["line-moved", "theme-renumbered"]
    moved = next(c for c in diff.changes if c.kind == "line-moved")
    assert (moved.old, moved.new) == ("8", "3")
    msb = diff.department("MSB")
    assert next(t for t in msb.themes if t.theme == "3").change(2024) == 284  # 1.000 now by the key
    assert diff.consequences.rest.change(2024) == -1000 + 0  # no longer 'Ikke fordelt'


def test_settings_rules_fixed_amounts_and_departments():
    old = sample_plan()
    themes = tuple(replace(t, rule=Rule(Method.KEY, ADMIN, 2026)) if t.number == "5" else t for t in old.themes)
    fixed = tuple(replace(f, amounts=amounts(900, 900, 900, 900)) if f.department == "BA" else f for f in old.fixed)
    departments = tuple(replace(d, name="Borgmesterens Afd.") if d.code == "BA" else d for d in old.departments)
    new = replace(old, themes=themes, fixed=fixed, departments=departments,
                  settings=replace(old.settings, salary=D(600)))
    diff = diff_plans(old, new)
    assert kinds(diff) == ["setting", "fixed-amount", "theme-rule", "department-name"]
    assert diff.department("BA").themes[0].change(2024) == -100


def test_different_years_and_departments_are_compared_as_far_as_they_can_be():
    old = sample_plan()
    years = (2025, 2026, 2027, 2028)
    new = replace(old, years=years, departments=old.departments[:-1],
                  settings=replace(old.settings, target={y: D(50000) for y in years}, budget_year=2025))
    diff = diff_plans(old, new)
    assert diff.years == (2025, 2026, 2027)
    assert [(limit.kind, limit.values) for limit in diff.limits] == [
        ("years-old", (2024,)), ("years-new", (2028,)), ("departments-old", ("BA",))]
    ba = diff.department("BA")
    assert ba.side == "old" and ba.total.new[2025] is None


def test_what_a_department_sees_is_its_own():
    old = sample_plan()
    shares = {"MSB": "0.300", "MTM": "0.065", "MSO": "0.135", "MKB": "0.068", "MBU": "0.279", "BA": "0.153"}
    new = replace(old, keys=(key(ADMIN, shares),) + old.keys[1:])
    diff = diff_plans(old, new)
    assert [c.department for c in diff.changes_for("MSB")] == ["MSB"]
    assert [c.department for c in diff.changes_for("MKB")] == []


# -- the command --------------------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.danish
def test_the_seed_against_itself_exits_0_and_says_the_plans_are_the_same():
    result = run("diff", SEED_MASTER, SEED_MASTER)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Planerne er ens."
    english = run("--lang", "en", "diff", SEED_MASTER, SEED_MASTER)
    assert english.exit_code == 0 and english.stdout.splitlines()[-1] == "The plans are the same."


@pytest.fixture
def edited_seed(tmp_path):
    path = tmp_path / "juni.xlsx"
    path.write_bytes(SEED_MASTER.read_bytes())
    edit_workbook(path, {"Forslag!F15": 9500, "Forslag!C16": "ERP-systemer og integrationer", "Forslag!F27": 0,
                         "Mål!C2": 51000})
    return path


@pytest.mark.danish
def test_the_seed_against_an_edited_copy(edited_seed, tmp_path):
    out = tmp_path / "aendringer.xlsx"
    result = run("diff", SEED_MASTER, edited_seed, "-o", out)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "  I alt                         0     -500        0        0" in lines
    assert "  Difference til målet          0   +1.500        0        0" in lines
    assert "  MSB                           0     +284        0        0" in lines
    assert lines[lines.index("Ændringer i grundarket (4):") + 1:] == [
        "  Mål: 2025 50.000 → 51.000 (+1.000)",
        "  Tema 7: 1. AI, Automatisering og RPA: 2025 10.000 → 9.500 (-500)",
        "  Tema 11: Forslag 2: 2025 - → 0 (0)",
        "  Tema 7: forslag omdøbt 'ERP-systemer' → 'ERP-systemer og integrationer'",
        f"Skrev {out}",
    ]
    import openpyxl

    sheet = openpyxl.load_workbook(out)["Ændringer"]
    labels = [r[0].value for r in sheet.iter_rows()]
    # What changed comes first, then what it means; a figure is its name, then før, nu and Ændring.
    assert labels.index("Ændringer i grundarket") < labels.index("Konsekvenser for planen")
    total = labels.index("I alt", labels.index("Konsekvenser for planen"))
    assert labels[total + 1:total + 4] == ["før", "nu", "Ændring"]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[total + 1][1:5]] == [17980, 26480, 27780, 28780]
    change = rows[total + 3][2]
    assert change.value == f"=N(C{total + 3})-N(C{total + 2})"
    assert change.fill.fgColor.rgb.endswith("F8D7DA")  # changed: marked


def test_json(edited_seed):
    import json

    result = run("diff", SEED_MASTER, edited_seed, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["same"] is False and data["changes"][0]["kind"] == "target"
    msb = next(d for d in data["consequences"]["departments"] if d["code"] == "MSB")
    assert msb["total"]["2025"]["change"] == "284"
    assert data["changes"][2]["years"] == {"2025": {"old": None, "new": "0", "change": "0"}}


def test_an_unreadable_master_exits_2(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook")
    assert run("diff", SEED_MASTER, bad).exit_code == 2


# -- decisions are changes like any other ------------------------------------------------------------
def test_a_rejected_line_is_a_change_with_its_consequences_per_department():
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.core.decisions import compute_scenario
    from spareforslag_xl.model.plan import Decision

    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, decision=Decision.REJECTED) if (ln.theme, ln.number) == ("7", "1")
                                      else ln for ln in ls])
    diff = diff_plans(old, new)
    assert kinds(diff) == ["line-decision"]
    assert (diff.changes[0].old, diff.changes[0].new) == ("Foreslået", "Forkastet")
    before, after = compute(old), compute_scenario(new)
    rejected = next(ln for ln in old.lines if (ln.theme, ln.number) == ("7", "1"))
    assert diff.consequences.total.change(2024) == -rejected.amounts[2024]
    assert diff.consequences.difference.change(2024) == rejected.amounts[2024]
    # each department's change is exactly the difference of the two computations
    for d in diff.consequences.departments:
        for y in old.years:
            assert d.total.change(y) == after.department_totals[d.code][y] - before.department_totals[d.code][y]


def test_an_adopted_amount_is_a_change():
    from spareforslag_xl.model.plan import Decision

    old = sample_plan()
    new = with_lines(old, lambda ls: [replace(ln, decision=Decision.ADOPTED, adopted={2024: D(1000)})
                                      if (ln.theme, ln.number) == ("7", "1") else ln for ln in ls])
    diff = diff_plans(old, new)
    # what is in force changes from the proposed 5.000 to the adopted 1.000, not from '-' to 1.000
    assert kinds(diff) == ["line-decision"]
    assert diff.changes[0].years == {2024: (D(5000), D(1000))}
    again = with_lines(new, lambda ls: [replace(ln, adopted={2024: D(800)}) if ln.adopted else ln for ln in ls])
    (change,) = diff_plans(new, again).changes
    assert change.kind == "line-adopted" and change.years == {2024: (D(1000), D(800))}


def test_the_diff_command_shows_a_decision_and_what_it_means(tmp_path):
    from spareforslag_xl.model.plan import Decision
    from tests.conftest import write_master

    old = write_master(tmp_path / "foreslaaet.xlsx", sample_plan())
    decided = with_lines(sample_plan(), lambda ls: [replace(ln, decision=Decision.REJECTED)
                                                    if (ln.theme, ln.number) == ("7", "1") else ln for ln in ls])
    new = write_master(tmp_path / "besluttet.xlsx", decided)
    result = CliRunner().invoke(cli, ["--lang", "en", "diff", str(old), str(new), "--json"])
    assert result.exit_code == 1, result.output
    import json

    listed = json.loads(result.stdout)
    assert [c["kind"] for c in listed["changes"]] == ["line-decision"]
    rejected = next(ln for ln in sample_plan().lines if (ln.theme, ln.number) == ("7", "1"))
    assert diff_plans(sample_plan(), decided).consequences.difference.change(2024) == rejected.amounts[2024]
