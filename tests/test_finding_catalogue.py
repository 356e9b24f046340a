"""Every finding's words are its catalogue entry's: a finding is raised by code with parameters,
never with a sentence, and every placeholder of its templates is given where it is raised."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path
from string import Formatter

import openpyxl
import pytest

from spareforslag_xl.model import codes_words
from spareforslag_xl.model.catalogue import placeholders
from spareforslag_xl.model.codes import CATALOGUE, CODES
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import LazyPlural, LazyText, Template, fill, set_language
from spareforslag_xl.model.plan import Ref

PACKAGE = Path(__file__).resolve().parent.parent / "spareforslag_xl"
RAISERS = ("error", "warning")
WORDS = ("_", "gettext", "ngettext", "lazy", "lazy_plural", "N_")


MODULES = {str(path.relative_to(PACKAGE.parent)): ast.parse(path.read_text(encoding="utf-8"))
           for path in sorted(PACKAGE.rglob("*.py"))}


def _raises_findings(tree: ast.Module) -> bool:
    """True for a module that imports error or warning from model.findings."""
    return any(isinstance(node, ast.ImportFrom) and node.module == "spareforslag_xl.model.findings"
               and any(a.name in RAISERS for a in node.names) for node in ast.walk(tree))


def _calls(modules: dict[str, ast.Module], name: str | tuple[str, ...]) -> list[tuple[str, ast.Call]]:
    names = (name,) if isinstance(name, str) else name
    return [(path, node) for path, tree in modules.items() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names]


RAISED = _calls({path: tree for path, tree in MODULES.items() if _raises_findings(tree)}, RAISERS)
PHRASES = _calls(MODULES, "phrase")


def _where(path: str, node: ast.Call) -> str:
    return f"{path}:{node.lineno}"


def _is_words(node: ast.expr) -> bool:
    """True for a sentence written where a finding is raised: a text, an f-string, a translation, a .format."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Name) and func.id in WORDS) or (
            isinstance(func, ast.Attribute) and func.attr == "format")
    return False


def _variants(node: ast.expr | None) -> list[str] | None:
    """Return the variants a variant= argument can name ('' the default), or None when it is not literal."""
    if node is None:
        return [""]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _variants(node.body), _variants(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def test_findings_are_raised_somewhere():
    assert len(RAISED) > 80
    assert {path.split("/")[1] for path, _ in RAISED} >= {"master", "core", "app"}


def test_every_finding_is_raised_by_a_catalogue_code_with_parameters_and_no_sentence():
    problems = []
    for path, call in RAISED:
        where = _where(path, call)
        if not call.args or not isinstance(call.args[0], ast.Constant) or call.args[0].value not in CATALOGUE:
            problems.append(f"{where}: the first argument is not a code of the catalogue (model/codes.py)")
            continue
        if len(call.args) > 2 or any(isinstance(a, ast.Starred) for a in call.args):
            problems.append(f"{where}: only the code and the cell are positional; the words are the catalogue's")
        if any(k.arg is None for k in call.keywords):
            problems.append(f"{where}: name every parameter (no **params), so that this test can check them")
        for arg in [*call.args[1:], *(k.value for k in call.keywords if k.arg != "variant")]:
            if _is_words(arg):
                problems.append(f"{where}: a sentence is written here ({ast.unparse(arg)[:60]}); put the words in "
                                "the code's catalogue entry or in model/codes_words.py")
    assert problems == []


def test_every_placeholder_of_a_findings_templates_is_given_where_it_is_raised():
    problems = []
    for path, call in RAISED:
        code = CATALOGUE[call.args[0].value]  # type: ignore[attr-defined]
        where = f"{_where(path, call)} ({code.code})"
        variant = next((k.value for k in call.keywords if k.arg == "variant"), None)
        names = _variants(variant)
        if names is None:
            problems.append(f"{where}: variant= is not a text or a choice between texts")
            continue
        given = {k.arg for k in call.keywords if k.arg not in (None, "variant")}
        needed_by_any: set[str] = set()
        for name in names:
            try:
                wording = code.wording(name)
            except KeyError:
                problems.append(f"{where}: no variant {name!r} in the catalogue")
                continue
            needed = placeholders(wording.message) | placeholders(wording.hint)
            needed_by_any |= needed
            if needed - given:
                problems.append(f"{where}: variant {name!r} needs {sorted(needed - given)}")
        if given - needed_by_any:
            problems.append(f"{where}: parameters no template uses: {sorted(given - needed_by_any)}")
    assert problems == []


def test_every_wording_of_the_catalogue_is_raised_somewhere():
    raised = set()
    for _, call in RAISED:
        variant = next((k.value for k in call.keywords if k.arg == "variant"), None)
        raised |= {(call.args[0].value, name) for name in _variants(variant) or []}  # type: ignore[attr-defined]
    unused = [(c.code, w.name) for c in CODES for w in c.wordings() if (c.code, w.name) not in raised]
    assert unused == [], "wordings no call site uses: remove them from the catalogue"


def _template(node: ast.expr) -> Template | None:
    """Return the template a phrase(...) starts with: a name of model/codes_words.py (X or W.X)."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    value = getattr(codes_words, name, None)
    return value if isinstance(value, (LazyText, LazyPlural)) else None


def test_every_phrase_of_a_finding_gets_exactly_its_placeholders():
    assert len(PHRASES) > 20
    problems = []
    for path, call in PHRASES:
        template = _template(call.args[0])
        if template is None:
            problems.append(f"{_where(path, call)}: a phrase's template is a name of model/codes_words.py")
            continue
        given = {k.arg for k in call.keywords}
        if given != placeholders(template):
            problems.append(f"{_where(path, call)}: gives {sorted(given)}, needs {sorted(placeholders(template))}")
    assert problems == []


def test_a_finding_holds_no_text_of_its_own():
    assert [f.name for f in fields(Finding)] == ["severity", "code", "ref", "variant", "params"]
    made_directly = [_where(path, call) for path, call in _calls(MODULES, "Finding")
                     if not path.endswith("model/findings.py")]
    assert made_directly == [], "raise findings with error()/warning()"


def test_an_unknown_code_variant_or_severity_fails_where_it_is_raised():
    with pytest.raises(KeyError):
        error("no-such-code", None)
    with pytest.raises(KeyError, match="no variant"):
        warning("missing-value", None, variant="no-such-variant")
    with pytest.raises(ValueError, match="not reported as error"):
        error("key-not-100", None, key="K", total="99 %", rest="1 %")


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_template_renders_with_its_placeholders(language):
    for code in CODES:
        for wording in code.wordings():
            for template in (wording.message, wording.hint):
                for n in (1, 2):
                    params = {name: n if isinstance(template, LazyPlural) and name == template.count else "X"
                              for name in placeholders(template)}
                    text = fill(template, language, params)
                    assert text and "{" not in text.replace("{}", ""), (code.code, wording.name, text)


def test_the_danish_templates_have_the_placeholders_of_the_english():
    from spareforslag_xl.model.i18n import translations

    da = translations("da")
    for code in CODES:
        for wording in code.wordings():
            for template in (wording.message, wording.hint):
                texts = ((template.singular, template.plural) if isinstance(template, LazyPlural)
                         else (template.message,))
                for text in texts:
                    danish = da.gettext(text) if not isinstance(template, LazyPlural) else da.ngettext(
                        template.singular, template.plural, 1 if text == template.singular else 2)
                    assert danish != text, (code.code, text)
                    fields_en = {f for _, f, _, _ in Formatter().parse(text) if f}
                    fields_da = {f for _, f, _, _ in Formatter().parse(danish) if f}
                    assert fields_da <= fields_en, (code.code, text)


def test_a_finding_is_put_into_words_in_the_language_asked_for_whatever_the_language_in_use():
    set_language("en")
    found = error("missing-sheet", Ref("Forslag"), name="Forslag", found=codes_words.NONE)
    assert found.message == "the master has no sheet 'Forslag' (sheets found: none)."
    assert found.message_in("da") == "grundarket har ingen fane 'Forslag' (fundne faner: ingen)."
    assert found.hint_in("en") == found.hint
    assert found.hint_in("da").startswith("Tilføj fanen")
    assert found.message_in("en") == found.message


def test_the_words_inside_a_message_follow_its_language():
    from spareforslag_xl.master.cells import CellReader

    reader = CellReader()
    reader.amount("abc", Ref("Forslag", "E2"))
    (found,) = reader.findings
    assert found.message_in("en") == "the amount 'abc' is not a number."
    assert found.message_in("da") == "beløbet 'abc' er ikke et tal."


def test_the_kontrol_sheet_is_danish_when_the_command_speaks_english(master, tmp_path):
    from spareforslag_xl.app.build import build_reports

    set_language("en")
    path = master(edits={"Forslag!E2": "abc"})
    out = build_reports(path, tmp_path / "out", force=True).files[0]
    checks = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Kontrol"].iter_rows(min_row=6)]
    row = next(r for r in checks if r[1] == "not-a-number")
    assert row[4:6] == ["beløbet 'abc' er ikke et tal.",
                        "Skriv et tal, eller '-' / lad cellen være tom, når beløbet ikke er anslået."]
