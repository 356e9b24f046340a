"""Writes the budget changes file: the rows to enter in the financial system, a check, and the rules.

Sheets: 'Budgetændringer' (one row per department, year and account, in kr. with savings
negative: a long table that ``reconcile`` reads back), 'Kontrol' (per department and year its
part beside the sum of its rows, as formulas) and 'Regler' (which rule made each department's
rows, and the cell of the master it comes from).
"""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.core.budget_changes import BudgetChanges
from spareforslag_xl.core.compute import Result
from spareforslag_xl.model.danish import format_danish, places
from spareforslag_xl.model.plan import Department, Scenario
from spareforslag_xl.workbook.book import DocProps, cell, close, new_workbook, sheet_name, sheet_ref
from spareforslag_xl.workbook.sheet import SheetWriter, Styles

ROWS = "Budgetændringer"
CHECK = "Kontrol"
RULES = "Regler"
TITLE = "Budgetændringer til økonomisystemet"
ROW_COLUMNS = (("Afdeling", 10), ("Navn", 30), ("Kontostreng", 22), ("År", 7), ("Beløb (kr.)", 14), ("Regel", 60))
AMOUNT_COL = 4
SCENARIO_DA = {
    Scenario.ADOPTED: "den vedtagne plan (forkastede og udskudte forslag er udeladt)",
    Scenario.PROPOSED: "alle forslag (beslutninger ses der bort fra)",
    Scenario.WITH_POSTPONED: "den vedtagne plan med de udskudte forslag",
}


def budget_changes_bytes(result: Result, changes: BudgetChanges, master_name: str) -> bytes:
    """Return the bytes of the budget changes file."""
    plan = result.plan
    book, buffer = new_workbook()
    styles = Styles(book, 0)
    # Whole kr., or kr. and øre when a part has øre (a master in kr. with decimals).
    kroner = "#,##0.00" if any(r.amount != r.amount.to_integral_value() for r in changes.rows) else "#,##0"
    styles.add("kroner", {"num_format": kroner})
    styles.add("kroner_total", {"num_format": kroner, "bold": True})
    taken: set[str] = set()
    rows = SheetWriter(book.add_worksheet(sheet_name(ROWS, taken)), styles)
    check = SheetWriter(book.add_worksheet(sheet_name(CHECK, taken)), styles)
    rules = SheetWriter(book.add_worksheet(sheet_name(RULES, taken)), styles)
    places_of = _Writer(result, changes, master_name)
    spans = places_of.rows_sheet(rows)
    places_of.check_sheet(check, spans, rows.name)
    places_of.rules_sheet(rules)
    rows.activate()
    return close(book, buffer, DocProps(
        title=f"{TITLE}: {plan.settings.title or 'Spareforslag'}",
        subject=f"Budgetændringer fra {master_name}",
        company=plan.settings.municipality,
        comments=f"Dannet af spareforslag-xl fra {master_name}",
        created=plan.created,
    ))


class _Writer:
    def __init__(self, result: Result, changes: BudgetChanges, master_name: str) -> None:
        self.result, self.changes, self.master_name = result, changes, master_name
        self.plan = result.plan
        self.departments = {d.code: d for d in self.plan.departments}
        self.unit = self.plan.settings.unit or "1.000 kr."

    def _heading(self, w: SheetWriter, title: str) -> int:
        w.text(0, 0, title, "title")
        if self.plan.settings.title:
            w.text(1, 0, self.plan.settings.title, "subtitle")
        scenario = self.plan.scenario
        shown = f" · Plan: {SCENARIO_DA[scenario]}" if scenario is not None else ""
        w.text(2, 0, f"Grundark: {self.master_name}{shown}", "meta")
        return 4

    def rows_sheet(self, w: SheetWriter) -> dict[tuple[str, int], tuple[int, int]]:
        """Write the rows to enter; return (department, year) → the first and last row of its rows."""
        for col, (_name, width) in enumerate(ROW_COLUMNS):
            w.column(col, col, width, side=col == len(ROW_COLUMNS) - 1)
        row = self._heading(w, TITLE)
        w.text(3, 0, "Beløb i kr.; besparelser er negative beløb (budgettet sænkes).", "meta")
        header = row
        for col, (name, _width) in enumerate(ROW_COLUMNS):
            w.text(row, col, name, "header_num" if col in (3, AMOUNT_COL) else "header")
        spans: dict[tuple[str, int], tuple[int, int]] = {}
        for change in self.changes.rows:
            row += 1
            department = self.departments[change.department]
            w.text(row, 0, change.department)
            w.text(row, 1, department.name)
            w.text(row, 2, change.account)
            w.number(row, 3, change.year, "text")
            w.number(row, AMOUNT_COL, change.amount, "kroner")
            w.text(row, 5, self._rule(department, change.share), "note")
            first, _last = spans.get((change.department, change.year), (row, row))
            spans[(change.department, change.year)] = (first, row)
        w.autofilter(header, 0, row, len(ROW_COLUMNS) - 1)
        w.freeze(header + 1, 0)
        w.apply_heights()
        w.print_setup(TITLE, self.master_name, (header, header))
        return spans

    def _rule(self, department: Department, share: Decimal | None) -> str:
        where = _cell_of(department)
        if share is None:
            return f"Hele afdelingens del af året (Konto i {where})."
        percent = format_danish(share * 100, places(share * 100))
        return f"{percent} % af afdelingens del af året, største rest i hele kr. (Konto i {where})."

    def check_sheet(self, w: SheetWriter, spans: dict[tuple[str, int], tuple[int, int]], rows_sheet: str) -> None:
        heads = (("Afdeling", 10), ("År", 7), (f"Afdelingens del ({self.unit})", 14),
                 ("Som ændring i kr.", 16), ("Rækkerne i alt (kr.)", 16), ("Forskel (kr.)", 12), ("Bemærkning", 40))
        for col, (_name, width) in enumerate(heads):
            w.column(col, col, width, side=col == len(heads) - 1)
        row = self._heading(w, "Kontrol: hver afdelings rækker i alt mod dens del")
        header = row
        for col, (name, _width) in enumerate(heads):
            w.text(row, col, name, "header_num" if 1 <= col <= 5 else "header")
        kroner = self.changes.kroner
        for d in self.plan.departments:
            for year in self.result.years:
                row += 1
                part = self.result.department_totals[d.code][year] or Decimal(0)
                w.text(row, 0, d.code)
                w.number(row, 1, year, "text")
                w.amount(row, 2, part)
                change = -(part * kroner) + 0
                w.formula(row, 3, f"=-{cell(row, 2)}*{kroner.normalize():f}", change, "kroner")
                span = spans.get((d.code, year))
                if span is None:
                    w.text(row, 6, "Ingen konto i grundarket: afdelingens del er ikke skrevet.", "warning")
                    continue
                first, last = span
                total = self.changes.total(d.code, year)
                w.formula(row, 4, f"=SUM({sheet_ref(rows_sheet, first, AMOUNT_COL)}:"
                                  f"{cell(last, AMOUNT_COL, absolute=True)})", total, "kroner")
                w.formula(row, 5, f"={cell(row, 4)}-{cell(row, 3)}", total - change, "kroner_total")
        w.freeze(header + 1, 0)
        w.apply_heights()
        w.print_setup(TITLE, self.master_name, (header, header))

    def rules_sheet(self, w: SheetWriter) -> None:
        w.column(0, 0, 10)
        w.column(1, 1, 30)
        w.column(2, 2, 40)
        w.column(3, 3, 16)
        w.column(4, 4, 60)
        row = self._heading(w, "Regler: hvordan rækkerne er dannet")
        for text in (
            "Afdelingens del af et år er dens del af hvert tema og af differencen til målet, som på rapportens "
            "ark Afdelinger, for den plan, der er angivet øverst.",
            f"Delen (i {self.unit}) føres over i kr. og skrives som en negativ ændring: en besparelse sænker "
            "budgettet.",
            "Har afdelingen én konto, skrives hele delen på den. Har den flere, fordeles delen efter kontienes "
            "andele i hele kr. efter største rest, så rækkerne tilsammen giver delen præcis (se arket Kontrol).",
            "Filen kan afstemmes mod grundarket med:  spareforslag reconcile GRUNDARK.xlsx DENNE-FIL.xlsx",
        ):
            w.paragraph(row, 0, 4, text)
            row += 1
        row += 1
        for col, name in enumerate(("Afdeling", "Navn", "Konto", "Celle i grundarket", "Regel")):
            w.text(row, col, name, "header")
        for d in self.plan.departments:
            row += 1
            w.text(row, 0, d.code)
            w.text(row, 1, d.name)
            w.text(row, 2, "; ".join(a.string if a.share is None else
                                     f"{a.string} = {format_danish(a.share * 100, places(a.share * 100))} %"
                                     for a in d.accounts), "label")
            w.text(row, 3, _cell_of(d))
            if not d.accounts:
                w.text(row, 4, "Ingen konto: afdelingens del er ikke skrevet. Skriv kontoen i kolonnen Konto.",
                       "warning")
            elif len(d.accounts) == 1:
                w.text(row, 4, "Hele delen på den ene konto.", "label")
            else:
                w.text(row, 4, "Delen fordelt på kontiene efter andelene, i hele kr. efter største rest.", "label")
        w.apply_heights()
        w.print_setup(TITLE, self.master_name)


def _cell_of(department: Department) -> str:
    ref = department.refs.get("accounts") or department.refs.get("code")
    return str(ref) if ref is not None else "Afdelinger"
