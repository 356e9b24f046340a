"""Writes output files safely: complete or not at all, never outside the target folder.

Every output is written to a temporary file next to its target and moved into place only
when complete, so an interrupted run leaves the previous file intact and no half-written
workbook. A workbook open in Excel is detected by its '~$' lock file.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from spareforslag_xl.model.errors import OutputError
from spareforslag_xl.model.i18n import _

TEMP_PREFIX = ".~spareforslag-"
STALE_SECONDS = 15 * 60
"""A temporary file older than this was left by a run that was killed, not one still writing."""

def check_writable(target: Path) -> None:
    """Raise OutputError when target cannot be replaced: open in Excel, read-only, or a folder."""
    lock = target.with_name("~$" + target.name)
    if lock.exists():
        raise OutputError(
            _("{target}: the workbook seems to be open (lock file {name} exists). Close it in Excel and run "
              "again.").format(target=target, name=lock.name)
        )
    if target.is_dir():
        raise OutputError(
            _("{target}: a folder has the name of the output file. Rename or remove the folder.").format(target=target))
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
            raise OutputError(_("{target}: is an input of this command; inputs are never overwritten. Choose another "
                                "output file or folder.").format(target=target))


def write_all(files: dict[Path, bytes], inputs: Iterable[Path] = ()) -> None:
    """Write outputs so that either all are replaced or none is.

    Every file is first written completely to a temporary file next to its target. Then the
    previous outputs are moved aside and the new ones moved into place (renames, which never
    leave half a file); if a rename fails, the ones already done are undone, so every
    previous output is as it was. Temporary files of a run that was killed are removed by a
    later run once they are old enough not to belong to a run still going.
    """
    refuse_inputs(files, inputs)
    for target in files:
        check_writable(target)
    for folder in {t.parent for t in files}:
        _remove_stale_temporaries(folder)
    temporaries: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            temporaries.append((_write_temporary(target, data), target))
        _replace_all(temporaries)
    except PermissionError as exc:
        raise OutputError(
            _("{file}: cannot write the file (permission denied); it may be open in another program or the folder may "
              "be read-only. Close it and run again.").format(file=exc.filename or _("output"))
        ) from None
    except OSError as exc:
        raise OutputError(_("{file}: cannot write the file ({reason}).").format(
            file=exc.filename or _("output"), reason=exc.strerror or exc)) from None
    finally:
        for temp_name, _target in temporaries:
            if os.path.exists(temp_name):
                os.unlink(temp_name)


def _replace_all(temporaries: list[tuple[str, Path]]) -> None:
    """Move each temporary onto its target; on any failure put every previous file back."""
    done: list[tuple[Path, str | None]] = []  # target, and where its previous version was moved
    try:
        for temp_name, target in temporaries:
            previous = None
            if target.exists():
                previous = f"{temp_name}.previous"
                os.replace(target, previous)
            done.append((target, previous))
            os.replace(temp_name, target)
    except OSError:
        for target, previous in reversed(done):
            if previous is not None and os.path.exists(previous):
                os.replace(previous, target)
            elif previous is None and target.exists():
                target.unlink()
        raise
    for _target, previous in done:
        if previous is not None and os.path.exists(previous):
            os.unlink(previous)


def _write_temporary(target: Path, data: bytes) -> str:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("{parent}: cannot create the folder ({value}).").format(
            parent=target.parent, value=exc.strerror or exc)) from None
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp_name, 0o644)
    except BaseException:
        os.unlink(temp_name)
        raise
    return temp_name


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
