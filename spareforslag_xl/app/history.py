"""The library's entry point for 'history': the masters kept in an output folder's arkiv/, with their totals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional
from spareforslag_xl.model.i18n import _


@dataclass(frozen=True)
class Version:
    """A kept master: its copy, how often builds used it, and its figures (None when unreadable)."""

    path: Path
    builds: int
    last: bool
    """True for the copy of the latest build."""
    lines: Optional[int]
    total: Optional[Mapping[int, object]]
    target: Optional[Mapping[int, object]]
    decimals: int = 0


def history(out_dir: Path) -> list[Version]:
    """Return the versions kept in out_dir/arkiv/, oldest first (RequestError when there is no archive)."""
    from spareforslag_xl.app.check import check_master
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.io.archive import ARCHIVE_FOLDER, builds, previous_copy, versions
    from spareforslag_xl.io.lock import locked
    from spareforslag_xl.model.errors import RequestError, SpareforslagError

    folder = Path(out_dir) / ARCHIVE_FOLDER
    if not folder.is_dir():
        raise RequestError(_("{folder}: no kept masters here; every 'spareforslag build -o {out_dir}' keeps "
                             "one.").format(folder=folder, out_dir=out_dir), remedy="outdir")
    with locked(Path(out_dir), "spareforslag history"):  # an interrupted build is finished before it is read
        used = builds(folder)
        latest = previous_copy(folder)
        kept = versions(folder)
    found = []
    for path in kept:
        try:
            result = compute(check_master(path).plan)
        except SpareforslagError:
            found.append(Version(path, used.count(path.name), path == latest, None, None, None))
            continue
        found.append(Version(path, used.count(path.name), path == latest, len(result.plan.lines),
                             dict(result.total), dict(result.target), result.plan.settings.decimals))
    return found
