"""Writes output files safely: complete or not at all, never outside the target folder.

Every output is written to a temporary file next to its target and moved into place only
when complete, so an interrupted run leaves the previous file intact and no half-written
workbook. A workbook open in Excel is detected by its '~$' lock file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from spareforslag_xl.errors import OutputError

TEMP_PREFIX = ".~spareforslag-"

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')


def safe_filename(name: str, fallback: str = "fil") -> str:
    """Return name usable as a file name on Windows, macOS and Linux, inside one folder.

    Path separators, '..', control and reserved characters become '_'; names Windows
    reserves (CON, NUL, COM1 …) get a trailing '_'; the result is never empty or hidden.
    """
    text = _UNSAFE.sub("_", name).strip().strip(".")
    text = text.replace("..", "_")
    if not text:
        text = fallback
    if _WINDOWS_RESERVED.match(text):
        text = f"{text}_"
    if text.startswith(("~", ".")):
        text = "_" + text[1:]
    return text[:120]


def check_writable(target: Path) -> None:
    """Raise OutputError when target cannot be replaced: open in Excel, read-only, or a folder."""
    lock = target.with_name("~$" + target.name)
    if lock.exists():
        raise OutputError(
            f"{target}: the workbook seems to be open (lock file {lock.name} exists). Close it in Excel and run again."
        )
    if target.is_dir():
        raise OutputError(f"{target}: a folder has the name of the output file. Rename or remove the folder.")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"{target}: the file is read-only. Make it writable or choose another output folder.")
    folder = target.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: cannot write in this folder (permission denied). Choose another output folder.")


def inside(folder: Path, name: str) -> Path:
    """Return folder/name, refusing a name that would leave folder."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise OutputError(f"{name}: the output name would leave the folder {folder}.")
    return folder / name


def write_atomically(target: Path, data: bytes) -> None:
    """Write data to target through a temporary file in the same folder, then move it into place."""
    check_writable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot create the folder ({exc.strerror or exc}).") from None
    handle, temp_name = None, None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
        with os.fdopen(handle, "wb") as fh:
            handle = None
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
        temp_name = None
    except PermissionError:
        raise OutputError(
            f"{target}: cannot replace the file (permission denied); it may be open in another program. "
            "Close it and run again."
        ) from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write the file ({exc.strerror or exc}).") from None
    finally:
        if handle is not None:
            os.close(handle)
        if temp_name is not None and os.path.exists(temp_name):
            os.unlink(temp_name)


def write_all(files: dict[Path, bytes]) -> None:
    """Write several outputs, each atomically, after checking that all of them can be written."""
    for target in files:
        check_writable(target)
    for target, data in files.items():
        write_atomically(target, data)
