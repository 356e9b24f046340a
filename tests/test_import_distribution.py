"""Interpreting 'Fordeling på afdeling': fixed amounts in prose, sentences that name a method, key tables."""

from decimal import Decimal as D

import pytest

from spareforslag_xl.importer.blocks import split_blocks
from spareforslag_xl.importer.distribution.section import interpret
from spareforslag_xl.importer.distribution.prose_amounts import colon_amounts, listed_amounts
from spareforslag_xl.importer.distribution.table_rows import read_key_tables
from spareforslag_xl.importer.report import ImportReport, Status
from spareforslag_xl.importer.distribution.spec import LineInfo
from spareforslag_xl.model.plan import Method

YEARS = (2030, 2031, 2032)


@pytest.mark.parametrize("text, expected", [
    ("BA: 1 mio. kr.", [("BA", D(1), "mio. kr.", "1 mio. kr.", 0, "")]),
    ("MTM: 0,75 mio. kr.", [("MTM", D("0.75"), "mio. kr.", "0,75 mio. kr.", 2, "")]),
    ("MSB, MBU og MSO: 0,5 mio. kr.", [(c, D("0.5"), "mio. kr.", "0,5 mio. kr.", 1, "") for c in ("MSB", "MBU", "MSO")]),
    ("MKB: 0 mio. kr. (MKB har allerede sparet 1 mio. kr. i B2022).",
     [("MKB", D(0), "mio. kr.", "0 mio. kr.", 0, "MKB har allerede sparet 1 mio. kr. i B2022")]),
    ("ØK: 250.000 kr.", [("ØK", D(250000), "kr.", "250.000 kr.", 0, "")]),
    ("XA: 12", [("XA", D(12), None, "12", 0, "")]),
])
def test_colon_amounts(text, expected):
    found = colon_amounts(text)
    assert [(f.code, f.value, f.unit, f.text, f.decimals, f.note) for f in found] == expected


@pytest.mark.parametrize("text", ["Genbrugsportal: Besparelsen fordeles forholdsmeget", "Licensområdet: 2/3 af "
                                  "besparelsen opnås i MSB og MSO", "Forslag 1 = 21 mio. kr."])
def test_prose_that_is_no_fixed_amount(text):
    assert colon_amounts(text) is None
    assert listed_amounts(text) is None


@pytest.mark.parametrize("text, expected", [
    ("BA (270.000), MSO (70.000), MBU (97.000), MSB (600.000), MKB (0), MTM (143.000).*",
     [("BA", D(270000), None), ("MSO", D(70000), None), ("MBU", D(97000), None), ("MSB", D(600000), None),
      ("MKB", D(0), None), ("MTM", D(143000), None)]),
    ("AA (0,1 mio. kr.) og BB (0,2 mio. kr.)", [("AA", D("0.1"), "mio. kr."), ("BB", D("0.2"), "mio. kr.")]),
])
def test_listed_amounts(text, expected):
    assert [(f.code, f.value, f.unit) for f in listed_amounts(text)] == expected


def test_a_list_inside_a_sentence_is_no_list():
    assert listed_amounts("Vi har talt med BA (270.000) og MSO (70.000) om det hele i går.") is None


def interpreted(lines, amounts=((100, 100, 100),), known=("AA", "BB")):
    report = ImportReport()
    infos = [LineInfo(str(i + 1), str(i + 1), f"Linje {i + 1}", dict(zip(YEARS, map(D, a))))
             for i, a in enumerate(amounts)]
    dist = interpret("7", split_blocks(lines), infos, YEARS, "1.000 kr.", set(known), report)
    return dist, report


@pytest.mark.parametrize("sentence, from_year, status", [
    ("Besparelsen udmøntes via den administrative fordelingsnøgle.", None, Status.READ),
    ("Besparsen udmøntes via den administrative fordelingsnøgle fra år 2 og frem med afsæt i analyser.", 2031,
     Status.READ),
    ("Beløbet fordeles efter den administrative nøgle fra 2032.", 2032, Status.READ),
    ("Besparelsen udmøntes via den administrative fordelingsnøgle, dog med en vurdering af forbruget.", None,
     Status.REVIEW),
    ("Besparelsen fordeles ikke efter den administrative fordelingsnøgle.", None, Status.REVIEW),
])
def test_a_sentence_that_names_the_administrative_key(sentence, from_year, status):
    dist, report = interpreted([sentence])
    assert (dist.theme_rule.method, dist.theme_rule.admin, dist.theme_rule.from_year) == (Method.KEY, True, from_year)
    [entry] = [e for e in report.entries if e.topic == "distribution"]
    assert entry.status is status
    assert entry.line == 1


def test_a_sentence_for_one_line():
    dist, report = interpreted(["Forslag 2 udmøntes via den administrative fordelingsnøgle."],
                               amounts=((100, 100, 100), (5, 5, 5)))
    assert dist.theme_rule.method is Method.NONE
    assert list(dist.line_rules) == ["2"]
    assert [e.status for e in report.entries] == [Status.READ, Status.REVIEW]  # line 1 is left without a rule


def test_fixed_amounts_need_a_unit_from_somewhere():
    dist, report = interpreted(["Fordeling (kr.):", "", "AA (60.000), BB (40.000)."])
    assert [(f.department, f.amounts[2030]) for f in dist.fixed] == [("AA", 60), ("BB", 40)]
    assert dist.theme_rule.method is Method.FIXED
    dist, report = interpreted(["AA (60.000), BB (40.000)."])
    assert dist.fixed == []
    assert report.of(Status.REVIEW)[0].message.startswith("the amounts in 'AA (60.000), BB (40.000).' have no unit")


def test_text_that_names_departments_is_flagged_only_when_there_is_something_to_distribute():
    lines = ["AA: 0,1 mio. kr.", "", "BB har allerede sparet 50.000 kr. på området."]
    _, report = interpreted(lines)
    assert [e.line for e in report.of(Status.REVIEW)] == [3]
    _, quiet = interpreted(lines, amounts=((0, 0, 0),))
    assert [e.topic for e in quiet.of(Status.REVIEW)] == ["fixed amounts"]  # 100 given for a total of 0


def test_key_table_layouts():
    one_row = split_blocks(["Magistratsafdeling (mio. kr.)\tAndel\t2030\t2031", "AA\t28,4%\t1,4\t2,8",
                            "<b>I alt</b>\t<b>100,0%</b>\t<b>5,0</b>\t<b>10,0</b>"])[0]
    [kt] = read_key_tables(one_row)
    assert (kt.title, kt.header, kt.unit, kt.years) == ("", "Magistratsafdeling (mio. kr.)", "mio. kr.", (2030, 2031))
    assert [(r.code, r.share.value, r.figures[2031].value) for r in kt.rows] == [("AA", D("0.284"), D("2.8"))]
    assert kt.total.share.text == "100,0%"
    two_rows = split_blocks(["1) Titel:\tMagistratsafdeling\t\t\t", "\t(mio. kr.)\tAndel\t2030\t2031",
                             "\tAA\t16%\t0,08\t0,08", "\t<b>I alt</b>\t<b>100,0%</b>\t<b>0,49</b>\t<b>0,49</b>", "",
                             "2) Anden:\tMagistratsafdeling\t\t\t", "\t(mio. kr.)\tAndel\t2030\t2031",
                             "\tBB\t50%\t0,25\t0,25"])[0]
    first, second = read_key_tables(two_rows)
    assert (first.title, first.header, first.unit, first.line, first.last_line) == (
        "1) Titel:", "Magistratsafdeling (mio. kr.)", "mio. kr.", 1, 4)
    assert [r.code for r in first.rows] == ["AA"]
    assert (second.title, [r.code for r in second.rows], second.line) == ("2) Anden:", ["BB"], 6)
