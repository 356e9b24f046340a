"""The 'mail' command: write a draft per department, and with --send deliver them through SMTP.

Exit codes:
  0  the drafts were written (and with --send: every recipient accepted its mail)
  1  the master has errors (nothing written), a recipient or message was refused or a
     department has no address (the others were sent), or the confirmation was declined
  2  usage error: unknown department code, invalid --from, no --smtp-host, bad templates
  3  a draft could not be written, or the server could not be reached, refused the login,
     or the connection broke (what was sent before is listed)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from spareforslag_xl.cli.common import (
    EXIT_INPUT,
    EXIT_OUTPUT,
    EXIT_PROBLEMS,
    SMTP_ENV,
    CommandError,
    codes,
    echo_findings,
    fail,
    message_of,
    only_option,
    output_folder_option,
    scenario_option,
    since_option,
    stopped,
)
from spareforslag_xl.cli.language import argument, command, confirm, lazy, option
from spareforslag_xl.model.errors import DeliveryError, FindingsError, RequestError, SpareforslagError
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.scenario import Scenario

if TYPE_CHECKING:  # imported by the command when it runs, so that --help stays quick
    from spareforslag_xl.app.mail import Mail, Planned
    from spareforslag_xl.io.sendlog import Record
    from spareforslag_xl.io.smtp import Outcome, SmtpSettings


@command(help=lazy("""Write a mail draft per department (build/mails/MSB.eml) with its workbook attached.

    Each draft opens in Outlook ready to send (X-Unsent: 1): the department's total per
    year, its largest items and the meeting in the text, its workbook attached. Subject and
    body come from templates (--templates to use your own). With --send the mails are
    listed, you are asked, and they are delivered through SMTP; each recipient's result is
    shown. Exit 0 all written/sent, 1 master errors or a recipient refused, 2 usage error,
    3 drafts not written or server unreachable.

    \b
    Example:
      spareforslag mail input/spareforslag-budget-2024.xlsx -o build/ --meeting "den 12. juni 2023"
      SPAREFORSLAG_SMTP_HOST=smtp.example.org SPAREFORSLAG_SMTP_USER=budget@example.org \\
        spareforslag mail input/spareforslag-budget-2024.xlsx --send
    """))
@argument("master", type=click.Path(path_type=Path))
@output_folder_option(lazy("Folder; the drafts go into its 'mails' folder."))
@only_option(lazy("Mail these departments only (e.g. MSB,MBU)."))
@scenario_option()
@option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help=lazy("Folder with your own subject.txt, body.txt and/or body.html (others: the defaults)."))
@option("--meeting", help=lazy("The meeting as it reads after 'Efter mødet' in the mails, e.g. 'den 12. juni 2023' "
                                 "(default: 'Mødedato' of the master)."))
@option("--note", default="", help=lazy("A paragraph added to every mail."))
@option("--from", "sender", envvar=SMTP_ENV + "FROM", show_envvar=True,
              help=lazy("Sender address, the drafts' From (default: the SMTP user if it is an address; needed with "
                        "--send)."))
@option("--max-attachment-mb", type=click.FloatRange(min=0), default=10, show_default=True,
              help=lazy("Warn when a workbook is larger than this."))
@since_option(lazy("Add a paragraph on what changed since this master (or 'forrige') to each mail whose figures "
                   "changed."))
@option("--send", is_flag=True, help=lazy("Deliver the mails through SMTP after listing them and asking."))
@option("--dry-run", is_flag=True, help=lazy("List who would get what, and send nothing."))
@option("--yes", is_flag=True, help=lazy("Send without asking (for scripts)."))
@option("--resend", is_flag=True, help=lazy("Send again also the mails the send log has as delivered."))
@option("--smtp-host", envvar=SMTP_ENV + "HOST", show_envvar=True, help=lazy("SMTP server."))
@option("--smtp-port", type=click.IntRange(1, 65535), envvar=SMTP_ENV + "PORT", show_envvar=True,
              help=lazy("Port (default: 587 for starttls, 465 for ssl, 25 for none)."))
@option("--smtp-security", type=click.Choice(["starttls", "ssl", "none"]), default="starttls",
              envvar=SMTP_ENV + "SECURITY", show_envvar=True, show_default=True, help=lazy("Encryption."))
@option("--smtp-user", envvar=SMTP_ENV + "USER", show_envvar=True, help=lazy("Login name (no login without)."))
@option("--smtp-password", envvar=SMTP_ENV + "PASSWORD", show_envvar=True,
              help=lazy("Password; better from the environment variable, else you are asked for it."))
def mail(master: Path, out_dir: Path, only: str | None, templates: Path | None, meeting: str | None, note: str,
         since: str | None,
         sender: str | None, max_attachment_mb: float, send: bool, dry_run: bool, yes: bool, resend: bool,
         smtp_host: str | None, smtp_port: int | None, smtp_security: str, smtp_user: str | None,
         smtp_password: str | None, scenario: Scenario | None) -> None:
    """Write a mail draft per department (build/mails/MSB.eml) with its workbook attached.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.app.mail import choose_sender, format_size, plan_sending, prepare_mails, send_mails
    from spareforslag_xl.io.smtp import SmtpSettings

    delivering = send and not dry_run
    try:
        sender = choose_sender(sender, smtp_user)
    except RequestError as exc:
        raise CommandError(f"--from: {exc}", EXIT_INPUT) from None
    if delivering:
        if not smtp_host:
            raise CommandError(_("--smtp-host: no SMTP server given. Use --smtp-host or set {variable}.").format(
                variable=SMTP_ENV + "HOST"), EXIT_INPUT)
        if sender is None:
            raise CommandError(_("--from: no sender address given. Use --from or set {variable}.").format(
                variable=SMTP_ENV + "FROM"), EXIT_INPUT)
    try:
        prepared = prepare_mails(master, out_dir, only=codes(only),
                                 templates=templates, meeting=meeting, note=note, sender=sender or "",
                                 max_attachment_mb=max_attachment_mb, limit_name=" (--max-attachment-mb)",
                                 scenario=scenario, since=since, write=not dry_run)
        planned = plan_sending(prepared, out_dir, resend) if (send or dry_run) else []
    except FindingsError as exc:
        raise stopped(exc, errors_only=True) from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    for recovered in prepared.recovered:
        click.echo(_("note: {text}").format(text=recovered.describe()), err=True)
    echo_findings(prepared.checked.findings, err=True)
    for notice in prepared.notices:
        click.echo(_("warning: {notice}").format(notice=notice), err=True)
    if not dry_run:  # a dry run changes nothing on disk: the drafts are made in memory only
        for m in prepared.mails:
            click.echo(_("Wrote {path}").format(path=m.path))
    if not (send or dry_run):
        return
    settings = SmtpSettings(smtp_host or "", smtp_port, smtp_security, smtp_user or "", smtp_password or "")
    to_send = [p for p in planned if p.recipients or not p.mail.to]
    _list([p.mail for p in to_send], settings, sender, format_size)
    _skipped([r for p in planned for r in p.skipped])
    if not delivering:
        click.echo(_("Dry run: nothing was sent."))
        return
    if not to_send:
        click.echo(_("Every mail was delivered already; nothing was sent (--resend sends them again)."))
        _exit_if_unknown(planned)
        return
    if not yes:
        if not confirm(ngettext("Send {n} mail now?", "Send {n} mails now?", len(to_send)).format(n=len(to_send))):
            raise click.Abort()  # click says 'Aborted!' (translated) and exits 1
    if smtp_user and not smtp_password:
        settings = SmtpSettings(settings.host, settings.port, settings.security, settings.user,
                                click.prompt(_("Password of {user}").format(user=smtp_user), hide_input=True, err=True))
    try:
        sent = send_mails(prepared, out_dir, settings, sender or "", resend)
    except DeliveryError as exc:
        _results(exc.outcomes)
        raise CommandError(message_of(exc), EXIT_OUTPUT) from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    outcomes = sent.outcomes
    _results(outcomes)
    failed = [o for o in outcomes if not o.sent]
    click.echo(ngettext("{got} of {n} recipient got their mail.", "{got} of {n} recipients got their mail.",
                        len(outcomes)).format(got=len(outcomes) - len(failed), n=len(outcomes)))
    if failed:
        click.echo(_("Error: {n} not sent (see above); the others were sent.").format(n=len(failed)), err=True)
        sys.exit(EXIT_PROBLEMS)
    _exit_if_unknown(planned)


def _skipped(records: Iterable[Record]) -> None:
    """Say which recipients are not sent to again, and why."""
    from spareforslag_xl.io.smtp import DELIVERED

    for r in records:
        if r.status == DELIVERED:
            click.echo(f"{r.code}  {r.recipient}: " + _("delivered already ({time}); not sent again (--resend sends "
                                                       "it again)").format(time=r.time))
        else:
            click.echo(f"{r.code}  {r.recipient}: " + _(
                "the outcome of an earlier send ({time}) is unknown: the connection broke while the message was being "
                "handed over. Ask the recipient or check the server's log; --resend sends it again").format(
                    time=r.time))


def _exit_if_unknown(planned: Sequence[Planned]) -> None:
    from spareforslag_xl.io.smtp import DELIVERED

    unknown = [r for p in planned for r in p.skipped if r.status != DELIVERED]
    if unknown:
        click.echo(_("Error: {n} mail(s) of unknown outcome were not sent again (see above).").format(n=len(unknown)),
                   err=True)
        sys.exit(EXIT_PROBLEMS)


def _list(mails: Sequence[Mail], settings: SmtpSettings, sender: str | None,
          format_size: Callable[[int], str]) -> None:
    """List who would get what, the codes in a column as wide as the longest (MSB, BA, …)."""
    width = max((len(m.department.code) for m in mails), default=3)
    for m in mails:
        to = ", ".join(m.to) if m.to else _("(no address: not sent)")
        click.echo(f"{m.department.code:<{width}}  " + _("to: {recipients}").format(recipients=to))
        click.echo(" " * (width + 2) + _("subject: {subject}").format(subject=m.subject))
        click.echo(" " * (width + 2) + _("attachment: {name} ({size})").format(
            name=m.attachment_name, size=format_size(m.attachment_size)))
    count = len(mails)
    if settings.host and sender:
        line = ngettext("{n} mail through {server} from {sender}.", "{n} mails through {server} from {sender}.", count)
    elif settings.host:
        line = ngettext("{n} mail through {server}.", "{n} mails through {server}.", count)
    elif sender:
        line = ngettext("{n} mail from {sender}.", "{n} mails from {sender}.", count)
    else:
        line = ngettext("{n} mail.", "{n} mails.", count)
    click.echo(line.format(n=count, server=settings.describe() if settings.host else "", sender=sender))


def _results(outcomes: Iterable[Outcome]) -> None:
    from spareforslag_xl.io.smtp import REFUSED

    for o in outcomes:
        who = o.recipient or _("(no address)")
        if o.sent:
            click.echo(f"{o.code}  {who}: " + _("sent"))
        elif o.state == REFUSED:
            click.echo(f"{o.code}  {who}: " + _("refused ({answer})").format(answer=o.answer))
        else:
            click.echo(f"{o.code}  {who}: {o.answer}")
