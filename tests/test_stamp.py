"""The date on every written file (io/stamp.py): SOURCE_DATE_EPOCH, else the input's saved time, else 2000-01-01.

Read back from the files themselves: docProps/core.xml's dcterms:created and dcterms:modified,
the Date of the mail drafts, the names of the archive's copies.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.cli.main import cli
from spareforslag_xl.io.stamp import FALLBACK, file_time, source_date_epoch
from spareforslag_xl.model.errors import RequestError
from tests.conftest import REPO, SEED_MASTER, document_epoch
from tests.importcheck import SEED_DEPARTMENTS, SEED_DOCUMENT
from tests.xml_edit import rewrite_part

UTC = UTC
JUNE = "1686571200"  # 2023-06-12 12:00:00 UTC
JUNE_W3C = "2023-06-12T12:00:00Z"
JUNE_MAIL = "Mon, 12 Jun 2023 12:00:00 +0000"
OFFICIAL = REPO / "input" / "officielt-budget-2024.xlsx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def dates(path: Path) -> tuple[str, str]:
    """Return (dcterms:created, dcterms:modified) of a workbook, as written."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("docProps/core.xml").decode("utf-8")
    return tuple(re.search(rf"<dcterms:{n}\b[^>]*>([^<]*)</dcterms:{n}>", xml).group(1)
                 for n in ("created", "modified"))


def saved_as(path: Path, modified: str | None, created: str | None = "2001-02-03T04:05:06Z") -> Path:
    """Give the workbook at path these core dates (None: the element left out), as Excel or LibreOffice would."""
    def change(data: bytes) -> bytes:
        text = re.sub(r"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", "", data.decode("utf-8"))
        extra = "".join(f'<dcterms:{n} xsi:type="dcterms:W3CDTF">{v}</dcterms:{n}>'
                        for n, v in (("created", created), ("modified", modified)) if v is not None)
        return text.replace("</cp:coreProperties>", extra + "</cp:coreProperties>").encode("utf-8")
    rewrite_part(path, "docProps/core.xml", change)
    return path


def mail_date(folder: Path, code: str = "MSB") -> str:
    return email.message_from_bytes((folder / "mails" / f"{code}.eml").read_bytes(), policy=policy.default)["Date"]


# -- the rule ---------------------------------------------------------------------------------------
SAVED = datetime(2024, 5, 2, 8, 30, 15, 999_999, tzinfo=UTC)


@pytest.mark.parametrize("environ, saved, expected", [
    ({"SOURCE_DATE_EPOCH": JUNE}, SAVED, datetime(2023, 6, 12, 12, tzinfo=UTC)),
    ({"SOURCE_DATE_EPOCH": JUNE}, None, datetime(2023, 6, 12, 12, tzinfo=UTC)),
    ({"SOURCE_DATE_EPOCH": "0"}, SAVED, datetime(1970, 1, 1, tzinfo=UTC)),
    ({"SOURCE_DATE_EPOCH": ""}, SAVED, datetime(2024, 5, 2, 8, 30, 15, tzinfo=UTC)),  # empty: unset
    ({}, SAVED, datetime(2024, 5, 2, 8, 30, 15, tzinfo=UTC)),  # to the whole second
    ({}, datetime(2024, 5, 2, 8, 30, 15), datetime(2024, 5, 2, 8, 30, 15, tzinfo=UTC)),  # naive is UTC
    ({}, datetime(2024, 5, 2, 10, 30, 15, tzinfo=timezone(timedelta(hours=2))),
     datetime(2024, 5, 2, 8, 30, 15, tzinfo=UTC)),
    ({}, None, datetime(2000, 1, 1, tzinfo=UTC)),
])
def test_source_date_epoch_then_the_saved_time_then_the_fallback(environ, saved, expected):
    got = file_time(saved, environ)
    assert got == expected and got.tzinfo == UTC
    assert FALLBACK == datetime(2000, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("value", ["soon", "1.5", "-1", " 1686571200", "1686571200\n", "1e9", "+5", "1_000",
                                   "253402300800", "١٢٣"])
def test_anything_but_whole_seconds_is_refused(value):
    with pytest.raises(RequestError) as info:
        source_date_epoch({"SOURCE_DATE_EPOCH": value})
    assert str(info.value).startswith("SOURCE_DATE_EPOCH='")
    assert "' is not a time: it must be a whole number of seconds since 1 January 1970" in str(info.value)


def test_the_last_second_of_year_9999_is_accepted():
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "253402300799"}) == datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


# -- every output follows it ----------------------------------------------------------------------
def test_source_date_epoch_dates_the_report_the_workbooks_the_archive_and_the_mails(master, tmp_path, monkeypatch):
    path = master(name="budget.xlsx")
    assert dates(path) == ("2000-01-01T00:00:00Z",) * 2  # the sample plan carries no time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE)
    out = tmp_path / "out"
    assert run("build", path, "-o", out).exit_code == 0
    assert dates(out / "budget-rapport.xlsx") == (JUNE_W3C, JUNE_W3C)
    assert dates(out / "afdelinger" / "MSB.xlsx") == (JUNE_W3C, JUNE_W3C)
    [copy] = (out / "arkiv").glob("*.xlsx")
    assert copy.name.startswith("2023-06-12-")
    assert run("mail", path, "-o", out, "--only", "MSB").exit_code == 0
    assert mail_date(out) == JUNE_MAIL
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # another value, another date, nothing else
    assert run("mail", path, "-o", tmp_path / "other", "--only", "MSB").exit_code == 0
    assert mail_date(tmp_path / "other") == "Tue, 14 Nov 2023 22:13:20 +0000"


def test_source_date_epoch_dates_the_changes_reconciliation_init_and_import(master, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE)
    old, new = master(), master()
    assert run("diff", old, new, "-o", tmp_path / "changes.xlsx").exit_code == 0
    assert dates(tmp_path / "changes.xlsx") == (JUNE_W3C, JUNE_W3C)
    assert run("reconcile", SEED_MASTER, OFFICIAL, "-o", tmp_path / "rec.xlsx").exit_code == 1  # one difference
    assert dates(tmp_path / "rec.xlsx") == (JUNE_W3C, JUNE_W3C)
    assert run("init", tmp_path / "new.xlsx").exit_code == 0
    assert dates(tmp_path / "new.xlsx") == (JUNE_W3C, JUNE_W3C)
    document = shutil.copy(SEED_DOCUMENT, tmp_path / "doc.md")
    os.utime(document, (1_700_000_000, 1_700_000_000))
    assert run("import", document, "--departments", SEED_DEPARTMENTS, "-o", tmp_path / "m.xlsx").exit_code == 1
    assert dates(tmp_path / "m.xlsx") == (JUNE_W3C, JUNE_W3C)  # not the document's time


def test_the_same_input_and_environment_give_the_same_bytes(master, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE)
    path = master()
    for out in ("a", "b"):
        assert run("build", path, "-o", tmp_path / out).exit_code == 0
        assert run("mail", path, "-o", tmp_path / out).exit_code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 1 + 6 + 6 + 2 + 1  # report, workbooks, mails, the archive's copy and log; the empty lock
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# -- the master's own saved time --------------------------------------------------------------------
@pytest.mark.parametrize("modified, created, w3c, mail", [
    ("2024-05-02T08:30:15Z", "2001-02-03T04:05:06Z", "2024-05-02T08:30:15Z", "Thu, 02 May 2024 08:30:15 +0000"),
    # LibreOffice: nanoseconds and its own time zone
    ("2024-05-02T10:30:15.123456789+02:00", None, "2024-05-02T08:30:15Z", "Thu, 02 May 2024 08:30:15 +0000"),
    (None, "2024-01-31T23:59:59Z", "2024-01-31T23:59:59Z", "Wed, 31 Jan 2024 23:59:59 +0000"),  # created only
    (None, None, "2000-01-01T00:00:00Z", "Sat, 01 Jan 2000 00:00:00 +0000"),  # no time: the fallback, not now
])
def test_the_masters_saved_time_is_carried_into_the_report_the_archive_and_the_mail(
        master, tmp_path, modified, created, w3c, mail):
    path = saved_as(master(name="budget.xlsx"), modified, created)
    out = tmp_path / "out"
    assert run("build", path, "-o", out).exit_code == 0
    assert dates(out / "budget-rapport.xlsx") == (w3c, w3c)
    assert dates(out / "afdelinger" / "MBU.xlsx") == (w3c, w3c)
    [copy] = (out / "arkiv").glob("*.xlsx")
    assert copy.name.startswith(w3c[:10] + "-") and copy.read_bytes() == path.read_bytes()
    assert run("mail", path, "-o", out, "--only", "MSB").exit_code == 0
    assert mail_date(out) == mail


def test_the_committed_seed_master_is_dated_by_the_makefile_and_its_report_too(tmp_path):
    stamp = datetime.fromtimestamp(int(document_epoch()), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert stamp == JUNE_W3C  # the README and the Makefile name this day
    assert dates(SEED_MASTER) == (stamp, stamp)
    assert dates(OFFICIAL) == (stamp, stamp)
    assert run("build", SEED_MASTER, "-o", tmp_path, "--no-departments").exit_code == 0
    assert dates(tmp_path / "spareforslag-budget-2024-rapport.xlsx") == (stamp, stamp)


def test_import_dates_the_master_by_the_documents_modification_time(tmp_path):
    document = shutil.copy(SEED_DOCUMENT, tmp_path / "doc.md")
    os.utime(document, (1_700_000_000.75, 1_700_000_000.75))
    for name in ("a.xlsx", "b.xlsx"):
        assert run("import", document, "--departments", SEED_DEPARTMENTS, "-o", tmp_path / name).exit_code == 1
    assert dates(tmp_path / "a.xlsx") == ("2023-11-14T22:13:20Z",) * 2
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_init_without_source_date_epoch_gets_the_fallback(tmp_path):
    assert run("init", tmp_path / "a.xlsx").exit_code == 0
    assert dates(tmp_path / "a.xlsx") == ("2000-01-01T00:00:00Z",) * 2


# -- a bad value: exit 2, a message naming the variable, nothing written -------------------------------
MESSAGE = ("Error: SOURCE_DATE_EPOCH='next week' is not a time: it must be a whole number of seconds since "
           "1 January 1970 00:00 UTC (as 'date +%s' prints it), such as 1686571200 for 12 June 2023 12:00 UTC. "
           "Correct it, or unset it to date the files by the master or document they are made from.\n")


@pytest.mark.parametrize("command", ["build", "mail", "init", "import", "diff", "reconcile"])
def test_a_bad_source_date_epoch_exits_2_with_a_message_and_writes_nothing(master, tmp_path, monkeypatch, command):
    path, out = master(), tmp_path / "out"
    args = {
        "build": ("build", path, "-o", out),
        "mail": ("mail", path, "-o", out),
        "init": ("init", out / "new.xlsx"),
        "import": ("import", SEED_DOCUMENT, "--departments", SEED_DEPARTMENTS, "-o", out / "m.xlsx"),
        "diff": ("diff", path, path, "-o", out / "changes.xlsx"),
        "reconcile": ("reconcile", SEED_MASTER, OFFICIAL, "-o", out / "rec.xlsx"),
    }[command]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next week")
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(MESSAGE)
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*"))


@pytest.mark.danish
def test_the_message_is_danish_by_default(master, tmp_path, monkeypatch):
    path = master()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "i morgen")
    result = run("build", path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fejl: SOURCE_DATE_EPOCH='i morgen' er ikke et tidspunkt: den skal være et helt antal sekunder siden "
        "1. januar 1970 kl. 00.00 UTC (som 'date +%s' skriver det), fx 1686571200 for 12. juni 2023 kl. 12.00 UTC. "
        "Ret den, eller fjern den, så filerne dateres efter det grundark eller dokument, de er dannet af.\n")


def test_a_source_date_epoch_of_thousands_of_digits_is_refused_not_a_traceback():
    from spareforslag_xl.io.stamp import source_date_epoch
    from spareforslag_xl.model.errors import RequestError

    with pytest.raises(RequestError):
        source_date_epoch({"SOURCE_DATE_EPOCH": "9" * 5000})
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "0" * 5000 + "1686571200"}).year == 2023
