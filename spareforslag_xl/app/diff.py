"""The library's entry point for comparing two masters: read and check both, compare, write the changes workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from spareforslag_xl.app.check import Checked, check_master


@dataclass
class Compared:
    old: Checked
    new: Checked
    diff: "object"
    """The PlanDiff (core/diff.py)."""
    written: Optional[Path] = None


def read_pair(old: Path, new: Path) -> tuple[Checked, Checked]:
    """Return both masters read and checked (two processes on a machine with more than one core)."""
    from spareforslag_xl.io.parallel import run_pair

    return run_pair(check_master, Path(old), Path(new))


def diff_masters(old: Path, new: Path, output: Optional[Path] = None) -> Compared:
    """Compare the masters at old and new as plans; write the changes workbook to output when given.

    Raises InputError when a master cannot be read, OutputError when output cannot be written.
    Masters with errors are compared as far as they are read (the findings are in the result).
    """
    from spareforslag_xl.core.diff import diff_plans

    checked_old, checked_new = read_pair(old, new)
    compared = Compared(checked_old, checked_new, diff_plans(checked_old.plan, checked_new.plan))
    if output is not None:
        from spareforslag_xl.io.output import write_all
        from spareforslag_xl.render.changes import changes_bytes

        write_all({Path(output): changes_bytes(compared.diff)}, inputs=[old, new])
        compared.written = Path(output)
    return compared
