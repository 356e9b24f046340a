"""Property tests: random plans never crash, parts always add up, the target is always met."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.app.check import check_master
from spareforslag_xl.core.allocate import allocate
from spareforslag_xl.core.compute import compute
from spareforslag_xl.model.plan import (
    Decision,
    Department,
    DistributionKey,
    FixedAmount,
    KeyShare,
    Method,
    Plan,
    ProposalLine,
    Rule,
    Settings,
    Theme,
)
from tests.conftest import edit_workbook, write_master

CENT = Decimal("0.01")

amount = st.one_of(
    st.none(),
    st.decimals(min_value=-500, max_value=100_000, places=2, allow_nan=False, allow_infinity=False),
)
share = st.one_of(
    st.sampled_from([Decimal(0), Decimal(1) / 3, Decimal("0.001"), Decimal("0.999"), Decimal("0.5")]),
    st.decimals(min_value=0, max_value=1, places=3),
)


DECISIONS = st.sampled_from([None, *Decision])


@st.composite
def plans(draw, decided: bool = False) -> Plan:
    """A random plan; with ``decided``, random decisions of its themes and lines and adopted amounts."""
    n_departments = draw(st.integers(1, 15))
    codes = [f"D{i}" for i in range(n_departments)]
    first = draw(st.integers(2000, 2100))
    years = tuple(range(first, first + draw(st.integers(1, 12))))
    keys = []
    for k in range(draw(st.integers(1, 3))):
        raw = [draw(share) for _ in codes]
        total = sum(raw, Decimal(0))
        scale = draw(st.sampled_from([Decimal(1), Decimal("0.99"), Decimal("0.5")]))
        shares = [(s / total * scale).quantize(Decimal("0.0001")) if total else Decimal(0) for s in raw]
        keys.append(DistributionKey(f"Nøgle {k}", tuple(KeyShare(c, s) for c, s in zip(codes, shares, strict=True))))
    themes, lines, fixed = [], [], []
    for t in range(draw(st.integers(1, 6))):
        number = str(t + 1)
        method = draw(st.sampled_from([Method.KEY, Method.FIXED, Method.NONE, None]))
        rule = None if method is None else Rule(
            method, draw(st.sampled_from([k.name for k in keys])) if method is Method.KEY else None,
            draw(st.one_of(st.none(), st.sampled_from(years))),
        )
        themes.append(Theme(number, f"Tema {number}", rule=rule,
                            salary=draw(st.one_of(st.none(), st.decimals(300, 900, places=0))),
                            decision=draw(DECISIONS) if decided else None))
        theme_lines = [
            ProposalLine(number, str(i + 1), f"Forslag {number}.{i + 1}", {y: draw(amount) for y in years})
            for i in range(draw(st.integers(0, 5)))
        ]
        if decided:
            theme_lines = [_decide(draw, line) for line in theme_lines]
        lines += theme_lines
        if method is Method.FIXED:
            for y in years:
                whole = sum((ln.amounts[y] for ln in theme_lines if ln.amounts[y] is not None), Decimal(0))
                parts, rest = allocate(whole, [Decimal(1) / len(codes)] * len(codes), CENT)
                parts[0] += rest
                for c, p in zip(codes, parts, strict=True):
                    fixed.append((number, c, y, p))
    if decided and lines and not any(ln.decision or ln.adopted for ln in lines):
        lines[0] = replace(lines[0], decision=Decision.REJECTED)  # at least one decision: a scenario is shown
    fixed_rows = {}
    for number, c, y, p in fixed:
        fixed_rows.setdefault((number, c), {})[y] = p
    fixed_amounts = tuple(FixedAmount(n, "", c, a) for (n, c), a in fixed_rows.items())
    settings_ = Settings(title="Egenskabstest", decimals=2, residual_key=keys[0].name,
                         target={y: draw(st.decimals(0, 200_000, places=2)) for y in years})
    departments = tuple(Department(c, f"Afdeling {c}") for c in codes)
    return Plan(settings_, years, departments, tuple(keys), tuple(themes), tuple(lines), fixed_amounts)


def _decide(draw, line: ProposalLine) -> ProposalLine:
    """The line with a random decision and, in some estimated years, an adopted amount (rejected ones too)."""
    decision = draw(DECISIONS)
    estimated = [y for y, a in line.amounts.items() if a is not None]
    adopted = {y: draw(st.decimals(0, 100_000, places=2)) for y in estimated if draw(st.booleans())} \
        if estimated and draw(st.integers(0, 2)) == 0 else {}
    return replace(line, decision=decision, adopted=adopted)


@settings(max_examples=150, deadline=None)
@given(plans())
def test_parts_add_up_and_the_target_is_met(plan):
    result = compute(plan)
    for t in result.themes:
        for split in t.splits:
            for y in result.years:
                whole = split.amounts[y]
                distributed = sum((split.parts[c][y] for c in split.parts), Decimal(0)) + split.rest[y]
                assert distributed == (Decimal(0) if whole is None else whole.quantize(CENT))
    for y in result.years:
        assert result.check(y) == 0
        total = sum((result.department_totals[c][y] for c in result.department_totals), Decimal(0))
        assert total + result.rest_total[y] == result.target[y]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans())
def test_random_masters_round_trip_and_build(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("p")
    path = write_master(folder / "m.xlsx", plan)
    checked = check_master(path)
    assert not [f for f in checked.findings if f.is_error and f.code != "key-over-100"], checked.findings
    built = build_reports(path, folder / "out", force=True)
    assert built.files[0].exists()


hostile_value = st.one_of(
    st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30), st.integers(-10**20, 10**20),
    st.floats(allow_nan=False),
    st.booleans(), st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["-", "3.250", "0,14", "=1+1", "#DIV/0!", "28,4%", "1.2.3", " ", "Nøgle", "MSB"]),
)
cells = st.tuples(
    st.sampled_from(["Indstillinger", "Mål", "Afdelinger", "Nøgler", "Temaer", "Forslag", "Faste beløb"]),
    st.sampled_from("ABCDEFGHIJKL"), st.integers(1, 15),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(cells, hostile_value), min_size=1, max_size=8))
def test_random_damage_ends_in_findings_not_exceptions(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("d")
    path = write_master(folder / "m.xlsx")
    edit_workbook(path, {f"{s}!{col}{row}": value for (s, col, row), value in edits})
    checked = check_master(path)  # must not raise
    for f in checked.findings:
        assert f.message and f.code
    build_reports(path, folder / "out", force=True)  # a forced build of whatever was read must not raise


@pytest.mark.parametrize("whole", ["0.01", "-0.01", "99999999.99", "1"])
def test_allocate_extremes(whole):
    shares = [Decimal(1) / 7] * 7
    parts, rest = allocate(Decimal(whole), shares, CENT)
    assert sum(parts, Decimal(0)) + rest == Decimal(whole)
