"""Plans built in code for the tests: a sample shaped like the seed, and helpers to vary it."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from spareforslag_xl.model.plan import (
    Department,
    DistributionKey,
    FixedAmount,
    KeyShare,
    Method,
    Plan,
    ProposalLine,
    Rule,
    Settings,
    Theme,
)

YEARS = (2024, 2025, 2026, 2027)
ADMIN = "Administrativ fordelingsnøgle"
PAY = "Lønforhandlinger"

DEPARTMENTS = (
    ("MSB", "Sociale Forhold og Beskæftigelse", "0.284"),
    ("MTM", "Teknik og Miljø", "0.081"),
    ("MSO", "Sundhed og Omsorg", "0.135"),
    ("MKB", "Kultur og Borgerservice", "0.068"),
    ("MBU", "Børn og Unge", "0.279"),
    ("BA", "Borgmesterens Afdeling", "0.153"),
)
PAY_SHARES = {"MSB": "0", "MTM": "0.16", "MSO": "0.32", "MKB": "0.11", "MBU": "0.32", "BA": "0.08"}


def amounts(*values, years: Sequence[int] = YEARS) -> dict[int, Optional[Decimal]]:
    """amounts(500, None, '1.5') → {2024: 500, 2025: None, 2026: 1.5}."""
    return {y: (None if v is None else Decimal(str(v))) for y, v in zip(years, values)}


def key(name: str, shares: dict[str, str]) -> DistributionKey:
    return DistributionKey(name, tuple(KeyShare(code, Decimal(s)) for code, s in shares.items()))


def sample_plan(**changes) -> Plan:
    """A plan with every kind of distribution the seed has: fixed, key, key from year 2,
    a 99 % key on one line, not distributed, not estimated, a theme without lines."""
    years = YEARS
    departments = tuple(
        Department(code, name, (f"budget.{code.lower()}@example.org",), f"Kontakt {code}")
        for code, name, _ in DEPARTMENTS
    )
    keys = (key(ADMIN, {c: s for c, _, s in DEPARTMENTS}), key(PAY, PAY_SHARES))
    themes = (
        Theme("1", "Fokus på at tingene kun skal gøres en gang", status="(temaet er slået ind under tema 8)"),
        Theme("2", "Forenkling af politikker, planer og strategier", rule=Rule(Method.FIXED),
              description="Første afsnit.\n\nAndet afsnit.", distribution_text="BA: 1 mio. kr."),
        Theme("3", "Kommunikation", rule=Rule(Method.KEY, ADMIN)),
        Theme("5", "Forenkling af MED-systemet", rule=Rule(Method.KEY, ADMIN, 2025)),
        Theme("6", "Forenkling af lønforhandlinger", salary=Decimal(575)),
        Theme("7", "ERP-systemer, AI, automatisering og RPA", rule=Rule(Method.KEY, ADMIN), salary=Decimal(600)),
        Theme("8", "Indkøb, Fælles IT, licenser og telefoni", rule=Rule(Method.NONE)),
        Theme("11", "Borgerinddragelse og medborgerskab", rule=Rule(Method.NONE)),
    )
    lines = (
        ProposalLine("2", "", "Ikke-lovpligtige politikker, planer og strategier", amounts(3250, 3250, 3250, 3250)),
        ProposalLine("3", "", "Insourcing af eksterne kommunikationsopgaver", amounts(2000, 2000, 2000, 2000)),
        ProposalLine("5", "", "Færre og mere effektive møder i FMU og HMU", amounts(1000, 1000, 1000, 1000)),
        ProposalLine("5", "", "Analyse af potentialer for effektiviseringer i LMU", amounts(0, 3000, 3000, 3000)),
        ProposalLine("6", "1", "Forenkling af lønforhandlinger", amounts(500, 500, 500, 500), rule=Rule(Method.KEY, PAY)),
        ProposalLine("6", "2", "Øget digitalisering onboarding", amounts(500, 1000, 1500, 2000), rule=Rule(Method.KEY, ADMIN)),
        ProposalLine("6", "3", "Størrelse på ansættelsesudvalg", amounts(None, None, None, None), rule=Rule(Method.NONE)),
        ProposalLine("7", "1", "AI, Automatisering og RPA", amounts(5000, 10000, 10000, 10000)),
        ProposalLine("7", "2", "ERP-systemer", amounts(0, 0, 0, 0)),
        ProposalLine("8", "", "Genbrugsportal", amounts(1000, 1000, 1800, 1800)),
        ProposalLine("8", "", "FleetOptimiser", amounts(None, None, None, None)),
        ProposalLine("11", "", "Forslag 1", amounts(0, None, None, None)),
    )
    fixed = tuple(
        FixedAmount("2", "", code, amounts(v, v, v, v))
        for code, v in (("BA", 1000), ("MTM", 750), ("MSB", 500), ("MBU", 500), ("MSO", 500), ("MKB", 0))
    )
    settings = Settings(
        title="Administrative spareforslag (prøve)",
        subtitle="Prøveplan til test",
        municipality="Prøve Kommune",
        budget_year=2024,
        residual_key=ADMIN,
        target=amounts(50000, 50000, 50000, 50000),
    )
    plan = Plan(settings, years, departments, keys, themes, lines, fixed, source_name="sample.xlsx")
    return replace_plan(plan, **changes) if changes else plan


def replace_plan(plan: Plan, **changes) -> Plan:
    from dataclasses import replace

    return replace(plan, **changes)
