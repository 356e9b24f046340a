"""The master's sheet 'Importrapport': what the importer read, inferred, kept as text or wants a person to see."""

from __future__ import annotations

from spareforslag_xl.importer.report import ImportReport, Status
from spareforslag_xl.workbook.sheet import SheetWriter, Styles

SHEET = "Importrapport"
TOPICS = {
    "file": "Fil", "overview": "Oversigt", "section": "Afsnit", "lines": "Forslag", "total": "I alt",
    "fte": "Årsværk", "salary": "Gns. løn", "table": "Tabel", "key table": "Nøgletabel", "keys": "Nøgler",
    "fixed amounts": "Faste beløb", "distribution": "Fordeling", "settings": "Indstillinger",
    "departments": "Afdelinger", "text": "Tekst",
}
"""The Danish name of each topic of the report, for the sheet."""
_STYLE = {Status.REVIEW: "error", Status.INFERRED: "warning", Status.TEXT: "text_wrap", Status.INFO: "text_wrap",
          Status.READ: "text_wrap"}


def import_report_sheet(report: ImportReport, source: str, encoding: str):
    """Return an extra-sheet callback for master_bytes that writes the import report."""
    def write(book, styles: Styles) -> None:
        w = SheetWriter(book.add_worksheet(SHEET), styles)
        widths = (20, 10, 6, 16, 100)
        for col, width in enumerate(widths):
            w.column(col, col, width)
        w.fit_width({4: 60})  # the messages wrap in a column narrow enough to print one page wide
        w.text(0, 0, f"Import af {source}", "title")
        review = len(report.of(Status.REVIEW))
        summary = (f"{review} forhold skal ses af en person før grundarket bruges (status '{Status.REVIEW.value}')."
                   if review else "Alt i dokumentet blev fortolket.")
        w.merged_text(1, 0, len(widths) - 1, f"Tegnsæt: {encoding}. {summary}", "banner" if review else "bold")
        headers = ("Status", "Linjer", "Tema", "Emne", "Besked")
        for col, h in enumerate(headers):
            w.text(3, col, h, "header")
        row = 4
        for e in report.entries:
            style = _STYLE[e.status]
            w.text(row, 0, e.status.value, style if e.status in (Status.REVIEW, Status.INFERRED) else "text")
            w.text(row, 1, e.lines)
            if e.theme.isdigit():
                w.number(row, 2, int(e.theme))  # as the master's sheets do, so Excel does not flag it
            else:
                w.text(row, 2, e.theme)
            w.text(row, 3, TOPICS.get(e.topic, e.topic))
            w.text(row, 4, e.message, "text_wrap")
            row += 1
        w.autofilter(3, 0, max(4, row - 1), len(headers) - 1)
        w.freeze(4, 0)
        w.print_setup(f"Import af {source}", source, (3, 3))
    return write
