"""Shared fixtures: masters written from plans in code, and edits of single cells for bad cases."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import pytest

from spareforslag_xl.master.write import master_bytes
from tests.plans import sample_plan

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """English from the start, also for fixtures of a module's or the session's scope, which are made
    before any test's own fixtures (and so before ``english``): with xdist a worker may begin with one."""
    from spareforslag_xl.model import i18n

    i18n.set_language("en")


@pytest.fixture(autouse=True)
def english(monkeypatch, request):
    """The tests written against the English message ids run in English (SPAREFORSLAG_LANG=en,
    also for their subprocesses); a test marked ``danish`` runs in the default language instead."""
    from spareforslag_xl.model import i18n

    if request.node.get_closest_marker("danish"):
        monkeypatch.delenv(i18n.ENV, raising=False)
        i18n.set_language("da")
    else:
        monkeypatch.setenv(i18n.ENV, "en")
        i18n.set_language("en")
    yield
    i18n.set_language("en")
SEED_MASTER = REPO / "input" / "spareforslag-budget-2024.xlsx"


def pytest_collection_modifyitems(config, items):
    """Order and group the tests for pytest-xdist (`make test`: -n auto --dist loadgroup --no-loadscope-reorder).

    The tests of a module with a module-scoped fixture run in one process, so the fixture is built
    once, not once per process; every other test goes to whichever process is free. The modules
    that need LibreOffice start first: tests/test_print.py is the longest piece of work that
    cannot be split, and started last it would leave the other processes waiting at the end.
    """
    for item in items if config.pluginmanager.hasplugin("xdist") else ():  # -p no:xdist: no such marker
        info = getattr(item, "_fixtureinfo", None)
        if info and any(d.scope == "module" for defs in info.name2fixturedefs.values() for d in defs):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    libreoffice: dict[object, int] = {}  # module → its number of LibreOffice tests
    for item in items:
        if item.get_closest_marker("libreoffice"):
            libreoffice[item.module] = libreoffice.get(item.module, 0) + 1
    items.sort(key=lambda item: -libreoffice.get(item.module, 0))  # whole modules, each in its own order


@pytest.fixture(autouse=True)
def no_source_date_epoch(monkeypatch):
    """Outputs are dated by their input unless a test sets SOURCE_DATE_EPOCH: the caller's environment
    (a packaging tool may set it) must not change what the tests see."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def document_epoch() -> str:
    """Return the SOURCE_DATE_EPOCH that `make master` dates the seed master with (the Makefile's DOCUMENT_EPOCH)."""
    import re

    return re.search(r"^DOCUMENT_EPOCH := ([0-9]+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M).group(1)


def write_master(path: Path, plan=None, edits: Optional[dict[str, object]] = None,
                 delete_sheets: tuple[str, ...] = ()) -> Path:
    """Write plan (default: the sample) as a master at path, then apply cell edits like {'Forslag!E2': 'abc'}."""
    path.write_bytes(master_bytes(plan or sample_plan()))
    if edits or delete_sheets:
        edit_workbook(path, edits or {}, delete_sheets)
    return path


def edit_workbook(path: Path, edits: dict[str, object], delete_sheets: tuple[str, ...] = ()) -> None:
    """Change cells of a workbook in place (openpyxl keeps the values; styles do not matter here)."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns that it drops data validation extensions
        book = openpyxl.load_workbook(path)
    for name in delete_sheets:
        del book[name]
    for where, value in edits.items():
        sheet, cell = where.split("!")
        book[sheet][cell] = value
    book.save(path)


@pytest.fixture
def master(tmp_path: Path) -> Callable[..., Path]:
    """master(edits=..., plan=...) → path of a fresh master in tmp_path."""
    counter = iter(range(1_000_000))

    def make(plan=None, edits=None, delete_sheets=(), name: Optional[str] = None) -> Path:
        target = tmp_path / (name or f"master{next(counter)}.xlsx")
        return write_master(target, plan, edits, delete_sheets)

    return make
