"""The output folder's 'arkiv/': a copy of every master a build was made from, never the same content twice.

A copy is named by the day of the stamp io/stamp.py gives its master (the day the master
was saved, in UTC, so that the name does not depend on the time zone; SOURCE_DATE_EPOCH's
day when that is set; 2000-01-01 for a master that does not say) and its plan's fingerprint
(``2024-05-02-3f2a9c1b04de.xlsx``); nothing is ever deleted. ``arkiv/builds.txt`` lists, one
line per build, the copy the build was made from, so that 'the previous build' is known even
when a build goes back to an earlier master.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

ARCHIVE_FOLDER = "arkiv"
LOG = "builds.txt"
HASH_LENGTH = 12


@dataclass(frozen=True)
class Keeping:
    """What a build does with the archive: the copy of its master, and the log after it."""

    folder: Path
    copy: Path
    new_copy: bool
    """True when this content was not kept before (the copy is written by this build)."""
    previous: Path | None
    """The master copy of the build before this one, if any."""
    log: bytes

    @property
    def unchanged(self) -> bool:
        """True when the previous build was made from a master with the same content."""
        return self.previous is not None and self.previous.name == self.copy.name


def kept_copy(folder: Path, fingerprint: str) -> Path | None:
    """Return the copy with this fingerprint, if one is kept."""
    found = sorted(Path(folder).glob(f"*-{fingerprint[:HASH_LENGTH]}.xlsx"))
    return found[0] if found else None


def builds(folder: Path) -> list[str]:
    """Return the copies' names in the order builds used them (oldest first)."""
    path = Path(folder) / LOG
    if not path.is_file():
        return []
    return [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def previous_copy(folder: Path) -> Path | None:
    """Return the master copy of the last build recorded in folder, if it is there."""
    for name in reversed(builds(folder)):
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def keeping(out_dir: Path, fingerprint: str, master: Path, day: date) -> Keeping:
    """Return where this build's master is kept and the log with this build added.

    ``day`` names a copy kept for the first time: the day of io/stamp.file_time (the master's saved day).
    """
    folder = Path(out_dir) / ARCHIVE_FOLDER
    existing = kept_copy(folder, fingerprint)
    copy = existing or folder / f"{day.isoformat()}-{fingerprint[:HASH_LENGTH]}.xlsx"
    path = folder / LOG
    before = path.read_bytes() if path.is_file() else b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    line = f"{copy.name}\t{Path(master).name}\n".encode()
    return Keeping(folder, copy, existing is None, previous_copy(folder), before + line)


def versions(folder: Path) -> list[Path]:
    """Return the kept copies, in the order they were first kept."""
    order = {name: i for i, name in reversed(list(enumerate(builds(folder))))}
    found = [p for p in Path(folder).glob("*.xlsx") if not p.name.startswith(("~$", "."))]
    return sorted(found, key=lambda p: (order.get(p.name, len(order)), p.name))
