"""The report's sheet 'Dokumentafvigelser': where the document's own figures disagree with the recomputation."""

from __future__ import annotations

from collections.abc import Sequence

from spareforslag_xl.core.audit import AuditItem, Verdict
from spareforslag_xl.model.labels import AUDIT
from spareforslag_xl.workbook.sheet import SheetWriter, Styles

SHEET = AUDIT
HEADERS = ("Vurdering", "Klasse", "Linje", "Tema", "Hvad", "År", "Dokumentet viser", "Genberegnet", "Forklaring")
_WIDTHS = (13, 18, 6, 5, 22, 10, 12, 11, 44)
_SIDE = ("Hvad", "Dokumentet viser", "Forklaring")
"""The text columns right of figures (indented, so that they do not run into them)."""
_STYLE = {Verdict.DISAGREEMENT: "error", Verdict.ROUNDING: "warning", Verdict.INFO: "text_wrap"}


def audit_sheet(items: Sequence[AuditItem], figures: int):
    """Return an extra-sheet callback for report_bytes that lists the audit's items."""
    def write(book, styles: Styles, layout) -> None:
        w = SheetWriter(book.add_worksheet(SHEET), styles)
        for col, width in enumerate(_WIDTHS):
            w.column(col, col, width, side=HEADERS[col] in _SIDE)
        w.text(0, 0, "Dokumentets egne tal sammenholdt med genberegningen", "title")
        counts = {s: sum(1 for i in items if i.severity is s) for s in Verdict}
        n = {s: counts[s] for s in Verdict}
        w.text(1, 0, f"{figures} tal fra dokumentet er kontrolleret: {n[Verdict.DISAGREEMENT]} "
               f"{'afvigelse' if n[Verdict.DISAGREEMENT] == 1 else 'afvigelser'}, {n[Verdict.ROUNDING]} "
               f"{'afrundingsnote' if n[Verdict.ROUNDING] == 1 else 'afrundingsnoter'} og {n[Verdict.INFO]} "
               f"{'oplysning' if n[Verdict.INFO] == 1 else 'oplysninger'}. Linje er linjenummeret i dokumentet.",
               "bold")
        for col, h in enumerate(HEADERS):
            w.text(3, col, h, "header")
        row = 4
        for item in items:
            w.text(row, 0, item.severity.value, _STYLE[item.severity])
            w.text(row, 1, item.class_name, "text_wrap")
            w.number(row, 2, item.source_line, "text")  # at the top of its row, beside the texts that wrap
            if item.theme.isdigit():
                w.number(row, 3, int(item.theme), "text")
            else:
                w.text(row, 3, item.theme)
            w.text(row, 4, item.label, "text_wrap")
            w.text(row, 5, item.year_text, "text_wrap")
            w.text(row, 6, item.stated)
            w.text(row, 7, item.computed)
            w.text(row, 8, item.message, "text_wrap")
            row += 1
        if not items:
            w.text(row, 0, "Ingen afvigelser: alle dokumentets tal genfindes.", "ok")
        w.autofilter(3, 0, max(4, row - 1), len(HEADERS) - 1)
        w.freeze(4, 0)
        w.print_setup(SHEET, "", (3, 3))
    return write
