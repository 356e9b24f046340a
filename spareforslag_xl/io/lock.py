"""One writer per output folder: an exclusive lock on the folder, held while a command reads and writes it.

The lock is an operating-system lock (``fcntl.flock``; ``msvcrt.locking`` on Windows) on the file
'.spareforslag-lock' in the folder, so it is released when the process ends however it ends: a
killed run never leaves a folder locked. The file holds the process id and command of the holder,
so that a second command can name it. Taking the lock first completes or rolls back a replacement
that a killed run left unfinished (io/journal.py) and removes the temporary files such a run left.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from spareforslag_xl.io.journal import JOURNAL, TEMP_PREFIX, Recovered, recover
from spareforslag_xl.io.oserrors import os_reason
from spareforslag_xl.model.errors import OutputError
from spareforslag_xl.model.i18n import _

LOCK_FILE = ".spareforslag-lock"
WAIT_VARIABLE = "SPAREFORSLAG_LOCK_WAIT"
DEFAULT_WAIT = 5.0
"""Seconds a second command waits for the folder before it refuses."""

_held: dict[Path, int] = {}
"""Folders this process holds locked (resolved), with how often: a nested take is free."""


@dataclass
class Held:
    """A locked folder, and what taking the lock recovered there."""

    folder: Path
    recovered: list[Recovered] = field(default_factory=list)


def held(folder: Path) -> bool:
    """Return True when this process holds the lock of folder or of a folder above it."""
    path = Path(folder).resolve()
    return any(path == f or f in path.parents for f in _held)


@contextmanager
def locked(folder: Path, command: str = "") -> Iterator[Held]:
    """Hold the lock of folder (created when missing) for the with-block; OutputError when another holds it."""
    folder = Path(folder)
    key = folder.resolve() if folder.exists() else folder.absolute()
    if held(folder):
        _held[key] = _held.get(key, 0) + 1
        try:
            yield Held(folder)
        finally:
            _held[key] -= 1
            if not _held[key]:
                del _held[key]
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_FILE, "a+", encoding="utf-8")
    except OSError as exc:
        raise OutputError(_("{folder}: cannot use the output folder ({reason}).").format(
            folder=folder, reason=os_reason(exc))) from None
    key = folder.resolve()
    try:
        _acquire(handle, folder)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {command or 'spareforslag'} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        _held[key] = 1
        try:
            yield Held(folder, recover_folder(folder))
        finally:
            del _held[key]
            handle.seek(0)
            handle.truncate()  # no holder left behind: the file is empty between commands
            handle.flush()
            _release(handle)
    finally:
        handle.close()


def recover_folder(folder: Path) -> list[Recovered]:
    """Finish what a killed run left in folder and its sub-folders: journals first, then temporary files."""
    found = []
    for sub in [folder, *sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())]:
        try:
            done = recover(sub)
        except OSError as exc:
            raise OutputError(_("{folder}: cannot finish the replacement an earlier run left ({reason}).").format(
                folder=sub, reason=os_reason(exc))) from None
        if done is not None:
            found.append(done)
        for leftover in sub.glob(TEMP_PREFIX + "*"):
            if leftover.name != JOURNAL:
                try:
                    leftover.unlink()
                except OSError:
                    pass
    return found


def wait_seconds() -> float:
    value = os.environ.get(WAIT_VARIABLE, "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


def _acquire(handle: IO[str], folder: Path) -> None:
    deadline = time.monotonic() + wait_seconds()
    while True:
        try:
            _try_lock(handle)
            return
        except OSError:
            if time.monotonic() >= deadline:
                break
            time.sleep(0.1)
    holder = _holder(folder)
    raise OutputError(_("{folder}: another spareforslag command is writing into this folder ({holder}). Wait until it "
                        "has finished, or choose another output folder.").format(folder=folder, holder=holder))


def _holder(folder: Path) -> str:
    try:
        text = (folder / LOCK_FILE).read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        text = []
    if not text:
        return _("process unknown")
    return _("process {pid}, {command}, since {since}").format(pid=text[0], command=" ".join(text[1:-2]) or "?",
                                                               since=" ".join(text[-2:]))


if sys.platform == "win32":  # pragma: no cover - tested on POSIX
    import msvcrt

    def _try_lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _release(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
