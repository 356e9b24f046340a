"""The words of a change: one sentence per kind of change, in the language in use (gettext).

``describe(change)`` gives the sentence; amounts per year are not in it (the workbook
shows them in columns, the terminal after the sentence).
The setting names are the master's own (Budgetår, Gns. løn …), in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from spareforslag_xl.core.diff import Limit
from spareforslag_xl.core.plandiff import Change
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.danish import format_danish, format_share, plain_danish
from spareforslag_xl.model.i18n import N_, gettext
from spareforslag_xl.model.plan import Method, Rule

SETTING_NAMES = {
    "budget_year": L.BUDGET_YEAR, "unit": L.UNIT, "decimals": L.DECIMALS, "salary": L.SALARY,
    "residual_key": L.RESIDUAL_KEY, "title": L.TITLE, "subtitle": L.SUBTITLE, "municipality": L.MUNICIPALITY,
    "meeting": L.MEETING,
}
TEXT_NAMES = {"description": "Beskrivelse af opgaven", "potential_text": "Identificeret potentiale",
              "distribution_text": "Fordeling på afdeling"}

WORDS = {
    'years': N_('years: {old} → {new}'),
    'setting': N_('{name}: {old} → {new}'),
    'target': N_('target (Mål)'),
    'department-added': N_('new department {department} – {new}'),
    'department-removed': N_('department {department} – {old} removed'),
    'department-name': N_("department {department}: name '{old}' → '{new}'"),
    'department-emails': N_('department {department}: e-mail {old} → {new}'),
    'department-contact': N_("department {department}: contact '{old}' → '{new}'"),
    'theme-added': N_('new theme {theme}. {theme_title}'),
    'theme-removed': N_('theme {theme}. {theme_title} removed'),
    'theme-renamed': N_("theme {theme} renamed '{old}' → '{new}'"),
    'theme-renumbered': N_('theme {old} is now theme {new}: {theme_title}'),
    'theme-rule': N_('theme {theme}: distribution {old} → {new}'),
    'theme-salary': N_('theme {theme}: average salary {old} → {new}'),
    'theme-status': N_("theme {theme}: status '{old}' → '{new}'"),
    'theme-text': N_("theme {theme}: the text '{name}' changed"),
    'line-added': N_('theme {theme}: new line {line}'),
    'line-removed': N_('theme {theme}: line {line} removed'),
    'line-amount': N_('theme {theme}: {line}'),
    'line-renamed': N_("theme {theme}: line renamed '{old}' → '{new}'"),
    'line-moved': N_('{line}: moved from theme {old} to theme {new}'),
    'line-renumbered': N_('theme {theme}: {line} (was number {old})'),
    'line-kind': N_('theme {theme}: {line}: type {old} → {new}'),
    'line-rule': N_('theme {theme}: {line}: distribution {old} → {new}'),
    'line-note': N_("theme {theme}: {line}: note '{old}' → '{new}'"),
    'key-added': N_('new key {key}'),
    'key-removed': N_('key {key} removed'),
    'key-renamed': N_("key renamed '{old}' → '{new}'"),
    'key-share': N_('key {key}, {department}: {old} → {new}'),
    'fixed-added': N_('theme {theme}{where}: new fixed amounts for {department}'),
    'fixed-removed': N_('theme {theme}{where}: fixed amounts for {department} removed'),
    'fixed-amount': N_('theme {theme}{where}: fixed amounts for {department}'),
    'line-of': N_(', line {line}'),
    'none': N_('(none)'),
    'rule-from': N_('{rule} from {year}'),
    'theme-decision': N_('theme {theme}: decision {old} → {new}'),
    'line-decision': N_('theme {theme}: {line}: decision {old} → {new}, in force'),
    'line-adopted': N_('theme {theme}: {line}: adopted amount, in force'),
}


def describe(change: Change, decimals: int = 0) -> str:
    """Return the sentence of a change in the language in use."""
    words = _Translated()
    old, new = _value(change, change.old, words, decimals), _value(change, change.new, words, decimals)
    name = SETTING_NAMES.get(change.name, TEXT_NAMES.get(change.name, change.name))
    where = words["line-of"].format(line=change.line) if change.kind.startswith("fixed-") and change.line else ""
    return words[change.kind].format(
        old=old, new=new, name=name, theme=change.theme, theme_title=change.theme_title, line=change.line,
        department=change.department, key=change.key, where=where,
    )


def _value(change: Change, value: object, words: Mapping[str, str], decimals: int) -> str:
    if change.kind == "key-share":
        return format_share(value) if isinstance(value, Decimal) else words["none"]  # a share, or None
    if isinstance(value, Rule) or (value is None and change.kind.endswith("-rule")):
        return rule_words(value, words)
    if value is None or value == "" or value == ():
        return words["none"]
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) if change.kind != "years" else year_span(value)
    if isinstance(value, Decimal):
        return plain_danish(value) if change.kind == "setting" else format_danish(value, decimals)
    return str(value)


class _Translated(dict):
    """WORDS, each looked up in the catalogue of the language in use."""

    def __missing__(self, kind: str) -> str:
        return gettext(WORDS[kind])


def rule_words(rule: Rule | None, words: Mapping[str, str] | None = None) -> str:
    """Return a rule as the master writes it: 'Administrativ fordelingsnøgle fra 2025', 'Faste beløb'."""
    words = words if words is not None else _Translated()
    if rule is None:
        return words["none"]
    text = rule.key if rule.method is Method.KEY and rule.key else rule.method.value
    return words["rule-from"].format(rule=text, year=rule.from_year) if rule.from_year is not None else text


def year_span(years: tuple) -> str:
    """'2024-2027' for consecutive years, else '2024, 2026'."""
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))


def with_amounts(text: str, change: Change, decimals: int = 0) -> str:
    """Return the sentence with the amounts per year: '… : 2025 10.000 → 9.500 (-500)'."""
    if not change.years:
        return text
    parts = []
    for y, (a, b) in sorted(change.years.items()):
        delta = change.change(y)
        sign = "+" if delta > 0 else ""
        parts.append(f"{y} {format_danish(a, decimals)} → {format_danish(b, decimals)} "
                     f"({sign}{format_danish(delta, decimals)})")
    return f"{text}: " + ", ".join(parts)


LIMITS = {
    'years-old': N_('years only in the old master, not compared: {values}'),
    'years-new': N_('years only in the new master, not compared: {values}'),
    'departments-old': N_("departments only in the old master (shown as '-' now): {values}"),
    'departments-new': N_("departments only in the new master (shown as '-' before): {values}"),
    'unit': N_('the masters have different units ({values}); amounts are compared as they are written'),
}
"""What a comparison could not compare (core.diff.Limit's kinds), as the summary and the sheet 'Ændringer' say it."""


def limit_text(limit: Limit) -> str:
    """Return what a limit of the comparison means, in the language in use."""
    values = year_span(limit.values) if limit.kind.startswith("years") else " / ".join(map(str, limit.values))
    return gettext(LIMITS[limit.kind]).format(values=values)
