"""The import report: what was read from which lines, what was inferred, what was left as text.

Each entry has a status; REVIEW means a person should look at the document and the master
before using it (the command then exits 1, but still writes the master).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from spareforslag_xl.model.i18n import N_, _, ngettext


class Status(Enum):
    """How an entry was handled; the values are the Danish words on the sheet 'Importrapport'."""

    READ = "Læst"  # the sheet's words; .label is what the terminal says
    INFERRED = "Udledt"
    TEXT = "Bevaret som tekst"
    REVIEW = "Skal ses af en person"
    INFO = "Information"

    @property
    def label(self) -> str:
        """'read', 'needs review' … in the language in use (the terminal's words)."""
        return _(_LABELS[self.name])


_LABELS = {"READ": N_("read"), "INFERRED": N_("inferred"), "TEXT": N_("kept as text"), "REVIEW": N_("needs review"),
           "INFO": N_("info")}


@dataclass(frozen=True)
class Entry:
    status: Status
    topic: str
    """What the entry is about in a few words ('overview', 'lines', 'distribution', 'heading' …)."""
    message: str
    line: int = 0
    """The first document line concerned (0 for the whole document)."""
    last_line: int = 0
    theme: str = ""

    @property
    def lines(self) -> str:
        if not self.line:
            return ""
        if self.last_line and self.last_line != self.line:
            return f"{self.line}-{self.last_line}"
        return str(self.line)

    def __str__(self) -> str:
        place = _("line {lines}: ").format(lines=self.lines) if self.line else ""
        theme = f"tema {self.theme}: " if self.theme else ""
        return f"{self.status.label}: {place}{theme}{self.message}"


@dataclass
class ImportReport:
    entries: list[Entry] = field(default_factory=list)

    def add(self, status: Status, topic: str, message: str, line: int = 0, last_line: int = 0,
            theme: str | None = "") -> None:
        self.entries.append(Entry(status, topic, message, line, last_line, theme or ""))

    def read(self, topic: str, message: str, line: int = 0, last_line: int = 0, theme: str = "") -> None:
        self.add(Status.READ, topic, message, line, last_line, theme)

    def inferred(self, topic: str, message: str, line: int = 0, last_line: int = 0, theme: str = "") -> None:
        self.add(Status.INFERRED, topic, message, line, last_line, theme)

    def text(self, topic: str, message: str, line: int = 0, last_line: int = 0, theme: str = "") -> None:
        self.add(Status.TEXT, topic, message, line, last_line, theme)

    def review(self, topic: str, message: str, line: int = 0, last_line: int = 0, theme: str = "") -> None:
        self.add(Status.REVIEW, topic, message, line, last_line, theme)

    def info(self, topic: str, message: str, line: int = 0, last_line: int = 0, theme: str = "") -> None:
        self.add(Status.INFO, topic, message, line, last_line, theme)

    @property
    def needs_review(self) -> bool:
        return any(e.status is Status.REVIEW for e in self.entries)

    def of(self, status: Status) -> list[Entry]:
        return [e for e in self.entries if e.status is status]

    def summary(self) -> str:
        """Return e.g. '41 read, 6 inferred, 3 kept as text, 4 need review'."""
        counts = {s: len(self.of(s)) for s in Status}
        review = counts[Status.REVIEW]
        return _("{read} read, {inferred} inferred, {text} kept as text, {review}").format(
            read=counts[Status.READ], inferred=counts[Status.INFERRED], text=counts[Status.TEXT],
            review=ngettext("{n} needs review", "{n} need review", review).format(n=review))
