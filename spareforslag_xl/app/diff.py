"""The library's entry point for comparing two masters: read and check both, compare, write the changes workbook."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from spareforslag_xl.app.check import Checked, check_master
from spareforslag_xl.core.compute import Result
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.diff import PlanDiff, diff_plans
from spareforslag_xl.io.parallel import run_pair


@dataclass
class Computed:
    """A master read, checked and computed as its build would show it (the adopted plan once it records decisions)."""

    checked: Checked
    result: Result


@dataclass
class Compared:
    """Two masters compared as plans, and the changes workbook when one was written."""

    old: Checked
    new: Checked
    diff: PlanDiff
    """What changed, and what it means per year and department."""
    written: Path | None = None
    """The changes workbook, when an output was given."""

    @property
    def same(self) -> bool:
        """True when the plans are the same."""
        return self.diff.same


def read_pair(old: Path, new: Path) -> tuple[Computed, Computed]:
    """Return both masters read, checked and computed (side by side on a machine with more than one core).

    Each is computed as its build would show it: the adopted plan once it records decisions.
    """
    # The worker's result is pickled back: it only reads; the parent computes while it waits.
    sizes = [p.stat().st_size if p.is_file() else 0 for p in (Path(old), Path(new))]
    checked_old, computed_new = run_pair(partial(check_master, Path(old)), partial(_computed, Path(new)), sizes)
    return Computed(checked_old, compute_scenario(checked_old.plan)), computed_new


def _computed(path: Path) -> Computed:
    checked = check_master(path)
    return Computed(checked, compute_scenario(checked.plan))


def diff_masters(old: Path, new: Path, output: Path | None = None) -> Compared:
    """Compare the masters at old and new as plans; write the changes workbook to output when given.

    Raises InputError when a master cannot be read, OutputError when output cannot be written.
    Masters with errors are compared as far as they are read (the findings are in the result).
    """
    older, newer = read_pair(old, new)
    compared = Compared(older.checked, newer.checked,
                        diff_plans(older.checked.plan, newer.checked.plan, older.result, newer.result))
    if output is not None:
        # here: comparing without a workbook (the summary, --json) needs neither the writer nor xlsxwriter
        from spareforslag_xl.io.lock import locked
        from spareforslag_xl.io.output import write_all
        from spareforslag_xl.render.changes import changes_bytes

        data = changes_bytes(compared.diff)
        with locked(Path(output).absolute().parent, "spareforslag diff"):  # one writer per folder, as for build
            write_all({Path(output): data}, inputs=[old, new])
        compared.written = Path(output)
    return compared
