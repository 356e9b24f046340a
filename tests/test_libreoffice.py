"""Every generated workbook opens in LibreOffice, and its formulas recalculate to the stored values."""

import warnings

import openpyxl
import pytest
import xlsxwriter

from spareforslag_xl.app.build import build_reports
from tests.libreoffice import compare_with_recalculated, recalculate

pytestmark = pytest.mark.libreoffice


def generated_workbooks(master, tmp_path):
    """Every workbook with formulas the tool writes: report and department workbooks of the sample
    and of the seed (with its audit sheet), and the reconciliation workbook of the seed."""
    from click.testing import CliRunner

    from spareforslag_xl.cli.main import cli
    from tests.conftest import SEED_MASTER

    files = list(build_reports(master(name="sample.xlsx"), tmp_path / "out").files)
    files += list(build_reports(SEED_MASTER, tmp_path / "seed").files)
    reconciliation = tmp_path / "afstemning.xlsx"
    result = CliRunner().invoke(cli, ["reconcile", str(SEED_MASTER), str(SEED_MASTER.parent / "officielt-budget-2024.xlsx"),
                                      "-o", str(reconciliation)])
    assert result.exit_code == 1 and reconciliation.exists()
    return files + [reconciliation]


def test_libreoffice_recalculates_every_formula_to_the_stored_value(master, tmp_path):
    files = generated_workbooks(master, tmp_path)
    assert len(files) == 15
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


def test_masters_written_by_init_and_import_open_in_libreoffice(tmp_path):
    from click.testing import CliRunner

    from spareforslag_xl.cli.main import cli
    from tests.conftest import SEED_MASTER

    new = tmp_path / "ny.xlsx"
    assert CliRunner().invoke(cli, ["init", str(new)]).exit_code == 0
    converted = recalculate([new, SEED_MASTER], tmp_path / "lo")
    for original, fresh in converted.items():
        book = openpyxl.load_workbook(fresh)
        assert book.sheetnames[:7] == ["Vejledning", "Indstillinger", "Mål", "Afdelinger", "Nøgler", "Temaer", "Forslag"]


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
