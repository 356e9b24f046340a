"""The sub-headings of a theme's texts in the master: a line of its own that starts with '# '.

A theme's texts ('Beskrivelse af opgaven' …) are paragraphs separated by a blank line. A
sub-heading of the document ('### Videre proces') is kept in the cell as a line of its own,
``# Videre proces``, which a person editing the master can read, type and move; the report
shows it as a heading above the paragraphs that follow it. ``#`` without a space after it
('#1 prioritet') is ordinary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING_MARK = "#"
_HEADING = re.compile(r"^[ \t]*#+[ \t]+(\S.*?)\s*$")


@dataclass(frozen=True)
class TextPart:
    """A paragraph of a theme's text, or one of its sub-headings."""

    text: str
    heading: bool = False


def heading_line(title: str) -> str:
    """Return the line that marks title as a sub-heading in a master's text: 'Videre proces' → '# Videre proces'."""
    return f"{HEADING_MARK} {' '.join(title.split())}"


def heading_of(line: str) -> str:
    """Return the sub-heading a line marks ('# Videre proces' → 'Videre proces'), or '' for other text."""
    m = _HEADING.match(line)
    return m.group(1) if m else ""


def text_parts(text: str) -> list[TextPart]:
    """Return the sub-headings and paragraphs of a text in order; a heading line needs no blank line around it."""
    parts: list[TextPart] = []
    for chunk in text.split("\n\n"):
        lines: list[str] = []
        for line in chunk.split("\n"):
            title = heading_of(line)
            if not title:
                lines.append(line)
                continue
            _paragraph(parts, lines)
            lines = []
            parts.append(TextPart(title, heading=True))
        _paragraph(parts, lines)
    return parts


def _paragraph(parts: list[TextPart], lines: list[str]) -> None:
    paragraph = "\n".join(lines).strip()
    if paragraph:
        parts.append(TextPart(paragraph))
