"""Untrusted text stays text in every output: no formula, no link, no extra mail header."""

import email
import email.policy
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from tests.plans import sample_plan

HOSTILE = [
    '=HYPERLINK("http://evil.example/x","klik")', "+SUM(1,1)", "-2+3", "@SUM(A1)", "\tTab først",
    "=cmd|' /C calc'!A0", "http://evil.example/phish", "mailto:evil@example.org", "www.evil.example",
]


def hostile_plan(text: str):
    plan = sample_plan()
    themes = tuple(replace(t, title=f"{text} tema", description=text) if t.number == "3" else t for t in plan.themes)
    lines = tuple(replace(line, title=text, note=text) if line.theme == "7" and line.number == "1" else line
                  for line in plan.lines)
    departments = tuple(replace(d, name=text, contact=text) if d.code == "MTM" else d for d in plan.departments)
    settings = replace(plan.settings, title=text, subtitle=text, municipality=text, meeting=text)
    return replace(plan, settings=settings, themes=themes, lines=lines, departments=departments)


def formulas_and_links(path: Path) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        xml = {n: z.read(n).decode("utf-8") for n in names if n.endswith(".xml") or n.endswith(".rels")}
    formulas = [f for n, x in xml.items() if "worksheets/sheet" in n for f in re.findall(r"<f>(.*?)</f>", x)]
    links = [n for n, x in xml.items() if "<hyperlink" in x or "relationships/hyperlink" in x]
    return formulas, links


@pytest.mark.parametrize("text", HOSTILE)
def test_no_output_turns_text_into_a_formula_or_a_link(master, tmp_path, text):
    path = master(hostile_plan(text), name="m.xlsx")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(path), "-o", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["mail", str(path), "-o", str(out)]).exit_code == 0
    official = tmp_path / "officielt.xlsx"
    _official_with_label(official, text)
    runner.invoke(cli, ["reconcile", str(path), str(official), "-o", str(out / "afstemning.xlsx")])
    workbooks = sorted(p for p in out.rglob("*.xlsx") if "arkiv" not in p.parts)  # arkiv/: the master's copy
    assert len(workbooks) == 8
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    with zipfile.ZipFile(out / "m-rapport.xlsx") as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    as_text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert as_text.strip() in strings  # the text did reach the report, as text
    for workbook in workbooks:
        formulas, links = formulas_and_links(workbook)
        assert links == [], workbook.name
        assert not [f for f in formulas if text in f or escaped in f], workbook.name
    for draft in sorted((out / "mails").glob("*.eml")):
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        assert set(message.keys()) <= {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                                       "X-Unsent", "Content-Transfer-Encoding"}, draft.name


def _official_with_label(path: Path, text: str) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Budget"
    ws.append(["Afdeling (1.000 kr.)", 2024, 2025, 2026, 2027])
    ws.append(["MSB", 13067, 13351, 13124, 13124])
    ws.cell(row=3, column=1).value = text  # an official label that is hostile text
    ws.cell(row=3, column=1).data_type = "s"
    ws.append([])
    book.save(path)


def test_outputs_do_not_depend_on_the_time_zone(master, tmp_path):
    path = master(name="m.xlsx")
    outputs = {}
    for zone in ("UTC", "America/New_York", "Asia/Tokyo"):
        out = tmp_path / zone.replace("/", "-")
        code = ("from pathlib import Path; from click.testing import CliRunner; "
                "from spareforslag_xl.cli.main import cli\n"
                f"r = CliRunner().invoke(cli, ['build', {str(path)!r}, '-o', {str(out)!r}]); assert r.exit_code == 0\n"
                f"r = CliRunner().invoke(cli, ['mail', {str(path)!r}, '-o', {str(out)!r}]); assert r.exit_code == 0\n")
        subprocess.run([sys.executable, "-c", code], check=True, env={"TZ": zone, "PATH": "/usr/bin:/bin"})
        outputs[zone] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*"))
                         if p.is_file() and p.name != ".spareforslag-lock"}  # the folder's lock, not an output
    first = outputs["UTC"]
    assert len(first) == 15  # with arkiv/: the master's copy and builds.txt
    assert outputs["America/New_York"] == first
    assert outputs["Asia/Tokyo"] == first
