"""One department's workbook: its content (content/department.py) written by the workbook writer."""

from __future__ import annotations

from collections.abc import Sequence

from spareforslag_xl.content.department import DepartmentShared, department_content
from spareforslag_xl.core.compute import Result
from spareforslag_xl.core.diff import PlanDiff
from spareforslag_xl.model.findings import Finding
from spareforslag_xl.model.labels import OVERVIEW
from spareforslag_xl.render.changes import add_department_changes
from spareforslag_xl.render.workbook_writer import workbook_bytes


def department_bytes(result: Result, code: str, findings: Sequence[Finding] = (), forced: bool = False,
                     changes: PlanDiff | None = None, shared: DepartmentShared | None = None) -> bytes:
    """Return the bytes of the workbook of the department with this code (with ``changes``, a
    PlanDiff, the sheet 'Ændringer' with what changed for the department; ``shared``, what the
    workbooks of the plan share, DepartmentShared(result), built once for all of them)."""
    doc = department_content(result, code, findings, forced, shared)
    extras = []
    if changes is not None:
        extras.append(lambda book, styles, taken: add_department_changes(book, styles, taken, changes, code))
    # The overview is written first: the numbering of the cell formats follows it.
    return workbook_bytes(doc, (OVERVIEW,), extras)
