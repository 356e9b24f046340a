"""The library's entry point for 'history': the masters kept in an output folder's arkiv/, with their totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from spareforslag_xl.app.check import check_master
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.io.archive import ARCHIVE_FOLDER, builds, previous_copy, shown_scenarios, versions
from spareforslag_xl.model.errors import RequestError, SpareforslagError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Amount, Scenario


@dataclass(frozen=True)
class Totals:
    """A kept master's figures: its number of lines, and per year 'I alt' and 'Mål' (None: no target)."""

    lines: int
    total: Mapping[int, Decimal]
    target: Mapping[int, Amount]
    decimals: int = 0
    """The decimals the master shows its amounts with."""
    scenario: Scenario | None = None
    """The plan these figures are: the scenario the copy's latest build showed (None: no decisions)."""


@dataclass(frozen=True)
class Version:
    """A kept master: its copy, how often builds used it, and its figures (None when unreadable)."""

    path: Path
    builds: int
    last: bool
    """True for the copy of the latest build."""
    totals: Totals | None


def kept_versions(out_dir: Path) -> list[Version]:
    """Return the versions kept in out_dir/arkiv/, oldest first (RequestError when there is no archive)."""
    folder = Path(out_dir) / ARCHIVE_FOLDER
    if not folder.is_dir():
        raise RequestError(_("{folder}: no kept masters here; every 'spareforslag build -o {out_dir}' keeps "
                             "one.").format(folder=folder, out_dir=out_dir), remedy="outdir")
    used = builds(folder)
    latest = previous_copy(folder)
    shown = shown_scenarios(folder)
    return [Version(path, used.count(path.name), path == latest, _totals(path, shown.get(path.name, "")))
            for path in versions(folder)]


def _totals(path: Path, shown: str = "") -> Totals | None:
    """The figures of the plan the copy's latest build showed: its scenario, as the build computed it."""
    scenario = next((s for s in Scenario if s.value == shown), None)
    try:
        result = compute_scenario(check_master(path).plan, scenario)
    except SpareforslagError:
        return None
    return Totals(len(result.plan.lines), dict(result.total), dict(result.target), result.plan.settings.decimals,
                  result.plan.scenario)
