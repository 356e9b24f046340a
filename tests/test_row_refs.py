"""Where a row's values came from, as row refs: the same cells a dict of Refs gave, for a fraction of the
memory and of what a worker sends back; and the master's bytes read once, which the archive keeps."""

import pickle

import pytest

from spareforslag_xl.app.check import check_master
from spareforslag_xl.core.fingerprint import fingerprint
from spareforslag_xl.model.plan import Ref, RowRefs
from tests.conftest import SEED_MASTER


@pytest.fixture(scope="module")
def seed():
    return check_master(SEED_MASTER)


def test_a_line_points_at_its_cells_field_by_field_then_year_by_year(seed):
    line = seed.plan.lines[0]
    assert isinstance(line.refs, RowRefs)
    row = line.refs["theme"].cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert line.refs["theme"] == Ref("Forslag", f"A{row}")
    keys = list(line.refs)
    years = [k for k in keys if isinstance(k, int)]
    assert years == list(seed.plan.years)
    assert keys[-len(years):] == years  # the years follow the fields, as the parser added them before
    assert all(line.refs[y].cell.endswith(row) for y in years)
    assert len({line.refs[y].cell for y in years}) == len(years)


def test_row_refs_equal_the_dict_of_their_cells_and_survive_a_pickle(seed):
    for line in seed.plan.lines[:5]:
        plain = {k: line.refs[k] for k in line.refs}
        assert line.refs == plain and plain == line.refs
        assert len(line.refs) == len(plain)
        again = pickle.loads(pickle.dumps(line.refs))
        assert again == plain and list(again) == list(plain)
    first, second = seed.plan.lines[0].refs, seed.plan.lines[1].refs
    assert first.columns is second.columns  # the table's columns are shared, not copied per row
    assert first != second


def test_a_cell_set_apart_is_kept_and_missing_fields_are_missing():
    refs = RowRefs("Forslag", 7, {"theme": "A", "title": "C"})
    assert "note" not in refs and refs.get("note") is None
    with pytest.raises(KeyError):
        refs["note"]
    refs[("adopted", 2024)] = Ref("Forslag", "M7")
    assert refs.get(("adopted", 2024)) == Ref("Forslag", "M7")
    assert list(refs) == ["theme", "title", ("adopted", 2024)]
    del refs["title"]
    assert dict(refs) == {"theme": Ref("Forslag", "A7"), ("adopted", 2024): Ref("Forslag", "M7")}
    assert repr(refs) == repr(dict(refs))


def test_a_plan_pickles_small(seed):
    # 4.834 cells of the seed: each line's cells are three numbers and a shared table, not a dict of Refs.
    plain = [{k: line.refs[k] for k in line.refs} for line in seed.plan.lines]
    assert len(pickle.dumps([line.refs for line in seed.plan.lines])) * 3 < len(pickle.dumps(plain))


def test_the_master_is_read_once_and_its_bytes_are_what_is_kept(seed, tmp_path):
    assert seed.data == SEED_MASTER.read_bytes()
    # The fingerprint names the archive's copy: the seed's is the README's 30912b0933bf.
    assert fingerprint(seed.plan).startswith("30912b0933bf")


def test_a_build_keeps_the_bytes_it_read_even_if_the_file_changes_meanwhile(tmp_path, monkeypatch):
    from spareforslag_xl.app import build as build_module

    master = tmp_path / "m.xlsx"
    master.write_bytes(SEED_MASTER.read_bytes())
    original = build_module.check_master

    def check_then_edit(path, clock=None):
        checked = original(path) if clock is None else original(path, clock)
        master.write_bytes(b"changed after it was read")
        return checked

    monkeypatch.setattr(build_module, "check_master", check_then_edit)
    built = build_module.build_reports(master, tmp_path / "out", force=True, departments=False)
    assert built.kept.copy.read_bytes() == SEED_MASTER.read_bytes()
