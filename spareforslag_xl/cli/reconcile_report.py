"""The reconciliation as terminal text: what was compared, counts per level, and every problem.

Pure: a Reconciliation in, lines of text out. Amounts are printed the Danish way (3.250),
in the master's unit, as everywhere else in the program's messages.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from spareforslag_xl.model.plan import Scenario
from spareforslag_xl.model.danish import format_danish, places
from spareforslag_xl.master.cells import column_letter
from spareforslag_xl.reconcile.compare import Line, Reconciliation, Source, Status, UnitSource
from spareforslag_xl.reconcile.read import Kind
from spareforslag_xl.reconcile.table import Layout, Reason, Table
from spareforslag_xl.model.units import Unit

COUNT_COLUMNS = (
    ("Agree", (Status.AGREES, Status.ZERO_ABSENT)),
    ("Within tolerance", (Status.WITHIN_TOLERANCE,)),
    ("Differ", (Status.DIFFERS,)),
    ("Only master", (Status.ONLY_MASTER,)),
    ("Only official", (Status.ONLY_OFFICIAL,)),
    ("Unreadable", (Status.UNREADABLE,)),
    ("Ambiguous", (Status.AMBIGUOUS,)),
)
UNIT_HOW = {UnitSource.GIVEN: "given with --unit", UnitSource.MAPPING: "given in the mapping file",
            UnitSource.FOUND: "found in the sheet", UnitSource.ASSUMED: "assumed: the master's unit"}
"""How the unit of an official table came to be, as the terminal says it."""


def amount_text(value: Optional[Decimal], decimals: int = 0, signed: bool = False) -> str:
    """Return an amount as Danish text with the decimals it needs (at least ``decimals``)."""
    if value is None:
        return "-"
    text = format_danish(value, max(decimals, places(value)))
    return f"+{text}" if signed and value > 0 else text


def describe_table(table: Table) -> str:
    """Return where a table is and how it is laid out: \"'Budget'!A4:F11, a cross-tab: …\"."""
    labels = [f"{what} in column {column_letter(col)}" for what, col in
              (("departments", table.department_col), ("themes", table.theme_col)) if col is not None]
    if table.layout is Layout.CROSS_TAB:
        years = sorted(table.year_cols.values())
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        shape = f"a cross-tab: {' and '.join(labels)}, years {span} in row {table.header_row}"
    else:
        shape = (f"a long table: {' and '.join(labels)}, years in column {column_letter(table.year_col)}, "
                 f"amounts in column {column_letter(table.amount_col)}")
    return f"{table.range}, {shape}" + (" (from the mapping file)" if table.mapped else "")


def describe_unit(source: Source, master_unit: Unit) -> str:
    text = f"{source.unit} ({UNIT_HOW[source.how]}"
    if source.how is UnitSource.FOUND and source.mention is not None:
        text += f", {source.mention.address}: \"{source.mention.text.strip()}\""
    text += ")"
    if source.unit.kroner != master_unit.kroner:
        text += f"; converted to the master's {master_unit}"
    return text


def problem_text(line: Line) -> str:
    """Return what is wrong with a line, in English."""
    if line.status is Status.UNREADABLE and line.cell is not None:
        if line.figure is not None and line.figure.kind is Kind.UNCALCULATED:
            return f"formula {line.cell.text} without a stored value"
        return f"Excel error {line.cell.text}"
    if line.status is Status.AMBIGUOUS:
        what = "themes" if line.ambiguous_kind == "theme" else "departments"
        text = f"ambiguous: fits {what} {_and(line.candidates)}"
        return text + " (its number and title disagree)" if line.conflict else text
    return line.status.value


def report_lines(rec: Reconciliation, master: str, official: str) -> list[str]:
    """Return the terminal report of a reconciliation."""
    plan = rec.result.plan
    unit = plan.settings.unit or "1.000 kr."
    decimals = plan.settings.decimals
    out = [f"Reconciliation of {master} with {official}"]
    if plan.scenario is Scenario.PROPOSED:
        out.append("  compared with: the proposals, as asked with --proposed (the master records decisions)")
    elif plan.scenario is not None:
        out.append("  compared with: the adopted plan (the master records decisions; --proposed compares the proposals)")
    for source in rec.sources:
        out.append(f"  table: {describe_table(source.table)}")
        out.append(f"  unit: {describe_unit(source, rec.master_unit)}")
        if source.negated:
            why = ("every official figure has the opposite sign of the master's (savings entered as negative "
                   "numbers)" if source.sign_detected else "asked for with --negate")
            out.append(f"  signs: reversed before comparing: {why}")
    for table in rec.unused:
        out.append(f"  not used (another table fits better): {describe_table(table)}")
    if rec.tolerance:
        out.append(f"  tolerance: {amount_text(rec.tolerance)} ({unit})")
    for ignored in rec.ignored:
        label = f" '{ignored.text}'" if ignored.text else ""
        out.append(f"  set aside: {ignored.address}{label}: {ignored.reason.value}"
                   + (", not compared" if ignored.reason is not Reason.NO_YEAR else ""))
    out.append("")
    header = ("Level", "Figures") + tuple(name for name, _ in COUNT_COLUMNS)
    rows = [(level.value, str(rec.count(level)))
            + tuple(str(sum(rec.count(level, s) for s in statuses)) for _, statuses in COUNT_COLUMNS)
            for level in rec.levels]
    out += _table(header, rows, right_from=1)
    problems = rec.problems
    if problems:
        out += ["", f"Problems (difference = official − master, in {unit}):"]
        header = ("Level", "Department", "Theme", "Year", "Master", "Official", "Difference", "Official cell",
                  "Problem")
        rows = [(line.level.value, line.department, line.theme, str(line.year or ""),
                 amount_text(line.master, decimals) if line.has_master else "",
                 amount_text(line.official, decimals) if line.cell is not None else "",
                 amount_text(line.difference, decimals, signed=True) if line.difference is not None else "",
                 line.cell.address if line.cell is not None else "", problem_text(line))
                for line in problems]
        out += _table(header, rows, right_from=4, right_to=6)
    out += ["", verdict(rec)]
    return out


def verdict(rec: Reconciliation) -> str:
    """Return the one-line conclusion: all agree, or how many of each problem."""
    compared = sum(1 for line in rec.lines if line.cell is not None)
    if rec.agrees:
        within = rec.count(status=Status.WITHIN_TOLERANCE)
        extra = f" ({within} within the tolerance)" if within else ""
        return f"The official workbook agrees with the master: {compared} official figures compared{extra}."
    counts = [_counted(rec.count(status=s), s) for s in Status if not s.ok and rec.count(status=s)]
    return f"The official workbook does not agree with the master: {', '.join(counts)}."


def _counted(n: int, status: Status) -> str:
    """'1 figure differs', '3 figures only in the master', '2 ambiguous labels' …"""
    figures = "figure" if n == 1 else "figures"
    return {
        Status.DIFFERS: f"{n} {figures} {'differs' if n == 1 else 'differ'}",
        Status.ONLY_MASTER: f"{n} {figures} only in the master",
        Status.ONLY_OFFICIAL: f"{n} {figures} only in the official workbook",
        Status.UNREADABLE: f"{n} unreadable official {'cell' if n == 1 else 'cells'}",
        Status.AMBIGUOUS: f"{n} {figures} with an ambiguous label",
    }[status]


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], right_from: int = 99, right_to: int = 99) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row):
        cells = [c.rjust(w) if right_from <= i <= right_to else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return [fmt(header)] + [fmt(r) for r in rows]
