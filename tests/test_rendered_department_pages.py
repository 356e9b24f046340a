"""What a reader sees on the printed pages of the department workbooks and the report.

- 'Sådan er andelen beregnet': a theme's block (its heading, lines, sum, the department's part)
  is kept on one page; a block taller than a page continues, but its part never stands alone;
- every proposal line is named by its own label, never by its theme's title;
- a key's share stands beside the amounts it splits, not a column's width away from them;
- a heading or the scenario line (a text that does not wrap) is not given the height of wrapped
  text: no page holds a lone line pushed off the page before it;
- a theme has the same colour in the chart of every report of its plan.

Read back from the workbooks (openpyxl, the chart parts), and as LibreOffice prints them.
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.app.check import check_master
from spareforslag_xl.master.write import master_bytes
from spareforslag_xl.model.plan import Decision, Method, Plan, Rule
from spareforslag_xl.render.charts import PALETTE
from spareforslag_xl.workbook.sheet import WRAPPING, Styles
from tests.conftest import SEED_MASTER
from tests.plans import sample_plan

ROOT = Path(__file__).resolve().parent.parent
DETAILS = "Sådan er andelen beregnet"


def decided_seed() -> Plan:
    """The seed as decided (as the example master 'besluttet'): 7.1 rejected, 4.1 adopted with 500 in
    2024, every other line adopted."""
    plan = check_master(SEED_MASTER).plan
    lines = []
    for line in plan.lines:
        if (line.theme, line.number) == ("7", "1"):
            line = replace(line, decision=Decision.REJECTED)
        elif (line.theme, line.number) == ("4", "1"):
            line = replace(line, decision=Decision.ADOPTED, adopted={2024: Decimal(500)})
        else:
            line = replace(line, decision=Decision.ADOPTED)
        lines.append(line)
    return replace(plan, lines=tuple(lines))


def synthetic(lines: int, themes: int, departments: int, years: int) -> Plan:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_plan

    return synthetic_plan(lines, themes, departments, years)


def own_rules(plan: Plan) -> Plan:
    """Every line of a theme split by a key gets a key of its own: a split of its own, listed with its part
    on the department's sheet (lines split together by the theme's key are one row there)."""
    keyed = {t.number for t in plan.themes if t.rule is not None and t.rule.method is Method.KEY}
    return replace(plan, lines=tuple(replace(ln, rule=Rule(Method.KEY, plan.keys[1].name)) if ln.theme in keyed
                                     else ln for ln in plan.lines))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The workbooks the tests read: the seed's report and MSB, the decided seed's, one department of a
    synthetic plan whose themes fit a page (10 lines each) and of one whose themes do not (15 lines)."""
    tmp = tmp_path_factory.mktemp("pages")
    files: dict[str, Path] = {}
    seed = build_reports(SEED_MASTER, tmp / "seed", only=["MSB"]).files
    files["seed"], files["seed MSB"] = seed[0], seed[1]
    masters = {"decided": decided_seed(), "short": synthetic(120, 12, 6, 4),
               "long": own_rules(synthetic(300, 20, 8, 5))}
    for name, plan in masters.items():
        path = tmp / f"{name}.xlsx"
        path.write_bytes(master_bytes(plan))
        code = "MSB" if name == "decided" else "A00"
        out = build_reports(path, tmp / name, only=[code], force=True).files
        files[name], files[f"{name} {code}"] = out[0], out[1]
    return files


def _details(ws) -> list[tuple[int, str, bool]]:
    """(row, label, is a heading) of every row of the sheet's 'Sådan er andelen beregnet' table."""
    rows, inside = [], False
    for row in range(1, ws.max_row + 1):
        cell = ws.cell(row, 1)
        text = cell.value if isinstance(cell.value, str) else ""
        if text.startswith(DETAILS):
            inside = True
            continue
        if inside and text:
            rows.append((row, text, bool(cell.font.b and cell.font.i)))
    return rows


def _breaks(ws) -> list[int]:
    """The rows a page begins with (1-based: a break after row n begins page at n + 1)."""
    return [b.id + 1 for b in ws.row_breaks.brk]


@pytest.mark.parametrize("name", ["seed MSB", "decided MSB", "short A00"])
def test_a_theme_block_that_fits_a_page_is_kept_on_one_page(built, name):
    ws = openpyxl.load_workbook(built[name]).worksheets[0]
    rows = dict((r, (label, heading)) for r, label, heading in _details(ws))
    continued = [b for b in _breaks(ws) if ws.cell(b, 1).value == f"{DETAILS} (1.000 kr.) (fortsat)"]
    assert continued, "the details continue on a new page"
    for first in continued:
        # The continuation's name, its header, then a theme's (or the difference's) heading.
        assert ws.cell(first + 1, 1).value == "Tema, forslag og beløb"
        label, heading = rows[first + 2]
        assert heading, f"{name}: the page at row {first} begins inside a block, with {label!r}"


def test_a_block_taller_than_a_page_continues_but_its_part_never_stands_alone(built):
    ws = openpyxl.load_workbook(built["long A00"]).worksheets[0]
    rows = {r: label for r, label, _heading in _details(ws)}
    headings = {r for r, _label, heading in _details(ws) if heading}  # bold italic ('Gns. løn' is italic)
    continued = [b for b in _breaks(ws) if ws.cell(b, 1).value == f"{DETAILS} (1.000 kr.) (fortsat)"]
    inside = [rows[b + 2] for b in continued if b + 2 not in headings]
    assert len(inside) > 5  # themes of 15 lines with rules of their own, two rows each: taller than a page
    assert not [label for label in inside if label.startswith(("Andel for", "Samlet beløb"))]
    # A heading is never the last row of a page.
    for b in _breaks(ws):
        above = max(r for r in rows if r < b) if any(r < b for r in rows) else None
        assert above not in headings, rows[above]


def test_every_proposal_line_is_named_by_its_own_label(tmp_path):
    """Theme 6's line 3 has no rule of its own: it is split by the theme's rule, alone in its split."""
    plan = sample_plan()
    plan = replace(plan, lines=tuple(replace(ln, rule=None) if (ln.theme, ln.number) == ("6", "3") else ln
                                     for ln in plan.lines))
    master = tmp_path / "m.xlsx"
    master.write_bytes(master_bytes(plan))
    msb = next(f for f in build_reports(master, tmp_path / "out", only=["MSB"]).files if f.name == "MSB.xlsx")
    labels = [label for _row, label, _heading in _details(openpyxl.load_workbook(msb)["MSB"])]
    theme6 = labels[labels.index("6. Forenkling af lønforhandlinger") + 1:]
    assert theme6[:6] == ["1. Forenkling af lønforhandlinger", "Andel for MSB", "2. Øget digitalisering onboarding",
                          "Andel for MSB", "3. Størrelse på ansættelsesudvalg", "Andel for MSB"]
    assert labels.count("6. Forenkling af lønforhandlinger") == 1  # the block's heading only


def test_a_share_stands_at_the_left_of_its_column_beside_the_amounts(built):
    ws = openpyxl.load_workbook(built["seed"])["Oversigt"]
    header = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("Magistratsafdeling"))
    assert [ws.cell(header, c).value for c in range(1, 7)] == ["Magistratsafdeling (1.000 kr.)", 2024, 2025, 2026,
                                                               2027, "Andel"]
    msb, total = ws.cell(header + 1, 6), ws.cell(header + 7, 6)
    assert (msb.value, total.value) == (pytest.approx(0.284), f"=SUM(F{header + 1}:F{header + 6})")
    for cell in (ws.cell(header, 6), msb, total):
        assert (cell.alignment.horizontal, cell.alignment.indent) == ("left", 1)
    # Padded to three digits, so that 8,1 % and 28,4 % still line up at the left of the column.
    assert msb.number_format == total.number_format == "??0.0 %"


def test_only_a_style_that_wraps_is_measured_as_wrapping():
    import io

    import xlsxwriter

    styles = Styles(xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}))
    styles.decision_styles()
    assert WRAPPING == {name for name, spec in styles._spec.items() if spec.get("text_wrap")}
    assert "subsection" not in WRAPPING
    # A paragraph wraps whatever its style: a sub-heading of a description gets a wrapping variant.
    assert styles.wrapping("subsection") == "subsection_wrapped" and styles.wrapping("description") == "description"


def test_a_heading_gets_the_height_of_one_line(built):
    """The scenario line of 'Nøgler' (in a narrow first column) and a theme's heading over
    its block print on one line over the empty cells beside them: they keep the default height."""
    book = openpyxl.load_workbook(built["decided"])
    ws = book["Nøgler"]
    assert str(ws.cell(4, 1).value).startswith("Tallene er den vedtagne plan")
    assert ws.row_dimensions[4].height in (None, 15)
    own = openpyxl.load_workbook(built["decided MSB"])["MSB"]
    headings = [(r, label) for r, label, heading in _details(own) if heading]
    assert ("4. Begrænse tilsyn, dokumentation og rapportering, som ikke skaber værdi på det decentrale niveau"
            in [label for _r, label in headings])
    assert [label for r, label in headings if own.row_dimensions[r].height not in (None, 15)] == []


def _colours(xlsx: Path) -> dict[str, str]:
    """Series name → fill colour of the stacked chart of the themes."""
    with zipfile.ZipFile(xlsx) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    stacked = next(c for c in charts if '<c:grouping val="stacked"/>' in c)
    found = {}
    for ser in re.findall(r"<c:ser>(.*?)</c:ser>", stacked, re.S):
        name = re.search(r"<c:tx>.*?<c:v>(.*?)</c:v>", ser, re.S)
        colour = re.search(r'<c:spPr><a:solidFill><a:srgbClr val="(\w+)"', ser)
        if name and colour and name.group(1).startswith("Tema "):
            found[name.group(1)] = "#" + colour.group(1)
    return found


def test_a_theme_keeps_its_colour_in_every_report_of_its_plan(built, tmp_path):
    """The proposals and the decided plan (theme 7's only counted amounts rejected: it leaves the chart)
    give each theme they both show the same colour: its place in the plan's list of themes."""
    proposed, decided = _colours(built["seed"]), _colours(built["decided"])
    plan = check_master(SEED_MASTER).plan
    place = {f"Tema {t.number}": n for n, t in enumerate(plan.themes)}
    assert proposed == {name: PALETTE[place[name] % len(PALETTE)] for name in proposed}
    assert decided == {name: PALETTE[place[name] % len(PALETTE)] for name in decided}
    assert proposed["Tema 9"] == decided["Tema 9"] == PALETTE[8]
    # Leaving a theme out shifts no other theme's colour.
    fewer = tmp_path / "fewer.xlsx"
    fewer.write_bytes(master_bytes(replace(plan, lines=tuple(ln for ln in plan.lines if ln.theme != "3"))))
    without = _colours(build_reports(fewer, tmp_path / "out", departments=False, force=True).files[0])
    assert "Tema 3" not in without and len(without) == len(proposed) - 1
    assert {name: colour for name, colour in proposed.items() if name != "Tema 3"} == without


# -- as LibreOffice prints them ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def printed(built, tmp_path_factory) -> dict[str, Path]:
    from spareforslag_xl.io.pdf import to_pdf
    from tests.libreoffice import require_soffice

    require_soffice()
    names = ["seed", "seed MSB", "decided", "decided MSB", "short A00"]
    pdfs = to_pdf([built[n] for n in names], tmp_path_factory.mktemp("printed"))
    return dict(zip(names, pdfs, strict=True))


def _page_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text (their words joined), the footer left out."""
    from tests.printcheck import lines, pages

    result = []
    for words in pages(pdf):
        page = [" ".join(w.text for w in line) for line in lines(words)]
        result.append([text for text in page if " Side " not in f" {text} "])
    return result


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["seed MSB", "decided MSB", "short A00"])
def test_printed_a_continued_page_of_the_details_begins_with_a_theme(built, printed, name):
    ws = openpyxl.load_workbook(built[name]).worksheets[0]
    headings = {label for _r, label, heading in _details(ws) if heading}
    continued = [page for page in _page_lines(printed[name]) if page and page[0].startswith(DETAILS)
                 and "(fortsat)" in page[0]]
    assert continued
    for page in continued:
        assert page[1].startswith("Tema, forslag og beløb")
        assert any(page[2].startswith(h[:40]) for h in headings), page[:3]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["seed", "decided", "seed MSB", "decided MSB"])
def test_printed_no_page_holds_a_lone_line(printed, name):
    pages = _page_lines(printed[name])
    assert len(pages) > 3
    assert [n for n, page in enumerate(pages, start=1) if len(page) < 2] == []


@pytest.mark.libreoffice
def test_printed_the_share_stands_beside_the_last_year(printed):
    from tests.printcheck import lines, pages

    for words in pages(printed["seed"]):
        rows = [line for line in lines(words) if line[0].text in ("Magistratsafdeling", "MSB", "MTM", "I")]
        header = next((line for line in rows if line[0].text == "Magistratsafdeling" and line[-1].text == "Andel"),
                      None)
        if header is None:
            continue
        year = next(w for w in header if w.text == "2027")
        share = header[-1]
        assert 0 < share.x0 - year.x1 < 30, (year, share)  # beside it; it was a quarter page away
        msb = next(line for line in rows if line[0].text == "MSB")
        assert msb[-1].text == "%" and 0 < msb[-2].x0 - year.x1 < 40
        return
    raise AssertionError("no split table with shares printed")
