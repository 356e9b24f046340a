"""Masters saved by LibreOffice (xlsx → xlsx, and xlsx → ods → xlsx) give the clean master's figures,
cell for cell on the report's Oversigt and Afdelinger."""

from __future__ import annotations

import pytest

from spareforslag_xl.app.check import check_master
from spareforslag_xl.model.errors import InputError
from tests.conftest import SEED_MASTER, write_master
from tests.edit_corpus import NBSP, both, cells, figures, nfd, rename
from tests.libreoffice import convert

pytestmark = pytest.mark.libreoffice

EDITS = both(
    # amounts typed as formulas, calculated by LibreOffice (which stores 1999.99999999999)
    cells(Forslag_E3="=(1.2-1.1)*20000", Forslag_F9="=10000*(0.1+0.2)/0.3", Mål_C2="=(1.2-1.1)*500000",
          Faste_beløb_D3="=(1.2-1.1)*7500"),
    # names pasted in NFD, other case and spacing, a notes column
    cells(Temaer_F1=nfd("Fra år"), Temaer_E4=nfd("administrativ fordelingsnøgle"), Forslag_A1="TEMA",
          Forslag_M1="Ansvarlig", Forslag_M2="Jens", Nøgler_B2=f"msb{NBSP}"),
    rename("Mål", nfd("Mål")),
)


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory):
    """Return {name: (original, [its LibreOffice saves as xlsx])}."""
    folder = tmp_path_factory.mktemp("lo")
    sample = write_master(folder / "sample.xlsx")
    edited = write_master(folder / "edited.xlsx")
    EDITS(edited)
    masters = {"seed": SEED_MASTER, "sample": sample, "edited": edited}
    as_xlsx = convert(list(masters.values()), folder / "xlsx")
    as_ods = convert(list(masters.values()), folder / "ods", "ods")
    ods_to_xlsx = convert(list(as_ods.values()), folder / "ods-xlsx")
    return {name: (path, as_ods[path], [as_xlsx[path], ods_to_xlsx[as_ods[path]]]) for name, path in masters.items()}


@pytest.mark.parametrize("name, clean", [("seed", "seed"), ("sample", "sample"), ("edited", "sample")])
def test_a_libreoffice_save_gives_the_clean_figures_cell_for_cell(round_trips, name, clean):
    _, clean_cells = figures(round_trips[clean][0])
    assert clean_cells
    for saved in round_trips[name][2]:
        findings, saved_cells = figures(saved)
        assert saved_cells is not None, [str(f) for f in findings if f.is_error]
        assert saved_cells == clean_cells, saved


def test_the_edited_master_is_read_as_it_was_before_libreoffice(round_trips):
    original, _, saves = round_trips["edited"]
    assert figures(original)[1] is None  # formulas without stored values: openpyxl wrote none
    for saved in saves:
        codes = sorted({f.code for f in check_master(saved).findings})
        assert codes == ["key-not-100", "unknown-column"], saved


def test_an_ods_master_says_how_to_save_it_as_xlsx(round_trips):
    with pytest.raises(InputError) as raised:
        check_master(round_trips["seed"][1])
    assert "OpenDocument" in str(raised.value) and "Gem som" in str(raised.value)
