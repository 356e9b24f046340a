"""Every generated workbook opens in LibreOffice, and its formulas recalculate to the stored values."""

import warnings

import openpyxl
import pytest
import xlsxwriter

from spareforslag_xl.build import build_reports
from tests.libreoffice import compare_with_recalculated, recalculate

pytestmark = pytest.mark.libreoffice


def generated_workbooks(master, tmp_path):
    """Every kind of workbook the tool writes, built from the sample master."""
    built = build_reports(master(name="sample.xlsx"), tmp_path / "out")
    return list(built.files)


def test_libreoffice_recalculates_every_formula_to_the_stored_value(master, tmp_path):
    files = generated_workbooks(master, tmp_path)
    converted = recalculate(files, tmp_path / "lo")
    problems = []
    for original, fresh in converted.items():
        problems += compare_with_recalculated(original, fresh)
    assert problems == []


def test_generated_workbooks_read_back_with_openpyxl_without_warnings(master, tmp_path):
    for path in generated_workbooks(master, tmp_path):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            openpyxl.load_workbook(path)
            openpyxl.load_workbook(path, data_only=True)


def test_the_check_would_notice_a_wrong_stored_value(tmp_path):
    # Proves that LibreOffice really recalculates (the profile setting works).
    path = tmp_path / "wrong.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Ark")
    ws.write_number(0, 0, 2)
    ws.write_number(1, 0, 3)
    ws.write_formula(2, 0, "=SUM(A1:A2)", None, 4)  # wrong on purpose: 5
    book.close()
    fresh = recalculate([path], tmp_path / "lo")[path]
    assert compare_with_recalculated(path, fresh) == ["wrong.xlsx Ark!A3: =SUM(A1:A2) stored 4, LibreOffice computes 5"]
