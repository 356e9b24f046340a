"""A diff as terminal text and as JSON: the figures first (totals, then each department), then the changes.

Pure: a PlanDiff in, lines of text (or a dict) out. The words of the changes are render/change_text.py's,
in the language in use. Amounts are printed the Danish way (3.250), in the master's unit, as in
every message of the program.
"""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.core.consequences import Figure
from spareforslag_xl.core.diff import PlanDiff
from spareforslag_xl.core.plandiff import Change
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.labels import REST_LABEL, TARGET, TOTAL
from spareforslag_xl.render.change_text import describe, limit_text, with_amounts

SHOWN = 25
"""The changes listed on the terminal; the workbook (-o) and --json have all of them."""


def signed(value: Decimal, decimals: int) -> str:
    text = format_danish(value, decimals)
    return f"+{text}" if value > 0 else text




def change_text(change: Change, decimals: int) -> str:
    """Return a change in one line, with its amounts per year: '… 2025: 10.000 → 9.500 (-500)'."""
    return with_amounts(describe(change, decimals), change, decimals)


def summary_lines(diff: PlanDiff, old_name: str, new_name: str, shown: int = SHOWN) -> list[str]:
    """Return the terminal summary: the changes of the figures per year, then the changes of the master."""
    decimals = diff.new.plan.settings.decimals
    unit = diff.new.plan.settings.unit or "1.000 kr."
    lines = [_("Changes from {old} to {new}").format(old=old_name, new=new_name)]
    lines += ["  " + _("note: {text}").format(text=limit_text(limit)) for limit in diff.limits]
    if diff.same:
        return lines + [_("The plans are the same.")]
    c = diff.consequences
    years = diff.years
    rows: list[tuple[str, Figure]] = [(TOTAL, c.total)]
    if c.target.any_change(years):
        rows.append((TARGET, c.target))
    rows.append((_("Difference to the target"), c.difference))
    if c.rest.any_change(years):
        rows.append((REST_LABEL, c.rest))
    rows += [(d.code + (" " + _("(new)") if d.side == "new" else " " + _("(removed)") if d.side == "old" else ""),
              d.total) for d in c.departments]
    width = max(len(label) for label, _ in rows) + 2
    lines.append("")
    lines.append(_("What it means (change, new − old, {unit}):").format(unit=unit))
    lines.append(" " * (2 + width) + "".join(f"{y:>9}" for y in years))
    for label, figure in rows:
        cells = "".join(f"{(signed(figure.change(y), decimals) if figure.changed(y) else '0'):>9}" for y in years)
        lines.append(f"  {label:<{width}}{cells}")
    lines.append("")
    lines.append(_("Changes in the master ({n}):").format(n=len(diff.changes)))
    for change in diff.changes[:shown]:
        lines.append(f"  {change_text(change, decimals)}")
    if len(diff.changes) > shown:
        lines.append("  " + _("… and {n} more (all of them with -o CHANGES.xlsx or --json).").format(
            n=len(diff.changes) - shown))
    return lines


def as_json(diff: PlanDiff, old_name: str, new_name: str) -> dict:
    """Return the diff as plain data: amounts as strings ('3250', null for not estimated)."""
    decimals = diff.new.plan.settings.decimals

    def amount(v: Decimal | None):
        return None if v is None else str(v)

    def figure(f) -> dict:
        return {str(y): {"old": amount(f.old.get(y)), "new": amount(f.new.get(y)), "change": str(f.change(y)),
                         "changed": f.changed(y)} for y in diff.years}

    c = diff.consequences
    return {
        "old": old_name, "new": new_name, "same": diff.same, "years": list(diff.years),
        "limits": [{"kind": limit.kind, "values": list(limit.values), "text": limit_text(limit)}
                   for limit in diff.limits],
        "consequences": {
            "total": figure(c.total), "target": figure(c.target), "difference": figure(c.difference),
            "not_distributed": figure(c.rest),
            "themes": [{"theme": t.theme, "label": t.label, "total": figure(t)} for t in c.themes],
            "departments": [{"code": d.code, "label": d.label, "only": d.side or None, "total": figure(d.total),
                             "difference": figure(d.difference),
                             "themes": [{"theme": t.theme, "part": figure(t)} for t in d.themes]}
                            for d in c.departments],
        },
        "changes": [{"kind": ch.kind, "text": describe(ch, decimals), "theme": ch.theme or None,
                     "line": ch.line or None, "department": ch.department or None, "key": ch.key or None,
                     "name": ch.name or None, "old": _plain(ch.old), "new": _plain(ch.new),
                     "years": {str(y): {"old": amount(a), "new": amount(b), "change": str(ch.change(y))}
                               for y, (a, b) in sorted(ch.years.items())}}
                    for ch in diff.changes],
    }


def _plain(value):
    from spareforslag_xl.model.plan import Rule

    if isinstance(value, Rule):
        return {"method": value.method.value, "key": value.key, "from_year": value.from_year}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value
