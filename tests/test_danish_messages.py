"""The exact Danish message and hint of every finding code, each from a small master made for it
(tests/every_code.py), and no English in what the commands say or write in Danish."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.app.check import check_master
from spareforslag_xl.cli.main import cli
from spareforslag_xl.model.codes import CODES
from tests.conftest import REPO, SEED_MASTER, write_master
from tests.every_code import CASES

DANISH = {
    'account-share': ('Afdelinger!E2',
        "andelene af kontiene '6.45.51.1.10 = 70 %; 6.45.51.4.0 = 20 %' summerer til 90 %, ikke 100 %.",
        'Ret andelene, så de summerer til 100 %.'),
    'adopted-but-rejected': ('Forslag!N2',
        "forslaget 'Ikke-lovpligtige politikker, planer og strategier' er forkastet, men har vedtagne beløb; de bruges ikke.",
        'Slet de vedtagne beløb, eller ret beslutningen.'),
    'adopted-unknown-year': ('Forslag!M2',
        'de vedtagne beløb nævner året 2031, som forslagene ikke har.',
        'Brug årene fra forslagenes kolonner, eller tilføj kolonnen 2031.'),
    'bad-setting': ('Indstillinger!B7',
        "'Decimaler' skal være et helt tal fra 0 til 4, ikke 7.",
        'Skriv 0 for beløb i hele 1.000 kr.'),
    'boolean-in-amount': ('Forslag!G2',
        'beløbet er en SAND/FALSK-værdi, ikke et tal.',
        'Skriv tallet, eller lad cellen være tom, når beløbet ikke er anslået.'),
    'damaged-sheet': ('Vejledning',
        "fanen 'Vejledning' er beskadiget (dens XML kan ikke læses); programmet bruger den ikke, men Excel vil nægte at åbne filen eller tilbyde at reparere den.",
        'Slet fanen, eller lad Excel reparere filen, og gem den igen.'),
    'date-in-amount': ('Forslag!F2',
        'beløbet er en dato (25. marts 2024), ikke et tal; Excel har måske lavet det indtastede tal om til en dato.',
        'Formatér cellen som Tal, og skriv beløbet igen.'),
    'decision-without-lines': ('Temaer!K2',
        "tema 1 har beslutningen 'Vedtaget', men ingen forslag; den ændrer intet.",
        'Tøm cellen, eller tilføj temaets forslag på fanen Forslag.'),
    'duplicate-column': ('Forslag!M1',
        "kolonnen 'Forslag' står to gange (Forslag!C1 og Forslag!M1); programmet kan ikke afgøre, hvilken der rummer værdierne.",
        'Slet eller omdøb en af dem.'),
    'duplicate-department': ('Afdelinger!A3',
        "afdelingskoden 'MSB' står to gange (første gang i Afdelinger!A2).",
        'Giv hver afdeling sin egen kode.'),
    'duplicate-email': ('Afdelinger!C3',
        "adressen 'budget.msb@example.org' står også ved MSB (Afdelinger!C2); den får begge afdelingers mails.",
        'Kontrollér adresserne; behold dem, hvis én person virkelig tager sig af begge afdelinger.'),
    'duplicate-fixed': ('Faste beløb!C3',
        'BA har to rækker for tema 2 (første gang i Faste beløb!C2).',
        'Behold én række pr. afdeling.'),
    'duplicate-line': ('Forslag!B7',
        'tema 6 har to forslag med nummer 1 (første gang i Forslag!B6).',
        'Giv hvert forslag i et tema sit eget nummer.'),
    'duplicate-setting': ('Indstillinger!A11',
        "indstillingen 'Titel' står to gange.",
        'Slet en af rækkerne.'),
    'duplicate-share': ('Nøgler!B3',
        "nøglen 'Administrativ fordelingsnøgle' har to rækker for MSB.",
        'Behold én række pr. afdeling i hver nøgle.'),
    'duplicate-sheet': ('Forslag',
        "grundarket har 2 faner, der læses som 'Forslag': 'Forslag' og 'forslag' (navnene sammenlignes uden hensyn til store og små bogstaver, mellemrum og Unicode-form); kun den første læses.",
        "Slet eller omdøb den gamle kopi (fx 'Forslag gammel'), så kun én fane rummer værdierne."),
    'duplicate-target': ('Mål!A3',
        "der er mere end én række 'Mål'.",
        "Behold én række 'Mål'."),
    'duplicate-theme': ('Temaer!A3',
        'temanummeret 1 står to gange (første gang i Temaer!A2).',
        'Giv hvert tema sit eget nummer.'),
    'duplicate-year': ('Forslag!M1',
        'året 2024 står to gange (Forslag!E1 og Forslag!M1).',
        'Slet en af de to kolonner.'),
    'example-row': ('Temaer!A2',
        "dette er eksempeltemaet fra 'spareforslag init'.",
        'Overskriv den med et rigtigt tema, eller slet rækken.'),
    'excel-error': ('Forslag!E2',
        'cellen viser Excel-fejlen #REF!.',
        'Ret formlen, eller skriv værdien.'),
    'file-name-clash': ('Afdelinger!A7',
        "afdelingskoderne 'M/B' og 'M:B' giver samme filnavn 'M_B'; filerne for 'M:B' hedder 'M_B-2'.",
        'Giv afdelingerne koder, der er forskellige i bogstaver eller cifre (et filnavn kan ikke indeholde / \\ : * ? " < > |).'),
    'fixed-not-estimated': ('Faste beløb!E2',
        'tema 2 er ikke anslået i 2025, men der er angivet faste beløb på 3.250.',
        'Slet de faste beløb, eller anslå beløbet.'),
    'fixed-sum': ('Faste beløb!D2',
        'de faste beløb for tema 2 i 2024 summerer til 3.150, men beløbet er 3.250 (difference 100).',
        'Ret de faste beløb, så de summerer til beløbet.'),
    'fixed-unused': ('Faste beløb!A2',
        "der er faste beløb for tema 3, hvis fordeling ikke er 'Faste beløb'; de ignoreres.",
        "Sæt Fordeling til 'Faste beløb', eller slet rækkerne."),
    'formula-without-value': ('Forslag!E2',
        'cellen indeholder en formel (=1000+2250), hvis værdi aldrig er blevet beregnet.',
        'Åbn grundarket i Excel, lad det regne, og gem det; eller skriv værdien.'),
    'hidden-columns': ('Forslag!E1',
        'kolonnerne Forslag!E1, Forslag!F1, Forslag!G1, Forslag!H1 er skjult; de læses som alle andre kolonner.',
        'Vis kolonnerne (Excel: Start › Formater › Skjul og vis), og kontrollér deres værdier.'),
    'hidden-rows': ('Forslag!A3',
        '1 række med indhold er skjult eller filtreret fra (række 3); den læses og tælles med som alle andre rækker.',
        'Vis alle rækker (Excel: Data › Ryd filter; Start › Formater › Skjul og vis), og slet de rækker, der ikke skal tælle med.'),
    'invalid-email': ('Afdelinger!C2',
        "e-mailadressen 'budget@@example.org' for MSB er ikke gyldig: den har mere end ét '@'.",
        "Skriv hver adresse som navn@domæne.dk; adskil flere med ';'."),
    'key-ignored': ('Temaer!E3',
        "nøglen 'Administrativ fordelingsnøgle' bruges ikke, fordi fordelingen er 'Faste beløb'.",
        "Slet nøglen, eller sæt Fordeling til 'Nøgle'."),
    'key-not-100': ('Nøgler!C13',
        "andelene i nøglen 'Lønforhandlinger' summerer til 99,0 %, ikke 100 %; de resterende 1,0 % af hvert beløb står som 'Ikke fordelt'.",
        'Ret andelene, hvis nøglen skal fordele det hele.'),
    'key-over-100': ('Nøgler!C7',
        "andelene i nøglen 'Administrativ fordelingsnøgle' summerer til 121,6 %, mere end 100 %; den ville fordele mere end beløbet.",
        'Ret andelene, så de summerer til 100 %.'),
    'macros-ignored': ('',
        'projektmappen indeholder makroer (VBA); de blev ikke kørt og kopieres ikke til noget output.',
        'Gem grundarket som .xlsx uden makroer.'),
    'merged-cells': ('Forslag!E2',
        "cellerne E2:E3 er flettet: kun Forslag!E2 har en værdi, så 1 anden celle i kolonnen '2024' læses uden værdi; tallene i de rækker ville ikke være dem, fanen viser.",
        'Ophæv fletningen (Excel: Start › Flet og centrer), og skriv værdien i hver række.'),
    'missing-column': ('Forslag!A1',
        "kolonnen 'Forslag' mangler (overskrifter fundet i række 1: 'Tema', 'Nr', 'Overskrift', 'Type', '2024', '2025', '2026', '2027', 'Fordeling', 'Nøgle', 'Fra år', 'Bemærkning').",
        "Tilføj en kolonne med overskriften 'Forslag'."),
    'missing-account': ('Afdelinger!E3',
        "afdelingen 'MTM' har ingen konto, så dens budgetændringer kan ikke skrives.",
        "Skriv kontostrengen, som afdelingens ændringer skal på, i kolonnen 'Konto'."),
    'missing-email': ('Afdelinger!C2',
        "afdelingen MSB har ingen e-mailadresse; dens mailudkast har ingen modtager, og 'mail --send' springer den over.",
        "Skriv afdelingens adresser i kolonnen 'E-mail', adskilt med ';'."),
    'missing-fixed': ('Temaer!D4',
        "tema 3 fordeles med 'Faste beløb', men fanen 'Faste beløb' har ingen rækker til det.",
        "Tilføj én række pr. afdeling på fanen 'Faste beløb'."),
    'missing-header': ('Afdelinger!A2',
        "der blev ikke fundet en overskriftsrække i de første 10 rækker (forventede overskrifterne 'Kode', 'Navn'; første række indeholder 'MSB', 'Sociale Forhold og Beskæftigelse', 'budget.msb@example.org', 'Kontakt MSB').",
        "Skriv overskrifterne i første række præcis som i et grundark lavet med 'spareforslag init'."),
    'missing-key': ('Temaer!E4',
        "fordelingen er 'Nøgle', men der er ikke angivet en nøgle.",
        'Skriv nøglens navn i kolonnen Nøgle.'),
    'missing-setting': ('Indstillinger!B2',
        "indstillingen 'Titel' er tom; rapporten får ingen titel.",
        "Skriv titlen i rækken 'Titel'."),
    'missing-sheet': ('Mål',
        "grundarket har ingen fane 'Mål' (fundne faner: 'Vejledning', 'Indstillinger', 'Afdelinger', 'Nøgler', 'Temaer', 'Forslag', 'Faste beløb').",
        "Tilføj fanen, eller start forfra med et nyt grundark lavet med 'spareforslag init'."),
    'missing-target': ('Mål!C2',
        'målet for 2025 er tomt.',
        'Skriv målet for 2025 i cellen.'),
    'missing-value': ('Afdelinger!B2',
        "afdelingen 'MSB' har intet navn.",
        'Skriv afdelingens fulde navn.'),
    'missing-year': ('Faste beløb!A1',
        'fanen har ingen kolonne 2027, som forslagene har.',
        'Tilføj kolonnen 2027.'),
    'negative-amount': ('Forslag!E3',
        'beløbet -2.000 for 2024 er negativt; besparelser skrives som positive beløb.',
        'Skriv besparelsen som et positivt tal (en udgift kun negativt med vilje).'),
    'negative-share': ('Nøgler!C8',
        "andelen for MSB i nøglen 'Lønforhandlinger' er negativ.",
        'Andele går fra 0 % til 100 %.'),
    'no-departments': ('Afdelinger',
        'grundarket har ingen afdelinger.',
        'Tilføj én række pr. afdeling med kode og navn.'),
    'no-distribution': ('Temaer!D4',
        "tema 3 har ingen fordeling (Fordeling); dets beløb står som 'Ikke fordelt'.",
        "Vælg 'Nøgle' (efter kolonnen Nøgle), 'Faste beløb' (arket Faste beløb) eller 'Ikke fordelt'."),
    'no-themes': ('Temaer',
        'grundarket har ingen temaer.',
        'Tilføj én række pr. tema.'),
    'no-years': ('Forslag!A1',
        "fanen har ingen årskolonner (overskrifter som 2024 efter 'Type').",
        'Tilføj én kolonne pr. år med året som overskrift.'),
    'not-a-master': ('',
        "dette er ikke et grundark: det har ingen af grundarkets faner (faner fundet: 'Budget 2024').",
        "Angiv grundarket her; et officielt budgetark sammenlignes med grundarket med "
        "'spareforslag reconcile GRUNDARK OFFICIELT'."),
    'not-a-number': ('Forslag!E2',
        "beløbet 'abc' er ikke et tal.",
        "Skriv et tal, eller '-' / lad cellen være tom, når beløbet ikke er anslået."),
    'not-a-year': ('Temaer!F5',
        "det første år 'næste år' er ikke et år.",
        'Skriv et firecifret årstal som 2024.'),
    'not-finite': ('Forslag!F2',
        'beløbet er ikke et endeligt tal (inf).',
        'Skriv et rigtigt tal.'),
    'not-positive': ('Temaer!G4',
        'gennemsnitslønnen skal være over 0, ikke -5.',
        'Skriv gennemsnitslønnen pr. årsværk i planens enhed, fx 575.'),
    'number-as-text': ('Forslag!E2',
        "beløbet '3.250' er tekst og blev læst som tallet 3.250.",
        'Skriv det som et tal (Excel viser 3.250 for 3250 med formatet #.##0).'),
    'open-in-excel': ('',
        'grundarket er åbent i Excel eller et andet program (~$open-in-excel.xlsx ligger ved siden af); ændringer, '
        'der ikke er gemt, læses ikke.',
        'Gem grundarket i Excel (Ctrl+S), og kør kommandoen igen.'),
    'share-mixed-forms': ('Nøgler!C2',
        "nøglen 'Administrativ fordelingsnøgle' blander andele skrevet som procent (0,284) og som procentpoint (28,4); kontrollér, at hver andel er, som den skal være.",
        'Skriv alle nøglens andele på samme måde.'),
    'share-percent-points': ('Nøgler!C9',
        "5 af andelene i nøglen 'Lønforhandlinger' er skrevet som procentpoint (Nøgler!C9, Nøgler!C10, Nøgler!C11 …); de blev læst som procent (fx 16 som 16,0 %).",
        'Formatér cellerne i Andel som procent (0,0 %), og skriv 28,4 for 28,4 %.'),
    'sheet-too-large': ('Forslag',
        'fanen har flere end Excels 1.048.576 rækker eller 16.384 kolonner; kun delen inden for grænserne blev læst.',
        'Fjern rækkerne eller kolonnerne uden for Excels grænser.'),
    'stated-row-unreadable': ('Dokumenttal!A3',
        'denne række af dokumentets tal kan ikke læses (en art, linje, værdi eller et antal decimaler, der ikke giver mening); kontrollen af dokumentets tal udelader den.',
        'Importér dokumentet igen, eller ret rækken.'),
    'text-too-long': ('Forslag!C2',
        'teksten har 40.000 tegn; Excel tillader højst 32.767 i en celle.',
        'Forkort teksten, eller fordel den på flere celler.'),
    'theme-without-lines': ('Temaer!A4',
        "tema 3 'Kommunikation' har ingen forslag.",
        "Tilføj temaets forslag på fanen Forslag, eller forklar det i Status (fx '(temaet er slået ind under tema 8)')."),
    'too-large': ('Forslag!E2',
        'beløbet 10.000.000.000.000.000 er urealistisk: tallet er alt for stort.',
        'Kontrollér tallet og dets enhed.'),
    'too-many-decimals': ('Mål!B2',
        'målet i cellen er 50.000,4, som har flere decimaler, end planen viser (0; en celle med det format viser 50.000); delene ville ikke kunne summere præcist til totalerne.',
        "Skriv beløbet med 0 decimaler (en formel: pak den ind i AFRUND(…; 0)), eller hæv 'Decimaler' på fanen Indstillinger."),
    'too-many-digits': ('Mål!B2',
        'målet 123456789012345,7 har flere betydende cifre, end Excel gemmer (15); det blev læst som 123.456.789.012.346.',
        'Skriv tallet med højst 15 cifre.'),
    'unknown-column': ('Forslag!M1',
        "kolonnen 'Ekstra' bruges ikke af programmet og blev sprunget over.",
        'Kendte kolonner: Tema, Nr, Forslag, Type, Fordeling, Nøgle, Fra år, Bemærkning, Beslutning samt én kolonne pr. år (2024, 2025, …).'),
    'unknown-decision': ('Forslag!M2',
        "beslutningen 'Måske' kendes ikke.",
        "Skriv Tom eller 'Foreslået' (ikke besluttet: tæller som foreslået), 'Vedtaget', 'Forkastet' eller 'Udskudt'."),
    'unknown-department': ('Faste beløb!C2',
        "det faste beløb nævner afdelingen 'XX', som ikke står på fanen Afdelinger.",
        'Brug en kode fra fanen Afdelinger.'),
    'unknown-key': ('Forslag!J6',
        "nøglen 'Ukendt nøgle' står ikke på fanen 'Nøgler'.",
        "Brug en af nøglerne: 'Administrativ fordelingsnøgle', 'Lønforhandlinger'."),
    'unknown-kind': ('Forslag!D2',
        "typen 'X' er hverken A (i afdelingen) eller T (på tværs).",
        'Skriv A eller T, eller lad cellen være tom.'),
    'unknown-line': ('Faste beløb!B2',
        'det faste beløb henviser til forslag 9 i tema 2, som ikke findes.',
        'Brug nummeret på et forslag på fanen Forslag.'),
    'unknown-method': ('Temaer!D4',
        "fordelingen 'Efter behov' kendes ikke.",
        "Skriv 'Nøgle' (efter kolonnen Nøgle), 'Faste beløb' (arket Faste beløb) eller 'Ikke fordelt'."),
    'unknown-row': ('Mål!A3',
        "rækken 'Andet' bruges ikke; kun rækken 'Mål' læses.",
        'Slet rækken.'),
    'unknown-setting': ('Indstillinger!A11',
        "indstillingen 'Farve' kendes ikke og blev sprunget over.",
        'Kendte indstillinger: Titel, Undertitel, Kommune, Budgetår, Enhed, Decimaler, Gns. løn, Restfordelingsnøgle, Mødedato.'),
    'unknown-theme': ('Forslag!A3',
        "forslaget 'Insourcing af eksterne kommunikationsopgaver' hører til tema 99, som ikke står på fanen 'Temaer'.",
        'Brug et temanummer fra fanen Temaer, eller tilføj temaet.'),
    'unknown-year': ('Temaer!E4',
        'det første år 2031 er ikke et af planens år (2024, 2025, 2026, 2027).',
        'Skriv et af planens år.'),
    'unused-year': ('Mål!F2',
        "målet for 2031 bruges ikke: fanen 'Forslag' har ingen kolonne 2031.",
        'Slet kolonnen, eller tilføj året til forslagene.'),
    'years-out-of-order': ('Forslag!F1',
        'årskolonnerne står ikke i stigende orden; rapporten sorterer dem.',
        'Sæt årskolonnerne i rækkefølge fra første til sidste år.'),
}
"""code → (cell, message, hint) of its first finding, in Danish."""


def test_every_code_has_a_case_and_a_danish_message():
    assert sorted(CASES) == sorted(c.code for c in CODES) == sorted(DANISH)


@pytest.mark.danish
@pytest.mark.parametrize("code", sorted(DANISH))
def test_the_danish_message_of(code, tmp_path):
    path = CASES[code](tmp_path / f"{code}.xlsx")
    first = next(f for f in check_master(path).findings if f.code == code)
    assert (first.where, first.message, first.hint) == DANISH[code]


# -- no English in Danish output ------------------------------------------------------------------------------
ENGLISH = re.compile(r"\b(the|is|are|was|were|not|and|of|with|from|has|have|which|Wrote|error|errors|warning|"
                     r"warnings|found|missing|sheet|master|needs review|read|sent|Usage|Error|Dry run|note)\b")
"""Common English words; none may reach a Danish user outside codes, paths, options and quoted texts."""


def english_in(text: str) -> list[str]:
    """Return the lines of text that still hold English once quotes, codes, options and paths are removed."""
    bad = []
    for line in text.splitlines():
        plain = re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»", "", line)       # quoted names and the document's texts
        plain = re.sub(r"\[[a-z0-9-]+\]", "", plain)                  # finding codes
        plain = re.sub(r"--[a-z-]+|\S*[/\\]\S*|\S+\.(xlsx|md|csv|eml|toml)\b", "", plain)  # options, paths
        plain = re.sub(r"\b[a-z]+(-[a-z0-9]+)+\b", "", plain)          # codes without brackets
        if ENGLISH.search(plain):
            bad.append(line)
    return bad


def sheet_texts(path: Path, sheets: tuple[str, ...] = ()) -> str:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True)
    texts = []
    for ws in book.worksheets:
        if sheets and ws.title not in sheets:
            continue
        for row in ws.iter_rows(values_only=True):
            texts += [v for v in row if isinstance(v, str) and not v.startswith("=")]
    return "\n".join(texts)


@pytest.mark.danish
def test_no_english_reaches_a_danish_user(tmp_path):
    runner = CliRunner()
    outputs = []

    def run(*args):
        result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
        outputs.append(result.stdout + result.stderr)
        return result

    sample = write_master(tmp_path / "sample.xlsx")
    broken = write_master(tmp_path / "broken.xlsx", edits={"Forslag!E2": "abc", "Afdelinger!C3": None,
                                                           "Temaer!D4": "Efter behov", "Nøgler!C2": 0.5})
    seed = tmp_path / "seed.xlsx"
    shutil.copyfile(SEED_MASTER, seed)
    imported = tmp_path / "imported.xlsx"
    run("import", REPO / "input" / "administrative-spareforslag-2023.md", "--departments",
        REPO / "input" / "afdelinger.csv", "-o", imported)
    for master in (sample, broken, seed):
        run("validate", master)
        run("build", master, "-o", tmp_path / "out", "--force")
        run("mail", master, "-o", tmp_path / "out", "--send", "--dry-run", "--smtp-host", "localhost")
    run("audit", seed)
    official = tmp_path / "officielt.xlsx"
    import importlib.util

    spec = importlib.util.spec_from_file_location("example", REPO / "scripts" / "make_official_example.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    example.main([str(sample), str(official)])
    run("reconcile", sample, official, "-o", tmp_path / "afstemning.xlsx")
    run("init", tmp_path / "ny.xlsx", "--first-year", "2027")
    run("validate", tmp_path / "ny.xlsx")
    run("build", tmp_path / "missing.xlsx")
    run("mail", sample, "--only", "XX")
    assert len(outputs) == 16 and all(outputs)
    assert english_in("\n".join(outputs)) == []
    workbooks = {tmp_path / "out" / "broken-rapport.xlsx": ("Kontrol",),
                 tmp_path / "out" / "seed-rapport.xlsx": ("Kontrol", "Dokumentafvigelser"),
                 imported: ("Importrapport",),
                 tmp_path / "afstemning.xlsx": ()}
    for path, sheets in workbooks.items():
        assert english_in(sheet_texts(path, sheets)) == [], path.name


def test_the_scan_finds_english():
    assert english_in("warning: Forslag!E2: the amount 'abc' is not a number. [not-a-number]") != []
    assert english_in("advarsel: Forslag!E2: beløbet 'the is' er ikke et tal. [not-a-number]") == []


@pytest.mark.parametrize("day, text", [
    ("2026-12-01", "1. december 2026"), ("2024-03-25", "25. marts 2024"), ("2023-06-12 14:30", "12. juni 2023 14.30"),
])
def test_dates_are_written_the_danish_way(day, text):
    from datetime import datetime

    from spareforslag_xl.model.danish import danish_date

    assert danish_date(datetime.fromisoformat(day)) == text


@pytest.mark.danish
def test_a_meeting_date_typed_as_a_date_reads_as_a_danish_date(tmp_path):
    from datetime import datetime

    from spareforslag_xl.model import layout as L

    path = write_master(tmp_path / "m.xlsx")
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    ws = book[L.SETTINGS.name]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == L.MEETING)
    ws.cell(row, 2).value = datetime(2023, 6, 12)
    book.save(path)
    assert check_master(path).plan.settings.meeting == "12. juni 2023"
