"""Turns Markdown prose into the plain text a master cell holds.

Paragraphs are separated by a blank line; a sub-heading becomes a line of its own marked
'# ' (``model/texts.py``: '### Videre proces' → '# Videre proces'), the report's sub-heading;
bullet lines stay one per line with '- '; emphasis markers (``**``, ``*``, ``_``, ``<b>``)
are dropped, escaped characters (``\\*``) kept, and links keep their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spareforslag_xl.importer.blocks import Block, Heading, Paragraph
from spareforslag_xl.model.texts import heading_line

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_STAR_BULLET = re.compile(r"^(\s*)[*+•]\s+")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_TAG = re.compile(r"</?(?:b|i|em|strong|u|span|br)\b[^>]*>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>\"'])")
_PLACEHOLDER = "\x00{}\x00"


def plain(text: str) -> str:
    """Return one line of Markdown as plain text: '**Bemærk:** Der' → 'Bemærk: Der'."""
    escaped: list[str] = []

    def keep(m: re.Match) -> str:
        escaped.append(m.group(1))
        return _PLACEHOLDER.format(len(escaped) - 1)

    s = _ESCAPE.sub(keep, text)
    s = _STAR_BULLET.sub(r"\1- ", s)
    s = _LINK.sub(lambda m: m.group(1) if m.group(2).strip() in ("", "#") else f"{m.group(1)} ({m.group(2).strip()})",
                  s)
    s = _TAG.sub("", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)", "", s)
    s = s.replace("*", "")
    s = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], s)
    return " ".join(s.split())


def paragraph_text(paragraph: Paragraph) -> str:
    """Return a paragraph as plain text: bullet lines one per line, wrapped lines joined."""
    out: list[str] = []
    previous = ""
    for raw in paragraph.lines:
        line = plain(raw)
        hard_break = previous.endswith("  ") or previous.endswith("\\")
        previous = raw
        if not line:
            continue
        if not out or _BULLET.match(raw) or hard_break:
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return "\n".join(out)


def blocks_text(blocks: Iterable[Block]) -> str:
    """Return the prose of blocks (paragraphs and '# ' sub-headings) separated by blank lines."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = paragraph_text(block)
        elif isinstance(block, Heading):
            title = plain(block.text)
            text = heading_line(title) if title else ""
        else:
            continue
        if text:
            parts.append(text)
    return "\n\n".join(parts)
