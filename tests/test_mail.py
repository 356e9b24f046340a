"""Mail drafts: what a department's .eml holds, parsed back with Python's email package."""

import email
from dataclasses import replace
from datetime import datetime
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli
from spareforslag_xl.render.eml import Draft, compose, eml_bytes
from tests.plans import DEPARTMENTS, sample_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CODES = [code for code, _, _ in DEPARTMENTS]


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def parse(path: Path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


@pytest.fixture
def drafts(master, tmp_path) -> Path:
    path = master(name="sample.xlsx")
    result = run("mail", path, "-o", tmp_path / "out", "--meeting", "den 12. juni 2023",
                 "--note", "Svar gerne senest fredag.")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "mails"


MSB_TEXT = """\
Kære Kontakt MSB

Efter mødet den 12. juni 2023 sender vi MSB's andel af Administrative spareforslag (prøve) til Budget 2024.

Samlet besparelse for MSB – Sociale Forhold og Beskæftigelse (1.000 kr.):
  2024: 13.067
  2025: 13.351
  2026: 13.124
  2027: 13.124

Sådan er besparelsen sammensat (2024 / 2025 / 2026 / 2027):
  - 7. ERP-systemer, AI, automatisering og RPA: 1.420 / 2.840 / 2.840 / 2.840 – Administrativ fordelingsnøgle (28,4 %)
  - 3. Kommunikation: 568 / 568 / 568 / 568 – Administrativ fordelingsnøgle (28,4 %)
  - 2. Forenkling af politikker, planer og strategier: 500 / 500 / 500 / 500 – Faste beløb
  - Øvrige temaer (temaerne 5 og 6): 142 / 1.420 / 1.562 / 1.704
  - Andel af differencen til målet: 10.437 / 8.023 / 7.654 / 7.512 – Administrativ fordelingsnøgle (28,4 %)
  = I alt MSB: 13.067 / 13.351 / 13.124 / 13.124

Det vedhæftede regneark spareforslag-budget-2024-MSB.xlsx viser afdelingens andel af hvert tema og forslag, \
og hvilken nøgle eller hvilke faste beløb andelen bygger på.

Svar gerne senest fredag.

Med venlig hilsen
Prøve Kommune
"""


def test_mail_writes_one_draft_per_department(drafts):
    assert sorted(p.name for p in drafts.iterdir()) == sorted(f"{c}.eml" for c in CODES)


def test_a_draft_has_the_recipients_a_danish_subject_the_figures_and_the_workbook(drafts, tmp_path):
    msg = parse(drafts / "MSB.eml")
    assert msg["To"] == "Kontakt MSB <budget.msb@example.org>"
    assert msg["Subject"] == "Spareforslag til Budget 2024: MSB – Sociale Forhold og Beskæftigelse"
    assert msg["X-Unsent"] == "1"
    assert msg["Date"] == "Sat, 01 Jan 2000 00:00:00 +0000"  # the sample master's saved time
    assert msg["From"] is None  # Outlook fills in the sender of a draft
    assert msg["Message-ID"].endswith("@spareforslag-xl.invalid>")
    assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n") == MSB_TEXT
    html = msg.get_body(("html",)).get_content()
    assert "<td>I alt MSB</td>" in html and '<td style="text-align: right;">13.067</td>' in html
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content_type() == XLSX
    assert attachment.get_filename() == "spareforslag-budget-2024-MSB.xlsx"
    build_reports(tmp_path / "sample.xlsx", tmp_path / "built", only=["MSB"])
    assert attachment.get_content() == (tmp_path / "built" / "afdelinger" / "MSB.xlsx").read_bytes()


def test_drafts_are_byte_identical_from_run_to_run(master, tmp_path):
    path = master()
    for out in ("a", "b"):
        assert run("mail", path, "-o", tmp_path / out).exit_code == 0
    for code in CODES:
        assert (tmp_path / "a" / "mails" / f"{code}.eml").read_bytes() == \
            (tmp_path / "b" / "mails" / f"{code}.eml").read_bytes()
    ids = {parse(tmp_path / "a" / "mails" / f"{c}.eml")["Message-ID"] for c in CODES}
    assert len(ids) == len(CODES)


def test_the_meeting_comes_from_the_master_unless_given(master, tmp_path):
    path = master(edits={"Indstillinger!B10": "mandag den 5. juni"})
    assert run("mail", path, "-o", tmp_path / "out", "--only", "BA").exit_code == 0
    text = parse(tmp_path / "out" / "mails" / "BA.eml").get_body(("plain",)).get_content()
    assert "Efter mødet mandag den 5. juni sender vi BA's andel" in text


def draft(**changes) -> Draft:
    base = Draft(("a@example.org",), "Emne", "Tekst", "<p>Tekst</p>", "x.xlsx", b"PK", datetime(2024, 1, 2, 3, 4))
    return replace(base, **changes)


def test_a_line_break_in_the_subject_or_a_name_adds_no_header():
    msg = compose(draft(subject="Spareforslag\r\nBcc: evil@example.org", to_name="Hans\nBcc: evil@example.org"))
    parsed = email.message_from_bytes(eml_bytes(msg), policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Spareforslag Bcc: evil@example.org"
    assert parsed["To"].addresses[0].display_name == "Hans Bcc: evil@example.org"
    assert parsed["To"].addresses[0].addr_spec == "a@example.org"
    assert [k for k in parsed.keys()] == ["Date", "To", "Subject", "Message-ID", "X-Unsent", "MIME-Version",
                                          "Content-Type"]


@pytest.mark.parametrize("field", ["to", "sender"])
def test_an_address_with_a_line_break_is_refused(field):
    value = "a@example.org\r\nBcc: evil@example.org"
    with pytest.raises(ValueError) as info:
        compose(draft(**{field: (value,) if field == "to" else value}))
    assert str(info.value) == ("the address 'a@example.org\\r\\nBcc: evil@example.org' cannot be used in a mail: "
                               "it contains a line break.")


def test_a_title_with_a_line_break_gives_a_one_line_subject(master, tmp_path):
    plan = sample_plan()
    path = master(replace(plan, settings=replace(plan.settings, title="Spareforslag\nBcc: evil@example.org")))
    assert run("mail", path, "-o", tmp_path / "out", "--only", "MSB").exit_code == 0
    msg = parse(tmp_path / "out" / "mails" / "MSB.eml")
    assert msg["Bcc"] is None and "\n" not in msg["Subject"]


def test_from_with_a_line_break_is_a_usage_error(master, tmp_path):
    result = run("mail", master(), "-o", tmp_path / "out", "--from", "a@example.org\nBcc: evil@example.org")
    assert result.exit_code == 2
    assert result.stderr == ("Error: --from: 'a@example.org\\nBcc: evil@example.org' is not a usable address: "
                             "it contains a line break.\n")
    assert not (tmp_path / "out").exists()


def test_from_sets_the_sender_and_the_message_id_domain(master, tmp_path):
    assert run("mail", master(), "-o", tmp_path / "out", "--only", "MTM", "--from", "budget@aarhus.dk").exit_code == 0
    msg = parse(tmp_path / "out" / "mails" / "MTM.eml")
    assert msg["From"] == "budget@aarhus.dk" and msg["Message-ID"].endswith("@aarhus.dk>")


@pytest.mark.parametrize("env, options, sender", [
    ({"SPAREFORSLAG_SMTP_FROM": "budget@aarhus.dk"}, [], "budget@aarhus.dk"),
    ({"SPAREFORSLAG_SMTP_USER": "budget.user@aarhus.dk"}, [], "budget.user@aarhus.dk"),  # as when sending
    ({}, ["--smtp-user", "budget.user@aarhus.dk"], "budget.user@aarhus.dk"),
    ({"SPAREFORSLAG_SMTP_USER": "budget.user@aarhus.dk", "SPAREFORSLAG_SMTP_FROM": "budget@aarhus.dk"}, [],
     "budget@aarhus.dk"),
    ({"SPAREFORSLAG_SMTP_USER": "budget.user@aarhus.dk"}, ["--from", "chef@aarhus.dk"], "chef@aarhus.dk"),
    ({"SPAREFORSLAG_SMTP_USER": "budget"}, [], None),  # a login name, not an address: no From
    ({}, [], None),  # unknown: the mail program fills in its account
])
def test_a_draft_has_a_from_header_when_the_sender_is_known(master, tmp_path, env, options, sender):
    result = run("mail", master(), "-o", tmp_path / "out", "--only", "MSB", *options, env=env)
    assert result.exit_code == 0, result.output
    msg = parse(tmp_path / "out" / "mails" / "MSB.eml")
    if sender is None:
        assert msg["From"] is None and "From" not in msg.keys()
        assert msg["Message-ID"].endswith("@spareforslag-xl.invalid>")
        return
    [address] = msg["From"].addresses
    assert (address.addr_spec, address.display_name) == (sender, "")
    assert list(msg.keys())[:3] == ["Date", "From", "To"]
    assert msg["Message-ID"].endswith("@aarhus.dk>")
    assert msg["X-Unsent"] == "1"


def test_dry_run_names_the_sender_the_drafts_would_have(master, tmp_path):
    result = run("mail", master(), "-o", tmp_path / "out", "--dry-run", env={"SPAREFORSLAG_SMTP_USER": "b@aarhus.dk"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == ["6 mails from b@aarhus.dk.", "Dry run: nothing was sent."]


def test_own_templates_override_the_defaults_and_html_is_escaped(master, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "subject.txt").write_text("Til {{ department.code }}: {{ note }}\n", encoding="utf-8")
    (folder / "body.html").write_text("<p>{{ note }} – {{ total[2024]|kr }}</p>", encoding="utf-8")
    note = "<script>alert(1)</script>"
    result = run("mail", master(), "-o", tmp_path / "out", "--only", "MBU", "--templates", folder, "--note", note)
    assert result.exit_code == 0, result.output
    msg = parse(tmp_path / "out" / "mails" / "MBU.eml")
    assert msg["Subject"] == f"Til MBU: {note}"
    assert msg.get_body(("html",)).get_content() == "<p>&lt;script&gt;alert(1)&lt;/script&gt; – 13.006</p>\r\n"
    assert note in msg.get_body(("plain",)).get_content()  # the default plain text, not escaped


@pytest.mark.parametrize("template, problem", [
    ("{% if %}", "the template has an error on line 1: Expected an expression, got 'end of statement block'. "
                 "Correct the template (see README, 'Mail templates')."),
    ("{{ nope }}", "the template cannot be rendered: 'nope' is undefined. "
                   "Use only the variables listed in README, 'Mail templates'."),
    ("{{ '' }}", "the template gives an empty subject. Write a subject in the template."),
    ("Budget\n{{ total[2024] * 1.5 }}", "the template cannot be rendered on line 2: TypeError: unsupported operand "
     "type(s) for *: 'decimal.Decimal' and 'float'. Correct the expression in the template (amounts are exact "
     "decimals: use the filter 'kr' to show them)."),
])
def test_a_broken_template_exits_2_naming_it(master, tmp_path, template, problem):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "subject.txt").write_text(template, encoding="utf-8")
    result = run("mail", master(), "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {folder / 'subject.txt'}: {problem}\n"
    assert not (tmp_path / "out").exists()


def test_a_template_folder_without_templates_exits_2(master, tmp_path):
    result = run("mail", master(), "-o", tmp_path / "out", "--templates", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: --templates: {tmp_path} holds none of the templates subject.txt, body.txt, "
                             "body.html.\n")


def test_a_department_without_address_gets_a_draft_without_recipient(master, tmp_path):
    result = run("mail", master(edits={"Afdelinger!C5": None}), "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert result.stderr.count("[missing-email]") == 1  # the finding, said once: no second notice of the same
    assert "MKB has no e-mail address" in result.stderr and "the department has no e-mail address" not in result.stderr
    assert parse(tmp_path / "out" / "mails" / "MKB.eml")["To"] is None


def test_a_large_attachment_is_a_warning(master, tmp_path):
    result = run("mail", master(), "-o", tmp_path / "out", "--only", "MSB", "--max-attachment-mb", "0.001")
    assert result.exit_code == 0
    [line] = [x for x in result.stderr.splitlines() if x.startswith("warning: MSB")]
    assert line.startswith("warning: MSB: the attachment spareforslag-budget-2024-MSB.xlsx is ")
    assert line.endswith(" kB, more than 0,001 MB (--max-attachment-mb); mail servers often refuse large messages.")
    assert "warning: MSB" not in run("mail", master(), "-o", tmp_path / "o2", "--only", "MSB").stderr


def test_a_master_with_errors_gives_no_mails(master, tmp_path):
    path = master(edits={"Afdelinger!C2": "budget.msb(at)example.org"})
    result = run("mail", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Afdelinger!C2: the e-mail address 'budget.msb(at)example.org' of MSB is not valid: it has no '@'. "
        "[invalid-email]\n    fix: Write each address as name@domain.dk; separate several with ';'.\n"
        f"Error: {path}: the master has 1 error that stops the mails; nothing was written. Fix the findings above.\n")
    assert not (tmp_path / "out").exists()


def test_mail_only_with_an_unknown_code_exits_2(master, tmp_path):
    result = run("mail", master(), "-o", tmp_path / "out", "--only", "XYZ")
    assert result.exit_code == 2
    assert result.stderr == "Error: --only: unknown department code 'XYZ'. Valid codes: MSB, MTM, MSO, MKB, MBU, BA.\n"


def test_a_draft_that_cannot_be_written_exits_3(master, tmp_path):
    (tmp_path / "out" / "mails" / "MSB.eml").mkdir(parents=True)
    result = run("mail", master(), "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.endswith(f"Error: {tmp_path / 'out' / 'mails' / 'MSB.eml'}: a folder has the name of the "
                                  "output file. Rename or remove the folder.\n")
    assert not (tmp_path / "out" / "mails" / "MTM.eml").exists()


def test_the_kr_filter_takes_numbers_of_any_kind_and_text(master, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "subject.txt").write_text("{{ 3250|kr }} {{ 0.5|kr }} {{ 'tekst'|kr }} {{ total[2024]|kr }}",
                                        encoding="utf-8")
    result = run("mail", master(), "-o", tmp_path / "out", "--templates", folder, "--only", "MSB")
    assert result.exit_code == 0, result.output
    import email
    import email.policy

    message = email.message_from_bytes((tmp_path / "out" / "mails" / "MSB.eml").read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "3.250 1 tekst 13.067"
