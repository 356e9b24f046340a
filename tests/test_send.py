"""mail --send: a real SMTP server on 127.0.0.1 inside the test receives what is sent; no other network."""

import email
import socket
from datetime import datetime, timedelta, timezone
from email import policy
from email.utils import parsedate_to_datetime

import pytest
from click.testing import CliRunner

from spareforslag_xl.app.build import build_reports
from spareforslag_xl.cli.main import cli

PASSWORD = "s3cret-Pa55word"


@pytest.fixture
def closed_port():
    """A port of 127.0.0.1 that refuses connections: bound by the test, so that no other process (another
    pytest-xdist worker) can take it before the test connects, but not listening."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


class Collector:
    """An aiosmtpd handler that keeps every envelope and refuses the recipients it is told to."""

    def __init__(self, refuse=()) -> None:
        self.refuse = set(refuse)
        self.envelopes: list = []
        self.logins: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        # handled=False: the server answers a failure itself (535), rather than leaving it to us.
        return AuthResult(success=auth_data.password.decode() == PASSWORD, handled=False)


@pytest.fixture
def smtp():
    """smtp(refuse=...) → (handler, port) of a server running for the rest of the test."""
    from aiosmtpd.controller import Controller

    class OnFreePort(Controller):
        """Binds port 0, so the kernel hands out a free port as it binds: choosing a port first and binding it
        after would race with the other test processes. The port is known once bound, before the first
        connection (which the controller makes to see that the server answers)."""

        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controllers = []

    def start(refuse=()):
        handler = Collector(refuse)
        controller = OnFreePort(handler, hostname="127.0.0.1", port=0, authenticator=handler.authenticate,
                                auth_require_tls=False)
        controller.start()
        controllers.append(controller)
        return handler, controller.port

    yield start
    for c in controllers:
        c.stop()


def send(path, out, port, *extra, env=None, input=None):
    args = ["mail", str(path), "-o", str(out), "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
            "--smtp-security", "none", "--from", "budget@example.org", *map(str, extra)]
    return CliRunner().invoke(cli, args, env=env, input=input)


def test_send_delivers_every_mail_with_its_workbook(master, tmp_path, smtp):
    handler, port = smtp()
    path = master(name="sample.xlsx")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = send(path, tmp_path / "out", port, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-7:] == [
        "MSB  budget.msb@example.org: sent", "MTM  budget.mtm@example.org: sent", "MSO  budget.mso@example.org: sent",
        "MKB  budget.mkb@example.org: sent", "MBU  budget.mbu@example.org: sent", "BA  budget.ba@example.org: sent",
        "6 of 6 recipients got their mail."]
    assert [(frm, to) for frm, to, _ in handler.envelopes] == [
        ("budget@example.org", [f"budget.{c}@example.org"]) for c in ("msb", "mtm", "mso", "mkb", "mbu", "ba")]
    msg = email.message_from_bytes(handler.envelopes[0][2], policy=policy.default)
    assert msg["To"] == "Kontakt MSB <budget.msb@example.org>" and msg["From"] == "budget@example.org"
    assert msg["Subject"] == "Spareforslag til Budget 2024: MSB – Sociale Forhold og Beskæftigelse"
    assert msg["X-Unsent"] is None
    assert before <= parsedate_to_datetime(msg["Date"]) <= datetime.now(timezone.utc) + timedelta(seconds=1)
    draft = email.message_from_bytes((tmp_path / "out" / "mails" / "MSB.eml").read_bytes(), policy=policy.default)
    assert msg["Message-ID"] == draft["Message-ID"]
    assert "  2024: 13.067\n" in msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    build_reports(path, tmp_path / "built", only=["MSB"])
    assert attachment.get_content() == (tmp_path / "built" / "afdelinger" / "MSB.xlsx").read_bytes()


def test_a_refused_recipient_does_not_stop_the_others_and_exits_1(master, tmp_path, smtp):
    handler, port = smtp(refuse={"budget.mtm@example.org"})
    result = send(master(), tmp_path / "out", port, "--yes", "--only", "MSB,MTM,MSO")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-4:] == [
        "MSB  budget.msb@example.org: sent",
        "MTM  budget.mtm@example.org: refused (550 5.1.1 <budget.mtm@example.org>: Recipient address rejected: "
        "User unknown)",
        "MSO  budget.mso@example.org: sent",
        "2 of 3 recipients got their mail."]
    assert result.stderr.endswith("Error: 1 not sent (see above); the others were sent.\n")
    assert [to for _, to, _ in handler.envelopes] == [["budget.msb@example.org"], ["budget.mso@example.org"]]


def test_one_refused_address_of_several_keeps_the_mail_for_the_others(master, tmp_path, smtp):
    handler, port = smtp(refuse={"gone@example.org"})
    path = master(edits={"Afdelinger!C7": "budget.ba@example.org; gone@example.org"})
    result = send(path, tmp_path / "out", port, "--yes", "--only", "BA")
    assert result.exit_code == 1
    assert "BA  budget.ba@example.org: sent" in result.stdout
    assert "BA  gone@example.org: refused (550 5.1.1 <gone@example.org>" in result.stdout
    assert [to for _, to, _ in handler.envelopes] == [["budget.ba@example.org"]]
    msg = email.message_from_bytes(handler.envelopes[0][2], policy=policy.default)
    assert msg["To"] == "budget.ba@example.org, gone@example.org"  # no display name with several


def test_a_server_that_is_not_listening_exits_3_with_a_clear_message(master, tmp_path, closed_port):
    port = closed_port
    result = send(master(), tmp_path / "out", port, "--yes")
    assert result.exit_code == 3
    assert result.stderr.endswith(
        f"Error: 127.0.0.1:{port} (no encryption): cannot connect (Connection refused). Check --smtp-host and "
        "--smtp-port, and that the server is reachable from this machine.\n")
    assert (tmp_path / "out" / "mails" / "MSB.eml").exists()  # the drafts are there to send by hand


def test_starttls_that_the_server_does_not_offer_exits_3(master, tmp_path, smtp):
    handler, port = smtp()
    args = ["mail", master(), "-o", tmp_path / "out", "--send", "--yes", "--smtp-host", "127.0.0.1",
            "--smtp-port", port, "--from", "budget@example.org"]
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 3
    assert result.stderr.endswith(f"Error: 127.0.0.1:{port} (STARTTLS): the server does not offer STARTTLS. "
                                  "Use --smtp-security ssl, or none on a trusted network.\n")
    assert handler.envelopes == []


def test_login_from_the_environment_and_the_password_is_never_shown_or_written(master, tmp_path, smtp):
    handler, port = smtp()
    env = {"SPAREFORSLAG_SMTP_USER": "budget", "SPAREFORSLAG_SMTP_PASSWORD": PASSWORD}
    result = send(master(), tmp_path / "out", port, "--yes", "--only", "MSB", env=env)
    assert result.exit_code == 0, result.output
    assert handler.logins == [("budget", PASSWORD)]
    assert PASSWORD not in result.output
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert PASSWORD.encode() not in f.read_bytes(), f
    wrong = send(master(), tmp_path / "o2", port, "--yes", "--only", "MSB",
                 env={"SPAREFORSLAG_SMTP_USER": "budget", "SPAREFORSLAG_SMTP_PASSWORD": "wrong-one"})
    assert wrong.exit_code == 3
    assert wrong.stderr.endswith(f"Error: 127.0.0.1:{port} (no encryption) as budget: the server refused the login "
                                 "(535 5.7.8 Authentication credentials invalid). Check --smtp-user and the password.\n")
    assert "wrong-one" not in wrong.output


def test_the_smtp_host_and_port_come_from_the_environment(master, tmp_path, smtp):
    handler, port = smtp()
    env = {"SPAREFORSLAG_SMTP_HOST": "127.0.0.1", "SPAREFORSLAG_SMTP_PORT": str(port),
           "SPAREFORSLAG_SMTP_SECURITY": "none", "SPAREFORSLAG_SMTP_FROM": "budget@example.org"}
    result = CliRunner().invoke(cli, ["mail", str(master()), "-o", str(tmp_path / "out"), "--send", "--yes",
                                      "--only", "MKB"], env=env)
    assert result.exit_code == 0, result.output
    assert len(handler.envelopes) == 1


def test_dry_run_lists_who_would_get_what_and_sends_nothing(master, tmp_path, smtp):
    handler, port = smtp()
    result = send(master(), tmp_path / "out", port, "--dry-run", "--only", "MSB,MBU")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0:3] == ["MSB  to: budget.msb@example.org",
                          "     subject: Spareforslag til Budget 2024: MSB – Sociale Forhold og Beskæftigelse",
                          lines[2]]
    assert lines[2].startswith("     attachment: spareforslag-budget-2024-MSB.xlsx (") and lines[2].endswith(" kB)")
    assert lines[-2:] == [f"2 mails through 127.0.0.1:{port} (no encryption) from budget@example.org.",
                          "Dry run: nothing was sent."]
    assert handler.envelopes == []


def test_a_dry_run_changes_nothing_on_disk(master, tmp_path, smtp):
    handler, port = smtp()
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["mail", str(master()), "-o", str(out)]).exit_code == 0
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "mails").iterdir()}
    result = send(master(), out, port, "--dry-run")
    assert result.exit_code == 0 and "Wrote" not in result.stdout
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "mails").iterdir()} == before
    fresh = tmp_path / "fresh"
    assert send(master(), fresh, port, "--dry-run").exit_code == 0
    assert not fresh.exists()


def test_the_dry_run_listing_aligns_two_letter_codes(master, tmp_path, smtp):
    handler, port = smtp()
    lines = send(master(), tmp_path / "out", port, "--dry-run", "--only", "MSB,BA").stdout.splitlines()
    ba = lines.index("BA   to: budget.ba@example.org")
    assert lines[ba + 1].startswith("     subject: ") and lines[ba + 2].startswith("     attachment: ")
    assert lines[1].startswith("     subject: ")


def test_send_asks_first_and_no_sends_nothing(master, tmp_path, smtp):
    handler, port = smtp()
    result = send(master(), tmp_path / "out", port, "--only", "MSB", input="n\n")
    assert result.exit_code == 1
    assert "Send 1 mail now? [y/N]: n\nAborted!\n" in result.stderr
    assert handler.envelopes == []
    result = send(master(), tmp_path / "out", port, "--only", "MSB", input="y\n")
    assert result.exit_code == 0 and len(handler.envelopes) == 1


def test_a_department_without_address_is_not_sent_and_exits_1(master, tmp_path, smtp):
    handler, port = smtp()
    result = send(master(edits={"Afdelinger!C3": None}), tmp_path / "out", port, "--yes", "--only", "MSB,MTM")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-3:] == [
        "MSB  budget.msb@example.org: sent", "MTM  (no address): not sent: the department has no e-mail address",
        "1 of 2 recipients got their mail."]


@pytest.mark.parametrize("args, env, message", [
    ([], {}, "Error: --smtp-host: no SMTP server given. Use --smtp-host or set SPAREFORSLAG_SMTP_HOST.\n"),
    (["--smtp-host", "127.0.0.1"], {}, "Error: --from: no sender address given. Use --from or set "
                                       "SPAREFORSLAG_SMTP_FROM.\n"),
])
def test_send_without_server_or_sender_is_a_usage_error(master, tmp_path, args, env, message):
    result = CliRunner().invoke(cli, ["mail", str(master()), "-o", str(tmp_path / "out"), "--send", *args], env=env)
    assert result.exit_code == 2 and result.stderr == message
    assert not (tmp_path / "out").exists()
