"""The commands: exact exit codes and messages, help for every command, README kept true."""

import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from spareforslag_xl import __version__
from spareforslag_xl.cli.main import cli
from spareforslag_xl.model import layout as L

README = Path(__file__).resolve().parent.parent / "README.md"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"spareforslag, version {__version__}"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"spareforslag {command}" in result.output
    assert f"### `spareforslag {command}" in README.read_text(encoding="utf-8")


def test_readme_describes_every_sheet_and_column_of_the_master():
    text = README.read_text(encoding="utf-8")
    for lay in L.DATA_SHEETS:
        assert f"| `{lay.name}` |" in text
        for column in lay.columns:
            assert f"`{column.header}`" in text, column.header
    for setting in L.SETTING_ORDER:
        assert f"`{setting}`" in text


def test_validate_with_only_warnings_exits_0(master):
    path = master()
    result = run("validate", path)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("warning: Nøgler!C13: the shares of key 'Lønforhandlinger'")
    assert result.output.splitlines()[-1] == f"{path}: 0 errors, 1 warning."


def test_validate_strict_exits_1_on_warnings(master):
    assert run("validate", "--strict", master()).exit_code == 1


def test_validate_with_errors_exits_1_and_lists_them_all(master):
    path = master(edits={"Forslag!E2": "abc", "Afdelinger!A3": "MSB"})
    result = run("validate", "--errors-only", path)
    assert result.exit_code == 1
    assert "error: Forslag!E2: the amount 'abc' is not a number. [not-a-number]" in result.output
    assert "error: Afdelinger!A3: the department code 'MSB' appears twice (first in Afdelinger!A2). [duplicate-department]" in result.output
    assert "warning:" not in result.output
    assert result.output.splitlines()[-1] == f"{path}: 5 errors, 1 warning."


def test_validate_json(master):
    result = run("validate", "--json", master())
    assert result.exit_code == 0
    assert json.loads(result.output) == [{
        "severity": "warning", "code": "key-not-100", "sheet": "Nøgler", "cell": "C13",
        "message": "the shares of key 'Lønforhandlinger' sum to 99,0 %, not 100 %; the remaining 1,0 % of "
                   "each amount appears as 'Ikke fordelt'.",
        "hint": "Correct the shares if the key should distribute everything.",
    }]


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty (0 bytes). Save the workbook again from Excel."),
    (b"Tema;2024\n2;3.250\n", "is not an Excel workbook (.xlsx); it looks like a CSV or text file. "
                               "Save it from Excel as 'Excel Workbook (*.xlsx)'."),
])
def test_unreadable_master_exits_2_with_one_sentence(tmp_path, content, message):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    for command in (["validate"], ["build", "-o", tmp_path / "out"]):
        result = run(*command, path)
        assert result.exit_code == 2
        assert result.output == f"Error: {path}: {message}\n"
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_file_exits_2(tmp_path):
    result = run("validate", tmp_path / "nope.xlsx")
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nope.xlsx'}: the file does not exist. Check the path and the file name.\n"


def test_build_writes_the_report(master, tmp_path):
    path = master(name="plan.xlsx")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.stdout == "".join(f"Wrote {tmp_path / 'out' / name}\n" for name in (
        "plan-rapport.xlsx", "afdelinger/MSB.xlsx", "afdelinger/MTM.xlsx", "afdelinger/MSO.xlsx",
        "afdelinger/MKB.xlsx", "afdelinger/MBU.xlsx", "afdelinger/BA.xlsx"))
    assert "[key-not-100]" in result.stderr
    assert (tmp_path / "out" / "plan-rapport.xlsx").exists()


def test_build_refuses_a_master_with_errors_and_writes_nothing(master, tmp_path):
    path = master(edits={"Forslag!E2": "abc"})
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "error: Forslag!E2: the amount 'abc' is not a number. [not-a-number]" in result.stderr
    assert result.stderr.rstrip().endswith(
        f"Error: {path}: the master has 1 problem that stops the build; nothing was written. "
        "Fix the findings above, or use --force to write a marked report anyway.")
    assert not (tmp_path / "out").exists()


def test_build_force_writes_a_marked_report(master, tmp_path):
    path = master(edits={"Forslag!E2": "abc"}, name="m.xlsx")
    result = run("build", "--force", path, "-o", tmp_path / "out")
    assert result.exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "out" / "m-rapport.xlsx")
    assert book["Oversigt"]["A4"].value.startswith("RAPPORTEN ER DANNET TRODS 1 FEJL")


def test_build_strict_refuses_warnings(master, tmp_path):
    result = run("build", "--strict", master(), "-o", tmp_path / "out")
    assert result.exit_code == 1


def test_build_into_a_locked_workbook_exits_3(master, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = master(name="m.xlsx")
    (out / "~$m-rapport.xlsx").write_bytes(b"lock")
    result = run("build", path, "-o", out)
    assert result.exit_code == 3
    assert result.output.endswith(
        f"Error: {out / 'm-rapport.xlsx'}: the workbook seems to be open (lock file ~$m-rapport.xlsx exists). "
        "Close it in Excel and run again.\n")


def test_init_writes_a_master_that_validates_with_findings_that_explain_what_to_fill(tmp_path):
    path = tmp_path / "ny.xlsx"
    result = run("init", path, "--first-year", 2030, "--years", 3)
    assert result.exit_code == 0 and result.output == f"Wrote {path} (years 2030-2032).\n"
    assert run("init", path).exit_code == 3
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["Forslag"][1]][4:7] == [2030, 2031, 2032]
    result = run("validate", path)
    assert result.exit_code == 1
    codes = re.findall(r"\[([a-z0-9-]+)\]", result.output)
    assert {"missing-target", "missing-setting", "no-departments", "example-row"} <= set(codes)


def test_help_and_version_do_not_import_the_heavy_libraries():
    import subprocess
    import sys

    code = ("import sys; from spareforslag_xl.cli.main import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
