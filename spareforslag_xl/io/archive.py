"""The output folder's 'arkiv/': a copy of every master a build was made from, never the same content twice.

A copy is named by the day of the stamp io/stamp.py gives its master (the day the master
was saved, in UTC, so that the name does not depend on the time zone; SOURCE_DATE_EPOCH's
day when that is set; 2000-01-01 for a master that does not say) and its plan's fingerprint
(``2024-05-02-3f2a9c1b04de.xlsx``); nothing is ever deleted. ``arkiv/builds.txt`` lists, one
line per build, the copy the build was made from (and the SHA-256 of the copy's bytes), so that
'the previous build' is known even when a build goes back to an earlier master, and a copy
changed or damaged since is not trusted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spareforslag_xl.core.filenames import readable_name
from spareforslag_xl.io.oserrors import os_reason
from spareforslag_xl.model.errors import OutputError
from spareforslag_xl.model.i18n import _

ARCHIVE_FOLDER = "arkiv"
LOG = "builds.txt"
HASH_LENGTH = 12
COPY_NAME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-([0-9a-f]{" + str(HASH_LENGTH) + r"})\.xlsx$")
"""The name of a kept copy: its day and the start of its plan's fingerprint. Nothing else in the log is used,
so that a line of the log can never point outside arkiv/."""


@dataclass(frozen=True)
class Log:
    """The archive's log as read: the copies in the order builds used them, and what could not be read."""

    names: tuple[str, ...] = ()
    hashes: Mapping[str, str] = field(default_factory=dict)
    """The SHA-256 of each copy's bytes as the build that kept it recorded them (logs before it record none)."""
    problems: tuple[str, ...] = ()
    scenarios: Mapping[str, str] = field(default_factory=dict)
    """The scenario the latest build of each copy showed ('vedtaget' …), where the build named one."""


@dataclass(frozen=True)
class Keeping:
    """What a build does with the archive: the copy of its master, and the log after it."""

    folder: Path
    copy: Path
    new_copy: bool
    """True when the copy is written by this build (content not kept before, or a kept copy that is damaged)."""
    previous: Path | None
    """The master copy of the build before this one, if any."""
    log: bytes
    problems: tuple[str, ...] = ()
    """Warnings about the archive, in the language in use: an unreadable log line, a damaged copy."""

    @property
    def unchanged(self) -> bool:
        """True when the previous build was made from a master with the same content."""
        return self.previous is not None and self.previous.name == self.copy.name


def content_hash(data: bytes) -> str:
    """Return the SHA-256 of a copy's bytes, as the log records it."""
    return hashlib.sha256(data).hexdigest()


def read_log(folder: Path) -> Log:
    """Return the log of folder; lines that cannot be used are left out and named in ``problems``."""
    path = Path(folder) / LOG
    try:
        data = path.read_bytes() if path.is_file() else b""
    except OSError as exc:
        return Log(problems=(_("{log}: cannot be read ({reason}); the archive's order of builds is "
                               "unknown.").format(log=path, reason=os_reason(exc)),))
    names: list[str] = []
    hashes: dict[str, str] = {}
    scenarios: dict[str, str] = {}
    bad: list[int] = []
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            fields = raw.decode("utf-8").split("\t")
        except UnicodeDecodeError:
            bad.append(number)
            continue
        if not COPY_NAME.match(fields[0]):
            bad.append(number)
            continue
        names.append(fields[0])
        recorded = [f[len("sha256="):] for f in fields[2:] if f.startswith("sha256=")]
        if recorded:
            hashes[fields[0]] = recorded[-1]
        shown = [f[len("scenario="):] for f in fields[2:] if f.startswith("scenario=")]
        scenarios[fields[0]] = shown[-1] if shown else ""
    problems: tuple[str, ...] = ()
    if bad:
        problems = (_("{log}: line {lines} cannot be read (not a kept copy's name, or not UTF-8); it is "
                      "left out.").format(log=path, lines=", ".join(map(str, bad))),)
    return Log(tuple(names), hashes, problems, scenarios)


def copy_problem(copy: Path, log: Log) -> str | None:
    """Return why a kept copy cannot be trusted (None when its bytes match what the log recorded).

    A copy the log records no hash for is checked by its plan's fingerprint where it is read
    (app/history.py); here only its existence and the recorded hash are checked."""
    try:
        data = copy.read_bytes()
    except OSError as exc:
        return _("{copy}: cannot be read ({reason}).").format(copy=copy, reason=os_reason(exc))
    recorded = log.hashes.get(copy.name)
    if recorded is not None and content_hash(data) != recorded:
        return _("{copy}: its content is not what the build that kept it wrote (changed or damaged since); "
                 "it is not used.").format(copy=copy)
    return None


def name_hash(copy: Path) -> str | None:
    """Return the fingerprint part of a copy's name ('3f2a9c1b04de'), None for another name."""
    found = COPY_NAME.match(copy.name)
    return found.group(1) if found else None


def kept_copy(folder: Path, fingerprint: str) -> Path | None:
    """Return the copy with this fingerprint, if one is kept."""
    found = sorted(Path(folder).glob(f"*-{fingerprint[:HASH_LENGTH]}.xlsx"))
    return found[0] if found else None


def builds(folder: Path) -> list[str]:
    """Return the copies' names in the order builds used them (oldest first)."""
    return list(read_log(folder).names)


def previous_copy(folder: Path) -> Path | None:
    """Return the master copy of the last build recorded in folder, if it is there."""
    for name in reversed(builds(folder)):
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def keeping(out_dir: Path, fingerprint: str, master: Path, day: date, data: bytes,
            verify: Callable[[Path], str | None] | None = None, scenario: str = "") -> Keeping:
    """Return where this build's master is kept and the log with this build added.

    ``day`` names a copy kept for the first time: the day of io/stamp.file_time (the master's saved day).
    ``data`` is what the copy holds when it is written: a kept copy whose bytes no longer match the
    log is written again (with a warning), so that the archive mends itself when the master is at hand.
    ``verify(copy)`` checks a kept copy the log records no hash for (a log of an older version) by reading
    it; it returns why the copy cannot be trusted, or None (its hash is then recorded from now on).
    ``scenario``: the plan the build showed ('scenario=vedtaget' in its line; none for a master without decisions).
    """
    folder = Path(out_dir) / ARCHIVE_FOLDER
    if folder.exists() and not folder.is_dir():
        raise OutputError(_("{folder}: a file has the name of the archive's folder. Rename or remove the "
                            "file.").format(folder=folder))
    log = read_log(folder)
    existing = kept_copy(folder, fingerprint)
    copy = existing or folder / f"{day.isoformat()}-{fingerprint[:HASH_LENGTH]}.xlsx"
    problems = list(log.problems)
    rewrite = existing is None
    if existing is not None:
        problem = copy_problem(existing, log)
        if problem is None and existing.name not in log.hashes and verify is not None:
            problem = verify(existing)
        if problem is not None:
            problems.append(problem + " " + _("It is written again from the master."))
            rewrite = True
    path = folder / LOG
    try:
        before = path.read_bytes() if path.is_file() else b""
    except OSError:
        before = b""  # named in problems; the log starts again rather than stopping the build
    if before and not before.endswith(b"\n"):
        before += b"\n"
    recorded = content_hash(data) if rewrite else log.hashes.get(copy.name) or _hash_of(copy)
    line = (f"{copy.name}\t{_safe(Path(master).name)}" + (f"\tsha256={recorded}" if recorded else "")
            + (f"\tscenario={scenario}" if scenario else "") + "\n")
    return Keeping(folder, copy, rewrite, previous_copy(folder), before + line.encode("utf-8"), tuple(problems))


def _hash_of(copy: Path) -> str:
    try:
        return content_hash(copy.read_bytes())
    except OSError:
        return ""


def _safe(name: str) -> str:
    """Return a file name fit for one field of the log: no tabs or line breaks, valid UTF-8."""
    return readable_name(name).replace("\t", " ").replace("\n", " ")


def versions(folder: Path) -> list[Path]:
    """Return the kept copies, in the order they were first kept."""
    order = {name: i for i, name in reversed(list(enumerate(builds(folder))))}
    found = [p for p in Path(folder).glob("*.xlsx") if not p.name.startswith(("~$", "."))]
    return sorted(found, key=lambda p: (order.get(p.name, len(order)), p.name))
