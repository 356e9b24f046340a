"""The native charts: on the sheet they belong to, their series referring to that sheet's cells.

The chart parts are read back from the workbook's zip (sheet → drawing → chart, by the
relationships), so a test fails when a chart lands on another sheet or a series points at
the wrong row. The rendering with LibreOffice is checked by tests/test_print.py.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from spareforslag_xl.app.build import build_reports
from tests.conftest import SEED_MASTER

_REL = re.compile(r'<Relationship [^>]*Target="([^"]+)"')


def _rels(z: zipfile.ZipFile, part: str) -> list[str]:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in z.namelist():
        return []
    return [posixpath.normpath(posixpath.join(folder, t)) for t in _REL.findall(z.read(rels).decode())]


def charts_by_sheet(xlsx: Path) -> dict[str, list[dict]]:
    """Sheet name → its charts, each as {'type': …, 'series': [(name ref or text, categories ref, values ref)]}."""
    with zipfile.ZipFile(xlsx) as z:
        book = z.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet [^>]*?name="([^"]+)"', book)
        found: dict[str, list[dict]] = {}
        for n, name in enumerate(names, start=1):
            for drawing in _rels(z, f"xl/worksheets/sheet{n}.xml"):
                for chart in _rels(z, drawing):
                    xml = z.read(chart).decode()
                    series = []
                    for ser in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S):
                        tx = re.search(r"<c:tx>.*?(?:<c:f>(.*?)</c:f>|<c:v>(.*?)</c:v>)", ser, re.S)
                        cat = re.search(r"<c:cat>.*?<c:f>(.*?)</c:f>", ser, re.S)
                        val = re.search(r"<c:val>.*?<c:f>(.*?)</c:f>", ser, re.S)
                        series.append((tx.group(1) or tx.group(2), cat.group(1), val.group(1)))
                    types = re.findall(r"<c:(barChart|lineChart)>", xml)
                    grouping = re.findall(r'<c:grouping val="(\w+)"/>', xml)
                    found.setdefault(html_unescape(name), []).append({"types": types, "grouping": grouping,
                                                                      "series": series})
    return found


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def row_of(ws, label: str) -> int:
    """The first row whose column A starts with label (1-based, as in a reference)."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if isinstance(row[0].value, str) and row[0].value.startswith(label):
            return row[0].row
    raise AssertionError(f"no row {label!r}")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    return build_reports(SEED_MASTER, tmp_path_factory.mktemp("charts")).files


def test_overview_has_the_themes_against_the_target_and_the_difference_per_department(seed_build):
    report = seed_build[0]
    charts = charts_by_sheet(report)
    assert set(charts) == {"Oversigt"}
    themes, difference = charts["Oversigt"]
    ws = openpyxl.load_workbook(report)["Oversigt"]
    header = row_of(ws, "Tema (")
    # Stacked columns of every theme that saves something, the target as a line.
    assert themes["types"] == ["barChart", "lineChart"] and "stacked" in themes["grouping"]
    names = [s[0] for s in themes["series"]]
    assert names[:-1] == [f"Tema {n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 12)]
    for name, cat, val in themes["series"][:-1]:
        row = row_of(ws, name.split()[1] + ". ")
        assert cat == f"Oversigt!$B${header}:$E${header}"
        assert val == f"Oversigt!$B${row}:$E${row}"
    target = row_of(ws, "Mål")
    assert themes["series"][-1] == (f"Oversigt!$A${target}", f"Oversigt!$B${header}:$E${header}",
                                    f"Oversigt!$B${target}:$E${target}")
    # One column a year per department, from the split of the difference.
    split_header = row_of(ws, "Magistratsafdeling")
    first, last = split_header + 1, split_header + 6
    assert [c.value for c in ws["A"][first - 1:last]] == ["MSB", "MTM", "MSO", "MKB", "MBU", "BA"]
    assert difference["series"] == [
        (f"Oversigt!${col}${split_header}", f"Oversigt!$A${first}:$A${last}", f"Oversigt!${col}${first}:${col}${last}")
        for col in "BCDE"]


def test_each_department_workbook_has_its_total_against_its_share_of_the_target(seed_build):
    msb = next(f for f in seed_build if f.name == "MSB.xlsx")
    charts = charts_by_sheet(msb)
    assert set(charts) == {"MSB"}
    (chart,) = charts["MSB"]
    ws = openpyxl.load_workbook(msb)["MSB"]
    header, total, share = row_of(ws, "Andel for MSB ("), row_of(ws, "I alt MSB"), row_of(ws, "Andel af målet")
    assert chart["types"] == ["barChart", "lineChart"]
    assert chart["series"] == [
        ("I alt MSB", f"MSB!$B${header}:$E${header}", f"MSB!$B${total}:$E${total}"),
        (f"MSB!$A${share}", f"MSB!$B${header}:$E${header}", f"MSB!$B${share}:$E${share}"),
    ]


def test_the_charts_are_below_the_tables_they_show(seed_build):
    """A chart covers no cell that holds something (it would hide it on screen and on paper)."""
    for xlsx in (seed_build[0], next(f for f in seed_build if f.name == "MSB.xlsx")):
        with zipfile.ZipFile(xlsx) as z:
            drawings = [n for n in z.namelist() if n.startswith("xl/drawings/drawing")]
            anchors = [(int(a), int(b)) for d in drawings for a, b in
                       re.findall(r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                                  r".*?<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>",
                                  z.read(d).decode(), re.S)]
        assert anchors
        book = openpyxl.load_workbook(xlsx)
        ws = book.worksheets[0] if xlsx.name == "MSB.xlsx" else book["Oversigt"]
        for first, end in anchors:  # 0-based; the chart ends at the top of row 'end' (offset 0)
            covered = [c.coordinate for row in ws.iter_rows(min_row=first + 1, max_row=end) for c in row
                       if c.value is not None]
            assert covered == [], xlsx.name


def test_no_chart_without_a_series():
    """Excel (and xlsxwriter) refuse a chart without a series: nothing to show gives no chart."""
    import xlsxwriter

    from spareforslag_xl.render.charts import department_chart, difference_chart, themes_chart

    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    assert themes_chart(book, "Oversigt", 5, 4, [], 9, "1.000 kr.") is None
    assert themes_chart(book, "Oversigt", 5, 0, [("1", 6)], 9, "1.000 kr.") is None
    assert difference_chart(book, "Oversigt", 20, 0, 21, 26, "1.000 kr.") is None
    assert difference_chart(book, "Oversigt", 20, 4, 21, 20, "1.000 kr.") is None
    assert department_chart(book, "MSB", "MSB", 5, 0, 20, None, "1.000 kr.") is None
    assert book.charts == []
    book.close()
