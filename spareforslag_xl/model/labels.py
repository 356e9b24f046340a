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

from spareforslag_xl.model.basis import Basis, BasisKind, KeyUse, RestCause
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.plan import Decision, Method, Plan, Scenario

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


# -- column headers --------------------------------------------------------------------------------
DEPARTMENT = "Magistratsafdeling"
NOTE = "Bemærkning"
BASIS = "Grundlag"
SHARE = "Andel"

# -- the texts of a theme ----------------------------------------------------------------------------
DESCRIPTION = "Beskrivelse af opgaven"
POTENTIAL = "Identificeret potentiale"
DISTRIBUTION = "Fordeling på afdeling"


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
DECISION_TEXT = {
    Decision.ADOPTED: "Vedtaget",
    Decision.REJECTED: "Forkastet",
    Decision.POSTPONED: "Udskudt",
    Decision.PROPOSED: "Ikke besluttet (tæller som foreslået)",
}
"""Decision → how a theme sheet's note names a line's decision."""
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
    text = Method.FIXED.value if basis.kind is BasisKind.FIXED else str(basis.key)
    if basis.from_year is not None:
        text += f" fra {basis.from_year}"
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
