"""The Danish labels of the report and the department workbooks, in one place.

Sheet names, the labels of rows that recur (totals, the part not distributed, the target,
FTE), the column headers sheets share and the headings of a theme's texts. Sentences that
carry figures are written where they are used, with these labels inside.
"""

from __future__ import annotations

from spareforslag_xl.model.plan import Decision

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
NOT_DISTRIBUTED = "Ikke fordelt"
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
