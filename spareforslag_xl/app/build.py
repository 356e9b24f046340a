"""The library's entry point for building a master's reports: the report and one workbook per department.

It reads and checks the master, calls the pure core, renders every workbook in memory and
writes them only when all are complete.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from spareforslag_xl.app.check import Checked, Clock, check_master, counted_stop, require_clean
from spareforslag_xl.app.departments import select
from spareforslag_xl.content.audit import audit_content
from spareforslag_xl.content.department import DepartmentShared
from spareforslag_xl.content.nodes import Sheet
from spareforslag_xl.core.audit import audit
from spareforslag_xl.core.compute import Result
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.filenames import WORKBOOK_FOLDER, file_stems, safe_filename
from spareforslag_xl.core.fingerprint import fingerprint
from spareforslag_xl.core.stated_fte import shown_fte_differences
from spareforslag_xl.io.archive import LOG as ARCHIVE_LOG
from spareforslag_xl.io.archive import Keeping, Log, keeping
from spareforslag_xl.io.journal import Recovered
from spareforslag_xl.io.lock import locked
from spareforslag_xl.io.output import inside, write_all
from spareforslag_xl.io.parallel import Task, render_all
from spareforslag_xl.io.stamp import file_time
from spareforslag_xl.model.findings import Finding
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Department, Scenario
from spareforslag_xl.model.stated import StatedFigure
from spareforslag_xl.render.department import department_bytes
from spareforslag_xl.render.report import ExtraSheet, report_bytes

if TYPE_CHECKING:  # what only --since, --pdf or a master with macros needs is imported where it is used
    from spareforslag_xl.core.diff import PlanDiff


@dataclass
class Built:
    """What a build wrote: the report first, then the department workbooks, and what it kept and compared."""

    checked: Checked
    kept: Keeping
    """Where the master was kept in the archive (io/archive.py), and the previous build's copy."""
    files: list[Path] = field(default_factory=list)
    """The workbooks written: the report first, then the departments' in the master's order."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase: 'read', 'parse', 'validate', 'compute', 'render', 'write'."""
    stale: list[Path] = field(default_factory=list)
    """Department workbooks in the output folder that this build did not write (left untouched)."""
    scenario: Scenario | None = None
    """The scenario the workbooks show; None for a master without decisions built as proposed."""
    diff: PlanDiff | None = None
    """With ``since``: what changed since the earlier master, as the sheet 'Ændringer' shows it."""
    recovered: list[Recovered] = field(default_factory=list)
    """What an interrupted earlier run left in the folder, and what was done with it (io/journal.py)."""
    handout: Task | None = field(default=None, repr=False)
    """Renders the readers' version of the report (without the staff's checks), for ``report_pdf``."""

    @property
    def report(self) -> Path:
        """Return the path of the report workbook."""
        return self.files[0]


SCENARIO_SUFFIX = {Scenario.PROPOSED: "foreslaaet", Scenario.WITH_POSTPONED: "vedtaget-udskudt"}
"""A scenario other than the one a build shows by default → what its file names end with."""


def scenario_suffix(scenario: Scenario | None) -> str:
    """Return '-foreslaaet' or '-vedtaget-udskudt' for a scenario other than the default 'vedtaget', else ''.

    So that two builds of different scenarios into one folder never replace each other's
    workbooks in silence: the default plan keeps the names it always had.
    """
    return "-" + SCENARIO_SUFFIX[scenario] if scenario in SCENARIO_SUFFIX else ""


def report_name(master: Path, suffix: str = "") -> str:
    """Return the report's file name for a master: 'budget.xlsx' → 'budget-rapport.xlsx'
    ('-rapport-foreslaaet' … for another scenario)."""
    return safe_filename(f"{master.stem}-rapport{suffix}") + ".xlsx"


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
    or app.since.PREVIOUS for the previous build's) the report and workbooks show what changed since it.
    """
    checked = check_master(master, clock)
    chosen = select(checked.plan.departments, only) if departments else ()
    blocking = require_clean(checked, lambda n: _("{stops} the build; nothing was written.").format(
        stops=counted_stop(n, "problem")), strict=strict, force=force)
    out_dir = Path(out_dir)
    day = file_time(checked.plan.created).date()  # a bad SOURCE_DATE_EPOCH stops before the folder is touched
    with locked(out_dir, "spareforslag build") as holding:  # one writer: the archive is read and written under it
        t0 = clock()
        result = compute_scenario(checked.plan, scenario)
        kept_bytes = _archived(Path(master), checked)
        shown = result.plan.scenario.value if result.plan.scenario is not None else ""
        kept = keeping(out_dir, fingerprint(checked.plan), master, day, kept_bytes, verify=_verify_copy,
                       scenario=shown)
        diff = None
        if since is not None:
            from spareforslag_xl.app.since import changes_since

            diff = changes_since(since, out_dir, checked.plan, result, scenario)
        suffix = scenario_suffix(scenario)  # another scenario never replaces the default's workbooks
        t1 = clock()
        # the document states the proposals, so its figures are audited against them
        audited = _document_audit(checked.stated, result.proposed or result)
        fte_differences = shown_fte_differences(result, checked.stated)
        jobs: list[tuple[Path, Task]] = [(
            inside(out_dir, report_name(Path(master), suffix)),
            partial(report_bytes, result, checked.findings, forced=bool(blocking), extras=_changes(diff),
                    fte_differences=fte_differences, sheets=audited))]
        # the handout leaves out the staff's checks: the sheets Kontrol and Dokumentafvigelser, the line 'Kontrol: …'
        handout = partial(report_bytes, result, checked.findings, forced=bool(blocking), extras=_changes(diff),
                          fte_differences=fte_differences, handout=True)
        jobs += workbook_jobs(result, out_dir / (WORKBOOK_FOLDER + suffix), chosen, checked.findings,
                              bool(blocking), diff)
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
    stale: list[Path] = []
    if departments and only is None:
        folder = out_dir / (WORKBOOK_FOLDER + suffix)
        stale = sorted(p for p in folder.glob("*.xlsx") if p not in files and not p.name.startswith(("~$", ".")))
    return Built(checked, kept, list(files), timings, stale, scenario=result.plan.scenario, diff=diff,
                 recovered=holding.recovered, handout=handout)


def report_pdf(built: Built, checks: bool = False) -> Path:
    """Write the built report also as a PDF beside it (the meeting handout); return its path.

    The handout is for readers: without the staff's check pages (Kontrol, Dokumentafvigelser) and
    the line 'Kontrol: …', unless ``checks``; its numbers are Danish on any machine (io.pdf).
    Raises PdfError (from io.pdf) when LibreOffice is missing or fails; the workbooks are written already.
    """
    from spareforslag_xl.io.pdf import to_pdf

    if checks or built.handout is None:
        (pdf,) = to_pdf([built.report], built.report.parent)
        return pdf
    with tempfile.TemporaryDirectory(prefix="spareforslag-handout-") as scratch:
        workbook = Path(scratch) / built.report.name
        workbook.write_bytes(built.handout())
        (pdf,) = to_pdf([workbook], built.report.parent)
    return pdf


def workbook_jobs(result: Result, folder: Path, departments: Sequence[Department], findings: Sequence[Finding] = (),
                  forced: bool = False, diff: PlanDiff | None = None) -> list[tuple[Path, Task]]:
    """Return (folder/<code>.xlsx, a function rendering its bytes) for each department's workbook."""
    stems = file_stems(result.plan.departments)
    shared = DepartmentShared(result)  # once per plan; forked workers inherit it
    return [
        (inside(folder, stems[d.code] + ".xlsx"),
         partial(department_bytes, result, d.code, findings, forced, changes=diff, shared=shared))
        for d in departments
    ]


def _document_audit(figures: list[StatedFigure] | None, result: Result) -> list[Sheet]:
    """Return the report's sheet 'Dokumentafvigelser' when the master carries the document's figures."""
    if not figures:
        return []
    return [audit_content(audit(result, figures), len(figures))]


def _verify_copy(copy: Path) -> str | None:
    """Return why a kept copy the log records no hash for cannot be trusted (read, its plan's fingerprint)."""
    from spareforslag_xl.app.history import copy_trouble  # history's module loads the archive's readers

    return copy_trouble(copy, Log())[1]


def _changes(diff: PlanDiff | None) -> list[ExtraSheet]:
    if diff is None:
        return []
    from spareforslag_xl.render.changes import changes_extra

    return [changes_extra(diff)]


def _archived(master: Path, checked: Checked) -> bytes:
    """Return the bytes to keep of a master: the bytes read (the plan's, whatever the file holds by now), or for
    a workbook with macros (or not an .xlsx) the plan written as a new master, so that macros are never copied."""
    data = checked.data or master.read_bytes()
    if master.suffix.lower() == ".xlsx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if not any("vba" in n.lower() for n in z.namelist()):
                    return data
        except zipfile.BadZipFile:  # pragma: no cover - the master was read a moment ago
            pass
    from spareforslag_xl.master.write import master_bytes

    return master_bytes(checked.plan)
