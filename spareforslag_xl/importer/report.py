"""The import report: what was read from which lines, what was inferred, what was left as text.

Each entry has a status; REVIEW means a person should look at the document and the master
before using it (the command then exits 1, but still writes the master).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Optional


class Status(Enum):
    """How an entry was handled; the values are the Danish words on the sheet 'Importrapport'."""

    READ = "Læst"
    INFERRED = "Udledt"
    TEXT = "Bevaret som tekst"
    REVIEW = "Skal ses af en person"
    INFO = "Information"

    @property
    def english(self) -> str:
        return {"READ": "read", "INFERRED": "inferred", "TEXT": "kept as text", "REVIEW": "needs review",
                "INFO": "info"}[self.name]


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
        place = f"line {self.lines}: " if self.line else ""
        theme = f"tema {self.theme}: " if self.theme else ""
        return f"{self.status.english}: {place}{theme}{self.message}"


@dataclass
class ImportReport:
    entries: list[Entry] = field(default_factory=list)

    def add(self, status: Status, topic: str, message: str, line: int = 0, last_line: int = 0,
            theme: Optional[str] = "") -> None:
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
        return (f"{counts[Status.READ]} read, {counts[Status.INFERRED]} inferred, "
                f"{counts[Status.TEXT]} kept as text, {review} {'needs' if review == 1 else 'need'} review")
