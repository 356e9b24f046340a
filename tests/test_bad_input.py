"""Broken and hostile masters: one clear sentence, the documented exit code, no traceback, no output."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
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
    (badfiles.zip_bomb, "m.xlsx", "refused: part xl/media/padding.bin unpacks from 305.761 to 314.572.800 bytes "
                                  "(ratio 1.028:1, limit 200:1), which looks like a zip bomb."),
    (badfiles.declared_bomb, "m.xlsx", lambda path: declared_bomb_message(path)),
    (badfiles.nan, "m.xlsx", "the workbook cannot be read (a cell holds 'NaN', which is not a value Excel can store). "
                             "Open it in Excel, save it again as .xlsx and retry."),
    (badfiles.folder, "m.xlsx", "is a folder, not a workbook. Give the path of the workbook inside it."),
]


def declared_bomb_message(path) -> str:
    """The message for badfiles.declared_bomb: its packed size is the master's sheet as written, which
    changes with the sheet's formats; the declared 400 MB and the ratio follow from it."""
    import zipfile

    from spareforslag_xl.model.danish import danish_number

    with zipfile.ZipFile(path) as z:
        packed = z.getinfo("xl/worksheets/sheet7.xml").compress_size
    size = 400 * 1024 * 1024
    return (f"refused: part xl/worksheets/sheet7.xml unpacks from {danish_number(packed)} to {danish_number(size)} "
            f"bytes (ratio {danish_number(size // packed)}:1, limit 200:1), which looks like a zip bomb.")


def expected(message, path) -> str:
    return message(path) if callable(message) else message


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
        assert lines[0] == f"Error: {path}: {expected(message, path)}"
    assert not out.exists()


@pytest.mark.parametrize("builder, code, where, message", [
    (badfiles.beyond_excel_rows, "sheet-too-large", "Forslag",
     "the sheet has more than Excel's 1.048.576 rows or 16.384 columns; only the part within the limits was read."),
    (badfiles.beyond_excel_columns, "sheet-too-large", "Forslag",
     "the sheet has more than Excel's 1.048.576 rows or 16.384 columns; only the part within the limits was read."),
    (badfiles.long_text, "text-too-long", "Forslag!C2",
     "the text has 40.000 characters; Excel allows at most 32.767 in a cell."),
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


def test_no_command_modifies_the_master_or_the_official_workbook(tmp_path):
    import shutil

    from tests.conftest import SEED_MASTER

    path = tmp_path / "m.xlsx"
    official = tmp_path / "officielt.xlsx"
    shutil.copy(SEED_MASTER, path)
    shutil.copy(SEED_MASTER.parent / "officielt-budget-2024.xlsx", official)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (path, official)}
    out = tmp_path / "out"
    assert invoke("validate", path).exit_code == 0
    assert invoke("build", path, "-o", out).exit_code == 0
    assert invoke("audit", path).exit_code == 1          # the seed's own disagreements
    assert invoke("mail", path, "-o", out).exit_code == 0
    assert invoke("reconcile", path, official, "-o", out / "a.xlsx").exit_code == 1
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (path, official)} == before


# -- the other commands that read a workbook or a document --------------------------------------------
@pytest.mark.parametrize("builder, name, message", [c for c in REFUSED_CASES if c[2] is not None],
                         ids=lambda v: getattr(v, "__name__", None))
@pytest.mark.parametrize("command", ["audit", "mail"])
def test_audit_and_mail_refuse_an_unreadable_master(tmp_path, builder, name, message, command):
    path = builder(tmp_path / name)
    args = [command, path] + (["-o", tmp_path / "out"] if command == "mail" else [])
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: {expected(message, path)}\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("builder, name, message", [c for c in REFUSED_CASES if c[2] is not None],
                         ids=lambda v: getattr(v, "__name__", None))
def test_reconcile_refuses_an_unreadable_official_workbook(tmp_path, builder, name, message):
    from tests.conftest import SEED_MASTER

    official = builder(tmp_path / name)
    result = invoke("reconcile", SEED_MASTER, official, "-o", tmp_path / "out" / "a.xlsx")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: {official}: {expected(message, official)}"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def _zip_document(path: Path) -> Path:
    return badfiles.good_master(path)


def _no_overview(path: Path) -> Path:
    path.write_text("# Noget\n\nIngen tabeller her.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("builder, message", [
    (badfiles.empty, "the document is empty (0 bytes). Export the proposals document as text (Markdown, e.g. with "
                     "pandoc) and import that file."),
    (lambda p: (p.write_bytes(bytes(range(256)) * 20), p)[1],
     "the file is binary data, not a text document. Export the proposals document as text (Markdown, e.g. with "
     "pandoc) and import that file."),
    (_zip_document, "the file is a zip archive (perhaps a Word or Excel file), not a text document. Export the "
                    "proposals document as text (Markdown, e.g. with pandoc) and import that file."),
    (badfiles.folder, "is a folder, not a document. Give the path of the document inside it."),
    (lambda p: p, "the file does not exist. Check the path and the file name."),
    (_no_overview, "no overview table was found: a table whose header row starts with 'Tema' and names the years "
                   "(e.g. 'Tema (1.000 kr.)<TAB>2024<TAB>2025'). Check that the document is a proposals document "
                   "exported with its tables as TAB lines."),
], ids=["empty", "binary", "zip", "folder", "missing", "no-overview"])
def test_import_refuses_an_unusable_document(tmp_path, builder, message):
    document = builder(tmp_path / "forslag.md")
    result = invoke("import", document, "-o", tmp_path / "m.xlsx")
    assert result.exit_code == 2
    assert result.output == f"Error: {document}: {message}\n"
    assert not (tmp_path / "m.xlsx").exists()


@pytest.mark.parametrize("encoding, label", [
    ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16"), ("latin-1", "Windows-1252"),  # latin-1's superset
])
def test_import_reads_documents_in_other_encodings(tmp_path, encoding, label):
    from spareforslag_xl.app.check import check_master
    from tests.conftest import SEED_MASTER
    from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT
    from tests.test_master_roundtrip import essence

    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    if encoding == "latin-1":  # latin-1 has no dashes or quotes of that kind: as a text editor would save it
        text = text.replace("–", "-").replace("”", '"').replace("“", '"').replace("’", "'")
    document = tmp_path / "forslag.md"
    document.write_bytes(text.encode(encoding))
    result = invoke("import", document, "--departments", SEED_DEPARTMENTS, "-o", tmp_path / "m.xlsx")
    assert result.exit_code == 1  # the seed's six entries for review, not a problem of reading
    assert f"read: decoded as {label}" in result.output
    plan = check_master(tmp_path / "m.xlsx").plan
    expected = check_master(SEED_MASTER).plan
    if encoding != "latin-1":
        assert essence(plan) == essence(expected)
    else:
        assert [(t.number, t.title) for t in plan.themes] == [(t.number, t.title) for t in expected.themes]
        assert [line.amounts for line in plan.lines] == [line.amounts for line in expected.lines]


def test_a_pipe_is_refused_instead_of_waiting_forever(tmp_path):
    fifo = tmp_path / "forslag.md"
    os.mkfifo(fifo)
    for args in (["import", fifo, "-o", tmp_path / "m.xlsx"], ["validate", fifo]):
        result = invoke(*args)
        assert result.exit_code == 2
        noun = "document" if args[0] == "import" else "workbook"
        assert result.output == (f"Error: {fifo}: is not a regular file (a device or a pipe), not a {noun}. "
                                 f"Give the path of the {noun} itself.\n")
