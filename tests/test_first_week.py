"""What a budget officer meets in the first week: a file name where a folder is wanted, init's names,
--lang anywhere, click's own words and the placeholders in Danish, the official workbook given as a
master, a master open in Excel. Exact messages, as the user reads them."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.language import without_lang
from spareforslag_xl.cli.main import cli
from tests.conftest import SEED_MASTER

OFFICIAL = SEED_MASTER.with_name("officielt-budget-2024.xlsx")


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, prog_name="spareforslag", catch_exceptions=False)


def danish(*args):
    return run("--lang", "da", *args)


def test_build_given_a_file_name_for_its_folder_says_so_and_writes_nothing(tmp_path):
    result = danish("build", SEED_MASTER, "-o", tmp_path / "rapport.xlsx")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Fejl: Ugyldig værdi for '-o' / '--output': '{tmp_path / 'rapport.xlsx'}' er et filnavn, men der skrives "
        "flere filer: angiv den mappe, de skal skrives i, fx -o build/.\n")
    assert not (tmp_path / "rapport.xlsx").exists()


def test_a_file_where_the_folder_should_be_is_named_in_danish(tmp_path):
    (tmp_path / "noter.txt").write_text("x")
    result = danish("build", SEED_MASTER, "-o", tmp_path / "noter.txt")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Fejl: Ugyldig værdi for '-o' / '--output': Mappe '{tmp_path / 'noter.txt'}' "
                                  "er en fil.\n")


def test_init_adds_xlsx_and_refuses_another_suffix(tmp_path):
    result = danish("init", tmp_path / "budget-2028", "--first-year", "2028")
    assert result.exit_code == 0
    assert result.output == f"Skrev {tmp_path / 'budget-2028.xlsx'} (årene 2028-2031).\n"
    assert (tmp_path / "budget-2028.xlsx").is_file() and not (tmp_path / "budget-2028").exists()
    refused = danish("init", tmp_path / "foo.txt")
    assert refused.exit_code == 2
    assert refused.stderr.endswith("Fejl: Ugyldig værdi for 'FIL': et grundark er en Excel-projektmappe: angiv et "
                                   "navn, der ender på .xlsx, ikke '.txt'.\n")
    assert not (tmp_path / "foo.txt").exists()


def test_the_placeholders_and_a_missing_argument_are_danish():
    assert danish("diff", "--help").output.startswith("Brug: spareforslag diff [TILVALG] GAMMEL NY\n")
    assert danish("reconcile", "--help").output.startswith(
        "Brug: spareforslag reconcile [TILVALG] GRUNDARK OFFICIELT\n")
    assert danish("history", "--help").output.startswith("Brug: spareforslag history [TILVALG] [MAPPE]\n")
    assert "--since GAMMEL.xlsx|forrige" in danish("build", "--help").output
    missing = danish("validate")
    assert missing.exit_code == 2 and missing.stderr.endswith("Fejl: Argumentet 'GRUNDARK' mangler.\n")
    assert run("validate").stderr.endswith("Error: Missing argument 'MASTER'.\n")


@pytest.mark.parametrize("args", [
    ("validate", "--lang", "en", SEED_MASTER),
    ("validate", SEED_MASTER, "--lang=en"),
    ("--lang", "en", "validate", SEED_MASTER),
])
def test_lang_may_stand_before_or_after_the_command(args):
    result = run(*args, env={"SPAREFORSLAG_LANG": "da"})
    assert result.exit_code == 0
    assert result.output.endswith(f"{SEED_MASTER}: 0 errors, 1 warning.\n")


def test_only_a_valid_lang_after_the_command_is_taken_away():
    assert without_lang(["--lang", "en", "build", "x", "--lang", "da", "-o", "b"]) == ["--lang", "en", "build", "x",
                                                                                      "-o", "b"]
    assert without_lang(["build", "--lang", "fr"]) == ["build", "--lang", "fr"]  # click refuses it, as before
    assert without_lang(["build", "--", "--lang", "da"]) == ["build", "--", "--lang", "da"]


def test_the_official_workbook_given_as_a_master_is_one_line():
    result = danish("validate", OFFICIAL)
    assert result.exit_code == 1
    assert result.output == (
        "fejl: dette er ikke et grundark: det har ingen af grundarkets faner (faner fundet: 'Budget 2024'). "
        "[not-a-master]\n"
        "    ret: Angiv grundarket her; et officielt budgetark sammenlignes med grundarket med "
        "'spareforslag reconcile GRUNDARK OFFICIELT'.\n"
        f"{OFFICIAL}: 1 fejl, 0 advarsler.\n")


def test_a_master_open_in_excel_is_a_warning(tmp_path):
    master = tmp_path / "budget.xlsx"
    shutil.copyfile(SEED_MASTER, master)
    (tmp_path / "~$budget.xlsx").write_bytes(b"")
    result = run("validate", master)
    assert result.exit_code == 0
    assert result.output.startswith(
        "warning: the master is open in Excel or another program (~$budget.xlsx beside it); edits not saved yet "
        "are not read. [open-in-excel]\n    fix: Save the master in Excel (Ctrl+S), and run the command again.\n")


def test_reconcile_names_the_proposals_as_build_does(tmp_path):
    result = run("reconcile", SEED_MASTER, OFFICIAL, "-o", tmp_path / "a.xlsx", "--scenario", "foreslået")
    assert result.exit_code == 1  # the example's one deliberate difference
    assert "1 figure differs" in result.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_no_english_placeholder_in_a_danish_help(command):
    import re

    english = re.compile(r"\b(MASTER|OLD|NEW|PATH|OFFICIAL|DIRECTORY|FILE|DOCUMENT|OUT_DIR|FOLDER|CODES|NAME|UNIT|"
                         r"AMOUNT|TEXT|INTEGER|FLOAT|RANGE)\b")
    shown = danish(command, "--help").output
    assert english.findall(shown) == []
