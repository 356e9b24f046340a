"""Helpers for the import tests: paths of the seed, and plans compared without the cells they came from."""

from __future__ import annotations

from pathlib import Path

from spareforslag_xl.model.plan import Plan, Rule

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENT = ROOT / "input" / "administrative-spareforslag-2023.md"
SEED_DEPARTMENTS = ROOT / "input" / "afdelinger.csv"
SEED_MASTER = ROOT / "input" / "spareforslag-budget-2024.xlsx"


def rule(r: Rule | None):
    return None if r is None else (r.method, r.key, r.from_year)


def plan_content(plan: Plan) -> dict:
    """Return what a plan says, without refs, file name and time stamp (they differ between reading and importing)."""
    s = plan.settings
    return {
        "settings": (s.title, s.subtitle, s.municipality, s.budget_year, s.unit, s.decimals, s.salary,
                     s.residual_key, s.meeting, dict(s.target)),
        "years": tuple(plan.years),
        "departments": [(d.code, d.name, tuple(d.emails), d.contact) for d in plan.departments],
        "keys": [(k.name, [(x.department, x.share) for x in k.shares]) for k in plan.keys],
        "themes": [(t.number, t.title, t.status, rule(t.rule), t.salary, t.description, t.potential_text,
                    t.distribution_text) for t in plan.themes],
        "lines": [(ln.theme, ln.number, ln.title, dict(ln.amounts), ln.kind, rule(ln.rule), ln.note)
                  for ln in plan.lines],
        "fixed": [(f.theme, f.line, f.department, dict(f.amounts), f.note) for f in plan.fixed],
    }
