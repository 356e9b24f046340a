"""The audit of a document's own figures: the seed's list, and each kind of item on a small plan."""

from decimal import Decimal as D

import pytest

from tests.importcheck import SEED_MASTER
from spareforslag_xl.core.audit import AuditItem, Verdict as Severity, audit, year_span  # assertions unchanged
from spareforslag_xl.app.audit import audit_master
from spareforslag_xl.core.compute import compute
from spareforslag_xl.model.plan import (
    Department, DistributionKey, KeyShare, Method, Plan, ProposalLine, Rule, Settings, Theme,
)
from spareforslag_xl.model.labels import audit_item_text, audit_label, audit_reason
from spareforslag_xl.model.stated import Kind, StatedFigure


@pytest.fixture(scope="module")
def seed_items():
    return audit_master(SEED_MASTER).items


def test_the_seeds_list(seed_items):
    assert [(i.severity.name, i.code, i.source_line, i.theme, year_span(i.years), i.stated, i.computed)
            for i in seed_items] == [
        ("INFO", "dash-zero", 23, "10", "2024–2027", "-", "0"),
        ("INFO", "dash-zero", 24, "11", "2024", "-", "0"),
        ("INFO", "dash-zero", 25, "12", "2024–2026", "-", "0"),
        ("DISAGREEMENT", "implied-salary", 147, "4", "2024–2027", "2,2", "540"),
        ("DISAGREEMENT", "fte-salary", 214, "6", "2025", "2,60", "2,61"),
        ("DISAGREEMENT", "implied-salary", 214, "6", "2024, 2026, 2027", "1,74", "575"),
        ("ROUNDING", "rounding", 223, "6", "2024–2027", "0,05", "0,055"),
        ("DISAGREEMENT", "key-sum", 226, "6", "2024–2027", "100,0%", "99,0 %"),
        ("DISAGREEMENT", "parts-sum", 238, "6", "2027", "2,00", "2,01"),
        ("DISAGREEMENT", "implied-salary", 265, "7", "2024–2027", "8", "600"),
        ("DISAGREEMENT", "implied-salary", 345, "9", "2024–2027", "2,4", "750"),
        ("INFO", "fte-any-salary", 375, "10", "2024", "0", "-"),
        ("INFO", "fte-any-salary", 410, "11", "2024", "0", "-"),
    ]


def message(items, code, line):
    return next(audit_reason(i.reason) for i in items if i.code == code and i.source_line == line)


def test_the_seeds_messages(seed_items):
    assert message(seed_items, "key-sum", 226) == (
        "the shares of key 'Forenkling lønforhandlinger' sum to 99,0 %, but the table states 100,0%; it allocates "
        "0,49 of 0,50 mio. kr. each year; the rest is not distributed")
    assert message(seed_items, "parts-sum", 238) == (
        "the shown parts sum to 2,01, but the table's total is 2,00 (each part was rounded on its own)")
    assert message(seed_items, "fte-salary", 214) == (
        "2,60 needs a salary from 575,8 to 578,0; 1,74, 3,48, 4,35 need 574,1–575,4; no single average salary "
        "reproduces them all; with 575 the report shows 2,61")
    assert message(seed_items, "rounding", 223) == (
        "within one unit of the last shown digit: 0,055 rounds half up to 0,06; the document truncated (rounded down)")
    assert message(seed_items, "implied-salary", 147).startswith(
        "the FTE figures 2,2 imply an average salary from 524,4 to 548,8 (total / FTE: about 536); the master uses 540")
    assert message(seed_items, "implied-salary", 265).startswith(
        "the FTE figures 8, 17 imply an average salary from 588,2 to 606,1 (total / FTE: 625 for 8, 588 for 17)")
    assert "about 750" in message(seed_items, "implied-salary", 345)
    assert "about 575" in message(seed_items, "implied-salary", 214)
    assert message(seed_items, "dash-zero", 23) == ("the document shows '-' where the recomputed value is 0; both "
                                                    "add nothing to the totals")


def test_the_overview_itself_is_consistent(seed_items):
    overview_lines = set(range(13, 29))
    assert [i.code for i in seed_items if i.source_line in overview_lines] == ["dash-zero"] * 3
    assert all(i.severity is Severity.INFO for i in seed_items if i.source_line in overview_lines)


def test_an_item_reads_as_one_line(seed_items):
    item = next(i for i in seed_items if i.code == "parts-sum")
    assert audit_item_text(item) == ("disagreement: line 238, tema 6 2027: Afdelingsbeløb i alt – forslag 2: the shown parts sum "
                         "to 2,01, but the table's total is 2,00 (each part was rounded on its own) [parts-sum]")


# -- a small plan --------------------------------------------------------------------------------------------------
def small_plan(amount=D(50), shares=("0.5", "0.5"), salary=None, line_amount=None) -> Plan:
    key = DistributionKey("K", tuple(KeyShare(c, D(s)) for c, s in zip(("A", "B"), shares)))
    return Plan(
        settings=Settings(unit="1.000 kr.", residual_key="K", target={2030: D(1000)}),
        years=(2030,),
        departments=(Department("A", "Alfa"), Department("B", "Beta")),
        keys=(key,),
        themes=(Theme("1", "Et", rule=Rule(Method.KEY, "K"), salary=salary),),
        lines=(ProposalLine("1", "1", "Linje", {2030: amount if line_amount is None else line_amount}),),
    )


def fig(kind, text, value, unit="mio. kr.", decimals=2, department="", line_no=10, theme="1", **kw):
    return StatedFigure(kind=kind, theme=theme, line=kw.pop("line", ""), department=department,
                        year=kw.pop("year", 2030), value=None if value is None else D(value), text=text, unit=unit,
                        decimals=decimals, source_line=line_no, key=kw.pop("key", "K"), table=kw.pop("table", "L9"),
                        **kw)


def run(plan, *figures) -> list[AuditItem]:
    return audit(compute(plan), list(figures))


def test_agreeing_figures_give_no_items():
    items = run(small_plan(D(50)),
                fig(Kind.PART, "0,03", 30, department="A"),
                fig(Kind.LINE, "50", 50, unit="1.000 kr.", decimals=0, line="1"),
                fig(Kind.THEME_TOTAL, "50", 50, unit="1.000 kr.", decimals=0),
                fig(Kind.SHARE, "50,0%", "0.5", unit="%", decimals=1, department="B"),
                fig(Kind.OVERVIEW_TOTAL, "0,1", 100, unit="mio. kr.", decimals=1, theme=""))
    assert items == []


@pytest.mark.parametrize("amount, text, convention", [
    (D(50), "0,02", "the document rounded half to even"),       # 25 → 0,025
    (D(110), "0,05", "the document truncated (rounded down)"),  # 55 → 0,055 (half to even gives 0,06)
    (D(22), "0,02", "the document rounded up"),                 # 11 → 0,011
])
def test_rounding_notes_name_the_convention(amount, text, convention):
    [item] = run(small_plan(amount), fig(Kind.PART, text, D(text.replace(",", ".")) * 1000, department="A"))
    assert (item.severity, item.code) == (Severity.ROUNDING, "rounding")
    assert audit_reason(item.reason).endswith(convention)


def test_a_figure_beyond_one_unit_is_a_disagreement():
    [item] = run(small_plan(D(55)), fig(Kind.LINE, "60", 60, unit="1.000 kr.", decimals=0, line="1"))
    assert (item.severity, item.code, item.stated, item.computed) == (Severity.DISAGREEMENT, "mismatch", "60", "55")
    assert audit_reason(item.reason) == "the recomputed value is 55 (1.000 kr.)"


def test_dash_against_an_amount_and_against_zero():
    items = run(small_plan(line_amount=D(0)), fig(Kind.OVERVIEW, "-", None, unit="1.000 kr.", decimals=0))
    assert [(i.severity, i.code) for i in items] == [(Severity.INFO, "dash-zero")]
    items = run(small_plan(D(20)), fig(Kind.OVERVIEW, "-", None, unit="1.000 kr.", decimals=0))
    assert [(i.severity, i.code, i.computed) for i in items] == [(Severity.DISAGREEMENT, "not-estimated", "20")]


def test_a_figure_for_a_theme_the_master_lacks():
    [item] = run(small_plan(), fig(Kind.THEME_TOTAL, "5", 5, theme="9", unit="1.000 kr.", decimals=0))
    assert (item.code, audit_reason(item.reason)) == ("missing", "the master has nothing to compare this figure with")


def test_a_key_stated_as_100_that_sums_to_90():
    plan = small_plan(D(100), shares=("0.5", "0.4"))
    items = run(plan, fig(Kind.SHARE_TOTAL, "100%", 1, unit="%", decimals=0, year=None),
                fig(Kind.PART_TOTAL, "0,09", 90))
    [item] = items
    assert (item.code, item.computed) == ("key-sum", "90,0 %")
    assert audit_reason(item.reason) == ("the shares of key 'K' sum to 90,0 %, but the table states 100%; it allocates 0,09 of "
                            "0,10 mio. kr. each year; the rest is not distributed")
    assert len(item.figures) == 2


def test_shown_parts_that_do_not_add_up():
    items = run(small_plan(D(100)), fig(Kind.PART, "0,05", 50, department="A"), fig(Kind.PART, "0,06", 60,
                department="B"), fig(Kind.PART_TOTAL, "0,10", 100))
    assert sorted((i.code, audit_label(i.label)) for i in items) == [("mismatch", "Afdelingsbeløb – B"),
                                                        ("parts-sum", "Afdelingsbeløb i alt")]
    parts = next(i for i in items if i.code == "parts-sum")
    assert audit_reason(parts.reason) == "the shown parts sum to 0,11, but the table's total is 0,10 (each part was rounded on its own)"


def test_fte_against_the_salary():
    plan = small_plan(D(1000), salary=D(500))
    assert [i.code for i in run(plan, fig(Kind.FTE, "2,0", 2, unit="årsværk", decimals=1))] == ["implied-salary"]
    [salary, off] = sorted(run(plan, fig(Kind.FTE, "3", 3, unit="årsværk", decimals=0)), key=lambda i: i.code)
    assert off.code == "mismatch" and audit_reason(off.reason) == "with the average salary 500 the report shows 2,00"
    assert salary.severity is Severity.INFO  # one theme cannot disagree with the others


def test_year_span():
    assert year_span([2024, 2025, 2026, 2027]) == "2024–2027"
    assert year_span([2024, 2026, 2027]) == "2024, 2026, 2027"
    assert year_span([2025]) == "2025"


@pytest.mark.parametrize("cell, value", [("I", "NaN"), ("I", "Infinity"), ("I", "1e400"), ("L", 400), ("I", "abc")])
def test_an_unreadable_row_of_document_figures_is_left_out_with_a_warning(tmp_path, cell, value):
    import shutil

    from click.testing import CliRunner

    from spareforslag_xl.cli.main import cli
    from tests.conftest import edit_workbook

    path = tmp_path / "m.xlsx"
    shutil.copy(SEED_MASTER, path)
    edit_workbook(path, {f"Dokumenttal!{cell}5": value})
    result = CliRunner().invoke(cli, ["audit", str(path)])
    assert result.exit_code == 1  # the seed's disagreements, no traceback
    assert "342 document figures checked" in result.output
    build = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert build.exit_code == 0
    assert ("warning: Dokumenttal!A5: this row of the document's figures cannot be read (a kind, line, value or "
            "decimals that make no sense); the audit leaves it out. [stated-row-unreadable]") in build.stderr
