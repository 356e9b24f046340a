"""The master workbook's layout: sheet names, column headers and their help texts.

This is the one place that knows the Danish names a budget officer sees. The reader, the
writer behind ``init`` and ``import``, and the README's description all come from here.
The program refers to a column by its English field name (``LINES.header("from_year")``
is 'Fra år'); the records' ``refs`` are keyed by these field names (and by year).
"""

from __future__ import annotations

from dataclasses import dataclass

from spareforslag_xl.model.plan import Decision, Method


@dataclass(frozen=True)
class Column:
    field: str
    """The name the program uses for the column, e.g. 'from_year'; stable when the header changes."""
    header: str
    help: str
    required: bool = False
    width: int = 12
    decision: bool = False
    """A column of the decisions: written by ``init`` and for plans with decisions, read always."""
    numeric: bool = False
    """A column of figures (a number, a share, a year): printed at the cell's right edge."""
    accounts: bool = False
    """The column of the accounts (Konto): written by ``init`` and for plans that give accounts, read always."""


@dataclass(frozen=True)
class SheetLayout:
    name: str
    help: str
    columns: tuple[Column, ...]
    years: bool = False
    """Whether year columns (headers such as 2024) follow the column ``years_after``."""
    years_after: str = ""
    """The field of the column the year columns follow."""
    adopted_after: str = ""
    """The field of the column the adopted year columns ('Vedtaget 2024' …) follow; '' for none."""

    def column(self, field: str) -> Column:
        """Return the column of a field name, e.g. ``LINES.column("theme")``."""
        for c in self.columns:
            if c.field == field:
                return c
        raise KeyError(field)

    def header(self, field: str) -> str:
        """Return the Danish header of a field, e.g. 'Tema' for ``LINES.header("theme")``."""
        return self.column(field).header


GUIDE = "Vejledning"
GUIDE_COLUMNS = ("Kolonne", "Skal udfyldes", "Forklaring")
"""The headers of the guide's table of columns."""

# The settings sheet is a list of (Indstilling, Værdi) pairs.
SETTINGS = SheetLayout(
    "Indstillinger",
    "Én indstilling pr. række: navnet i kolonne A, værdien i kolonne B.",
    (
        Column("name", "Indstilling", "Navnet på indstillingen (skal stå præcis som her).", True, 26),
        Column("value", "Værdi", "Værdien.", True, 60),
        Column("explanation", "Forklaring", "Forklaring (læses ikke af programmet).", False, 70),
    ),
)

TITLE = "Titel"
SUBTITLE = "Undertitel"
MUNICIPALITY = "Kommune"
BUDGET_YEAR = "Budgetår"
UNIT = "Enhed"
DECIMALS = "Decimaler"
SALARY = "Gns. løn"
RESIDUAL_KEY = "Restfordelingsnøgle"
MEETING = "Mødedato"

SETTING_HELP: dict[str, str] = {
    TITLE: "Rapportens titel, fx 'Administrative spareforslag 2023'. Er den tom, advarer kontrollen, "
           "og rapporten får ingen titel.",
    SUBTITLE: "Undertitel under titlen (valgfri).",
    MUNICIPALITY: "Kommunens navn, fx 'Aarhus Kommune'.",
    BUDGET_YEAR: "Budgetåret forslagene gælder, fx 2024.",
    UNIT: "Beløbenes enhed, fx '1.000 kr.'. Alle beløb i grundarket er i denne enhed.",
    DECIMALS: "Antal decimaler beløbene vises og fordeles med (normalt 0).",
    SALARY: "Gennemsnitsløn pr. årsværk i samme enhed som beløbene (fx 575 = 575.000 kr.). "
    "Bruges til 'Opgjort i antal årsværk' = besparelse / gns. løn. Et tema kan have sin egen.",
    RESIDUAL_KEY: "Navnet på den nøgle (arket Nøgler), som fordeler differencen mellem målet og summen af "
                  "temaerne.",
    MEETING: "Mødet, som det skal stå efter 'Efter mødet' i mails, fx 'den 12. juni 2027' (valgfri; skrives som "
             "tekst).",
}
SETTING_NAMES: dict[str, str] = {
    "title": TITLE,
    "subtitle": SUBTITLE,
    "municipality": MUNICIPALITY,
    "budget_year": BUDGET_YEAR,
    "unit": UNIT,
    "decimals": DECIMALS,
    "salary": SALARY,
    "residual_key": RESIDUAL_KEY,
    "meeting": MEETING,
}
"""Field name (as on ``Settings``) → the setting's Danish name, in the order of the sheet."""
SETTING_FIELDS: dict[str, str] = {name: f for f, name in SETTING_NAMES.items()}
"""The setting's Danish name → field name."""
SETTING_ORDER = tuple(SETTING_NAMES.values())

TARGET = SheetLayout(
    "Mål",
    "Målet for de samlede besparelser pr. år: én række 'Mål' med et beløb under hvert år.",
    (Column("label", "Beskrivelse", "Skriv 'Mål'.", True, 30),),
    years=True,
    years_after="label",
)
TARGET_ROW = "Mål"

DEPARTMENTS = SheetLayout(
    "Afdelinger",
    "Én række pr. magistratsafdeling.",
    (
        Column("code", "Kode", "Afdelingens kode, fx MSB. Bruges på de andre ark.", True, 10),
        Column("name", "Navn", "Afdelingens navn, fx 'Sociale Forhold og Beskæftigelse'.", True, 40),
        Column("emails", "E-mail", "Modtager(e) af afdelingens mail; flere adskilles med ';'.", False, 40),
        Column("contact", "Kontaktperson", "Navn på kontaktpersonen (valgfri).", False, 28),
        Column("accounts", "Konto", "Kontostrengen, som afdelingens budgetændringer skrives på (til "
               "'spareforslag budgetaendringer'), fx 6.45.51.1.10. Flere konti adskilles med ';' og får hver en "
               "andel, der tilsammen giver 100 %: '6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %' (valgfri).",
               False, 40, accounts=True),
    ),
)

KEYS = SheetLayout(
    "Nøgler",
    "Fordelingsnøgler: én række pr. nøgle og afdeling. Andelene i en nøgle bør give 100 %.",
    (
        Column("name", "Nøgle", "Nøglens navn, fx 'Administrativ fordelingsnøgle'.", True, 34),
        Column("department", "Afdeling", "Afdelingens kode (fra arket Afdelinger).", True, 10),
        Column("share", "Andel", "Afdelingens andel i procent, fx 28,4 %.", True, 10, numeric=True),
        Column("note", "Bemærkning", "Fri tekst.", False, 40),
    ),
)

METHOD_HELP = (
    f"'{Method.KEY.value}' (efter kolonnen Nøgle), '{Method.FIXED.value}' (arket Faste beløb) "
    f"eller '{Method.NONE.value}'."
)

DECISION_HELP = (
    f"Tom eller '{Decision.PROPOSED.value}' (ikke besluttet: tæller som foreslået), '{Decision.ADOPTED.value}', "
    f"'{Decision.REJECTED.value}' eller '{Decision.POSTPONED.value}'."
)
ADOPTED_PREFIX = "Vedtaget"
"""The adopted amounts' columns are headed 'Vedtaget 2024', 'Vedtaget 2025', …"""


def adopted_header(year: int) -> str:
    """'Vedtaget 2024': the header of the column of the amounts adopted in a year."""
    return f"{ADOPTED_PREFIX} {year}"


TEXT_HELP = ("Afsnit adskilles af en tom linje; en linje for sig, der begynder med '# ' (fx '# Videre proces'), "
             "er en underoverskrift.")
"""How a theme's texts are written: the rule of model/texts.py, for the person editing the master."""

THEMES = SheetLayout(
    "Temaer",
    "Én række pr. tema i den rækkefølge, oversigten skal vise dem.",
    (
        Column("number", "Nr", "Temaets nummer, fx 7.", True, 6, numeric=True),
        Column("title", "Titel", "Temaets titel.", True, 48),
        Column("status", "Status", "Note til oversigten, fx '(temaet er slået ind under tema 8)'.", False, 30),
        Column("method", "Fordeling", "Hvordan temaets beløb fordeles på afdelinger: " + METHOD_HELP, False, 14),
        Column("key", "Nøgle", "Nøglens navn, når Fordeling er 'Nøgle'.", False, 30),
        Column("from_year", "Fra år",
               "Første år der fordeles; tidligere år vises som 'Ikke fordelt' (valgfri).", False,
               8, numeric=True),
        Column("salary", "Gns. løn",
               "Temaets egen gennemsnitsløn til årsværk (valgfri; ellers Indstillinger).", False,
               10, numeric=True),
        Column("description", "Beskrivelse af opgaven", "Temaets beskrivelse (vises i rapporten). " + TEXT_HELP, False,
               50),
        Column("potential_text", "Identificeret potentiale", "Tekst om det identificerede potentiale. " + TEXT_HELP,
               False, 50),
        Column("distribution_text", "Fordeling på afdeling", "Tekst om hvordan temaet fordeles. " + TEXT_HELP, False,
               50),
        Column("decision", "Beslutning", "Beslutningen for hele temaet (valgfri): " + DECISION_HELP
               + " Et forslags egen beslutning går forud.", False, 14, decision=True),
    ),
)

LINES = SheetLayout(
    "Forslag",
    "Ét forslag (linje i 'Identificeret potentiale') pr. række med et beløb pr. år. "
    "Tom celle eller '-' betyder ikke anslået; 0 betyder nul.",
    (
        Column("theme", "Tema", "Temaets nummer (fra arket Temaer).", True, 6, numeric=True),
        Column("number", "Nr", "Forslagets nummer i temaet (valgfri, men nødvendig for faste beløb pr. forslag).",
               False, 6, numeric=True),
        Column("title", "Forslag", "Forslagets titel.", True, 48),
        Column("kind", "Type", "A (inden for afdelingen) eller T (på tværs) (valgfri).", False, 6),
        Column("method", "Fordeling", "Tom = som temaet. Ellers " + METHOD_HELP, False, 14),
        Column("key", "Nøgle", "Nøglens navn, når Fordeling er 'Nøgle'.", False, 30),
        Column("from_year", "Fra år", "Første år der fordeles (valgfri).", False, 8, numeric=True),
        Column("note", "Bemærkning", "Fri tekst.", False, 30),
        Column("decision", "Beslutning", "Beslutningen om forslaget: " + DECISION_HELP
               + " Tom = temaets beslutning, ellers foreslået.", False, 14, decision=True),
    ),
    years=True,
    years_after="kind",
    adopted_after="decision",
)
ADOPTED_HELP = (
    "Vedtaget med et andet beløb end foreslået: skriv det vedtagne beløb under året; tom = som foreslået. "
    "Et beløb her uden beslutning betyder 'Vedtaget'."
)

FIXED = SheetLayout(
    "Faste beløb",
    "Faste beløb pr. afdeling og år for et tema (Nr tom) eller et forslag (Nr udfyldt), "
    "når Fordeling er 'Faste beløb'. Beløbene skal give temaets eller forslagets beløb.",
    (
        Column("theme", "Tema", "Temaets nummer.", True, 6, numeric=True),
        Column("line", "Nr", "Forslagets nummer; tom for hele temaet.", False, 6, numeric=True),
        Column("department", "Afdeling", "Afdelingens kode.", True, 10),
        Column("note", "Bemærkning", "Fri tekst.", False, 30),
    ),
    years=True,
    years_after="department",
)

DATA_SHEETS = (SETTINGS, TARGET, DEPARTMENTS, KEYS, THEMES, LINES, FIXED)
REQUIRED_SHEETS = (SETTINGS, TARGET, DEPARTMENTS, KEYS, THEMES, LINES)
"""'Faste beløb' may be left out when no theme uses fixed amounts."""

METHOD_BY_NAME = {m.value.casefold(): m for m in Method}

YEAR_MIN, YEAR_MAX = 1900, 2200


def fields_in_order(layout: SheetLayout, years: tuple[int, ...], decisions: bool = False,
                    accounts: bool = False) -> list[str | int]:
    """Return the field names of a sheet as the writer lays them out, years in their place.

    With ``decisions`` the decision columns come too, the adopted years as ('adopted', year);
    with ``accounts`` the column of the departments' accounts.
    """
    fields: list = []
    for c in layout.columns:
        if (c.decision and not decisions) or (c.accounts and not accounts):
            continue
        fields.append(c.field)
        if layout.years and c.field == layout.years_after:
            fields.extend(years)
        if decisions and c.field == layout.adopted_after:
            fields.extend(("adopted", y) for y in years)
    return fields


def columns_in_order(layout: SheetLayout, years: tuple[int, ...], decisions: bool = False,
                     accounts: bool = False) -> list[str | int]:
    """Return the headers of a sheet as the writer lays them out, years in their place."""
    return [f if isinstance(f, int) else adopted_header(f[1]) if isinstance(f, tuple) else layout.header(f)
            for f in fields_in_order(layout, years, decisions, accounts)]
