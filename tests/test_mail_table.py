"""The mail's table adds up: the largest themes, 'Øvrige temaer' and the part of the difference are 'I alt'.

Read back from the drafts (HTML table and plain text), the Danish numbers parsed, for every
department of the seed; the ranking of 'the largest' checked on a plan built for it.
"""

from __future__ import annotations

import email
import re
from decimal import Decimal
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.app.check import check_master
from spareforslag_xl.cli.main import cli
from spareforslag_xl.core.compute import compute
from spareforslag_xl.core.parts import department_part
from spareforslag_xl.model.danish import is_not_estimated_mark, parse_danish_number
from spareforslag_xl.model.plan import Method, ProposalLine, Rule, Theme
from tests.conftest import SEED_MASTER
from tests.plans import ADMIN, amounts, sample_plan

ZERO = Decimal(0)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def bodies(path: Path) -> tuple[str, str]:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


class _Table(HTMLParser):
    """The rows of the first <table>, each a list of its cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and not self._done:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._done = True

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_rows(html: str) -> tuple[list[str], list[tuple[str, list[str], str]]]:
    """Return the years of the header and (label, amounts as shown, basis) per row."""
    parser = _Table()
    parser.feed(html)
    header, *rows = parser.rows
    years = header[1:-1]
    return years, [(r[0], r[1:1 + len(years)], r[-1]) for r in rows]


def text_rows(text: str, n: int) -> list[tuple[str, list[str]]]:
    """Return (label, amounts as shown) of each line of 'Sådan er besparelsen sammensat', 'I alt' last."""
    lines = text.replace("\r\n", "\n").split("Sådan er besparelsen sammensat", 1)[1].split("\n\n", 1)[0].splitlines()
    amount = r"(?:-?[0-9.]+(?:,[0-9]+)?|-)"
    pattern = re.compile(rf"  ([-=]) (.+?): ({amount}(?: / {amount}){{{n - 1}}})(?: – .*)?")
    rows = []
    for line in lines[1:]:
        match = pattern.fullmatch(line)
        assert match, line
        rows.append((match.group(2), match.group(3).split(" / ")))
    assert lines[-1].startswith("  = I alt ")
    return rows


def value(shown: str) -> Decimal:
    return ZERO if is_not_estimated_mark(shown) else parse_danish_number(shown)


def assert_adds_up(rows: list[tuple[str, list[str]]], totals: list[Decimal]) -> None:
    *parts, (label, total) = rows
    assert label.startswith("I alt")
    assert [value(t) for t in total] == totals
    for i, expected in enumerate(totals):
        assert sum((value(r[1][i]) for r in parts), ZERO) == expected, (i, rows)


@pytest.fixture(scope="module")
def seed_drafts(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    result = run("mail", SEED_MASTER, "-o", out)
    assert result.exit_code == 0, result.output
    return out / "mails"


@pytest.mark.parametrize("code", ["MSB", "MTM", "MSO", "MKB", "MBU", "BA"])
def test_the_rows_of_every_seed_mail_add_up_to_i_alt_in_html_and_text(seed_drafts, code):
    plan = check_master(SEED_MASTER).plan
    part = department_part(compute(plan), code)
    totals = [part.total[y] for y in plan.years]
    text, html = bodies(seed_drafts / f"{code}.eml")
    years, rows = html_rows(html)
    assert years == [str(y) for y in plan.years]
    assert_adds_up([(label, shown) for label, shown, _ in rows], totals)
    assert_adds_up(text_rows(text, len(years)), totals)
    others = part.others()
    labels = [label for label, _, _ in rows]
    assert labels == [t.label for t in part.largest()] + ([f"Øvrige temaer ({others.count})"] if others else []) + [
        "Andel af differencen til målet", f"I alt {code}"]


def test_msb_of_the_seed_shows_three_themes_the_others_and_the_difference(seed_drafts):
    text, html = bodies(seed_drafts / "MSB.eml")
    _, rows = html_rows(html)
    assert rows == [
        ("7. ERP-systemer, AI, automatisering og RPA samt ledelsesinformation", ["1.420", "2.840", "2.840", "2.840"],
         "Administrativ fordelingsnøgle (28,4 %)"),
        ("4. Begrænse tilsyn, dokumentation og rapportering, som ikke skaber værdi på det decentrale niveau",
         ["600", "600", "600", "600"], "Faste beløb"),
        ("3. Kommunikation", ["568", "568", "568", "568"], "Administrativ fordelingsnøgle (28,4 %)"),
        ("Øvrige temaer (5)", ["1.153", "2.431", "2.573", "2.857"], "temaerne 2, 5, 6, 9 og 12"),
        ("Andel af differencen til målet", ["9.094", "6.680", "6.310", "6.026"], "Administrativ fordelingsnøgle (28,4 %)"),
        ("I alt MSB", ["12.835", "13.119", "12.891", "12.891"], ""),
    ]
    assert "  - Øvrige temaer (temaerne 2, 5, 6, 9 og 12): 1.153 / 2.431 / 2.573 / 2.857\n" in text.replace("\r\n", "\n")


# -- the ranking ----------------------------------------------------------------------------------
def ranked_plan(*themes: tuple[str, tuple]):
    """The sample plan with only these themes, each one line split by the administrative key (MSB 28,4 %)."""
    return sample_plan(
        themes=tuple(Theme(n, f"Tema {n}", rule=Rule(Method.KEY, ADMIN)) for n, _ in themes),
        lines=tuple(ProposalLine(n, "1", f"Forslag {n}", amounts(*values)) for n, values in themes),
        fixed=(),
    )


def msb(plan):
    return department_part(compute(plan), "MSB")


def test_the_largest_are_ranked_by_the_first_year_then_by_the_total():
    part = msb(ranked_plan(
        ("1", (0, 10000, 10000, 10000)),   # the largest total, nothing in the budget year
        ("2", (None, 5000, 5000, 5000)),   # not estimated in the budget year
        ("3", (1000, 1000, 1000, 1000)),
        ("4", (500, 500, 500, 500)),
        ("5", (2000, 0, 0, 0)),            # the most in the budget year, the smallest total
        ("6", (1000, 2000, 2000, 2000)),   # as much as 3 in the budget year, more over the years
        ("7", (0, 0, 0, 0)),               # saves nothing: never listed
    ))
    assert [t.number for t in part.largest()] == ["5", "6", "3"]
    assert [t.number for t in part.largest(6)] == ["5", "6", "3", "4", "1", "2"]
    others = part.others()
    assert others.numbers == ["1", "2", "4"] and others.count == 3
    assert others.part == {2024: Decimal(142), 2025: Decimal(4402), 2026: Decimal(4402), 2027: Decimal(4402)}
    assert [t.number for t in part.largest(7)] == ["5", "6", "3", "4", "1", "2"]
    assert part.others(6) is None  # 7 saves nothing: no row of zeros


def test_equal_parts_keep_the_plans_order():
    part = msb(ranked_plan(("9", (100, 100, 100, 100)), ("2", (100, 100, 100, 100)), ("5", (100, 100, 100, 100))))
    assert [t.number for t in part.largest(2)] == ["9", "2"]
    assert part.others(2).numbers == ["5"]


def test_a_year_no_other_theme_is_estimated_in_stays_not_estimated():
    part = msb(ranked_plan(("1", (1000, 1000, 1000, 1000)), ("2", (None, 500, None, 500))))
    others = part.others(1)
    assert others.numbers == ["2"]
    assert others.part == {2024: None, 2025: Decimal(142), 2026: None, 2027: Decimal(142)}


def test_a_dash_stays_a_dash_in_the_mail_and_the_rows_still_add_up(master, tmp_path):
    plan = ranked_plan(("1", (1000, 1000, 1000, 1000)), ("2", (500, None, 500, 500)),
                       ("3", (300, 300, 300, 300)), ("4", (None, 200, None, 200)))
    assert run("mail", master(plan), "-o", tmp_path, "--only", "MSB").exit_code == 0
    text, html = bodies(tmp_path / "mails" / "MSB.eml")
    _, rows = html_rows(html)
    assert [(label, shown) for label, shown, _ in rows[:4]] == [
        ("1. Tema 1", ["284", "284", "284", "284"]),
        ("2. Tema 2", ["142", "-", "142", "142"]),
        ("3. Tema 3", ["85", "85", "85", "85"]),
        ("Øvrige temaer (1)", ["-", "57", "-", "57"]),
    ]
    assert rows[3][2] == "tema 4"
    part = msb(plan)
    assert_adds_up([(label, shown) for label, shown, _ in rows], [part.total[y] for y in plan.years])
    assert_adds_up(text_rows(text, 4), [part.total[y] for y in plan.years])
    assert "  - Øvrige temaer (tema 4): - / 57 / - / 57\n" in text.replace("\r\n", "\n")


def test_without_other_themes_there_is_no_row_for_them(master, tmp_path):
    plan = ranked_plan(("1", (1000, 1000, 1000, 1000)), ("2", (500, 500, 500, 500)))
    assert run("mail", master(plan), "-o", tmp_path, "--only", "MSB").exit_code == 0
    text, html = bodies(tmp_path / "mails" / "MSB.eml")
    assert [label for label, _, _ in html_rows(html)[1]] == ["1. Tema 1", "2. Tema 2",
                                                             "Andel af differencen til målet", "I alt MSB"]
    assert "Øvrige" not in text and "Øvrige" not in html and "øvrige temaer" not in html
