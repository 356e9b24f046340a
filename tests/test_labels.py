"""model/labels.py puts the core's facts into the report's words: bases, rests, key usage, scenarios."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from spareforslag_xl.core.compute import compute
from spareforslag_xl.core.keyuse import key_usage
from spareforslag_xl.core.parts import department_part
from spareforslag_xl.model.basis import Basis, BasisKind, KeyUse, RestCause
from spareforslag_xl.model.labels import (
    bases_text,
    basis_text,
    key_usage_line,
    key_uses_text,
    plan_title,
    rest_reason,
    rest_reasons,
)
from spareforslag_xl.model.plan import Scenario
from spareforslag_xl.render.mailtext import Worded
from tests.plans import sample_plan


@pytest.mark.parametrize("basis, text", [
    (Basis(BasisKind.NONE), "Ikke fordelt"),
    (Basis(BasisKind.FIXED), "Faste beløb"),
    (Basis(BasisKind.FIXED, from_year=2025), "Faste beløb fra 2025"),
    (Basis(BasisKind.KEY, "Administrativ fordelingsnøgle"), "Administrativ fordelingsnøgle"),
    (Basis(BasisKind.KEY, "Administrativ fordelingsnøgle", 2025, D("0.284")),
     "Administrativ fordelingsnøgle fra 2025 (28,4 %)"),
    (Basis(BasisKind.UNKNOWN_KEY, "Findes ikke"), "Ukendt nøgle 'Findes ikke' (ikke fordelt)"),
    (None, ""),
])
def test_basis_text(basis, text):
    assert basis_text(basis) == text


def test_bases_text_names_each_basis_once():
    key = Basis(BasisKind.KEY, "K", share=D("0.5"))
    assert bases_text([key, Basis(BasisKind.NONE), key]) == "K (50,0 %); Ikke fordelt"


@pytest.mark.parametrize("cause, text", [
    (RestCause(Basis(BasisKind.NONE)), "Ikke fordelt"),
    (RestCause(Basis(BasisKind.UNKNOWN_KEY, "X")), "Ukendt nøgle 'X'"),
    (RestCause(Basis(BasisKind.KEY, "K", 2025), 2025), "fordeles først fra 2025"),
    (RestCause(Basis(BasisKind.KEY, "K"), key_total=D("0.99")), "K summer til 99,0 %"),
    (RestCause(Basis(BasisKind.FIXED, from_year=2026), 2026, fixed=True),
     "fordeles først fra 2026; faste beløb summer ikke til beløbet"),
    (RestCause(Basis(BasisKind.KEY, "K")), "K"),
])
def test_rest_reason(cause, text):
    assert rest_reason(cause) == text


def test_the_rest_causes_of_the_sample():
    result = compute(sample_plan())
    reasons = {t.theme.number: rest_reasons(s.rest_cause for s in t.splits if any(s.rest.values()))
               for t in result.themes if any(t.rest.values())}
    assert "Ikke fordelt" in reasons.values()
    assert any("summer til" in r for r in reasons.values())


def test_key_usage_is_data_and_one_text():
    result = compute(sample_plan())
    used = key_usage(result.themes, result.difference_split)
    residual = result.difference_split.key.name
    assert used[residual].uses[-1] == KeyUse()
    assert all(u.theme is not None for name, usage in used.items() for u in usage.uses if name != residual)
    assert key_uses_text([KeyUse("1"), KeyUse("6", "2. Øget digitalisering"), KeyUse(), KeyUse(target=True)]) == (
        "tema 1, tema 6 (2. Øget digitalisering), differencen, andel af målet")
    assert key_usage_line(None) == "Anvendt til: ikke anvendt"
    assert key_usage_line(used[residual].uses).startswith("Anvendt til: tema ")
    with_target = key_usage(result.themes, result.difference_split, target=True)
    assert with_target[residual].uses[-2:] == (KeyUse(), KeyUse(target=True))


@pytest.mark.parametrize("title, scenario, text", [
    ("Spareforslag", None, "Spareforslag"),
    ("Spareforslag", Scenario.ADOPTED, "Spareforslag – vedtaget plan"),
    ("", Scenario.PROPOSED, "Alle forslag (før beslutning)"),
    ("", None, ""),
])
def test_plan_title(title, scenario, text):
    plan = sample_plan()
    plan = replace(plan, settings=replace(plan.settings, title=title), scenario=scenario)
    assert plan_title(plan) == text


def test_the_mail_templates_see_the_bases_as_text():
    part = department_part(compute(sample_plan()), "MSB")
    worded = Worded(part)
    assert worded.themes[0].basis == bases_text(part.themes[0].bases)
    assert worded.difference.basis == basis_text(part.difference.basis)
    assert worded.target_basis == basis_text(part.target_basis)
    assert all(isinstance(t.basis, str) for t in worded.largest())
    others = worded.others(1)
    assert others is not None and all(isinstance(t.basis, str) for t in others.themes)
    assert worded.department is part.department and worded.total == part.total
