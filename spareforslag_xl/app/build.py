"""The library's entry points for checking a master and building its reports.

Each function reads inputs, calls the pure core, and writes outputs; the CLI only parses
options and prints. Nothing is written unless every output was rendered completely.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from spareforslag_xl.model.errors import FindingsError
from spareforslag_xl.model.findings import Finding, has_errors
from spareforslag_xl.model.plan import Plan

Clock = Callable[[], float]


@dataclass
class Checked:
    """A master read and validated: its plan and every finding."""

    path: Path
    plan: Plan
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)
    stated: Optional[list] = None
    """The document's figures (sheet 'Dokumenttal' of an imported master), or None."""

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


@dataclass
class Built:
    checked: Checked
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    stale: list[Path] = field(default_factory=list)
    """Department workbooks in the output folder that this build did not write (left untouched)."""


def check_master(path: Path, clock: Clock = time.perf_counter) -> Checked:
    """Return the plan and findings of the master at path (raises InputError if unreadable)."""
    from spareforslag_xl.master import layout as L
    from spareforslag_xl.model.findings import in_reading_order, warning
    from spareforslag_xl.master.parse import parse_master
    from spareforslag_xl.master.read import read_workbook
    from spareforslag_xl.model.plan import Ref
    from spareforslag_xl.master.stated_sheet import SHEET, parse_stated
    from spareforslag_xl.core.validate import Unreadable, validate

    path = Path(path)
    t0 = clock()
    book = read_workbook(path, [s.name for s in L.DATA_SHEETS] + [SHEET])  # one read for both
    t1 = clock()
    stated_rows = book.sheets.pop(SHEET, None)
    plan, findings = parse_master(book)
    t2 = clock()
    findings = in_reading_order(findings + validate(plan, Unreadable.from_findings(findings)),
                                [s.name for s in L.DATA_SHEETS])
    t3 = clock()
    stated = None
    if stated_rows is not None:
        stated, skipped = parse_stated(stated_rows.rows)
        findings += [warning("stated-row-unreadable", "this row of the document's figures cannot be read (a kind, "
                             "line, value or decimals that make no sense); the audit leaves it out.",
                             Ref(SHEET, f"A{row}"), "Import the document again, or correct the row.")
                     for row in skipped]
    return Checked(path, plan, findings, {"read": t1 - t0, "parse": t2 - t1, "validate": t3 - t2}, stated)


def report_name(master: Path) -> str:
    """Return the report's file name for a master: 'budget.xlsx' → 'budget-rapport.xlsx'."""
    from spareforslag_xl.io.output import safe_filename

    return safe_filename(f"{master.stem}-rapport") + ".xlsx"


def build_reports(master: Path, out_dir: Path, force: bool = False, strict: bool = False,
                  clock: Clock = time.perf_counter, departments: bool = True,
                  only: Optional[list[str]] = None, progress: Optional[Callable[[int, int], None]] = None) -> Built:
    """Check the master, compute it and write the report into out_dir; return what was written.

    With ``departments`` each department's workbook goes into out_dir/afdelinger/ too (only
    those whose codes are in ``only``, when given; UsageError for an unknown code).
    Raises FindingsError (nothing written) when the master has errors, or warnings with
    ``strict``, unless ``force``. ``progress(done, total)`` is called as workbooks are rendered.
    """
    from functools import partial

    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.core.filenames import WORKBOOK_FOLDER, select, workbook_jobs
    from spareforslag_xl.io.output import inside, write_all
    from spareforslag_xl.io.parallel import render_all
    from spareforslag_xl.render.report import report_bytes

    checked = check_master(master, clock)
    chosen = select(checked.plan.departments, only) if departments else ()
    blocking = [f for f in checked.findings if f.is_error or strict]
    if blocking and not force:
        what = "1 problem that stops" if len(blocking) == 1 else f"{len(blocking)} problems that stop"
        raise FindingsError(f"{master}: the master has {what} the build; nothing was written.", checked.findings)
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


def _document_audit(figures: Optional[list], result) -> list:
    """Return the report's extra sheet 'Dokumentafvigelser' when the master carries the document's figures."""
    if not figures:
        return []
    from spareforslag_xl.core.audit import audit
    from spareforslag_xl.render.audit_sheet import audit_sheet

    return [audit_sheet(audit(result, figures), len(figures))]


@dataclass
class Audited:
    """A master's stated document figures compared with its recomputation."""

    checked: Checked
    figures: list
    items: list

    @property
    def disagreements(self) -> list:
        from spareforslag_xl.core.audit import Verdict

        return [i for i in self.items if i.severity is Verdict.DISAGREEMENT]


def audit_master(path: Path) -> Audited:
    """Return the audit of the document figures a master carries (raises InputError when it has none)."""
    from spareforslag_xl.core.audit import audit
    from spareforslag_xl.core.compute import compute
    from spareforslag_xl.model.errors import InputError
    from spareforslag_xl.master.stated_sheet import SHEET

    checked = check_master(Path(path))
    figures = checked.stated
    if figures is None:
        raise InputError(path, f"the master has no sheet '{SHEET}' with the document's figures.",
                         "Make the master with 'spareforslag import DOCUMENT -o MASTER.xlsx'.")
    return Audited(checked, figures, audit(compute(checked.plan), figures))


def init_master(path: Path, first_year: int, years: int, overwrite: bool = False) -> Path:
    """Write an empty, self-explaining master at path; refuse to overwrite unless asked."""
    from spareforslag_xl.model.errors import OutputError
    from spareforslag_xl.master.write import master_bytes
    from spareforslag_xl.model.plan import Method, ProposalLine, Rule, Settings, Theme
    from spareforslag_xl.io.output import write_atomically

    path = Path(path)
    if path.exists() and not overwrite:
        raise OutputError(f"{path}: the file exists already. Use --overwrite to replace it.")
    span = tuple(range(first_year, first_year + years))
    plan = Plan(
        settings=Settings(unit="1.000 kr.", budget_year=first_year, target={y: None for y in span}),
        years=span,
        departments=(),
        keys=(),
        themes=(Theme("1", "Eksempel: navnet på temaet", rule=Rule(Method.NONE)),),
        lines=(ProposalLine("1", "1", "Eksempel: navnet på forslaget", {y: None for y in span},
                            note="EKSEMPEL – overskriv eller slet denne række"),),
    )
    write_atomically(path, master_bytes(plan, example=True))
    return path


