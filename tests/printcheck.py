"""What a reader gets on paper: workbooks rendered to PDF by LibreOffice, read back word by word.

`pdftotext -bbox` gives every word of every page with its box. From the boxes:

- the text size: a word's box is 1.3 × its font size high (Carlito, Calibri's metrics, as LibreOffice prints it;
  measured: 13.0 pt for 10 pt text at 100 %);
- overlapping words: two boxes that cover each other (wrapped text printed over the next row);
- repeated headers: every line that is a table's header row (read from the workbook: a row in the
  header fill) must be followed on its page by a row of that table, not by prose, another table
  or nothing (a header at the foot of a page, or repeated over a table it does not belong to);
- continued tables: a page must not begin with a row of a table's body (the table continues from
  the previous page without its header), nor with the header of a table that has a name (the row
  right above its header, such as a department's name) without that name above it;
- pages across: a page must not begin with the tail of a header row (columns B… of a sheet printed
  more than one page wide, whose repeated header row then starts in the middle).

Run as a script to measure workbooks: ``python -m tests.printcheck OUT FILE.xlsx …``.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BOX_PER_POINT = 1.3
MIN_POINTS = 7.0
HEADER_FILLS = {"FFDDE5F0"}

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def points(self) -> float:
        return (self.y1 - self.y0) / BOX_PER_POINT


@dataclass
class Report:
    pdf: Path
    pages: int = 0
    smallest: float = 99.0
    small: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    continued: list[str] = field(default_factory=list)
    across: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.small + self.overlaps + self.headers + self.continued + self.across


BOTTOM_MARGIN = 0.7 * 72
"""The bottom margin every sheet prints with (workbook/sheet.py), in points; the footer stands in it."""


def pages(pdf: Path) -> list[list[Word]]:
    """Return the visible words of each page of a PDF."""
    return [words for _, words in sized_pages(pdf)]


def sized_pages(pdf: Path) -> list[tuple[float, list[Word]]]:
    """Return the height and the visible words of each page of a PDF."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(height),
             visible([Word(html.unescape(m.group(5)), *map(float, m.groups()[:4])) for m in _WORD.finditer(body)],
                     float(height)))
            for _, height, body in _PAGE.findall(out)]


def visible(words: list[Word], height: float) -> list[Word]:
    """Leave out words in the bottom margin that are not the footer's: LibreOffice draws a chart that
    starts on the next page also on this one, clipped to the printed area, so its text is in the PDF
    although nobody sees it. The footer is the line with 'Side' (the page number)."""
    bottom = height - BOTTOM_MARGIN + 2
    footer = {round(w.y0) for w in words if w.y0 > bottom - 12 and w.text == "Side"}
    return [w for w in words if w.y1 <= bottom or round(w.y0) in footer]


def lines(words: list[Word]) -> list[list[Word]]:
    """Group a page's words into lines (same top within a point), top to bottom, left to right."""
    result: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.y0), w.x0)):
        if result and abs(result[-1][0].y0 - w.y0) < 1.0:
            result[-1].append(w)
        else:
            result.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in result]


def overlapping(words: list[Word]) -> list[tuple[Word, Word]]:
    """Return pairs of words whose boxes cover each other: more than a point across and 40 % of a
    line's height (the boxes of a cell's consecutive lines touch by a point or two)."""
    pairs = []
    ordered = sorted(words, key=lambda w: w.y0)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            tall = 0.4 * min(a.y1 - a.y0, b.y1 - b.y0)
            if b.y0 >= a.y1 - tall:
                break
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 1.0 and min(a.y1, b.y1) - max(a.y0, b.y0) > tall:
                pairs.append((a, b))
    return pairs


def inked(pdf: Path, page: int, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Return whether anything is drawn in a box of a page (in points): pdftoppm renders just that box."""
    dpi = 144
    f = dpi / 72
    left, top = int(x0 * f), int(y0 * f)
    width, height = max(1, int(x1 * f) - left), max(1, int(y1 * f) - top)
    image = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray",
                            "-x", str(left), "-y", str(top), "-W", str(width), "-H", str(height), str(pdf)],
                           capture_output=True, check=True).stdout
    # a binary PGM: 'P5', width, height, maxval, then one byte a pixel
    header = image.split(maxsplit=4)
    return any(byte < 160 for byte in header[4][-width * height:])


def drawn(pdf: Path, page: int, word: Word, words: list[Word]) -> bool:
    """Return whether a word is drawn: LibreOffice also writes the text of a chart that starts on the
    next page onto this one, clipped away below the page's last row; a word of it may lie by the
    footer's line, where ``visible`` keeps it. The word is looked for where no other word covers it
    (a word covered all over counts as drawn)."""
    free = [(word.x0 + 1, word.x1 - 1)]
    for other in words:
        if other is word or other.y1 <= word.y0 or other.y0 >= word.y1:
            continue
        free = [part for x0, x1 in free
                for part in ((x0, min(x1, other.x0 - 1)), (max(x0, other.x1 + 1), x1)) if part[1] - part[0] > 1]
    return not free or any(inked(pdf, page, x0, word.y0, x1, word.y1) for x0, x1 in free)


@dataclass(frozen=True)
class Table:
    """A header row of a workbook and the first words of the rows of its table."""

    signature: tuple[str, ...]
    words: frozenset[str]
    rows: frozenset[str]
    where: str


def _first_word(value) -> str:
    text = str(value).strip() if value is not None else ""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text.split()[0] if text.split() else ""


def tables(xlsx: Path) -> list[Table]:
    """Return every table of a workbook: its header row (cells in the header fill) and its rows."""
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    found = []
    for ws in book.worksheets:
        rows = list(ws.iter_rows())
        for r, row in enumerate(rows):
            head = [c for c in row if c.value is not None and c.fill is not None
                    and c.fill.fgColor is not None and c.fill.fgColor.rgb in HEADER_FILLS]
            if len(head) < 2:
                continue
            body = set()
            for below in rows[r + 1:]:
                values = [c for c in below if c.value is not None]
                if not values or any(c.fill.fgColor.rgb in HEADER_FILLS for c in values):
                    break
                body.add(_first_word(values[0].value))
            words = frozenset(w for c in head for w in str(c.value if not isinstance(c.value, float) else
                                                              int(c.value)).split())
            found.append(Table(tuple(_first_word(c.value) for c in head), words, frozenset(body),
                               f"{ws.title}!{head[0].coordinate}"))
    return found


@dataclass(frozen=True)
class Row:
    """A row of a workbook as a page may begin with it: the words of its first cell and its part in a table."""

    words: tuple[str, ...]
    role: str
    """'header' (in the header fill), 'name' (right above a header), 'body' (below a header) or 'other'."""
    where: str
    signature: tuple[str, ...] = ()
    """A header's first words of its cells; its name row's words when it has one."""
    name: tuple[str, ...] = ()


def _cell_words(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return tuple(str(value).split())


def rows(xlsx: Path) -> list[Row]:
    """Return every row of a workbook that has text, with its role in a table."""
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    found = []
    for ws in book.worksheets:
        cells = [[c for c in row if c.value is not None] for row in ws.iter_rows()]
        is_header = [len([c for c in row if c.fill is not None and c.fill.fgColor is not None
                          and c.fill.fgColor.rgb in HEADER_FILLS]) >= 2 for row in cells]
        in_body = False
        for r, row in enumerate(cells):
            if not row:
                in_body = False
                continue
            where = f"{ws.title}!{row[0].coordinate}"
            if is_header[r]:
                # A table's name is a bold row right above its header (a section, a department's name).
                above = cells[r - 1] if r > 0 and not is_header[r - 1] else []
                above = above if above and above[0].font is not None and above[0].font.b else []
                found.append(Row(_cell_words(row[0].value), "header", where,
                                 tuple(_first_word(c.value) for c in row),
                                 _cell_words(above[0].value) if above else ()))
                in_body = True
            elif r + 1 < len(cells) and is_header[r + 1]:
                found.append(Row(_cell_words(row[0].value), "name", where))
            else:
                found.append(Row(_cell_words(row[0].value), "body" if in_body else "other", where))
    return found


def _common(a: list[str], b: tuple[str, ...]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def classify(line: list[Word], known: list[Row]) -> list[Row]:
    """Return the rows a page's first line is most likely the first line of: those whose first cell's
    words the line begins with (all of them, or at least three of a text that wraps)."""
    texts = [w.text for w in line]
    best, found = 0, []
    for row in known:
        n = _common(texts, row.words)
        if not row.words or (n < len(row.words) and n < 3):
            continue
        if n > best:
            best, found = n, [row]
        elif n == best:
            found.append(row)
    return found


def _continues(line: list[Word], known: list[Row]) -> str:
    """Return why a page may not begin with line, or ''."""
    candidates = classify(line, known)
    if candidates and all(r.role == "body" for r in candidates):
        return f"begins with {candidates[0].where} of a table without its header"
    headers = [r for r in candidates if r.role == "header" and r.signature and _is_header(line, r)]
    if headers and all(r.name for r in headers):
        return f"begins with the header {headers[0].where} without its name {' '.join(headers[0].name)!r} above it"
    return ""


def _cut_across(line: list[Word], known: list[Row]) -> str:
    """Return the header row line is the tail of (a page right of a sheet's first page across), or ''."""
    texts = [w.text for w in line]
    heads = [r for r in known if r.role == "header" and len(r.signature) > 1]
    if any(_is_header(line, Table(r.signature, frozenset(), frozenset(), r.where)) for r in heads):
        return ""
    for r in heads:
        for k in range(1, len(r.signature)):
            tail = Table(r.signature[k:], frozenset(), frozenset(), r.where)
            if texts[0] == r.signature[k] and _is_header(line, tail):
                return r.where
    return ""


def _is_header(line: list[Word], table: Table) -> bool:
    texts = [w.text for w in line]
    at = 0
    for word in table.signature:
        try:
            at = texts.index(word, at) + 1
        except ValueError:
            return False
    return texts[0] == table.signature[0]


def check(pdf: Path, xlsx: Path | None = None) -> Report:
    """Measure a PDF: its pages, smallest text, overlapping words and misplaced headers."""
    report = Report(pdf)
    known: dict[tuple[str, ...], Table] = {}
    for t in tables(xlsx) if xlsx is not None else []:
        # Tables with the same header (every theme's proposals) count as one: a row of any of them may follow.
        same = known.get(t.signature)
        known[t.signature] = t if same is None else Table(t.signature, same.words | t.words, same.rows | t.rows,
                                                            same.where)
    known_rows = rows(xlsx) if xlsx is not None else []
    for number, (height, words) in enumerate(sized_pages(pdf), start=1):
        report.pages += 1
        for w in words:
            report.smallest = min(report.smallest, round(w.points, 1))
        small = [w for w in words if w.points < MIN_POINTS - 0.05]
        if small:
            report.small.append(f"{pdf.name} page {number}: {len(small)} words under {MIN_POINTS:g} pt "
                                f"({small[0].points:.1f} pt: {' '.join(w.text for w in small[:6])})")
        footer_top = max((w.y0 for w in words), default=0) - 2
        # In the bottom margin a word may be a chart's, clipped away (see visible): only drawn ones count.
        margin = height - BOTTOM_MARGIN + 2
        pairs = [(a, b) for a, b in overlapping(words)
                 if max(a.y1, b.y1) <= margin or (drawn(pdf, number, a, words) and drawn(pdf, number, b, words))]
        if pairs:
            a, b = pairs[0]
            report.overlaps.append(f"{pdf.name} page {number}: {len(pairs)} overlapping words ({a.text!r} over {b.text!r})")
        page_lines = lines(words)
        # The page's first row of cells: text starting at column A's left edge (a chart's centred title is not one).
        left = min((w.x0 for w in words), default=0)
        top = [ln for ln in page_lines if ln[0].y0 < footer_top and ln[0].x0 < left + 3]
        if top and known_rows:
            why = _continues(top[0], known_rows)
            if why:
                report.continued.append(f"{pdf.name} page {number}: {why} ({' '.join(w.text for w in top[0][:6])!r})")
        rows_on_page = [ln for ln in page_lines if ln[0].y0 < footer_top]
        if rows_on_page and known_rows:
            cut = _cut_across(rows_on_page[0], known_rows)
            if cut:
                report.across.append(f"{pdf.name} page {number}: begins with the tail of the header {cut}: "
                                     "the sheet prints more than one page wide")
        for i, line in enumerate(page_lines):
            for table in known.values():
                if not _is_header(line, table):
                    continue
                below = [ln for ln in page_lines[i + 1:] if ln[0].y0 < footer_top
                         and not all(w.text in table.words for w in ln)]
                first = below[0][0].text if below else ""
                if (not below and table.rows) or (below and table.rows and first not in table.rows):
                    what = f"above {first!r}" if below else "at the foot of the page"
                    report.headers.append(f"{pdf.name} page {number}: the header of {table.where} stands {what}")
                break
    return report


METRIC_TWINS = {"Calibri": "Carlito"}
"""A font a workbook names → the free font with its metrics that LibreOffice prints it with on Linux."""


def named_fonts(xlsx: Path) -> set[str]:
    """Return the fonts a workbook names (its cell styles' and its charts' typefaces)."""
    import zipfile

    found = set()
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            if name == "xl/styles.xml" or name.startswith("xl/charts/"):
                text = z.read(name).decode("utf-8")
                found |= set(re.findall(r'<(?:\w+:)?name val="([^"]+)"', text))
                found |= {f for f in re.findall(r'typeface="([^"]*)"', text) if f and not f.startswith("+")}
    return found


def pdf_fonts(pdf: Path) -> set[str]:
    """Return the families of the fonts a PDF uses (pdffonts; 'ABCDEF+Carlito-Bold' → 'Carlito')."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {n.split("+", 1)[-1].split("-")[0].split(",")[0] for n in names}


def unnamed_fonts(pdf: Path, xlsx: Path) -> list[str]:
    """Return the fonts of a PDF that its workbook does not name, nor their metric twins: a stand-in
    font with other widths, so that text wraps and pages break otherwise than planned."""
    named = named_fonts(xlsx)
    allowed = named | {METRIC_TWINS[f] for f in named if f in METRIC_TWINS}
    return sorted(pdf_fonts(pdf) - allowed)


def main(argv: list[str]) -> int:
    from spareforslag_xl.io.pdf import to_pdf

    out, files = Path(argv[0]), [Path(a) for a in argv[1:]]
    problems = 0
    for xlsx in files:
        (pdf,) = to_pdf([xlsx], out / xlsx.parent.name)
        r = check(pdf, xlsx)
        problems += len(r.problems)
        print(f"{xlsx}: {r.pages} pages, smallest text {r.smallest:.1f} pt, {len(r.small)} pages with small text, "
              f"{len(r.overlaps)} with overlaps, {len(r.headers)} misplaced headers, {len(r.continued)} tables "
              f"continued without their header, {len(r.across)} pages across")
        for p in r.problems:
            print("   ", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
