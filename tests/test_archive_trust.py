"""The archive verifies what it trusts: a copy replaced by another master, a truncated copy, a log line
pointing outside arkiv/, a log that is not UTF-8, and 'arkiv' being a file. Each is a warning or a
message naming it, never a traceback, and a good copy is written again when the master is at hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from tests.conftest import write_master
from tests.plans import sample_plan
from tests.test_diff_builds import lowered


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def archived(tmp_path):
    """A folder with two builds (maj, then juni), and both masters."""
    old = write_master(tmp_path / "maj.xlsx", sample_plan())
    new = write_master(tmp_path / "juni.xlsx", lowered(sample_plan()))
    out = tmp_path / "out"
    assert run("build", old, "-o", out).exit_code == 0
    assert run("build", new, "-o", out).exit_code == 0
    log = (out / "arkiv" / "builds.txt").read_text(encoding="utf-8").splitlines()
    copies = [out / "arkiv" / line.split("\t")[0] for line in log]
    return old, new, out, copies


def test_the_log_records_each_copy_s_hash(archived):
    old, new, out, copies = archived
    lines = (out / "arkiv" / "builds.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[1] for line in lines] == ["maj.xlsx", "juni.xlsx"]
    assert all(line.split("\t")[2].startswith("sha256=") for line in lines)


def test_a_copy_replaced_by_another_master_is_not_trusted(archived):
    old, new, out, copies = archived
    shutil.copyfile(copies[1], copies[0])  # maj's copy now holds juni's master
    history = run("history", out)
    assert history.exit_code == 0
    assert "(not used: see the warning)" in history.stdout
    assert f"{copies[0]}: its content is not what the build that kept it wrote" in history.stderr
    # the next build of maj writes its copy again from the master
    again = run("build", old, "-o", out)
    assert again.exit_code == 0
    assert f"warning: {copies[0]}: its content is not what" in again.stderr
    assert "It is written again from the master." in again.stderr
    assert copies[0].read_bytes() == old.read_bytes()
    assert "(not used" not in run("history", out).stdout


def test_a_copy_replaced_without_a_recorded_hash_is_caught_by_its_plan(archived):
    old, new, out, copies = archived
    log = out / "arkiv" / "builds.txt"
    log.write_text("".join(line.split("\t")[0] + "\t" + line.split("\t")[1] + "\n"
                           for line in log.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    shutil.copyfile(copies[0], copies[1])  # juni's copy now holds maj's master: a log of an older version
    history = run("history", out)
    assert f"{copies[1]}: holds another master than its name says" in history.stderr
    since = run("build", new, "-o", out, "--since", "forrige")
    assert since.exit_code == 2
    assert "holds another master than its name says" in since.stderr and "Traceback" not in since.output


def test_a_truncated_copy_is_written_again(archived):
    old, new, out, copies = archived
    copies[1].write_bytes(copies[1].read_bytes()[:1000])
    assert "its content is not what" in run("history", out).stderr
    again = run("build", new, "-o", out)
    assert again.exit_code == 0 and "It is written again from the master." in again.stderr
    assert copies[1].read_bytes() == new.read_bytes()


def test_log_lines_cannot_leave_the_archive(archived, tmp_path):
    old, new, out, copies = archived
    secret = tmp_path / "2024-01-01-aaaaaaaaaaaa.xlsx"
    shutil.copyfile(old, secret)
    log = out / "arkiv" / "builds.txt"
    log.write_bytes(log.read_bytes() + b"../../2024-01-01-aaaaaaaaaaaa.xlsx\tx\n/etc/passwd\tx\n")
    since = run("build", new, "-o", out, "--since", "forrige")
    assert since.exit_code == 0, since.output
    assert "line 3, 4 cannot be read (not a kept copy's name, or not UTF-8); it is left out" in since.stderr
    history = run("history", out)
    assert "aaaaaaaaaaaa" not in history.stdout and "passwd" not in history.stdout


def test_a_log_that_is_not_utf8_is_a_warning(archived):
    old, new, out, copies = archived
    log = out / "arkiv" / "builds.txt"
    log.write_bytes(log.read_bytes() + b"\xff\xfe garbage \xe6\n")
    for args in (("history", out), ("build", new, "-o", out)):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "line 3 cannot be read" in result.stderr
    assert log.read_bytes().count(b"\n") == 4  # no line lost, the unreadable one kept as it was


def test_arkiv_being_a_file_is_named(tmp_path):
    old = write_master(tmp_path / "maj.xlsx", sample_plan())
    out = tmp_path / "out"
    out.mkdir()
    (out / "arkiv").write_text("not a folder", encoding="utf-8")
    result = run("build", old, "-o", out)
    assert result.exit_code == 3
    assert f"{out / 'arkiv'}: a file has the name of the archive's folder" in result.stderr
    assert not Path(out / "maj-rapport.xlsx").exists()


def test_a_copy_of_an_older_log_is_checked_by_its_plan_and_mended(archived):
    old, new, out, copies = archived
    log = out / "arkiv" / "builds.txt"
    log.write_text("".join("\t".join(line.split("\t")[:2]) + "\n"
                           for line in log.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    shutil.copyfile(copies[1], copies[0])  # maj's copy holds juni's master; the log records no hashes
    again = run("build", old, "-o", out)
    assert again.exit_code == 0
    assert f"warning: {copies[0]}: holds another master than its name says" in again.stderr
    assert copies[0].read_bytes() == old.read_bytes()
    assert log.read_text(encoding="utf-8").splitlines()[-1].split("\t")[2].startswith("sha256=")
    good = run("build", new, "-o", out)  # juni's copy is good: its hash is recorded from now on
    assert "arkiv" not in good.stderr.split("note:")[0]  # no warning about the archive
    assert log.read_text(encoding="utf-8").splitlines()[-1].split("\t")[2].startswith("sha256=")
