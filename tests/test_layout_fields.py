"""The master's Danish names live in ``model/layout.py`` alone; the program uses field names.

``test_no_danish_names_outside_the_layout`` parses every module of ``spareforslag_xl/master/``
and ``spareforslag_xl/core/`` with ``ast`` and fails when a string literal *is* one of the
layout's Danish names, or quotes one (``"... after 'Type'"``). The names are the column
headers, the setting names, the sheet names and the other words of the layout (the target
row 'Mål', the guide's headers): a message that names a column or a sheet for the user takes
it from the layout (``f"... '{L.LINES.header('from_year')}' ..."``), so that renaming a
header in the layout renames it everywhere.

Not checked, by design:
- docstrings and comments: they explain, the program never compares them;
- unquoted words inside longer text ("the column Nøgle"): too many headers are also ordinary
  words (Type, Status, Nr) to tell them apart; the messages were moved to the layout by hand;
- lower-case spellings such as the aliases of a distribution method ('faste beløb'): they are
  what a user may type, not a header;
- ``master/stated_sheet.py``: it is the one place for the layout of its own sheet
  'Dokumenttal', whose headers (Tema, Forslag, Afdeling, ...) are not the master's columns.
"""

import ast
from pathlib import Path

import pytest

from spareforslag_xl.model import layout as L
from spareforslag_xl.model.plan import Ref, at

PACKAGE = Path(L.__file__).resolve().parents[1]
CHECKED = ("master", "core")
"""The layers that read and check the master; the layout itself sits in model/, below both."""
EXEMPT = {PACKAGE / "model" / "layout.py", PACKAGE / "master" / "stated_sheet.py"}


def danish_names() -> set[str]:
    names = {c.header for lay in L.DATA_SHEETS for c in lay.columns}
    names |= set(L.SETTING_ORDER)
    names |= {lay.name for lay in L.DATA_SHEETS} | {L.GUIDE, L.TARGET_ROW}
    names |= set(L.GUIDE_COLUMNS)
    return names


def string_literals(tree: ast.AST) -> list[ast.Constant]:
    """Return the string constants of a module (f-string parts too), without docstrings."""
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def modules() -> list[Path]:
    return sorted(p for d in CHECKED for p in (PACKAGE / d).rglob("*.py") if p not in EXEMPT)


def test_the_check_sees_the_modules():
    found = {p.relative_to(PACKAGE).as_posix() for p in modules()}
    assert {"master/parse.py", "master/write.py", "master/settings.py", "master/tables.py",
            "core/validate.py", "core/recipients.py", "core/filenames.py"} <= found


def test_no_danish_names_outside_the_layout():
    names = danish_names()
    hits = []
    for path in modules():
        for node in string_literals(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            text = node.value
            found = [n for n in names if text == n or f"'{n}'" in text]
            if found:
                hits.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {text!r} ({', '.join(sorted(found))})")
    assert not hits, "Danish names of model/layout.py outside it (take them from the layout):\n" + "\n".join(hits)


def test_the_check_finds_a_header():
    tree = ast.parse('x = table.get(row, "Fra år")\ny = f"after \'Type\' {z}"\n"""A docstring naming \'Tema\'."""\n')
    texts = [node.value for node in string_literals(tree)]
    assert "Fra år" in texts and any("'Type'" in t for t in texts)
    assert not any("'Tema'" in t for t in texts)


@pytest.mark.parametrize("lay", L.DATA_SHEETS, ids=lambda lay: lay.name)
def test_fields_are_unique_identifiers_per_sheet(lay):
    fields = [c.field for c in lay.columns]
    assert len(set(fields)) == len(fields)
    assert all(f.isidentifier() and f == f.lower() for f in fields)
    for c in lay.columns:
        assert lay.column(c.field) is c and lay.header(c.field) == c.header
    if lay.years:
        assert lay.years_after in fields
    assert L.columns_in_order(lay, (2024,)) == [f if isinstance(f, int) else lay.header(f)
                                               for f in L.fields_in_order(lay, (2024,))]


def test_settings_have_field_names():
    assert list(L.SETTING_NAMES.values()) == list(L.SETTING_ORDER)
    assert L.SETTING_NAMES["residual_key"] == L.RESIDUAL_KEY
    assert all(L.SETTING_FIELDS[name] == f for f, name in L.SETTING_NAMES.items())


def test_refs_are_keyed_by_field():
    cell = Ref(L.LINES.name, "J6")
    refs = {"theme": Ref(L.LINES.name, "A6"), "key": cell, 2024: Ref(L.LINES.name, "E6")}
    assert at(refs, "key") is cell
    assert at(refs, "unknown") == Ref(L.LINES.name, "A6")
