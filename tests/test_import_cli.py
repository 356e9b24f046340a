"""The 'import' command: exit codes, messages, and never overwriting without --overwrite."""

import pytest
from click.testing import CliRunner

from tests.docgen import Line, Theme, document, key_table
from tests.conftest import document_epoch
from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT, SEED_MASTER
from spareforslag_xl.cli.main import cli


@pytest.fixture
def runner():
    return CliRunner()


def clean_document(tmp_path):
    """A document everything of which the importer understands."""
    years = (2025, 2026)
    themes = [Theme(1, "Første", [Line("1. A", [100, 200])],
                    distribution=["Fordeles efter den administrative fordelingsnøgle som nedenfor:", "",
                                  *key_table(("XA", "XB"), ("60,0", "40,0"), years, [100, 200])])]
    path = tmp_path / "clean.md"
    path.write_text(document(themes, years, target=1000), encoding="utf-8")
    return path


@pytest.mark.danish
def test_import_the_seed_in_danish_gives_the_committed_master(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", document_epoch())  # as `make master` runs it
    out = tmp_path / "master.xlsx"
    result = runner.invoke(cli, ["import", str(SEED_DOCUMENT), "--departments", str(SEED_DEPARTMENTS),
                                 "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == SEED_MASTER.read_bytes()
    lines = result.stdout.splitlines()
    assert lines[0] == "læst: tegnsættet er UTF-8"
    assert lines[-2] == f"Skrev {out} (12 temaer, 27 forslag, 2 nøgler, 343 tal fra dokumentet)."
    assert lines[-1] == f"{SEED_DOCUMENT}: 39 læst, 9 udledt, 3 bevaret som tekst, 6 skal ses af en person."


def test_import_the_seed(runner, tmp_path):
    out = tmp_path / "master.xlsx"
    result = runner.invoke(cli, ["import", str(SEED_DOCUMENT), "--departments", str(SEED_DEPARTMENTS),
                                 "-o", str(out)])
    assert result.exit_code == 1  # the seed has sentences a person must look at
    lines = result.stdout.splitlines()
    assert lines[0] == "read: decoded as UTF-8"
    assert ("inferred: line 86-114: tema 3: the section has no 'Tema 3' heading (it starts with "
            "'## Beskrivelse af opgaven'); matched to tema 3 'Kommunikation' by its place between tema 2 and tema 4; "
            "its totals agree with the overview") in lines
    assert lines[-2] == (f"Wrote {out} (12 themes, 27 proposals, 2 keys, 343 document figures).")
    assert lines[-1] == f"{SEED_DOCUMENT}: 39 read, 9 inferred, 3 kept as text, 6 need review."
    assert result.stderr == (f"Review the entries marked 'needs review' (sheet Importrapport), then run "
                             f"'spareforslag audit {out}'.\n")


def test_quiet_prints_only_what_needs_review(runner, tmp_path):
    out = tmp_path / "master.xlsx"
    result = runner.invoke(cli, ["import", str(SEED_DOCUMENT), "-o", str(out), "-q"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    assert all(line.startswith("needs review: ") for line in lines[:6])
    assert lines[0].startswith("needs review: line 82: tema 2: not interpreted, kept as text")


def test_a_clean_document_exits_0(runner, tmp_path):
    out = tmp_path / "clean.xlsx"
    result = runner.invoke(cli, ["import", str(clean_document(tmp_path)), "-o", str(out), "--municipality", "Testby"])
    assert result.exit_code == 0, result.output
    assert "needs review" not in result.stdout
    assert result.stdout.splitlines()[-1].endswith(", 0 need review.")
    assert out.exists()


def test_never_overwrites_without_overwrite(runner, tmp_path):
    out = tmp_path / "master.xlsx"
    out.write_bytes(b"keep me")
    result = runner.invoke(cli, ["import", str(clean_document(tmp_path)), "-o", str(out)])
    assert result.exit_code == 3
    assert result.stderr == f"Error: {out}: the file exists already. Use --overwrite to replace it.\n"
    assert out.read_bytes() == b"keep me"
    again = runner.invoke(cli, ["import", str(clean_document(tmp_path)), "-o", str(out), "--overwrite"])
    assert again.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("setup, message", [
    (lambda p: None, "{doc}: the file does not exist. Check the path and the file name."),
    (lambda p: p.mkdir(), "{doc}: is a folder, not a document. Give the path of the document inside it."),
    (lambda p: p.write_bytes(b""), "{doc}: the document is empty (0 bytes). Export the proposals document as text "
                                   "(Markdown, e.g. with pandoc) and import that file."),
    (lambda p: p.write_bytes(b"PK\x03\x04\x00\x00binary"), "{doc}: the file is a zip archive (perhaps a Word or Excel "
     "file), not a text document. Export the proposals document as text (Markdown, e.g. with pandoc) and import that "
     "file."),
    (lambda p: p.write_text("# Noter\n\nIngen tabeller her.\n", encoding="utf-8"),
     "{doc}: no overview table was found: a table whose header row starts with 'Tema' and names the years (e.g. "
     "'Tema (1.000 kr.)<TAB>2024<TAB>2025'). Check that the document is a proposals document exported with its "
     "tables as TAB lines."),
])
def test_unusable_documents_exit_2(runner, tmp_path, setup, message):
    doc = tmp_path / "doc.md"
    setup(doc)
    out = tmp_path / "master.xlsx"
    result = runner.invoke(cli, ["import", str(doc), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == "Error: " + message.format(doc=doc) + "\n"
    assert result.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("content, message", [
    (None, "{csv}: the file does not exist. Check the path and the file name."),
    ("", "{csv}: the departments file is empty (0 bytes). Save the list of departments as CSV (UTF-8, ';' between "
         "columns) with the header Kode;Navn;E-mail;Kontaktperson."),
    (SEED_MASTER, "{csv}: the file is a zip archive (perhaps a Word or Excel file), not a text departments "
                         "file. Save the list of departments as CSV (UTF-8, ';' between columns) with the header "
                         "Kode;Navn;E-mail;Kontaktperson."),
    ("Code,Name\nMSB,Sociale\n", "{csv}: the first line must be the header Kode;Navn;E-mail;Kontaktperson (found: "
                                 "Code,Name). Separate the columns with ';'."),
    ("Kode;Navn\nMSB;A\nMSB;B\n", "{csv}: line 3: the code MSB appears twice. Keep one line per department."),
    ("Kode;Navn\n;Uden kode\n", "{csv}: line 2 has no department code. Fill in Kode on every line."),
])
def test_a_bad_departments_file_exits_2(runner, tmp_path, content, message):
    csv = tmp_path / "afdelinger.csv"
    if content == SEED_MASTER:  # a workbook where a CSV belongs
        csv.write_bytes(SEED_MASTER.read_bytes())
    elif content is not None:
        csv.write_text(content, encoding="utf-8")
    out = tmp_path / "master.xlsx"
    result = runner.invoke(cli, ["import", str(SEED_DOCUMENT), "--departments", str(csv), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == "Error: " + message.format(csv=csv) + "\n"
    assert not out.exists()


def test_departments_file_with_bom_and_several_addresses(runner, tmp_path):
    csv = tmp_path / "afdelinger.csv"
    csv.write_bytes("\ufeffKode;Navn;E-mail;Kontaktperson\nXA;Afdeling A;a@example.org, b@example.org;Ane\n"
                    "XB;Afdeling B;;\nXC;Ubrugt;c@example.org;\n".encode("utf-8"))
    out = tmp_path / "clean.xlsx"
    result = runner.invoke(cli, ["import", str(clean_document(tmp_path)), "--departments", str(csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "info: the departments file lists XC, which the document does not name; they were kept" in result.stdout
    from spareforslag_xl.app.check import check_master
    plan = check_master(out).plan
    assert [(d.code, d.name, d.emails, d.contact) for d in plan.departments] == [
        ("XA", "Afdeling A", ("a@example.org", "b@example.org"), "Ane"), ("XB", "Afdeling B", (), ""),
        ("XC", "Ubrugt", ("c@example.org",), "")]


def test_help_has_an_example(runner):
    result = runner.invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    assert "spareforslag import input/administrative-spareforslag-2023.md" in result.stdout
    assert "--departments" in result.stdout and "--overwrite" in result.stdout
