"""The master workbook's layout: sheet names, column headers and their help texts.

This is the one place that knows the Danish names a budget officer sees. The reader, the
writer behind ``init`` and ``import``, and the README's description all come from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spareforslag_xl.model.plan import Method


@dataclass(frozen=True)
class Column:
    header: str
    help: str
    required: bool = False
    width: int = 12


@dataclass(frozen=True)
class SheetLayout:
    name: str
    help: str
    columns: tuple[Column, ...]
    years: bool = False
    """Whether year columns (headers such as 2024) follow the columns marked ``before_years``."""
    years_after: str = ""
    """The header the year columns follow."""

    def column(self, header: str) -> Column:
        for c in self.columns:
            if c.header == header:
                return c
        raise KeyError(header)


GUIDE = "Vejledning"

# The settings sheet is a list of (Indstilling, Værdi) pairs.
SETTINGS = SheetLayout(
    "Indstillinger",
    "Én indstilling pr. række: navnet i kolonne A, værdien i kolonne B.",
    (
        Column("Indstilling", "Navnet på indstillingen (skal stå præcis som her).", True, 26),
        Column("Værdi", "Værdien.", True, 60),
        Column("Forklaring", "Forklaring (læses ikke af programmet).", False, 70),
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
    TITLE: "Rapportens titel, fx 'Administrative spareforslag 2023'. Skal udfyldes.",
    SUBTITLE: "Undertitel under titlen (valgfri).",
    MUNICIPALITY: "Kommunens navn, fx 'Aarhus Kommune'.",
    BUDGET_YEAR: "Budgetåret forslagene gælder, fx 2024.",
    UNIT: "Beløbenes enhed, fx '1.000 kr.'. Alle beløb i masteren er i denne enhed.",
    DECIMALS: "Antal decimaler beløbene vises og fordeles med (normalt 0).",
    SALARY: "Gennemsnitsløn pr. årsværk i samme enhed som beløbene (fx 575 = 575.000 kr.). "
    "Bruges til 'Opgjort i antal årsværk' = besparelse / gns. løn. Et tema kan have sin egen.",
    RESIDUAL_KEY: "Navnet på den nøgle (arket Nøgler), som fordeler differencen mellem målet og summen af temaerne.",
    MEETING: "Mødedato eller anden tekst til mails (valgfri).",
}
SETTING_ORDER = (TITLE, SUBTITLE, MUNICIPALITY, BUDGET_YEAR, UNIT, DECIMALS, SALARY, RESIDUAL_KEY, MEETING)

TARGET = SheetLayout(
    "Mål",
    "Målet for de samlede besparelser pr. år: én række 'Mål' med et beløb under hvert år.",
    (Column("Beskrivelse", "Skriv 'Mål'.", True, 30),),
    years=True,
    years_after="Beskrivelse",
)
TARGET_ROW = "Mål"

DEPARTMENTS = SheetLayout(
    "Afdelinger",
    "Én række pr. magistratsafdeling.",
    (
        Column("Kode", "Afdelingens kode, fx MSB. Bruges på de andre ark.", True, 10),
        Column("Navn", "Afdelingens navn, fx 'Sociale Forhold og Beskæftigelse'.", True, 40),
        Column("E-mail", "Modtager(e) af afdelingens mail; flere adskilles med ';'.", False, 40),
        Column("Kontaktperson", "Navn på kontaktpersonen (valgfri).", False, 28),
    ),
)

KEYS = SheetLayout(
    "Nøgler",
    "Fordelingsnøgler: én række pr. nøgle og afdeling. Andelene i en nøgle bør give 100 %.",
    (
        Column("Nøgle", "Nøglens navn, fx 'Administrativ fordelingsnøgle'.", True, 34),
        Column("Afdeling", "Afdelingens kode (fra arket Afdelinger).", True, 10),
        Column("Andel", "Afdelingens andel i procent, fx 28,4 %.", True, 10),
        Column("Bemærkning", "Fri tekst.", False, 40),
    ),
)

METHOD_HELP = (
    f"'{Method.KEY.value}' (efter kolonnen Nøgle), '{Method.FIXED.value}' (arket Faste beløb) "
    f"eller '{Method.NONE.value}'."
)

THEMES = SheetLayout(
    "Temaer",
    "Én række pr. tema i den rækkefølge, oversigten skal vise dem.",
    (
        Column("Nr", "Temaets nummer, fx 7.", True, 6),
        Column("Titel", "Temaets titel.", True, 48),
        Column("Status", "Note til oversigten, fx '(temaet er slået ind under tema 8)'.", False, 30),
        Column("Fordeling", "Hvordan temaets beløb fordeles på afdelinger: " + METHOD_HELP, False, 14),
        Column("Nøgle", "Nøglens navn, når Fordeling er 'Nøgle'.", False, 30),
        Column("Fra år", "Første år der fordeles; tidligere år vises som 'Ikke fordelt' (valgfri).", False, 8),
        Column("Gns. løn", "Temaets egen gennemsnitsløn til årsværk (valgfri; ellers Indstillinger).", False, 10),
        Column("Beskrivelse af opgaven", "Temaets beskrivelse (vises i rapporten).", False, 50),
        Column("Identificeret potentiale", "Tekst om det identificerede potentiale.", False, 50),
        Column("Fordeling på afdeling", "Tekst om hvordan temaet fordeles.", False, 50),
    ),
)

LINES = SheetLayout(
    "Forslag",
    "Ét forslag (linje i 'Identificeret potentiale') pr. række med et beløb pr. år. "
    "Tom celle eller '-' betyder ikke estimeret; 0 betyder nul.",
    (
        Column("Tema", "Temaets nummer (fra arket Temaer).", True, 6),
        Column("Nr", "Forslagets nummer i temaet (valgfri, men nødvendig for faste beløb pr. forslag).", False, 6),
        Column("Forslag", "Forslagets titel.", True, 48),
        Column("Type", "A (inden for afdelingen) eller T (på tværs) (valgfri).", False, 6),
        Column("Fordeling", "Tom = som temaet. Ellers " + METHOD_HELP, False, 14),
        Column("Nøgle", "Nøglens navn, når Fordeling er 'Nøgle'.", False, 30),
        Column("Fra år", "Første år der fordeles (valgfri).", False, 8),
        Column("Bemærkning", "Fri tekst.", False, 30),
    ),
    years=True,
    years_after="Type",
)

FIXED = SheetLayout(
    "Faste beløb",
    "Faste beløb pr. afdeling og år for et tema (Nr tom) eller et forslag (Nr udfyldt), "
    "når Fordeling er 'Faste beløb'. Beløbene skal give temaets eller forslagets beløb.",
    (
        Column("Tema", "Temaets nummer.", True, 6),
        Column("Nr", "Forslagets nummer; tom for hele temaet.", False, 6),
        Column("Afdeling", "Afdelingens kode.", True, 10),
        Column("Bemærkning", "Fri tekst.", False, 30),
    ),
    years=True,
    years_after="Afdeling",
)

DATA_SHEETS = (SETTINGS, TARGET, DEPARTMENTS, KEYS, THEMES, LINES, FIXED)
REQUIRED_SHEETS = (SETTINGS, TARGET, DEPARTMENTS, KEYS, THEMES, LINES)
"""'Faste beløb' may be left out when no theme uses fixed amounts."""

METHOD_BY_NAME = {m.value.casefold(): m for m in Method}

YEAR_MIN, YEAR_MAX = 1900, 2200


def columns_in_order(layout: SheetLayout, years: tuple[int, ...]) -> list[str | int]:
    """Return the headers of a sheet as the writer lays them out, years in their place."""
    headers: list[str | int] = []
    for c in layout.columns:
        headers.append(c.header)
        if layout.years and c.header == layout.years_after:
            headers.extend(years)
    return headers
