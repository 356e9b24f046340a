"""Writes a Plan as a master workbook that explains itself (used by init, import, tests, bench).

The layout comes from ``layout``; reading the result back with ``read``/``parse`` gives the
same plan. Dropdowns (data validation) offer department codes, theme numbers, key names and
distribution methods; headers are frozen; a 'Vejledning' sheet explains every column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from spareforslag_xl.model import layout as L
from spareforslag_xl.model.plan import Decision, Method, Plan, Rule
from spareforslag_xl.workbook.book import DocProps, add_sheet, close, new_workbook
from spareforslag_xl.workbook.sheet import SheetWriter, Styles

ExtraSheet = Callable[[object, Styles], None]
"""A callback that adds a sheet to the master (the importer adds its report this way)."""

LIST_ROWS = 2000
"""How many rows the dropdown lists and validations cover."""
TEXT_WIDTH, YEAR_WIDTH, TITLE_WIDTH = 12, 9, 41
"""The narrowest a text column, a year's column and a proposal's title (the column read most) become
so that a sheet prints one page wide."""


def master_bytes(plan: Plan, extras: Sequence[ExtraSheet] = (), example: bool = False,
                 decisions: bool | None = None) -> bytes:
    """Return the bytes of a master workbook holding plan.

    ``decisions`` writes the columns of the decisions (Beslutning, Vedtaget 2024 …) with their
    dropdown; by default only when the plan records decisions, so that an import is unchanged.
    """
    from spareforslag_xl.core.decisions import has_decisions

    decided = has_decisions(plan) if decisions is None else decisions
    # The column Konto comes with a new master (init) and with a plan that gives accounts: an import is unchanged.
    accounts = example or any(d.accounts for d in plan.departments)
    book, buffer = new_workbook()
    styles = Styles(book, plan.settings.decimals)
    _guide(book, styles, plan, example, decided, accounts)
    title = plan.settings.title or "Spareforslag – grundark"
    sheets = (_settings(book, styles, plan), _target(book, styles, plan), _departments(book, styles, plan, accounts),
              _keys(book, styles, plan), _themes(book, styles, plan, decided), _lines(book, styles, plan, decided),
              _fixed(book, styles, plan))
    for sheet in sheets:
        # Every data sheet is one table under its header row: the header repeats on every page.
        sheet.print_setup(title, plan.source_name, (0, 0))
    for extra in extras:
        extra(book, styles)
    props = DocProps(
        title=plan.settings.title or "Spareforslag – grundark",
        subject="Grundark for spareforslag-xl",
        company=plan.settings.municipality,
        created=plan.created,
    )
    return close(book, buffer, props)


# -- sheets ----------------------------------------------------------------------------------------
def _guide(book, styles: Styles, plan: Plan, example: bool, decisions: bool, accounts: bool = False) -> None:
    w = SheetWriter(add_sheet(book, L.GUIDE), styles)
    w.column(0, 0, 28)
    w.column(1, 1, 14)
    w.column(2, 2, 90)
    w.text(0, 0, "Vejledning til grundarket", "title")
    row = 2
    first = plan.years[0] if plan.years else (plan.settings.budget_year or 2024)  # the examples use its own years
    intro = [
        "Grundarket indeholder spareforslagene. Programmet spareforslag-xl læser det, kontrollerer det, "
        "genberegner alle summer, fordelinger og årsværk og skriver rapporten.",
        f"Alle beløb er i {plan.settings.unit or '1.000 kr.'} pr. år. Årene står som kolonneoverskrifter "
        f"(fx {first}) på arkene Mål, Forslag og Faste beløb; der kan være så mange år, som der er brug for.",
        "En tom celle eller '-' betyder 'ikke anslået'; 0 betyder nul. Skriv tal som tal (Excel viser 3.250).",
        "Kontrollér grundarket med:  spareforslag validate GRUNDARK.xlsx",
        "Dan rapporten med:  spareforslag build GRUNDARK.xlsx -o build/",
    ]
    if decisions:
        intro.append(
            "Efter beslutningen: skriv i kolonnen Beslutning på arket Forslag (eller Temaer for et helt tema) "
            "Vedtaget, Forkastet eller Udskudt. Vedtages et forslag med et andet beløb, skrives det under "
            f"'{L.adopted_header(first)}' osv. (tom = som foreslået). Rapporten viser da den vedtagne plan; "
            "'spareforslag build --scenario foreslået' viser forslagene."
        )
    if accounts:
        intro.append(
            "Budgetændringer til økonomisystemet: skriv i kolonnen Konto på arket Afdelinger den kontostreng, "
            "afdelingens andel skal skrives på (flere med andele: '6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %'), "
            "og dan filen med:  spareforslag budgetaendringer GRUNDARK.xlsx"
        )
    if example:
        intro.append("Rækker markeret EKSEMPEL (i kolonnen Status på arket Temaer og Bemærkning på arket Forslag) "
                     "viser, hvordan et ark udfyldes: overskriv eller slet dem.")
    for text in intro:
        w.paragraph(row, 0, 2, text)
        row += 1
    row += 1
    for lay in L.DATA_SHEETS:
        w.text(row, 0, f"Arket '{lay.name}'", "section")
        w.merged_text(row + 1, 0, 2, lay.help, "italic")
        row += 2
        w.text(row, 0, L.GUIDE_COLUMNS[0], "header")
        w.text(row, 1, L.GUIDE_COLUMNS[1], "header")
        w.text(row, 2, L.GUIDE_COLUMNS[2], "header")
        row += 1
        columns: Iterable = [c for c in lay.columns
                             if (decisions or not c.decision) and (accounts or not c.accounts)]
        for c in columns:
            w.text(row, 0, c.header)
            w.text(row, 1, "ja" if c.required else "")
            w.text(row, 2, c.help, "text_wrap")
            row += 1
            if lay.years and c.field == lay.years_after:
                w.text(row, 0, f"{first}, {first + 1}, …")
                w.text(row, 1, "ja")
                w.text(row, 2, "Én kolonne pr. år med året som overskrift; beløb i grundarkets enhed.", "text_wrap")
                row += 1
            if decisions and c.field == lay.adopted_after:
                w.text(row, 0, L.adopted_header(first) + ", …")
                w.text(row, 2, L.ADOPTED_HELP, "text_wrap")
                row += 1
        if lay is L.SETTINGS:
            for name in L.SETTING_ORDER:
                w.text(row, 0, f"  {name}")
                w.text(row, 2, L.SETTING_HELP[name], "text_wrap")
                row += 1
        row += 1
    w.apply_heights()
    w.print_setup(L.GUIDE, "", None)


def _figures(lay: L.SheetLayout, h) -> bool:
    """Whether the column of header h holds figures (a year, an adopted amount, a numeric field)."""
    return not isinstance(h, str) or lay.column(h).numeric


def _header(w: SheetWriter, lay: L.SheetLayout, years: Sequence[int], decisions: bool = False,
            accounts: bool = False) -> list:
    """Write the header row; return the field names (and years) of the columns in order."""
    headers = L.fields_in_order(lay, tuple(years), decisions, accounts)
    narrowest: dict[int, float] = {}
    for col, h in enumerate(headers):
        if isinstance(h, tuple):
            w.column(col, col, 13)
            narrowest[col] = 10  # 'Vedtaget 2024' wraps onto two lines
            continue
        width = lay.column(h).width if isinstance(h, str) else 11
        side = isinstance(h, str) and not lay.column(h).numeric and col > 0 and _figures(lay, headers[col - 1])
        w.column(col, col, width, "text_wrap" if isinstance(h, str) and width >= 40 else None, side=side)
        if isinstance(h, int):
            narrowest[col] = YEAR_WIDTH
        elif lay is L.LINES and h == "title":
            narrowest[col] = TITLE_WIDTH
        elif width >= 20:
            narrowest[col] = TEXT_WIDTH  # a text column: its texts wrap (style 'text_wrap')
    # Each sheet is one table read on paper too: narrower text columns print it one page wide.
    w.fit_width(narrowest)
    for col, h in enumerate(headers):
        if isinstance(h, int):
            w.number(0, col, h, "header_num")
        elif isinstance(h, tuple):
            w.text(0, col, L.adopted_header(h[1]), "header_num" if w.column_widths[col] >= 13 else "header")
        else:
            w.text(0, col, lay.header(h), "header")
    w.freeze(1, 0)
    w.autofilter(0, 0, 0, len(headers) - 1)
    if "title" in headers:
        w.key_columns = (0, headers.index("title"))
    return headers


def _settings(book, styles: Styles, plan: Plan) -> SheetWriter:
    s = plan.settings
    w = SheetWriter(add_sheet(book, L.SETTINGS.name), styles)
    _header(w, L.SETTINGS, ())
    w.autofilter(0, 0, 0, 0)
    values = {
        L.TITLE: s.title, L.SUBTITLE: s.subtitle, L.MUNICIPALITY: s.municipality,
        L.BUDGET_YEAR: s.budget_year, L.UNIT: s.unit, L.DECIMALS: s.decimals, L.SALARY: s.salary,
        L.RESIDUAL_KEY: s.residual_key or "", L.MEETING: s.meeting,
    }
    for row, name in enumerate(L.SETTING_ORDER, start=1):
        w.text(row, 0, name)
        value = values[name]
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            w.number(row, 1, value, "number_left")  # like the texts of the same column
        else:
            w.text(row, 1, str(value or ""), "text_wrap")
        w.text(row, 2, L.SETTING_HELP[name], "note")
    w.validation(L.SETTING_ORDER.index(L.RESIDUAL_KEY) + 1, 1, L.SETTING_ORDER.index(L.RESIDUAL_KEY) + 1, 1,
                 _list_of_keys())
    return w


def _target(book, styles: Styles, plan: Plan) -> SheetWriter:
    w = SheetWriter(add_sheet(book, L.TARGET.name), styles)
    _header(w, L.TARGET, plan.years)
    w.text(1, 0, L.TARGET_ROW)
    for col, year in enumerate(plan.years, start=1):
        w.amount(1, col, plan.settings.target.get(year)) if plan.settings.target.get(year) is not None \
            else w.blank(1, col, "amount")
    return w


def _departments(book, styles: Styles, plan: Plan, accounts: bool = False) -> SheetWriter:
    from spareforslag_xl.master.accounts import accounts_text

    w = SheetWriter(add_sheet(book, L.DEPARTMENTS.name), styles)
    _header(w, L.DEPARTMENTS, (), accounts=accounts)
    for row, d in enumerate(plan.departments, start=1):
        w.text(row, 0, d.code)
        w.text(row, 1, d.name)
        w.text(row, 2, "; ".join(d.emails))
        w.text(row, 3, d.contact)
        if accounts:
            w.text(row, 4, accounts_text(d.accounts))
    return w


def _keys(book, styles: Styles, plan: Plan) -> SheetWriter:
    w = SheetWriter(add_sheet(book, L.KEYS.name), styles)
    _header(w, L.KEYS, ())
    row = 1
    for key in plan.keys:
        for share in key.shares:
            w.text(row, 0, key.name)
            w.text(row, 1, share.department)
            w.number(row, 2, share.share, "share")
            row += 1
    w.validation(1, 1, LIST_ROWS, 1, _list_of_departments())
    w.validation(1, 2, LIST_ROWS, 2, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
        "input_title": L.KEYS.header("share"), "input_message": "Andel i procent, fx 28,4 %.",
        "error_title": L.KEYS.header("share"), "error_message": "En andel ligger mellem 0 % og 100 %.",
    })
    w.column(2, 2, 10, "share")
    return w


def _themes(book, styles: Styles, plan: Plan, decisions: bool) -> SheetWriter:
    w = SheetWriter(add_sheet(book, L.THEMES.name), styles)
    headers = _header(w, L.THEMES, (), decisions)
    col = {h: i for i, h in enumerate(headers)}
    for row, t in enumerate(plan.themes, start=1):
        _code(w, row, col["number"], t.number)
        w.text(row, col["title"], t.title, "text_wrap")
        w.text(row, col["status"], t.status, "text_wrap")
        _rule(w, row, col, t.rule)
        if t.salary is not None:
            w.number(row, col["salary"], t.salary, "amount")
        w.text(row, col["description"], t.description, "text_wrap")
        w.text(row, col["potential_text"], t.potential_text, "text_wrap")
        w.text(row, col["distribution_text"], t.distribution_text, "text_wrap")
        if decisions and t.decision is not None:
            w.text(row, col["decision"], t.decision.value)
    _rule_validations(w, col)
    if decisions:
        _decision_validation(w, col)
    return w


def _lines(book, styles: Styles, plan: Plan, decisions: bool) -> SheetWriter:
    w = SheetWriter(add_sheet(book, L.LINES.name), styles)
    headers = _header(w, L.LINES, plan.years, decisions)
    col = {h: i for i, h in enumerate(headers)}
    for row, line in enumerate(plan.lines, start=1):
        _code(w, row, col["theme"], line.theme)
        _code(w, row, col["number"], line.number)
        w.text(row, col["title"], line.title, "text_wrap")
        w.text(row, col["kind"], line.kind)
        for year in plan.years:
            w.amount(row, col[year], line.amounts.get(year))
        _rule(w, row, col, line.rule)
        w.text(row, col["note"], line.note, "text_wrap")
        if decisions:
            if line.decision is not None:
                w.text(row, col["decision"], line.decision.value)
            for year, amount in line.adopted.items():
                w.amount(row, col[("adopted", year)], amount)
    w.freeze(1, col["title"] + 1)
    w.validation(1, col["theme"], LIST_ROWS, col["theme"], _list_of_themes())
    w.validation(1, col["kind"], LIST_ROWS, col["kind"], {
        "validate": "list", "source": ["A", "T"], "ignore_blank": True,
    })
    _rule_validations(w, col)
    if decisions:
        _decision_validation(w, col)
    return w


def _fixed(book, styles: Styles, plan: Plan) -> SheetWriter:
    w = SheetWriter(add_sheet(book, L.FIXED.name), styles)
    headers = _header(w, L.FIXED, plan.years)
    col = {h: i for i, h in enumerate(headers)}
    for row, f in enumerate(plan.fixed, start=1):
        _code(w, row, col["theme"], f.theme)
        _code(w, row, col["line"], f.line)
        w.text(row, col["department"], f.department)
        for year in plan.years:
            w.amount(row, col[year], f.amounts.get(year))
        w.text(row, col["note"], f.note)
    w.validation(1, col["theme"], LIST_ROWS, col["theme"], _list_of_themes())
    w.validation(1, col["department"], LIST_ROWS, col["department"], _list_of_departments())
    return w


# -- shared pieces ----------------------------------------------------------------------------------
def _code(w: SheetWriter, row: int, col: int, code: str) -> None:
    """Write a theme or line number as a number when it is one, so Excel does not flag it."""
    if code.isdigit() and len(code) < 10 and not code.startswith("0"):
        w.number(row, col, int(code), "text")  # at the top of its row, beside the texts that wrap
    else:
        w.text(row, col, code)


def _rule(w: SheetWriter, row: int, col: dict, rule: Rule | None) -> None:
    if rule is None:
        return
    w.text(row, col["method"], rule.method.value)
    if rule.key:
        w.text(row, col["key"], rule.key, "text_wrap")
    if rule.from_year is not None:
        w.number(row, col["from_year"], rule.from_year)


def _rule_validations(w: SheetWriter, col: dict) -> None:
    w.validation(1, col["method"], LIST_ROWS, col["method"], {
        "validate": "list", "source": [m.value for m in Method], "ignore_blank": True,
        "input_title": L.THEMES.header("method"), "input_message": "Nøgle, Faste beløb eller Ikke fordelt.",
    })
    w.validation(1, col["key"], LIST_ROWS, col["key"], _list_of_keys())


def _decision_validation(w: SheetWriter, col: dict) -> None:
    w.validation(1, col["decision"], LIST_ROWS, col["decision"], {
        "validate": "list", "source": [d.value for d in Decision], "ignore_blank": True,
        "error_title": "Ukendt beslutning", "error_message": "Vælg " + L.DECISION_HELP,
    })


def _list_of_keys() -> dict:
    # A range rather than fixed names, so that keys added later appear; 'information' lets a
    # new name be typed before its rows exist.
    return {"validate": "list", "source": f"='{L.KEYS.name}'!$A$2:$A${LIST_ROWS}", "ignore_blank": True,
            "error_type": "information"}


def _list_of_departments() -> dict:
    return {"validate": "list", "source": f"='{L.DEPARTMENTS.name}'!$A$2:$A${LIST_ROWS}", "ignore_blank": True,
            "error_type": "warning", "error_title": L.KEYS.header("department"),
            "error_message": f"Koden findes ikke på arket {L.DEPARTMENTS.name}."}


def _list_of_themes() -> dict:
    return {"validate": "list", "source": f"='{L.THEMES.name}'!$A$2:$A${LIST_ROWS}", "ignore_blank": True,
            "error_type": "warning", "error_title": L.LINES.header("theme"),
            "error_message": f"Temaet findes ikke på arket {L.THEMES.name}."}
