"""Every input gets a message, never a traceback: file names in another encoding, texts that look like
references in charts, numbers beyond Excel's 15 significant digits, operating-system errors in Danish."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from spareforslag_xl.io.oserrors import os_reason
from tests.conftest import write_master


def spareforslag(*args, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, SPAREFORSLAG_LANG="da", LC_ALL="C.UTF-8")
    return subprocess.run([sys.executable, "-m", "spareforslag_xl", *args], env=env, capture_output=True, cwd=cwd)


def test_a_master_named_in_latin1_is_built_and_mailed(tmp_path):
    name = b"budget-\xf8konomi.xlsx"  # 'økonomi' saved by an old Windows program: not valid UTF-8
    master = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + name))
    write_master(master)
    for command in (["build", os.fsdecode(name), "-o", "out"], ["mail", os.fsdecode(name), "-o", "out"],
                    ["validate", os.fsdecode(name)], ["history", "out"]):
        result = spareforslag(*command, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
    report = Path(os.fsdecode(os.fsencode(tmp_path) + b"/out/budget-\xf8konomi-rapport.xlsx"))
    texts = {c.value for ws in openpyxl.load_workbook(report) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    assert any("Kilde: budget-økonomi.xlsx" in t for t in texts)
    log = (tmp_path / "out" / "arkiv" / "builds.txt").read_text(encoding="utf-8")
    assert "\tbudget-økonomi.xlsx\t" in log


def test_a_code_that_looks_like_a_reference_stays_text_in_the_charts(tmp_path):
    code = "+cmd|' /C calc'!A0"
    master = write_master(tmp_path / "m.xlsx", edits={"Afdelinger!A2": code})
    result = spareforslag("build", "m.xlsx", "-o", "out", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"xlsxwriter" not in result.stderr.lower()
    references, texts = [], ""
    for book in (tmp_path / "out").rglob("*.xlsx"):
        with zipfile.ZipFile(book) as z:
            for part in z.namelist():
                if part.startswith("xl/charts/"):
                    xml = z.read(part).decode("utf-8")
                    references += re.findall(r"<c:f>([^<]*)</c:f>", xml)
                    texts += xml
    # every reference is to a sheet's cells (the department's sheet, named by the code, is quoted) …
    assert references and all(re.match(r"^('(?:[^']|'')+'|\w+)!\$[A-Z]+\$\d+", r) for r in references), references
    # … and the code itself is a text, shown as typed (an invisible word joiner after the '!')
    assert "I alt +cmd|&apos; /C calc&apos;!\u2060A0" in texts or "I alt +cmd|' /C calc'!\u2060A0" in texts
    assert master.exists()


@pytest.mark.danish
@pytest.mark.parametrize("number, reason", [
    (errno.ENOSPC, "der er ikke mere plads på disken"),
    (errno.EACCES, "adgang nægtet"),
    (errno.EROFS, "disken er skrivebeskyttet"),
    (errno.ENOTDIR, "en fil står i vejen, hvor der skal være en mappe"),
])
def test_operating_system_errors_are_said_in_danish(number, reason):
    assert os_reason(OSError(number, os.strerror(number))) == reason


@pytest.mark.danish
def test_a_full_disk_names_the_output_in_danish(tmp_path, monkeypatch):
    from spareforslag_xl.io import output
    from spareforslag_xl.model.errors import OutputError

    def full(target, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(output, "_write_temporary", full)
    with pytest.raises(OutputError) as err:
        output.write_all({tmp_path / "a.xlsx": b"a", tmp_path / "b.xlsx": b"b"})
    assert str(err.value) == f"{tmp_path / 'a.xlsx'}: filen kan ikke skrives (der er ikke mere plads på disken)."


@pytest.mark.parametrize("stored, finding", [
    (123456789012345.67, True),   # 17 significant digits: read as 123.456.789.012.346
    (12345678901234.567, False),  # read as 12.345.678.901.234,6: an error of too many decimals instead
    (99.999999999999872, False),  # Excel's formula noise for =(1,2-1,1)*1000: read as 100
    (0.30000000000000004, False),
    (3250.0, False),
])
def test_more_than_15_significant_digits_is_a_finding_naming_the_cell(tmp_path, stored, finding):
    from spareforslag_xl.app.check import check_master

    master = write_master(tmp_path / "m.xlsx", edits={"Mål!B2": stored})
    findings = check_master(master).findings
    found = [(f.code, f.ref.sheet, f.ref.cell) for f in findings if f.code == "too-many-digits"]
    assert found == ([("too-many-digits", "Mål", "B2")] if finding else [])
    if stored == 12345678901234.567:
        assert "too-many-decimals" in [f.code for f in findings]


def test_a_target_too_large_is_not_called_empty(tmp_path):
    from spareforslag_xl.app.check import check_master

    master = write_master(tmp_path / "m.xlsx", edits={"Mål!B2": 2e15})
    found = [(f.code, f.ref.cell) for f in check_master(master).findings if f.ref and f.ref.sheet == "Mål"]
    assert found == [("too-large", "B2")]


@pytest.mark.danish
def test_a_dtd_after_a_long_prolog_is_refused_naming_the_part_in_danish(tmp_path):
    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.model.errors import InputError
    from tests.xml_edit import rewrite_part

    master = write_master(tmp_path / "m.xlsx")

    def with_dtd(data: bytes) -> bytes:
        declaration, _, rest = data.partition(b"?>")
        padding = b"<!--" + b" padding " * 2000 + b"-->" + b"\n" * 5000
        return declaration + b"?>" + padding + b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>' + rest

    rewrite_part(master, "xl/sharedStrings.xml", with_dtd)
    with pytest.raises(InputError) as err:
        check_master(master)
    assert str(err.value) == (f"{master}: afvist: delen xl/sharedStrings.xml erklærer en XML-DTD eller entiteter, som "
                              "projektmapper aldrig har brug for, og som kan bruges til at angribe læseren. "
                              "Gem projektmappen igen fra Excel.")


@pytest.mark.danish
def test_a_disk_that_fills_while_writing_names_the_output(tmp_path, monkeypatch):
    from spareforslag_xl.io import output
    from spareforslag_xl.model.errors import OutputError

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")  # as write() and fsync() raise it: no file name

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(OutputError) as err:
        output.write_all({tmp_path / "a.xlsx": b"a", tmp_path / "b.xlsx": b"b"})
    assert str(err.value) == f"{tmp_path / 'a.xlsx'}: filen kan ikke skrives (der er ikke mere plads på disken)."
    assert sorted(p.name for p in tmp_path.iterdir()) == [".spareforslag-lock"]
