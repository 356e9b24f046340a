"""The report of the imported seed, walked figure by figure: every number the document states is found at its
place in the report, or in the audit's list."""

from decimal import ROUND_HALF_UP, Decimal as D

import openpyxl
import pytest

from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT
from spareforslag_xl.app.audit import audit_master
from spareforslag_xl.app.build import build_reports
from spareforslag_xl.model.danish import to_decimal
from spareforslag_xl.model.units import SCALE
from spareforslag_xl.app.importing import import_document
from spareforslag_xl.model.labels import FTE_LABEL, TOTAL_LABEL
from spareforslag_xl.model.stated import FTE_UNIT, SHARE_UNIT, Kind


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    master = folder / "seed.xlsx"
    import_document(SEED_DOCUMENT, master, SEED_DEPARTMENTS)
    files = build_reports(master, folder / "build").files
    book = openpyxl.load_workbook(files[0], data_only=True)
    return master, book, audit_master(master)


def rows_of(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def year_columns(row):
    return {v: i for i, v in enumerate(row) if isinstance(v, int) and 1900 < v < 2200}


class Report:
    """Finds a stated figure's place in the report workbook."""

    def __init__(self, book, plan):
        self.book = book
        self.plan = plan
        self.themes = {t.number: t for t in plan.themes}

    def overview(self, label):
        rows = rows_of(self.book["Oversigt"])
        header = next(r for r in rows if r[0] == "Tema (1.000 kr.)")
        found = [r for r in rows if isinstance(r[0], str) and r[0].startswith(label)]
        return year_columns(header), found[0]

    def theme_rows(self, number):
        return rows_of(self.book[f"Tema {number}"])

    def potential(self, number, label):
        rows = self.theme_rows(number)
        header = next(r for r in rows if r[0] == "Identificeret potentiale (1.000 kr.)")
        return year_columns(header), next(r for r in rows if r[0] == label)

    def split_tables(self, number):
        """Return [(heading, columns, {row label: row})] of a theme sheet's department tables."""
        rows = self.theme_rows(number)
        tables = []
        for i, r in enumerate(rows):
            if isinstance(r[0], str) and r[0].startswith("Magistratsafdeling ("):
                heading = next(rows[j][0] for j in range(i - 1, -1, -1) if rows[j][0])
                body = {}
                for r2 in rows[i + 1:]:
                    body[r2[0]] = r2
                    if r2[0] == "I alt":
                        break
                tables.append((heading, year_columns(r), r.index("Andel") if "Andel" in r else None, body))
        return tables

    def split(self, number, line):
        tables = self.split_tables(number)
        if not line:
            return tables[0]
        lines = [ln for ln in self.plan.lines_of(number) if line in (ln.number, ln.title)]
        return next(t for t in tables if t[0].startswith(lines[0].label))

    def cell(self, f):
        """Return the report's value for the figure (a number, '-' or None)."""
        t = f.theme
        if f.kind is Kind.OVERVIEW:
            cols, row = self.overview(self.themes[t].label)
            return row[cols[f.year]]
        if f.kind in (Kind.OVERVIEW_TOTAL, Kind.TARGET, Kind.DIFFERENCE):
            label = {Kind.OVERVIEW_TOTAL: "I alt", Kind.TARGET: "Mål", Kind.DIFFERENCE: "Difference"}[f.kind]
            cols, row = self.overview(label)
            return row[cols[f.year]]
        if f.kind is Kind.LINE:
            line = next(ln for ln in self.plan.lines_of(t) if f.line in (ln.number, ln.title))
            cols, row = self.potential(t, line.label)
            return row[cols[f.year]]
        if f.kind is Kind.THEME_TOTAL:
            cols, row = self.potential(t, TOTAL_LABEL)
            return row[cols[f.year]]
        if f.kind is Kind.FTE:
            cols, row = self.potential(t, FTE_LABEL)
            return row[cols[f.year]]
        _, cols, share_col, body = self.split(t, f.line)
        row = body["I alt" if f.kind in (Kind.SHARE_TOTAL, Kind.PART_TOTAL) else f.department]
        if f.kind in (Kind.SHARE, Kind.SHARE_TOTAL):
            return row[share_col]
        return [row[c] for c in cols.values()] if f.year is None else row[cols[f.year]]


def shown(value, f):
    """Return the report's value as the document would print it (in its unit, at its decimals)."""
    if value in (None, "-"):
        return value
    number = to_decimal(value)
    if f.unit == SHARE_UNIT:
        number *= 100
    elif f.unit != FTE_UNIT:
        number = number * SCALE["1.000 kr."] / SCALE[f.unit]
    return number.quantize(D(1).scaleb(-f.decimals), ROUND_HALF_UP)


def stated(f):
    if f.value is None:
        return "-"
    value = f.value * 100 if f.unit == SHARE_UNIT else f.value
    if f.unit not in (SHARE_UNIT, FTE_UNIT):
        value = value * SCALE["1.000 kr."] / SCALE[f.unit]
    return value.quantize(D(1).scaleb(-f.decimals), ROUND_HALF_UP)


def at_its_place(report, f) -> bool:
    value = report.cell(f)
    if isinstance(value, list):  # a fixed amount holds for every year
        return all(shown(v, f) == stated(f) for v in value)
    return shown(value, f) == stated(f)


def test_every_stated_figure_is_in_the_report_or_in_the_audit(built):
    master, book, audited = built
    report = Report(book, audited.checked.plan)
    listed = {id(f) for item in audited.items for f in item.figures}
    by_value = {f for item in audited.items for f in item.figures}
    missing = []
    placed = 0
    for f in audited.figures:
        if at_its_place(report, f):
            placed += 1
        elif id(f) not in listed and f not in by_value:
            missing.append((f.source_line, f.kind.value, f.theme, f.department, f.year, f.text, report.cell(f)))
    assert missing == []
    assert len(audited.figures) == 343
    assert placed == 324


def test_the_figures_not_at_their_place_are_exactly_the_audits(built):
    master, book, audited = built
    report = Report(book, audited.checked.plan)
    off = sorted((f.source_line, f.text, f.year) for f in audited.figures if not at_its_place(report, f))
    assert off == (
        [(23, "-", y) for y in (2024, 2025, 2026, 2027)]      # '-' in the overview, 0 in tema 10's table
        + [(24, "-", 2024)] + [(25, "-", y) for y in (2024, 2025, 2026)]
        + [(214, "2,60", 2025)]                               # no common salary with 1,74, 3,48 and 4,35
        + [(223, "0,05", y) for y in (2024, 2025, 2026, 2027)]  # MKB: 55 thousand kr. truncated
        + [(226, "0,49", y) for y in (2024, 2025, 2026, 2027)]  # the 99 % key allocates 0,49 of 0,50
        + [(375, "0", 2024), (410, "0", 2024)]                # 0 FTE for 0 kr.: no salary was set
    )


@pytest.mark.parametrize("label, values", [
    ("I alt", [17980, 26480, 27780, 28780]),
    ("Mål", [50000] * 4),
    ("Difference", [32020, 23520, 22220, 21220]),
])
def test_overview_figures(built, label, values):
    _, book, audited = built
    cols, row = Report(book, audited.checked.plan).overview(label)
    assert [row[c] for c in cols.values()] == values


def test_the_difference_split_by_the_administrative_key(built):
    _, book, _ = built
    rows = rows_of(book["Oversigt"])
    start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Fordeling af differencen"))
    split = {r[0]: r[1] for r in rows[start + 2:start + 9]}
    assert split == {"MSB": 9094, "MTM": 2594, "MSO": 4323, "MKB": 2177, "MBU": 8933, "BA": 4899, "I alt": 32020}


def test_the_report_lists_the_audit(built):
    _, book, audited = built
    assert book.sheetnames[-1] == "Dokumentafvigelser"
    rows = rows_of(book["Dokumentafvigelser"])
    header = rows.index(["Vurdering", "Klasse", "Linje", "Tema", "Hvad", "År", "Dokumentet viser", "Genberegnet",
                         "Forklaring"])
    listed = [r for r in rows[header + 1:] if r[0]]
    assert len(listed) == len(audited.items)
    assert [(r[0], r[2], r[3]) for r in listed if r[0] == "Afvigelse"] == [
        ("Afvigelse", 147, 4), ("Afvigelse", 214, 6), ("Afvigelse", 214, 6), ("Afvigelse", 226, 6),
        ("Afvigelse", 238, 6), ("Afvigelse", 265, 7), ("Afvigelse", 345, 9)]
    assert rows[1][0].startswith("343 tal fra dokumentet er kontrolleret: 7 afvigelser, 1 afrundingsnote og 5 oplysninger")


def test_a_master_without_document_figures_gets_no_audit_sheet(tmp_path):
    from spareforslag_xl.importer.build_plan import build_plan
    from spareforslag_xl.importer.text import read_document
    from spareforslag_xl.master.write import master_bytes

    master = tmp_path / "plain.xlsx"
    master.write_bytes(master_bytes(build_plan(read_document(SEED_DOCUMENT)).plan))
    files = build_reports(master, tmp_path / "build").files
    assert "Dokumentafvigelser" not in openpyxl.load_workbook(files[0], read_only=True).sheetnames
