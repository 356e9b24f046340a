"""The words of a change: one sentence per kind of change, Danish here, another language by passing its table.

``describe(change, WORDS)`` gives the sentence; amounts per year are not in it (the workbook
shows them in columns, the terminal after the sentence). The Danish table is the workbooks'.
The setting names are the master's own (Budgetår, Gns. løn …), in every language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping, Optional

from spareforslag_xl.core.plandiff import Change
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.danish import format_danish, format_share, plain_danish
from spareforslag_xl.model.plan import Method, Rule

SETTING_NAMES = {
    "budget_year": L.BUDGET_YEAR, "unit": L.UNIT, "decimals": L.DECIMALS, "salary": L.SALARY,
    "residual_key": L.RESIDUAL_KEY, "title": L.TITLE, "subtitle": L.SUBTITLE, "municipality": L.MUNICIPALITY,
    "meeting": L.MEETING,
}
TEXT_NAMES = {"description": "Beskrivelse af opgaven", "potential_text": "Identificeret potentiale",
              "distribution_text": "Fordeling på afdeling"}

WORDS = {
    "years": "Årene: {old} → {new}",
    "setting": "{name}: {old} → {new}",
    "target": "Mål",
    "department-added": "Ny afdeling: {department} – {new}",
    "department-removed": "Afdeling fjernet: {department} – {old}",
    "department-name": "Afdeling {department}: navn '{old}' → '{new}'",
    "department-emails": "Afdeling {department}: e-mail {old} → {new}",
    "department-contact": "Afdeling {department}: kontaktperson '{old}' → '{new}'",
    "theme-added": "Nyt tema: {theme}. {theme_title}",
    "theme-removed": "Tema fjernet: {theme}. {theme_title}",
    "theme-renamed": "Tema {theme} omdøbt: '{old}' → '{new}'",
    "theme-renumbered": "Tema {old} er nu tema {new}: {theme_title}",
    "theme-rule": "Tema {theme}: fordeling {old} → {new}",
    "theme-salary": "Tema {theme}: gns. løn {old} → {new}",
    "theme-status": "Tema {theme}: status '{old}' → '{new}'",
    "theme-text": "Tema {theme}: teksten '{name}' er ændret",
    "line-added": "Tema {theme}: nyt forslag {line}",
    "line-removed": "Tema {theme}: forslag fjernet {line}",
    "line-amount": "Tema {theme}: {line}",
    "line-renamed": "Tema {theme}: forslag omdøbt '{old}' → '{new}'",
    "line-moved": "{line}: flyttet fra tema {old} til tema {new}",
    "line-renumbered": "Tema {theme}: {line} (før nr. {old})",
    "line-kind": "Tema {theme}: {line}: type {old} → {new}",
    "line-rule": "Tema {theme}: {line}: fordeling {old} → {new}",
    "line-note": "Tema {theme}: {line}: bemærkning '{old}' → '{new}'",
    "key-added": "Ny nøgle: {key}",
    "key-removed": "Nøgle fjernet: {key}",
    "key-renamed": "Nøgle omdøbt: '{old}' → '{new}'",
    "key-share": "{key}, {department}: {old} → {new}",
    "fixed-added": "Tema {theme}{where}: nye faste beløb for {department}",
    "fixed-removed": "Tema {theme}{where}: faste beløb for {department} fjernet",
    "fixed-amount": "Tema {theme}{where}: faste beløb for {department}",
    # the parts of sentences
    "line-of": ", forslag {line}",
    "none": "(intet)",
    "rule-from": "{rule} fra {year}",
}


def describe(change: Change, words: Mapping[str, str] = WORDS, decimals: int = 0) -> str:
    """Return the sentence of a change in the language of ``words``."""
    old, new = _value(change, change.old, words, decimals), _value(change, change.new, words, decimals)
    name = SETTING_NAMES.get(change.name, TEXT_NAMES.get(change.name, change.name))
    where = words["line-of"].format(line=change.line) if change.kind.startswith("fixed-") and change.line else ""
    return words[change.kind].format(
        old=old, new=new, name=name, theme=change.theme, theme_title=change.theme_title, line=change.line,
        department=change.department, key=change.key, where=where,
    )


def _value(change: Change, value: object, words: Mapping[str, str], decimals: int) -> str:
    if change.kind == "key-share":
        return format_share(value) if value is not None else words["none"]
    if isinstance(value, Rule) or (value is None and change.kind.endswith("-rule")):
        return rule_words(value, words)
    if value is None or value == "" or value == ():
        return words["none"]
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) if change.kind != "years" else year_span(value)
    if isinstance(value, Decimal):
        return plain_danish(value) if change.kind == "setting" else format_danish(value, decimals)
    return str(value)


def rule_words(rule: Optional[Rule], words: Mapping[str, str] = WORDS) -> str:
    """Return a rule as the master writes it: 'Administrativ fordelingsnøgle fra 2025', 'Faste beløb'."""
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
