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


def read_pair(old: Path, new: Path) -> tuple[tuple[Checked, object], tuple[Checked, object]]:
    """Return both masters read, checked and computed (side by side on a machine with more than one core).

    Each is computed as its build would show it: the adopted plan once it records decisions.
    """
    from functools import partial

    from spareforslag_xl.core.decisions import compute_scenario as compute
    from spareforslag_xl.io.parallel import run_pair

    def read_and_compute(path: Path) -> tuple[Checked, object]:
        checked = check_master(path)
        return checked, compute(checked.plan)

    # The worker's result is pickled back: it only reads; the parent computes while it waits.
    sizes = [p.stat().st_size if p.is_file() else 0 for p in (Path(old), Path(new))]
    checked_old, (checked_new, result_new) = run_pair(partial(check_master, Path(old)),
                                                      partial(read_and_compute, Path(new)), sizes)
    return (checked_old, compute(checked_old.plan)), (checked_new, result_new)


def diff_masters(old: Path, new: Path, output: Optional[Path] = None) -> Compared:
    """Compare the masters at old and new as plans; write the changes workbook to output when given.

    Raises InputError when a master cannot be read, OutputError when output cannot be written.
    Masters with errors are compared as far as they are read (the findings are in the result).
    """
    from spareforslag_xl.core.diff import diff_plans

    (checked_old, result_old), (checked_new, result_new) = read_pair(old, new)
    compared = Compared(checked_old, checked_new,
                        diff_plans(checked_old.plan, checked_new.plan, result_old, result_new))
    if output is not None:
        from spareforslag_xl.io.lock import locked
        from spareforslag_xl.io.output import write_all
        from spareforslag_xl.render.changes import changes_bytes

        data = changes_bytes(compared.diff)
        with locked(Path(output).absolute().parent, "spareforslag diff"):  # one writer per folder, as for build
            write_all({Path(output): data}, inputs=[old, new])
        compared.written = Path(output)
    return compared
