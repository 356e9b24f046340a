"""The reconciliation as terminal text: what was compared, counts per level, and every problem.

Pure: a Reconciliation in, lines of text out. Amounts are printed the Danish way (3.250),
in the master's unit, as everywhere else in the program's messages.
"""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.master.cells import column_letter
from spareforslag_xl.model.danish import format_danish, places
from spareforslag_xl.model.i18n import N_, _, ngettext
from spareforslag_xl.model.plan import Scenario
from spareforslag_xl.model.units import Unit
from spareforslag_xl.reconcile.compare import Line, Reconciliation, Source, Status, UnitSource
from spareforslag_xl.reconcile.read import Kind, figure
from spareforslag_xl.reconcile.table import Layout, Reason, Table

COUNT_COLUMNS = (
    (N_("Agree"), (Status.AGREES, Status.ZERO_ABSENT)),
    (N_("Within tolerance"), (Status.WITHIN_TOLERANCE,)),
    (N_("Differ"), (Status.DIFFERS,)),
    (N_("Only master"), (Status.ONLY_MASTER,)),
    (N_("Only official"), (Status.ONLY_OFFICIAL,)),
    (N_("Unreadable"), (Status.UNREADABLE,)),
    (N_("Ambiguous"), (Status.AMBIGUOUS,)),
    (N_("Guessed"), (Status.GUESSED,)),
)
OPTIONAL_COLUMNS = (Status.GUESSED,)
"""Count columns shown only when some figure has that status."""
UNIT_HOW = {UnitSource.GIVEN: N_("given with --unit"), UnitSource.MAPPING: N_("given in the mapping file"),
            UnitSource.FOUND: N_("found in the sheet"), UnitSource.ASSUMED: N_("assumed: the master's unit")}
"""How the unit of an official table came to be, as the terminal says it."""


def amount_text(value: Decimal | None, decimals: int = 0, signed: bool = False) -> str:
    """Return an amount as Danish text with the decimals it needs (at least ``decimals``)."""
    if value is None:
        return "-"
    text = format_danish(value, max(decimals, places(value)))
    return f"+{text}" if signed and value > 0 else text


def describe_table(table: Table) -> str:
    """Return where a table is and how it is laid out: \"'Budget'!A4:F11, a cross-tab: …\"."""
    labels = [what.format(col=column_letter(col)) for what, col in
              ((_("departments in column {col}"), table.department_col), (_("themes in column {col}"), table.theme_col))
              if col is not None]
    joined = _(" and ").join(labels)
    if table.layout is Layout.CROSS_TAB:
        years = sorted(table.year_cols.values())
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        shape = _("a cross-tab: {labels}, years {span} in row {row}").format(
            labels=joined, span=span, row=table.header_row)
    else:
        assert table.year_col is not None and table.amount_col is not None  # a long table has both
        shape = _("a long table: {labels}, years in column {year_col}, amounts in column {amount_col}").format(
            labels=joined, year_col=column_letter(table.year_col or 0), amount_col=column_letter(table.amount_col or 0))
    if table.account_cols:
        summed = (_("; account rows (columns {cols}) summed per department, theme and year")
                  if table.department_col is not None and table.theme_col is not None
                  else _("; account rows (columns {cols}) summed per label and year"))
        shape += summed.format(cols=", ".join(column_letter(c) for c in table.account_cols))
    return f"{table.range}, {shape}" + (_(" (from the mapping file)") if table.mapped else "")


def describe_unit(source: Source, master_unit: Unit) -> str:
    text = f"{source.unit} ({_(UNIT_HOW[source.how])}"
    if source.how is UnitSource.FOUND and source.mention is not None:
        text += f", {source.mention.address}: \"{source.mention.text.strip()}\""
    text += ")"
    if source.unit.kroner != master_unit.kroner:
        text += _("; converted to the master's {unit}").format(unit=master_unit)
    return text


def problem_text(line: Line) -> str:
    """Return what is wrong with a line, in the language in use."""
    if line.status is Status.UNREADABLE and line.cell is not None:
        if line.figure is not None and line.figure.kind is Kind.UNCALCULATED:
            return _("formula {formula} without a stored value").format(formula=line.cell.text)
        return _("Excel error {error}").format(error=line.cell.text)
    if line.status is Status.AMBIGUOUS:
        text = (_("ambiguous: fits themes {candidates}") if line.ambiguous_kind == "theme"
                else _("ambiguous: fits departments {candidates}")).format(candidates=_and(line.candidates))
        return text + _(" (its number and title disagree)") if line.conflict else text
    if line.status is Status.ONLY_OFFICIAL and line.rows and not line.department:
        return _("no department: the row's department cannot be told")
    guess = guess_text(line)
    if line.status is Status.GUESSED:
        return _("agrees only by a guess: {guess}").format(guess=guess)
    return line.status.text + (_(" (by a guess: {guess})").format(guess=guess) if guess else "")


def guess_text(line: Line) -> str:
    """Return what was guessed to match a line's official figure with the master's, or ''."""
    record = next((r for r in line.rows if r.guess), None)
    if line.guess == "account":
        clue = record.department.match.clue if record is not None and record.department is not None else ""
        return _("the department cell is empty; {department} is told by the account {account}").format(
            department=line.department, account=clue)
    if line.guess == "number":
        label = next((r.theme.text for r in line.rows if r.theme is not None), "") or line.theme
        return _("'{label}' read as theme {theme} from the number at its start; its title matches no theme").format(
            label=label, theme=line.theme)
    return ""


def report_lines(rec: Reconciliation, master: str, official: str) -> list[str]:
    """Return the terminal report of a reconciliation."""
    plan = rec.result.plan
    unit = plan.settings.unit or "1.000 kr."
    decimals = plan.settings.decimals
    out = [_("Reconciliation of {master} with {official}").format(master=master, official=official)]
    if plan.scenario is Scenario.PROPOSED:
        out.append(_("  compared with: the proposals, as asked with --proposed (the master records decisions)"))
    elif plan.scenario is not None:
        out.append(_("  compared with: the adopted plan (the master records decisions; --proposed compares the "
                     "proposals)"))
    for source in rec.sources:
        out.append(_("  table: {table}").format(table=describe_table(source.table)))
        out.append(_("  unit: {unit}").format(unit=describe_unit(source, rec.master_unit)))
        if source.negated:
            why = (_("every official figure has the opposite sign of the master's (savings entered as negative "
                     "numbers)") if source.sign_detected else _("asked for with --negate"))
            out.append(_("  signs: reversed before comparing: {why}").format(why=why))
    for table in rec.unused:
        out.append(_("  not used (another table fits better): {table}").format(table=describe_table(table)))
    if rec.tolerance:
        out.append(_("  tolerance: {tolerance} ({unit})").format(tolerance=amount_text(rec.tolerance), unit=unit))
    for ignored in rec.ignored:
        label = f" '{ignored.text}'" if ignored.text else ""
        out.append(_("  set aside: {cell}{label}: {reason}").format(cell=ignored.address, label=label,
                                                                    reason=ignored.reason.text)
                   + (_(", not compared") if ignored.reason is not Reason.NO_YEAR else ""))
    out.append("")
    columns = [(name, statuses) for name, statuses in COUNT_COLUMNS
               if statuses[0] not in OPTIONAL_COLUMNS or rec.count(status=statuses[0])]
    header = (_("Level"), _("Figures")) + tuple(_(name) for name, _statuses in columns)
    rows = [(level.text, str(rec.count(level)))
            + tuple(str(sum(rec.count(level, s) for s in statuses)) for _name, statuses in columns)
            for level in rec.levels]
    out += _table(header, rows, right_from=1)
    problems = rec.problems
    if problems:
        out += ["", _("Problems (difference = official − master, in {unit}):").format(unit=unit)]
        header = (_("Level"), _("Department"), _("Theme"), _("Year"), _("Master"), _("Official"), _("Difference"),
                  _("Official cell"), _("Problem"))
        rows = [(line.level.text, line.department, line.theme, str(line.year or ""),
                 amount_text(line.master, decimals) if line.has_master else "",
                 amount_text(line.official, decimals) if line.cell is not None else "",
                 amount_text(line.difference, decimals, signed=True) if line.difference is not None else "",
                 line.where, problem_text(line))
                for line in problems]
        out += _table(header, rows, right_from=4, right_to=6)
        behind = [line for line in problems if line.rows]
        if behind:
            out += ["", _("Official rows behind the problems (as in the official sheet):")]
            rows = [(line.department or "?", line.theme, str(line.year or ""), record.cell.address,
                     record.account_text, _raw(record.cell)) for line in behind for record in line.rows]
            out += ["  " + text for text in _table((_("Department"), _("Theme"), _("Year"), _("Official cell"),
                                                    _("Account"), _("Amount")), rows, right_from=5)]
    out += ["", verdict(rec)]
    return out


def _raw(cell) -> str:
    """Return an official cell's value as the sheet shows it: a number the Danish way (-1.373.500), else its text."""
    amount = figure(cell.value).amount
    return amount_text(amount) if amount is not None else cell.text


def verdict(rec: Reconciliation) -> str:
    """Return the one-line conclusion: all agree, or how many of each problem."""
    compared = sum(1 for line in rec.lines if line.cell is not None)
    if rec.agrees:
        within = rec.count(status=Status.WITHIN_TOLERANCE)
        extra = _(" ({within} within the tolerance)").format(within=within) if within else ""
        return _("The official workbook agrees with the master: {compared} official figures compared{extra}.").format(
            compared=compared, extra=extra)
    counts = [_counted(rec.count(status=s), s) for s in Status if not s.ok and rec.count(status=s)]
    return _("The official workbook does not agree with the master: {counts}.").format(counts=", ".join(counts))


def _counted(n: int, status: Status) -> str:
    """'1 figure differs', '3 figures only in the master', '2 ambiguous labels' …"""
    return {
        Status.DIFFERS: ngettext("{n} figure differs", "{n} figures differ", n),
        Status.ONLY_MASTER: ngettext("{n} figure only in the master", "{n} figures only in the master", n),
        Status.ONLY_OFFICIAL: ngettext("{n} figure only in the official workbook",
                                       "{n} figures only in the official workbook", n),
        Status.UNREADABLE: ngettext("{n} unreadable official cell", "{n} unreadable official cells", n),
        Status.AMBIGUOUS: ngettext("{n} figure with an ambiguous label", "{n} figures with an ambiguous label", n),
        Status.GUESSED: ngettext("{n} figure that agrees only by a guessed label",
                                 "{n} figures that agree only by a guessed label", n),
    }[status].format(n=n)


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + _(" and ") + items[-1]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], right_from: int = 99, right_to: int = 99) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row):
        cells = [c.rjust(w) if right_from <= i <= right_to else c.ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=False))]
        return "  ".join(cells).rstrip()

    return [fmt(header)] + [fmt(r) for r in rows]
