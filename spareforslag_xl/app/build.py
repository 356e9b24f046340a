"""The library's entry point for building a master's reports: the report and one workbook per department.

It reads and checks the master, calls the pure core, renders every workbook in memory and
writes them only when all are complete.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from spareforslag_xl.app.check import Checked, Clock, check_master, counted_stop, require_clean
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Department, Scenario


@dataclass
class Built:
    checked: Checked
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    stale: list[Path] = field(default_factory=list)
    """Department workbooks in the output folder that this build did not write (left untouched)."""
    scenario: Scenario | None = None
    """The scenario the workbooks show; None for a master without decisions built as proposed."""
    kept: object | None = None
    """The archive's Keeping (io/archive.py): where the master was kept, and the previous build's copy."""
    diff: object | None = None
    """With --since: the PlanDiff (core/diff.py) the report's 'Ændringer' sheet shows."""
    recovered: list = field(default_factory=list)
    """What an interrupted earlier run left in the folder, and what was done with it (io/journal.Recovered)."""


def report_name(master: Path) -> str:
    """Return the report's file name for a master: 'budget.xlsx' → 'budget-rapport.xlsx'."""
    from spareforslag_xl.core.filenames import safe_filename

    return safe_filename(f"{master.stem}-rapport") + ".xlsx"


def build_reports(master: Path, out_dir: Path, force: bool = False, strict: bool = False,
                  clock: Clock = time.perf_counter, departments: bool = True,
                  only: list[str] | None = None, progress: Callable[[int, int], None] | None = None,
                  scenario: Scenario | None = None, since: Path | str | None = None) -> Built:
    """Check the master, compute it and write the report into out_dir; return what was written.

    With ``departments`` each department's workbook goes into out_dir/afdelinger/ too (only
    those whose codes are in ``only``, when given; RequestError for an unknown code).
    Raises FindingsError (nothing written) when the master has errors, or warnings with
    ``strict``, unless ``force``. ``progress(done, total)`` is called as workbooks are rendered.
    ``scenario`` chooses the plan shown (core.decisions.resolve: 'vedtaget' once the master records
    decisions); ``Built.scenario`` says which was used (None: a master without decisions).
    A copy of the master is kept in out_dir/arkiv/ (app/history.py); with ``since`` (a master,
    or PREVIOUS for the previous build's) the report and workbooks show what changed since it.
    """
    from spareforslag_xl.core.decisions import compute_scenario
    from spareforslag_xl.core.filenames import WORKBOOK_FOLDER, select
    from spareforslag_xl.core.stated_fte import shown_fte_differences
    from spareforslag_xl.io.archive import LOG as ARCHIVE_LOG
    from spareforslag_xl.io.lock import locked
    from spareforslag_xl.io.output import inside, write_all
    from spareforslag_xl.io.parallel import render_all
    from spareforslag_xl.io.stamp import file_time
    from spareforslag_xl.render.report import report_bytes

    checked = check_master(master, clock)
    chosen = select(checked.plan.departments, only) if departments else ()
    blocking = require_clean(checked, lambda n: _("{stops} the build; nothing was written.").format(
                                 stops=counted_stop(n, "problem")),
                             strict=strict, force=force)
    out_dir = Path(out_dir)
    day = file_time(checked.plan.created).date()  # a bad SOURCE_DATE_EPOCH stops before the folder is touched
    with locked(out_dir, "spareforslag build") as holding:  # one writer: the archive is read and written under it
        t0 = clock()
        result = compute_scenario(checked.plan, scenario)
        kept_bytes = _archived(Path(master), checked.plan)
        kept, diff = _history(master, out_dir, checked.plan, result, since, scenario, kept_bytes, day)
        t1 = clock()
        # the document states the proposals
        extras = _document_audit(checked.stated, result.proposed or result) + _changes(diff)
        jobs: list[tuple[Path, Callable[[], bytes]]] = [(inside(out_dir, report_name(Path(master))),
                 partial(report_bytes, result, checked.findings, forced=bool(blocking), extras=extras,
                         fte_differences=shown_fte_differences(result, checked.stated)))]
        jobs += workbook_jobs(result, out_dir / WORKBOOK_FOLDER, chosen, checked.findings, bool(blocking), diff)
        cells = len(checked.plan.lines) * len(checked.plan.years) * (len(chosen) + 1) * 2
        rendered = render_all([render for _, render in jobs], cells, progress)
        files = {path: data for (path, _), data in zip(jobs, rendered, strict=True)}
        t2 = clock()
        written = dict(files)
        if kept.new_copy:
            written[kept.copy] = kept_bytes
        written[kept.folder / ARCHIVE_LOG] = kept.log
        write_all(written, inputs=[master])
        t3 = clock()
    timings = dict(checked.timings, compute=t1 - t0, render=t2 - t1, write=t3 - t2)
    stale = []
    if departments and only is None:
        folder = out_dir / WORKBOOK_FOLDER
        stale = sorted(p for p in folder.glob("*.xlsx") if p not in files and not p.name.startswith(("~$", ".")))
    return Built(checked, list(files), timings, stale, result.plan.scenario, kept, diff, holding.recovered)


def report_pdf(built: Built) -> Path:
    """Write the built report also as a PDF beside it (the meeting handout); return its path.

    Raises PdfError (from io.pdf) when LibreOffice is missing or fails; the workbooks are written already.
    """
    from spareforslag_xl.io.pdf import to_pdf

    report = built.files[0]
    (pdf,) = to_pdf([report], report.parent)
    return pdf


def workbook_jobs(result, folder: Path, departments: Sequence[Department], findings=(),
                  forced: bool = False, diff=None) -> list[tuple[Path, Callable[[], bytes]]]:
    """Return (folder/<code>.xlsx, a function rendering its bytes) for each department's workbook."""
    from spareforslag_xl.core.filenames import file_stems
    from spareforslag_xl.io.output import inside
    from spareforslag_xl.render.department import department_bytes

    stems = file_stems(result.plan.departments)
    return [
        (inside(folder, stems[d.code] + ".xlsx"),
         partial(department_bytes, result, d.code, findings, forced, **({"changes": diff} if diff else {})))
        for d in departments
    ]


def _document_audit(figures: list | None, result) -> list:
    """Return the report's extra sheet 'Dokumentafvigelser' when the master carries the document's figures."""
    if not figures:
        return []
    from spareforslag_xl.core.audit import audit
    from spareforslag_xl.render.audit_sheet import audit_sheet

    return [audit_sheet(audit(result, figures), len(figures))]


PREVIOUS = "forrige"
"""--since forrige: compare with the master of the previous build into the same folder."""


def since_master(since: Path | str, out_dir: Path) -> Path:
    """Return the master to compare with: the path given, or the previous build's copy for PREVIOUS."""
    from spareforslag_xl.app.history import copy_trouble
    from spareforslag_xl.io.archive import ARCHIVE_FOLDER, previous_copy, read_log
    from spareforslag_xl.model.errors import RequestError

    if str(since) != PREVIOUS:
        return Path(since)
    folder = Path(out_dir) / ARCHIVE_FOLDER
    found = previous_copy(folder)
    if found is None:
        raise RequestError(_("{folder}: no previous build to compare with; give the earlier master's file "
                             "instead.").format(folder=folder), remedy="since")
    problem = copy_trouble(found, read_log(folder))[1]
    if problem is not None:
        raise RequestError(problem + " " + _("Give the earlier master's file instead of 'forrige'."), remedy="since")
    return found


def _history(master: Path, out_dir: Path, plan, result, since, scenario, data: bytes, day: date):
    """Return where the master is kept, and the diff with the ``since`` master (None without)."""
    from spareforslag_xl.core.fingerprint import fingerprint
    from spareforslag_xl.io.archive import keeping

    kept = keeping(out_dir, fingerprint(plan), master, day, data, verify=_verify_copy)
    if since is None:
        return kept, None
    from spareforslag_xl.core.decisions import compute_scenario
    from spareforslag_xl.core.diff import diff_plans

    old = check_master(since_master(since, out_dir))
    return kept, diff_plans(old.plan, plan, compute_scenario(old.plan, scenario), result)


def _verify_copy(copy: Path) -> str | None:
    """Return why a kept copy the log records no hash for cannot be trusted (read, its plan's fingerprint)."""
    from spareforslag_xl.app.history import copy_trouble
    from spareforslag_xl.io.archive import Log

    return copy_trouble(copy, Log())[1]


def _changes(diff) -> list:
    if diff is None:
        return []
    from spareforslag_xl.render.changes import changes_extra

    return [changes_extra(diff)]


def _archived(master: Path, plan) -> bytes:
    """Return the bytes to keep of a master: the file itself, or for a workbook with macros (or not
    an .xlsx) the plan written as a new master, so that macros are never copied."""
    import zipfile

    data = master.read_bytes()
    if master.suffix.lower() == ".xlsx":
        try:
            with zipfile.ZipFile(master) as z:
                if not any("vba" in n.lower() for n in z.namelist()):
                    return data
        except zipfile.BadZipFile:  # pragma: no cover - the master was read a moment ago
            pass
    from spareforslag_xl.master.write import master_bytes

    return master_bytes(plan)
