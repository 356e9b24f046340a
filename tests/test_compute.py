"""Recomputation of the sample plan: totals, FTE, splits, the difference and the check."""

from decimal import Decimal as D

import pytest

from spareforslag_xl.core.compute import compute
from spareforslag_xl.model.basis import Basis, BasisKind
from spareforslag_xl.model.labels import basis_text
from spareforslag_xl.model.plan import Method, Rule
from tests.plans import DEPARTMENTS, YEARS, amounts, sample_plan


@pytest.fixture(scope="module")
def result():
    return compute(sample_plan())


def theme(result, number):
    return next(t for t in result.themes if t.theme.number == number)


def test_theme_totals_and_not_estimated(result):
    assert [theme(result, "6").totals[y] for y in YEARS] == [D(1000), D(1500), D(2000), D(2500)]
    assert theme(result, "6").partial(2024) and theme(result, "6").not_estimated[2024] == 1
    assert [theme(result, "11").totals[y] for y in YEARS] == [D(0), None, None, None]
    assert not theme(result, "11").partial(2025)  # nothing estimated is not 'partly'
    assert [theme(result, "1").totals[y] for y in YEARS] == [None] * 4


def test_overview(result):
    assert [result.total[y] for y in YEARS] == [D(13250), D(21750), D(23050), D(23550)]
    assert [result.difference[y] for y in YEARS] == [D(36750), D(28250), D(26950), D(26450)]


def test_fte_is_total_over_salary_with_two_decimals(result):
    assert [theme(result, "6").fte[y] for y in YEARS] == [D("1.74"), D("2.61"), D("3.48"), D("4.35")]
    assert [theme(result, "7").fte[y] for y in YEARS] == [D("8.33"), D("16.67"), D("16.67"), D("16.67")]
    assert theme(result, "2").fte[2024] is None  # no salary anywhere


def test_difference_split_by_largest_remainder(result):
    parts = {c: result.difference_split.parts[c][2024] for c in result.difference_split.parts}
    assert parts == {"MSB": D(10437), "MTM": D(2977), "MSO": D(4961), "MKB": D(2499), "MBU": D(10253), "BA": D(5623)}
    assert sum(parts.values()) == D(36750)


def test_fixed_amounts_theme(result):
    t = theme(result, "2")
    assert {c: t.parts[c][2024] for c in t.parts} == {
        "MSB": D(500), "MTM": D(750), "MSO": D(500), "MKB": D(0), "MBU": D(500), "BA": D(1000)}
    assert t.rest[2024] == 0


def test_key_from_year_two_leaves_year_one_undistributed(result):
    t = theme(result, "5")
    assert t.rest[2024] == D(1000) and all(t.parts[c][2024] == 0 for c in t.parts)
    assert t.parts["MSB"][2025] == D(1136) and t.rest[2025] == 0


def test_99_percent_key_leaves_one_percent(result):
    split = theme(result, "6").splits[0]
    assert basis_text(split.basis) == "Lønforhandlinger"
    assert {c: split.parts[c][2024] for c in split.parts} == {
        "MSB": D(0), "MTM": D(80), "MSO": D(160), "MKB": D(55), "MBU": D(160), "BA": D(40)}
    assert split.rest[2024] == D(5)


def test_each_line_with_its_own_rule_is_a_split(result):
    t = theme(result, "6")
    assert [s.label for s in t.splits] == [
        "1. Forenkling af lønforhandlinger", "2. Øget digitalisering onboarding", "3. Størrelse på ansættelsesudvalg"]
    assert {c: t.splits[1].parts[c][2027] for c in t.parts} == {
        "MSB": D(568), "MTM": D(162), "MSO": D(270), "MKB": D(136), "MBU": D(558), "BA": D(306)}


def test_lines_sharing_the_theme_rule_are_split_together(result):
    t = theme(result, "5")
    assert len(t.splits) == 1 and len(t.splits[0].lines) == 2
    assert t.splits[0].amounts[2025] == D(4000)


@pytest.mark.parametrize("year", YEARS)
def test_departments_plus_not_distributed_equal_the_target(result, year):
    assert result.check(year) == 0
    assert sum(result.department_totals[c][year] for c in result.department_totals) + result.rest_total[year] == D(50000)


def test_rest_total_collects_every_undistributed_amount(result):
    # 2024: tema 5 before its first year 1.000, the 1 % of 500 = 5, tema 8 not distributed 1.000
    assert result.rest_total[2024] == D(2005)
    assert result.rest_total[2026] == D(5 + 1800)


def test_unknown_key_is_not_distributed_rather_than_failing():
    plan = sample_plan()
    from dataclasses import replace

    themes = tuple(replace(t, rule=Rule(Method.KEY, "Findes ikke")) if t.number == "3" else t for t in plan.themes)
    result = compute(replace(plan, themes=themes))
    t = next(t for t in result.themes if t.theme.number == "3")
    assert t.rest[2024] == D(2000)
    assert t.splits[0].basis == Basis(BasisKind.UNKNOWN_KEY, "Findes ikke")
    assert basis_text(t.splits[0].basis) == "Ukendt nøgle 'Findes ikke' (ikke fordelt)"
    assert result.check(2024) == 0


def test_fixed_amounts_that_do_not_add_up_leave_the_rest_visible():
    plan = sample_plan()
    from dataclasses import replace

    fixed = tuple(replace(f, amounts=amounts(900, 1000, 1000, 1000)) if f.department == "BA" else f for f in plan.fixed)
    result = compute(replace(plan, fixed=fixed))
    t = next(t for t in result.themes if t.theme.number == "2")
    assert t.rest[2024] == D(100) and t.rest[2025] == 0
    assert result.check(2024) == 0


def test_decimals_setting_rounds_splits_to_hundredths():
    plan = sample_plan()
    from dataclasses import replace

    result = compute(replace(plan, settings=replace(plan.settings, decimals=2)))
    parts = result.difference_split.parts
    assert parts["MTM"][2024] == D("2976.75") and parts["BA"][2024] == D("5622.75")


def test_department_codes_match_ignoring_case_in_keys_and_fixed_amounts():
    from dataclasses import replace
    from tests.plans import key

    plan = sample_plan()
    lower = key("Administrativ fordelingsnøgle", {c.lower(): s for c, _, s in DEPARTMENTS})
    plan = replace(plan, keys=(lower,) + plan.keys[1:],
                   fixed=tuple(replace(f, department=f" {f.department.lower()} ") for f in plan.fixed))
    result = compute(plan)
    assert result.difference_split.parts["MSB"][2024] == D(10437)
    assert next(t for t in result.themes if t.theme.number == "2").parts["BA"][2024] == D(1000)
    assert result.rest_total[2024] == D(2005)
