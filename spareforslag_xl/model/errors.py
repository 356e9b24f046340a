"""The exceptions the library raises; the CLI turns each into a message and an exit code.

Library messages say what is wrong. When a setting of the caller changes the outcome, the
error names that setting in ``remedy`` (the library parameter's name, such as 'overwrite' or
'only'); the command line adds which of its options that is and how to use it.
"""

from __future__ import annotations


class SpareforslagError(Exception):
    """Base class of every error the library raises on purpose."""

    def __init__(self, message: str = "", remedy: str = "") -> None:
        self.remedy = remedy
        """The caller's setting that would change the outcome ('overwrite', 'only', …), or ''."""
        super().__init__(message)


class InputError(SpareforslagError):
    """An input file cannot be read at all (missing, not a workbook, damaged, refused)."""

    def __init__(self, path: object, problem: str, hint: str = "", remedy: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        text = f"{self.path}: {problem}"
        if hint:
            text += f" {hint}"
        super().__init__(text, remedy)


class FindingsError(SpareforslagError):
    """The input was read but holds errors that stop the command (see .findings)."""

    def __init__(self, message: str, findings: list) -> None:
        self.findings = findings
        super().__init__(message)


class RequestError(SpareforslagError):
    """The caller asked for something the input does not have (such as an unknown department code).

    ``remedy`` names the setting the request came from ('only', 'templates').
    """


class OutputError(SpareforslagError):
    """An output file cannot be written (open in Excel, read-only, outside the target folder)."""


class PdfError(SpareforslagError):
    """A workbook could not be converted to PDF (LibreOffice missing or failing)."""


class DeliveryError(SpareforslagError):
    """Mails could not be delivered: no connection, login refused, or the connection broke (see .outcomes)."""

    def __init__(self, message: str, outcomes: list | None = None, remedy: str = "") -> None:
        self.outcomes = outcomes or []
        super().__init__(message, remedy)


class LocateError(SpareforslagError):
    """No table was found in the official workbook, or two fit equally well; ``hint`` says what to do."""

    def __init__(self, problem: str, hint: str = "", remedy: str = "") -> None:
        self.problem = problem
        self.hint = hint
        super().__init__(problem, remedy)


class UnitConflict(SpareforslagError):
    """Two units are named equally near one table (see .mentions)."""

    def __init__(self, mentions: list) -> None:
        self.mentions = mentions
        super().__init__(", ".join(f"{m.unit} ({m.address})" for m in mentions))
