"""Audits a proposals document's own figures against the recomputed plan.

Pure: the Result of ``compute`` and the stated figures in, a list of AuditItems out. Each
stated figure is compared with its recomputed value at the precision the document shows.
A figure within one unit of its last shown digit is a rounding note (naming the rounding
convention that explains it), not a disagreement. Besides the figure-by-figure comparison
the audit looks at what only shows across figures: a key whose shares do not sum to the
100 % its table states, shown parts that do not add up to their total, and FTE figures
that no single average salary reproduces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import TypeVar

from spareforslag_xl.core.audit_items import AuditItem, AuditLabel, AuditReason, Verdict, merge_items, reason, year_span
from spareforslag_xl.core.compute import Result, Split, ThemeResult
from spareforslag_xl.core.salary import StatedFte, implied_salary
from spareforslag_xl.model.danish import format_danish, plain_danish
from spareforslag_xl.model.plan import Method
from spareforslag_xl.model.stated import SHARE_UNIT, Kind, StatedFigure
from spareforslag_xl.model.units import SCALE, THOUSAND, convert

__all__ = ["AuditItem", "AuditLabel", "AuditReason", "Verdict", "audit", "year_span"]

ZERO = Decimal(0)
T = TypeVar("T")
CONVENTIONS = (
    ("half-even", ROUND_HALF_EVEN),
    ("down", ROUND_DOWN),
    ("half-down", ROUND_HALF_DOWN),
    ("up", ROUND_UP),
)
"""The rounding conventions a rounding note may name (model.labels.ROUNDING_CONVENTION), in the order tried."""


def audit(result: Result, figures: Sequence[StatedFigure]) -> list[AuditItem]:
    """Return every disagreement, rounding note and remark about the stated figures, in document order."""
    return _Auditor(result, figures).run()


class _Auditor:
    def __init__(self, result: Result, figures: Sequence[StatedFigure]) -> None:
        self.result = result
        self.plan = result.plan
        self.unit = self.plan.settings.unit or THOUSAND.name
        self.figures = list(figures)
        self.themes = {t.theme.number: t for t in result.themes}
        self.items: list[AuditItem] = []
        self.covered: set[int] = set()
        """ids of figures that a cross-figure check already explained."""

    def run(self) -> list[AuditItem]:
        self._key_sums()
        self._part_sums()
        self._fte()
        for f in self.figures:
            if id(f) in self.covered or f.kind is Kind.FTE:
                continue
            self._compare(f)
        return merge_items(self.items)

    # -- one figure ---------------------------------------------------------------------------------------------
    def _compare(self, f: StatedFigure) -> None:
        if f.kind is Kind.FIXED:
            for year in self.result.years:
                self._compare_value(replace(f, year=year), self._part(f, year), original=f)
            return
        if f.kind in (Kind.SHARE, Kind.SHARE_TOTAL):
            key = self.plan.key(f.key)
            if key is None:
                self._add(Verdict.DISAGREEMENT, "missing", f, "-", reason("missing-key", key=f.key))
                return
            computed = key.share_of(f.department) if f.kind is Kind.SHARE else key.total
            self._compare_value(f, computed)
            return
        self._compare_value(f, self._counterpart(f))

    def _counterpart(self, f: StatedFigure):
        r, y = self.result, f.year
        if f.kind is Kind.OVERVIEW_TOTAL:
            return _at(r.total, y)
        if f.kind is Kind.TARGET:
            return _at(r.target, y)
        if f.kind is Kind.DIFFERENCE:
            return _at(r.difference, y)
        theme = self.themes.get(f.theme)
        if theme is None:
            return _MISSING
        if f.kind in (Kind.OVERVIEW, Kind.THEME_TOTAL):
            return _at(theme.totals, y)
        if f.kind is Kind.LINE:
            line = _line(theme, f.line)
            return _at(line.amounts, y) if line is not None else _MISSING
        if f.kind is Kind.PART:
            return self._part(f, y)
        if f.kind is Kind.PART_TOTAL:
            split = _split(theme, f.line)
            if split is None or y is None or split.amounts.get(y) is None:
                return None if split is not None else _MISSING
            return sum((split.parts[c][y] for c in split.parts), ZERO)
        return _MISSING

    def _part(self, f: StatedFigure, year: int | None):
        theme = self.themes.get(f.theme)
        split = _split(theme, f.line) if theme is not None else None
        if split is None or f.department not in split.parts:
            return _MISSING
        if year is None or split.amounts.get(year) is None:
            return None
        return split.parts[f.department][year]

    def _compare_value(self, f: StatedFigure, computed, original: StatedFigure | None = None) -> None:
        shown = original or f
        if computed is _MISSING:
            self._add(Verdict.DISAGREEMENT, "missing", f, "-", reason("nothing-to-compare"), shown)
            return
        if f.value is None:
            if computed is None:
                return
            if computed == 0:
                self._add(Verdict.INFO, "dash-zero", f, "0", reason("dash-zero"), shown)
            else:
                self._add(Verdict.DISAGREEMENT, "not-estimated", f, self._show(f, computed), reason("dash-amount"),
                          shown)
            return
        if computed is None:
            self._add(Verdict.DISAGREEMENT, "not-estimated", f, "-", reason("no-estimate"), shown)
            return
        exact = self._in_doc_unit(f, computed)
        stated = self._in_doc_unit(f, f.value)
        step = Decimal(1).scaleb(-f.decimals)
        if exact.quantize(step, ROUND_HALF_UP) == stated:
            return
        if abs(exact - stated) < step:
            conventions = [name for name, mode in CONVENTIONS if exact.quantize(step, mode) == stated]
            self._add(Verdict.ROUNDING, "rounding", f, plain_danish(exact),
                      reason("rounding", exact=plain_danish(exact), rounded=format_danish(exact, f.decimals),
                             convention=conventions[0] if conventions else None), shown)
            return
        self._add(Verdict.DISAGREEMENT, "mismatch", f, self._show(f, computed),
                  reason("mismatch", value=self._show(f, computed), unit=f.unit), shown)

    def _in_doc_unit(self, f: StatedFigure, value: Decimal) -> Decimal:
        if f.unit == SHARE_UNIT:
            return value * 100
        if f.unit in SCALE and self.unit in SCALE:
            return convert(value, self.unit, f.unit)
        return value

    def _show(self, f: StatedFigure, value: Decimal) -> str:
        return format_danish(self._in_doc_unit(f, value), f.decimals) + (" %" if f.unit == SHARE_UNIT else "")

    # -- across figures ---------------------------------------------------------------------------------------------
    def _key_sums(self) -> None:
        """A key table whose 'I alt' says 100 % while its shares sum to less (or more)."""
        for total in [f for f in self.figures if f.kind is Kind.SHARE_TOTAL]:
            key = self.plan.key(total.key)
            if key is None or total.value is None:
                continue
            step = Decimal(1).scaleb(-total.decimals)
            stated, actual = total.value * 100, key.total * 100
            if actual.quantize(step, ROUND_HALF_UP) == stated:
                continue
            parts = [f for f in self.figures if f.kind is Kind.PART_TOTAL and f.table == total.table]
            theme = self.themes.get(total.theme)
            split = _split(theme, total.line) if theme is not None else None
            allocated = []
            for p in parts:
                whole = _at(split.amounts, p.year) if split is not None else None
                if whole is not None and p.value is not None:
                    allocated.append((p.text, self._show(p, whole)))
            self._add(Verdict.DISAGREEMENT, "key-sum", total, f"{format_danish(actual, 1)} %",
                      reason("key-sum", key=key.name, sum=format_danish(actual, 1), stated=total.text,
                             allocated=tuple(dict.fromkeys(allocated)), unit=parts[0].unit if allocated else ""),
                      None, (total, *parts))
            self.covered.update(id(f) for f in (total, *parts))

    def _part_sums(self) -> None:
        """Shown parts of a department table that do not add up to the total the table shows."""
        by_table: dict[tuple[str, int], list[tuple[StatedFigure, Decimal]]] = defaultdict(list)
        totals: dict[tuple[str, int], tuple[StatedFigure, Decimal]] = {}
        for f in self.figures:
            if f.kind is Kind.PART and f.year is not None and f.value is not None:
                by_table[(f.table, f.year)].append((f, f.value))
            elif f.kind is Kind.PART_TOTAL and f.year is not None and f.value is not None:
                totals[(f.table, f.year)] = (f, f.value)
        for ident, valued in by_table.items():
            if ident not in totals:
                continue
            total, total_value = totals[ident]
            parts = [p for p, _ in valued]
            shown = sum((self._in_doc_unit(p, value) for p, value in valued), ZERO)
            stated = self._in_doc_unit(total, total_value)
            if shown == stated:
                continue
            decimals = max(p.decimals for p in parts)
            self._add(Verdict.DISAGREEMENT, "parts-sum", total, format_danish(shown, decimals),
                      reason("parts-sum", sum=format_danish(shown, decimals), total=total.text), None, (total, *parts))

    def _fte(self) -> None:
        """The average salary each theme's FTE figures imply, and the figures none reproduces."""
        by_theme: dict[str, list[StatedFigure]] = defaultdict(list)
        for f in self.figures:
            if f.kind is Kind.FTE and f.value is not None and f.year is not None and f.theme in self.themes:
                by_theme[f.theme].append(f)
        implied = {}
        for number, figs in by_theme.items():
            t = self.themes[number]
            stated = [StatedFte(f.year, t.totals.get(f.year) or ZERO, f.value, f.decimals) for f in figs
                      if f.year is not None and f.value is not None]  # all are: by_theme holds only these
            implied[number] = implied_salary(stated)
        intervals = [i.interval for i in implied.values() if i.interval is not None]
        common = intervals[0] if intervals else None
        for i in intervals[1:]:
            common = common & i if common is not None else None
        differ = common is None and len(intervals) > 1
        for number, imp in implied.items():
            t, by_year = self.themes[number], {f.year: f for f in by_theme[number]}
            if imp.interval is not None:
                self._implied_salary(t, imp, by_year, differ)
            for year in imp.outliers:
                self._outlier(t, imp, by_year, year)
            for year in imp.uninformative:
                f = by_year[year]
                if t.fte.get(year) is None:
                    self._add(Verdict.INFO, "fte-any-salary", f, "-", reason("fte-any-salary", fte=f.text), None, (f,))
                    self.covered.add(id(f))
            for f in by_year.values():
                if id(f) not in self.covered and f.year not in imp.outliers:
                    self._fte_figure(t, f)

    def _implied_salary(self, t: ThemeResult, imp, by_year: dict, differ: bool) -> None:
        fitting = [by_year[y] for y in imp.fitting]
        ratios: dict[str, Decimal] = {}
        for g in fitting:
            if g.year in imp.ratios:
                ratios.setdefault(g.text, imp.ratios[g.year])
        high = format_danish(imp.interval.high, 1) if imp.interval.high is not None else None
        used = format_danish(t.salary, 0) if t.salary is not None else None
        severity = Verdict.DISAGREEMENT if differ else Verdict.INFO
        self._add(severity, "implied-salary", fitting[0], used,
                  reason("implied-salary", figures=tuple(dict.fromkeys(g.text for g in fitting)),
                         low=format_danish(imp.interval.low, 1), high=high, used=used, differ=differ,
                         ratios=tuple((format_danish(r, 0), text) for text, r in ratios.items())),
                  None, tuple(fitting), label=AuditLabel(None))

    def _outlier(self, t: ThemeResult, imp, by_year: dict, year: int) -> None:
        f = by_year[year]
        own = imp.intervals.get(year)
        need = ((format_danish(own.low, 1), format_danish(own.high, 1) if own.high is not None else None)
                if own else None)
        others = ((tuple(dict.fromkeys(by_year[y].text for y in imp.fitting)), format_danish(imp.interval.low, 1),
                   format_danish(imp.interval.high, 1))
                  if imp.interval is not None and imp.interval.high is not None else None)
        shows = t.fte.get(year)
        self._add(Verdict.DISAGREEMENT, "fte-salary", f, format_danish(shows, 2) if shows is not None else "-",
                  reason("fte-salary", fte=f.text, need=need, others=others,
                         shows=(format_danish(t.salary, 0), format_danish(shows, 2))
                         if shows is not None and t.salary is not None else None), None, (f,))
        self.covered.add(id(f))

    def _fte_figure(self, t: ThemeResult, f: StatedFigure) -> None:
        shows = _at(t.fte, f.year)
        if shows is None:
            self._add(Verdict.DISAGREEMENT, "mismatch", f, "-", reason("no-salary"), None, (f,))
        elif shows.quantize(Decimal(1).scaleb(-f.decimals), ROUND_HALF_UP) != f.value:
            self._add(Verdict.DISAGREEMENT, "mismatch", f, format_danish(shows, 2),
                      reason("fte-shows", salary=format_danish(t.salary, 0), fte=format_danish(shows, 2)), None, (f,))

    # -- items ------------------------------------------------------------------------------------------------------
    def _add(self, severity: Verdict, code: str, f: StatedFigure, computed: str | None, why: AuditReason,
             shown: StatedFigure | None = None, figures: Iterable[StatedFigure] = (),
             label: AuditLabel | None = None) -> None:
        shown = shown or f
        figs = tuple(figures) or (shown,)
        years = tuple(sorted({g.year for g in figs if g.year is not None} | ({f.year} if f.year else set())))
        name = label or _label(shown)
        self.items.append(AuditItem(severity, code, f.theme, f.source_line, name, years, shown.text, computed,
                                    why, figs))


class _Missing:
    def __repr__(self) -> str:  # pragma: no cover
        return "MISSING"


_MISSING = _Missing()


def _label(f: StatedFigure) -> AuditLabel:
    name = f.label if not f.department and f.kind in (Kind.LINE, Kind.OVERVIEW) else ""
    return AuditLabel(f.kind, f.line or "", f.department or "", name or "")


def _at(values: Mapping[int, T], year: int | None) -> T | None:
    """Return the value of a year; None for a figure without a year (a fixed amount, a share)."""
    return values.get(year) if year is not None else None


def _line(theme: ThemeResult, ident: str):
    return next((ln for ln in theme.lines if ident and ident in (ln.number, ln.title)), None)


def _split(theme: ThemeResult | None, ident: str) -> Split | None:
    """Return the split that distributes a line (ident) of a theme, or the theme's own split ('')."""
    if theme is None:
        return None
    if ident:
        line = _line(theme, ident)
        return next((s for s in theme.splits if line is not None and line in s.lines), None)
    shared = [s for s in theme.splits if not any(ln.rule is not None for ln in s.lines)]
    if shared:
        return shared[0]
    keyed = [s for s in theme.splits if s.rule is not None and s.rule.method is not Method.NONE]
    return keyed[0] if len(keyed) == 1 else None
