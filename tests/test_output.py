"""Outputs are complete or absent: atomic replacement, interrupted runs, locks, safe names."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.core.filenames import safe_filename
from spareforslag_xl.io import output
from spareforslag_xl.io.journal import JOURNAL
from spareforslag_xl.io.output import inside, write_all
from spareforslag_xl.model.errors import OutputError


@pytest.mark.parametrize("name, expected", [
    ("MSB", "MSB"), ("../x", "_x"), ("..", "fil"), ("a/b\\c", "a_b_c"), ("CON", "CON_"), ("nul.txt", "nul.txt_"),
    ("com1", "com1_"), ("~$lock", "_$lock"), (".hidden", "hidden"), ("Børn og Unge", "Børn og Unge"),
    ("a:b*c?", "a_b_c_"), ("", "fil"), ("x" * 200, "x" * 120),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_inside_refuses_names_that_leave_the_folder(tmp_path):
    assert inside(tmp_path, "MSB.xlsx") == tmp_path / "MSB.xlsx"
    with pytest.raises(OutputError):
        inside(tmp_path, "../MSB.xlsx")


def test_a_fault_while_writing_leaves_previous_outputs_intact_and_no_temporaries(tmp_path, monkeypatch):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_all({a: b"old a", b: b"old b"})
    real = output._write_temporary
    calls = []

    def failing(target, data):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        return real(target, data)

    monkeypatch.setattr(output, "_write_temporary", failing)
    with pytest.raises(OutputError, match=r"b.xlsx: cannot write the file \(no space left on the disk\)"):
        write_all({a: b"new a", b: b"new b"})
    assert a.read_bytes() == b"old a" and b.read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".spareforslag-lock", "a.xlsx", "b.xlsx"]


@pytest.mark.parametrize("failing_call", [1, 2, 3, 4, 5])  # a aside, a in, b aside, b in, c in
def test_a_failing_rename_puts_every_previous_output_back(tmp_path, monkeypatch, failing_call):
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "new.xlsx"
    write_all({a: b"old a", b: b"old b"})
    real = os.replace
    calls = []

    def replace(src, dst):
        if Path(dst).name == JOURNAL:  # the journal's own writes are not the renames counted here
            return real(src, dst)
        calls.append((src, dst))
        if len(calls) == failing_call:
            raise OSError(13, "Permission denied (file open in Excel)", str(dst))
        return real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError):
        write_all({a: b"new a", b: b"new b", c: b"new c"})
    monkeypatch.setattr(output.os, "replace", real)
    assert a.read_bytes() == b"old a" and b.read_bytes() == b"old b" and not c.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".spareforslag-lock", "a.xlsx", "b.xlsx"]


def test_a_fault_in_the_renderer_writes_nothing(master, tmp_path, monkeypatch):
    out = tmp_path / "out"
    path = master(name="m.xlsx")
    build_reports(path, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import spareforslag_xl.content.report as report

    monkeypatch.setattr(report._Report, "departments_sheet", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        build_reports(path, out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_killed_build_leaves_the_old_report_and_the_next_run_cleans_up(master, tmp_path):
    out = tmp_path / "out"
    path = master(name="m.xlsx")
    report = build_reports(path, out).files[0]
    before = report.read_bytes()
    # A build that hangs after writing its temporary file, killed with SIGKILL.
    script = textwrap.dedent(f"""
        import os, time
        from pathlib import Path
        import spareforslag_xl.io.output as output
        def hang(src, dst):
            print("ready", flush=True)
            time.sleep(60)
        output.os.replace = hang
        from spareforslag_xl.app.build import build_reports
        build_reports(Path({str(path)!r}), Path({str(out)!r}))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert report.read_bytes() == before
    leftovers = sorted(out.rglob(output.TEMP_PREFIX + "*"))
    # the report, six department workbooks and arkiv/builds.txt were written, none moved; the journal was being written
    assert len(leftovers) == 9
    again = build_reports(path, out)  # the folder's lock proves no run is still going: its leftovers are removed
    assert not [p for p in out.rglob(output.TEMP_PREFIX + "*")]
    assert again.stale == []  # and never taken for a department workbook of another run


def test_read_only_target_gives_a_clear_message(tmp_path, monkeypatch):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"x")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == target else real_access(p, mode))
    with pytest.raises(OutputError) as err:
        write_all({target: b"new"})
    assert str(err.value) == f"{target}: the file is read-only. Make it writable or choose another output folder."


def test_lock_file_of_an_open_workbook(tmp_path):
    target = tmp_path / "r.xlsx"
    (tmp_path / "~$r.xlsx").write_bytes(b"")
    with pytest.raises(OutputError, match=r"seems to be open \(lock file ~\$r.xlsx exists\)"):
        write_all({target: b"new"})
    assert not target.exists()


def test_output_folder_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("I am a file")
    with pytest.raises(OutputError, match="cannot"):
        write_all({blocker / "r.xlsx": b"x"})


def test_no_command_overwrites_its_own_input(tmp_path):
    """An import onto its own document, a build whose department workbook would have the master's
    name: refused, and the input stays as it was."""
    import shutil

    from click.testing import CliRunner

    from spareforslag_xl.cli.main import cli
    from tests.conftest import SEED_MASTER
    from tests.importcheck import SEED_DOCUMENT

    runner = CliRunner()
    document = tmp_path / "forslag.md"
    shutil.copy(SEED_DOCUMENT, document)
    before = document.read_bytes()
    result = runner.invoke(cli, ["import", str(document), "-o", str(document), "--overwrite"])
    assert result.exit_code == 3
    assert result.output == (f"Error: {document}: is an input of this command; inputs are never overwritten. "
                             "Choose another output file or folder.\n")
    assert document.read_bytes() == before

    out = tmp_path / "build"
    (out / "afdelinger").mkdir(parents=True)
    master = out / "afdelinger" / "MSB.xlsx"  # the master where MSB's workbook would go
    shutil.copy(SEED_MASTER, master)
    before = master.read_bytes()
    result = runner.invoke(cli, ["build", str(master), "-o", str(out)])
    assert result.exit_code == 3, result.output
    assert result.stderr.endswith(f"Error: {master}: is an input of this command; inputs are never overwritten. "
                                  "Choose another output file or folder.\n")
    assert master.read_bytes() == before
