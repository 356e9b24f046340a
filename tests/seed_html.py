"""The seed document as HTML with real tables: what other programs (LibreOffice, Pandoc) make Word files of.

Headings, paragraphs, bulleted lists, TAB rows as tables with their <b>/<i> markup, *…* as italics,
as a budget office's Word document has them; what the Markdown dialect calls a table separator
line is dropped.
"""

from __future__ import annotations

import html
import re


def seed_as_html(text: str) -> str:
    """The seed document as HTML with real tables, as a Word user's document has them."""
    out: list[str] = []
    table: list[str] = []
    items: list[str] = []

    def close() -> None:
        if table:
            out.append("<table border='1'>" + "".join(table) + "</table>")
            table.clear()
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items.clear()

    for line in text.splitlines():
        if "\t" in line and not set(line) <= set("-\t "):
            cells = "".join(f"<td>{_inline(c)}</td>" for c in line.split("\t"))
            table.append(f"<tr>{cells}</tr>")
            continue
        if table and (not line.strip() or set(line) <= set("-\t ")):
            continue  # a blank or separator line inside a table
        close()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif line.startswith("- "):
            items.append(f"<li>{_inline(line[2:])}</li>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    close()
    return "<html><head><meta charset='utf-8'></head><body>" + "\n".join(out) + "</body></html>"


def _inline(text: str) -> str:
    escaped = html.escape(text.strip().replace("\\*", "*"), quote=False)
    escaped = re.sub(r"&lt;(/?)([bi])&gt;", r"<\1\2>", escaped)
    return re.sub(r"(?<![\w*])\*([^*]+)\*(?![\w*])", r"<i>\1</i>", escaped)
