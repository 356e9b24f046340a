"""The 'audit' command and the build's extra sheet, through the command line."""

import openpyxl
from click.testing import CliRunner

from tests.docgen import Line, Theme, document, key_table
from tests.importcheck import SEED_MASTER
from spareforslag_xl.cli.main import cli


def test_audit_the_seed():
    result = CliRunner().invoke(cli, ["audit", str(SEED_MASTER)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 14
    assert lines[7] == ("disagreement: line 226, tema 6 2024–2027: Andel i alt – forslag 1: the shares of key "
                        "'Forenkling lønforhandlinger' sum to 99,0 %, but the table states 100,0%; it allocates 0,49 "
                        "of 0,50 mio. kr. each year; the rest is not distributed [key-sum]")
    assert lines[-1] == (f"{SEED_MASTER}: 343 document figures checked: 7 disagreements, 1 rounding note, "
                         "5 remarks.")
    assert result.stderr == ""


def test_disagreements_only():
    result = CliRunner().invoke(cli, ["audit", str(SEED_MASTER), "--disagreements-only"])
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["disagreement"] * 7


def test_a_consistent_document_exits_0(tmp_path):
    years = (2025, 2026)
    themes = [Theme(1, "Første", [Line("1. A", [100, 200])], fte=["0,2", "0,4"],
                    distribution=["Fordeles efter den administrative fordelingsnøgle som nedenfor:", "",
                                  *key_table(("XA", "XB"), ("60,0", "40,0"), years, [100, 200])])]
    doc = tmp_path / "doc.md"
    doc.write_text(document(themes, years, target=1000), encoding="utf-8")
    master = tmp_path / "master.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(doc), "-o", str(master)]).exit_code == 0
    result = runner.invoke(cli, ["audit", str(master)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"info: line 31, tema 1 2025, 2026: Gns. løn: the FTE figures 0,2, 0,4 imply an average "
                             "salary from 444,4 to 571,4 (total / FTE: about 500); the master uses 500 [implied-salary]\n"
                             f"{master}: 23 document figures checked: 0 disagreements, 0 rounding notes, 1 remark.\n")
    build = runner.invoke(cli, ["build", str(master), "-o", str(tmp_path / "build")])
    assert build.exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "build" / "master-rapport.xlsx", read_only=True)
    assert book.sheetnames[-1] == "Dokumentafvigelser"


def test_a_master_without_document_figures_exits_2(tmp_path):
    master = tmp_path / "plain.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(master)]).exit_code == 0
    result = runner.invoke(cli, ["audit", str(master)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {master}: the master has no sheet 'Dokumenttal' with the document's figures. "
                             "Make the master with 'spareforslag import DOCUMENT -o MASTER.xlsx'.\n")


def test_a_missing_master_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["audit", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.xlsx'}: the file does not exist.")


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["audit", "--help"])
    assert result.exit_code == 0
    assert "spareforslag audit input/spareforslag-budget-2024.xlsx" in result.stdout
