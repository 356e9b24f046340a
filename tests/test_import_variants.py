"""Documents of the seed's form with other years, departments, keys and themes, written by the tests."""

from decimal import Decimal as D

import pytest

from tests.docgen import Line, Theme, document, key_table
from spareforslag_xl.app.check import check_master
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.importer.build_plan import build_plan
from spareforslag_xl.importer.distribution.key_names import ADMIN_KEY
from spareforslag_xl.importer.report import Status
from spareforslag_xl.app.importing import master_of
from spareforslag_xl.importer.text import decode_document
from spareforslag_xl.model.plan import Method
from spareforslag_xl.model.stated import Kind

from tests.importcheck import rule

CODES = ("ØK", "BYG", "SUND", "KULT", "IT")
SHARES = ("30,0", "25,0", "20,0", "15,0", "10,0")


def imported_from(text: str, name: str = "doc.md", **options):
    from pathlib import Path
    return build_plan(decode_document(Path(name), text.encode("utf-8")), **options)


def variant_a() -> str:
    years = (2025, 2026, 2027, 2028)
    themes = [
        Theme(1, "Digital post", [Line("1. Færre breve (T)", [400, 800, 800, 800]),
                                  Line("2. Portooptimering (A)", [100, 100, 100, 100])],
              fte=["<b>1,0</b>", "<b>1,8</b>", "<b>1,8</b>", "<b>1,8</b>"],
              distribution=["Besparelsen fordeles efter den administrative fordelingsnøgle som vist her:", "",
                            *key_table(CODES, SHARES, years, [500, 900, 900, 900], decimals=2)]),
        Theme(2, "Indkøb", [Line("<i>Fælles aftaler</i>", [1000, 1000, None, 1000])], heading=False,
              distribution=["ØK: 0,4 mio. kr.", "", "BYG og SUND: 0,3 mio. kr."]),
        Theme(3, "Kørsel", [Line("1. Kørselsordning", [600, 600, 600, 600]), Line("2. Analyse", [0, 0, 200, 200])],
              distribution=["Linje 2 udmøntes via den administrative fordelingsnøgle fra 2027.", "",
                            *key_table(("BYG", "SUND", "IT"), ("50", "30", "20"), years, [600] * 4,
                                       title="1) Kørselsordning:")]),
        Theme(4, "Ledelse", [Line("1. Færre møder", [0, 250, 250, 250])], heading_title="Ledelse og møder",
              extra_potential=["Bemærkning\tTekst", "A\tB"],
              distribution=["Besparelsen udmøntes via den administrative fordelingsnøgle."]),
        Theme(5, "Samarbejde", note="(indgår i tema 1)"),
    ]
    return document(themes, years, target=10000)


@pytest.fixture(scope="module")
def a():
    return imported_from(variant_a())


def test_other_years_and_departments(a):
    plan = a.plan
    assert plan.years == (2025, 2026, 2027, 2028)
    assert plan.settings.budget_year == 2025
    assert plan.settings.municipality == "Eksempelby Kommune"
    assert plan.settings.target == {y: D(10000) for y in plan.years}
    assert [d.code for d in plan.departments] == list(CODES)
    assert [d.name for d in plan.departments] == [""] * 5


def test_other_keys(a):
    keys = {k.name: [(s.department, s.share) for s in k.shares] for k in a.plan.keys}
    assert keys == {
        ADMIN_KEY: [("ØK", D("0.3")), ("BYG", D("0.25")), ("SUND", D("0.2")), ("KULT", D("0.15")), ("IT", D("0.1"))],
        "Kørselsordning": [("BYG", D("0.5")), ("SUND", D("0.3")), ("IT", D("0.2"))],
    }
    assert a.plan.settings.residual_key == ADMIN_KEY


def test_rules_and_fixed_amounts(a):
    plan = a.plan
    assert {t.number: rule(t.rule) for t in plan.themes} == {
        "1": (Method.KEY, ADMIN_KEY, None), "2": (Method.FIXED, None, None),
        "3": (Method.NONE, None, None), "4": (Method.KEY, ADMIN_KEY, None), "5": None,
    }
    assert [rule(ln.rule) for ln in plan.lines_of("3")] == [(Method.KEY, "Kørselsordning", None),
                                                           (Method.KEY, ADMIN_KEY, 2027)]
    fixed = {f.department: dict(f.amounts) for f in plan.fixed}
    assert fixed == {"ØK": {2025: 400, 2026: 400, 2027: None, 2028: 400},
                     "BYG": {2025: 300, 2026: 300, 2027: None, 2028: 300},
                     "SUND": {2025: 300, 2026: 300, 2027: None, 2028: 300}}


def test_lines_salary_and_the_dash_year(a):
    plan = a.plan
    assert [(ln.number, ln.title, ln.kind) for ln in plan.lines_of("1")] == [("1", "Færre breve", "T"),
                                                                             ("2", "Portooptimering", "A")]
    assert plan.lines_of("2")[0].amounts == {2025: 1000, 2026: 1000, 2027: None, 2028: 1000}
    assert plan.themes[0].salary == D(500)
    dash = [f for f in a.figures if f.kind is Kind.OVERVIEW and f.theme == "2" and f.year == 2027]
    assert [(f.value, f.text) for f in dash] == [(None, "-")]


def test_lost_heading_renamed_theme_and_unknown_table_are_reported(a):
    report = a.report
    inferred = [e for e in report.of(Status.INFERRED) if e.topic == "section"]
    assert [(e.theme, e.message.split(";")[0]) for e in inferred] == [
        ("2", "the section has no 'Tema 2' heading (it starts with '## Beskrivelse af opgaven')")]
    infos = [e.message for e in report.of(Status.INFO) if e.topic == "section"]
    assert infos == ["the heading says 'Ledelse og møder', the overview 'Ledelse'; the overview's name is kept"]
    review = report.of(Status.REVIEW)
    assert [(e.topic, e.theme) for e in review] == [("table", "4")]
    assert review[0].message.startswith("a table of unknown structure")
    assert review[0].lines == f"{review[0].line}-{review[0].line + 1}"


def test_the_variant_master_reads_back_and_computes(a, tmp_path):
    from spareforslag_xl.core.compute import compute
    path = tmp_path / "a.xlsx"
    path.write_bytes(master_of(a))
    checked = check_master(path)
    assert [f.code for f in checked.findings if f.is_error] == []
    result = compute(checked.plan)
    assert result.total == {2025: 2100, 2026: 2750, 2027: 1950, 2028: 2950}
    assert result.difference[2025] == 7900
    kørsel = next(t for t in result.themes if t.theme.number == "3")
    assert {c: kørsel.parts[c][2025] for c in CODES} == {"ØK": 0, "BYG": 300, "SUND": 180, "KULT": 0, "IT": 120}
    assert kørsel.rest[2025] == 0
    assert {c: kørsel.parts[c][2027] for c in CODES} == {"ØK": 60, "BYG": 350, "SUND": 220, "KULT": 30, "IT": 140}


def variant_b() -> str:
    years = (2030, 2031, 2032)
    themes = [
        Theme(1, "Arkiv", [Line("1. Digitalt arkiv", [100, 300, 300])],
              distribution=["Fordeling på afdelinger (1.000 kr.):", "", "AA (100), BB (200)."]),
        Theme(2, "Husleje", [Line("1. Færre kvadratmeter", [50, 50, 50])],
              distribution=["Besparelsen fordeles senere, når analysen er færdig."]),
    ]
    return document(themes, years, target=1000, key_phrase="en nøgle", municipality="Nordby Kommune")


def test_three_years_no_administrative_key_and_text_that_says_no_split():
    b = imported_from(variant_b(), municipality="Sydby Kommune")
    plan = b.plan
    assert plan.years == (2030, 2031, 2032)
    assert plan.settings.municipality == "Sydby Kommune"
    assert plan.settings.residual_key is None
    assert plan.keys == ()
    assert [rule(t.rule) for t in plan.themes] == [(Method.FIXED, None, None), (Method.NONE, None, None)]
    assert [(f.department, dict(f.amounts)) for f in plan.fixed] == [("AA", {2030: 100, 2031: 100, 2032: 100}),
                                                                    ("BB", {2030: 200, 2031: 200, 2032: 200})]
    messages = [e.message for e in b.report.of(Status.REVIEW)]
    assert messages[0] == "the fixed amounts sum to 300 but the theme's total for 2030 is 100 (1.000 kr.)"
    assert messages[1].startswith("not interpreted, kept as text: the paragraph describes a distribution")
    assert messages[2].startswith("no administrative key was found, so 'Restfordelingsnøgle' is empty")


def test_sections_are_matched_by_totals_when_several_themes_fit():
    years = (2026, 2027)
    themes = [
        Theme(1, "Første", [Line("1. A", [10, 10])]),
        Theme(2, "Anden", note="(udgår)"),
        Theme(3, "Tredje", [Line("1. C", [30, 40])], heading=False),
        Theme(4, "Fjerde", [Line("1. D", [5, 5])], heading=False),
        Theme(5, "Femte", [Line("1. E", [1, 1])]),
    ]
    b = imported_from(document(themes, years, target=200))
    assert [(ln.theme, ln.title) for ln in b.plan.lines] == [("1", "A"), ("3", "C"), ("4", "D"), ("5", "E")]
    assert not b.plan.lines_of("2")
    assert [e.theme for e in b.report.of(Status.INFERRED) if e.topic == "section"] == ["3", "4"]


def test_a_section_whose_totals_disagree_needs_review():
    themes = [Theme(1, "Første", [Line("1. A", [10])]), Theme(2, "Anden", [Line("1. B", [20])], heading=False,
                                                                overview=["99"])]
    b = imported_from(document(themes, (2040,), target=100))
    [entry] = [e for e in b.report.of(Status.REVIEW) if e.topic == "section"]
    assert entry.message.endswith("but its totals differ from the overview's")
    assert b.plan.lines_of("2")[0].amounts == {2040: 20}


def test_a_document_without_overview_is_unusable():
    text = "# Titel\n\nBare tekst.\n\n## Beskrivelse af opgaven\n\nIntet.\n"
    with pytest.raises(InputError) as info:
        imported_from(text, "notes.md")
    assert str(info.value).startswith("notes.md: no overview table was found: a table whose header row starts with "
                                      "'Tema' and names the years")


def test_a_distribution_table_of_unknown_structure_is_reported():
    themes = [Theme(1, "Første", [Line("1. A", [10, 20])],
                    distribution=["Se tabellen:", "", "Afdeling\tBemærkning", "AA\tmeget", "BB\tlidt"])]
    b = imported_from(document(themes, (2024, 2025), target=100))
    review = b.report.of(Status.REVIEW)
    assert [(e.topic, e.line) for e in review] == [("distribution", 0), ("table", 38), ("settings", 0)]
    assert review[1].message == "a table of unknown structure (no header row with years) was not interpreted; it " \
                                "is not in the master"
    assert review[1].last_line == 40
    assert rule(b.plan.themes[0].rule) == (Method.NONE, None, None)


def test_a_key_table_in_thousands_for_one_line():
    years = (2024, 2025)
    rows = ["Magistratsafdeling (1.000 kr.)\tAndel\t2024\t2025", "XA\t60%\t60\t120", "XB\t40%\t40\t80",
            "<b>I alt</b>\t<b>100%</b>\t<b>100</b>\t<b>200</b>"]
    themes = [Theme(1, "Første", [Line("1. A", [100, 200]), Line("2. B", [7, 7])],
                    distribution=["Forslag 1 fordeles således:", "", *rows])]
    b = imported_from(document(themes, years, target=500))
    lines = b.plan.lines_of("1")
    assert [rule(ln.rule) for ln in lines] == [(Method.KEY, "Fordelingsnøgle tema 1", None), None]
    parts = [(f.department, f.year, f.value) for f in b.figures if f.kind is Kind.PART]
    assert parts == [("XA", 2024, 60), ("XA", 2025, 120), ("XB", 2024, 40), ("XB", 2025, 80)]
    inferred = [e.message for e in b.report.of(Status.INFERRED) if e.topic == "key table"]
    assert inferred == ["the table's totals equal line 'A'; it was applied to that line"]


def test_a_table_without_shares_gives_fixed_amounts():
    rows = ["Magistratsafdeling (mio. kr.)\t2024\t2025", "XA\t0,1\t0,2", "XB\t0,3\t0,3"]
    themes = [Theme(1, "Første", [Line("1. A", [400, 500])], distribution=rows)]
    b = imported_from(document(themes, (2024, 2025), target=900))
    assert rule(b.plan.themes[0].rule) == (Method.FIXED, None, None)
    assert [(f.department, dict(f.amounts)) for f in b.plan.fixed] == [("XA", {2024: 100, 2025: 200}),
                                                                      ("XB", {2024: 300, 2025: 300})]
    assert [e.topic for e in b.report.of(Status.REVIEW)] == ["settings"]  # no administrative key for the rest


def test_an_overview_in_mio_kr_gives_a_master_in_mio_kr_with_the_decimals_it_needs(tmp_path):
    """The plan's unit is the overview's; 'Decimaler' follows the finest amount, so splits stay exact."""
    from decimal import Decimal

    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.model.danish import format_danish, parse_danish_number
    from spareforslag_xl.app.importing import import_document
    from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT

    lines = SEED_DOCUMENT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Tema (1.000 kr.)"))
    lines[start] = lines[start].replace("(1.000 kr.)", "(mio. kr.)")
    i = start + 1
    while lines[i].strip():
        cells = lines[i].split("\t")
        for c in range(1, len(cells)):
            raw = cells[c].replace("<b>", "").replace("</b>", "")
            try:
                value = parse_danish_number(raw) / 1000
            except ValueError:
                continue
            cells[c] = cells[c].replace(raw, format_danish(value, 3))
        lines[i] = "\t".join(cells)
        i += 1
    document = tmp_path / "mio.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = import_document(document, tmp_path / "m.xlsx", SEED_DEPARTMENTS, None, False)
    assert imported.plan.settings.unit == "mio. kr."
    assert imported.plan.settings.decimals == 3
    checked = check_master(tmp_path / "m.xlsx")
    assert [f.code for f in checked.findings if f.is_error] == []
    result = compute(checked.plan)
    parts = {c: result.difference_split.parts[c][2024] for c in result.difference_split.parts}
    assert parts == {"MSB": Decimal("9.094"), "MTM": Decimal("2.594"), "MSO": Decimal("4.323"),
                     "MKB": Decimal("2.177"), "MBU": Decimal("8.933"), "BA": Decimal("4.899")}
    assert all(result.check(y) == 0 for y in result.years)
