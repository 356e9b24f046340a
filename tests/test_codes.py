"""The catalogue of finding codes: the code uses exactly its codes, the README's table is the
catalogue, `validate --codes` lists it in Danish (and English on request), --json keeps the code."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from spareforslag_xl.model.codes import CATALOGUE, CODES
from spareforslag_xl.model.i18n import gettext, set_language

REPO = Path(__file__).resolve().parent.parent


def _used() -> dict[str, set[str]]:
    """code → the severities (error/warning) it is created with anywhere in the package."""
    used: dict[str, set[str]] = {}
    for path in (REPO / "spareforslag_xl").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("error", "warning")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                used.setdefault(node.args[0].value, set()).add(node.func.id)
    return used


def test_the_code_uses_exactly_the_catalogues_codes_with_their_severities():
    used = _used()
    assert sorted(set(used) - set(CATALOGUE)) == [], "add these codes to model/codes.py"
    assert sorted(set(CATALOGUE) - set(used)) == [], "codes no longer used: remove them from model/codes.py"
    for code, severities in used.items():
        assert severities == {s.value for s in CATALOGUE[code].severities}, code


def test_the_readme_table_of_codes_is_the_catalogue():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning|error/warning) \| (.+) \|$", readme, re.M)
    assert rows == [(c.code, "/".join(s.value for s in c.severities), c.meaning.message) for c in CODES]


def test_every_code_means_something_in_danish():
    set_language("da")
    same = [c.code for c in CODES if str(c.meaning) == c.meaning.message]
    assert same == []


@pytest.mark.danish
def test_validate_codes_lists_the_catalogue_in_danish():
    result = CliRunner().invoke(cli, ["validate", "--codes"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Kode", "Alvor", "Betydning"]
    assert len(lines) == 1 + len(CODES)
    assert re.sub(r" +", " ", next(line for line in lines if line.startswith("key-not-100 "))) == (
        "key-not-100 advarsel En nøgles andele summerer til under 100 %; resten står som 'Ikke fordelt'.")
    assert re.sub(r" +", " ", next(line for line in lines if line.startswith("missing-setting "))) == (
        "missing-setting fejl/advarsel En indstilling er tom (en fejl, når programmet har brug for den).")


def test_validate_codes_in_english_and_as_json():
    result = CliRunner().invoke(cli, ["validate", "--codes", "--json"])
    listed = json.loads(result.output)
    assert next(c for c in listed if c["code"] == "bad-setting") == {"code": "bad-setting", "severities": ["error"],
                         "meaning": "A setting has a value it cannot have (e.g. Decimaler outside 0-4)."}
    assert [c["code"] for c in listed] == [c.code for c in CODES]


@pytest.mark.danish
def test_json_keeps_the_stable_code_beside_the_danish_message(master):
    from tests.plans import sample_plan  # noqa: F401 - the fixture's plan

    path = master(edits={"Nøgler!C2": 0.5})
    result = CliRunner().invoke(cli, ["validate", "--json", str(path)])
    findings = json.loads(result.output)
    assert findings
    over = next(f for f in findings if f["code"] == "key-over-100")
    assert over["message"].startswith("andelene i nøglen '")
    assert over["hint"] == "Ret andelene, så de summerer til 100 %."
    assert all(f["severity"] in ("error", "warning") for f in findings)


def test_severity_words():
    set_language("da")
    assert (gettext("error"), gettext("warning"), gettext("fix:")) == ("fejl", "advarsel", "ret:")
