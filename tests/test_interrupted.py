"""All or none under any interruption: builds killed (SIGKILL) at every step of the replacement and at
random moments, interrupted by Ctrl-C, and run two at once into one folder.

The invariant checked after each kill: once the next command has taken the folder's lock (and so
rolled back or completed what the killed run left), every output is the complete old version or
every output is the complete new one, and nothing else is left beside them.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spareforslag_xl.io import journal
from spareforslag_xl.io.journal import CRASH_HOOK, JOURNAL, TEMP_PREFIX
from spareforslag_xl.io.lock import LOCK_FILE, locked
from spareforslag_xl.io.output import write_all

OLD = {"r.xlsx": b"old r", "afd/a.xlsx": b"old a", "afd/b.xlsx": b"old b"}
NEW = {"r.xlsx": b"new r", "afd/a.xlsx": b"new a", "afd/b.xlsx": b"new b", "afd/c.xlsx": b"new c"}


def state(root: Path) -> dict[str, bytes]:
    """Return every file under root but the lock file, by its path relative to root."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != LOCK_FILE}


def run_killed(script: str, step: str) -> int:
    env = dict(os.environ, **{CRASH_HOOK: step})
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True).returncode


def test_a_replacement_killed_at_every_step_is_rolled_back_or_completed(tmp_path):
    root = tmp_path / "out"
    write_all({root / k: v for k, v in OLD.items()})
    script = (f"from pathlib import Path\nfrom spareforslag_xl.io.output import write_all\nr = Path({str(root)!r})\n"
              f"write_all({{r / k: v for k, v in {NEW!r}.items()}})\n")
    outcomes = []
    step = 1
    while True:
        shutil.rmtree(root)
        write_all({root / k: v for k, v in OLD.items()})
        code = run_killed(script, str(step))
        with locked(root) as held:
            after = state(root)
        assert after in (OLD, NEW), (step, after)
        outcomes.append((code, after == NEW, [r.completed for r in held.recovered]))
        if code == 0:
            break
        assert code == -signal.SIGKILL
        step += 1
    kills = outcomes[:-1]
    assert len(kills) >= 2 * len(NEW) + 2  # a kill before every rename, the journal and the commit
    assert [new for _, new, _ in kills].count(False) > 0 and [new for _, new, _ in kills].count(True) > 0
    assert any(r == [False] for _, _, r in kills) and any(r == [True] for _, _, r in kills)


@pytest.mark.parametrize("step", range(1, 14))
def test_ctrl_c_at_any_step_rolls_back_or_leaves_the_new_set(tmp_path, monkeypatch, step):
    root = tmp_path / "out"
    write_all({root / k: v for k, v in OLD.items()})
    monkeypatch.setenv(CRASH_HOOK, f"int:{step}")
    monkeypatch.setattr(journal, "_steps", 0)
    try:
        write_all({root / k: v for k, v in NEW.items()})
        interrupted = False
    except KeyboardInterrupt:
        interrupted = True
    monkeypatch.delenv(CRASH_HOOK)
    before_recovery = state(root)
    if interrupted and JOURNAL not in before_recovery:
        assert before_recovery == OLD  # Ctrl-C before the commit: rolled back at once, nothing left behind
    with locked(root):
        assert state(root) in (OLD, NEW)


def test_a_journal_cannot_move_files_out_of_the_folder(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"keep me")
    (root / JOURNAL).write_text('{"state": "prepared", "entries": [{"target": "../precious.txt", '
                                '"temp": "x", "backup": null}]}', encoding="utf-8")
    with locked(root) as held:
        pass
    assert outside.read_bytes() == b"keep me" and not (root / JOURNAL).exists()
    assert [r.files for r in held.recovered] == [()]


# Whole builds, as the user runs them.

def build(master: Path, out: Path, step: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, SPAREFORSLAG_LANG="en", **({CRASH_HOOK: step} if step else {}))
    return subprocess.run([sys.executable, "-m", "spareforslag_xl", "build", str(master), "-o", str(out)],
                          env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def two_masters(tmp_path_factory):
    from tests.conftest import write_master

    folder = tmp_path_factory.mktemp("masters")
    a = write_master(folder / "m.xlsx")
    (folder / "b").mkdir()
    b = write_master(folder / "b" / "m.xlsx", None, {"Mål!C2": 51000})
    old, new = folder / "old", folder / "new"
    assert build(a, old).returncode == 0
    shutil.copytree(old, new)
    assert build(b, new).returncode == 0
    return a, b, state(old), state(new)


def outputs_of(out: Path) -> dict[str, bytes]:
    with locked(out):
        return state(out)


def test_a_build_killed_at_every_step_leaves_the_old_or_the_new_outputs(two_masters, tmp_path):
    a, b, old, new = two_masters
    seen = {"old": 0, "new": 0}
    step = 1
    while True:
        out = tmp_path / f"out{step}"
        assert build(a, out).returncode == 0
        result = build(b, out, str(step))
        after = outputs_of(out)
        assert after in (old, new), f"step {step}: {sorted(set(after) ^ set(new))}"
        seen["new" if after == new else "old"] += 1
        shutil.rmtree(out)
        if result.returncode == 0:
            break
        assert result.returncode == -signal.SIGKILL
        step += 1
    assert seen["old"] >= 2 * len(new) - 2 and seen["new"] >= 2


def test_the_next_build_says_what_it_recovered(two_masters, tmp_path):
    a, b, old, new = two_masters
    out = tmp_path / "out"
    assert build(a, out).returncode == 0
    assert build(b, out, "4").returncode == -signal.SIGKILL  # two files replaced, the third moved aside
    again = build(b, out)
    assert again.returncode == 0
    assert "was interrupted while replacing its outputs; its changes were rolled back" in again.stderr
    assert state(out) == new


def test_builds_killed_at_random_moments(two_masters, tmp_path):
    """Kills at random moments of whole builds whose replacement is slowed down (0,1 s before each step),
    so that many land inside it; each leaves the old or the new set once the folder is taken again."""
    a, b, old, new = two_masters
    slow = dict(os.environ, SPAREFORSLAG_LANG="en", **{CRASH_HOOK: "slow:0.1"})
    assert build(a, tmp_path / "timing").returncode == 0
    shutil.copytree(tmp_path / "timing", tmp_path / "measure")
    start = time.monotonic()
    assert subprocess.run([sys.executable, "-m", "spareforslag_xl", "build", str(b), "-o", str(tmp_path / "measure")],
                          env=slow, capture_output=True).returncode == 0
    duration = time.monotonic() - start
    rng = random.Random(20)
    seen = []
    for i in range(8):
        out = tmp_path / f"out{i}"
        shutil.copytree(tmp_path / "timing", out)
        proc = subprocess.Popen([sys.executable, "-m", "spareforslag_xl", "build", str(b), "-o", str(out)], env=slow,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with locked(out) as held:
            after = state(out)
        assert after in (old, new), i
        seen.append(("new" if after == new else "old", [r.completed for r in held.recovered]))
    assert any(recovered for _, recovered in seen), seen  # some kills did land inside the replacement


def test_two_builds_at_once_into_one_folder(two_masters, tmp_path):
    a, b, old, new = two_masters
    out = tmp_path / "out"
    assert build(a, out).returncode == 0
    env = dict(os.environ, SPAREFORSLAG_LOCK_WAIT="60")
    procs = [subprocess.Popen([sys.executable, "-m", "spareforslag_xl", "build", str(m), "-o", str(out)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for m in (b, a)]
    assert [p.wait() for p in procs] == [0, 0]
    for p in procs:
        p.stderr.close()
    lines = (out / "arkiv" / "builds.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3  # no line lost
    report = out / "m-rapport.xlsx"
    last_is_b = lines[-1].split("\t")[0] in {Path(k).name for k in new if k.startswith("arkiv/") and k not in old}
    expected = new if last_is_b else old
    assert report.read_bytes() == expected["m-rapport.xlsx"]
    assert all((out / k).read_bytes() == v for k, v in expected.items() if k.startswith("afdelinger/"))


def test_a_second_command_waits_then_names_the_holder(two_masters, tmp_path):
    a, b, old, new = two_masters
    out = tmp_path / "out"
    with locked(out, "spareforslag build"):
        env = dict(os.environ, SPAREFORSLAG_LOCK_WAIT="0.3")
        for command in (["build", str(a), "-o", str(out)], ["mail", str(a), "-o", str(out)],
                        ["diff", str(a), str(a), "-o", str(out / "aendringer.xlsx")]):
            result = subprocess.run([sys.executable, "-m", "spareforslag_xl", *command], env=env,
                                    capture_output=True, text=True)
            assert result.returncode == 3, result.stderr
            assert f"another spareforslag command is writing into this folder (process {os.getpid()}, " \
                   "spareforslag build, since" in result.stderr
    assert not [p for p in out.rglob("*.xlsx")]


def test_temporary_files_are_never_taken_for_outputs():
    assert not TEMP_PREFIX.endswith((".xlsx", ".eml"))


@pytest.mark.parametrize("step", [2, 5, 9])
def test_ctrl_c_during_a_build_s_renames_rolls_back_at_once(two_masters, tmp_path, step):
    a, b, old, new = two_masters
    out = tmp_path / "out"
    assert build(a, out).returncode == 0
    result = build(b, out, f"int:{step}")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert JOURNAL not in state(out) and state(out) == old  # rolled back before the process ended
