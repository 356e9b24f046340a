"""The core returns facts; model/labels.py and the findings' catalogue put them into words.

Walks every module of spareforslag_xl/core/ and fails on a string literal a user would read:
one with a Danish letter (æ, ø, å), or one with a space and a letter (a phrase, a sentence, a
label such as 'Ikke fordelt' or ' fra '), and on gettext in the core (an import of gettext,
of model.i18n's ``_``, ``N_``, ``ngettext`` or ``lazy``, or a call of them). A finding is
raised by code with parameters (``error("unknown-key", ref, key=…)``); its words are the
templates of its code in the catalogue (model/codes.py, tests/test_finding_catalogue.py).

Not counted: docstrings (also those of attributes), the format specs of f-strings and the
messages of errors a programmer makes (ValueError and its kind: never shown as a finding).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "spareforslag_xl" / "core"

DANISH = re.compile(r"[æøåÆØÅ]")
LETTER = re.compile(r"[A-Za-z]")
GETTEXT = frozenset({"_", "N_", "ngettext", "lazy", "gettext"})
PROGRAMMER_ERRORS = frozenset({"ValueError", "TypeError", "KeyError", "IndexError", "AssertionError",
                               "RuntimeError", "NotImplementedError"})


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _docstrings(tree: ast.Module) -> set[int]:
    """Return the ids of every string that stands alone as a statement (docstrings, attribute docstrings)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        for statement in getattr(node, "body", ()) if isinstance(getattr(node, "body", None), list) else ():
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
                    and isinstance(statement.value.value, str):
                found.add(id(statement.value))
    return found


def _exempt(tree: ast.Module) -> set[int]:
    """Return the ids of the nodes whose texts are not counted (see the module's docstring)."""
    exempt: set[int] = set()

    def cover(node: ast.AST) -> None:
        exempt.update(id(sub) for sub in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in PROGRAMMER_ERRORS:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                cover(argument)
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            cover(node.format_spec)
    return exempt


def words(path: Path) -> list[str]:
    """Return 'line: text' for every user-facing text and use of gettext in a module of the core."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _exempt(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if DANISH.search(text) or (" " in text and LETTER.search(text)):
                found.append(f"{node.lineno}: {text!r}")
        elif isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if "gettext" in a.name]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = [a.name for a in node.names]
            if "gettext" in module or module.endswith("i18n") and set(names) & GETTEXT:
                found.append(f"{node.lineno}: from {module} import {', '.join(names)}")
        elif isinstance(node, ast.Call) and _name(node.func) in GETTEXT and id(node) not in skip:
            found.append(f"{node.lineno}: {_name(node.func)}(...)")
    return found


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_the_core_has_no_words(path: Path) -> None:
    found = words(path)
    assert found == [], f"{path.name} holds words: return facts and phrase them in model/labels.py"


@pytest.mark.parametrize("source, expected", [
    ('X = "Ikke fordelt"', ["1: 'Ikke fordelt'"]),
    ('def f(y):\n    return f" fra {y}"', ["2: ' fra '"]),
    ('X = "Nøgle"', ["1: 'Nøgle'"]),
    ('X = {"key-sum": 1, "none": 2}', []),
    ('"""Docstring with words and æøå."""', []),
    ('def f(x):\n    return f"{x:>{10}} x"', ["2: ' x'"]),
    ('def f():\n    raise ValueError("quantum must be positive")', []),
    ('def f():\n    return warning("code", ref, variant="no-keys", key=name)', []),
    ('def f():\n    return warning("code", _("a message"))', ["2: 'a message'", "2: _(...)"]),
    ('def f():\n    return _("a sentence")', ["2: 'a sentence'", "2: _(...)"]),
    ("from spareforslag_xl.model.i18n import _", ["1: from spareforslag_xl.model.i18n import _"]),
    ("import gettext", ["1: import gettext"]),
])
def test_the_rule(tmp_path: Path, source: str, expected: list[str]) -> None:
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    assert sorted(words(path)) == sorted(expected)
