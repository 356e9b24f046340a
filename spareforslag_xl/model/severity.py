"""How bad a finding is: an error stops a command, a warning does not."""

from __future__ import annotations

from enum import Enum

from spareforslag_xl.model.i18n import _


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def title(self) -> str:
        """'Error' or 'Warning' in the language in use, as a column of a sheet shows it."""
        return _("Error") if self is Severity.ERROR else _("Warning")

    @property
    def label(self) -> str:
        """'error' or 'warning' in the language in use (the stable value stays in .value)."""
        return _("error") if self is Severity.ERROR else _("warning")
