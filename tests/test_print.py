"""Every workbook the tool writes, printed as LibreOffice prints it, is readable on A4.

Each workbook is converted to PDF and read back word by word (tests/printcheck.py): no text
under 7 pt, no words printed over each other, and every table header on a page stands over a
row of its own table. For the seed, the sample master and a synthetic master of 500 lines.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli
from spareforslag_xl.io.pdf import to_pdf
from tests.conftest import SEED_MASTER
from tests.libreoffice import require_soffice
from tests.printcheck import check

pytestmark = pytest.mark.libreoffice

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[Path, Path]:
    """Every kind of workbook, each with its PDF: report, department workbooks, reconciliation,
    imported master and init template, for the seed, the sample master and 500 lines."""
    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required to read the printed pages")
    from spareforslag_xl.master.write import master_bytes
    from tests.plans import sample_plan

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_plan

    tmp = tmp_path_factory.mktemp("print")
    runner = CliRunner()
    files: list[Path] = list(build_reports(SEED_MASTER, tmp / "seed").files)
    (tmp / "masters").mkdir()
    sample, synthetic = tmp / "masters" / "sample.xlsx", tmp / "masters" / "s500.xlsx"
    sample.write_bytes(master_bytes(sample_plan()))
    synthetic.write_bytes(master_bytes(synthetic_plan(500, 20, 6, 4)))
    files += build_reports(sample, tmp / "sample").files
    files += build_reports(synthetic, tmp / "s500").files
    other = tmp / "other"
    imported, init, reconciliation = other / "imported.xlsx", other / "init.xlsx", other / "afstemning.xlsx"
    assert runner.invoke(cli, ["import", str(ROOT / "input" / "administrative-spareforslag-2023.md"),
                               "--departments", str(ROOT / "input" / "afdelinger.csv"), "-o", str(imported),
                               "--quiet"]).exit_code in (0, 1)
    assert runner.invoke(cli, ["init", str(init)]).exit_code == 0
    assert runner.invoke(cli, ["reconcile", str(SEED_MASTER), str(SEED_MASTER.parent / "officielt-budget-2024.xlsx"),
                               "-o", str(reconciliation)]).exit_code == 1
    files += [imported, init, reconciliation, synthetic]
    groups: dict[Path, list[Path]] = {}
    for f in files:
        groups.setdefault(f.parent, []).append(f)
    result = {}
    for folder, group in groups.items():
        for xlsx, pdf in zip(group, to_pdf(group, tmp / "pdf" / folder.relative_to(tmp))):
            result[xlsx] = pdf
    return result


def test_every_workbook_is_printed(printed):
    names = {p.name for p in printed}
    assert {"spareforslag-budget-2024-rapport.xlsx", "MSB.xlsx", "sample-rapport.xlsx", "s500-rapport.xlsx",
            "A00.xlsx", "imported.xlsx", "init.xlsx", "afstemning.xlsx", "s500.xlsx"} <= names
    assert len(printed) == 1 + 6 + 1 + 6 + 1 + 6 + 4


def test_every_page_is_readable_on_a4(printed):
    problems = []
    for xlsx, pdf in printed.items():
        report = check(pdf, xlsx)
        assert report.pages > 0
        problems += report.problems
    assert problems == []


def test_build_pdf_writes_the_report_as_a_handout(tmp_path):
    require_soffice()
    result = CliRunner().invoke(cli, ["build", str(SEED_MASTER), "-o", str(tmp_path), "--no-departments", "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "spareforslag-budget-2024-rapport.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert f"Wrote {pdf}" in result.output


def test_build_pdf_without_libreoffice_says_what_to_install_and_still_writes_the_workbooks(tmp_path, monkeypatch):
    import spareforslag_xl.io.pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    result = CliRunner().invoke(cli, ["build", str(SEED_MASTER), "-o", str(tmp_path), "--no-departments", "--pdf"])
    assert result.exit_code == 1
    assert (tmp_path / "spareforslag-budget-2024-rapport.xlsx").exists()
    assert "LibreOffice is not installed, so no PDF was written. Install LibreOffice" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))
