"""Where each distribution key is used: by which themes' splits, the difference and the target.

Pure. The report's sheet 'Nøgler' and a department's sheet of keys list the same uses; they
are worked out here once, as facts, and phrased by model.labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from spareforslag_xl.core.compute import Split, ThemeResult
from spareforslag_xl.model.basis import KeyUsage, KeyUse
from spareforslag_xl.model.plan import DistributionKey, Method


def key_usage(themes: Iterable[ThemeResult], difference: Split, target: bool = False) -> dict[str, KeyUsage]:
    """Return key name → its uses, in the order of the themes and their splits, the difference last.

    With target, a key that splits the difference is also noted as splitting the target (a
    department's share of the target is split by the residual key like the difference).
    """
    found: dict[str, tuple[DistributionKey, list[KeyUse]]] = {}

    def note(split: Split, use: KeyUse) -> None:
        if split.key is not None and split.rule is not None and split.rule.method is Method.KEY:
            found.setdefault(split.key.name, (split.key, []))[1].append(use)

    for t in themes:
        for s in t.splits:
            if s.left_out:  # rejected or postponed: the key splits nothing of the plan
                continue
            note(s, KeyUse(t.theme.number, s.label if len(t.splits) > 1 else None))
    note(difference, KeyUse())
    if target:
        note(difference, KeyUse(target=True))
    return {name: KeyUsage(key, tuple(uses)) for name, (key, uses) in found.items()}
