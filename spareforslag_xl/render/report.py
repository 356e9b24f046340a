"""The report workbook: the report's content (content/report.py) written by the workbook writer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spareforslag_xl.content.nodes import Sheet
from spareforslag_xl.content.report import report_content
from spareforslag_xl.core.compute import Result
from spareforslag_xl.core.stated_fte import FteDifferences
from spareforslag_xl.model.findings import Finding
from spareforslag_xl.model.labels import CHECKS, DEPARTMENTS, KEYS
from spareforslag_xl.render.workbook_writer import workbook_bytes
from spareforslag_xl.workbook.sheet import Styles

ExtraSheet = Callable[[Any, Styles, Any], None]


def report_bytes(result: Result, findings: Sequence[Finding], forced: bool = False,
                 extras: Sequence[ExtraSheet] = (), fte_differences: FteDifferences | None = None,
                 sheets: Sequence[Sheet] = (), handout: bool = False) -> bytes:
    """Return the bytes of the report workbook for a computed plan.

    ``fte_differences`` (core/stated_fte.py, from the document's stated figures) puts a note beside
    the FTE row of each theme whose stated FTE differs from the recomputed one; ``sheets`` are more
    content after the report's own (the audit), ``extras`` sheets written by code of their own (the changes).
    ``handout``: the readers' version, without the sheet 'Kontrol' and the line 'Kontrol: …' (give no audit).
    """
    doc = report_content(result, findings, forced, fte_differences, handout)
    # The theme sheets are written first, as they were before the content model: the cell formats
    # are numbered in the order they are first used, so the bytes stay the same.
    themes = [s.name for s in doc.sheets[1:] if s.name not in (DEPARTMENTS, KEYS, CHECKS)]
    doc.sheets += sheets
    return workbook_bytes(doc, themes, extras)
