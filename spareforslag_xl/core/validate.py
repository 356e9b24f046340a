"""Checks a plan as a whole: codes that point nowhere, keys and fixed amounts that do not add up.

Pure: a Plan in, findings out. Cell-level problems were found while parsing; here every
finding still points at the cell that holds the value in question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.core.decisions import check_decisions
from spareforslag_xl.core.filenames import check_file_names
from spareforslag_xl.core.groups import fixed_index, ident, theme_groups
from spareforslag_xl.core.recipients import check_recipients
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.codes_words import ADOPTED_AMOUNT, AMOUNT, FIXED_AMOUNT, LINE_OF_THEME, TARGET, THEME
from spareforslag_xl.model.danish import danish_number, format_danish, format_share
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import LazyText, phrase
from spareforslag_xl.model.plan import Method, Plan, Ref, Rule, at, fold_name

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
    def from_findings(cls, findings: Iterable[Finding]) -> Unreadable:
        errors = [(f.ref, f.code) for f in findings if f.is_error and f.ref is not None]
        return cls(
            frozenset(ref for ref, _ in errors),
            frozenset(ref.sheet for ref, code in errors if code in STRUCTURAL),
        )


def validate(plan: Plan, unreadable: Unreadable = Unreadable()) -> list[Finding]:
    """Return every problem of the plan that needs more than one record to see."""
    findings: list[Finding] = []
    findings += _check_basics(plan, unreadable)
    findings += _check_keys(plan, unreadable)
    findings += _check_references(plan, L.LINES.name in unreadable.sheets)
    findings += _check_amounts(plan)
    findings += _check_distribution(plan, unreadable)
    findings += check_decisions(plan)
    findings += check_recipients(plan)
    findings += check_file_names(plan)
    return findings


def _check_basics(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    if not plan.departments and L.DEPARTMENTS.name not in unreadable.sheets:
        yield error("no-departments", Ref(L.DEPARTMENTS.name))
    if not plan.themes and L.THEMES.name not in unreadable.sheets:
        yield error("no-themes", Ref(L.THEMES.name))
    residual = plan.settings.residual_key
    if residual and plan.key(residual) is None:
        yield error("unknown-key", plan.settings.refs.get("residual_key"),
                    variant="setting" if plan.keys else "setting-no-keys",
                    key=residual, setting=L.RESIDUAL_KEY, sheet=L.KEYS.name, names=_key_names(plan))


def _check_keys(plan: Plan, unreadable: Unreadable) -> Iterable[Finding]:
    codes = {fold_name(d.code) for d in plan.departments}
    # A key row that could not be read is missing from its key; its sum would mislead.
    sums_known = not any(ref.sheet == L.KEYS.name for ref in unreadable.cells)
    for key in plan.keys:
        for share in key.shares:
            if plan.departments and fold_name(share.department) not in codes:
                yield error("unknown-department", at(share.refs, "department"), key=key.name,
                            department=share.department, sheet=L.DEPARTMENTS.name)
            if share.share < 0:
                yield error("negative-share", at(share.refs, "share"), department=share.department, key=key.name)
        total = key.total
        if key.complete or not sums_known:
            continue
        where = at(key.shares[-1].refs, "share") if key.shares else at(key.refs)
        if total > ONE:
            yield error("key-over-100", where, key=key.name, total=format_share(total))
        else:
            yield warning("key-not-100", where, key=key.name, total=format_share(total), rest=format_share(ONE - total))


def _check_references(plan: Plan, lines_unreadable: bool = False) -> Iterable[Finding]:
    themes = {fold_name(t.number) for t in plan.themes}
    codes = {fold_name(d.code) for d in plan.departments}
    numbered = {ident(line.theme, line.number) for line in plan.lines if line.number}
    for line in plan.lines:
        if themes and fold_name(line.theme) not in themes:
            yield error("unknown-theme", at(line.refs, "theme"), title=line.title, theme=line.theme,
                        sheet=L.THEMES.name)
    for row in plan.fixed:
        if themes and fold_name(row.theme) not in themes:
            yield error("unknown-theme", at(row.refs, "theme"), variant="fixed", theme=row.theme, sheet=L.THEMES.name)
        elif row.line and ident(row.theme, row.line) not in numbered:
            yield error("unknown-line", at(row.refs, "line"), line=row.line, theme=row.theme, sheet=L.LINES.name)
        if plan.departments and fold_name(row.department) not in codes:
            yield error("unknown-department", at(row.refs, "department"), variant="fixed", department=row.department,
                        sheet=L.DEPARTMENTS.name)
    for rule in _rules(plan):
        if rule.method is Method.KEY and rule.key and plan.key(rule.key) is None:
            yield error("unknown-key", rule.ref, variant="" if plan.keys else "no-keys", key=rule.key,
                        sheet=L.KEYS.name, names=_key_names(plan))
        if rule.from_year is not None and plan.years and rule.from_year not in plan.years:
            yield warning("unknown-year", rule.ref, year=rule.from_year, years=", ".join(map(str, plan.years)))
    lined = {fold_name(line.theme) for line in plan.lines}
    for theme in plan.themes:
        if lines_unreadable:
            break  # without the sheet of proposals every theme would seem empty
        if fold_name(theme.number) not in lined and not theme.status:
            yield warning("theme-without-lines", at(theme.refs, "number"), number=theme.number, title=theme.title,
                          sheet=L.LINES.name, column=L.THEMES.header("status"))


def _check_amounts(plan: Plan) -> Iterable[Finding]:
    # 50.000 amounts at 5.000 lines: a cell's reference is looked up only for a finding.
    quantum = plan.quantum
    for line in plan.lines:
        for year in plan.years:
            amount = line.amounts.get(year)
            if amount is None:
                continue
            if amount < 0:
                yield warning("negative-amount", at(line.refs, year), amount=_money(plan, amount), year=year)
            if amount != amount.quantize(quantum):
                yield from _precision(plan, amount, at(line.refs, year), AMOUNT)
        for year, amount in line.adopted.items():
            if amount != amount.quantize(quantum):
                yield from _precision(plan, amount, at(line.refs, ("adopted", year)), ADOPTED_AMOUNT)
    for row in plan.fixed:
        for year in plan.years:
            if (fixed := row.amounts.get(year)) is not None and fixed != fixed.quantize(quantum):
                yield from _precision(plan, fixed, at(row.refs, year), FIXED_AMOUNT)
    for year in plan.years:
        if (target := plan.settings.target.get(year)) is not None:
            yield from _precision(plan, target, plan.settings.refs.get(year), TARGET)


def _money(plan: Plan, amount) -> str:
    """Format an amount in Danish with the plan's decimals, or more when it has them (3.250,5)."""
    exponent = amount.normalize().as_tuple().exponent
    return format_danish(amount, max(plan.settings.decimals, -exponent if isinstance(exponent, int) else 0))


def _precision(plan: Plan, amount: Decimal, ref: Ref | None, what: LazyText) -> Iterable[Finding]:
    """An amount finer than the report shows would make rounded parts miss their totals."""
    if amount != amount.quantize(plan.quantum):
        decimals = plan.settings.decimals
        yield error("too-many-decimals", ref, what=what, amount=danish_number(amount), decimals=decimals,
                    shown=format_danish(amount, decimals), setting=L.DECIMALS, sheet=L.SETTINGS.name)


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
                    yield warning("no-distribution", at(theme.refs, "method"), number=theme.number,
                                  column=L.THEMES.header("method"), none=Method.NONE.value, methods=L.METHOD_HELP)
                continue
            if rule.method is not Method.FIXED:
                continue
            wanted = ident(theme.number, group.line_number)
            used.add(wanted)
            rows = fixed.get(wanted, [])
            what = (phrase(LINE_OF_THEME, line=group.line_number, theme=theme.number) if group.own
                    else phrase(THEME, theme=theme.number))
            if not rows:
                yield error("missing-fixed", rule.ref, what=what, fixed=Method.FIXED.value, sheet=L.FIXED.name)
                continue
            for year in plan.years:
                if rule.from_year is not None and year < rule.from_year:
                    continue
                cells = [at(line.refs, year) for line in group.lines] + [at(r.refs, year) for r in rows]
                if any(c in unreadable.cells for c in cells):
                    continue
                whole = group.amount(year)
                given = [a for r in rows if (a := r.amounts.get(year)) is not None]
                parts = sum(given, Decimal(0))
                if whole is None:
                    if given and parts != 0:
                        yield warning("fixed-not-estimated", at(rows[0].refs, year), what=what, year=year,
                                      parts=_money(plan, parts))
                    continue
                if parts != whole:
                    yield error("fixed-sum", at(rows[0].refs, year), what=what, year=year, parts=_money(plan, parts),
                                whole=_money(plan, whole), difference=_money(plan, whole - parts))
    themes = {fold_name(t.number) for t in plan.themes}
    for wanted, rows in fixed.items():
        if wanted not in used and wanted[0] in themes:
            yield warning("fixed-unused", at(rows[0].refs, "theme"), variant="" if rows[0].line else "theme",
                          theme=rows[0].theme, line=rows[0].line, fixed=Method.FIXED.value,
                          column=L.THEMES.header("method"))


def _rules(plan: Plan) -> Iterable[Rule]:
    for theme in plan.themes:
        if theme.rule:
            yield theme.rule
    for line in plan.lines:
        if line.rule:
            yield line.rule


def _key_names(plan: Plan) -> str:
    """Return the keys a hint offers: 'A', 'B'."""
    return ", ".join(f"'{k.name}'" for k in plan.keys)
