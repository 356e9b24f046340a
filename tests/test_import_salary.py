"""The average salary the FTE figures imply: intervals, the largest fitting set of years, the roundest value."""

from decimal import Decimal as D

import pytest

from spareforslag_xl.core.salary import Interval, StatedFte, fte_interval, implied_salary, roundest


def fte(year, total, value, decimals):
    return StatedFte(year, D(total), D(value), decimals)


@pytest.mark.parametrize("total, value, decimals, low, high", [
    (1180, "2.2", 1, D(1180) / D("2.25"), D(1180) / D("2.15")),
    (5000, "8", 0, D(5000) / D("8.5"), D(5000) / D("7.5")),
    (1000, "1.74", 2, D(1000) / D("1.745"), D(1000) / D("1.735")),
    (100, "0", 0, D(100) / D("0.5"), None),  # 0 FTE: any salary above 200
])
def test_interval_of_one_figure(total, value, decimals, low, high):
    assert fte_interval(D(total), D(value), decimals) == Interval(low, high)


def test_no_salary_turns_nothing_into_something():
    assert fte_interval(D(0), D(3), 0) is None


@pytest.mark.parametrize("figures, salary, fitting, outliers", [
    ([fte(2024, 5000, 8, 0), fte(2025, 10000, 17, 0), fte(2026, 10000, 17, 0)], D(600), (2024, 2025, 2026), ()),
    ([fte(y, 1800, "2.4", 1) for y in (2024, 2025)], D(750), (2024, 2025), ()),
    ([fte(2024, 1000, "1.74", 2), fte(2025, 1500, "2.60", 2), fte(2026, 2000, "3.48", 2), fte(2027, 2500, "4.35", 2)],
     D(575), (2024, 2026, 2027), (2025,)),
    # 525 reproduces 2,2 as the document rounds, but the report's 2,25 would show as 2,3: 540 does both.
    ([fte(2024, 1180, "2.2", 1)], D(540), (2024,), ()),
    ([fte(2031, 300, "0.5", 1)], D(600), (2031,), ()),
])
def test_implied_salary(figures, salary, fitting, outliers):
    implied = implied_salary(figures)
    assert implied.salary == salary
    assert implied.fitting == fitting
    assert implied.outliers == outliers


def test_zero_for_zero_says_nothing():
    implied = implied_salary([fte(2024, 0, 0, 0)])
    assert implied.salary is None
    assert implied.uninformative == (2024,)


def test_ratios_are_total_per_fte():
    implied = implied_salary([fte(2024, 1180, "2.2", 1)])
    assert round(implied.ratios[2024], 2) == D("536.36")


@pytest.mark.parametrize("low, high, value", [
    ("588.2", "606.1", D(600)),
    ("734.7", "765.9", D(750)),
    ("574.05", "575.37", D(575)),
    ("524.4", "548.8", D(525)),
    ("536.1", "536.9", D("536.5")),
    ("200", None, D(1000)),
])
def test_roundest(low, high, value):
    assert roundest(Interval(D(low), D(high) if high else None)) == value
