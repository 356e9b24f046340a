"""The library: one function per command, each reading, checking, computing, rendering and writing.

Everything a program needs is importable from here, e.g. ``from spareforslag_xl.app import
check_master, build_reports``; the README's 'Python API' shows each call. A name is loaded
from its module when first used, so that importing this package (as the command line does
for ``--help``) loads none of openpyxl, xlsxwriter or jinja2. Every error raised on purpose is a
``SpareforslagError``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spareforslag_xl.app.audit import Audited, audit_master
    from spareforslag_xl.app.budget_changes import BudgetChangesWritten, write_budget_changes
    from spareforslag_xl.app.build import Built, build_reports, report_pdf
    from spareforslag_xl.app.check import Checked, check_master, require_clean
    from spareforslag_xl.app.diff import Compared, diff_masters
    from spareforslag_xl.app.document import WrittenDocument, document_pdf, write_document
    from spareforslag_xl.app.history import Totals, Version, kept_versions
    from spareforslag_xl.app.importing import Imported, import_document
    from spareforslag_xl.app.init import init_master
    from spareforslag_xl.app.mail import Mail, Prepared, prepare_mails
    from spareforslag_xl.app.reconcile import Reconciled, reconcile_files
    from spareforslag_xl.app.since import PREVIOUS
    from spareforslag_xl.model.errors import (
        FindingsError,
        InputError,
        OutputError,
        PdfError,
        RequestError,
        SpareforslagError,
    )
    from spareforslag_xl.model.plan import Scenario

_HOME = {
    **dict.fromkeys(("check_master", "require_clean", "Checked"), "spareforslag_xl.app.check"),
    **dict.fromkeys(("build_reports", "report_pdf", "Built"), "spareforslag_xl.app.build"),
    "PREVIOUS": "spareforslag_xl.app.since",
    **dict.fromkeys(("write_document", "document_pdf", "WrittenDocument"), "spareforslag_xl.app.document"),
    **dict.fromkeys(("import_document", "Imported"), "spareforslag_xl.app.importing"),
    **dict.fromkeys(("reconcile_files", "Reconciled"), "spareforslag_xl.app.reconcile"),
    **dict.fromkeys(("write_budget_changes", "BudgetChangesWritten"), "spareforslag_xl.app.budget_changes"),
    **dict.fromkeys(("diff_masters", "Compared"), "spareforslag_xl.app.diff"),
    **dict.fromkeys(("prepare_mails", "Prepared", "Mail"), "spareforslag_xl.app.mail"),
    **dict.fromkeys(("kept_versions", "Version", "Totals"), "spareforslag_xl.app.history"),
    **dict.fromkeys(("audit_master", "Audited"), "spareforslag_xl.app.audit"),
    **dict.fromkeys(("init_master",), "spareforslag_xl.app.init"),
    **dict.fromkeys(("SpareforslagError", "FindingsError", "InputError", "OutputError", "PdfError", "RequestError"),
                    "spareforslag_xl.model.errors"),
    "Scenario": "spareforslag_xl.model.plan",
}
"""Each name of the library's face, and the module it comes from."""

__all__ = [
    "Audited", "BudgetChangesWritten", "Built", "Checked", "Compared", "FindingsError", "Imported", "InputError",
    "Mail", "OutputError",
    "PREVIOUS", "PdfError", "Prepared", "Reconciled", "RequestError", "Scenario", "SpareforslagError", "Totals",
    "Version", "WrittenDocument", "audit_master", "build_reports", "check_master", "diff_masters", "document_pdf",
    "import_document", "init_master", "kept_versions", "prepare_mails", "reconcile_files", "report_pdf",
    "require_clean", "write_budget_changes", "write_document",
]  # the names of _HOME (a test checks it), written out for the linters


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
