"""Checks a plan as a whole: codes that point nowhere, keys and fixed amounts that do not add up.

Pure: a Plan in, findings out. Cell-level problems were found while parsing; here every
finding still points at the cell that holds the value in question.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from spareforslag_xl.core.decisions import check_decisions
from spareforslag_xl.model.danish import format_danish, format_share
from spareforslag_xl.core.filenames import check_file_names
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.core.groups import fixed_index, theme_groups
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.plan import Method, Plan, Ref, Rule, at, fold_name
from spareforslag_xl.core.recipients import check_recipients

ONE = Decimal(1)

STRUCTURAL = frozenset({"missing-sheet", "missing-column", "missing-header"})


@dataclass(frozen=True)
class Unreadable:
    """What parsing could not read: cells with errors, and sheets without their columns.

    Checks that depend on them are skipped, so that one bad cell gives one finding and not
    a cascade (an unreadable amount is not also reported as a fixed split that does not add up).
    """

    cells: frozenset[Ref] = frozenset()
    sheets: frozenset[str] = frozenset()

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> "Unreadable":
        errors = [f for f in findings if f.is_error and f.ref is not None]
        return cls(
            frozenset(f.ref for f in errors),
            frozenset(f.ref.sheet for f in errors if f.code in STRUCTURAL),
        )


def validate(plan: Plan, unreadable: Unreadable = Unreadable()) -> list[Finding]:
    """Return every problem of the plan that needs more than one record to see."""
    findings: list[Finding] = []
    findings += _check_basics(plan, unreadable)
    findings += _check_keys(plan, unreadable)
    findings += _check_references(plan)
    findings += _check_amounts(plan)
    findings += _check_distribution(plan, unreadable)
    findings += check_decisions(plan)
    findings += check_recipients(plan)
    findings += check_file_names(plan)
    return findings


def _check_basics(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    if not plan.departments and L.DEPARTMENTS.name not in unreadable.sheets:
        yield error("no-departments", "the master lists no departments.", Ref(L.DEPARTMENTS.name),
                    "Add one row per department with its code and name.")
    if not plan.themes and L.THEMES.name not in unreadable.sheets:
        yield error("no-themes", "the master lists no themes.", Ref(L.THEMES.name), "Add one row per theme.")
    if list(plan.years) != sorted(plan.years):
        yield warning("years-out-of-order", "the year columns are not in ascending order; the report sorts them.",
                      Ref(L.LINES.name, "1"), "Order the year columns from the first to the last year.")
    residual = plan.settings.residual_key
    if residual and plan.key(residual) is None:
        yield error(
            "unknown-key", f"the key '{residual}' named in '{L.RESIDUAL_KEY}' is not on the sheet '{L.KEYS.name}'.",
            plan.settings.refs.get("residual_key"), _key_hint(plan),
        )


def _check_keys(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    codes = {fold_name(d.code) for d in plan.departments}
    # A key row that could not be read is missing from its key; its sum would mislead.
    sums_known = not any(ref.sheet == L.KEYS.name for ref in unreadable.cells)
    for key in plan.keys:
        for share in key.shares:
            if plan.departments and fold_name(share.department) not in codes:
                yield error("unknown-department", f"the key '{key.name}' names the department '{share.department}', "
                            f"which is not on the sheet '{L.DEPARTMENTS.name}'.", at(share.refs, "department"),
                            f"Use a code from the sheet {L.DEPARTMENTS.name}.")
            if share.share < 0:
                yield error("negative-share", f"the share of {share.department} in key '{key.name}' is negative.",
                            at(share.refs, "share"), "Shares go from 0 % to 100 %.")
        total = key.total
        if key.complete or not sums_known:
            continue
        where = at(key.shares[-1].refs, "share") if key.shares else at(key.refs)
        if total > ONE:
            yield error(
                "key-over-100", f"the shares of key '{key.name}' sum to {format_share(total)}, more than 100 %; "
                "it would distribute more than the amount.", where, "Correct the shares so that they sum to 100 %.",
            )
        else:
            yield warning(
                "key-not-100", f"the shares of key '{key.name}' sum to {format_share(total)}, not 100 %; "
                f"the remaining {format_share(ONE - total)} of each amount appears as 'Ikke fordelt'.",
                where, "Correct the shares if the key should distribute everything.",
            )


def _check_references(plan: Plan) -> Iterable[Finding]:
    themes = {t.number for t in plan.themes}
    codes = {fold_name(d.code) for d in plan.departments}
    numbered = {(line.theme, line.number) for line in plan.lines if line.number}
    for line in plan.lines:
        if themes and line.theme not in themes:
            yield error("unknown-theme", f"the proposal '{line.title}' belongs to theme {line.theme}, "
                        f"which is not on the sheet '{L.THEMES.name}'.", at(line.refs, "theme"),
                        f"Use a theme number from the sheet {L.THEMES.name}, or add the theme.")
    for row in plan.fixed:
        if themes and row.theme not in themes:
            yield error("unknown-theme", f"the fixed amount refers to theme {row.theme}, which does not exist.",
                        at(row.refs, "theme"), f"Use a theme number from the sheet {L.THEMES.name}.")
        elif row.line and (row.theme, row.line) not in numbered:
            yield error("unknown-line", f"the fixed amount refers to proposal {row.line} of theme {row.theme}, "
                        "which does not exist.", at(row.refs, "line"),
                        f"Use the number of a proposal on the sheet {L.LINES.name}.")
        if plan.departments and fold_name(row.department) not in codes:
            yield error("unknown-department", f"the fixed amount names the department '{row.department}', "
                        f"which is not on the sheet {L.DEPARTMENTS.name}.", at(row.refs, "department"),
                        f"Use a code from the sheet {L.DEPARTMENTS.name}.")
    for rule in _rules(plan):
        if rule.method is Method.KEY and rule.key and plan.key(rule.key) is None:
            yield error("unknown-key", f"the key '{rule.key}' is not on the sheet '{L.KEYS.name}'.", rule.ref,
                        _key_hint(plan))
        if rule.from_year is not None and plan.years and rule.from_year not in plan.years:
            yield warning("unknown-year", f"the first year {rule.from_year} is not one of the plan's years "
                          f"({', '.join(map(str, plan.years))}).", rule.ref, "Write one of the plan's years.")
    lined = {line.theme for line in plan.lines}
    for theme in plan.themes:
        if theme.number not in lined and not theme.status:
            yield warning("theme-without-lines", f"theme {theme.number} '{theme.title}' has no proposals.",
                          at(theme.refs, "number"),
                          f"Add its proposals on the sheet {L.LINES.name}, or explain in {L.THEMES.header('status')} "
                          "(e.g. '(temaet er slået ind under tema 8)').")


def _check_amounts(plan: Plan) -> Iterable[Finding]:
    for line in plan.lines:
        for year in plan.years:
            amount = line.amounts.get(year)
            if amount is None:
                continue
            if amount < 0:
                yield warning("negative-amount", f"the amount {_money(plan, amount)} for {year} is negative; "
                              "savings are entered as positive amounts.", at(line.refs, year),
                              "Enter the saving as a positive number (a cost as negative only on purpose).")
            yield from _precision(plan, amount, at(line.refs, year), "amount")
        for year, amount in line.adopted.items():
            yield from _precision(plan, amount, at(line.refs, ("adopted", year)), "adopted amount")
    for row in plan.fixed:
        for year in plan.years:
            if row.amounts.get(year) is not None:
                yield from _precision(plan, row.amounts[year], at(row.refs, year), "fixed amount")
    for year in plan.years:
        if plan.settings.target.get(year) is not None:
            yield from _precision(plan, plan.settings.target[year], plan.settings.refs.get(year), "target")


def _money(plan: Plan, amount) -> str:
    """Format an amount in Danish with the plan's decimals, or more when it has them (3.250,5)."""
    exponent = amount.normalize().as_tuple().exponent
    return format_danish(amount, max(plan.settings.decimals, -exponent if isinstance(exponent, int) else 0))


def _precision(plan: Plan, amount, ref, what: str) -> Iterable[Finding]:
    """An amount finer than the report shows would make rounded parts miss their totals."""
    if amount != amount.quantize(plan.quantum):
        decimals = plan.settings.decimals
        yield error("too-many-decimals", f"the {what} {amount} has more decimals than the plan shows ({decimals}); "
                    "its parts could not add up exactly to the totals.", ref,
                    f"Round it to {decimals} decimals, or raise '{L.DECIMALS}' on the sheet {L.SETTINGS.name}.")


def _check_distribution(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    fixed = fixed_index(plan)
    used: set[tuple[str, str]] = set()
    for theme in plan.themes:
        for group in theme_groups(plan, theme):
            rule = group.rule
            if rule is None:
                rule_cell = at(group.lines[0].refs, "method") if group.own else at(theme.refs, "method")
                if rule_cell in unreadable.cells:
                    continue
                if any(group.amount(y) for y in plan.years):
                    yield warning("no-distribution", f"theme {theme.number} has no distribution "
                                  f"({L.THEMES.header('method')}); its amounts appear as '{Method.NONE.value}'.",
                                  at(theme.refs, "method"),
                                  "Choose " + L.METHOD_HELP)
                continue
            if rule.method is not Method.FIXED:
                continue
            ident = (theme.number, group.line_number)
            used.add(ident)
            rows = fixed.get(ident, [])
            what = f"proposal {group.line_number} of theme {theme.number}" if group.own else f"theme {theme.number}"
            if not rows:
                yield error("missing-fixed", f"{what} is distributed by '{Method.FIXED.value}' but the sheet "
                            f"'{L.FIXED.name}' has no rows for it.", rule.ref,
                            f"Add one row per department on the sheet '{L.FIXED.name}'.")
                continue
            for year in plan.years:
                if rule.from_year is not None and year < rule.from_year:
                    continue
                cells = [at(line.refs, year) for line in group.lines] + [at(r.refs, year) for r in rows]
                if any(c in unreadable.cells for c in cells):
                    continue
                whole = group.amount(year)
                given = [r.amounts.get(year) for r in rows if r.amounts.get(year) is not None]
                parts = sum(given, Decimal(0))
                if whole is None:
                    if given and parts != 0:
                        yield warning("fixed-not-estimated", f"{what} is not estimated in {year}, "
                                      f"but fixed amounts of {_money(plan, parts)} are given.",
                                      at(rows[0].refs, year), "Clear the fixed amounts or estimate the amount.")
                    continue
                if parts != whole:
                    yield error(
                        "fixed-sum", f"the fixed amounts of {what} for {year} sum to {_money(plan, parts)}, "
                        f"but its amount is {_money(plan, whole)} "
                        f"(difference {_money(plan, whole - parts)}).",
                        at(rows[0].refs, year), "Correct the fixed amounts so that they sum to the amount.",
                    )
    themes = {t.number for t in plan.themes}
    for ident, rows in fixed.items():
        if ident not in used and ident[0] in themes:
            yield warning("fixed-unused", f"fixed amounts are given for theme {ident[0]}"
                          f"{' proposal ' + ident[1] if ident[1] else ''}, whose distribution is not '{Method.FIXED.value}'; "
                          "they are ignored.", at(rows[0].refs, "theme"),
                          f"Set {L.THEMES.header('method')} to '{Method.FIXED.value}', or delete the rows.")


def _rules(plan: Plan) -> Iterable[Rule]:
    for theme in plan.themes:
        if theme.rule:
            yield theme.rule
    for line in plan.lines:
        if line.rule:
            yield line.rule


def _key_hint(plan: Plan) -> str:
    names = ", ".join(f"'{k.name}'" for k in plan.keys)
    return f"Use one of the keys: {names}." if names else "Add the key on the sheet Nøgler."
