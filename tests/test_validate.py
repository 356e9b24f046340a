"""Each problem a master can have gives one finding at the right cell, and all are reported at once."""

from datetime import datetime
from decimal import Decimal

import pytest

from spareforslag_xl.app.check import check_master
from spareforslag_xl.model.findings import Severity

BASELINE = ("warning", "key-not-100", "Nøgler!C13")


def found(path):
    return [(f.severity.value, f.code, f.where, f.message) for f in check_master(path).findings]


def codes(path):
    return [(f.severity.value, f.code, f.where) for f in check_master(path).findings]


def test_the_sample_has_only_the_99_percent_key(master):
    assert found(master()) == [(
        "warning", "key-not-100", "Nøgler!C13",
        "the shares of key 'Lønforhandlinger' sum to 99,0 %, not 100 %; "
        "the remaining 1,0 % of each amount appears as 'Ikke fordelt'.",
    )]


@pytest.mark.parametrize("edits, expected", [
    # text, Danish text, dates, booleans in amount cells
    ({"Forslag!E2": "abc"}, [("error", "not-a-number", "Forslag!E2", "the amount 'abc' is not a number.")]),
    ({"Forslag!E2": "3.250"}, [("warning", "number-as-text", "Forslag!E2",
                                "the amount '3.250' is text; it was read as the number 3250.")]),
    ({"Forslag!E3": "2.000,5"}, [("warning", "number-as-text", "Forslag!E3",
                                  "the amount '2.000,5' is text; it was read as the number 2000.5."),
                                 ("error", "too-many-decimals", "Forslag!E3",
                                  "the amount 2.000,5 has more decimals than the plan shows (0); its parts could not "
                                  "add up exactly to the totals.")]),
    ({"Faste beløb!D3": 750.5}, [("error", "fixed-sum", "Faste beløb!D2",
                                  "the fixed amounts of theme 2 for 2024 sum to 3.250,5, but its amount is 3.250 "
                                  "(difference -0,5)."),
                                 ("error", "too-many-decimals", "Faste beløb!D3",
                                  "the fixed amount 750,5 has more decimals than the plan shows (0); its parts could "
                                  "not add up exactly to the totals.")]),
    ({"Mål!B2": 50000.4}, [("error", "too-many-decimals", "Mål!B2",
                            "the target 50.000,4 has more decimals than the plan shows (0); its parts could not add "
                            "up exactly to the totals.")]),
    ({"Forslag!F2": datetime(2024, 3, 25)}, [("error", "date-in-amount", "Forslag!F2",
                                               "the amount is a date (25-03-2024), not a number; Excel may have "
                                               "turned the typed number into a date.")]),
    ({"Forslag!G2": True}, [("error", "boolean-in-amount", "Forslag!G2",
                             "the amount is a TRUE/FALSE value, not a number.")]),
    ({"Forslag!E2": "=1000+2250"}, [("error", "formula-without-value", "Forslag!E2",
                                     "the cell holds a formula (=1000+2250) whose value was never calculated.")]),
    ({"Forslag!E3": -2000}, [("warning", "negative-amount", "Forslag!E3",
                              "the amount -2.000 for 2024 is negative; savings are entered as positive amounts.")]),
    # years that are not years
    ({"Forslag!E1": "År 1"}, [("warning", "unused-year", "Mål!B2",
                               "the target for 2024 is not used: the sheet 'Forslag' has no column 2024."),
                              ("error", "not-a-year", "Forslag!E1",
                               "the column header 'År 1' is neither a known column nor a year.")]),
    ({"Temaer!F5": "næste år"}, [("error", "not-a-year", "Temaer!F5", "the first year 'næste år' is not a year.")]),
    # duplicate codes
    ({"Afdelinger!A3": "MSB"}, [("error", "duplicate-department", "Afdelinger!A3",
                                 "the department code 'MSB' appears twice (first in Afdelinger!A2)."),
                                ("error", "unknown-department", "Nøgler!B3", "the key 'Administrativ fordelingsnøgle' "
                                 "names the department 'MTM', which is not on the sheet 'Afdelinger'."),
                                ("error", "unknown-department", "Nøgler!B9", "the key 'Lønforhandlinger' "
                                 "names the department 'MTM', which is not on the sheet 'Afdelinger'."),
                                ("error", "unknown-department", "Faste beløb!C3",
                                 "the fixed amount names the department 'MTM', which is not on the sheet Afdelinger."),
                                ]),
    ({"Nøgler!B3": "MSB"}, [("error", "duplicate-share", "Nøgler!B3",
                             "the key 'Administrativ fordelingsnøgle' has two rows for MSB.")]),
    ({"Forslag!B7": 1}, [("error", "duplicate-line", "Forslag!B7",
                          "theme 6 has two proposals numbered 1 (first in Forslag!B6).")]),
    # unknown codes
    ({"Forslag!A3": 99}, [("warning", "theme-without-lines", "Temaer!A4", "theme 3 'Kommunikation' has no proposals."),
                          ("error", "unknown-theme", "Forslag!A3",
                           "the proposal 'Insourcing af eksterne kommunikationsopgaver' belongs to theme 99, "
                           "which is not on the sheet 'Temaer'.")]),
    ({"Forslag!J6": "Ukendt nøgle"}, [("error", "unknown-key", "Forslag!J6",
                                       "the key 'Ukendt nøgle' is not on the sheet 'Nøgler'.")]),
    ({"Indstillinger!B9": "Findes ikke"}, [("error", "unknown-key", "Indstillinger!B9",
                                            "the key 'Findes ikke' named in 'Restfordelingsnøgle' is not on the sheet 'Nøgler'.")]),
    ({"Temaer!D4": "Efter behov"}, [("error", "unknown-method", "Temaer!D4",
                                     "the distribution 'Efter behov' is not known.")]),
    # keys
    ({"Nøgler!C2": 0.5}, [("error", "key-over-100", "Nøgler!C7",
                           "the shares of key 'Administrativ fordelingsnøgle' sum to 121,6 %, more than 100 %; "
                           "it would distribute more than the amount.")]),
    ({"Nøgler!C8": -0.01}, [("error", "negative-share", "Nøgler!C8",
                             "the share of MSB in key 'Lønforhandlinger' is negative.")]),
    # fixed amounts
    ({"Faste beløb!D2": 900}, [("error", "fixed-sum", "Faste beløb!D2",
                                "the fixed amounts of theme 2 for 2024 sum to 3.150, but its amount is 3.250 (difference 100).")]),
    ({"Faste beløb!C2": "XX"}, [("error", "unknown-department", "Faste beløb!C2",
                                 "the fixed amount names the department 'XX', which is not on the sheet Afdelinger."),
                                ]),
    # target and settings
    ({"Mål!C2": None}, [("error", "missing-target", "Mål!C2", "there is no target for 2025.")]),
    ({"Indstillinger!B9": None}, [("error", "missing-setting", "Indstillinger!B9",
                                   "the setting 'Restfordelingsnøgle' is empty, so the difference to the target cannot be distributed.")]),
    # a theme without lines and without an explanation
    ({"Temaer!A10": 99, "Temaer!B10": "Tomt tema"}, [("warning", "theme-without-lines", "Temaer!A10",
                                                     "theme 99 'Tomt tema' has no proposals.")]),
])
def test_each_problem_is_found_at_its_cell(master, edits, expected):
    got = [f for f in found(master(edits=edits)) if f[:3] != BASELINE]
    assert got == expected


def test_shares_typed_as_percent_points_are_read_as_percent(master):
    edits = {f"Nøgler!C{row}": value for row, value in zip(range(2, 8), (28.4, 8.1, 13.5, 6.8, 27.9, 15.3))}
    checked = check_master(master(edits=edits))
    assert [(f.code, f.where) for f in checked.findings if f.code != "key-not-100"] == [
        ("share-percent-points", "Nøgler!C2")]
    assert checked.plan.keys[0].total == 1


def test_shares_typed_as_text_with_percent_sign(master):
    checked = check_master(master(edits={"Nøgler!C2": "28,4%"}))
    assert ("warning", "number-as-text", "Nøgler!C2") in codes(master(edits={"Nøgler!C2": "28,4%"}))
    assert checked.plan.keys[0].shares[0].share == Decimal("0.284")


def test_missing_sheet_names_the_sheets_found(master):
    got = found(master(delete_sheets=("Nøgler",)))
    assert ("error", "missing-sheet", "Nøgler",
            "the master has no sheet 'Nøgler' (sheets found: 'Vejledning', 'Indstillinger', 'Mål', "
            "'Afdelinger', 'Temaer', 'Forslag', 'Faste beløb').") in got
    assert ("error", "unknown-key", "Indstillinger!B9") in [g[:3] for g in got]


def test_missing_column_names_the_headers_found(master):
    got = found(master(edits={"Afdelinger!A1": "Afd."}))
    assert [g[1] for g in got] == ["missing-column", "unknown-column", "key-not-100"]
    assert got[0] == ("error", "missing-column", "Afdelinger!A1",
                      "the column 'Kode' is missing (headers found in row 1: 'Afd.', 'Navn', 'E-mail', 'Kontaktperson').")


def test_all_problems_are_reported_at_once(master):
    path = master(edits={"Forslag!E2": "abc", "Forslag!F3": True, "Afdelinger!A3": "MSB", "Mål!B2": "x",
                         "Faste beløb!E2": 900})
    got = codes(path)
    assert ("error", "not-a-number", "Forslag!E2") in got
    assert ("error", "boolean-in-amount", "Forslag!F3") in got
    assert ("error", "duplicate-department", "Afdelinger!A3") in got
    assert ("error", "not-a-number", "Mål!B2") in got
    assert ("error", "fixed-sum", "Faste beløb!E2") in got
    # in reading order: sheet by sheet, row by row
    sheets = [g[2].split("!")[0] for g in got]
    order = ["Indstillinger", "Mål", "Afdelinger", "Nøgler", "Temaer", "Forslag", "Faste beløb"]
    assert sheets == sorted(sheets, key=order.index)


def test_every_finding_has_a_fix(master):
    path = master(edits={"Forslag!E2": "abc", "Afdelinger!A3": "MSB", "Mål!C2": None, "Forslag!J6": "?"})
    for f in check_master(path).findings:
        assert f.hint, f
        assert f.severity in (Severity.ERROR, Severity.WARNING)


def test_formula_with_a_stored_value_is_read_as_its_value(tmp_path):
    from tests.xml_edit import set_cell_xml
    from tests.conftest import write_master

    path = write_master(tmp_path / "m.xlsx")
    set_cell_xml(path, "Forslag", "E2", '<c r="E2"><f>1000+2250</f><v>3250</v></c>')
    checked = check_master(path)
    assert checked.plan.lines[0].amounts[2024] == 3250
    assert [f.code for f in checked.findings] == ["key-not-100"]


def test_one_share_typed_as_percent_points_among_fractions_is_read_right(master):
    checked = check_master(master(edits={"Nøgler!C2": 28.4}))
    assert [(f.code, f.where) for f in checked.findings if f.code != "key-not-100"] == [
        ("share-mixed-forms", "Nøgler!C2"), ("share-percent-points", "Nøgler!C2")]
    assert checked.plan.keys[0].total == 1
    assert next(f for f in checked.findings if f.code == "share-percent-points").message == (
        "1 of the shares of key 'Administrativ fordelingsnøgle' are typed as percent points (Nøgler!C2); "
        "they were read as percent (e.g. 28,4 as 28,4 %).")


def test_a_share_typo_that_overshoots_is_an_error_not_a_silent_rescale(master):
    checked = check_master(master(edits={"Nøgler!C3": 0.9}))  # 0,9 where 0,081 was meant
    assert ("error", "key-over-100", "Nøgler!C7") in [(f.severity.value, f.code, f.where) for f in checked.findings]


def test_shares_computed_by_formulas_that_miss_100_percent_by_float_noise_are_complete(master):
    from tests.xml_edit import set_cell_xml

    path = master()
    for row in range(8, 14):  # the pay key: six shares of 1/6 as Excel stores them
        set_cell_xml(path, "Nøgler", f"C{row}", f'<c r="C{row}"><f>1/6</f><v>{1 / 6!r}</v></c>')
    checked = check_master(path)
    assert checked.plan.keys[1].complete and checked.plan.keys[1].total != 1
    assert [f.code for f in checked.findings] == []
