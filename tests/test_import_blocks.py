"""Splitting a document into blocks, turning prose into plain text, and finding sentences."""

import pytest

from spareforslag_xl.importer.blocks import Heading, Paragraph, Table, parse_cell, split_blocks
from spareforslag_xl.importer.prose import blocks_text, plain
from spareforslag_xl.importer.sections import outline, part_of
from spareforslag_xl.importer.overview import is_overview_table
from spareforslag_xl.importer.sentences import sentences


@pytest.mark.parametrize("raw, text, bold, italic", [
    ("<b>I alt</b>", "I alt", True, False),
    ("<i>Genbrugsportal</i>", "Genbrugsportal", False, True),
    ("<b>100,0%</b>", "100,0%", True, False),
    (" 3.250 ", "3.250", False, False),
    ("*Opgjort i antal årsværk*", "Opgjort i antal årsværk", False, True),
    ("**Total**", "Total", True, False),
    ("", "", False, False),
])
def test_cells_lose_their_markup(raw, text, bold, italic):
    cell = parse_cell(raw)
    assert (cell.text, cell.bold, cell.italic) == (text, bold, italic)


def test_a_table_split_by_separators_and_blank_lines_stays_one_table():
    lines = [
        "Identificeret potentiale (1.000 kr)\t2024\t2025",
        "-----\t---\t---",
        "",
        "<i>Insourcing</i>\t2.000\t2.000",
        "---\t---\t---",
        "",
        "<b>Anslået samlet besparelse</b>\t<b>2.000</b>\t<b>2.000</b>",
        "Afsluttende tekst.",
    ]
    blocks = split_blocks(lines, first_line=10)
    assert isinstance(blocks[0], Table) and isinstance(blocks[1], Paragraph)
    table = blocks[0]
    assert [r.line for r in table.rows] == [10, 13, 16]
    assert table.separators == (11, 14)
    assert (table.line, table.last_line) == (10, 16)
    assert blocks[1].line == 17


def test_headings_and_paragraphs():
    blocks = split_blocks(["# Tema 2: Forenkling", "", "Linje et", "linje to", "", "### Videre proces"])
    assert blocks == [Heading(1, 1, "Tema 2: Forenkling"), Paragraph(3, ("Linje et", "linje to")),
                      Heading(6, 3, "Videre proces")]


@pytest.mark.parametrize("markdown, text", [
    ("**Bemærk:** Der kan være overlap", "Bemærk: Der kan være overlap"),
    ("*\"vigtigt at bemærke\"*", "\"vigtigt at bemærke\""),
    ("- AI, Automatisering og RPA** – F.eks. via RPA", "- AI, Automatisering og RPA – F.eks. via RPA"),
    ("kan tilgås her: [LINK](#). Analysen", "kan tilgås her: LINK. Analysen"),
    ("se [rapporten](https://example.org/r)", "se rapporten (https://example.org/r)"),
    ("MTM (143.000).\\*", "MTM (143.000).*"),
    ("har afdækket *kommunalt fastlagt* tilsyn", "har afdækket kommunalt fastlagt tilsyn"),
    ("<i>Opgjort</i> i  årsværk", "Opgjort i årsværk"),
    ("* punkt med stjerne", "- punkt med stjerne"),
    ("snake_case_navn bevares", "snake_case_navn bevares"),
])
def test_plain_text(markdown, text):
    assert plain(markdown) == text


def test_paragraphs_sub_headings_and_bullets():
    lines = ["### Er der mulighed for besparelser?", "", "God kommunikation er vigtig", "og koster.", "",
             "Der er identificeret 37 forslag, heraf:", "", "- 13 som der kan arbejdes med.", "- 24 forslag.",
             "", "*Opgjort i antal årsværk*  ", "(årsværk = besparelse / gns. løn)"]
    assert blocks_text(split_blocks(lines)) == (
        "# Er der mulighed for besparelser?\n\nGod kommunikation er vigtig og koster.\n\n"
        "Der er identificeret 37 forslag, heraf:\n\n- 13 som der kan arbejdes med.\n- 24 forslag.\n\n"
        "Opgjort i antal årsværk\n(årsværk = besparelse / gns. løn)")


@pytest.mark.parametrize("text, expected", [
    ("Besparelsen udmøntes via nøglen. Nærmere analyse kan vise et potentiale.",
     ["Besparelsen udmøntes via nøglen.", "Nærmere analyse kan vise et potentiale."]),
    ("Den nuværende besparelse på 0,5 mio. kr. svarer til 10 %. Hertil kommer mere.",
     ["Den nuværende besparelse på 0,5 mio. kr. svarer til 10 %.", "Hertil kommer mere."]),
    ("Der spares pr. magistratsafdeling, dog excl. MBU, som allerede har gjort det.",
     ["Der spares pr. magistratsafdeling, dog excl. MBU, som allerede har gjort det."]),
    ("Størst i MSB. Pt. er mere end 60 % tilknyttet MSB.", ["Størst i MSB.", "Pt. er mere end 60 % tilknyttet MSB."]),
    ("bl.a. at ikke længere gældende udgår", ["bl.a. at ikke længere gældende udgår"]),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("heading, part", [
    (Heading(1, 2, "Beskrivelse af opgaven"), "description"),
    (Heading(1, 2, "Identificeret Potentiale"), "potential"),
    (Heading(1, 2, "Fordeling på afdeling"), "distribution"),
    (Heading(1, 3, "Identificeret potentiale (1.000 kr)"), None),  # a table caption
    (Heading(1, 3, "Videre proces"), None),
    (Heading(1, 1, "Beskrivelse af opgaven"), None),
])
def test_sub_section_headings(heading, part):
    assert part_of(heading) == part


def test_lost_headings_start_new_sections():
    lines = ["# Titel", "", "*Undertitel i Budget 2030*", "", "# Oversigt", "", "Tema (1.000 kr.)\t2030",
             "1. A\t1", "2. B\t2", "", "# Tema 1: A", "", "## Beskrivelse af opgaven", "", "Om A.", "",
             "## Fordeling på afdeling", "", "Tekst.", "", "## Beskrivelse af opgaven", "", "Om B.", "",
             "## Identificeret potentiale", "", "Tekst B."]
    out = outline(split_blocks(lines), is_overview_table)
    assert out.title.text == "Titel"
    assert out.subtitle.line == 3
    assert out.overview.line == 7
    assert [(s.line, s.number, s.title) for s in out.sections] == [(11, "1", "A"), (21, "", "")]
    assert out.sections[1].last_line == 27
    assert list(out.sections[1].parts) == ["description", "potential"]
