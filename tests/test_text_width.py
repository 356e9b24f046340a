"""How many lines a text wraps to: measured with Calibri's widths (Carlito's, scripts/font_widths.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from spareforslag_xl.workbook.font_widths import WIDTHS
from spareforslag_xl.workbook.pages import TEXT_POINTS, text_width, wrapped_lines

ROOT = Path(__file__).resolve().parent.parent
CARLITO = Path("/usr/share/fonts/truetype/crosextra")


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("0" * 10, 10, 1),  # a column of width 10 holds ten digits: Excel's definition of the width
    ("0" * 11, 10, 2),  # a word longer than the line breaks where the line ends
    ("0" * 21, 10, 3),
    ("7. ERP-systemer, AI, automatisering og RPA samt ledelsesinformation", 54, 1),  # 281 pt of 283.5
    ("6. Økonomi samarbejde forenkling licenser planlægning kommunikation", 54, 2),  # 293 pt
    ("Administrativ fordelingsnøgle fra 2025 (28,4 %)", 38, 1),
    ("Administrativ fordelingsnøgle (24,7 %); Lønnøgle (16,7 %)", 38, 2),
    ("første linje\nanden linje", 40, 2),
    ("", 10, 1),
])
def test_wrapped_lines(text, width, lines):
    assert wrapped_lines(text, width) == lines


def test_the_width_of_a_text_is_the_sum_of_its_letters_in_the_wider_style():
    assert text_width("0") == pytest.approx(1038 / 2048)
    assert text_width("0" * 10) * 10 <= 10 * TEXT_POINTS < text_width("0" * 11) * 10
    # bold letters are wider: a bold header wraps where the same words in regular do not
    title = "7. ERP-systemer, AI, automatisering og RPA samt ledelsesinformation"
    assert text_width(title, bold=True) > text_width(title)
    assert wrapped_lines(title, 54, bold=True) == 2
    # a character Calibri's table does not hold counts as the widest
    assert text_width("日") == max(w for style in ("Regular", "Italic") for table in WIDTHS[style].values()
                                  for w in table) / 2048


@pytest.mark.skipif(not (CARLITO / "Carlito-Regular.ttf").exists(), reason="Carlito is not installed")
def test_the_width_table_is_carlitos():
    sys.path.insert(0, str(ROOT / "scripts"))
    from font_widths import OUT, module

    assert module(CARLITO) == OUT.read_text(encoding="utf-8")
