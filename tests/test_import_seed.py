"""Importing the seed document: what it says, what the master holds, and the committed master reproduced."""

from decimal import Decimal as D

import pytest

from spareforslag_xl.app.check import check_master
from spareforslag_xl.importer.build_plan import build_plan
from spareforslag_xl.importer.departments import read_departments
from spareforslag_xl.importer.report import Status
from spareforslag_xl.app.importing import import_document, master_of
from spareforslag_xl.importer.text import read_document
from spareforslag_xl.model.plan import Method
from spareforslag_xl.model.stated import Kind
from tests.conftest import document_epoch
from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT, SEED_MASTER, plan_content, rule

ADMIN = "Administrativ fordelingsnøgle"
LOEN = "Forenkling lønforhandlinger"
YEARS = (2024, 2025, 2026, 2027)


@pytest.fixture(scope="module")
def imported():
    return build_plan(read_document(SEED_DOCUMENT), read_departments(SEED_DEPARTMENTS))


@pytest.fixture(scope="module")
def plan(imported):
    return imported.plan


def every_year(value):
    return {y: D(value) for y in YEARS}


def test_settings(plan):
    s = plan.settings
    assert s.title == "Administrative spareforslag 2023"
    assert s.subtitle == "Direktørgruppens forslag til administrative forenklinger og opgavebortfald i Budget 2024"
    assert s.municipality == "Aarhus Kommune"
    assert s.budget_year == 2024
    assert s.unit == "1.000 kr."
    assert s.residual_key == ADMIN
    assert s.target == every_year(50000)
    assert plan.years == YEARS


def test_departments_come_from_the_document_and_the_companion_file(plan):
    assert [(d.code, d.name, d.emails) for d in plan.departments] == [
        ("MSB", "Sociale Forhold og Beskæftigelse", ("budget.msb@example.org",)),
        ("MTM", "Teknik og Miljø", ("budget.mtm@example.org",)),
        ("MSO", "Sundhed og Omsorg", ("budget.mso@example.org",)),
        ("MKB", "Kultur og Borgerservice", ("budget.mkb@example.org",)),
        ("MBU", "Børn og Unge", ("budget.mbu@example.org",)),
        ("BA", "Borgmesterens Afdeling", ("budget.ba@example.org",)),
    ]


def test_keys(plan):
    assert [k.name for k in plan.keys] == [ADMIN, LOEN]
    admin, loen = plan.keys
    assert [(s.department, s.share) for s in admin.shares] == [
        ("MSB", D("0.284")), ("MTM", D("0.081")), ("MSO", D("0.135")), ("MKB", D("0.068")), ("MBU", D("0.279")),
        ("BA", D("0.153"))]
    assert [(s.department, s.share) for s in loen.shares] == [
        ("MSB", D(0)), ("MTM", D("0.16")), ("MSO", D("0.32")), ("MKB", D("0.11")), ("MBU", D("0.32")), ("BA", D("0.08"))]
    assert loen.total == D("0.99")


@pytest.mark.parametrize("number, method, key, from_year, salary", [
    ("1", None, None, None, None),
    ("2", Method.FIXED, None, None, None),
    ("3", Method.KEY, ADMIN, None, None),
    ("4", Method.FIXED, None, None, D(540)),
    ("5", Method.KEY, ADMIN, 2025, None),
    ("6", Method.NONE, None, None, D(575)),
    ("7", Method.KEY, ADMIN, None, D(600)),
    ("8", Method.NONE, None, None, None),
    ("9", Method.KEY, ADMIN, None, D(750)),
    ("10", Method.NONE, None, None, None),
    ("11", Method.NONE, None, None, None),
    ("12", Method.KEY, ADMIN, None, None),
])
def test_theme_rules_and_salaries(plan, number, method, key, from_year, salary):
    theme = next(t for t in plan.themes if t.number == number)
    assert rule(theme.rule) == ((method, key, from_year) if method else None)
    assert theme.salary == salary


def test_theme_titles_come_from_the_overview(plan):
    titles = {t.number: t.title for t in plan.themes}
    assert titles["11"] == "Borgerinddragelse og medborgerskab"  # the heading says 'Medborgerskab'
    assert titles["3"] == "Kommunikation"  # the section lost its heading
    assert [t.number for t in plan.themes] == [str(n) for n in range(1, 13)]
    assert plan.themes[0].status == "(temaet er slået ind under tema 8)"
    assert not plan.lines_of("1")


def test_fixed_amounts(plan):
    fixed = {(f.theme, f.department): (f.line, dict(f.amounts), f.note) for f in plan.fixed}
    assert {k: v[1][2024] for k, v in fixed.items() if k[0] == "2"} == {
        ("2", "BA"): 1000, ("2", "MTM"): 750, ("2", "MSB"): 500, ("2", "MBU"): 500, ("2", "MSO"): 500, ("2", "MKB"): 0}
    assert {k: v[1][2027] for k, v in fixed.items() if k[0] == "4"} == {
        ("4", "BA"): 270, ("4", "MSO"): 70, ("4", "MBU"): 97, ("4", "MSB"): 600, ("4", "MKB"): 0, ("4", "MTM"): 143}
    assert all(v[1] == {y: v[1][2024] for y in YEARS} and v[0] == "" for v in fixed.values())
    assert fixed[("2", "MKB")][2] == "MKB har allerede effektueret besparelse på 1 mio. kr. årligt i B2022"
    for theme, total in (("2", 3250), ("4", 1180)):
        assert sum(v[1][2025] for k, v in fixed.items() if k[0] == theme) == total


def test_lines(plan):
    lines = [(ln.number, ln.title, ln.kind, dict(ln.amounts), rule(ln.rule)) for ln in plan.lines_of("6")]
    assert lines == [
        ("1", "Forenkling af lønforhandlinger", "", every_year(500), (Method.KEY, LOEN, None)),
        ("2", "Øget digitalisering onboarding", "", dict(zip(YEARS, map(D, (500, 1000, 1500, 2000)))),
         (Method.KEY, ADMIN, None)),
        ("3", "Størrelse på ansættelsesudvalg", "", {y: None for y in YEARS}, None),
    ]
    four = plan.lines_of("4")
    assert [(ln.number, ln.title, ln.kind) for ln in four][:2] == [("1", "Ledelsestilsyn i MSB", "A"),
                                                                   ("2", "Adm. opgaver i MBU, MTM og MSO", "A")]
    assert [ln.kind for ln in four] == ["A", "A", "T", "T", "T", "T"]
    eight = plan.lines_of("8")
    assert [(ln.number, ln.title) for ln in eight][-1] == ("", "FleetOptimiser")
    assert eight[-1].amounts == {y: None for y in YEARS}
    assert [dict(ln.amounts) for ln in plan.lines_of("11")] == [{2024: 0, 2025: None, 2026: None, 2027: None}] * 2
    assert [dict(ln.amounts) for ln in plan.lines_of("12")] == [{2024: 0, 2025: 0, 2026: 0, 2027: 500}]
    assert plan.lines_of("3")[0].title.startswith("Insourcing af eksterne kommunikationsopgaver.")
    assert len(plan.lines) == 27


def test_texts(plan):
    themes = {t.number: t for t in plan.themes}
    assert themes["3"].description.startswith(
        "# Er der mulighed for besparelser og effektiviseringer på kommunikationsområdet?\n\nGod og målrettet")
    assert "- 13 som der umiddelbart kan arbejdes videre med, jf. tabel.\n- 24 forslag" in themes["4"].description
    assert "\n\n# Videre proces\n\nEn række af de identificerede forslag" in themes["4"].description
    assert "- AI, Automatisering og RPA – F.eks." in themes["7"].description
    assert "Baggrundsanalysen med anbefalinger kan tilgås her: LINK." in themes["7"].description
    assert themes["6"].potential_text.split("\n\n")[1].startswith('"vigtigt at bemærke')
    assert "Bemærk: Der kan være overlap" in themes["8"].potential_text
    assert "Opgjort i antal årsværk" not in themes["2"].potential_text
    assert themes["8"].distribution_text.count("\n\n") == 3
    assert themes["8"].distribution_text.startswith("Genbrugsportal: Besparelsen fordeles forholdsmeget")
    assert themes["9"].distribution_text == ("Besparelsen udmøntes via den administrative fordelingsnøgle, dog med en "
                                             "vurdering af det forholdsmæssige forbrug.")
    assert "*" not in themes["7"].description


def test_report_names_what_needs_a_person(imported):
    report = imported.report
    assert report.needs_review
    review = [(e.line, e.theme) for e in report.of(Status.REVIEW)]
    assert review == [(82, "2"), (314, "8"), (316, "8"), (318, "8"), (320, "8"), (349, "9")]
    assert "200.000 kr." in report.of(Status.REVIEW)[0].message
    assert "dog med en vurdering" in report.of(Status.REVIEW)[-1].message


def test_report_says_which_sections_were_matched_by_inference(imported):
    lost = [e for e in imported.report.of(Status.INFERRED) if e.topic == "section"]
    assert [(e.theme, e.line) for e in lost] == [("3", 86), ("9", 322), ("10", 353), ("12", 422)]
    assert lost[0].message == ("the section has no 'Tema 3' heading (it starts with '## Beskrivelse af opgaven'); "
                               "matched to tema 3 'Kommunikation' by its place between tema 2 and tema 4; its totals "
                               "agree with the overview")
    renamed = [e for e in imported.report.of(Status.INFO) if e.topic == "section"]
    assert [(e.theme, e.message) for e in renamed] == [("11", "the heading says 'Medborgerskab', the overview "
                                                              "'Borgerinddragelse og medborgerskab'; the overview's "
                                                              "name is kept")]
    salaries = {e.theme: e.message for e in imported.report.of(Status.INFERRED) if e.topic == "salary"}
    assert salaries["6"] == ("average salary 575 implied by the FTE figures 1,74, 3,48, 4,35; 2,60 (2025) fits no "
                             "common salary (see 'spareforslag audit')")
    municipality = [e.message for e in imported.report.entries if "municipality" in e.message]
    assert municipality == ["municipality 'Aarhus Kommune', the most frequent '… Kommune' in the text (16 times); "
                            "use --municipality to set it"]


@pytest.mark.parametrize("kind, count", [
    (Kind.OVERVIEW, 44), (Kind.OVERVIEW_TOTAL, 4), (Kind.TARGET, 4), (Kind.DIFFERENCE, 4), (Kind.LINE, 108),
    (Kind.THEME_TOTAL, 44), (Kind.FTE, 18), (Kind.SHARE, 18), (Kind.SHARE_TOTAL, 3), (Kind.PART, 72),
    (Kind.PART_TOTAL, 12), (Kind.FIXED, 12),
])
def test_stated_figures(imported, kind, count):
    assert sum(1 for f in imported.figures if f.kind is kind) == count


def test_stated_figures_keep_the_text_and_its_precision(imported):
    def find(**kw):
        return [f for f in imported.figures if all(getattr(f, k) == v for k, v in kw.items())]
    [half] = find(kind=Kind.LINE, theme="6", line="1", year=2024)
    assert (half.value, half.text, half.unit, half.decimals, half.source_line) == (D(500), "0.500", "1.000 kr.", 0, 210)
    [mkb] = find(kind=Kind.PART, theme="6", line="1", department="MKB", year=2024)
    assert (mkb.value, mkb.text, mkb.unit, mkb.decimals, mkb.key, mkb.source_line) == (
        D(50), "0,05", "mio. kr.", 2, LOEN, 223)
    [fte] = find(kind=Kind.FTE, theme="6", year=2025)
    assert (fte.value, fte.text, fte.decimals) == (D("2.60"), "2,60", 2)
    [share] = find(kind=Kind.SHARE_TOTAL, theme="6", line="1")
    assert (share.value, share.text, share.decimals) == (D(1), "100,0%", 1)
    ba = find(kind=Kind.FIXED, theme="4", department="BA")
    assert [(f.value, f.text, f.unit, f.year) for f in ba] == [(D(270), "270.000", "kr.", None)]
    dashes = find(kind=Kind.OVERVIEW, theme="10")
    assert [f.value for f in dashes] == [None] * 4 and {f.text for f in dashes} == {"-"}


def test_the_master_reads_back_as_the_imported_plan(imported, tmp_path):
    path = tmp_path / "master.xlsx"
    path.write_bytes(master_of(imported))
    checked = check_master(path)
    assert [f.code for f in checked.findings] == ["key-not-100"]  # the document's own 99 % key
    assert plan_content(checked.plan) == plan_content(imported.plan)
    assert check_master(path).stated == list(imported.figures)


@pytest.mark.danish
def test_the_committed_master_is_the_import_of_the_seed(monkeypatch):
    """The committed master is imported in the default language (its Importrapport is Danish), dated as
    `make master` dates it: whatever time a checkout gives the document, the bytes are the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", document_epoch())
    danish = build_plan(read_document(SEED_DOCUMENT), read_departments(SEED_DEPARTMENTS))
    assert SEED_MASTER.read_bytes() == master_of(danish)


def test_the_import_gives_the_same_bytes_every_time(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    import_document(SEED_DOCUMENT, first, SEED_DEPARTMENTS)
    import_document(SEED_DOCUMENT, second, SEED_DEPARTMENTS)
    assert first.read_bytes() == second.read_bytes()


def test_the_committed_master_parses_to_the_imported_plan(imported):
    assert plan_content(check_master(SEED_MASTER).plan) == plan_content(imported.plan)


def test_utf16_with_crlf_gives_the_same_plan(imported, tmp_path):
    path = tmp_path / "seed-utf16.md"
    path.write_bytes(SEED_DOCUMENT.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-16"))
    again = build_plan(read_document(path), read_departments(SEED_DEPARTMENTS))
    assert plan_content(again.plan) == plan_content(imported.plan)
    assert again.figures == imported.figures
    assert again.report.entries[0].message == "decoded as UTF-16 with BOM with Windows line ends"


def test_the_import_report_sheet(imported, tmp_path):
    from spareforslag_xl.master.read import read_workbook

    path = tmp_path / "master.xlsx"
    path.write_bytes(master_of(imported))
    sheet = read_workbook(path, ["Importrapport"]).sheets["Importrapport"]
    rows = [values for _, values in sheet.rows]
    assert rows[0][0] == "Import af administrative-spareforslag-2023.md"
    assert rows[1][0] == ("Tegnsæt: UTF-8. 6 forhold skal ses af en person før grundarket bruges (status 'Skal ses af "
                          "en person').")
    assert rows[2][:5] == ("Status", "Linjer", "Tema", "Emne", "Besked")
    body = rows[3:]
    assert len(body) == len(imported.report.entries)
    assert ("Udledt", "86-114", 3, "Afsnit") == body[[r[1] for r in body].index("86-114")][:4]
    assert [r[0] for r in body].count("Skal ses af en person") == 6
