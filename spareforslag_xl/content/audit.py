"""The content of the report's sheet 'Dokumentafvigelser': where the document's own figures disagree
with the recomputation, one row per audit item."""

from __future__ import annotations

from collections.abc import Sequence

from spareforslag_xl.content.nodes import Block, Cell, Figure, FixedColumns, Gap, Line, Row, Sheet, Text
from spareforslag_xl.model.audit import AuditItem, Verdict
from spareforslag_xl.model.i18n import in_language
from spareforslag_xl.model.labels import (
    AUDIT,
    AUDIT_HEADERS,
    AUDIT_NONE,
    AUDIT_TITLE,
    VERDICT,
    WORKBOOK_LANGUAGE,
    audit_class,
    audit_computed,
    audit_label,
    audit_reason,
    audit_summary,
)

_WIDTHS = (13, 18, 6, 5, 22, 10, 12, 11, 44)
_SIDE = (4, 6, 8)
"""The text columns right of figures ('Hvad', 'Dokumentet viser', 'Forklaring'): indented."""
_ROLE = {Verdict.DISAGREEMENT: "error", Verdict.ROUNDING: "warning", Verdict.INFO: "text_wrap"}


def audit_content(items: Sequence[AuditItem], figures: int) -> Sheet:
    """Return the sheet that lists the audit's items (in the workbooks' language)."""
    with in_language(WORKBOOK_LANGUAGE):
        counts = {s: sum(1 for i in items if i.severity is s) for s in Verdict}
        blocks: list[Block] = [
            Line(Row({0: Text(AUDIT_TITLE, "title")})),
            Line(Row({0: Text(audit_summary(figures, counts[Verdict.DISAGREEMENT], counts[Verdict.ROUNDING],
                                            counts[Verdict.INFO]), "bold")})),
            Gap(1),
            Line(Row({col: Text(h, "header") for col, h in enumerate(AUDIT_HEADERS)}, key="audit.header")),
        ]
        for item in items:
            theme: Cell = Figure(int(item.theme), "text", plain=True) if item.theme.isdigit() else Text(item.theme)
            blocks.append(Line(Row({
                0: Text(VERDICT[item.severity], _ROLE[item.severity]),
                1: Text(audit_class(item.code), "text_wrap"),
                2: Figure(item.source_line, "text", plain=True),  # at the top of its row, beside wrapping texts
                3: theme,
                4: Text(audit_label(item.label), "text_wrap"),
                5: Text(item.year_text, "text_wrap"),
                6: Text(item.stated),
                7: Text(audit_computed(item)),
                8: Text(audit_reason(item.reason), "text_wrap"),
            })))
        if not items:
            blocks.append(Line(Row({0: Text(AUDIT_NONE, "ok")})))
    return Sheet(AUDIT, FixedColumns(_WIDTHS, side=_SIDE), tuple(blocks), freeze=("audit.header", 0),
                 repeat="audit.header", autofilter=("audit.header", len(AUDIT_HEADERS) - 1), print_title=AUDIT)
