"""The seed: input/'s master builds a report whose figures are the document's, formula by formula."""

from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.app.check import check_master
from spareforslag_xl.cli.main import cli
from tests.conftest import SEED_MASTER
from tests.formulas import check_formulas
from tests.golden import assert_matches_golden

REPO = SEED_MASTER.parent.parent
OFFICIAL = REPO / "input" / "officielt-budget-2024.xlsx"
YEARS = [2024, 2025, 2026, 2027]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Built in Danish, the default: its report is compared with the Danish golden."""
    from spareforslag_xl.model.i18n import set_language

    set_language("da")
    try:
        return build_reports(SEED_MASTER, tmp_path_factory.mktemp("seed"))
    finally:
        set_language("en")


def rows(ws, first_only=True) -> dict:
    found: dict = {}
    for r in ws.iter_rows():
        if r[0].value is not None and (r[0].value not in found or not first_only):
            found[r[0].value] = [c.value for c in r[1:5]]
    return found


def test_validate_reports_only_the_99_percent_key(capsys):
    result = CliRunner().invoke(cli, ["validate", str(SEED_MASTER)])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "warning: Nøgler!C13: the shares of key 'Forenkling lønforhandlinger' sum to 99,0 %, not 100 %; "
        "the remaining 1,0 % of each amount appears as 'Ikke fordelt'. [key-not-100]",
        "    fix: Correct the shares if the key should distribute everything.",
        f"{SEED_MASTER}: 0 errors, 1 warning.",
    ]


def test_overview_equals_the_document(built):
    book = openpyxl.load_workbook(built.files[0], data_only=True)
    overview = rows(book["Oversigt"])
    assert overview["I alt"] == [17980, 26480, 27780, 28780]
    assert overview["Mål"] == [50000] * 4
    assert overview["Difference der skal fordeles efter administrativ fordelingsnøgle"] == [32020, 23520, 22220, 21220]
    assert overview["1. Fokus på at tingene kun skal gøres en gang"][0] == "(temaet er slået ind under tema 8)"
    themes = {label.split(".")[0]: values for label, values in overview.items() if label[:2].rstrip(".").isdigit()}
    assert themes == {
        "2": [3250] * 4, "3": [2000] * 4, "4": [1180] * 4, "5": [1000, 4000, 4000, 4000],
        "6": [1000, 1500, 2000, 2500], "7": [5000, 10000, 10000, 10000], "8": [2750, 2750, 3550, 3550],
        "9": [1800] * 4, "10": [0] * 4, "11": [0, "-", "-", "-"], "12": [0, 0, 0, 500],
        "1": ["(temaet er slået ind under tema 8)", None, None, None],
    }


def test_difference_split_by_the_administrative_key(built):
    ws = openpyxl.load_workbook(built.files[0], data_only=True)["Oversigt"]
    split = {r[0].value: r[1].value for r in ws.iter_rows(min_row=25, max_row=30)}
    assert split == {"MSB": 9094, "MTM": 2594, "MSO": 4323, "MKB": 2177, "MBU": 8933, "BA": 4899}
    assert sum(split.values()) == 32020


@pytest.mark.parametrize("sheet, total", [
    ("Tema 2", [3250] * 4), ("Tema 3", [2000] * 4), ("Tema 4", [1180] * 4), ("Tema 5", [1000, 4000, 4000, 4000]),
    ("Tema 6", [1000, 1500, 2000, 2500]), ("Tema 7", [5000, 10000, 10000, 10000]), ("Tema 8", [2750, 2750, 3550, 3550]),
    ("Tema 9", [1800] * 4), ("Tema 10", [0] * 4), ("Tema 11", [0, "-", "-", "-"]), ("Tema 12", [0, 0, 0, 500]),
])
def test_every_theme_total(built, sheet, total):
    ws = openpyxl.load_workbook(built.files[0], data_only=True)[sheet]
    assert rows(ws)["Anslået samlet besparelse"] == total


def test_fixed_splits_and_fte(built):
    book = openpyxl.load_workbook(built.files[0], data_only=True)
    tema2 = rows(book["Tema 2"])
    assert {c: tema2[c][0] for c in ("MSB", "MTM", "MSO", "MKB", "MBU", "BA")} == {
        "MSB": 500, "MTM": 750, "MSO": 500, "MKB": 0, "MBU": 500, "BA": 1000}
    tema4 = rows(book["Tema 4"])
    assert {c: tema4[c][0] for c in ("MSB", "MTM", "MSO", "MKB", "MBU", "BA")} == {
        "MSB": 600, "MTM": 143, "MSO": 70, "MKB": 0, "MBU": 97, "BA": 270}
    fte = "Opgjort i antal årsværk (årsværk = besparelse / gns. løn)"
    assert rows(book["Tema 6"])[fte] == [1.74, 2.61, 3.48, 4.35]
    assert rows(book["Tema 9"])[fte] == [2.4] * 4


def test_departments_and_not_distributed_add_up_to_the_target(built):
    ws = openpyxl.load_workbook(built.files[0], data_only=True)["Afdelinger"]
    summary = rows(ws)
    assert summary["I alt"] == [50000] * 4
    assert summary["Kontrol: I alt − Mål (skal være 0)"] == [0] * 4
    departments = ["MSB – Sociale Forhold og Beskæftigelse", "MTM – Teknik og Miljø", "MSO – Sundhed og Omsorg",
                   "MKB – Kultur og Borgerservice", "MBU – Børn og Unge", "BA – Borgmesterens Afdeling"]
    for i, year in enumerate(YEARS):
        assert sum(summary[d][i] for d in departments) + summary["Ikke fordelt"][i] == 50000


def test_every_formula_of_every_workbook_computes_its_stored_value(built):
    assert len(built.files) == 7
    for path in built.files:
        assert check_formulas(path) == [], path.name


@pytest.mark.danish  # the goldens show what a user sees by default: Danish
def test_seed_report_matches_golden(built):
    assert_matches_golden(built.files[0], "seed-rapport")


def test_the_committed_official_example_is_reproducible_and_has_one_difference(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("example", REPO / "scripts" / "make_official_example.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    from spareforslag_xl.core.compute import compute

    result = compute(check_master(SEED_MASTER).plan)
    data, sentence = script.official_bytes(result)
    assert data == OFFICIAL.read_bytes()
    assert sentence == "Deliberate difference: 'Budget 2024'!C6 (MTM 2025) is 4.426 instead of 4.401."
    out = CliRunner().invoke(cli, ["reconcile", str(SEED_MASTER), str(OFFICIAL), "-o", str(tmp_path / "a.xlsx")])
    assert out.exit_code == 1
    assert "department totals  MTM                2025   4.401     4.426         +25  'Budget 2024'!C6  differs" in out.output


def test_an_official_workbook_that_agrees_gives_exit_0(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("example", REPO / "scripts" / "make_official_example.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "DELIBERATE", Decimal(0))
    from spareforslag_xl.core.compute import compute

    data, _ = script.official_bytes(compute(check_master(SEED_MASTER).plan))
    official = tmp_path / "officielt.xlsx"
    official.write_bytes(data)
    out = CliRunner().invoke(cli, ["reconcile", str(SEED_MASTER), str(official), "-o", str(tmp_path / "a.xlsx")])
    assert out.exit_code == 0, out.output
    assert "The official workbook agrees with the master: 72 official figures compared." in out.output
