"""The audit's items joined and ordered: one item per figure and reason, in document order.

The items themselves are data of model.audit (re-exported here); model.labels phrases them.
"""

from __future__ import annotations

from dataclasses import replace

from spareforslag_xl.model.audit import AuditItem, AuditLabel, AuditReason, Verdict, reason, year_span

__all__ = ["AuditItem", "AuditLabel", "AuditReason", "Verdict", "merge_items", "reason", "year_span"]


def merge_items(items: list[AuditItem]) -> list[AuditItem]:
    """Join items that say the same about the same row in different years; sort by document line."""
    merged: dict[tuple, AuditItem] = {}
    for item in items:
        ident = (item.severity, item.code, item.theme, item.source_line, item.label, item.stated, item.computed,
                 item.reason)
        if ident in merged:
            old = merged[ident]
            merged[ident] = replace(old, years=tuple(sorted(set(old.years) | set(item.years))),
                                    figures=old.figures + tuple(f for f in item.figures if f not in old.figures))
        else:
            merged[ident] = item
    order = {Verdict.DISAGREEMENT: 0, Verdict.ROUNDING: 1, Verdict.INFO: 2}
    return sorted(merged.values(), key=lambda i: (i.source_line, order[i.severity], i.code, i.label))
