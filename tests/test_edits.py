"""Real edits never change a figure silently: each edited master gives the clean master's figures,
or a finding that names the sheet and cell of the edit."""

from __future__ import annotations

import pytest

from spareforslag_xl.app.check import check_master
from tests.conftest import write_master
from tests.edit_corpus import CORPUS, figures


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = write_master(tmp_path_factory.mktemp("clean") / "m.xlsx")
    findings, cells = figures(path)
    assert cells, findings
    return cells


def test_the_corpus_is_large_and_covers_both_outcomes():
    assert len(CORPUS) >= 50
    assert len({e.name for e in CORPUS}) == len(CORPUS)
    assert sum(e.expect is None for e in CORPUS) >= 25 and sum(e.expect is not None for e in CORPUS) >= 15


@pytest.mark.parametrize("case", CORPUS, ids=[e.name for e in CORPUS])
def test_an_edit_keeps_the_figures_or_names_its_cell(tmp_path, clean, case):
    path = write_master(tmp_path / "m.xlsx")
    case.edit(path)
    findings, cells = figures(path)
    found = [(f.code, f.where) for f in findings]
    if case.expect is None:
        assert cells is not None, [str(f) for f in findings if f.is_error]
        assert cells == clean
        if case.warns:
            assert case.warns in [code for code, _ in found], found
    else:
        assert case.expect in found, found
        finding = next(f for f in findings if (f.code, f.where) == case.expect)
        assert finding.hint
        # the edit is refused, or its warning comes with figures that are the clean master's
        assert cells is None or cells == clean


def test_two_sheets_that_fold_to_one_name_are_named_both(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "an old copy with a trailing space").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "duplicate-sheet")
    assert "'Forslag' and 'Forslag '" in finding.message


def test_two_headers_that_fold_to_one_are_named_both(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "two headers that fold to one").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "duplicate-column")
    assert "Forslag!A1 and Forslag!L1" in finding.message


def test_a_missing_proposals_sheet_comes_first_without_consequential_warnings(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "the proposals sheet deleted").edit(path)
    findings = check_master(path).findings
    assert findings[0].code == "missing-sheet"
    assert "theme-without-lines" not in [f.code for f in findings]


def test_a_real_extra_decimal_says_what_the_cell_holds_and_shows(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "a real extra decimal").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "too-many-decimals")
    assert finding.message == ("the amount in the cell is 2.000,4, which has more decimals than the plan shows "
                               "(0; a cell formatted so shows 2.000); its parts could not add up exactly to the totals.")
    assert "ROUND(" in finding.hint


def test_a_date_in_a_year_header_is_shown_as_a_date(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "a date as year header").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "not-a-year")
    assert "1. januar 2025" in finding.message and "00:00:00" not in finding.message


def test_merged_cells_are_named_with_their_range(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "merged cells over theme numbers").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "merged-cells")
    assert finding.is_error and "A6:A8" in finding.message and "'Tema'" in finding.message


def test_hidden_rows_are_counted(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "a hidden row").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "hidden-rows")
    assert finding.where == "Forslag!A4"
    assert finding.message.startswith("1 row with content is hidden or filtered out (row 4)")


def test_no_cell_ref_is_a_bare_row_number(tmp_path):
    path = write_master(tmp_path / "m.xlsx")
    next(e for e in CORPUS if e.name == "columns reordered").edit(path)
    finding = next(f for f in check_master(path).findings if f.code == "years-out-of-order")
    assert finding.where == "Forslag!E1"


def test_an_ods_file_is_named_with_how_to_save_it(tmp_path):
    import zipfile

    from spareforslag_xl.model.errors import InputError

    path = tmp_path / "m.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(InputError) as raised:
        check_master(path)
    assert "OpenDocument" in str(raised.value) and "Excel 2007-365" in str(raised.value)


def test_a_number_too_large_for_a_float_in_a_header_is_a_finding_not_a_crash(tmp_path):
    """Excel stores 1.79769313486232E+308, which reads back as inf: found by the random-damage property."""
    path = write_master(tmp_path / "m.xlsx", edits={"Indstillinger!A1": 1.7976931348623155e+308})
    checked = check_master(path)
    assert any(f.ref is not None and str(f.ref) == "Indstillinger!A1" and "'inf'" in f.message
               for f in checked.findings), [(str(f.ref), f.message) for f in checked.findings]
