"""One plan, one truth: random decided plans in every scenario, in every output.

For each random plan with random decisions (every kind, adopted amounts, '-' amounts, fixed
amounts, themes with nothing estimated) and each scenario:
- every meaning of the report's and a department workbook's content computes its figure (as the
  formula written for it computes), and, on a sample of 25, every formula of the written workbooks
  stores what it computes (tests/formulas.py), text results ('-') included;
- the report's 'Afdelinger', each department's workbook and its mail show the same total, and the
  mail's parts add up to it;
- the diff from the undecided plan (as --since and the mails show it) has the two plans' figures,
  and each changed decision carries what is in force;
- no proposal line the scenario leaves out is counted anywhere (a theme's total is the sum of the
  lines its sheet shows);
- a department's sheet reproduces each part: the rows above a split's part add up to the amount
  split (a theme's lines split together are one row, beside each line a decision changed), and the
  part in FTE is the part over the theme's salary.
History and LibreOffice's recalculation run on a sample (they write and read files).
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spareforslag_xl.content.department import department_content
from spareforslag_xl.content.report import report_content
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.diff import diff_plans
from spareforslag_xl.core.groups import counts
from spareforslag_xl.core.parts import department_part
from spareforslag_xl.model.plan import Decision, Scenario
from spareforslag_xl.render.department import department_bytes
from spareforslag_xl.render.mailtext import mail_context
from spareforslag_xl.render.report import report_bytes
from tests.formulas import check_formulas
from tests.test_content import _number, _rows, evaluate
from tests.test_properties import plans

ZERO = Decimal(0)
SCENARIOS = st.sampled_from([None, *Scenario])


def _figures(data: bytes) -> dict[tuple[str, int, int], object]:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return {(ws.title, c.row - 1, c.column - 1): c.value for ws in book for r in ws.iter_rows() for c in r
            if c.value is not None}


def _total_row(figures, sheet: str, label: str) -> int:
    (row,) = [r for (s, r, c), v in figures.items() if s == sheet and c == 0 and v == label]
    return row


def _undecided(plan):
    return replace(plan, lines=tuple(replace(line, decision=None, adopted={}) for line in plan.lines),
                   themes=tuple(replace(t, decision=None) for t in plan.themes))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(decided=True), SCENARIOS, st.data())
def test_one_plan_one_truth(plan, scenario, data):
    result = compute_scenario(plan, scenario)
    shown = result.plan.scenario
    # a theme's total is the sum of the lines the scenario counts; a line left out counts nowhere
    for t in result.themes:
        counted = [line for line in t.lines if counts(line.decision, shown)] or list(t.lines)
        for y in result.years:
            estimated = [line.amounts[y] for line in counted if line.amounts.get(y) is not None]
            assert t.totals[y] == (sum(estimated, ZERO) if estimated else None)
            if not any(counts(line.decision, shown) for line in t.lines):
                assert not t.partial(y)  # a theme left out altogether is not 'partly estimated'
    # the content: every meaning computes its figure, as a spreadsheet computes the formula
    report = report_content(result, [])
    assert evaluate(report) == []
    code = data.draw(st.sampled_from([d.code for d in plan.departments]))
    own = department_content(result, code)
    assert evaluate(own) == []
    _details_reproduce_the_parts(result, code, own)
    # the report, the department's workbook and its mail show the same total; the mail's parts add up to it
    rep_total, own_total = _rows(report)[0][f"dep.{code}.total"], _rows(own)[0]["own.total"]
    part = department_part(result, code)
    context = mail_context(part, result.plan)
    for i, year in enumerate(result.years, start=1):
        want = result.department_totals[code][year]
        assert _number(rep_total, i) == _number(own_total, i) == context["total"][year] == want
        parts = [t.part.get(year) for t in part.largest()] + [part.difference.part.get(year)]
        others = part.others()
        if others is not None:
            parts.append(others.part.get(year))
        assert sum((p for p in parts if p is not None), ZERO) == want
    # the diff from the proposals (as --since and the mails show it): the two plans' figures, and
    # what is in force for each changed decision or adopted amount
    before = _undecided(plan)
    diff = diff_plans(before, plan, compute_scenario(before, scenario), result)
    dept = diff.department(code)
    for y in diff.years:
        assert diff.consequences.total.new[y] == result.total[y]
        assert dept is not None and dept.total.new[y] == result.department_totals[code][y]
    in_force = {line.label: line_shown.amounts for line, line_shown in zip(plan.lines, result.plan.lines, strict=True)}
    proposed = {line.label: line.amounts for line in before.lines}
    for change in diff.changes:
        if change.kind in ("line-decision", "line-adopted"):
            for y, (old, new) in change.years.items():
                assert new == in_force[change.line][y]
                if scenario is not Scenario.PROPOSED:
                    assert old == proposed[change.line][y]


def _details_reproduce_the_parts(result, code, own) -> None:
    """Each split's rows on the department's sheet add up to the amount split; its part is the
    department's; lines split together show as one row beside the lines a decision changed."""
    keyed = _rows(own)[0]
    part = department_part(result, code)
    proposed = {id(line): p for line, p in zip(result.plan.lines, result.proposed.plan.lines, strict=True)} \
        if result.proposed is not None else {}
    for n, tp in enumerate(part.themes):
        for j, sp in enumerate(tp.splits):
            key = f"own.part.{n}.{j}"
            shown = [keyed[k] for k in keyed if k.startswith(f"{key}.line.")]
            if sp.left_out:
                assert key not in keyed and shown == []
                continue
            kept = [line for line in sp.lines if counts(line.decision, result.plan.scenario)]
            changed = [line for line in kept if id(line) in proposed and (
                line.decision is Decision.POSTPONED or line.amounts != proposed[id(line)].amounts)]
            together = len(kept) > 1 and sp.lines[0].rule is None
            assert len(shown) == ((len(changed) + (len(changed) < len(kept))) if together else len(kept))
            for i, year in enumerate(result.years, start=1):
                assert _number(keyed[key], i) == sp.part[year]
                numbers = [v for r in shown if (v := _number(r, i)) is not None]
                assert (sum(numbers, ZERO) if numbers else None) == sp.whole[year]
        if tp.theme.salary is not None:
            for i, year in enumerate(result.years, start=1):
                fte = _number(next(r for r in _rows(own)[1][code] if r.cells.get(i) is not None
                                   and getattr(r.cells[i], "meaning", None) is not None
                                   and getattr(r.cells[i].meaning, "numerator", None) == f"own.theme.{n}"), i)
                value = tp.part[year]
                assert fte == (None if value is None else (value / tp.theme.salary).quantize(Decimal("0.01"),
                                                                                             ROUND_HALF_UP))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(plans(decided=True), SCENARIOS, st.data())
def test_every_stored_value_is_what_its_formula_computes(tmp_path_factory, plan, scenario, data):
    """The workbooks of decided plans: stored = computed for every formula, '-' included; one total."""
    result = compute_scenario(plan, scenario)
    code = data.draw(st.sampled_from([d.code for d in plan.departments]))
    tmp = tmp_path_factory.mktemp("truth")
    report, own = report_bytes(result, []), department_bytes(result, code)
    for name, content in (("rapport.xlsx", report), ("afdeling.xlsx", own)):
        (tmp / name).write_bytes(content)
        assert check_formulas(tmp / name) == [], name
    rep, dep = _figures(report), _figures(own)
    label = f"I alt {code}"
    r, d = _total_row(rep, "Afdelinger", label), _total_row(dep, code, label)
    for i, year in enumerate(result.years, start=1):
        want = result.department_totals[code][year]
        assert Decimal(str(rep[("Afdelinger", r, i)])) == Decimal(str(dep[(code, d, i)])) == want


@pytest.mark.parametrize("scenario", [None, Scenario.PROPOSED, Scenario.WITH_POSTPONED])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans(decided=True))
def test_history_shows_the_plan_each_build_showed(tmp_path_factory, scenario, plan):
    from spareforslag_xl.app.build import build_reports
    from spareforslag_xl.app.history import kept_versions
    from tests.conftest import write_master

    folder = tmp_path_factory.mktemp("h")
    master = write_master(folder / "m.xlsx", plan)
    built = build_reports(master, folder / "out", force=True, departments=False, scenario=scenario)
    (version,) = kept_versions(folder / "out")
    result = compute_scenario(built.checked.plan, scenario)
    assert version.totals is not None and version.totals.total == result.total
    assert version.totals.scenario is built.scenario


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans(decided=True), SCENARIOS)
def test_libreoffice_recalculates_what_the_workbooks_store(tmp_path_factory, plan, scenario):
    from tests.libreoffice import compare_with_recalculated, recalculate, require_soffice

    require_soffice()
    tmp = tmp_path_factory.mktemp("lo")
    result = compute_scenario(plan, scenario)
    code = plan.departments[0].code
    files = [tmp / "rapport.xlsx", tmp / f"{code}.xlsx"]
    files[0].write_bytes(report_bytes(result, []))
    files[1].write_bytes(department_bytes(result, code))
    problems = []
    for original, fresh in recalculate(files, tmp / "out").items():
        problems += compare_with_recalculated(original, fresh)
    assert problems == []
