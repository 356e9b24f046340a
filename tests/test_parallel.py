"""Rendering in worker processes gives the same bytes, reports progress and passes errors on."""

import pytest

from spareforslag_xl.io import parallel
from spareforslag_xl.app.build import build_reports


def files_of(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.xlsx")) if "arkiv" not in p.parts}


def test_workers_give_the_same_bytes_as_one_process(master, tmp_path, monkeypatch):
    path = master(name="m.xlsx")
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    build_reports(path, tmp_path / "one")
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    seen = []
    build_reports(path, tmp_path / "three", progress=lambda done, total: seen.append((done, total)))
    assert files_of(tmp_path / "one") == files_of(tmp_path / "three")
    assert len(files_of(tmp_path / "one")) == 7
    assert seen == [(n, 7) for n in range(1, 8)]


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")

    def fails():
        raise RuntimeError("boom in a worker")

    with pytest.raises(RuntimeError, match="boom in a worker"):
        parallel.render_all([lambda: b"a", fails, lambda: b"c"], cells=0)


@pytest.mark.parametrize("cells, env, expected", [
    (10, "", 1),                                    # small work: no workers
    (parallel.PARALLEL_FROM_CELLS, "1", 1),         # forced to one process
    (10, "2", 2),                                   # forced to two, even for small work
])
def test_how_many_workers(monkeypatch, cells, env, expected):
    monkeypatch.setenv(parallel.WORKERS_ENV, env)
    assert parallel.workers_for(cells, tasks=7) == expected
