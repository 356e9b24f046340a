"""The README's 'Python API' kept true: every example runs, in order, in a copy of input/.

Each ```python block of the section runs in a fresh namespace in one temporary folder, so a
later example may use what an earlier one wrote (history lists the builds of 'build'). A comment
on a print, or on the lines right after it, is what it prints: a printed line must begin with it
(up to a '…'), or it with the printed line (the rest explains). The package's face
(spareforslag_xl.app) offers every name the examples import.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import spareforslag_xl.app as app

REPO = Path(__file__).resolve().parent.parent
COMMANDS = ("check", "build", "import", "reconcile", "budgetaendringer", "diff", "mail", "history", "audit", "init")
"""The library calls the section documents, each under its own heading, in this order."""
HEADING_OF = {"validate": "check"}
"""The heading of a command whose library call is named otherwise; the others are the command's name."""


def api_examples(text: str) -> list[tuple[str, str]]:
    """Return (heading, code) for each python block of the README's 'Python API' section, in order."""
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    examples, heading = [], ""
    for match in re.finditer(r"^### (.+?)$|^```python\n(.*?)^```$", section, re.M | re.S):
        if match.group(1) is not None:
            heading = match.group(1)
        else:
            examples.append((heading, match.group(2)))
    return examples


def shown_output(code: str) -> list[str]:
    """Return the comments of an example that say what its prints print."""
    shown, after_print = [], False
    for line in code.splitlines():
        text, _, comment = line.partition("  # ") if not line.lstrip().startswith("#") else ("", "", line.lstrip()[2:])
        if text:
            after_print = "print(" in text
            if after_print and comment:
                shown.append(comment)
        elif comment and after_print:
            shown.append(comment)
    return shown


def matches(printed: str, shown: str) -> bool:
    head = shown.split("…")[0].rstrip()
    return printed.startswith(head) or (bool(printed) and shown.startswith(printed))


EXAMPLES = api_examples((REPO / "README.md").read_text(encoding="utf-8"))


def test_every_library_call_has_an_example():
    assert [heading for heading, _ in EXAMPLES] == list(COMMANDS)


def test_every_command_is_in_the_python_api():
    from spareforslag_xl.cli.main import cli

    assert sorted(HEADING_OF.get(name, name) for name in cli.commands) == sorted(COMMANDS)


def test_the_examples_run(tmp_path, monkeypatch, capsys):
    shutil.copytree(REPO / "input", tmp_path / "input")
    monkeypatch.chdir(tmp_path)
    printed = {}
    for heading, code in EXAMPLES:
        try:
            exec(compile(code, f"README.md, Python API, {heading}", "exec"), {"__name__": "__readme__"})
        except Exception as exc:  # pragma: no cover - the message says which example failed
            pytest.fail(f"the README's example '{heading}' fails: {exc!r}")
        printed[heading] = capsys.readouterr().out.splitlines()
        for shown in shown_output(code):
            assert any(matches(line, shown) for line in printed[heading]), (heading, shown, printed[heading])
    assert sum(len(shown_output(code)) for _, code in EXAMPLES) >= 15  # the comments are found
    assert (tmp_path / "build" / "spareforslag-budget-2024-rapport.xlsx").is_file()
    assert sorted(p.name for p in (tmp_path / "build" / "afdelinger").iterdir()) == ["MBU.xlsx", "MSB.xlsx"]
    assert [p.name for p in (tmp_path / "build" / "mails").iterdir()] == ["MSB.eml"]
    assert len(printed["history"]) == 1


def test_the_face_offers_each_name_from_its_module():
    assert sorted(app.__all__) == sorted(app._HOME)
    for name, module in app._HOME.items():
        assert getattr(app, name) is getattr(importlib.import_module(module), name)
    with pytest.raises(AttributeError):
        app.no_such_name  # noqa: B018


HEAVY = ("openpyxl", "xlsxwriter", "jinja2")


@pytest.mark.parametrize("code", [
    "import spareforslag_xl.app",
    "from spareforslag_xl.app import SpareforslagError, Scenario",
    "from spareforslag_xl.cli.main import cli\ntry:\n    cli(['--version'])\nexcept SystemExit:\n    pass",
])
def test_the_face_and_version_load_none_of_the_heavy_libraries(code):
    shown = f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", f"import sys\n{code}\n{shown}"], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    assert out.strip().splitlines()[-1] == "[]"
