"""Turns the raw sheets of a master workbook into a Plan, with a finding for everything off.

Pure: a RawWorkbook in, a Plan and findings out. Checks that need more than one record
(unknown codes, sums of keys and fixed amounts) live in ``validate``.
"""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.core.filenames import readable_name
from spareforslag_xl.master.accounts import missing_accounts, parse_accounts
from spareforslag_xl.master.cells import CellReader
from spareforslag_xl.master.read import RawWorkbook
from spareforslag_xl.master.settings import parse_settings
from spareforslag_xl.master.sheet_checks import workbook_findings
from spareforslag_xl.master.tables import Table, find_table, fold
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.codes_words import THEME, THEME_LINE
from spareforslag_xl.model.danish import format_share, plain_danish
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import phrase
from spareforslag_xl.model.plan import (
    Decision,
    Department,
    DistributionKey,
    FixedAmount,
    KeyShare,
    Method,
    Plan,
    ProposalLine,
    Ref,
    Refs,
    RowRefs,
    Rule,
    Theme,
)

EXAMPLE_MARK = "EKSEMPEL"
"""Rows whose Bemærkning starts with this were written by ``init`` as an example."""


def parse_master(book: RawWorkbook) -> tuple[Plan, list[Finding]]:
    """Return the plan a master workbook holds and the findings made while reading it."""
    return _Parser(book).run()


class _Parser:
    def __init__(self, book: RawWorkbook) -> None:
        self.book = book
        self.cells = CellReader()
        self.findings = self.cells.findings

    def _table(self, lay: L.SheetLayout) -> Table | None:
        return find_table(self.book, lay, self.findings)

    # -- the whole workbook ---------------------------------------------------------------
    def run(self) -> tuple[Plan, list[Finding]]:
        self.findings.extend(workbook_findings(self.book))
        lines_table = self._table(L.LINES)
        years = tuple(lines_table.years) if lines_table else ()
        if lines_table and not years:
            self.findings.append(error("no-years", Ref(L.LINES.name, f"A{lines_table.header_row}"),
                                       years_after=L.LINES.header(L.LINES.years_after)))
        settings = parse_settings(self.book, self.cells, years)
        plan = Plan(
            settings=settings,
            years=years,
            departments=self._departments(),
            keys=self._keys(),
            themes=self._themes(),
            lines=self._lines(lines_table, years),
            fixed=self._fixed(years),
            source_name=readable_name(self.book.path.name),
            created=self.book.created,
        )
        return plan, self.findings

    # -- Afdelinger and Nøgler -----------------------------------------------------------------
    def _departments(self) -> tuple[Department, ...]:
        table = self._table(L.DEPARTMENTS)
        if table is None:
            return ()
        result: list[Department] = []
        seen: dict[str, Ref] = {}
        account_cells: dict[str, Ref | None] = {}
        for number, row in table.rows:
            refs = table.refs(number)
            code = self.cells.code(table.get(row, "code"), refs.get("code"))
            if not code:
                self.findings.append(error("missing-value", table.cell(number, "code")))
                continue
            if fold(code) in seen:
                self.findings.append(error("duplicate-department", refs["code"], code=code, seen=seen[fold(code)]))
                continue
            seen[fold(code)] = refs["code"]
            name = self.cells.text(table.get(row, "name"), table.cell(number, "name"))
            if not name:
                self.findings.append(warning("missing-value", table.cell(number, "name"), variant="department-name",
                                             code=code))
            emails_text = self.cells.text(table.get(row, "emails"), table.cell(number, "emails"))
            emails = tuple(e.strip() for e in emails_text.replace(",", ";").split(";") if e.strip())
            contact = self.cells.text(table.get(row, "contact"), table.cell(number, "contact"))
            account_ref = refs.get("accounts")
            accounts = (parse_accounts(self.cells.text(table.get(row, "accounts"), account_ref), account_ref,
                                       self.findings) if account_ref is not None else ())
            account_cells[code] = account_ref
            result.append(Department(code, name, emails, contact, refs, accounts))
        self.findings += missing_accounts(result, account_cells)
        return tuple(result)

    def _keys(self) -> tuple[DistributionKey, ...]:
        table = self._table(L.KEYS)
        if table is None:
            return ()
        grouped: dict[str, tuple[str, list[KeyShare]]] = {}
        for number, row in table.rows:
            refs = table.refs(number)
            name = self.cells.text(table.get(row, "name"), refs.get("name")).strip()
            dept = self.cells.code(table.get(row, "department"), refs.get("department"))
            share = self.cells.share(table.get(row, "share"), refs.get("share", refs.get("name")))
            if not name:
                self.findings.append(error("missing-value", refs.get("name"), variant="key-name"))
                continue
            if not dept:
                self.findings.append(error("missing-value", refs.get("department"), variant="key-department",
                                           name=name))
                continue
            if share is None:
                if table.get(row, "share") in (None, ""):
                    self.findings.append(error("missing-value", refs.get("share"), variant="share", dept=dept,
                                               name=name))
                continue
            folded = fold(name)
            entry = grouped.setdefault(folded, (name, []))
            if any(fold(s.department) == fold(dept) for s in entry[1]):
                self.findings.append(error("duplicate-share", refs.get("department"), name=name, dept=dept))
                continue
            entry[1].append(KeyShare(dept, share, refs))
        keys = []
        for name, shares in grouped.values():
            shares = self._normalise_shares(name, shares)
            keys.append(DistributionKey(name, tuple(shares), shares[0].refs if shares else {}))
        return tuple(keys)

    def _normalise_shares(self, name: str, shares: list[KeyShare]) -> list[KeyShare]:
        """A share above 1 was typed as percent points (28,4 in a cell not formatted as %): it becomes 0,284.

        Decided cell by cell, as a share above 100 % cannot be meant; a key whose cells mix
        both forms is read the same way and gets its own warning, because a share of 1 there
        could mean 100 % or 1 %.
        """
        points = [s for s in shares if s.share > 1]
        if not points:
            return shares
        first = points[0].refs.get("share")
        cells = ", ".join(str(s.refs.get("share")) for s in points[:3]) + (" …" if len(points) > 3 else "")
        self.findings.append(warning(
            "share-percent-points", first, n=len(points), name=name, cells=cells, share=plain_danish(points[0].share),
            value=format_share(points[0].share / 100), column=L.KEYS.header("share"),
        ))
        if len(points) < len(shares):
            self.findings.append(warning("share-mixed-forms", first, name=name))
        return [KeyShare(s.department, s.share / 100, s.refs) if s.share > 1 else s for s in shares]

    # -- Temaer, Forslag and Faste beløb ------------------------------------------------------------
    def _themes(self) -> tuple[Theme, ...]:
        table = self._table(L.THEMES)
        if table is None:
            return ()
        result: list[Theme] = []
        seen: dict[str, Ref] = {}
        for number, row in table.rows:
            refs = table.refs(number)
            nr = self.cells.code(table.get(row, "number"), refs.get("number"))
            title = self.cells.text(table.get(row, "title"), refs.get("title"))
            if not nr:
                self.findings.append(error("missing-value", refs.get("number"), variant="theme-number", title=title))
                continue
            if fold(nr) in seen:
                self.findings.append(error("duplicate-theme", refs["number"], nr=nr, seen=seen[fold(nr)]))
                continue
            seen[fold(nr)] = refs["number"]
            if not title:
                self.findings.append(error("missing-value", refs.get("title"), variant="theme-title", nr=nr))
            if self.cells.text(table.get(row, "status"), refs.get("status", refs["number"])).upper().startswith(
                    EXAMPLE_MARK):
                self.findings.append(warning("example-row", refs["number"], variant="theme"))

            def text(h: str, row: tuple = row, refs: Refs = refs) -> str:
                return self.cells.text(table.get(row, h), refs.get(h, refs["number"]))

            salary = None
            if table.get(row, "salary") not in (None, ""):
                salary = self.cells.positive(table.get(row, "salary"), refs["salary"], "average salary")
            result.append(Theme(
                number=nr,
                title=title,
                status=text("status"),
                rule=self._rule(table, number, row, refs),
                salary=salary,
                description=text("description"),
                potential_text=text("potential_text"),
                distribution_text=text("distribution_text"),
                refs=refs,
                decision=self._decision(table, row, refs),
            ))
        return tuple(result)

    def _lines(self, table: Table | None, years: tuple[int, ...]) -> tuple[ProposalLine, ...]:
        if table is None:
            return ()
        result: list[ProposalLine] = []
        seen: dict[tuple[str, str], Ref] = {}
        for number, row in table.rows:
            refs = table.refs(number, years=True)
            theme = self.cells.code(table.get(row, "theme"), refs.get("theme"))
            nr = self.cells.code(table.get(row, "number"), refs.get("number"))
            title = self.cells.text(table.get(row, "title"), refs.get("title"))
            note = self.cells.text(table.get(row, "note"), refs.get("note", refs["theme"]))
            amounts = self._amounts(table, number, row, refs)
            if not theme:
                self.findings.append(error("missing-value", refs.get("theme"), variant="line-theme", title=title))
                continue
            if not title:
                self.findings.append(error("missing-value", refs.get("title"), variant="line-title"))
            if nr:
                if (fold(theme), fold(nr)) in seen:
                    self.findings.append(error("duplicate-line", refs["number"], theme=theme, nr=nr,
                                               seen=seen[(fold(theme), fold(nr))]))
                else:
                    seen[(fold(theme), fold(nr))] = refs["number"]
            kind = self.cells.text(table.get(row, "kind"), refs.get("kind", refs["theme"])).strip().upper()
            if kind and kind not in ("A", "T"):
                self.findings.append(warning("unknown-kind", refs.get("kind"), kind=kind))
            if note.upper().startswith(EXAMPLE_MARK):
                self.findings.append(warning("example-row", refs["theme"]))
            result.append(ProposalLine(
                theme=theme, number=nr, title=title, amounts=amounts, kind=kind,
                rule=self._rule(table, number, row, refs), note=note, refs=refs,
                decision=self._decision(table, row, refs), adopted=self._adopted(table, number, row, refs, years),
            ))
        return tuple(result)

    def _fixed(self, years: tuple[int, ...]) -> tuple[FixedAmount, ...]:
        table = self._table(L.FIXED)
        if table is None:
            return ()
        for year in years:
            if year not in table.years:
                self.findings.append(error("missing-year", Ref(L.FIXED.name, f"A{table.header_row}"), year=year))
        result: list[FixedAmount] = []
        seen: dict[tuple[str, str, str], Ref] = {}
        for number, row in table.rows:
            refs = table.refs(number, years=True)
            theme = self.cells.code(table.get(row, "theme"), refs.get("theme"))
            line = self.cells.code(table.get(row, "line"), refs.get("line", refs.get("theme")))
            dept = self.cells.code(table.get(row, "department"), refs.get("department"))
            note = self.cells.text(table.get(row, "note"), refs.get("note", refs["theme"]))
            amounts = self._amounts(table, number, row, refs)
            if not theme or not dept:
                self.findings.append(error("missing-value", refs.get("theme"), variant="fixed-row",
                                           theme=L.FIXED.header("theme"), department=L.FIXED.header("department")))
                continue
            key = (fold(theme), fold(line), fold(dept))
            if key in seen:
                what = phrase(THEME_LINE, theme=theme, line=line) if line else phrase(THEME, theme=theme)
                self.findings.append(error("duplicate-fixed", refs["department"], dept=dept, what=what, seen=seen[key]))
                continue
            seen[key] = refs["department"]
            result.append(FixedAmount(theme, line, dept, amounts, note, refs))
        return tuple(result)

    # -- shared pieces -------------------------------------------------------------------------
    def _amounts(self, table: Table, number: int, row: tuple, refs: Refs) -> dict[int, Decimal | None]:
        """Return the row's amount of each year (its refs carry the years' cells: ``refs(number, years=True)``)."""
        amounts: dict[int, Decimal | None] = {}
        for year, col in table.years.items():
            amounts[year] = self.cells.amount(row[col] if col < len(row) else None, refs[year])
        return amounts

    def _decision(self, table: Table, row: tuple, refs: Refs) -> Decision | None:
        """Return the decision in the row's Beslutning cell; None when empty, with an error when unknown."""
        ref = refs.get("decision")
        text = self.cells.text(table.get(row, "decision"), ref) if ref is not None else ""
        if not text.strip():
            return None
        decision = _DECISIONS.get(fold(text))
        if decision is None:
            self.findings.append(error("unknown-decision", ref, strip=text.strip(), choices=L.DECISION_HELP))
        return decision

    def _adopted(self, table: Table, number: int, row: tuple, refs: RowRefs, years) -> dict[int, Decimal]:
        """Return the adopted amounts the row gives ('Vedtaget 2024' …): only filled cells."""
        adopted: dict[int, Decimal] = {}
        for year, col in table.adopted.items():
            ref = table.ref(number, col)
            value = self.cells.amount(row[col] if col < len(row) else None, ref)
            if value is None:
                continue
            if year not in years:
                self.findings.append(error("adopted-unknown-year", ref, year=year))
                continue
            refs[("adopted", year)] = ref
            adopted[year] = value
        return adopted

    def _rule(self, table: Table, number: int, row: tuple, refs: Refs) -> Rule | None:
        method_ref = refs.get("method", table.ref(number, 0))
        method_text = self.cells.text(table.get(row, "method"), method_ref)
        key = self.cells.text(table.get(row, "key"), refs.get("key", method_ref)).strip() or None
        from_year = self.cells.year(table.get(row, "from_year"), refs.get("from_year", method_ref), "first year")
        if not method_text and key is None and from_year is None:
            return None
        method = _method(method_text) if method_text else (Method.KEY if key else None)
        if method is None:
            self.findings.append(error("unknown-method", method_ref, method_text=method_text, choices=L.METHOD_HELP))
            return None
        if method is Method.KEY and key is None:
            self.findings.append(error("missing-key", refs.get("key", method_ref), value=Method.KEY.value,
                                       key=table.header("key")))
        if method is not Method.KEY and key is not None:
            self.findings.append(warning("key-ignored", refs.get("key", method_ref), key=key, value=method.value,
                                         method=table.header("method"), key_method=Method.KEY.value))
            key = None
        return Rule(method, key, from_year, refs.get("key") if key else method_ref)


_METHOD_ALIASES = {
    "nøgle": Method.KEY,
    "fordelingsnøgle": Method.KEY,
    "faste beløb": Method.FIXED,
    "fast beløb": Method.FIXED,
    "faste": Method.FIXED,
    "ikke fordelt": Method.NONE,
    "ingen": Method.NONE,
}


_DECISIONS = {d.value.casefold(): d for d in Decision} | {"foreslaaet": Decision.PROPOSED}


def _method(text: str) -> Method | None:
    return _METHOD_ALIASES.get(fold(text))
