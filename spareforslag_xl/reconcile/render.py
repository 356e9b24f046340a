"""Writes the reconciliation workbook: a summary, the problems, and every compared figure by level.

Sheets: 'Afstemning' (what was compared, the conclusion, counts per level), 'Forskelle'
(every problem) and one sheet per level found in the official workbook ('Afdelinger',
'Temaer', 'Afdeling x tema'). Each figure keeps its official cell's address as text
('Budget'!C7), so a person can find it: a link into another workbook would break as soon
as either file moves. Differences are formulas (official − master) carrying their values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from spareforslag_xl.master.cells import column_letter
from spareforslag_xl.model.danish import format_danish, places
from spareforslag_xl.model.labels import TOTAL, plan_title
from spareforslag_xl.reconcile.compare import (
    Line,
    Reconciliation,
    Source,
    Status,
    UnitSource,
)
from spareforslag_xl.reconcile.read import Kind, figure
from spareforslag_xl.reconcile.sheet_words import (  # noqa: F401 (importable from here, as before)
    COLUMNS,
    CONCLUSION,
    COUNTS,
    DIFF_COL,
    LEVEL_NAMES,
    LEVEL_SHEETS,
    MASTER_COL,
    OFFICIAL_COL,
    OPTIONAL_COUNTS,
    PROBLEMS,
    RAW_COL,
    REASONS,
    ROW_COLUMNS,
    ROW_SIDE_COLS,
    ROWS_SHEET,
    SIDE_COLS,
    STATUS_NAMES,
    STATUS_STYLE,
    SUMMARY,
    UNIT_HOW,
)
from spareforslag_xl.reconcile.table import Layout, Table
from spareforslag_xl.reconcile.widths import column_widths
from spareforslag_xl.workbook.book import (
    DocProps,
    cell,
    close,
    new_workbook,
    sheet_name,
)
from spareforslag_xl.workbook.sheet import (
    ERROR_FILL,
    HEADER_FILL,
    OK_FILL,
    TOTAL_FILL,
    WARN_FILL,
    SheetWriter,
    Styles,
    amount_format,
)

HEADER_HEIGHT = 28
"""Two lines of header text."""


def _styles(book, decimals: int) -> Styles:
    """The shared styles, plus two-line headers aligned at the bottom and differences shown with their sign."""
    styles = Styles(book, decimals)
    head = {"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "valign": "bottom", "text_wrap": True}
    styles.add("head", head)
    styles.add("head_right", {**head, "align": "right"})
    plain = amount_format(decimals)
    signed = f"+{plain};-{plain};0"
    for name, fill in (("diff_ok", OK_FILL), ("diff_warn", WARN_FILL), ("diff_error", ERROR_FILL)):
        styles.add(name, {"num_format": signed, "bg_color": fill, "bold": name == "diff_error"})
    # Counts are whole numbers whatever decimals the amounts need.
    styles.add("count", {"num_format": "#,##0"})
    styles.add("count_error", {"num_format": "#,##0", "bg_color": ERROR_FILL, "bold": True})
    styles.add("count_total", {"num_format": "#,##0", "bold": True, "top": 1, "bg_color": TOTAL_FILL})
    return styles


def reconciliation_bytes(rec: Reconciliation, master_name: str, official_name: str) -> bytes:
    """Return the bytes of the reconciliation workbook."""
    plan = rec.result.plan
    book, buffer = new_workbook()
    styles = _styles(book, _decimals(rec))
    taken: set[str] = set()
    ctx = _Context(rec, styles, master_name, official_name)
    summary = SheetWriter(book.add_worksheet(sheet_name(SUMMARY, taken)), styles)
    problems = SheetWriter(book.add_worksheet(sheet_name(PROBLEMS, taken)), styles)
    ctx.summary_sheet(summary)
    ctx.lines_sheet(problems, "Forskelle og tal, der kun findes på den ene side", rec.problems,
                    "Ingen forskelle: alle tal stemmer.")
    for level in rec.levels:
        w = SheetWriter(book.add_worksheet(sheet_name(LEVEL_SHEETS[level], taken)), styles)
        ctx.lines_sheet(w, f"{LEVEL_NAMES[level]}: alle sammenlignede tal",
                        [line for line in rec.lines if line.level is level], "")
    if any(line.rows for line in rec.lines):
        ctx.rows_sheet(SheetWriter(book.add_worksheet(sheet_name(ROWS_SHEET, taken)), styles))
    summary.activate()
    return close(book, buffer, DocProps(
        title=f"Afstemning: {plan_title(plan) or 'Spareforslag'}",
        subject=f"Afstemning mod {official_name}",
        company=plan.settings.municipality,
        comments=f"Dannet af spareforslag-xl fra {master_name} og {official_name}",
        created=plan.created,
    ))


def _decimals(rec: Reconciliation) -> int:
    """Return the decimals every amount needs (at least the master's, at most 3)."""
    decimals = rec.result.plan.settings.decimals
    values = (v for line in rec.lines for v in (line.master, line.official, line.difference) if v is not None)
    return max([decimals, *(places(v) for v in values)])


class _Context:
    def __init__(self, rec: Reconciliation, styles: Styles, master_name: str, official_name: str) -> None:
        self.rec = rec
        self.plan = rec.result.plan
        self.styles = styles
        self.master_name = master_name
        self.official_name = official_name
        self.unit = self.plan.settings.unit or "1.000 kr."
        self.title = "Afstemning mod det officielle budget"
        self.themes = {t.number: t.label for t in self.plan.themes}

    def _heading(self, w: SheetWriter, title: str) -> int:
        w.text(0, 0, title, "title")
        if plan_title(self.plan):
            w.text(1, 0, plan_title(self.plan), "subtitle")
        w.text(2, 0, f"Grundark: {self.master_name} · Officielt regneark: {self.official_name} · "
                     f"Beløb i {self.unit}",
               "meta")
        return 4

    # -- Afstemning ------------------------------------------------------------------------------
    def summary_sheet(self, w: SheetWriter) -> None:
        rec = self.rec
        counts = [(name, statuses) for name, statuses in COUNTS
                  if statuses is None or statuses[0] not in OPTIONAL_COUNTS or rec.count(status=statuses[0])]
        w.column(0, 0, 22)
        w.column(1, len(counts), 13)
        row = self._heading(w, self.title)
        w.merged_text(row, 0, len(counts), _conclusion(rec), "ok" if rec.agrees else "banner")
        w.row_height(row, 20)
        row += 2
        w.text(row, 0, "Grundlag", "section")
        row += 1
        facts = []
        for source in rec.sources:
            facts.append(("Tabel", _table_da(source.table)))
            facts.append(("Enhed", _unit_da(source, rec.master_unit)))
            if source.negated:
                facts.append(("Fortegn", "Officielle tal er vendt før sammenligningen: "
                              + ("alle har modsat fortegn af grundarkets (besparelser som negative tal)."
                                 if source.sign_detected else "angivet med --negate.")))
        for table in rec.unused:
            facts.append(("Ikke brugt", f"{_table_da(table)} (en anden tabel passer bedre)"))
        facts.append(("Tolerance", f"{format_danish(rec.tolerance, places(rec.tolerance))} ({self.unit})"))
        for label, text in facts:
            w.text(row, 0, label, "bold")
            w.paragraph(row, 1, len(counts), text)
            row += 1
        row += 1
        w.text(row, 0, "Resultat pr. niveau (antal tal)", "section")
        row += 1
        w.text(row, 0, "Niveau", "head")
        for col, (name, _statuses) in enumerate(counts, start=1):
            w.text(row, col, name, "head_right")
        w.row_height(row, HEADER_HEIGHT)
        first = row + 1
        for level in rec.levels:
            row += 1
            w.text(row, 0, LEVEL_NAMES[level])
            for col, (_name, statuses) in enumerate(counts, start=1):
                n = rec.count(level) if statuses is None else sum(rec.count(level, s) for s in statuses)
                problem = statuses is not None and n and not statuses[0].ok
                w.number(row, col, n, "count_error" if problem else "count")
        row += 1
        w.text(row, 0, TOTAL, "label_total")
        for col, (_name, statuses) in enumerate(counts, start=1):
            n = rec.count() if statuses is None else sum(rec.count(status=s) for s in statuses)
            w.formula(row, col, f"=SUM({cell(first, col)}:{cell(row - 1, col)})", n, "count_total")
        row += 2
        if rec.ignored:
            w.text(row, 0, "Rækker i den officielle tabel, der ikke er sammenlignet", "section")
            row += 1
            for ignored in rec.ignored:
                w.text(row, 0, ignored.address)
                text = f"'{ignored.text}': " if ignored.text else ""
                w.merged_text(row, 1, len(counts), text + REASONS[ignored.reason])
                row += 1
        w.apply_heights()
        w.print_setup(self.title, self.official_name)

    # -- Forskelle and one sheet per level ---------------------------------------------------------------
    def lines_sheet(self, w: SheetWriter, title: str, lines: Sequence[Line], empty: str) -> None:
        widths = self._widths(lines)
        for col, width in enumerate(widths):
            w.column(col, col, width, side=col in SIDE_COLS)
        row = self._heading(w, title)
        header = row
        for col, (name, _width) in enumerate(COLUMNS):
            numeric = col in (3, MASTER_COL, OFFICIAL_COL, DIFF_COL, RAW_COL)
            w.text(row, col, name, "head_right" if numeric else "head")
        w.row_height(row, HEADER_HEIGHT)
        for line in lines:
            row += 1
            self._line(w, row, line)
        if not lines and empty:
            w.merged_text(row + 1, 0, len(COLUMNS) - 1, empty, "ok")
        if lines:
            w.autofilter(header, 0, row, len(COLUMNS) - 1)
        w.freeze(header + 1, 0)
        w.apply_heights()
        w.print_setup(self.title, self.official_name, (header, header))

    def _widths(self, lines: Sequence[Line]) -> list[float]:
        """Return the column widths of a sheet of lines, sized for what it holds (``column_widths``)."""
        single = max((len(line.where) for line in lines if len(line.cells) == 1), default=0)
        return column_widths(Counter((self.themes.get(line.theme, line.theme), self._note(line)) for line in lines),
                             single)

    def _line(self, w: SheetWriter, row: int, line: Line) -> None:
        w.text(row, 0, LEVEL_NAMES[line.level])
        w.text(row, 1, line.department)
        w.text(row, 2, self.themes.get(line.theme, line.theme), "label")
        if line.year is not None:
            w.number(row, 3, line.year, "text")
        if line.has_master:
            w.amount(row, MASTER_COL, line.master)
        self._official(w, row, line)
        if line.difference is not None:
            formula = f"=N({cell(row, OFFICIAL_COL)})-N({cell(row, MASTER_COL)})"
            w.formula(row, DIFF_COL, formula, line.difference, _difference_style(line.status))
        w.text(row, 7, STATUS_NAMES[line.status], STATUS_STYLE.get(line.status, "error"))
        if line.cell is not None:
            w.text(row, 8, line.where, "label" if len(line.cells) > 1 else "text")
        w.text(row, 10, self._note(line), "note")

    def _official(self, w: SheetWriter, row: int, line: Line) -> None:
        """Write the official value as in its sheet and, beside it, in the master's unit and sign."""
        if line.cell is None or line.figure is None:
            return
        kind = line.figure.kind
        raw = line.figure.amount
        if kind is Kind.NUMBER and raw is not None:
            w.number(row, RAW_COL, raw, "count" if raw == int(raw) else "decimal")
            formula = _conversion(cell(row, RAW_COL), line.factor)
            if formula is None:
                w.amount(row, OFFICIAL_COL, line.official)
            else:
                w.formula(row, OFFICIAL_COL, formula, line.official, "amount")
            return
        w.text(row, RAW_COL, line.cell.text, "label")
        if kind in (Kind.EMPTY, Kind.DASH, Kind.TEXT):
            w.amount(row, OFFICIAL_COL, None)

    def _note(self, line: Line) -> str:
        notes = []
        kind = line.figure.kind if line.figure is not None else None
        if kind is Kind.UNCALCULATED:
            notes.append("Formel uden gemt værdi: åbn det officielle regneark i Excel, lad det beregne og gem det.")
        elif kind is Kind.ERROR:
            notes.append(f"Excel-fejl {line.cell.text if line.cell else ''} i den officielle celle.")
        elif kind is Kind.TEXT:
            notes.append("Tekst i stedet for et tal: regnet som 0.")
        elif kind is Kind.EMPTY and line.cell is not None:
            notes.append("Tom celle: regnet som 0.")
        if line.status is Status.AMBIGUOUS:
            what = "temaerne" if line.ambiguous_kind == "theme" else "afdelingerne"
            names = ", ".join(self.themes.get(c, c) if line.ambiguous_kind == "theme" else c for c in line.candidates)
            notes.append(f"Etiketten passer på {what} {names}; ikke sammenlignet."
                         + (" Nummer og titel peger på forskellige temaer." if line.conflict else ""))
        if line.guess == "account":
            clue = next((r.department.match.clue for r in line.rows if r.guess and r.department is not None), "")
            notes.append(f"Afdelingscellen er tom; afdelingen er gættet ud fra kontoen ({clue}). Ret udtrækket, "
                         "eller skriv afdelingen i det.")
        elif line.guess == "number":
            notes.append("Temaet er gættet ud fra tallet forrest i etiketten; titlen passer på intet tema. "
                         "Giv etiketten i [themes] i en mapping-fil.")
        if line.status is Status.ONLY_OFFICIAL and line.rows and not line.department:
            notes.append("Rækkens afdeling kan ikke bestemmes: afdelingscellen er tom, og kontoen peger ikke på "
                         "én afdeling.")
        if len(line.rows) > 1:
            notes.append(f"Summen af {len(line.rows)} rækker i det officielle ark; se arket {ROWS_SHEET}.")
        if line.status is Status.WITHIN_TOLERANCE:
            notes.append(f"Inden for tolerancen på {format_danish(self.rec.tolerance, places(self.rec.tolerance))}.")
        return " ".join(notes)


    # -- Kontorækker: the official rows behind every figure ------------------------------------------------
    def rows_sheet(self, w: SheetWriter) -> None:
        for col, (_name, width) in enumerate(ROW_COLUMNS):
            w.column(col, col, width, side=col in ROW_SIDE_COLS)
        row = self._heading(w, "Kontorækker: de officielle rækker bag hvert sammenlignet tal")
        header = row
        for col, (name, _width) in enumerate(ROW_COLUMNS):
            w.text(row, col, name, "head_right" if col in (3, 6, 7) else "head")
        w.row_height(row, HEADER_HEIGHT)
        for line in (line for line in self.rec.lines if line.rows):
            for record in line.rows:
                row += 1
                w.text(row, 0, LEVEL_NAMES[line.level])
                w.text(row, 1, line.department)
                w.text(row, 2, self.themes.get(line.theme, line.theme), "label")
                if line.year is not None:
                    w.number(row, 3, line.year, "text")
                w.text(row, 4, record.cell.address)
                w.text(row, 5, record.account_text, "label")
                amount = figure(record.cell.value).amount
                if amount is not None:
                    w.number(row, 6, amount, "count" if amount == int(amount) else "decimal")
                    w.formula(row, 7, _conversion(cell(row, 6), line.factor) or f"={cell(row, 6)}",
                              amount * line.factor, "amount")
                else:
                    w.text(row, 6, record.cell.text, "label")
                w.text(row, 8, STATUS_NAMES[line.status], STATUS_STYLE.get(line.status, "error"))
        w.autofilter(header, 0, row, len(ROW_COLUMNS) - 1)
        w.freeze(header + 1, 0)
        w.apply_heights()
        w.print_setup(self.title, self.official_name, (header, header))


def _conclusion(rec: Reconciliation) -> str:
    compared = sum(1 for line in rec.lines if line.cell is not None)
    if rec.agrees:
        return f"Alt stemmer: {compared} officielle tal er sammenlignet med grundarket."
    parts = [f"{rec.count(status=s)} tal {CONCLUSION[s]}" for s in Status if not s.ok and rec.count(status=s)]
    return "Stemmer ikke: " + ", ".join(parts) + ". Se arket Forskelle."


def _table_da(table: Table) -> str:
    labels = [f"{what} i kolonne {column_letter(col)}" for what, col in
              (("afdelinger", table.department_col), ("temaer", table.theme_col)) if col is not None]
    if table.layout is Layout.CROSS_TAB:
        years = sorted(table.year_cols.values())
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        shape = f"krydstabel med {' og '.join(labels)} og årene {span} i række {table.header_row}"
    else:
        shape = (f"lang tabel med {' og '.join(labels)}, år i kolonne {column_letter(table.year_col or 0)} "
                 f"og beløb i kolonne {column_letter(table.amount_col or 0)}")
    if table.account_cols:
        what = "afdeling, tema" if table.department_col is not None and table.theme_col is not None else "etiket"
        shape += (f"; kontorækker (kolonne {', '.join(column_letter(c) for c in table.account_cols)}) lagt sammen "
                  f"pr. {what} og år")
    return f"{table.range}: {shape}" + (" (fra mapping-filen)" if table.mapped else "")


def _unit_da(source: Source, master_unit) -> str:
    text = f"{source.unit} ({UNIT_HOW[source.how]}"
    if source.how is UnitSource.FOUND and source.mention is not None:
        text = f"{source.unit} (fundet i {source.mention.address}: »{source.mention.text.strip()}«"
    text += ")"
    if source.unit.kroner != master_unit.kroner:
        text += f"; omregnet til grundarkets {master_unit}"
    return text


def _conversion(raw: str, factor: Decimal) -> str | None:
    """Return the formula that puts a raw official amount in the master's unit and sign, or None if none is needed."""
    if factor == 1:
        return None
    size = abs(factor)
    text = ("=-" if factor < 0 else "=") + raw
    if size > 1:
        text += f"*{size.normalize():f}"
    elif size < 1:
        text += f"/{(1 / size).normalize():f}"
    return text


def _difference_style(status: Status) -> str:
    if status in (Status.AGREES, Status.ZERO_ABSENT):
        return "diff_ok"
    return "diff_warn" if status in (Status.WITHIN_TOLERANCE, Status.GUESSED) else "diff_error"

