"""The examples of the README and the user guide run as written, in order, in a fresh copy of the
repository's inputs, and print what they show.

An example is a line ``$ command`` in a ```sh block; the lines after it, up to the next ``$`` or the
end of the block, are its output as shown. Each shown line must be a line of the real output (stdout
and stderr together); a line with ``…`` stands for a shortened line or for lines left out, and only
its text before ``…`` must start a line of the output. An example's exit code must be 0 or 1 (1:
differences or findings, as its text says); 2 and 3 never appear in the documents' examples.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

DOCUMENTS = {"README.md": "en", "docs/brugervejledning.md": "da"}


def examples(markdown: str) -> list[tuple[str, list[str]]]:
    """Return each example of the Markdown: its command and the output lines shown."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```sh\n(.*?)^```", markdown, flags=re.S | re.M):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                i += 1
                continue
            command = lines[i][2:]
            while command.endswith("\\") and i + 1 < len(lines):
                i += 1
                command = command[:-1] + " " + lines[i].strip()
            shown: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].startswith("$ "):
                shown.append(lines[i])
                i += 1
            found.append((command, shown))
    return found


def run(command: str, cwd: Path, language: str) -> subprocess.CompletedProcess:
    program = f"{sys.executable} -m spareforslag_xl"
    line = re.sub(r"^spareforslag\b", program, command)
    line = re.sub(r"^python\b", sys.executable, line)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SPAREFORSLAG_LANG")}
    env.update(SPAREFORSLAG_LANG=language, PYTHONPATH=str(REPO), COLUMNS="200")
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def missing(shown: list[str], output: str) -> list[str]:
    """Return the shown lines that the output does not have."""
    lines = [line.rstrip() for line in output.splitlines()]
    absent = []
    for want in shown:
        want = want.rstrip()
        if not want or want.strip() == "…":
            continue
        if "…" in want:
            head = want.split("…", 1)[0].rstrip()
            if not any(line.startswith(head) for line in lines):
                absent.append(want)
        elif want not in lines:
            absent.append(want)
    return absent


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_examples_run_as_written(document, tmp_path):
    work = tmp_path / "repo"
    work.mkdir()
    for folder in ("input", "scripts"):
        shutil.copytree(REPO / folder, work / folder)
    before = {p.name: p.read_bytes() for p in (work / "input").iterdir()}
    failures = []
    for command, shown in examples((REPO / document).read_text(encoding="utf-8")):
        done = run(command, work, DOCUMENTS[document])
        output = done.stdout + done.stderr
        if done.returncode not in (0, 1):
            failures.append(f"$ {command}\nexit {done.returncode}\n{output}")
        elif absent := missing(shown, output):
            failures.append(f"$ {command}\nnot in the output: {absent}\n--- output:\n{output}")
    assert not failures, "\n\n".join(failures)
    after = {name: (work / "input" / name).read_bytes() for name in before}
    assert after == before, "an example changed the repository's inputs"


def test_the_guide_shows_every_command():
    from spareforslag_xl.cli.main import cli

    guide = (REPO / "docs/brugervejledning.md").read_text(encoding="utf-8")
    shown = {command.split()[1] for command, _shown in examples(guide) if command.startswith("spareforslag ")}
    assert sorted(set(cli.commands) - shown) == []
