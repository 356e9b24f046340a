"""Matching official labels, years and units with the master's; reading official cells as amounts."""

from decimal import Decimal

import pytest

from spareforslag_xl.master.read import CellError, Uncalculated
from spareforslag_xl.model.plan import Department, Theme
from spareforslag_xl.reconcile.labels import Vocabulary, is_summary, year_of
from spareforslag_xl.reconcile.read import Kind, figure
from spareforslag_xl.model.units import KR, MILLION, THOUSAND, UnitConflict, nearest_unit, parse_unit, units_in
from tests.plans import sample_plan

PLAN = sample_plan()
VOCAB = Vocabulary(PLAN.departments, PLAN.themes)


@pytest.mark.parametrize("label, codes", [
    ("MSB", ("MSB",)),
    (" msb ", ("MSB",)),
    ("Sociale Forhold og Beskæftigelse", ("MSB",)),
    ("SOCIALE  FORHOLD OG  BESKÆFTIGELSE", ("MSB",)),
    ("Magistratsafdelingen for Sociale Forhold og Beskæftigelse", ("MSB",)),
    ("Mag. afd. for Teknik og Miljø", ("MTM",)),
    ("Teknik & Miljø", ("MTM",)),
    ("MSB – Sociale Forhold og Beskæftigelse", ("MSB",)),
    ("MSB - Sociale Forhold og Beskæftigelse", ("MSB",)),
    ("Sundhed og Omsorg (MSO)", ("MSO",)),
    ("Borgmesterens Afd.", ("BA",)),
    ("Kultur", ("MKB",)),
    ("MSB – Teknik og Miljø", ("MSB", "MTM")),  # code and name disagree: ambiguous
    ("MXX", ()),
    ("I alt", ()),
    ("MSB i alt", ()),
    (None, ()),
])
def test_department_labels(label, codes):
    assert VOCAB.department(label).candidates == codes


def test_a_shortened_name_that_fits_two_departments_is_ambiguous():
    vocab = Vocabulary((Department("MKB", "Kultur og Borgerservice"), Department("MKF", "Kultur og Fritid")), ())
    match = vocab.department("Kultur")
    assert match.ambiguous and match.found is None and match.candidates == ("MKB", "MKF")
    assert vocab.department("Kultur og Fritid").found == "MKF"  # exact beats shortened


@pytest.mark.parametrize("label, numbers, conflict", [
    ("Tema 7", ("7",), False),
    ("tema 7", ("7",), False),
    ("TEMA NR. 7", ("7",), False),
    ("7.", ("7",), False),
    ("7", ("7",), False),
    (7, ("7",), False),
    (7.0, ("7",), False),
    ("7. ERP-systemer…", ("7",), False),
    ("7. ERP-systemer...", ("7",), False),
    ("Tema 7: ERP-systemer, AI, automatisering og RPA", ("7",), False),
    ("7. ERP-systemer, AI, automatisering og RPA samt ledelsesinformation", ("7",), False),
    ("ERP-systemer, AI, automatisering og RPA", ("7",), False),
    ("Kommunikation", ("3",), False),
    ("6. Lønforhandlinger og sygefravær", ("6",), False),  # the title changed; the number decides
    ("Forenkling af", ("2", "5", "6"), False),
    ("2. Kommunikation", ("2", "3"), True),
    ("13. Kommunikation", ("3",), True),  # no theme 13; the title is theme 3's: not guessed
    ("Tema 9", (), False),
    ("I alt", (), False),
])
def test_theme_labels(label, numbers, conflict):
    match = VOCAB.theme(label)
    assert (match.candidates, match.conflict) == (numbers, conflict)
    assert match.found == (numbers[0] if len(numbers) == 1 and not conflict else None)


def test_aliases_from_a_mapping_file_come_first():
    vocab = Vocabulary(PLAN.departments, PLAN.themes, {"Socialforvaltningen": "MSB"}, {"Digitalisering": "7"})
    assert vocab.department("socialforvaltningen").found == "MSB"
    assert vocab.theme("Digitalisering").found == "7"


@pytest.mark.parametrize("value, year", [
    (2024, 2024), (2024.0, 2024), ("2024", 2024), ("B2024", 2024), ("B 2024", 2024), ("b-2024", 2024),
    ("Budget 2024", 2024), ("Budget 2024 (1.000 kr.)", 2024), ("BF 2025", 2025), ("År 2026", 2026),
    ("Overslag 2025", 2025), ("Budgetoverslag 2026", 2026), ("Overslagsår 2027", 2027), ("BO 2025", 2025),
    ("2024-priser", None), ("Regnskab 2023", None), ("BO1", None), ("I alt", None), (7, None), (3250, None),
    (True, None), (None, None),
])
def test_year_headings(value, year):
    assert year_of(value) == year


@pytest.mark.parametrize("label, summary", [
    ("I alt", True), ("i alt MSB", True), ("MSB i alt", True), ("Total", True), ("Mål", True),
    ("Difference der skal fordeles efter administrative nøgle", True), ("Ikke fordelt", True),
    ("Anslået samlet besparelse", True), ("Kommunikation", False), ("Sum-up workshop", False),
])
def test_summary_rows(label, summary):
    assert is_summary(label) is summary


@pytest.mark.parametrize("text, units", [
    ("Administrative besparelser (mio. kr.)", [MILLION]),
    ("Beløb i 1.000 kr.", [THOUSAND]),
    ("Beløb i 1000 kr", [THOUSAND]),
    ("t.kr.", [THOUSAND]),
    ("Beløb (tkr)", [THOUSAND]),
    ("Tusind kroner", [THOUSAND]),
    ("Hele kr.", [KR]),
    ("kroner", [KR]),
    ("Mio. kr. og 1.000 kr.", [MILLION, THOUSAND]),
    ("Budget 2024", []),
    ("Kreativitet", []),
])
def test_units_named_in_text(text, units):
    assert units_in(text) == units


@pytest.mark.parametrize("text, unit", [
    ("kr.", KR), ("kr", KR), ("1.000 kr.", THOUSAND), ("1000", THOUSAND), ("tkr", THOUSAND), ("mio. kr.", MILLION),
    ("mio", MILLION), ("Mio. kr", MILLION), ("euro", None), ("mio. kr. eller kr.", None),
])
def test_parse_unit(text, unit):
    assert parse_unit(text) == unit


def test_the_unit_nearest_the_header_wins_and_a_tie_is_refused():
    texts = [("'A'!A1", "Budget (mio. kr.)", 3), ("'A'!A3", "Tema (1.000 kr.)", 0)]
    assert nearest_unit(texts).unit == THOUSAND
    assert nearest_unit(texts).address == "'A'!A3"
    assert nearest_unit([("'A'!A1", "Budget 2024", 2)]) is None
    with pytest.raises(UnitConflict) as exc:
        nearest_unit([("'A'!A1", "Beløb i kr.", 1), ("'A'!B1", "(mio. kr.)", 1)])
    assert str(exc.value) == "kr. ('A'!A1), mio. kr. ('A'!B1)"


@pytest.mark.parametrize("value, kind, amount", [
    (3250, Kind.NUMBER, Decimal(3250)),
    (0.1, Kind.NUMBER, Decimal("0.1")),
    ("3.250", Kind.NUMBER, Decimal(3250)),
    ("-1.234,5", Kind.NUMBER, Decimal("-1234.5")),
    ("-", Kind.DASH, None),
    ("–", Kind.DASH, None),
    (None, Kind.EMPTY, None),
    ("  ", Kind.EMPTY, None),
    ("(temaet er slået ind under tema 8)", Kind.TEXT, None),
    (True, Kind.TEXT, None),
    (Uncalculated("=SUM(B2:B4)"), Kind.UNCALCULATED, None),
    (CellError("#REF!"), Kind.ERROR, None),
    (float("nan"), Kind.ERROR, None),
])
def test_official_cells_read_as_amounts(value, kind, amount):
    fig = figure(value)
    assert (fig.kind, fig.amount) == (kind, amount)
    assert fig.readable is (kind not in (Kind.UNCALCULATED, Kind.ERROR))


def test_theme_numbers_that_are_not_digits():
    vocab = Vocabulary((), (Theme("7a", "Nyt tema"), Theme("7", "Gammelt tema")))
    assert vocab.theme("Tema 7a").found == "7a"
    assert vocab.theme("7").found == "7"


@pytest.mark.parametrize("text, name", [("mia. kr.", "mia. kr."), ("Beløb i mia. kr.", "mia. kr."), ("mia", "mia. kr."),
                                        ("milliarder kroner", "mia. kr.")])
def test_billions_are_a_unit_of_their_own(text, name):
    assert parse_unit(text).name == name
    assert parse_unit(text).kroner == 10 ** 9
