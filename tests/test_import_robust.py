"""Damaged documents: the importer reports or refuses, it never crashes."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.importcheck import SEED_DOCUMENT
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.importer.build_plan import build_plan
from spareforslag_xl.app.importing import master_of
from spareforslag_xl.importer.text import decode_document

SEED_LINES = SEED_DOCUMENT.read_text(encoding="utf-8").split("\n")
NOISE = ["", "\t", "...\t\t", "# Tema 99: Ukendt", "## Fordeling på afdeling", "## Beskrivelse af opgaven",
         "<b>I alt</b>\t<b>x</b>", "MSB\t12%\t0,1", "Magistratsafdeling (mio. kr.)\tAndel\t2024", "2024\t2025",
         "XA: 1 mio. kr.", "AA (1), BB (2).", "\t2024\t2025\t2026\t2027", "1. Linje (A)\t-\t0\t1.000\tabc",
         "Besparelsen udmøntes via den administrative fordelingsnøgle fra år 9 og frem.", "-----\t---", "|", "*"]


@st.composite
def damaged(draw):
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 12))):
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "cut"]))
        i = draw(st.integers(0, len(lines) - 1))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "insert":
            lines.insert(i, draw(st.sampled_from(NOISE)))
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut" and "\t" in lines[i]:
            lines[i] = lines[i].rsplit("\t", 1)[0]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_seed_is_imported_or_refused(text):
    try:
        imported = build_plan(decode_document(Path("damaged.md"), text.encode("utf-8")))
    except InputError as exc:
        assert str(exc).startswith("damaged.md: ")
        return
    assert imported.report.entries
    assert master_of(imported)[:2] == b"PK"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(NOISE + SEED_LINES[10:30]), min_size=1, max_size=40))
def test_arbitrary_lines_are_imported_or_refused(lines):
    try:
        imported = build_plan(decode_document(Path("odd.md"), "\n".join(lines).encode("utf-8")))
    except InputError as exc:
        assert str(exc).startswith("odd.md: ")
        return
    assert master_of(imported)[:2] == b"PK"
