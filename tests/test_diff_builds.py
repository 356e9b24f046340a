"""build --since, the archive and history, mail --since; and the property: a diff's figures are the
difference of the two builds' 'Afdelinger' sheets."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.compute import compute
from spareforslag_xl.core.diff import diff_plans
from spareforslag_xl.model.danish import to_decimal
from tests.conftest import write_master
from tests.plans import amounts, sample_plan
from tests.test_properties import plans


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def lowered(plan):
    return replace(plan, lines=tuple(replace(l, amounts=amounts(5000, 9500, 10000, 10000)) if l.title.startswith("AI")
                                     else l for l in plan.lines))


def test_build_keeps_the_master_once_and_since_forrige_adds_the_changes(tmp_path):
    old = write_master(tmp_path / "maj.xlsx", sample_plan())
    new = write_master(tmp_path / "juni.xlsx", lowered(sample_plan()))
    out = tmp_path / "out"
    first = run("build", old, "-o", out)
    assert first.exit_code == 0 and "Kept a copy of the master as" in first.stderr
    again = run("build", old, "-o", out)
    assert "note: the master has not changed since the last build" in again.stderr
    assert len(list((out / "arkiv").glob("*.xlsx"))) == 1
    since = run("build", new, "-o", out, "--since", "forrige")
    assert since.exit_code == 0, since.output
    assert "Since the earlier master: 1 change (sheet 'Ændringer')." in since.stderr
    assert "Ændringer" in openpyxl.load_workbook(out / "juni-rapport.xlsx").sheetnames
    msb = openpyxl.load_workbook(out / "afdelinger" / "MSB.xlsx")
    assert msb.sheetnames == ["MSB", "Oversigt", "Nøgler", "Ændringer"]
    texts = [r[0] for r in msb["Ændringer"].iter_rows(values_only=True) if r[0]]
    assert texts[0] == "Ændringer siden sidst: MSB – Sociale Forhold og Beskæftigelse"
    assert not any("MTM" in t for t in texts)  # nothing of another department
    history = run("history", out)
    assert history.exit_code == 0
    assert [".xlsx  " in line for line in history.stdout.splitlines()[1:3]] == [True, True]
    assert "2 builds" in history.stdout and history.stdout.splitlines()[2].startswith(" * ")


def test_since_forrige_without_a_previous_build_names_the_option(tmp_path):
    master = write_master(tmp_path / "m.xlsx")
    result = run("build", master, "-o", tmp_path / "out", "--since", "forrige")
    assert result.exit_code == 2 and "--since: " in result.stderr


def test_history_without_an_archive(tmp_path):
    assert run("history", tmp_path).exit_code == 2


@pytest.mark.danish
def test_mail_since_adds_a_paragraph_when_the_figures_changed(tmp_path):
    import email

    old = write_master(tmp_path / "maj.xlsx", sample_plan())
    new = write_master(tmp_path / "juni.xlsx", lowered(sample_plan()))
    assert run("mail", new, "-o", tmp_path / "out", "--since", old).exit_code == 0
    message = email.message_from_bytes((tmp_path / "out" / "mails" / "MSB.eml").read_bytes())
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    assert "Ændringer siden sidst: afdelingens samlede besparelse er nu" in text
    assert "(2024 / 2025 / 2026 / 2027). Ændringerne i grundarket:" in text  # the user's word, not 'masteren'
    assert "  - Tema 7: 1. AI, Automatisering og RPA: 2025 10.000 → 9.500 (-500)" in text
    plain = run("mail", new, "-o", tmp_path / "plain")
    assert plain.exit_code == 0
    message = email.message_from_bytes((tmp_path / "plain" / "mails" / "MSB.eml").read_bytes())
    assert "Ændringer" not in next(p for p in message.walk()
                                   if p.get_content_type() == "text/plain").get_payload(decode=True).decode()


# -- the property -----------------------------------------------------------------------------------------
@st.composite
def pairs(draw):
    old = draw(plans())
    lines = list(old.lines)
    for i in draw(st.lists(st.integers(0, max(0, len(lines) - 1)), max_size=3)):
        if lines:
            line = lines[i]
            year = draw(st.sampled_from(old.years))
            value = draw(st.one_of(st.none(), st.decimals(0, 50_000, places=2)))
            lines[i] = replace(line, amounts={**line.amounts, year: value})
    if lines and draw(st.booleans()):
        lines.pop(draw(st.integers(0, len(lines) - 1)))
    keys = list(old.keys)
    if draw(st.booleans()):
        k = keys[0]
        shares = tuple(replace(s, share=draw(st.sampled_from([s.share, Decimal(0), Decimal("0.25")]))) for s in k.shares)
        keys[0] = replace(k, shares=shares)
    target = {**old.settings.target, old.years[0]: draw(st.decimals(0, 200_000, places=2))}
    new = replace(old, lines=tuple(lines), keys=tuple(keys), settings=replace(old.settings, target=target))
    return old, new


@settings(max_examples=120, deadline=None)
@given(pairs())
def test_the_consequences_are_the_difference_of_the_two_computations(pair):
    old, new = pair
    diff = diff_plans(old, new)
    a, b = compute(old), compute(new)
    for d in diff.consequences.departments:
        for y in diff.years:
            assert d.total.change(y) == b.department_totals[d.code][y] - a.department_totals[d.code][y]
            assert d.difference.change(y) == (b.difference_split.parts[d.code][y] - a.difference_split.parts[d.code][y])
    for y in diff.years:
        assert diff.consequences.total.change(y) == b.total[y] - a.total[y]
    assert diff.same == (old == new or not diff.changes)


def afdelinger(path, plan) -> dict[str, list[Decimal]]:
    """The summary of the report's 'Afdelinger' sheet: department label → its total per year."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    labels = {d.label for d in plan.departments}
    found: dict[str, list[Decimal]] = {}
    for row in book["Afdelinger"].iter_rows(values_only=True):
        if row[0] in labels and row[0] not in found:
            found[row[0]] = [to_decimal(v) for v in row[1:1 + len(plan.years)]]
    book.close()
    return found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs())
def test_the_consequences_equal_the_difference_of_the_two_reports(tmp_path_factory, pair):
    old, new = pair
    folder = tmp_path_factory.mktemp("pair")
    paths = [write_master(folder / f"{name}.xlsx", plan) for name, plan in (("old", old), ("new", new))]
    built = [build_reports(p, folder / f"out-{p.stem}", force=True, departments=False) for p in paths]
    sheets = [afdelinger(b.files[0], b.checked.plan) for b in built]
    diff = diff_plans(built[0].checked.plan, built[1].checked.plan)
    for d in diff.consequences.departments:
        for i, y in enumerate(diff.years):
            assert d.total.change(y) == sheets[1][d.label][i] - sheets[0][d.label][i], (d.code, y)
