"""What changed between two plans, as a plan and not as cells: themes, lines, amounts, keys, rules.

Pure: two Plans in, a list of Changes out. A line is matched by theme and title, then by
theme and number, then by title in another theme, then by a similar title in its theme, so
that shifted numbering or a renamed line is one change and not a removal and an addition.
The wording of a change lives in the renderers; a Change holds only what changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from spareforslag_xl.model.plan import Amount, Decision, Plan, ProposalLine, Rule, Theme, fold_name

SIMILAR = 0.6
"""Titles at least this similar (difflib's ratio) in the same theme are one line renamed."""
SIMILAR_MAX = 40
"""Above this many unmatched lines in one theme, similar titles are not searched (quadratic)."""

# The kinds of change, in the order of importance the summaries follow.
KINDS = (
    "years", "setting", "target", "department-added", "department-removed", "theme-added", "theme-removed",
    "line-added", "line-removed", "line-amount", "theme-decision", "line-decision", "line-adopted",
    "key-added", "key-removed", "key-renamed", "key-share",
    "fixed-added", "fixed-removed", "fixed-amount", "theme-rule", "line-rule", "theme-salary",
    "theme-renamed", "theme-renumbered", "line-renamed", "line-moved", "line-renumbered", "line-kind",
    "theme-status", "theme-text", "line-note", "department-name", "department-emails", "department-contact",
)
RANK = {kind: i for i, kind in enumerate(KINDS)}

PerYearPair = Mapping[int, tuple[Amount, Amount]]


@dataclass(frozen=True)
class Change:
    """One change of the plan: its kind, what it is about, and the old and new value."""

    kind: str
    theme: str = ""
    """The theme's number (the new one where it has both), '' when the change is not in a theme."""
    theme_title: str = ""
    line: str = ""
    """The line's label ('1. AI, Automatisering og RPA'), '' when not about a line."""
    department: str = ""
    key: str = ""
    name: str = ""
    """The setting, or the field of a theme's text, that changed."""
    old: object = None
    new: object = None
    years: PerYearPair = field(default_factory=dict)
    """Year → (old, new) for changes of amounts; only the years that changed."""

    @property
    def rank(self) -> int:
        return RANK[self.kind]

    def change(self, year: int):
        """Return new − old of an amount change (not estimated counts as 0)."""
        old, new = self.years[year]
        return (new or Decimal(0)) - (old or Decimal(0))


SETTINGS = ("budget_year", "unit", "decimals", "salary", "residual_key", "title", "subtitle", "municipality",
            "meeting")
THEME_TEXTS = ("description", "potential_text", "distribution_text")


@dataclass(frozen=True)
class Matching:
    """Which theme and line of the old plan is which of the new."""

    themes: tuple[tuple[Theme | None, Theme | None], ...]
    lines: tuple[tuple[ProposalLine | None, ProposalLine | None], ...]
    theme_number: Mapping[str, str]
    """Old theme number → new theme number, for the themes in both."""


InForce = Mapping[int, Mapping[int, Amount]]
"""id(line) → year → the amount the line counts with in the plan shown (core.decisions: its scenario)."""


def compare_plans(old: Plan, new: Plan, years: Sequence[int], match: Matching | None = None,
                  in_force: tuple[InForce, InForce] | None = None) -> list[Change]:
    """Return every change from old to new, most important kind first (plan order within a kind).

    A changed decision or adopted amount carries the change of what is in force (``in_force`` of
    the old and the new plan; without it, the proposed amounts): adopting 800 of a proposed 1.000
    is 1.000 → 800, not '-' → 800.
    """
    match = match or match_plans(old, new)
    changes: list[Change] = []
    changes += _settings(old, new, years)
    changes += _departments(old, new)
    changes += _themes(match)
    changes += _lines(match, years, in_force or ({}, {}))
    changes += _keys(old, new)
    changes += _fixed(old, new, match, years)
    return sorted(changes, key=lambda c: c.rank)


def match_plans(old: Plan, new: Plan) -> Matching:
    """Return the themes and lines of old and new paired (None on the side where one is missing)."""
    themes = _pair(list(old.themes), list(new.themes), [lambda t: t.number, lambda t: fold_name(t.title)])
    number = {o.number: n.number for o, n in themes if o is not None and n is not None}
    mapped = lambda line: number.get(line.theme, "\0" + line.theme)  # noqa: E731 - unmatched themes stay apart
    lines = _pair(list(old.lines), list(new.lines), [
        lambda x, m=mapped: (m(x), fold_name(x.title)),
        lambda x, m=mapped: (m(x), x.number) if x.number else None,
        lambda x: fold_name(x.title),
    ], new_key=[lambda x: (x.theme, fold_name(x.title)), lambda x: (x.theme, x.number) if x.number else None,
                lambda x: fold_name(x.title)])
    lines = _similar(lines, mapped)
    return Matching(tuple(themes), tuple(lines), number)


def _pair(olds: list, news: list, keys, new_key=None) -> list[tuple]:
    """Pair items by each key function in turn (None: no key); return (old, new) pairs and singles."""
    new_key = new_key or keys
    pairs: list[tuple] = []
    for old_key, key_new in zip(keys, new_key, strict=True):
        waiting: dict = {}
        for item in news:
            k = key_new(item)
            if k is not None:
                waiting.setdefault(k, []).append(item)
        rest = []
        for item in olds:
            k = old_key(item)
            found = waiting.get(k) if k is not None else None
            if found:
                pairs.append((item, found.pop(0)))
            else:
                rest.append(item)
        taken = {id(n) for _, n in pairs}
        olds, news = rest, [n for n in news if id(n) not in taken]
    order = {id(n): i for i, n in enumerate(news)}
    pairs += [(o, None) for o in olds] + [(None, n) for n in sorted(news, key=lambda n: order[id(n)])]
    return pairs


def _similar(pairs: list[tuple], mapped) -> list[tuple]:
    """Pair lines left alone in the same theme whose titles are similar (a rename with a new number)."""
    olds: dict[str, list] = {}
    news: dict[str, list] = {}
    for o, n in pairs:
        if n is None:
            olds.setdefault(mapped(o), []).append(o)
        elif o is None:
            news.setdefault(n.theme, []).append(n)
    joined: dict[int, ProposalLine] = {}
    for theme, candidates in olds.items():
        others = news.get(theme, [])
        if not others or len(candidates) > SIMILAR_MAX or len(others) > SIMILAR_MAX:
            continue
        scored = sorted(((difflib.SequenceMatcher(None, fold_name(o.title), fold_name(n.title)).ratio(), i, j)
                         for i, o in enumerate(candidates) for j, n in enumerate(others)), reverse=True)
        used_o, used_n = set(), set()
        for ratio, i, j in scored:
            if ratio >= SIMILAR and i not in used_o and j not in used_n:
                used_o.add(i)
                used_n.add(j)
                joined[id(candidates[i])] = others[j]
    if not joined:
        return pairs
    partners = {id(n) for n in joined.values()}
    result = []
    for o, n in pairs:
        if n is None and id(o) in joined:
            result.append((o, joined[id(o)]))
        elif not (o is None and id(n) in partners):
            result.append((o, n))
    return result


def _years(old: Mapping[int, Amount], new: Mapping[int, Amount], years: Sequence[int]) -> dict:
    """Return year → (old, new) where they differ; '-' (None) and 0 differ."""
    found = {}
    for y in years:
        a, b = old.get(y), new.get(y)
        if a != b or (a is None) != (b is None):
            found[y] = (a, b)
    return found


def rule_text(rule: Rule | None) -> tuple:
    """Return what a rule means, without where it came from: (method, key, from year)."""
    if rule is None:
        return ()
    return (rule.method.value, fold_name(rule.key) if rule.key else "", rule.from_year)


def _settings(old: Plan, new: Plan, years: Sequence[int]) -> list[Change]:
    changes = []
    if tuple(old.years) != tuple(new.years):
        changes.append(Change("years", old=tuple(old.years), new=tuple(new.years)))
    for name in SETTINGS:
        a, b = getattr(old.settings, name), getattr(new.settings, name)
        if (fold_name(a) != fold_name(b)) if name == "residual_key" else a != b:
            changes.append(Change("setting", name=name, old=a, new=b))
    target = _years(old.settings.target, new.settings.target, years)
    if target:
        changes.append(Change("target", years=target))
    return changes


def _departments(old: Plan, new: Plan) -> list[Change]:
    changes = []
    for o, n in _pair(list(old.departments), list(new.departments), [lambda d: fold_name(d.code)]):
        if o is None:
            changes.append(Change("department-added", department=n.code, new=n.name))
        elif n is None:
            changes.append(Change("department-removed", department=o.code, old=o.name))
        else:
            for kind, a, b in (("department-name", o.name, n.name), ("department-emails", o.emails, n.emails),
                               ("department-contact", o.contact, n.contact)):
                if a != b:
                    changes.append(Change(kind, department=n.code, old=a, new=b))
    return changes


def _themes(match: Matching) -> list[Change]:
    changes = []
    for o, n in match.themes:
        if o is None:
            changes.append(Change("theme-added", theme=n.number, theme_title=n.title))
            continue
        if n is None:
            changes.append(Change("theme-removed", theme=o.number, theme_title=o.title))
            continue
        here = dict(theme=n.number, theme_title=n.title)
        if o.number != n.number:
            changes.append(Change("theme-renumbered", **here, old=o.number, new=n.number))
        if o.title != n.title:
            changes.append(Change("theme-renamed", **here, old=o.title, new=n.title))
        if rule_text(o.rule) != rule_text(n.rule):
            changes.append(Change("theme-rule", **here, old=o.rule, new=n.rule))
        if o.decision != n.decision:
            changes.append(Change("theme-decision", **here, old=_decision(o.decision), new=_decision(n.decision)))
        if o.salary != n.salary:
            changes.append(Change("theme-salary", **here, old=o.salary, new=n.salary))
        if o.status != n.status:
            changes.append(Change("theme-status", **here, old=o.status, new=n.status))
        for name in THEME_TEXTS:
            if getattr(o, name) != getattr(n, name):
                changes.append(Change("theme-text", **here, name=name, old=getattr(o, name), new=getattr(n, name)))
    return changes


def _lines(match: Matching, years: Sequence[int], in_force: tuple[InForce, InForce] = ({}, {})) -> list[Change]:
    changes = []
    titles = {n.number: n.title for _, n in match.themes if n is not None}
    old_titles = {o.number: o.title for o, _ in match.themes if o is not None}
    for o, n in match.lines:
        if o is None:
            estimated = {y: (None, n.amounts.get(y)) for y in years if n.amounts.get(y) is not None}
            changes.append(Change("line-added", theme=n.theme, theme_title=titles.get(n.theme, ""), line=n.label,
                                  years=estimated))
            continue
        if n is None:
            estimated = {y: (o.amounts.get(y), None) for y in years if o.amounts.get(y) is not None}
            changes.append(Change("line-removed", theme=match.theme_number.get(o.theme, o.theme),
                                  theme_title=old_titles.get(o.theme, ""), line=o.label, years=estimated))
            continue
        here = dict(theme=n.theme, theme_title=titles.get(n.theme, ""), line=n.label)
        if match.theme_number.get(o.theme) != n.theme:
            changes.append(Change("line-moved", **here, old=o.theme, new=n.theme))
        elif o.number != n.number:
            changes.append(Change("line-renumbered", **here, old=o.number, new=n.number))
        if o.title != n.title:
            changes.append(Change("line-renamed", **here, old=o.title, new=n.title))
        if o.kind != n.kind:
            changes.append(Change("line-kind", **here, old=o.kind, new=n.kind))
        if rule_text(o.rule) != rule_text(n.rule):
            changes.append(Change("line-rule", **here, old=o.rule, new=n.rule))
        if o.note != n.note:
            changes.append(Change("line-note", **here, old=o.note, new=n.note))
        amounts = _years(o.amounts, n.amounts, years)
        if amounts:
            changes.append(Change("line-amount", **here, years=amounts))
        if o.decision != n.decision or _years(o.adopted, n.adopted, years):
            force = _years(in_force[0].get(id(o), o.amounts), in_force[1].get(id(n), n.amounts), years)
            if o.decision != n.decision:
                changes.append(Change("line-decision", **here, old=_decision(o.decision), new=_decision(n.decision),
                                      years=force))
            else:
                changes.append(Change("line-adopted", **here, years=force))
    return changes


def _decision(decision: Decision | None) -> str:
    """Return a decision as the master writes it; an empty cell is 'Foreslået'."""
    return (decision or Decision.PROPOSED).value


def _shares(key) -> dict[str, tuple[str, object]]:
    shares: dict[str, tuple[str, object]] = {}
    for s in key.shares:
        code, value = shares.get(fold_name(s.department), (s.department, 0))
        shares[fold_name(s.department)] = (code, value + s.share)
    return shares


def _keys(old: Plan, new: Plan) -> list[Change]:
    changes = []
    pairs = _pair(list(old.keys), list(new.keys), [lambda k: fold_name(k.name)])
    gone = [o for o, n in pairs if n is None]
    came = [n for o, n in pairs if o is None]
    renamed = {}
    for o in gone:  # a key with another name and the same shares was renamed
        same = [n for n in came if n not in renamed.values() and
                {c: v for c, (_, v) in _shares(o).items()} == {c: v for c, (_, v) in _shares(n).items()}]
        if same:
            renamed[o.name] = same[0]
    for o, n in pairs:
        if n is None and o.name in renamed:
            changes.append(Change("key-renamed", key=renamed[o.name].name, old=o.name, new=renamed[o.name].name))
        elif n is None:
            changes.append(Change("key-removed", key=o.name))
        elif o is None:
            if n not in renamed.values():
                changes.append(Change("key-added", key=n.name))
        else:
            a, b = _shares(o), _shares(n)
            for code in list(a) + [c for c in b if c not in a]:
                va, vb = a.get(code, (None, None))[1], b.get(code, (None, None))[1]
                if va != vb:
                    changes.append(Change("key-share", key=n.name, department=(b.get(code) or a[code])[0],
                                          old=va, new=vb))
    return changes


def _fixed(old: Plan, new: Plan, match: Matching, years: Sequence[int]) -> list[Change]:
    line_number = {(o.theme, o.number): n.number for o, n in match.lines if o is not None and n is not None}
    titles = {n.number: n.title for _, n in match.themes if n is not None}

    def old_place(f):
        theme = match.theme_number.get(f.theme, f.theme)
        return theme, line_number.get((f.theme, f.line), f.line) if f.line else ""

    before = {(*old_place(f), fold_name(f.department)): f for f in old.fixed}
    after = {(f.theme, f.line, fold_name(f.department)): f for f in new.fixed}
    changes = []
    for place in list(before) + [p for p in after if p not in before]:
        o, n = before.get(place), after.get(place)
        theme, line, _ = place
        here = dict(theme=theme, theme_title=titles.get(theme, ""), line=line,
                    department=(n or o).department)
        if o is None:
            changes.append(Change("fixed-added", **here, years=_years({}, n.amounts, years)))
        elif n is None:
            changes.append(Change("fixed-removed", **here, years=_years(o.amounts, {}, years)))
        else:
            amounts = _years(o.amounts, n.amounts, years)
            if amounts:
                changes.append(Change("fixed-amount", **here, years=amounts))
    return changes
