"""Property: a random edit of a random plan that keeps its meaning leaves the report's figures unchanged.

The edits are those a budget officer makes without meaning to change anything: sheet names and
headers in another case, names pasted in NFD, blank rows inserted, columns reordered, amounts
typed as formulas whose stored values carry floating-point noise.
"""

from __future__ import annotations

import math
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import write_master
from tests.edit_corpus import _book, figures, nfd, rename
from tests.test_properties import plans
from tests.xml_edit import set_cell_xml

DATA_SHEETS = ["Indstillinger", "Mål", "Afdelinger", "Nøgler", "Temaer", "Forslag", "Faste beløb"]
KINDS = ["case", "nfd", "blank rows", "reorder columns", "formulas"]


def _edit_book(path, kinds, rnd: random.Random) -> None:
    book = _book(path)
    sheets = [ws for ws in book.worksheets if ws.title in DATA_SHEETS]
    if "nfd" in kinds:
        for ws in sheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and not c.value.startswith("="):
                        c.value = nfd(c.value)
    if "case" in kinds:
        for ws in sheets:
            for c in ws[1]:
                if isinstance(c.value, str):
                    c.value = rnd.choice([str.upper, str.lower, lambda t: f"  {t} "])(c.value)
    if "reorder columns" in kinds:
        ws = rnd.choice(sheets)
        old = [[c.value for c in col] for col in ws.iter_cols(1, ws.max_column)]
        order = list(range(len(old)))
        rnd.shuffle(order)
        for new_index, old_index in enumerate(order, start=1):
            for r, v in enumerate(old[old_index], start=1):
                ws.cell(r, new_index).value = v
    if "blank rows" in kinds:
        ws = rnd.choice(sheets)
        ws.insert_rows(rnd.randint(2, max(2, ws.max_row)), rnd.randint(1, 3))
    book.save(path)


def _formula_amounts(path, rnd: random.Random) -> None:
    """Replace some amounts of Forslag by formulas whose stored values miss them by a few ulps."""
    book = _book(path)
    ws = next(w for w in book.worksheets if w.title.casefold().strip() == "forslag")
    years = [c.column_letter for c in ws[1] if isinstance(c.value, int)]
    chosen = [(f"{letter}{c.row}", c.value) for letter in years for c in ws[letter][1:]
              if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
    for ref, value in rnd.sample(chosen, min(4, len(chosen))):
        noisy = float(value)
        for _ in range(rnd.randint(1, 3)):
            noisy = math.nextafter(noisy, rnd.choice([math.inf, -math.inf]))
        set_cell_xml(path, ws.title, ref, f'<c r="{ref}"><f>{value}*(0.1+0.2)/0.3</f><v>{noisy!r}</v></c>')


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(plans(), st.sets(st.sampled_from(KINDS), min_size=1), st.integers(0, 2**32))
def test_a_meaning_preserving_edit_keeps_the_figures(tmp_path_factory, plan, kinds, seed):
    folder = tmp_path_factory.mktemp("e")
    clean = write_master(folder / "clean.xlsx", plan)
    _, expected = figures(clean)
    assume(expected is not None)  # a random plan may have errors of its own (a key over 100 %)
    edited = write_master(folder / "edited.xlsx", plan)
    rnd = random.Random(seed)
    _edit_book(edited, kinds, rnd)
    if "formulas" in kinds:
        _formula_amounts(edited, rnd)
    if "case" in kinds:
        rename("Forslag", rnd.choice(["FORSLAG", "forslag", "Forslag "]))(edited)
    findings, got = figures(edited)
    assert got is not None, (kinds, [str(f) for f in findings if f.is_error])
    assert got == expected, kinds
