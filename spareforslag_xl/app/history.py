"""The library's entry point for 'history': the masters kept in an output folder's arkiv/, with their totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spareforslag_xl.model.i18n import _

if TYPE_CHECKING:
    from spareforslag_xl.app.check import Checked
    from spareforslag_xl.io.archive import Log


@dataclass(frozen=True)
class Version:
    """A kept master: its copy, how often builds used it, and its figures (None when unreadable)."""

    path: Path
    builds: int
    last: bool
    """True for the copy of the latest build."""
    lines: int | None
    total: Mapping[int, object] | None
    target: Mapping[int, object] | None
    decimals: int = 0
    problem: str | None = None
    """Why the copy is not trusted (its bytes or its plan do not match the log or its name), in the language in use."""


class Kept(list):
    """The versions kept, oldest first, and the archive's warnings (``warnings``: an unreadable log line …)."""

    warnings: list[str]


def copy_trouble(path: Path, log: Log) -> tuple[Checked | None, str | None]:
    """Return (the copy's Checked, None) for a copy that can be trusted, else (None or Checked, why not).

    Trusted means: its bytes match the hash the log recorded (io/archive.copy_problem) and its plan's
    fingerprint matches its name, so that a copy replaced by another master is never taken for this one.
    """
    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.core.fingerprint import fingerprint
    from spareforslag_xl.io.archive import copy_problem, name_hash
    from spareforslag_xl.model.errors import SpareforslagError

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


def history(out_dir: Path) -> Kept:
    """Return the versions kept in out_dir/arkiv/, oldest first (RequestError when there is no archive)."""
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.io.archive import (
        ARCHIVE_FOLDER,
        previous_copy,
        read_log,
        versions,
    )
    from spareforslag_xl.io.lock import locked
    from spareforslag_xl.model.errors import RequestError

    folder = Path(out_dir) / ARCHIVE_FOLDER
    if not folder.is_dir():
        raise RequestError(_("{folder}: no kept masters here; every 'spareforslag build -o {out_dir}' keeps "
                             "one.").format(folder=folder, out_dir=out_dir), remedy="outdir")
    with locked(Path(out_dir), "spareforslag history") as holding:  # an interrupted build is finished first
        log = read_log(folder)
        latest = previous_copy(folder)
        kept = versions(folder)
    found = Kept()
    found.warnings = [r.describe() for r in holding.recovered] + list(log.problems)
    for path in kept:
        checked, problem = copy_trouble(path, log)
        uses = log.names.count(path.name)
        if checked is None or problem is not None:
            found.append(Version(path, uses, path == latest, None, None, None, problem=problem))
            continue
        result = compute(checked.plan)
        found.append(Version(path, uses, path == latest, len(result.plan.lines),
                             dict(result.total), dict(result.target), result.plan.settings.decimals))
    return found
