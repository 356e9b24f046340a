"""Word documents read as the Markdown import's text: headings, paragraphs, lists, tables, refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from spareforslag_xl.importer.text import read_document
from spareforslag_xl.importer.word import is_word, word_text
from spareforslag_xl.model.errors import InputError


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_headings_paragraphs_lists_and_tables_become_the_markdown_dialect():
    d = docx.Document()
    d.add_heading("Administrative spareforslag", level=0)
    d.add_paragraph("Undertitel", style="Subtitle")
    d.add_heading("Tema 2: Forenkling", level=1)
    d.add_heading("Beskrivelse af opgaven", level=2)
    d.add_paragraph("Første afsnit med en fodnote.*")
    d.add_paragraph("et punkt", style="List Bullet")
    d.add_paragraph("et nummereret punkt", style="List Number")
    d.add_paragraph().add_run("Identificeret potentiale").bold = True  # a heading made by bold text alone
    table = d.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Identificeret potentiale (1.000 kr.)", "2024", "2025"], strict=True):
        cell.text = text
    table.cell(1, 0).paragraphs[0].add_run("Ikke-lovpligtige planer").italic = True
    table.cell(1, 1).text, table.cell(1, 2).text = "3.250", "3.250"
    for j, text in enumerate(["Anslået samlet besparelse", "3.250", "3.250"]):
        table.cell(2, j).paragraphs[0].add_run(text).bold = True
    assert word_text(_bytes(d)).split("\n\n") == [
        "# Administrative spareforslag",
        "*Undertitel*",
        "# Tema 2: Forenkling",
        "## Beskrivelse af opgaven",
        "Første afsnit med en fodnote.\\*",
        "- et punkt\n- et nummereret punkt",
        "## Identificeret potentiale",
        "Identificeret potentiale (1.000 kr.)\t2024\t2025\n<i>Ikke-lovpligtige planer</i>\t3.250\t3.250\n"
        "<b>Anslået samlet besparelse</b>\t<b>3.250</b>\t<b>3.250</b>\n",
    ]


def test_a_merged_cell_is_read_once_and_danish_heading_styles_count():
    d = docx.Document()
    d.styles.add_style("Overskrift 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Oversigt", style="Overskrift 1")
    table = d.add_table(rows=1, cols=4)
    table.cell(0, 0).text = "1. Fokus"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "(temaet er slået ind under tema 8)"
    assert word_text(_bytes(d)) == "# Oversigt\n\n1. Fokus\t(temaet er slået ind under tema 8)\n"


def test_a_word_file_is_read_whatever_its_name_and_other_zips_are_refused(tmp_path):
    d = docx.Document()
    d.add_heading("Oversigt", level=1)
    data = _bytes(d)
    assert is_word(data) and not is_word(b"PK\x03\x04 not a zip") and not is_word(b"# Oversigt")
    named = tmp_path / "dokument.bin"
    named.write_bytes(data)
    document = read_document(named)
    assert document.lines[0] == "# Oversigt" and document.encoding == "Word document (.docx)"
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    other = tmp_path / "regneark.docx"
    other.write_bytes(workbook.getvalue())
    with pytest.raises(InputError, match="zip archive"):
        read_document(other)


def test_a_damaged_word_file_is_refused_with_a_sentence(tmp_path):
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("word/document.xml", "<not-word")
    path = Path(tmp_path / "broken.docx")
    path.write_bytes(broken.getvalue())
    with pytest.raises(InputError, match="cannot be opened"):
        read_document(path)
