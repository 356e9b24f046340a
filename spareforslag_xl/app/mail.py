"""The library's entry point for mail drafts: one .eml per department, its workbook attached.

Reads and checks the master, computes it, renders each department's workbook, texts and
message in memory, and writes the drafts only when all are complete. A master with errors
gives no mails: a department must not receive figures the master itself contradicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

from spareforslag_xl.app.check import Checked, check_master, counted_stop, require_clean
from spareforslag_xl.app.departments import select
from spareforslag_xl.app.since import changes_since
from spareforslag_xl.content.department import DepartmentShared
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.filenames import MAIL_FOLDER, file_stems, safe_filename
from spareforslag_xl.core.parts import department_part
from spareforslag_xl.core.recipients import address_problem, shown
from spareforslag_xl.io.journal import Recovered
from spareforslag_xl.io.lock import locked
from spareforslag_xl.io.output import inside, write_all
from spareforslag_xl.io.sendlog import SENDING, Record, read_send_log
from spareforslag_xl.io.smtp import DELIVERED, UNKNOWN, Outcome, Outgoing, SmtpSettings, deliver, for_sending
from spareforslag_xl.io.stamp import file_time
from spareforslag_xl.model.danish import danish_number, format_danish
from spareforslag_xl.model.errors import RequestError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Department, Plan, Scenario
from spareforslag_xl.render.department import department_bytes
from spareforslag_xl.render.eml import Draft, compose, eml_bytes
from spareforslag_xl.render.mailtext import mail_context, render_mail, template_environment

MB = 1024 * 1024


@dataclass
class Mail:
    """One department's mail: its draft file, the message and the draft's bytes."""

    department: Department
    path: Path
    draft: Draft
    message: EmailMessage
    data: bytes

    @property
    def to(self) -> tuple[str, ...]:
        return self.draft.to

    @property
    def subject(self) -> str:
        return self.draft.subject

    @property
    def attachment_name(self) -> str:
        return self.draft.attachment_name

    @property
    def attachment_size(self) -> int:
        return len(self.draft.attachment)


@dataclass
class Prepared:
    """The drafts of a master's mails, one per department chosen, and what the sender should know."""

    checked: Checked
    mails: list[Mail]
    notices: list[str] = field(default_factory=list)
    """Warnings for the person sending, in the language in use: departments without address, large attachments."""
    recovered: list[Recovered] = field(default_factory=list)
    """What an interrupted earlier run left in the folder, and what was done with it (io/journal.py)."""


def format_size(n: int) -> str:
    """Return a size as people read it, the Danish way: '10,8 kB', '12,3 MB'."""
    return f"{format_danish(Decimal(n) / 1024, 1)} kB" if n < MB else f"{format_danish(Decimal(n) / MB, 1)} MB"


def attachment_name(plan: Plan, stem: str) -> str:
    """Return the attachment's file name: 'spareforslag-budget-2024-MSB.xlsx'."""
    year = plan.settings.budget_year
    return safe_filename(f"spareforslag-budget-{year}-{stem}" if year else f"spareforslag-{stem}") + ".xlsx"


def prepare_mails(master: Path, out_dir: Path, only: list[str] | None = None, templates: Path | None = None,
                  meeting: str | None = None, note: str = "", sender: str = "",
                  max_attachment_mb: float = 10.0, write: bool = True, limit_name: str = "",
                  scenario: Scenario | None = None, since: Path | str | None = None) -> Prepared:
    """Check the master and write a mail draft per department into out_dir/mails/; return them.

    Raises FindingsError (nothing written) when the master has errors, RequestError for an
    unknown department code or a template folder without templates, InputError for a
    template that fails, OutputError when a draft cannot be written. ``limit_name`` is added
    after the attachment limit in its warning, to say where the limit is set (' (--max-attachment-mb)').
    ``scenario`` as for ``build``: the adopted plan once the master records decisions.
    With ``since`` (a master, or 'forrige' for the previous build's into out_dir) each mail whose
    department's figures changed gets a paragraph on the changes, and each workbook the sheet 'Ændringer'.
    """
    checked = check_master(master)
    plan = checked.plan
    date: datetime = file_time(plan.created)  # SOURCE_DATE_EPOCH, else the master's saved time (RequestError when bad)
    chosen = select(plan.departments, only)
    require_clean(checked, lambda n: _("{stops} the mails; nothing was written.").format(
        stops=counted_stop(n, "error")))
    env = template_environment(templates, plan.settings.decimals)
    result = compute_scenario(plan, scenario)
    diff = changes_since(since, out_dir, plan, result, scenario)
    stems = file_stems(plan.departments)
    meeting = plan.settings.meeting if meeting is None else meeting
    folder = Path(out_dir) / MAIL_FOLDER
    prepared = Prepared(checked, [])
    shared = DepartmentShared(result)
    for d in chosen:
        name = attachment_name(plan, stems[d.code])
        texts = render_mail(env, mail_context(department_part(result, d.code), result.plan, meeting, note, name, diff))
        draft = Draft(d.emails, texts.subject, texts.text, texts.html, name,
                      department_bytes(result, d.code, changes=diff, shared=shared),
                      date, to_name=d.contact, sender=sender)
        message = compose(draft)
        prepared.mails.append(Mail(d, inside(folder, stems[d.code] + ".eml"), draft, message, eml_bytes(message)))
        # A department without an address is already the finding missing-email, which says the same.
        if len(draft.attachment) > max_attachment_mb * MB:
            prepared.notices.append(_(
                "{code}: the attachment {name} is {size}, more than {limit} MB{option}; mail servers often refuse "
                "large messages.").format(code=d.code, name=name, size=format_size(len(draft.attachment)),
                                          limit=danish_number(Decimal(str(max_attachment_mb))), option=limit_name))
    if write:
        with locked(Path(out_dir), "spareforslag mail") as holding:
            write_all({m.path: m.data for m in prepared.mails}, inputs=[master])
        prepared.recovered = holding.recovered
    return prepared


def choose_sender(sender: str | None, smtp_user: str | None) -> str | None:
    """Return the sender: the one rule for drafts and sending alike.

    ``sender`` (--from or its variable) when given, else the SMTP user when it is an address; None
    when neither: a draft without it has no From, and the mail program adds its own account.
    Raises RequestError (remedy 'from') for a sender that is not a usable address.
    """
    if sender is not None:
        problem = address_problem(sender)
        if problem:
            raise RequestError(_("'{sender}' is not a usable address: {problem}.").format(
                sender=shown(sender), problem=problem), remedy="from")
        return sender
    if smtp_user and not address_problem(smtp_user):
        return smtp_user
    return None


@dataclass(frozen=True)
class Planned:
    """One department's mail as a send would treat it: the recipients to send to now, and those skipped."""

    mail: Mail
    recipients: tuple[str, ...]
    skipped: tuple[Record, ...] = ()
    """The send log's records of recipients not sent to again: delivered, or of unknown outcome."""


@dataclass
class Sent:
    """What a send did: one outcome per recipient sent to, and the records of those skipped."""

    outcomes: list[Outcome]
    skipped: list[Record]


def message_id(mail: Mail) -> str:
    """Return a mail's Message-ID (the same for the same draft: it comes from a hash of the content)."""
    return str(mail.message["Message-ID"] or "")


def plan_sending(prepared: Prepared, out_dir: Path, resend: bool = False) -> list[Planned]:
    """Return what a send would do: per mail, the recipients not yet delivered (every one with ``resend``).

    A recipient is skipped when the send log (io/sendlog.py) has this same mail (its Message-ID)
    delivered to it, or handed over with an unknown outcome; a changed mail has a new Message-ID
    and is sent. Raises InputError when the send log cannot be read (what was delivered is unknown).
    """
    log = read_send_log(Path(out_dir) / MAIL_FOLDER)
    planned = []
    for m in prepared.mails:
        send: list[str] = []
        skip: list[Record] = []
        for r in m.to:
            record = log.latest(m.department.code, r)
            if (not resend and record is not None and record.message_id == message_id(m)
                    and record.status in (DELIVERED, UNKNOWN, SENDING)):
                skip.append(record)
            else:
                send.append(r)
        planned.append(Planned(m, tuple(send), tuple(skip)))
    return planned


def send_mails(prepared: Prepared, out_dir: Path, settings: SmtpSettings, sender: str, resend: bool = False,
               now: datetime | None = None) -> Sent:
    """Deliver the prepared mails not yet delivered (all with ``resend``) and record each outcome; return them.

    Holds the output folder's lock, so that two sends never both send a mail. Each mail is recorded in
    out_dir/mails/afsendt.json before it is handed to the server ('sending') and after (its outcome),
    so that a re-run sends only what was not delivered. Raises DeliveryError (with the outcomes so
    far) when the server cannot be reached, refuses the login or the connection breaks; a message
    that was being handed over when it broke has the outcome 'unknown'.
    """
    when = now or datetime.now(UTC)
    stamp = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    with locked(Path(out_dir), "spareforslag mail --send"):
        planned = plan_sending(prepared, out_dir, resend)  # decided under the lock: no mail is sent twice
        log = read_send_log(Path(out_dir) / MAIL_FOLDER)
        ids = {p.mail.department.code: message_id(p.mail) for p in planned}
        outgoing = [Outgoing(p.mail.department.code, p.recipients, for_sending(p.mail.message, when))
                    for p in planned if p.recipients or not p.mail.to]

        def record(out: Outgoing, status_of: dict[str, tuple[str, str]]) -> None:
            log.add(Record(out.code, r, ids[out.code], status, answer, stamp)
                    for r, (status, answer) in status_of.items())
            write_all({log.path: log.data()})

        def starting(out: Outgoing) -> None:
            record(out, {r: (SENDING, "") for r in out.to})

        def done(out: Outgoing, outcomes: list[Outcome]) -> None:
            record(out, {o.recipient: (o.state, o.answer) for o in outcomes})

        outcomes = deliver(outgoing, settings, sender, starting, done) if outgoing else []
    return Sent(outcomes, [r for p in planned for r in p.skipped])
