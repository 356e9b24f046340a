"""Finds the document's outline: title, subtitle, the overview table and each theme's section.

A section starts at a '# Tema N: …' heading. Word-to-Markdown conversion sometimes loses
that heading, so a section also starts where a sub-heading ('## Beskrivelse af opgaven',
'## Identificeret potentiale', '## Fordeling på afdeling') comes again or out of order.
``match_sections`` then gives each section its theme of the overview: by number when the
heading survived, otherwise by its place between the numbered sections and by its totals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from spareforslag_xl.importer.blocks import Block, Heading, Paragraph, Table
from spareforslag_xl.importer.numbers import unit_in

DESCRIPTION, POTENTIAL, DISTRIBUTION = "description", "potential", "distribution"
PART_ORDER = (DESCRIPTION, POTENTIAL, DISTRIBUTION)
_PART_NAMES = {
    DESCRIPTION: ("beskrivelse af opgaven", "beskrivelse"),
    POTENTIAL: ("identificeret potentiale", "identificerede potentiale", "potentiale"),
    DISTRIBUTION: ("fordeling på afdeling", "fordeling på afdelinger", "fordeling på magistratsafdelinger",
                   "fordeling"),
}
_THEME_HEADING = re.compile(r"^tema\s+(\d+[a-z]?)\b\s*[:.–—-]?\s*(.*)$", re.IGNORECASE)
_OVERVIEW_NAMES = ("oversigt", "overblik", "sammenfatning")


@dataclass
class Section:
    """A theme's part of the document, with its blocks sorted into the three sub-sections."""

    line: int
    heading: Heading | None = None
    number: str = ""
    """The number in the heading ('' when the heading was lost)."""
    title: str = ""
    parts: dict[str, list[Block]] = field(default_factory=dict)
    part_lines: dict[str, int] = field(default_factory=dict)
    intro: list[Block] = field(default_factory=list)
    """Blocks between the heading and the first sub-heading."""
    last_line: int = 0

    def blocks(self, part: str) -> list[Block]:
        return self.parts.get(part, [])


@dataclass
class Outline:
    title: Heading | None = None
    subtitle: Paragraph | None = None
    overview_heading: Heading | None = None
    overview: Table | None = None
    sections: list[Section] = field(default_factory=list)
    ignored: list[Block] = field(default_factory=list)
    """Blocks outside the overview and the sections (reported, not imported)."""


def part_of(heading: Heading) -> str | None:
    """Return which sub-section a heading opens, or None; a table caption with a unit is none."""
    if heading.level < 2:
        return None
    text = _fold(heading.text)
    if unit_in(heading.text) is not None:
        return None  # '### Identificeret potentiale (1.000 kr)' captions a table
    for part, names in _PART_NAMES.items():
        if any(text == n or text.startswith(n + " ") or text.startswith(n + ":") for n in names):
            return part
    return None


def theme_heading(heading: Heading) -> tuple[str, str] | None:
    """Return (number, title) of a '# Tema N: Title' heading, or None."""
    m = _THEME_HEADING.match(heading.text.strip())
    return (m.group(1), m.group(2).strip()) if m else None


def outline(blocks: Sequence[Block], is_overview_table) -> Outline:
    """Return the outline of a document; is_overview_table(table) tells the overview table apart."""
    out = Outline()
    current: Section | None = None
    part: str | None = None
    seen_overview_heading = False
    for block in blocks:
        if isinstance(block, Heading):
            theme = theme_heading(block) if block.level <= 2 and part_of(block) is None else None
            name = _fold(block.text)
            if block.level == 1 and theme is None and name in _OVERVIEW_NAMES:
                out.overview_heading = block
                seen_overview_heading = True
                current, part = None, None
                continue
            if theme is not None:
                current = Section(block.line, block, theme[0], theme[1])
                out.sections.append(current)
                part = None
                continue
            opened = part_of(block)
            if opened is not None:
                if current is None or (part is not None and PART_ORDER.index(opened) <= PART_ORDER.index(part)) \
                        or (part is None and current.heading is None):
                    current = Section(block.line)
                    out.sections.append(current)
                part = opened
                current.parts.setdefault(part, [])
                current.part_lines.setdefault(part, block.line)
                continue
            if block.level == 1:
                if out.title is None and not out.sections and out.overview is None:
                    out.title = block
                    current, part = None, None
                    continue
                if out.overview is not None:
                    # A level-1 heading after the overview that is not 'Tema N': a theme whose number was lost.
                    current = Section(block.line, block, "", block.text.strip())
                    out.sections.append(current)
                    part = None
                    continue
        if isinstance(block, Table) and out.overview is None and current is None and is_overview_table(block):
            out.overview = block
            continue
        if isinstance(block, Paragraph) and out.title is not None and out.subtitle is None and current is None \
                and out.overview is None and not seen_overview_heading and _is_emphasised(block):
            out.subtitle = block
            continue
        if current is None:
            out.ignored.append(block)
        elif part is None:
            current.intro.append(block)
        else:
            current.parts[part].append(block)
    for section in out.sections:
        ends = [b.line if isinstance(b, Heading) else b.last_line for b in _all_blocks(section)]
        section.last_line = max(ends + [section.line])
    return out


def _all_blocks(section: Section) -> list[Block]:
    return [*section.intro, *(b for part in section.parts.values() for b in part)]


def _is_emphasised(p: Paragraph) -> bool:
    text = p.raw.strip()
    return (text.startswith("*") and text.endswith("*")) or (text.startswith("_") and text.endswith("_")) \
        or text.lower().startswith("<i>")


def _fold(text: str) -> str:
    return " ".join(text.replace("*", "").split()).casefold()


# -- matching sections to the overview ----------------------------------------------------------------
@dataclass(frozen=True)
class OverviewTheme:
    number: str
    name: str
    amounts: Mapping[int, Decimal | None]
    """The overview's amounts; None for '-'."""
    note_only: bool = False
    """True for a theme with only a note ('(temaet er slået ind under tema 8)')."""


@dataclass(frozen=True)
class Match:
    section: int
    """Index of the section."""
    theme: str | None
    """The overview theme's number, or None when no theme fits."""
    how: str
    """'number', 'title', 'position' (a lost heading) or 'none'."""
    totals_agree: bool = True


MISMATCH = -5


def totals_score(overview: Mapping[int, Decimal | None], section: Mapping[int, Decimal | None]) -> int:
    """Return how well a section's totals fit an overview row: 2 per equal year, 1 per '-' against 0."""
    score = 0
    for year, stated in overview.items():
        mine = section.get(year)
        if stated is not None and mine is not None:
            score += 2 if stated == mine else MISMATCH
        elif stated is None and (mine is None or mine == 0):
            score += 1
        else:
            score += MISMATCH
    return score


def match_sections(themes: Sequence[OverviewTheme], sections: Sequence[tuple[str, str]],
                   totals: Sequence[Mapping[int, Decimal | None]]) -> list[Match]:
    """Return the overview theme of each section (given as (number, title) with its totals)."""
    numbers = [t.number for t in themes]
    matches: list[Match | None] = [None] * len(sections)
    taken: set[str] = set()
    for i, (number, _title) in enumerate(sections):
        if number and number in numbers and number not in taken:
            matches[i] = Match(i, number, "number", _agree(themes[numbers.index(number)], totals[i]))
            taken.add(number)
    for i, (number, title) in enumerate(sections):
        if matches[i] is None and not number and title:
            for t in themes:
                if t.number not in taken and _fold(t.name) == _fold(title):
                    matches[i] = Match(i, t.number, "title", _agree(t, totals[i]))
                    taken.add(t.number)
                    break
    i = 0
    while i < len(sections):
        if matches[i] is not None or sections[i][0]:
            i += 1
            continue
        j = i
        while j < len(sections) and matches[j] is None and not sections[j][0]:
            j += 1
        left, right = matches[i - 1] if i > 0 else None, matches[j] if j < len(sections) else None
        before = _position(numbers, left.theme) if left and left.theme else -1
        after = _position(numbers, right.theme) if right and right.theme else len(themes)
        candidates = [k for k in range(before + 1, after) if numbers[k] not in taken]
        for index, theme in _assign(themes, candidates, list(range(i, j)), totals):
            if theme is None:
                matches[index] = Match(index, None, "none", False)
            else:
                matches[index] = Match(index, theme.number, "position", _agree(theme, totals[index]))
                taken.add(theme.number)
        i = j
    return [m if m is not None else Match(k, None, "none", False) for k, m in enumerate(matches)]


def _assign(themes, candidates: list[int], indexes: list[int], totals):
    """Return (section index, theme or None) for a run of unnumbered sections, keeping the order."""
    k = min(len(indexes), len(candidates))
    best, best_score = None, None
    for chosen in combinations(candidates, k):
        for placed in combinations(range(len(indexes)), k):
            score = 0
            for c, p in zip(chosen, placed, strict=True):
                theme = themes[c]
                score += totals_score(theme.amounts, totals[indexes[p]]) - (3 if theme.note_only else 0)
            if best_score is None or score > best_score:
                best, best_score = (chosen, placed), score
    result = [(index, None) for index in indexes]
    if best is not None:
        for c, p in zip(*best, strict=True):
            result[p] = (indexes[p], themes[c])
    return result


def _agree(theme: OverviewTheme, totals: Mapping[int, Decimal | None]) -> bool:
    return totals_score(theme.amounts, totals) >= 0 and all(
        (a is None and (totals.get(y) in (None, 0))) or a == totals.get(y) for y, a in theme.amounts.items())


def _position(numbers: list[str], number: str | None) -> int:
    return numbers.index(number) if number in numbers else -1
