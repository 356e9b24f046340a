"""Broken and hostile masters: one clear sentence, the documented exit code, no traceback, no output."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli import cli
from tests import badfiles

DAMAGED = "Save it again from Excel, or ask the sender for a new copy."
REFUSED_CASES = [
    # (builder, file name, message after "Error: <path>: ")
    (badfiles.empty, "m.xlsx", "the file is empty (0 bytes). Save the workbook again from Excel."),
    (badfiles.csv_named_xlsx, "m.xlsx", "is not an Excel workbook (.xlsx); it looks like a CSV or text file. "
                                        "Save it from Excel as 'Excel Workbook (*.xlsx)'."),
    (badfiles.truncated_zip, "m.xlsx", "the workbook is damaged (its zip structure cannot be read: File is not a "
                                       f"zip file). {DAMAGED}"),
    (badfiles.old_xls, "m.xls", "is an old Excel 97-2003 workbook (.xls), which is not supported. "
                                "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."),
    (badfiles.old_xls, "m.xlsx", "is an old Excel 97-2003 workbook (.xls), which is not supported. "
                                 "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."),
    (badfiles.encrypted, "m.xlsx", "the workbook is password-protected (encrypted), so it cannot be read. "
                                   "Remove the password in Excel (File > Info > Protect Workbook) and save it again."),
    (badfiles.zip_without_workbook, "m.xlsx", "is a zip file but not an Excel workbook (it has no xl/workbook.xml). "
                                              "Save it from Excel as 'Excel Workbook (*.xlsx)'."),
    (badfiles.missing_sheet_part, "m.xlsx", f"the workbook is damaged: the sheet part xl/worksheets/sheet7.xml is missing. {DAMAGED}"),
    (badfiles.bad_crc, "m.xlsx", "the workbook cannot be read (a part of the file is corrupt: Bad CRC-32 for file "
                                 "'xl/worksheets/sheet7.xml'). Open it in Excel, save it again as .xlsx and retry."),
    (badfiles.broken_sheet_xml, "m.xlsx", None),  # the parser's position varies; checked by prefix below
    (badfiles.billion_laughs, "m.xlsx", "refused: part xl/sharedStrings.xml declares an XML DTD or entities, which "
                                        "workbooks never need and which can be used to attack the reader. "
                                        "Save the workbook again from Excel."),
    (badfiles.external_entity, "m.xlsx", "refused: part xl/workbook.xml declares an XML DTD or entities, which "
                                         "workbooks never need and which can be used to attack the reader. "
                                         "Save the workbook again from Excel."),
    (badfiles.zip_bomb, "m.xlsx", "refused: part xl/media/padding.bin unpacks from 305,761 to 314,572,800 bytes "
                                  "(ratio 1028:1, limit 200:1), which looks like a zip bomb."),
    (badfiles.declared_bomb, "m.xlsx", "refused: part xl/worksheets/sheet7.xml unpacks from 1,281 to 419,430,400 "
                                       "bytes (ratio 327424:1, limit 200:1), which looks like a zip bomb."),
    (badfiles.nan, "m.xlsx", "the workbook cannot be read (a cell holds 'NaN', which is not a value Excel can store). "
                             "Open it in Excel, save it again as .xlsx and retry."),
    (badfiles.folder, "m.xlsx", "is a folder, not a file. Give the path of the workbook inside it."),
]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("builder, name, message", REFUSED_CASES, ids=lambda v: getattr(v, "__name__", None))
@pytest.mark.parametrize("command", ["validate", "build"])
def test_unreadable_master_is_refused_in_one_sentence(tmp_path, builder, name, message, command):
    path = builder(tmp_path / name)
    out = tmp_path / "out"
    args = [command, path] + (["-o", out] if command == "build" else [])
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 1
    if message is None:
        assert lines[0].startswith(f"Error: {path}: the workbook cannot be read (") and "line" in lines[0]
    else:
        assert lines[0] == f"Error: {path}: {message}"
    assert not out.exists()


@pytest.mark.parametrize("builder, code, where, message", [
    (badfiles.beyond_excel_rows, "sheet-too-large", "Forslag",
     "the sheet has more than Excel's 1,048,576 rows or 16,384 columns; only the part within the limits was read."),
    (badfiles.beyond_excel_columns, "sheet-too-large", "Forslag",
     "the sheet has more than Excel's 1,048,576 rows or 16,384 columns; only the part within the limits was read."),
    (badfiles.long_text, "text-too-long", "Forslag!C2",
     "the text has 40,000 characters; Excel allows at most 32,767 in a cell."),
    (badfiles.infinity, "not-finite", "Forslag!F2", "the amount is not a finite number (inf)."),
])
def test_readable_but_invalid_masters_give_findings_and_exit_1(tmp_path, builder, code, where, message):
    path = builder(tmp_path / "m.xlsx")
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert f"error: {where}: {message} [{code}]" in result.output
    build = invoke("build", path, "-o", tmp_path / "out")
    assert build.exit_code == 1 and not (tmp_path / "out").exists()


def test_a_sheet_claiming_a_million_rows_is_read_quickly(tmp_path):
    import time

    path = badfiles.million_rows_claimed(tmp_path / "m.xlsx")
    start = time.perf_counter()
    result = invoke("validate", path)
    assert result.exit_code == 0
    assert time.perf_counter() - start < 5  # generous: it reads 13 rows, not a million


def test_macros_are_ignored_with_a_warning_and_never_copied(tmp_path):
    import zipfile

    path = badfiles.with_macros(tmp_path / "m.xlsm")
    result = invoke("validate", path)
    assert result.exit_code == 0
    assert ("warning: the workbook contains macros (VBA); they were not run and are not copied to any output. "
            "[macros-ignored]") in result.output
    build = invoke("build", path, "-o", tmp_path / "out")
    assert build.exit_code == 0
    for produced in (tmp_path / "out").rglob("*.xlsx"):
        with zipfile.ZipFile(produced) as z:
            assert not any("vba" in n.lower() for n in z.namelist())


def test_a_file_without_read_permission(tmp_path, monkeypatch):
    path = badfiles.good_master(tmp_path / "m.xlsx")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: cannot be read: permission denied. Ask for read access or copy the file.\n"


def test_the_master_is_never_modified(tmp_path):
    path = badfiles.good_master(tmp_path / "m.xlsx")
    before = path.read_bytes(), path.stat().st_mtime_ns
    assert invoke("validate", path).exit_code == 0
    assert invoke("build", path, "-o", tmp_path / "out").exit_code == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
