"""Writes output files safely: complete or not at all, never outside the target folder.

Every output is written to a temporary file next to its target and moved into place only
when complete, a set of outputs all or none (io/journal.py), so an interrupted run leaves the
previous files intact and no half-written workbook. A workbook open in Excel is detected by
its '~$' lock file.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from spareforslag_xl.io.journal import TEMP_PREFIX, Entry, Recovered, replace_all
from spareforslag_xl.io.lock import held, locked
from spareforslag_xl.io.oserrors import os_reason
from spareforslag_xl.model.errors import OutputError
from spareforslag_xl.model.i18n import _

__all__ = ["TEMP_PREFIX", "STALE_SECONDS", "check_writable", "inside", "refuse_existing", "refuse_inputs", "write_all",
           "write_atomically"]

STALE_SECONDS = 15 * 60
"""Outside a locked folder, a temporary file older than this was left by a run that was killed."""


def check_writable(target: Path) -> None:
    """Raise OutputError when target cannot be replaced: open in Excel, read-only, or a folder."""
    lock = target.with_name("~$" + target.name)
    if lock.exists():
        raise OutputError(
            _("{target}: the workbook seems to be open (lock file {name} exists). Close it in Excel and "
              "run again.").format(target=target, name=lock.name)
        )
    if target.is_dir():
        raise OutputError(_("{target}: a folder has the name of the output file. Rename or remove the "
                            "folder.").format(target=target))
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(_("{target}: the file is read-only. Make it writable or choose another output "
                            "folder.").format(target=target))
    folder = target.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(_("{folder}: cannot write in this folder (permission denied). Choose another output "
                            "folder.").format(folder=folder))


def inside(folder: Path, name: str) -> Path:
    """Return folder/name, refusing a name that would leave folder."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise OutputError(_("{name}: the output name would leave the folder {folder}.").format(
            name=name, folder=folder))
    return folder / name


def refuse_existing(target: Path, overwrite: bool) -> None:
    """Raise OutputError when target exists and may not be replaced (remedy: 'overwrite')."""
    if Path(target).exists() and not overwrite:
        raise OutputError(_("{target}: the file exists already.").format(target=target), remedy="overwrite")


def write_atomically(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write data to target through a temporary file in the same folder, then move it into place."""
    write_all({target: data}, inputs)


def refuse_inputs(targets: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise OutputError when an output would replace one of the command's inputs."""
    protected = {Path(p).resolve(): Path(p) for p in inputs if Path(p).exists()}
    for target in targets:
        if Path(target).resolve() in protected:
            raise OutputError(_("{target}: is an input of this command; inputs are never overwritten. Choose "
                                "another output file or folder.").format(target=target))


def write_all(files: dict[Path, bytes], inputs: Iterable[Path] = ()) -> list[Recovered]:
    """Write outputs so that either all are replaced or none is; return what was recovered on the way.

    Every file is first written completely to a temporary file next to its target. Several files
    are then moved into place under the lock of their common folder through an intent journal
    (io/journal.py): a failure, Ctrl-C or a kill at any instant leaves every output as it was, or the
    next run on the folder completes or rolls back the replacement before anything else (the
    Recovered it returns says which). One file alone is replaced by a single rename.
    """
    refuse_inputs(files, inputs)
    for target in files:
        check_writable(target)
    if not files:
        return []
    root = Path(os.path.commonpath([Path(t).parent.absolute() for t in files]))
    if len(files) == 1 and not held(root):
        _remove_stale_temporaries(root)
        _replace([(target, data) for target, data in files.items()], root)
        return []
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(exc, {}) from None
    with locked(root) as holding:
        _replace(list(files.items()), root)
        return holding.recovered


def _replace(files: list[tuple[Path, bytes]], root: Path) -> None:
    entries: list[Entry] = []
    names: dict[str, Path] = {}
    try:
        for target, data in files:
            temp = _write_temporary(Path(target), data)
            names[str(temp)] = Path(target)
            backup = temp.with_suffix(".old") if Path(target).exists() else None
            entries.append(Entry(Path(target), temp, backup))
        if len(entries) == 1 and not held(root):
            os.replace(entries[0].temp, entries[0].target)
        else:
            replace_all(root, entries)
    except OSError as exc:
        raise _output_error(exc, names) from None
    finally:
        for entry in entries:
            if entry.temp.exists():
                entry.temp.unlink()


def _output_error(exc: OSError, names: dict[str, Path]) -> OutputError:
    """Return the OutputError of a failed write, naming the output (never a temporary file) in the language in use."""
    file = names.get(str(exc.filename), exc.filename) or _("output")
    if isinstance(exc, PermissionError):
        return OutputError(_("{file}: cannot write the file (permission denied); it may be open in another program or "
                             "the folder may be read-only. Close it and run again.").format(file=file))
    return OutputError(_("{file}: cannot write the file ({reason}).").format(file=file, reason=os_reason(exc)))


def _write_temporary(target: Path, data: bytes) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("{parent}: cannot create the folder ({value}).").format(
            parent=target.parent, value=os_reason(exc))) from None
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".new", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp_name, 0o644)
    except OSError as exc:
        os.unlink(temp_name)
        # A full disk fails in write() or fsync(), which name no file: name the output.
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    except BaseException:
        os.unlink(temp_name)
        raise
    return Path(temp_name)


def _remove_stale_temporaries(folder: Path) -> None:
    if not folder.is_dir():
        return
    now = time.time()
    for leftover in folder.glob(TEMP_PREFIX + "*"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass
