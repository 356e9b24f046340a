"""The exceptions the library raises; the CLI turns each into a message and an exit code."""

from __future__ import annotations


class SpareforslagError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(SpareforslagError):
    """An input file cannot be read at all (missing, not a workbook, damaged, refused)."""

    def __init__(self, path: object, problem: str, hint: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        text = f"{self.path}: {problem}"
        if hint:
            text += f" {hint}"
        super().__init__(text)


class FindingsError(SpareforslagError):
    """The input was read but holds errors that stop the command (see .findings)."""

    def __init__(self, message: str, findings: list) -> None:
        self.findings = findings
        super().__init__(message)


class UsageError(SpareforslagError):
    """The command asked for something the input does not have (such as an unknown department code)."""

    def __init__(self, message: str, option: str = "") -> None:
        self.option = option
        """The command-line option the problem is about ('--only'), for the message."""
        super().__init__(message)


class OutputError(SpareforslagError):
    """An output file cannot be written (open in Excel, read-only, outside the target folder)."""


class DeliveryError(SpareforslagError):
    """Mails could not be delivered: no connection, login refused, or the connection broke (see .outcomes)."""

    def __init__(self, message: str, outcomes: list | None = None) -> None:
        self.outcomes = outcomes or []
        super().__init__(message)
