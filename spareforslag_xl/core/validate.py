"""Checks a plan as a whole: codes that point nowhere, keys and fixed amounts that do not add up.

Pure: a Plan in, findings out. Cell-level problems were found while parsing; here every
finding still points at the cell that holds the value in question.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from spareforslag_xl.model.danish import format_danish, format_share, places
from spareforslag_xl.model.i18n import _
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
    findings += check_recipients(plan)
    findings += check_file_names(plan)
    return findings


def _check_basics(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    if not plan.departments and L.DEPARTMENTS.name not in unreadable.sheets:
        yield error("no-departments", _("the master workbook lists no departments."), Ref(L.DEPARTMENTS.name),
                    _("Add one row per department with its code and name."))
    if not plan.themes and L.THEMES.name not in unreadable.sheets:
        yield error("no-themes", _("the master workbook lists no themes."), Ref(L.THEMES.name),
                    _("Add one row per theme."))
    if list(plan.years) != sorted(plan.years):
        yield warning("years-out-of-order", _("the year columns are not in ascending order; the report sorts them."),
                      Ref(L.LINES.name, "1"), _("Order the year columns from the first to the last year."))
    residual = plan.settings.residual_key
    if residual and plan.key(residual) is None:
        yield error(
            "unknown-key", _("the key '{key}' named in '{setting}' is not on the sheet '{sheet}'.").format(
                key=residual, setting=L.RESIDUAL_KEY, sheet=L.KEYS.name),
            plan.settings.refs.get("residual_key"), _key_hint(plan),
        )


def _check_keys(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    codes = {fold_name(d.code) for d in plan.departments}
    # A key row that could not be read is missing from its key; its sum would mislead.
    sums_known = not any(ref.sheet == L.KEYS.name for ref in unreadable.cells)
    for key in plan.keys:
        for share in key.shares:
            if plan.departments and fold_name(share.department) not in codes:
                yield error("unknown-department", _("the key '{key}' names the department '{department}', which is not on the sheet "
                              "'{sheet}'.").format(key=key.name, department=share.department, sheet=L.DEPARTMENTS.name),
                            at(share.refs, "department"), _USE_CODE())
            if share.share < 0:
                yield error("negative-share", _("the share of {department} in key '{key}' is negative.").format(
                department=share.department, key=key.name), at(share.refs, "share"), _("Shares go from 0 % to 100 %."))
        total = key.total
        if key.complete or not sums_known:
            continue
        where = at(key.shares[-1].refs, "share") if key.shares else at(key.refs)
        if total > ONE:
            yield error(
                "key-over-100", _("the shares of key '{key}' sum to {total}, more than 100 %; it would distribute more than the "
                                 "amount.").format(key=key.name, total=format_share(total)),
                where, _("Correct the shares so that they sum to 100 %."),
            )
        else:
            yield warning(
                "key-not-100", _("the shares of key '{key}' sum to {total}, not 100 %; the remaining {rest} of each amount "
                                "appears as 'Ikke fordelt'.").format(key=key.name, total=format_share(total),
                                                                     rest=format_share(ONE - total)),
                where, _("Correct the shares if the key should distribute everything."),
            )


def _check_references(plan: Plan) -> Iterable[Finding]:
    themes = {t.number for t in plan.themes}
    codes = {fold_name(d.code) for d in plan.departments}
    numbered = {(line.theme, line.number) for line in plan.lines if line.number}
    for line in plan.lines:
        if themes and line.theme not in themes:
            yield error("unknown-theme", _("the proposal '{title}' belongs to theme {theme}, which is not on the sheet '{sheet}'.").format(
                title=line.title, theme=line.theme, sheet=L.THEMES.name), at(line.refs, "theme"),
                        _("Use a theme number from the sheet {sheet}, or add the theme.").format(sheet=L.THEMES.name))
    for row in plan.fixed:
        if themes and row.theme not in themes:
            yield error("unknown-theme", _("the fixed amount refers to theme {theme}, which does not exist.").format(theme=row.theme),
                        at(row.refs, "theme"), _("Use a theme number from the sheet {sheet}.").format(sheet=L.THEMES.name))
        elif row.line and (row.theme, row.line) not in numbered:
            yield error("unknown-line", _("the fixed amount refers to proposal {line} of theme {theme}, which does not exist.").format(
                line=row.line, theme=row.theme), at(row.refs, "line"),
                        _("Use the number of a proposal on the sheet {sheet}.").format(sheet=L.LINES.name))
        if plan.departments and fold_name(row.department) not in codes:
            yield error("unknown-department", _("the fixed amount names the department '{department}', which is not on the sheet {sheet}.").format(
                department=row.department, sheet=L.DEPARTMENTS.name), at(row.refs, "department"), _USE_CODE())
    for rule in _rules(plan):
        if rule.method is Method.KEY and rule.key and plan.key(rule.key) is None:
            yield error("unknown-key", _("the key '{key}' is not on the sheet '{sheet}'.").format(key=rule.key, sheet=L.KEYS.name), rule.ref,
                        _key_hint(plan))
        if rule.from_year is not None and plan.years and rule.from_year not in plan.years:
            yield warning("unknown-year", _("the first year {year} is not one of the plan's years ({years}).").format(
                year=rule.from_year, years=", ".join(map(str, plan.years))), rule.ref, _("Write one of the plan's years."))
    lined = {line.theme for line in plan.lines}
    for theme in plan.themes:
        if theme.number not in lined and not theme.status:
            yield warning("theme-without-lines", _("theme {number} '{title}' has no proposals.").format(number=theme.number, title=theme.title),
                          at(theme.refs, "number"),
                          _("Add its proposals on the sheet {sheet}, or explain in {column} (e.g. '(temaet er slået "
                            "ind under tema 8)').").format(sheet=L.LINES.name, column=L.THEMES.header("status")))


def _check_amounts(plan: Plan) -> Iterable[Finding]:
    for line in plan.lines:
        for year in plan.years:
            amount = line.amounts.get(year)
            if amount is None:
                continue
            if amount < 0:
                yield warning("negative-amount", _("the amount {amount} for {year} is negative; savings are entered as positive amounts.").format(
                    amount=_money(plan, amount), year=year), at(line.refs, year),
                              _("Enter the saving as a positive number (a cost as negative only on purpose)."))
            yield from _precision(plan, amount, at(line.refs, year), _("amount"))
    for row in plan.fixed:
        for year in plan.years:
            if row.amounts.get(year) is not None:
                yield from _precision(plan, row.amounts[year], at(row.refs, year), _("fixed amount"))
    for year in plan.years:
        if plan.settings.target.get(year) is not None:
            yield from _precision(plan, plan.settings.target[year], plan.settings.refs.get(year), _("target"))


def _money(plan: Plan, amount) -> str:
    """Format an amount in Danish with the plan's decimals, or more when it has them (3.250,5)."""
    exponent = amount.normalize().as_tuple().exponent
    return format_danish(amount, max(plan.settings.decimals, -exponent if isinstance(exponent, int) else 0))


def _precision(plan: Plan, amount, ref, what: str) -> Iterable[Finding]:
    """An amount finer than the report shows would make rounded parts miss their totals."""
    if amount != amount.quantize(plan.quantum):
        decimals = plan.settings.decimals
        yield error("too-many-decimals", _("the {what} {amount} has more decimals than the plan shows ({decimals}); its parts could not add "
                      "up exactly to the totals.").format(what=what, amount=format_danish(amount, places(amount)), decimals=decimals),
                    ref, _("Round it to {decimals} decimals, or raise '{setting}' on the sheet {sheet}.").format(
                        decimals=decimals, setting=L.DECIMALS, sheet=L.SETTINGS.name))


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
                    yield warning("no-distribution", _("theme {number} has no distribution ({column}); its amounts appear as '{none}'.").format(
                        number=theme.number, column=L.THEMES.header("method"), none=Method.NONE.value),
                                  at(theme.refs, "method"), _("Choose {methods}").format(methods=L.METHOD_HELP))
                continue
            if rule.method is not Method.FIXED:
                continue
            ident = (theme.number, group.line_number)
            used.add(ident)
            rows = fixed.get(ident, [])
            what = (_("proposal {line} of theme {theme}").format(line=group.line_number, theme=theme.number) if group.own
                    else _("theme {theme}").format(theme=theme.number))
            if not rows:
                yield error("missing-fixed", _("{what} is distributed by '{fixed}' but the sheet '{sheet}' has no rows for it.").format(
                    what=what, fixed=Method.FIXED.value, sheet=L.FIXED.name), rule.ref,
                            _("Add one row per department on the sheet '{sheet}'.").format(sheet=L.FIXED.name))
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
                        yield warning("fixed-not-estimated", _("{what} is not estimated in {year}, but fixed amounts of {parts} are given.").format(
                            what=what, year=year, parts=_money(plan, parts)),
                                      at(rows[0].refs, year), _("Clear the fixed amounts or estimate the amount."))
                    continue
                if parts != whole:
                    yield error(
                        "fixed-sum", _("the fixed amounts of {what} for {year} sum to {parts}, but its amount is {whole} (difference "
                                      "{difference}).").format(what=what, year=year, parts=_money(plan, parts),
                                                               whole=_money(plan, whole),
                                                               difference=_money(plan, whole - parts)),
                        at(rows[0].refs, year), _("Correct the fixed amounts so that they sum to the amount."),
                    )
    themes = {t.number for t in plan.themes}
    for ident, rows in fixed.items():
        if ident not in used and ident[0] in themes:
            yield warning("fixed-unused", (_("fixed amounts are given for theme {theme} proposal {line}, whose distribution is not '{fixed}'; "
                             "they are ignored.") if ident[1] else
                           _("fixed amounts are given for theme {theme}, whose distribution is not '{fixed}'; "
                             "they are ignored.")).format(theme=ident[0], line=ident[1], fixed=Method.FIXED.value),
                          at(rows[0].refs, "theme"), _("Set {column} to '{fixed}', or delete the rows.").format(
                              column=L.THEMES.header("method"), fixed=Method.FIXED.value))


def _rules(plan: Plan) -> Iterable[Rule]:
    for theme in plan.themes:
        if theme.rule:
            yield theme.rule
    for line in plan.lines:
        if line.rule:
            yield line.rule


def _key_hint(plan: Plan) -> str:
    names = ", ".join(f"'{k.name}'" for k in plan.keys)
    return _("Use one of the keys: {names}.").format(names=names) if names else _("Add the key on the sheet Nøgler.")


def _USE_CODE() -> str:  # noqa: N802 - one hint of two findings
    return _("Use a code from the sheet {sheet}.").format(sheet=L.DEPARTMENTS.name)
