"""The Danish labels of the report and the department workbooks, in one place.

Sheet names, the labels of rows that recur (totals, the part not distributed, the target,
FTE), the column headers sheets share and the headings of a theme's texts, and the functions that
phrase the facts the core returns (what a split is based on, why a part is not distributed, where
a key is used, a scenario's name). Other sentences that carry figures are still written where
they are used, with these labels inside.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from spareforslag_xl.model.audit import AuditItem, AuditLabel, AuditReason, Verdict
from spareforslag_xl.model.basis import Basis, BasisKind, KeyUse, RestCause
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.i18n import N_, _
from spareforslag_xl.model.labels_decisions import LEFT_OUT_BASIS, rescaled_text
from spareforslag_xl.model.plan import Method, Plan, Scenario

WORKBOOK_LANGUAGE = "da"
"""The language of every workbook, mail and document the program writes, whatever language the
terminal speaks (--lang): they go to departments and politicians and mirror the Danish budget
documents, whose sheet and column names the master and the official budget also use."""

# -- sheet names ---------------------------------------------------------------------------------
OVERVIEW = "Oversigt"
DEPARTMENTS = "Afdelinger"
KEYS = "Nøgler"
CHECKS = "Kontrol"
AUDIT = "Dokumentafvigelser"
THEME = "Tema"
"""A theme: its sheet ('Tema 2'), its heading and the header of columns of themes."""


def theme_name(number: str) -> str:
    """'Tema 2': the name of a theme's sheet."""
    return f"{THEME} {number}"


# -- rows ------------------------------------------------------------------------------------------
TOTAL = "I alt"
TARGET = "Mål"
TOTAL_LABEL = "Anslået samlet besparelse"
"""A theme's total of its proposals."""
FTE_LABEL = "Opgjort i antal årsværk (årsværk = besparelse / gns. løn)"
SALARY = "Gns. løn"
REST_LABEL = "Ikke fordelt"
"""The part of an amount that falls to no department."""
NOT_DISTRIBUTED = REST_LABEL
"""The note of a rule that distributes nothing."""
DIFFERENCE_SHARE = "Andel af difference"
NOTHING_TO_SPLIT = "Intet beløb at fordele: forslagene er ikke anslået eller anslået til 0."


def difference_label(key_name: str) -> str:
    """The row of the difference between the target and the total, distributed by key_name."""
    return f"Difference der skal fordeles efter {key_name.lower()}"


def meta_line(municipality: str, budget_year, unit: str, source: str) -> str:
    """The line under a sheet's title: municipality, budget, unit and source."""
    parts = (municipality, f"Budget {budget_year}" if budget_year else "", f"Beløb i {unit}",
             f"Kilde: {source}" if source else "")
    return " · ".join(p for p in parts if p)


def key_rest_note(name: str, total: str, rest: str) -> str:
    """The line under a split by a key that does not sum to 100 % (shares already formatted)."""
    return f"Nøglen '{name}' summer til {total}, ikke 100 %: resten ({rest}) står som '{REST_LABEL}'."


# -- column headers --------------------------------------------------------------------------------
DEPARTMENT = "Magistratsafdeling"
NOTE = "Bemærkning"
BASIS = "Grundlag"
SHARE = "Andel"

# -- the texts of a theme ----------------------------------------------------------------------------
DESCRIPTION = "Beskrivelse af opgaven"
POTENTIAL = "Identificeret potentiale"
DISTRIBUTION = "Fordeling på afdeling"

# -- the proposals document (content/document.py) ------------------------------------------------------
OVERVIEW_HEADING = "Oversigt"
DOCUMENT_SPLIT_LEAD = "{label} – fordelt efter {basis} ({unit}):"
"""The sentence over a department table of the document; the import reads the line, unit and first year."""
DOCUMENT_FIXED_LEAD = "{label} – faste beløb pr. afdeling ({unit}):"
DOCUMENT_FTE_LABEL = "Opgjort i antal årsværk (årsværk = besparelse / gns. løn på {salary})"
"""The FTE row of the document names the average salary, so that the import needs not infer it."""
DOCUMENT_NOT_DISTRIBUTED = "Besparelsen fordeles ikke på afdelingerne."
DOCUMENT_DECIDED = "Besluttet: {lines}."
DOCUMENT_EXCLUDED = "Forkastede og udskudte forslag, som ikke indgår i tallene: {lines}."


CONTINUED = "{name} (fortsat)"
"""The name over a table's header where the table continues on a new page."""


# -- charts ------------------------------------------------------------------------------------------
CHART_THEMES = "Besparelse pr. år fordelt på temaer og mål ({unit})"
CHART_DIFFERENCE = "Difference at fordele pr. afdeling ({unit})"
CHART_DEPARTMENT = "I alt {code} pr. år og andel af målet ({unit})"
CHART_DEPARTMENT_TOTAL = "I alt {code} pr. år ({unit})"
CHART_CAPTION = {1: "Diagrammet viser tallene ovenfor og følger dem, når de rettes.",
                 2: "Diagrammerne viser tallene ovenfor og følger dem, når de rettes."}
"""Number of charts → the line under them."""


# -- decisions -------------------------------------------------------------------------------------
DECISION = "Beslutning"
PROPOSED = "Foreslået"
ADOPTED = "Vedtaget"
EXCLUDED = "Forkastede og udskudte forslag (indgår ikke i planen)"
PROPOSED_TABLE = "Foreslået før beslutning"
CHANGE = "Ændring i alt (vedtaget − foreslået)"
SCENARIO_LINE = {
    "vedtaget": "Tallene er den vedtagne plan: forkastede og udskudte forslag indgår ikke, vedtagne forslag med "
                "deres vedtagne beløb; afdelingernes andele er andele af den vedtagne plan.",
    "foreslået": "Tallene er alle forslag som foreslået; beslutningerne i grundarket er ikke brugt.",
    "vedtaget+udskudt": "Tallene er den vedtagne plan med de udskudte forslag, som om de også blev vedtaget; "
                        "forkastede forslag indgår ikke.",
}
"""Scenario (its value) → the line under the heading of every sheet that says which plan the figures are."""


# -- the report's and the department workbooks' own texts --------------------------------------------
PROPERTIES_SUBJECT = "Budget {year}"
PROPERTIES_COMMENTS = "Dannet af spareforslag-xl fra {source}"
REPORT_BANNER = "RAPPORTEN ER DANNET TRODS {errors} FEJL I GRUNDARKET – tallene kan være forkerte. Se arket Kontrol."
DEPARTMENT_BANNER = "DANNET TRODS {errors} FEJL I GRUNDARKET – tallene kan være forkerte."
DIFFERENCE_SPLIT = "Fordeling af differencen efter {key}"
CHANGED_BY_DECISION = "Ændret ved beslutningen i {years}"
TOTAL_PROPOSED = "I alt foreslået"
DEPARTMENTS_TITLE = "Fordeling på magistratsafdelinger"
DEPARTMENTS_SUMMARY = "Samlet pr. magistratsafdeling ({unit})"
DEPARTMENTS_CHECK = "Kontrol: I alt − Mål (skal være 0)"
DIFFERENCE_ROW = "Difference"
REST_REASON = "Årsag"
KEYS_TITLE = "Fordelingsnøgler"
KEY_DEPARTMENT, KEY_NAME = "Afdeling", "Navn"
UNKNOWN_DEPARTMENT = "(ukendt afdeling)"
KEY_SUM_NOT_100 = "Summen er {total}, ikke 100 %: resten vises som '" + REST_LABEL + "'."
THEME_NO_LINES = "Temaet har ingen forslag at fordele."
SPLITS_TOTAL = "Fordeling i alt for tema {number}"
SALARY_OWN, SALARY_SHARED, SALARY_NONE = "temaets egen", "fælles (Indstillinger)", "ikke angivet"
RULE_KEY = "Fordeles efter {key}"
RULE_FIXED = "Fordeles med faste beløb"
RULE_FROM = " fra {year}"
PARTIAL_ALL = "Delvist anslået{which}: {missing} af {lines} forslag ikke anslået"
PARTIAL_IN = " i {years}"
PARTIAL_BY_YEAR = "Delvist anslået: {years} ikke anslået"
PARTIAL_YEAR = "{year}: {missing} af {lines}"
DEPARTMENT_TITLE = "Budget {year}: {department}"
DEPARTMENT_SUBTITLE = "{title} – andel for {code}"
DEPARTMENT_SHARE = "Andel for {code}"
TARGET_SHARE = "Andel af målet"
TARGET_GAP = "Forskel: I alt − andel af målet"
TARGET_GAP_NOTE = "Faste beløb, andre nøgler og beløb, der ikke fordeles, giver forskellen."
DETAILS = "Sådan er andelen beregnet ({unit})"
DETAILS_HEADER = "Tema, forslag og beløb"
DETAILS_DIFFERENCE = "Mål − I alt (se arket Oversigt)"
DETAILS_LINES_TOTAL, DETAILS_LINES = "Samlet beløb", ("{count} forslag", "Øvrige {count} forslag")
DETAILS_LINES_NOTE = ("De enkelte forslag: se rapportens ark '{sheet}'", "Som foreslået; se rapportens ark '{sheet}'")
DEPARTMENT_OVERVIEW_SUBTITLE = "{title} – oversigt over alle temaer"
DEPARTMENT_OVERVIEW_TOTAL = "Heraf {code} i alt (se arket {sheet})"
DEPARTMENT_KEYS_TITLE = "Fordelingsnøgler for {code}"
DEPARTMENT_KEYS_HEADERS = ("Nøgle", "Andel for {code}", "Nøglens sum", "Anvendt til")
DEPARTMENT_NO_KEYS = "Ingen af afdelingens andele er fordelt efter en nøgle."


# -- what a split is based on -------------------------------------------------------------------------
def basis_text(basis: Basis | None) -> str:
    """Return the 'Grundlag' of a split: 'Administrativ fordelingsnøgle fra 2025 (28,4 %)', 'Faste beløb' …

    The department's share is added when the basis carries one; no basis gives ''.
    """
    if basis is None:
        return ""
    if basis.kind is BasisKind.NONE:
        return NOT_DISTRIBUTED
    if basis.kind is BasisKind.UNKNOWN_KEY:
        return f"Ukendt nøgle '{basis.key}' (ikke fordelt)"
    if basis.kind is BasisKind.LEFT_OUT:
        return LEFT_OUT_BASIS[basis.decision]
    text = Method.FIXED.value if basis.kind is BasisKind.FIXED else str(basis.key)
    if basis.from_year is not None:
        text += f" fra {basis.from_year}"
    if basis.rescaled:
        text += "; " + rescaled_text(basis.rescaled)
    return basis_for_text(text, basis.share)


def basis_for_text(text: str, share: Decimal | None) -> str:
    """Return a basis with a department's share of its key: 'Administrativ fordelingsnøgle (28,4 %)'."""
    return text if share is None else f"{text} ({format_share(share)})"


def bases_text(bases: Iterable[Basis]) -> str:
    """Return the bases of a theme's splits, each once, joined by '; '."""
    return "; ".join(dict.fromkeys(basis_text(b) for b in bases))


def rest_reason(cause: RestCause) -> str:
    """Return why an amount is (partly) 'Ikke fordelt', for the column 'Årsag'."""
    basis = cause.basis
    if basis.kind is BasisKind.NONE:
        return NOT_DISTRIBUTED
    if basis.kind is BasisKind.UNKNOWN_KEY:
        return f"Ukendt nøgle '{basis.key}'"
    reasons = []
    if cause.from_year is not None:
        reasons.append(f"fordeles først fra {cause.from_year}")
    if cause.key_total is not None:
        reasons.append(f"{basis.key} summer til {format_share(cause.key_total)}")
    if cause.fixed:
        reasons.append("faste beløb summer ikke til beløbet")
    return "; ".join(reasons) or basis_text(basis)


def rest_reasons(causes: Iterable[RestCause]) -> str:
    """Return the reasons of several splits, each once, joined by '; '."""
    return "; ".join(dict.fromkeys(rest_reason(c) for c in causes))


# -- where a key is used ---------------------------------------------------------------------------------
def key_use_text(use: KeyUse) -> str:
    """Return 'tema 3', 'tema 3 (label of the split)', 'differencen' or 'andel af målet'."""
    if use.target:
        return "andel af målet"
    if use.theme is None:
        return "differencen"
    return f"tema {use.theme}" if use.split is None else f"tema {use.theme} ({use.split})"


def key_uses_text(uses: Iterable[KeyUse]) -> str:
    """Return the uses of a key, in order: 'tema 1, tema 3, differencen'."""
    return ", ".join(key_use_text(u) for u in uses)


def key_usage_line(uses: Iterable[KeyUse] | None) -> str:
    """Return the line under a key's table: 'Anvendt til: tema 1, differencen', or 'Anvendt til: ikke anvendt'."""
    return "Anvendt til: " + (key_uses_text(uses or ()) or "ikke anvendt")


# -- scenarios -------------------------------------------------------------------------------------------
SCENARIO_TITLE = {
    Scenario.ADOPTED: "vedtaget plan",
    Scenario.PROPOSED: "alle forslag (før beslutning)",
    Scenario.WITH_POSTPONED: "vedtaget plan inkl. udskudte forslag",
}
"""How a scenario is named after the title of every workbook and in the mails."""


def plan_title(plan: Plan) -> str:
    """Return the plan's title with its scenario: 'Spareforslag 2024 – vedtaget plan' ('' without either)."""
    title = plan.settings.title
    if plan.scenario is None:
        return title
    name = SCENARIO_TITLE[plan.scenario]
    return f"{title} – {name}" if title else name.capitalize()


# -- the audit of a document's figures --------------------------------------------------------------------
VERDICT = {Verdict.DISAGREEMENT: "Afvigelse", Verdict.ROUNDING: "Afrundingsnote", Verdict.INFO: "Information"}
"""Verdict → the word of the column 'Vurdering' on the sheet 'Dokumentafvigelser'."""
AUDIT_CLASS = {
    "mismatch": "Tallet afviger fra det genberegnede",
    "not-estimated": "'-' over for et beløb (eller omvendt)",
    "missing": "Findes ikke i grundarket",
    "key-sum": "Nøglen summer ikke til 100 %",
    "parts-sum": "De viste dele summer ikke til totalen",
    "fte-salary": "Årsværk uden fælles gns. løn",
    "implied-salary": "Gns. løn udledt af årsværk",
    "fte-any-salary": "Årsværk 0 for 0 kr.",
    "rounding": "Afrunding",
    "dash-zero": "'-' hvor tabellen viser 0",
}
"""An item's code → its class on the sheet 'Dokumentafvigelser' (a code not named here is shown as it is)."""
ROUNDING_CONVENTION = {
    "half-even": N_("the document rounded half to even"),
    "down": N_("the document truncated (rounded down)"),
    "half-down": N_("the document rounded half down"),
    "up": N_("the document rounded up"),
}
"""A rounding convention (core.audit.CONVENTIONS) → what a rounding note says of it."""


def audit_class(code: str) -> str:
    """Return the class of an audit item's code, for the sheet 'Dokumentafvigelser'."""
    return AUDIT_CLASS.get(code, code)


def audit_label(label: AuditLabel) -> str:
    """Return which figure an item is about: 'Afdelingsbeløb i alt – forslag 2', 'Gns. løn' …"""
    if label.kind is None:
        return SALARY
    parts = [label.kind.value] + ([f"forslag {label.line}"] if label.line else [])
    return " – ".join(parts + [p for p in (label.department or label.name,) if p])


def audit_computed(item: AuditItem) -> str:
    """Return the recomputed figure of an item as shown; 'none' (in the language in use) where there is none."""
    return item.computed if item.computed is not None else _("none")


def audit_reason(why: AuditReason) -> str:
    """Return what an audit item says, in the language in use."""
    kind = why.kind
    if kind in _PLAIN_REASONS:
        return _(_PLAIN_REASONS[kind])
    if kind == "missing-key":
        return _("the key '{key}' is not in the master").format(key=why["key"])
    if kind == "rounding":
        convention = why["convention"]
        return _("within one unit of the last shown digit: {exact} rounds half up to {rounded}; {why}").format(
            exact=why["exact"], rounded=why["rounded"],
            why=_(ROUNDING_CONVENTION[convention]) if convention else _("no common rounding convention gives it"))
    if kind == "mismatch":
        return _("the recomputed value is {value} ({unit})").format(value=why["value"], unit=why["unit"])
    if kind == "key-sum":
        allocated = why["allocated"]
        alloc = _("; it allocates {parts} {unit} each year").format(
            parts=", ".join(_("{part} of {whole}").format(part=p, whole=w) for p, w in allocated),
            unit=why["unit"]) if allocated else ""
        return _("the shares of key '{key}' sum to {sum} %, but the table states {stated}{allocates}; the rest is "
                 "not distributed").format(key=why["key"], sum=why["sum"], stated=why["stated"], allocates=alloc)
    if kind == "parts-sum":
        return _("the shown parts sum to {sum}, but the table's total is {total} (each part was rounded on its "
                 "own)").format(sum=why["sum"], total=why["total"])
    if kind == "fte-any-salary":
        return _("{fte} FTE for a total of 0 holds for any average salary; the master sets none, so the report "
                 "shows no FTE").format(fte=why["fte"])
    if kind == "implied-salary":
        return _implied_salary(why)
    if kind == "fte-salary":
        return _fte_salary(why)
    if kind == "fte-shows":
        return _("with the average salary {salary} the report shows {fte}").format(salary=why["salary"],
                                                                                   fte=why["fte"])
    raise ValueError(f"unknown audit reason {kind!r}")


_PLAIN_REASONS = {
    "nothing-to-compare": N_("the master has nothing to compare this figure with"),
    "dash-zero": N_("the document shows '-' where the recomputed value is 0; both add nothing to the totals"),
    "dash-amount": N_("the document shows '-' (not estimated), but the plan has an amount"),
    "no-estimate": N_("the document shows a figure, but the plan has no estimate"),
    "no-salary": N_("the plan has no average salary for this theme, so it computes no FTE"),
}


def _implied_salary(why: AuditReason) -> str:
    ratios = why["ratios"]
    if len({salary for salary, _fte in ratios}) == 1:
        about = _("about {salary}").format(salary=ratios[0][0])
    else:
        about = ", ".join(_("{salary} for {fte}").format(salary=salary, fte=fte) for salary, fte in ratios)
    high, used = why["high"], why["used"]
    return (_("the FTE figures {figures} imply an average salary from {low} to {high} (total / FTE: {about}); "
              "the master uses {used}").format(figures=", ".join(why["figures"]), low=why["low"],
                                               high=high if high is not None else _("any"), about=about,
                                               used=used if used is not None else _("none"))
            + (_("; other themes imply other salaries, so the document uses no single average salary")
               if why["differ"] else ""))


def _fte_salary(why: AuditReason) -> str:
    need, others, shows = why["need"], why["others"], why["shows"]
    needs = (_("needs a salary from {low} to {high}").format(low=need[0], high=need[1] if need[1] is not None
                                                             else _("any")) if need else _("fits no salary"))
    also = (_("; {figures} need {low}–{high}").format(figures=", ".join(others[0]), low=others[1], high=others[2])
            if others else "")
    return (_("{fte} {needs}{others}; no single average salary reproduces them all").format(
        fte=why["fte"], needs=needs, others=also)
        + (_("; with {salary} the report shows {fte}").format(salary=shows[0], fte=shows[1]) if shows else ""))


def audit_item_text(item: AuditItem) -> str:
    """Return an item as the command 'audit' prints it, in the language in use."""
    where = _("line {line}").format(line=item.source_line) + (f", tema {item.theme}" if item.theme else "")
    years = f" {item.year_text}" if item.years else ""
    kind = {Verdict.DISAGREEMENT: _("disagreement"), Verdict.ROUNDING: _("rounding"), Verdict.INFO: _("info")}
    what = f"{audit_label(item.label)}: {audit_reason(item.reason)}"
    return f"{kind[item.severity]}: {where}{years}: {what} [{item.code}]"


# -- the report's sheet 'Dokumentafvigelser' ----------------------------------------------------------
AUDIT_TITLE = "Dokumentets egne tal sammenholdt med genberegningen"
AUDIT_HEADERS = ("Vurdering", "Klasse", "Linje", "Tema", "Hvad", "År", "Dokumentet viser", "Genberegnet", "Forklaring")
AUDIT_NONE = "Ingen afvigelser: alle dokumentets tal genfindes."


def audit_summary(figures: int, disagreements: int, rounding: int, info: int) -> str:
    """The line under the audit sheet's title: how many figures were checked and what was found."""
    return (f"{figures} tal fra dokumentet er kontrolleret: {disagreements} "
            f"{'afvigelse' if disagreements == 1 else 'afvigelser'}, {rounding} "
            f"{'afrundingsnote' if rounding == 1 else 'afrundingsnoter'} og {info} "
            f"{'oplysning' if info == 1 else 'oplysninger'}. Linje er linjenummeret i dokumentet.")
