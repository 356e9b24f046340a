"""Replaces a set of output files all or none, through an intent journal, as databases and package managers do.

Every new file is first written completely (and synced) to a temporary file next to its target.
Then, before the first rename, a journal naming every target, its temporary file and where its
previous version is moved aside is written and synced. The renames follow; when all are done the
journal is marked committed, the previous versions are removed and the journal last.

A run killed at any instant thus leaves either nothing of note (no journal: the outputs are the
old ones, and only temporary files remain), or a journal. The next run on the folder, holding its
lock, reads the journal first: before the commit mark it rolls the replacement back (every previous
version is put back, every new file that had none is removed); after it, it completes the
replacement. A failure or Ctrl-C (KeyboardInterrupt) during the renames rolls back at once.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spareforslag_xl.model.i18n import _

TEMP_PREFIX = ".~spareforslag-"
"""Temporary files (new versions '.new', previous versions '.old') start with this: hidden, never
ending in '.xlsx' or '.eml', so that nothing takes them for outputs."""
JOURNAL = ".spareforslag-journal.json"
CRASH_HOOK = "SPAREFORSLAG_TEST_CRASH_AT"
"""Tests only: 'N' kills the process (SIGKILL) just before the N-th step of a replacement,
'int:N' raises KeyboardInterrupt there (Ctrl-C), 'slow:S' waits S seconds before each step."""


@dataclass(frozen=True)
class Entry:
    """One file of a replacement: its target, the complete new version and where the old one goes."""

    target: Path
    temp: Path
    backup: Path | None
    """Where the previous version is moved aside; None when the target did not exist."""


@dataclass(frozen=True)
class Recovered:
    """What the next run did with an interrupted replacement it found in a folder."""

    folder: Path
    completed: bool
    """True when the replacement had been committed and was completed; False when it was rolled back."""
    files: tuple[Path, ...]

    def describe(self) -> str:
        """Return the sentence that tells the user what was done."""
        if self.completed:
            return _("{folder}: an earlier run was interrupted just after replacing its outputs; its clean-up was "
                     "completed ({n} files are the new versions).").format(folder=self.folder, n=len(self.files))
        return _("{folder}: an earlier run was interrupted while replacing its outputs; its changes were rolled back "
                 "({n} files are as before that run).").format(folder=self.folder, n=len(self.files))


_steps = 0


def _step() -> None:
    """Count a step of a replacement; the test hook may stop the process just before it."""
    global _steps
    _steps += 1
    hook = os.environ.get(CRASH_HOOK, "")
    if not hook:
        return
    if hook.startswith("slow:"):  # widen the window of the replacement, for kills at random moments
        time.sleep(float(hook.removeprefix("slow:")))
        return
    interrupt = hook.startswith("int:")
    if hook.removeprefix("int:") == str(_steps):
        if interrupt:
            raise KeyboardInterrupt
        os.kill(os.getpid(), signal.SIGKILL)


def replace_all(root: Path, entries: Sequence[Entry]) -> None:
    """Move every entry's temporary file onto its target, all or none (see the module's text)."""
    journal = root / JOURNAL
    _step()
    _write_journal(journal, root, entries, committed=False)
    done: list[Entry] = []
    try:
        for entry in entries:
            done.append(entry)
            if entry.backup is not None:
                _step()
                os.replace(entry.target, entry.backup)
            _step()
            os.replace(entry.temp, entry.target)
        _sync_folders(entries)
        _step()
        _write_journal(journal, root, entries, committed=True)
    except BaseException:
        _roll_back(done)
        _sync_folders(entries)
        _unlink(journal)
        raise
    _finish(journal, entries)


def recover(root: Path) -> Recovered | None:
    """Complete or roll back a replacement interrupted in root; return what was done (None: nothing to do)."""
    journal = root / JOURNAL
    if not journal.is_file():
        return None
    try:
        state = json.loads(journal.read_text(encoding="utf-8"))
        entries = [_entry(root, item) for item in state["entries"]]
        committed = state["state"] == "committed"
    except (OSError, ValueError, KeyError, TypeError):
        # A journal cut short: it was being written, so no rename had happened yet.
        _unlink(journal)
        return Recovered(root, False, ())
    if committed:
        _finish(journal, entries)
    else:
        _roll_back(entries)
        _sync_folders(entries)
        _unlink(journal)
    return Recovered(root, committed, tuple(e.target for e in entries))


def _roll_back(entries: Sequence[Entry]) -> None:
    """Put every previous version back; remove a new file whose target did not exist before."""
    for entry in reversed(entries):
        if entry.backup is not None:
            if entry.backup.exists():
                os.replace(entry.backup, entry.target)
        elif entry.target.exists() and not entry.temp.exists():
            entry.target.unlink()
        _unlink(entry.temp)


def _finish(journal: Path, entries: Sequence[Entry]) -> None:
    for entry in entries:
        if entry.backup is not None:
            _step()
            _unlink(entry.backup)
        _unlink(entry.temp)
    _step()
    _unlink(journal)
    _step()


def _entry(root: Path, item: dict) -> Entry:
    """Return a journal's entry, refusing a path that would leave root (a journal is data, not orders)."""
    def inside(name: str | None) -> Path | None:
        if name is None:
            return None
        path = root / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise ValueError(name)
        return path

    target, temp = inside(item["target"]), inside(item["temp"])
    if target is None or temp is None:
        raise ValueError(item)
    return Entry(target, temp, inside(item.get("backup")))


def _write_journal(journal: Path, root: Path, entries: Sequence[Entry], committed: bool) -> None:
    def rel(path: Path | None) -> str | None:
        return None if path is None else os.path.relpath(path, root)

    state = {"state": "committed" if committed else "prepared",
             "entries": [{"target": rel(e.target), "temp": rel(e.temp), "backup": rel(e.backup)} for e in entries]}
    temp = journal.with_name(TEMP_PREFIX + "journal.tmp")
    with open(temp, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, journal)
    _sync_folder(root)


def _sync_folders(entries: Sequence[Entry]) -> None:
    for folder in {e.target.parent for e in entries}:
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the renames in folder durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
