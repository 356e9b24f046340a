"""Recipients: a practical address check, and findings at the department's E-mail cell."""

import pytest

from spareforslag_xl.app.check import check_master
from spareforslag_xl.core.recipients import address_problem

BASELINE = ("warning", "key-not-100", "Nøgler!C13")


@pytest.mark.parametrize("address", [
    "budget.msb@example.org", "a@b.dk", "fornavn.efternavn+spare@aarhus.dk", "o'brien@mail.example.co.uk",
    "x_y-z@sub-domain.example.com", "1234@example.dk",
])
def test_usable_addresses(address):
    assert address_problem(address) == ""


@pytest.mark.parametrize("address, problem", [
    ("budget.msb", "it has no '@'"),
    ("a@b@c.dk", "it has more than one '@'"),
    ("a@b.dk\nBcc: evil@example.org", "it contains a line break"),
    ("a@b.dk\r", "it contains a line break"),
    ("a\x00@b.dk", "it contains a control character"),
    ("a@b.dk\t", "it contains a control character"),
    ("Hans Hansen <hans@aarhus.dk>", "write the address alone, without a name or '<' '>'"),
    ("hans hansen@aarhus.dk", "it contains a space"),
    ("@aarhus.dk", "nothing comes before the '@'"),
    ("hans@", "nothing comes after the '@'"),
    ("hans@localhost", "the domain 'localhost' has no dot (such as aarhus.dk)"),
    ("hans@aarhus..dk", "the domain 'aarhus..dk' has an empty part between dots"),
    ("hans@aarhus.dk.", "the domain 'aarhus.dk.' has an empty part between dots"),
    ("hans@-aarhus.dk", "the domain '-aarhus.dk' has a part that starts or ends with '-'"),
    ("hans@aarhus.d", "the domain 'aarhus.d' does not end in a top-level domain such as .dk"),
    ("hans@10.0.0.1", "the domain '10.0.0.1' does not end in a top-level domain such as .dk"),
    ("hans@kø.dk", "the domain 'kø.dk' contains 'ø'"),
    ("søren@aarhus.dk", "the part before the '@' contains 'ø'"),
    ("a,b@aarhus.dk", "the part before the '@' contains ','"),
    (".hans@aarhus.dk", "the part before the '@' has a dot at its start, its end or twice in a row"),
    ("han..s@aarhus.dk", "the part before the '@' has a dot at its start, its end or twice in a row"),
    ("x" * 65 + "@aarhus.dk", "the part before the '@' is longer than 64 characters"),
])
def test_unusable_addresses(address, problem):
    assert address_problem(address) == problem


def found(path):
    return [(f.severity.value, f.code, f.where, f.message, f.hint) for f in check_master(path).findings
            if (f.severity.value, f.code, f.where) != BASELINE]


def test_the_sample_has_no_recipient_findings(master):
    assert found(master()) == []


def test_an_invalid_address_is_an_error_at_its_cell(master):
    assert found(master(edits={"Afdelinger!C3": "budget.mtm@example.org; budget.mtm(at)example.org"})) == [(
        "error", "invalid-email", "Afdelinger!C3",
        "the e-mail address 'budget.mtm(at)example.org' of MTM is not valid: it has no '@'.",
        "Write each address as name@domain.dk; separate several with ';'.",
    )]


def test_a_line_break_in_an_address_is_an_error_shown_escaped(master):
    [(severity, code, where, message, _)] = found(master(edits={"Afdelinger!C2": "a@b.dk\nBcc: evil@example.org"}))
    assert (severity, code, where) == ("error", "invalid-email", "Afdelinger!C2")
    assert message == ("the e-mail address 'a@b.dk\\nBcc: evil@example.org' of MSB is not valid: "
                       "it contains a line break.")


def test_a_department_without_an_address_is_a_warning(master):
    assert found(master(edits={"Afdelinger!C4": None})) == [(
        "warning", "missing-email", "Afdelinger!C4",
        "the department MSO has no e-mail address; its mail draft has no recipient and 'mail --send' skips it.",
        "Write the department's addresses in the column 'E-mail', separated by ';'.",
    )]


def test_an_address_of_two_departments_is_a_warning_at_the_second(master):
    assert found(master(edits={"Afdelinger!C7": "budget.bA@example.org; Budget.MSB@example.org"})) == [(
        "warning", "duplicate-email", "Afdelinger!C7",
        "the address 'Budget.MSB@example.org' is also given for MSB (Afdelinger!C2); it receives the mails of "
        "both departments.",
        "Check the addresses; keep them if one person really handles both departments.",
    )]


def test_an_address_given_twice_for_one_department_is_a_warning(master):
    assert [f[:3] for f in found(master(edits={"Afdelinger!C2": "a@b.dk; A@b.dk"}))] == [
        ("warning", "duplicate-email", "Afdelinger!C2")]


def test_codes_that_give_the_same_file_name_are_reported_by_validate(master):
    edits = {"Afdelinger!A3": "A/B", "Afdelinger!A4": "A_B"}
    got = [f[:4] for f in found(master(edits=edits)) if f[1] == "file-name-clash"]
    assert got == [("warning", "file-name-clash", "Afdelinger!A4", "the department codes 'A/B' and 'A_B' give "
                    "the same file name 'A_B'; the files of 'A_B' are named 'A_B-2'.")]
