"""The library's entry point for 'history': the masters kept in an output folder's arkiv/, with their totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from spareforslag_xl.app.check import Checked, check_master
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.fingerprint import fingerprint
from spareforslag_xl.io.archive import (
    ARCHIVE_FOLDER,
    Log,
    copy_problem,
    name_hash,
    previous_copy,
    read_log,
    versions,
)
from spareforslag_xl.io.lock import locked
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
    """A kept master: its copy, how often builds used it, and its figures (None when unreadable or not trusted)."""

    path: Path
    builds: int
    last: bool
    """True for the copy of the latest build."""
    totals: Totals | None
    problem: str | None = None
    """Why the copy is not trusted (its bytes or its plan do not match the log or its name), in the language in use."""


class Kept(list[Version]):
    """The versions kept, oldest first, and the archive's warnings in ``warnings`` (an unreadable log line, what
    was recovered of an interrupted build)."""

    warnings: list[str]


def kept_versions(out_dir: Path) -> Kept:
    """Return the versions kept in out_dir/arkiv/, oldest first (RequestError when there is no archive).

    Holds the folder's lock while it reads the log, so that a build interrupted there is rolled back or
    completed first (io/journal.py). A copy is trusted only as ``copy_trouble`` says.
    """
    folder = Path(out_dir) / ARCHIVE_FOLDER
    if not folder.is_dir():
        raise RequestError(_("{folder}: no kept masters here; every 'spareforslag build -o {out_dir}' keeps "
                             "one.").format(folder=folder, out_dir=out_dir), remedy="outdir")
    with locked(Path(out_dir), "spareforslag history") as holding:
        log = read_log(folder)
        latest = previous_copy(folder)
        paths = versions(folder)
    found = Kept()
    found.warnings = [r.describe() for r in holding.recovered] + list(log.problems)
    for path in paths:
        checked, problem = copy_trouble(path, log)
        uses = log.names.count(path.name)
        shown = log.scenarios.get(path.name, "")
        totals = _totals(checked, shown) if checked is not None and problem is None else None
        found.append(Version(path, uses, path == latest, totals, problem))
    return found


def copy_trouble(path: Path, log: Log) -> tuple[Checked | None, str | None]:
    """Return (the copy's Checked, None) for a copy that can be trusted, else (None or Checked, why not).

    Trusted means: its bytes match the hash the log recorded (io/archive.copy_problem) and its plan's
    fingerprint matches its name, so that a copy replaced by another master is never taken for this one.
    """
    problem = copy_problem(path, log)
    if problem is not None:
        return None, problem
    try:
        checked = check_master(path)
    except SpareforslagError as exc:
        return None, _("{copy}: cannot be read ({reason}).").format(copy=path, reason=exc)
    expected = name_hash(path)
    if expected is not None and not fingerprint(checked.plan).startswith(expected):
        return checked, _("{copy}: holds another master than its name says (changed since it was kept); it is not "
                          "used.").format(copy=path)
    return checked, None


def _totals(checked: Checked, shown: str = "") -> Totals:
    """The figures of the plan the copy's latest build showed: its scenario, as the build computed it."""
    scenario = next((s for s in Scenario if s.value == shown), None)
    result = compute_scenario(checked.plan, scenario)
    return Totals(len(result.plan.lines), dict(result.total), dict(result.target), result.plan.settings.decimals,
                  result.plan.scenario)
