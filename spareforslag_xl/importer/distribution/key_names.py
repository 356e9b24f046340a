"""Names the keys of a document: one key per distinct set of shares.

The administrative key is the table whose prose names 'den administrative fordelingsnøgle';
a table with the same shares reuses it. Any other table becomes a key named after its
title ('1) Forenkling lønforhandlinger:' → 'Forenkling lønforhandlinger') with exactly the
document's shares, whatever they sum to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.importer.distribution.spec import KeyUse
from spareforslag_xl.importer.report import ImportReport
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import DistributionKey, KeyShare

ADMIN_KEY = "Administrativ fordelingsnøgle"
_NUMBER_PREFIX = re.compile(r"^\s*\d+[a-z]?\s*[.)]\s*")
GENERATED_LEAD = re.compile(r"^.+? – (?:fordelt efter (?P<key>.+?)(?: fra \d{4})?|faste beløb pr\. afdeling)"
                            r" \([^()]*\):?$")
"""The sentence the program's own document puts over a department table (content/document.py)."""


def key_title(title: str, theme: str) -> str:
    """Return a key's name from its table's title, or 'Fordelingsnøgle tema N' when it has none."""
    generated = GENERATED_LEAD.match(title.strip())
    if generated and generated.group("key"):
        return generated.group("key").strip()  # the document names the key it distributes by
    name = _NUMBER_PREFIX.sub("", title).strip().rstrip(":").strip()
    return name or f"Fordelingsnøgle tema {theme}"


def name_keys(uses: Sequence[KeyUse], admin_named: bool, report: ImportReport) -> list[DistributionKey]:
    """Give every key table its key's name (use.name) and return the distinct keys, administrative first."""
    groups: list[tuple[dict[str, Decimal], list[KeyUse]]] = []
    for use in uses:
        for shares, members in groups:
            if _same(shares, use.shares):
                members.append(use)
                break
        else:
            groups.append((use.shares, [use]))
    admin_groups = [g for g in groups if any(u.admin for u in g[1])]
    if len(admin_groups) > 1:
        lines = ", ".join(str(g[1][0].table.line) for g in admin_groups)
        report.review("keys",
                      _("tables with different shares are all called the administrative key (lines {lines}); the first "
                        "one is used as the administrative key").format(lines=lines), admin_groups[1][1][0].table.line)
    keys: list[DistributionKey] = []
    taken: set[str] = set()
    ordered = admin_groups[:1] + [g for g in groups if g not in admin_groups[:1]]
    for shares, members in ordered:
        first = members[0]
        if admin_groups and members is admin_groups[0][1]:
            name = ADMIN_KEY
        else:
            titled = next((u for u in members if u.table.title), None)
            name = key_title(titled.table.title if titled else "", first.theme)
        base, n = name, 2
        while name.casefold() in taken:
            name = f"{base} ({n})"
            n += 1
        taken.add(name.casefold())
        for use in members:
            use.name = name
        keys.append(DistributionKey(name, tuple(KeyShare(code, share) for code, share in shares.items())))
        where = ", ".join(_("line {line}").format(line=u.table.line) for u in members)
        total = sum(shares.values(), Decimal(0))
        if len(members) > 1:
            report.read("keys",
                        _("key '{name}' from the tables at {where} (equal shares)").format(name=name, where=where),
                        first.table.line)
        else:
            report.read("keys", _("key '{name}' from the table at {where}").format(name=name, where=where),
                        first.table.line)
        if total != 1:
            report.info("keys",
                        _("the shares of key '{name}' sum to {value} %, as the document gives them; the rest is shown "
                          "as 'Ikke fordelt'").format(name=name, value=format_danish(total * 100, 1)), first.table.line)
    if admin_named and not admin_groups:
        report.review("keys",
                      _("the prose names the administrative key, but no table gives its shares; the master names "
                        "'{ADMIN_KEY}' without shares (add them on the sheet Nøgler)").format(ADMIN_KEY=ADMIN_KEY))
    return keys


def _same(a: dict[str, Decimal], b: dict[str, Decimal]) -> bool:
    codes = set(a) | set(b)
    return all(a.get(c, Decimal(0)) == b.get(c, Decimal(0)) for c in codes)
