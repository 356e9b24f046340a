"""Every workbook the tool writes, printed as LibreOffice prints it, is readable on A4.

Each workbook is converted to PDF and read back word by word (tests/printcheck.py): no text
under 7 pt, no words printed over each other, every table header on a page stands over a
row of its own table, a table that continues on a new page does so under its own header (and
name), and no sheet prints more than one page wide. For the seed, the sample master, a synthetic
master of 500 lines and one with long tables (a theme of 70 proposals, 32 themes per department).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli
from spareforslag_xl.io.pdf import to_pdf
from tests.conftest import SEED_MASTER
from tests.libreoffice import require_soffice
from tests.printcheck import check, named_fonts, unnamed_fonts

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
    long = tmp / "masters" / "long.xlsx"
    long.write_bytes(master_bytes(long_plan()))
    files += build_reports(sample, tmp / "sample").files
    files += build_reports(synthetic, tmp / "s500").files
    files += build_reports(long, tmp / "long").files
    decade = tmp / "masters" / "y10.xlsx"  # ten years: the year sheets are the widest the writer makes
    decade.write_bytes(master_bytes(synthetic_plan(40, 6, 4, 10)))
    files += build_reports(decade, tmp / "y10", only=["A00"]).files
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


def long_plan():
    """A synthetic plan with long tables: theme 1 has the proposals of eight other themes (70 lines, more
    than a page), and 40 themes make each department's block on 'Afdelinger' longer than a page."""
    from dataclasses import replace

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_plan

    plan = synthetic_plan(300, 40, 3, 4)
    merged = {"4", "5", "8", "9", "12", "13", "16", "17"}  # distributed by key, like theme 1
    lines, n = [], 0
    for line in plan.lines:
        if line.theme in merged | {"1"}:
            n += 1
            line = replace(line, theme="1", number=str(n))
        lines.append(line)
    return replace(plan, lines=tuple(lines))


def test_every_workbook_is_printed(printed):
    names = {p.name for p in printed}
    assert {"spareforslag-budget-2024-rapport.xlsx", "MSB.xlsx", "sample-rapport.xlsx", "s500-rapport.xlsx",
            "A00.xlsx", "imported.xlsx", "init.xlsx", "afstemning.xlsx", "s500.xlsx", "long-rapport.xlsx"} <= names
    assert len(printed) == 1 + 6 + 1 + 6 + 1 + 6 + 1 + 3 + 2 + 4




def test_every_pdf_prints_in_the_fonts_its_workbook_names(printed):
    """Calibri, or Carlito (its metrics) where Calibri is not installed: never a wider stand-in, with
    which texts wrap and pages break otherwise than the page plan measured (.ci/run installs Carlito)."""
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    if "carlito" not in fonts.lower() and os.environ.get("SPAREFORSLAG_REQUIRE_LIBREOFFICE") != "1":
        pytest.skip("the font Carlito (fonts-crosextra-carlito) is not installed")
    wrong = {pdf.name: unnamed_fonts(pdf, xlsx) for xlsx, pdf in printed.items() if unnamed_fonts(pdf, xlsx)}
    assert wrong == {}
    assert all(named_fonts(xlsx) == {"Calibri"} for xlsx in printed if xlsx.parent.name != "other")


def test_the_font_check_notices_a_stand_in_font(tmp_path):
    require_soffice()
    from spareforslag_xl.workbook.book import DocProps, add_sheet, close, new_workbook

    book, buffer = new_workbook()
    sheet = add_sheet(book, "Ark")
    sheet.write_string(0, 0, "Ikke installeret", book.add_format({"font_name": "Nonesuch Sans"}))
    xlsx = tmp_path / "stand-in.xlsx"
    xlsx.write_bytes(close(book, buffer, DocProps(title="t", subject="s", company="c")))
    (pdf,) = to_pdf([xlsx], tmp_path / "pdf")
    assert "Nonesuch Sans" in named_fonts(xlsx)
    assert unnamed_fonts(pdf, xlsx) and "Nonesuch" not in " ".join(unnamed_fonts(pdf, xlsx))


def test_a_plan_of_ten_years_prints_one_page_wide(printed):
    """Sheets that fit the width at 80 % in Excel print one page wide: LibreOffice's Carlito columns are
    5.6 % wider, so 10 pt text prints at 7.5 pt or more (not at 75 % over two pages across)."""
    import openpyxl

    decade = [(x, p) for x, p in printed.items() if "y10" in x.parts]
    assert sorted(x.name for x, _ in decade) == ["A00.xlsx", "y10-rapport.xlsx"]
    for xlsx, pdf in decade:
        book = openpyxl.load_workbook(xlsx)
        year_sheets = [ws for ws in book.worksheets if ws.cell(1, 1).value and ws.title not in ("Nøgler", "Kontrol")]
        assert year_sheets and all(ws.sheet_properties.pageSetUpPr.fitToPage for ws in year_sheets)
        report = check(pdf, xlsx)
        assert report.problems == [] and report.smallest >= 7.5
        first = _page_text(pdf, 1)
        assert "2024" in first and "2033" in first  # every year on the page, beside the titles
        if xlsx.name == "y10-rapport.xlsx":
            # the overview's totals in the narrowed label column wrap, not cut off ('… administrati')
            lines = first.splitlines()
            at = next(n for n, line in enumerate(lines) if "Difference der skal" in line)
            assert "administrati" not in lines[at].split()  # the cut word of a label that did not wrap
            assert "fordelingsnøgle" in (lines[at] + " " + lines[at + 1]).split()


def test_every_page_is_readable_on_a4(printed):
    problems = []
    for xlsx, pdf in printed.items():
        report = check(pdf, xlsx)
        assert report.pages > 0
        problems += report.problems
    assert problems == []


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def _by_name(printed, folder: str, name: str) -> tuple[Path, Path]:
    return next((x, p) for x, p in printed.items() if x.parent.name == folder and x.name == name)


CONTINUED = ("(continued)", "(fortsat)")
"""The module's fixture builds outside the test's language: the workbooks are Danish."""


def _first_lines(pdf: Path) -> list[str]:
    from tests.printcheck import lines, pages

    return [" ".join(w.text for w in lines(words)[0]) + " / " + " ".join(w.text for w in lines(words)[1])
            for words in pages(pdf)]


def test_a_long_table_continues_on_the_next_page_under_its_name_and_header(printed):
    xlsx, pdf = _by_name(printed, "long", "long-rapport.xlsx")
    firsts = _first_lines(pdf)
    continued = [f.replace("(fortsat)", "(continued)") for f in firsts if any(c in f.split(" / ")[0] for c in CONTINUED)]
    # Each department's block on 'Afdelinger' (three) and theme 1's 70 proposals continue on a new page.
    assert any(f.startswith("A00 – Afdeling A00 for") and "(continued) / Tema (1.000 kr.) 2024 2025 2026 2027 Grundlag" in f
               for f in continued), continued
    assert sum(1 for f in continued if f.startswith("A0")) >= 3
    assert any(f.startswith("Tema 1: ") and "(continued) / Identificeret potentiale (1.000 kr.) 2024" in f
               for f in continued), continued
    report = check(pdf, xlsx)
    assert report.continued == [] and report.headers == []


def test_a_department_workbook_continues_its_details_under_their_header(printed):
    xlsx, pdf = next((x, p) for x, p in printed.items() if x.name == "A00.xlsx" and "s500" in str(x))
    continued = [f.replace("(fortsat)", "(continued)") for f in _first_lines(pdf) if any(c in f for c in CONTINUED)]
    assert len(continued) > 5  # 8 pages: the lines split together by a theme's key are one row each
    assert all(f.startswith("Sådan er andelen beregnet (1.000 kr.) (continued) / Tema, forslag og beløb 2024")
               for f in continued), continued


def test_master_sheets_print_one_page_wide(printed):
    from tests.printcheck import pages

    for name in ("imported.xlsx", "s500.xlsx"):
        xlsx, pdf = next((x, p) for x, p in printed.items() if x.name == name)
        report = check(pdf, xlsx)
        assert report.across == [], report.across
        # Every page of a data sheet begins with the repeated header's first column.
        firsts = [f.split(" / ")[0].split()[0] for f in _first_lines(pdf)]
        assert "Forklaring" not in firsts and "Gns." not in firsts and "Fordeling" not in firsts
    assert len(pages(pdf)) < 122  # s500.xlsx printed 122 pages when its wide sheets were three pages across


def test_continued_tables_keep_every_formula_right(printed):
    """The repeated headers inside a table are text: every formula recalculates to its stored value."""
    from tests.libreoffice import compare_with_recalculated, recalculate

    files = [x for x in printed if x.parent.name in ("long", "afdelinger") and
             (x.name == "long-rapport.xlsx" or (x.name == "A00.xlsx" and "long" in str(x)))]
    assert len(files) == 2
    problems = []
    for original, fresh in recalculate(files, files[0].parent.parent / "recalculated").items():
        problems += compare_with_recalculated(original, fresh)
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


def _two_tables(path: Path, continued: bool, wide: bool = False) -> Path:
    """A sheet with a short table and one of 90 rows under a name and a header; with continued, the
    long one is written through SheetWriter.table; with wide, a one-table sheet three pages wide."""
    from spareforslag_xl.workbook.sheet import SheetWriter, Styles
    from spareforslag_xl.workbook.book import DocProps, add_sheet, close, new_workbook

    book, buffer = new_workbook()
    w = SheetWriter(add_sheet(book, "Ark"), Styles(book))
    for col, width in ((0, 30), (1, 12), (2, 12)):
        w.column(col, col, width * (6 if wide and col != 1 else 1))

    def header(row: int) -> None:
        w.text(row, 0, "Post", "header")
        w.text(row, 1, "2031", "header_num")
        w.text(row, 2, "Kolonne", "header")

    row = 0
    if wide:
        header(0)
        for row in range(1, 60):
            w.text(row, 0, f"Række {row}")
        w.print_setup("Bred", "kilde", (0, 0))
    else:
        for table, size in (("Kort", 5), ("Lang", 90)):
            w.text(row, 0, f"Tabellen {table}", "section")
            header(row + 1)
            t = w.table(row + 1, header, f"Tabellen {table}") if continued else None
            row += 2
            for n in range(size):
                row = t.row(row) if t is not None else row
                w.text(row, 0, f"{table}{n}")
                w.number(row, 1, n, "amount")
                row += 1
            row += 1
        w.print_setup("To tabeller", "kilde")
    path.write_bytes(close(book, buffer, DocProps(title="t", subject="s", company="c")))
    return path


def test_the_check_notices_a_table_continued_without_its_header_and_a_sheet_pages_wide(tmp_path):
    require_soffice()
    files = [_two_tables(tmp_path / "without.xlsx", False), _two_tables(tmp_path / "with.xlsx", True),
             _two_tables(tmp_path / "wide.xlsx", False, wide=True)]
    reports = {x.name: check(pdf, x) for x, pdf in zip(files, to_pdf(files, tmp_path / "pdf"))}
    assert reports["without.xlsx"].continued and "of a table without its header" in reports["without.xlsx"].continued[0]
    assert reports["with.xlsx"].problems == []
    assert reports["wide.xlsx"].across and "more than one page wide" in reports["wide.xlsx"].across[0]


def test_a_sheet_too_wide_for_one_page_names_its_rows_on_every_page_across(printed):
    """A new master's 'Forslag' has every column of the decisions too (17 columns with 4 years) and
    cannot print one page wide at 7 pt: each page across starts with Tema, Nr and Forslag."""
    xlsx, pdf = _by_name(printed, "other", "init.xlsx")
    pages = [_page_text(pdf, n) for n in range(1, check(pdf, xlsx).pages + 1)]
    across = [p for p in pages if p.split()[:3] == ["Tema", "Nr", "Forslag"]]
    assert len(across) >= 2
    assert all("Eksempel: navnet på forslaget" in p for p in across)

