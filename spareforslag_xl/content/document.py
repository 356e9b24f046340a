"""The content of the proposals document ('Administrative spareforslag'): the seed's structure, recomputed.

One section per part of the document: the front (title, subtitle, the meta line and the plan's
scenario), 'Oversigt' (themes × years, 'I alt', 'Mål', the difference to distribute) and one
section per theme: its heading, 'Beskrivelse af opgaven' with its sub-headings, 'Identificeret
potentiale' with its text, the table of lines, 'Anslået samlet besparelse' and the FTE row, and
'Fordeling på afdeling' with its text and a table per split of the theme (shares and parts for a
key, parts for fixed amounts).

A section is a ``Sheet`` whose name is its heading (the front has none); a ``Line`` whose first
cell has the role 'title', 'subtitle', 'section' or 'subsection' is a heading of that level,
'description' a paragraph, 'note' a paragraph in italics. A table whose first row has cells with
the role 'header' carries its header row itself (the department tables: label, 'Andel', years).
The writers (render/document_writer.py, render/docx_writer.py) turn this into Markdown and Word.
"""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.content.common import has_rest_row, is_keyed
from spareforslag_xl.content.nodes import (
    Block,
    Cell,
    Document,
    Figure,
    Header,
    Line,
    Properties,
    Row,
    Sheet,
    Table,
    Text,
    YearColumns,
)
from spareforslag_xl.content.theme import ThemeContent, decision_note, has_sheet
from spareforslag_xl.core.compute import Result, Split, ThemeResult
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.labels import (
    DEPARTMENT,
    DESCRIPTION,
    DISTRIBUTION,
    DOCUMENT_DECIDED,
    DOCUMENT_EXCLUDED,
    DOCUMENT_FIXED_LEAD,
    DOCUMENT_FTE_LABEL,
    DOCUMENT_NOT_DISTRIBUTED,
    DOCUMENT_SPLIT_LEAD,
    FTE_LABEL,
    OVERVIEW_HEADING,
    POTENTIAL,
    REST_LABEL,
    SCENARIO_LINE,
    SHARE,
    THEME,
    TOTAL,
    TOTAL_LABEL,
    basis_text,
    meta_line,
)
from spareforslag_xl.model.labels_decisions import DECISION_TEXT
from spareforslag_xl.model.plan import Decision, Method, ProposalLine
from spareforslag_xl.model.texts import text_parts

THEME_LEAD = "Temaets besparelse"
"""What a department table of the whole theme is called in its lead sentence (no line's number or title)."""


def document_content(result: Result, created=None) -> Document:
    """Return the proposals document of a computed plan: front, overview and one section per theme."""
    builder = _DocumentContent(result)
    plan = result.plan
    s = plan.settings
    sheets = [builder.front(), builder.overview()]
    sheets += [builder.theme(t) for t in result.themes if has_sheet(t)]
    properties = Properties(title=builder.title, subject=s.subtitle, company=s.municipality,
                            comments=meta_line(s.municipality, s.budget_year, builder.unit, builder.source),
                            created=created if created is not None else plan.created)
    return Document(sheets, properties, decimals=s.decimals, decisions=plan.scenario is not None)


class _DocumentContent(ThemeContent):
    def __init__(self, result: Result) -> None:
        super().__init__(result)
        self.decimals = result.plan.settings.decimals

    def front(self) -> Sheet:
        s = self.plan.settings
        blocks: list[Block] = [_line(self.title, "title")]
        if s.subtitle:
            blocks.append(_line(s.subtitle, "subtitle"))
        blocks.append(_line(meta_line(s.municipality, s.budget_year, self.unit, ""), "note"))
        if self.plan.scenario is not None:
            blocks.append(_line(SCENARIO_LINE[self.plan.scenario.value], "note"))
        return Sheet("", YearColumns(len(self.years)), tuple(blocks))

    def overview(self) -> Sheet:
        table = self.overview_table(self.result, lambda t, year: Figure(t.totals[year], "amount_nil"))
        table = _without_side(table, self.last_col)
        return Sheet(OVERVIEW_HEADING, YearColumns(len(self.years)), (table,))

    def theme(self, t: ThemeResult) -> Sheet:
        th = t.theme
        blocks: list[Block] = []
        if th.status:
            blocks.append(_line(th.status, "note"))
        if th.description:
            blocks += [_line(DESCRIPTION, "section"), *_paragraphs(th.description)]
        blocks += [_line(POTENTIAL, "section"), *_paragraphs(th.potential_text), self._potential(t)]
        blocks += self._excluded(t)
        blocks.append(_line(DISTRIBUTION, "section"))
        blocks += _paragraphs(th.distribution_text)
        blocks += self._splits(t)
        return Sheet(f"{THEME} {th.number}: {th.title}", YearColumns(len(self.years)), tuple(blocks))

    # -- 'Identificeret potentiale' ------------------------------------------------------------------------
    def _potential(self, t: ThemeResult) -> Table:
        n = t.theme.number
        lines, _excluded = self._decided_lines(t)
        rows: list[Row] = []
        for line, _proposed in lines:
            cells: dict[int, Cell] = {0: Text(line.label, "label" if line.number else "italic")}
            cells.update({i: Figure(line.amounts.get(y)) for i, y in enumerate(self.years, start=1)})
            rows.append(Row(cells))
        total: dict[int, Cell] = {0: Text(TOTAL_LABEL, "label_total")}
        total.update({i: Figure(t.totals[y], "amount_bold") for i, y in enumerate(self.years, start=1)})
        rows.append(Row(total, key=f"d{n}.total"))
        label = FTE_LABEL if t.salary is None else DOCUMENT_FTE_LABEL.format(salary=_number(t.salary))
        fte: dict[int, Cell] = {0: Text(label, "italic")}
        if t.salary is not None:
            fte.update({i: Figure(t.fte[y], "fte") for i, y in enumerate(self.years, start=1)})
        rows.append(Row(fte, key=f"d{n}.fte"))
        return Table(Header(f"{POTENTIAL} ({self.unit})", self.years), tuple(rows), POTENTIAL)

    def _excluded(self, t: ThemeResult) -> list[Block]:
        """A decided plan's decisions under the table, as the workbooks mark them: the lines adopted with
        other amounts or counted though postponed, and the rejected (and postponed) lines left out."""
        kept, excluded = self._decided_lines(t)
        blocks: list[Block] = []
        plain = {"", DECISION_TEXT[Decision.ADOPTED], DECISION_TEXT[Decision.PROPOSED]}
        notes = [(line, decision_note(line, proposed, self.years)) for line, proposed in kept]
        changed = [f"{line.label}: {note}" for line, note in notes if note not in plain]
        if changed:
            blocks.append(_line(DOCUMENT_DECIDED.format(lines="; ".join(changed)), "note"))
        if excluded:
            names = "; ".join(f"{proposed.label} ({_decision(line)})" for line, proposed in excluded)
            blocks.append(_line(DOCUMENT_EXCLUDED.format(lines=names), "note"))
        return blocks

    # -- 'Fordeling på afdeling' ----------------------------------------------------------------------------
    def _splits(self, t: ThemeResult) -> list[Block]:
        splits = [s for s in t.splits if any(s.amounts[y] for y in self.years)]
        distributed = [s for s in splits if s.rule is not None and s.rule.method is not Method.NONE]
        blocks: list[Block] = []
        if splits and not distributed:
            blocks.append(_line(DOCUMENT_NOT_DISTRIBUTED, "description"))
        for split in distributed:
            label = THEME_LEAD if _whole_theme(split, t) else split.label
            if is_keyed(split):
                lead = DOCUMENT_SPLIT_LEAD.format(label=label, basis=basis_text(split.basis), unit=self.unit)
            else:
                lead = DOCUMENT_FIXED_LEAD.format(label=label, unit=self.unit)
            blocks += [_line(lead, "description"), self._split_table(split)]
        return blocks

    def _split_table(self, split: Split) -> Table:
        """A split over the departments: department, its share (for a key), its part per year; the part
        not distributed; 'I alt' (the whole amount)."""
        keyed = is_keyed(split)
        first = 2 if keyed else 1
        head: dict[int, Cell] = {0: Text(f"{DEPARTMENT} ({self.unit})", "header")}
        if keyed:
            head[1] = Text(SHARE, "header")
        head.update({first + i: Figure(y, "header_num", plain=True) for i, y in enumerate(self.years)})
        rows = [Row(head)]
        for d in self.plan.departments:
            cells: dict[int, Cell] = {0: Text(d.code)}
            if keyed:
                assert split.key is not None
                cells[1] = Text(share_text(split.key.share_of(d.code)))
            cells.update({first + i: Figure(_part(split, split.parts[d.code][y], y)) for i, y in enumerate(self.years)})
            rows.append(Row(cells))
        if has_rest_row(split, self.years):
            cells = {0: Text(REST_LABEL, "italic")}
            if keyed and split.key is not None:
                cells[1] = Text(share_text(1 - split.key.total))
            cells.update({first + i: Figure(_part(split, split.rest[y], y)) for i, y in enumerate(self.years)})
            rows.append(Row(cells))
        total: dict[int, Cell] = {0: Text(TOTAL, "label_total")}
        if keyed:
            total[1] = Text(share_text(Decimal(1)), "label_total")
        total.update({first + i: Figure(split.amounts[y], "amount_bold") for i, y in enumerate(self.years)})
        rows.append(Row(total))
        return Table(None, tuple(rows), split.label)


def share_text(share: Decimal) -> str:
    """Return a share with as many decimals as it has (28,4 %; 28,41 %), so that reading it back gives it exactly."""
    percent = (share * 100).normalize()
    decimals = max(1, -int(percent.as_tuple().exponent))
    whole, _dot, frac = f"{abs(percent):.{decimals}f}".partition(".")
    sign = "-" if percent < 0 else ""
    return f"{sign}{int(whole):,}".replace(",", ".") + f",{frac} %"


def _number(value: Decimal) -> str:
    """A number with the decimals it has, the Danish way (575; 536,5)."""
    return format_danish(value, max(0, -int(value.normalize().as_tuple().exponent)))


def _part(split: Split, value: Decimal, year: int) -> Decimal | None:
    return None if split.amounts[year] is None else value


def _whole_theme(split: Split, t: ThemeResult) -> bool:
    return len(split.lines) == len(t.lines) or split.label == t.theme.label


def _decision(line: ProposalLine) -> str:
    return DECISION_TEXT[line.decision] if line.decision is not None else ""


def _line(text: str, role: str) -> Line:
    return Line(Row({0: Text(text, role, paragraph=True)}))


def _paragraphs(text: str) -> list[Block]:
    """A theme's text: its sub-headings ('# …' lines) and paragraphs."""
    return [_line(p.text, "subsection" if p.heading else "description") for p in text_parts(text)]


def _without_side(table: Table, side: int) -> Table:
    """The table without its side column (the workbook's 'Bemærkning'): the document has none."""
    rows = tuple(Row({c: cell for c, cell in r.cells.items() if c != side}, r.key) for r in table.rows)
    header = table.header
    if header is not None:
        header = Header(header.label, header.years, "", header.key)
    return Table(header, rows, table.name, table.paged)
