"""The proposals document with LibreOffice Writer: the tagged PDF, and Word files other programs made.

Word files of other producers: the program's own .docx saved by LibreOffice (through .odt and
back), and the seed as HTML with real tables (headings, paragraphs, lists, bold totals, italic
line titles) converted to Word by LibreOffice, as a budget office's Word document would be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.app import diff_masters, import_document, write_document
from spareforslag_xl.app.check import check_master
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.compute import compute
from tests.conftest import SEED_MASTER
from tests.libreoffice import require_soffice
from tests.seed_html import seed_as_html
from tests.test_document import DEPARTMENTS_FILE, SEED_DOCUMENT, figures

pytestmark = pytest.mark.libreoffice

WORD = "docx:MS Word 2007 XML"


def convert(source: Path, out_dir: Path, target: str, infilter: str | None = None) -> Path:
    """Open source in LibreOffice Writer (a throwaway profile) and save it as target in out_dir."""
    binary = require_soffice()
    with tempfile.TemporaryDirectory(prefix="lo-writer-") as profile:
        command = [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", target, "--outdir", str(out_dir), str(source)]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=300, env=dict(os.environ, HOME=profile))
    made = out_dir / (source.stem + "." + target.split(":")[0])
    assert proc.returncode == 0 and made.exists(), proc.stderr
    return made


def test_pdf_is_written_tagged_beside_the_document(tmp_path):
    require_soffice()
    result = CliRunner().invoke(cli, ["document", str(SEED_MASTER), "-o", str(tmp_path / "spareforslag.docx"), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "spareforslag.pdf"
    assert f"Wrote {pdf}" in result.stdout
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in data  # tagged: headings and tables marked
    assert b"/Lang" in data
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Side 1 af " in text and "Anslået samlet besparelse" in text


def test_a_markdown_document_gets_its_pdf_too(tmp_path):
    require_soffice()
    result = CliRunner().invoke(cli, ["document", str(SEED_MASTER), "-o", str(tmp_path / "spareforslag.md"), "--pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "spareforslag.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spareforslag.md", "spareforslag.pdf"]


def test_the_document_saved_by_libreoffice_imports_to_the_same_plan(tmp_path):
    own = write_document(SEED_MASTER, tmp_path / "spareforslag.docx").document
    odt = convert(own, tmp_path / "odt", "odt")
    again = convert(odt, tmp_path / "docx", WORD)
    import_document(again, tmp_path / "tilbage.xlsx", DEPARTMENTS_FILE)
    compared = diff_masters(SEED_MASTER, tmp_path / "tilbage.xlsx")
    assert compared.diff.same, compared.diff.changes


def test_a_word_document_made_by_libreoffice_from_html_imports_like_the_markdown(tmp_path):
    page = tmp_path / "administrative-spareforslag-2023.html"
    page.write_text(seed_as_html(SEED_DOCUMENT.read_text(encoding="utf-8")), encoding="utf-8")
    word = convert(page, tmp_path / "word", WORD, infilter="HTML (StarWriter)")
    imported = import_document(word, tmp_path / "fra-word.xlsx", DEPARTMENTS_FILE)
    assert imported.document.encoding == "Word document (.docx)"
    expected = figures(compute(check_master(SEED_MASTER).plan))
    assert figures(compute(check_master(tmp_path / "fra-word.xlsx").plan)) == expected
