"""Sub-headings of a theme's texts: kept by the import as '# ' lines, shown bold on their own row by the report."""

from dataclasses import replace

import openpyxl
import pytest

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.app.check import check_master
from spareforslag_xl.app.importing import import_document
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.texts import TextPart, heading_line, heading_of, text_parts
from tests.conftest import SEED_MASTER, edit_workbook
from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT
from tests.plans import sample_plan

VIDERE = "En række af de identificerede forslag kræver nærmere gennemsyn"


@pytest.mark.parametrize("text, parts", [
    ("# Videre proces\n\nEn række.", [TextPart("Videre proces", True), TextPart("En række.")]),
    ("Indledning.\n# Videre proces\nEn række.", [TextPart("Indledning."), TextPart("Videre proces", True),
                                                 TextPart("En række.")]),
    ("  ### Mere  \n\n- punkt\n- punkt", [TextPart("Mere", True), TextPart("- punkt\n- punkt")]),
    ("#1 prioritet er tilsyn.", [TextPart("#1 prioritet er tilsyn.")]),
    ("#\n\nTekst", [TextPart("#"), TextPart("Tekst")]),
    ("# =1+1", [TextPart("=1+1", True)]),
    ("Et afsnit.\n\n\n\nEt andet.", [TextPart("Et afsnit."), TextPart("Et andet.")]),
    ("", []),
])
def test_text_parts(text, parts):
    assert text_parts(text) == parts


@pytest.mark.parametrize("title", ["Videre proces", "Er der mulighed for besparelser?", "=1+1", "# i titlen"])
def test_a_heading_line_reads_back_as_its_title(title):
    assert heading_of(heading_line(title)) == title
    assert text_parts(heading_line(title) + "\n\nTekst.") == [TextPart(title, True), TextPart("Tekst.")]


@pytest.fixture(scope="module")
def seed_master(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subheadings")
    master = folder / "seed.xlsx"
    import_document(SEED_DOCUMENT, master, SEED_DEPARTMENTS)
    return master


def theme_cells(master, field: str) -> dict[str, str]:
    """Theme number → the master's cell of field on the sheet 'Temaer', read with openpyxl."""
    book = openpyxl.load_workbook(master, read_only=True)
    try:
        rows = list(book[L.THEMES.name].iter_rows(values_only=True))
    finally:
        book.close()
    header = next(i for i, r in enumerate(rows) if L.THEMES.header("number") in r)
    nr, col = rows[header].index(L.THEMES.header("number")), rows[header].index(L.THEMES.header(field))
    return {str(r[nr]): r[col] or "" for r in rows[header + 1:] if r[nr] is not None}


def test_the_import_keeps_every_sub_heading_of_the_seed_as_a_line_of_its_own(seed_master):
    texts = theme_cells(seed_master, "description")
    assert f"\n\n# Videre proces\n\n{VIDERE}" in texts["4"]
    assert texts["3"].startswith("# Er der mulighed for besparelser og effektiviseringer på kommunikationsområdet?"
                                 "\n\nGod og målrettet")
    assert texts["12"].startswith("# Er der mulighed for effektivisering via samling af opgaver på økonomiområdet?"
                                  "\n\nEn del af de opgaver")
    every = [t for field in ("description", "potential_text", "distribution_text")
             for t in theme_cells(seed_master, field).values()]
    headings = [line for t in every for line in t.split("\n") if line.startswith("#")]
    # '### Identificeret potentiale (1.000 kr)' captions tema 12's table: it is no sub-heading of the text
    assert sorted(headings) == sorted([
        "# Er der mulighed for besparelser og effektiviseringer på kommunikationsområdet?",
        "# Videre proces",
        "# Er der mulighed for effektivisering via samling af opgaver på økonomiområdet?"])


def test_the_committed_seed_master_holds_the_sub_headings():
    themes = {t.number: t for t in check_master(SEED_MASTER).plan.themes}
    assert [p for p in text_parts(themes["4"].description) if p.heading] == [TextPart("Videre proces", True)]


def text_rows(ws, heading: str) -> list[tuple[str, bool]]:
    """The rows of column A after a section heading up to the next one: (text or '', bold)."""
    out, inside = [], False
    for row in range(1, ws.max_row + 1):
        c = ws.cell(row, 1)
        if c.value == heading and c.font.sz == 12:
            inside = True
            continue
        if inside and c.font.sz == 12 and c.value:
            break
        if inside:
            out.append((c.value or "", bool(c.font.b)))
    while out and out[-1] == ("", False):
        out.pop()
    return out


def test_the_seed_reports_sub_heading_is_bold_on_its_own_row_above_its_paragraph(seed_master, tmp_path):
    ws = openpyxl.load_workbook(build_reports(seed_master, tmp_path / "out").files[0])["Tema 4"]
    rows = text_rows(ws, "Beskrivelse af opgaven")
    at = rows.index(("Videre proces", True))
    assert rows[at - 1] == ("", False)  # a blank row above it, after the paragraph before
    assert rows[at + 1][0].startswith(VIDERE) and not rows[at + 1][1]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Videre proces")
    assert f"A{row}:F{row}" in {str(m) for m in ws.merged_cells.ranges}  # the whole width, nothing beside it
    assert ws.cell(row, 1).font.sz == 10 and ws.cell(row, 1).font.i  # below the size of the section heading
    ws3 = openpyxl.load_workbook(build_reports(seed_master, tmp_path / "out").files[0])["Tema 3"]
    first = text_rows(ws3, "Beskrivelse af opgaven")
    assert first[0] == ("Er der mulighed for besparelser og effektiviseringer på kommunikationsområdet?", True)
    assert first[1][0].startswith("God og målrettet") and not first[1][1]


def test_a_heading_line_typed_into_the_master_renders_the_same_and_stays_text(master, tmp_path):
    path = master()
    book = openpyxl.load_workbook(path)
    ws = book[L.THEMES.name]
    header = next(r for r in ws.iter_rows() if any(c.value == L.THEMES.header("number") for c in r))
    col = {c.value: c.column_letter for c in header}
    row = next(c.row for c in ws[col[L.THEMES.header("number")]] if str(c.value) == "3")
    text = "Indledning.\n# Næste skridt\nVi går videre.\n\n# =1+1\n\n# @SUM(A1)\nSlut."
    edit_workbook(path, {f"{L.THEMES.name}!{col[L.THEMES.header('potential_text')]}{row}": text})
    out = build_reports(path, tmp_path / "out").files[0]
    ws = openpyxl.load_workbook(out)["Tema 3"]
    assert text_rows(ws, "Identificeret potentiale") == [
        ("Indledning.", False), ("", False), ("Næste skridt", True), ("Vi går videre.", False), ("", False),
        ("=1+1", True), ("@SUM(A1)", True), ("Slut.", False)]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value in ("=1+1", "@SUM(A1)"):
            assert ws.cell(r, 1).data_type == "s"


def test_a_plan_written_as_a_master_keeps_its_heading_lines(master):
    plan = sample_plan()
    text = "# Videre proces\n\nEn række af forslag."
    plan = replace(plan, themes=tuple(replace(t, description=text) if t.number == "5" else t for t in plan.themes))
    read = {t.number: t for t in check_master(master(plan)).plan.themes}
    assert read["5"].description == text
