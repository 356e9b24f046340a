"""The catalogues: every message has a Danish translation, the catalogue is in step with the code,
the compiled .mo with the .po; Danish is the default and English is there on request."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from spareforslag_xl.model import i18n

REPO = Path(__file__).resolve().parent.parent
PO = REPO / "spareforslag_xl" / "locale" / "da" / "LC_MESSAGES" / "spareforslag.po"
MO = PO.with_suffix(".mo")


def _po():
    from babel.messages.pofile import read_po

    with PO.open("rb") as fh:
        return read_po(fh)


def _extracted() -> set[str]:
    """The message ids Babel extracts from the code now (as `make catalog` does)."""
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy": None, "lazy_plural": (1, 2), "N_": None}
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(REPO / "spareforslag_xl"), keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_has_a_danish_translation():
    untranslated = [m.id for m in _po() if m.id and (not all(m.string) if isinstance(m.string, tuple)
                                                       else not m.string)]
    fuzzy = [m.id for m in _po() if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == [], "run `make catalog` and translate these in " + str(PO)


def test_the_catalogue_is_in_step_with_the_code():
    in_po = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _po() if m.id}
    extracted = _extracted()
    assert sorted(extracted - in_po) == [], "new messages: run `make catalog` and translate them"
    assert sorted(in_po - extracted) == [], "messages no longer in the code: run `make catalog`"


def test_the_compiled_catalogue_is_that_of_the_po():
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for m in _po():
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            assert compiled.ngettext(m.id[0], m.id[1], 1) == m.string[0], m.id
            assert compiled.ngettext(m.id[0], m.id[1], 5) == m.string[1], m.id
        else:
            assert compiled.gettext(m.id) == m.string, f"{m.id!r}: run `make catalog` to compile the .mo"


def test_the_translated_texts_of_click_are_texts_of_the_installed_click():
    import click

    from spareforslag_xl.cli.click_texts import CLICK_TEXTS

    source = "".join(p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py"))
    missing = [t for t in CLICK_TEXTS if repr(t)[1:-1] not in source and t not in source]
    assert missing == []


def test_placeholders_are_kept_in_the_translations():
    pattern = re.compile(r"\{[^}]*\}|%\([a-z]+\)s")
    for m in _po():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(pattern.findall(ids[-1]))
        for s in strings:
            assert set(pattern.findall(s)) <= wanted | set(pattern.findall(ids[0])), m.id


@pytest.mark.danish
def test_danish_is_the_default_also_on_an_english_locale(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "C")
    result = CliRunner().invoke(cli, ["validate", "--help"], prog_name="spareforslag")
    assert result.exit_code == 0
    assert result.output.startswith("Brug: spareforslag validate [TILVALG] [GRUNDARK]\n")
    assert "  --strict       Slutkode 1 også ved advarsler.\n" in result.output
    assert "  -h, --help     Vis denne hjælp, og afslut.\n" in result.output


@pytest.mark.danish
def test_click_errors_are_danish():
    result = CliRunner().invoke(cli, ["validate", "--bogus"], prog_name="spareforslag")
    assert result.exit_code == 2
    assert result.stderr == ("Brug: spareforslag validate [TILVALG] [GRUNDARK]\n"
                             "Prøv 'spareforslag validate --help' for at få hjælp.\n\n"
                             "Fejl: Tilvalget '--bogus' findes ikke.\n")


@pytest.mark.danish
@pytest.mark.parametrize("args", [["--lang", "en", "validate", "--bogus"], ["--lang=en", "validate", "--bogus"]])
def test_lang_en_on_the_group_speaks_english_even_for_a_usage_error(args):
    result = CliRunner().invoke(cli, args, prog_name="spareforslag")
    assert result.stderr.endswith("Error: No such option '--bogus'.\n")
    assert result.stderr.startswith("Usage: spareforslag validate [OPTIONS] [MASTER]\n")


@pytest.mark.danish
def test_the_environment_variable_chooses_english():
    result = CliRunner().invoke(cli, ["--help"], env={i18n.ENV: "en"}, prog_name="spareforslag")
    assert result.output.startswith("Usage: spareforslag [OPTIONS] COMMAND [ARGS]...\n")
    assert "  --lang [da|en]  Language of messages" in result.output


@pytest.mark.danish
@pytest.mark.parametrize("command", ["init", "validate", "build", "import", "audit", "mail", "reconcile"])
def test_every_commands_help_is_danish(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Eksempel:" in result.output and "Tilvalg:" in result.output
    assert not re.search(r"\b(the|and|when|with|Options|Usage|Example)\b", result.output), result.output


def test_help_loads_no_heavy_library_and_not_babel():
    """--help and --version stay fast (bench/run.py measures them against 0.15 s): the runtime needs
    only the stdlib's gettext and the compiled .mo, not Babel (a development tool)."""
    code = ("import sys; from spareforslag_xl.cli.main import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'jinja2', 'babel') if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k != i18n.ENV}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=REPO).stdout
    assert out.startswith("Brug: -c [TILVALG]")
    assert out.strip().splitlines()[-1] == "[]"
