"""Every table a renderer planned fits the page it planned for, once every row has its final height.

A table decides while it is written whether it starts on a new page and where it continues; rows
written later (a summary written after the tables below it, a note under a total, the FTE note)
must have been counted with the height they print with, or a planned page overflows and the
printing program splits the table where the plan said it would not. Checked without LibreOffice,
on plans made to sit at the edge: a department sheet with one long theme, an overview whose key
note wraps under each of many split tables.
"""

from __future__ import annotations

import pytest

from spareforslag_xl.core.compute import compute
from spareforslag_xl.model.plan import Method, ProposalLine, Rule, Theme
from spareforslag_xl.workbook import pages, sheet
from spareforslag_xl.render.department import department_bytes
from spareforslag_xl.render.report import report_bytes
from tests.plans import ADMIN, DEPARTMENTS, amounts, key, replace_plan, sample_plan


@pytest.fixture
def overflows(monkeypatch) -> list[tuple]:
    """Record every table whose first page, with the rows' final heights, is taller than planned."""
    tables: list = []
    found: list[tuple] = []
    start = pages.Table.__init__
    setup = sheet.SheetWriter.print_setup

    def init(self, writer, row, header, *args, **kwargs):
        start(self, writer, row, header, *args, **kwargs)
        tables.append((writer, self))

    def print_setup(self, *args, **kwargs):
        setup(self, *args, **kwargs)
        heights = [self.height_of(r) for r in range(max(self.used_rows) + 1)]
        for writer, t in tables:
            if writer is not self:
                continue
            plan = pages.PagePlan(heights[:t.first], self._page, 0, frozenset(self.chart_rows),
                                  {k: v for k, v in self.decided.items() if k < t.first})
            for first, end in pages.blocks(self.used_rows, t.first):
                plan.add(first, end)
            above = 0 if t.decided.before else plan.filled + sum(heights[plan.previous:t.first])
            end = t.decided.splits[0] if t.decided.splits else t.first
            while not t.decided.splits and end in self.used_rows:
                end += 1
            height = above + sum(heights[t.first:end])
            if height > self._page:
                found.append((self.name, t.first, round(height), round(self._page)))

    monkeypatch.setattr(pages.Table, "__init__", init)
    monkeypatch.setattr(sheet.SheetWriter, "print_setup", print_setup)
    return found


def test_a_department_sheet_with_one_long_theme_fits_its_planned_pages(overflows):
    base = sample_plan()
    themes = tuple(Theme(str(i), f"Et langt tema nummer {i} om digitalisering og automatisering af processer",
                         rule=Rule(Method.KEY, ADMIN)) for i in range(1, 8))
    for n in range(1, 30):
        lines = tuple(ProposalLine(str(i), str(j), f"Forslag {j} med en titel", amounts(100, 100, 100, 100))
                      for i in range(1, 8) for j in range(1, (n if i == 1 else 1) + 1))
        result = compute(replace_plan(base, themes=themes, lines=lines, fixed=()))
        department_bytes(result, base.departments[0].code)
    assert overflows == []


def test_split_tables_with_a_wrapping_key_note_fit_their_planned_pages(overflows):
    base = sample_plan()
    keys = (key(ADMIN, {c: ("0.10" if i == 0 else s) for i, (c, _, s) in enumerate(DEPARTMENTS)}),) + base.keys[1:]
    for n in range(1, 30):
        themes = tuple(Theme(str(i), f"Tema {i} om noget", rule=Rule(Method.KEY, ADMIN)) for i in range(1, n + 1))
        lines = tuple(ProposalLine(str(i), "", "Forslag", amounts(100, 100, 100, 100)) for i in range(1, n + 1))
        report_bytes(compute(replace_plan(base, themes=themes, lines=lines, fixed=(), keys=keys)), ())
    assert overflows == []


def test_the_tables_of_aendringer_fit_their_planned_pages(overflows):
    """What changed and what it means, each table long enough to continue: n themes whose lines all
    save less now, so every department's part of every theme changes."""
    from spareforslag_xl.core.diff import diff_plans
    from spareforslag_xl.render.changes import changes_bytes

    base = sample_plan()
    for n in range(1, 16):
        title = "Et langt tema nummer {} om digitalisering, automatisering og ledelsesinformation"
        themes = tuple(Theme(str(i), title.format(i), rule=Rule(Method.KEY, ADMIN)) for i in range(1, n + 1))

        def plan(amount: int):
            lines = tuple(ProposalLine(str(i), "1", f"Forslag om tema {i}", amounts(amount, amount, amount, amount))
                          for i in range(1, n + 1))
            return replace_plan(base, themes=themes, lines=lines, fixed=())

        changes_bytes(diff_plans(plan(100), plan(90)))
    assert overflows == []
