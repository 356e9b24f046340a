"""The library's entry point for building a master's reports: the report and one workbook per department.

It reads and checks the master, calls the pure core, renders every workbook in memory and
writes them only when all are complete.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Optional, Sequence

from spareforslag_xl.app.check import Checked, Clock, check_master, counted_stop, require_clean
from spareforslag_xl.model.plan import Department


@dataclass
class Built:
    checked: Checked
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    stale: list[Path] = field(default_factory=list)
    """Department workbooks in the output folder that this build did not write (left untouched)."""


def report_name(master: Path) -> str:
    """Return the report's file name for a master: 'budget.xlsx' → 'budget-rapport.xlsx'."""
    from spareforslag_xl.core.filenames import safe_filename

    return safe_filename(f"{master.stem}-rapport") + ".xlsx"


def build_reports(master: Path, out_dir: Path, force: bool = False, strict: bool = False,
                  clock: Clock = time.perf_counter, departments: bool = True,
                  only: Optional[list[str]] = None, progress: Optional[Callable[[int, int], None]] = None) -> Built:
    """Check the master, compute it and write the report into out_dir; return what was written.

    With ``departments`` each department's workbook goes into out_dir/afdelinger/ too (only
    those whose codes are in ``only``, when given; RequestError for an unknown code).
    Raises FindingsError (nothing written) when the master has errors, or warnings with
    ``strict``, unless ``force``. ``progress(done, total)`` is called as workbooks are rendered.
    """
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.core.filenames import WORKBOOK_FOLDER, select
    from spareforslag_xl.io.output import inside, write_all
    from spareforslag_xl.io.parallel import render_all
    from spareforslag_xl.render.report import report_bytes

    checked = check_master(master, clock)
    chosen = select(checked.plan.departments, only) if departments else ()
    blocking = require_clean(checked, lambda n: f"{counted_stop(n, 'problem')} the build; nothing was written.",
                             strict=strict, force=force)
    t0 = clock()
    result = compute(checked.plan)
    t1 = clock()
    out_dir = Path(out_dir)
    extras = _document_audit(checked.stated, result)
    jobs = [(inside(out_dir, report_name(Path(master))),
             partial(report_bytes, result, checked.findings, forced=bool(blocking), extras=extras))]
    jobs += workbook_jobs(result, out_dir / WORKBOOK_FOLDER, chosen, checked.findings, bool(blocking))
    cells = len(checked.plan.lines) * len(checked.plan.years) * (len(chosen) + 1) * 2
    rendered = render_all([render for _, render in jobs], cells, progress)
    files = {path: data for (path, _), data in zip(jobs, rendered)}
    t2 = clock()
    write_all(files, inputs=[master])
    t3 = clock()
    timings = dict(checked.timings, compute=t1 - t0, render=t2 - t1, write=t3 - t2)
    stale = []
    if departments and only is None:
        folder = out_dir / WORKBOOK_FOLDER
        stale = sorted(p for p in folder.glob("*.xlsx") if p not in files and not p.name.startswith("~$"))
    return Built(checked, list(files), timings, stale)


def report_pdf(built: Built) -> Path:
    """Write the built report also as a PDF beside it (the meeting handout); return its path.

    Raises PdfError (from io.pdf) when LibreOffice is missing or fails; the workbooks are written already.
    """
    from spareforslag_xl.io.pdf import to_pdf

    report = built.files[0]
    (pdf,) = to_pdf([report], report.parent)
    return pdf


def workbook_jobs(result, folder: Path, departments: Sequence[Department], findings=(),
                  forced: bool = False) -> list[tuple[Path, Callable[[], bytes]]]:
    """Return (folder/<code>.xlsx, a function rendering its bytes) for each department's workbook."""
    from spareforslag_xl.core.filenames import file_stems
    from spareforslag_xl.io.output import inside
    from spareforslag_xl.render.department import department_bytes

    stems = file_stems(result.plan.departments)
    return [
        (inside(folder, stems[d.code] + ".xlsx"), partial(department_bytes, result, d.code, findings, forced))
        for d in departments
    ]


def _document_audit(figures: Optional[list], result) -> list:
    """Return the report's extra sheet 'Dokumentafvigelser' when the master carries the document's figures."""
    if not figures:
        return []
    from spareforslag_xl.core.audit import audit
    from spareforslag_xl.render.audit_sheet import audit_sheet

    return [audit_sheet(audit(result, figures), len(figures))]
