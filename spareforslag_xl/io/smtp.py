"""Delivers mails through an SMTP server, recipient by recipient, and reports each result.

One refused recipient or message does not stop the others; the server's answer is kept.
When the server cannot be reached, refuses the login, or the connection breaks, a
DeliveryError says so and carries what happened to each recipient until then. The password
is only handed to smtplib: it is never part of a message, a result or a repr.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

from spareforslag_xl.model.errors import DeliveryError
from spareforslag_xl.model.i18n import _

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12; what smtplib.SMTP.data takes

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORT = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int | None = None
    security: str = "starttls"
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORT[self.security]

    def describe(self) -> str:
        """Return e.g. 'smtp.example.org:587 (STARTTLS) as budget' – never the password."""
        how = {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": _("no encryption")}[self.security]
        server = f"{self.host}:{self.effective_port} ({how})"
        return _("{server} as {user}").format(server=server, user=self.user) if self.user else server


@dataclass(frozen=True)
class Outgoing:
    """A message to deliver: the department it is for, its recipients and the message."""

    code: str
    to: tuple[str, ...]
    message: EmailMessage


DELIVERED, REFUSED, UNKNOWN, NOT_SENT = "delivered", "refused", "unknown", "not-sent"
"""What became of a message for one recipient. UNKNOWN: the connection broke while the message was
being handed over (after DATA), so the server may or may not have accepted it."""


@dataclass(frozen=True)
class Outcome:
    code: str
    recipient: str
    sent: bool
    answer: str = ""
    """The server's answer when refused ('550 5.1.1 no such user'), or why it was not sent."""
    status: str = ""
    """DELIVERED, REFUSED, UNKNOWN or NOT_SENT ('' is read from ``sent``: DELIVERED or REFUSED)."""

    @property
    def state(self) -> str:
        """Return the outcome's status: DELIVERED, REFUSED, UNKNOWN or NOT_SENT."""
        return self.status or (DELIVERED if self.sent else REFUSED)


def for_sending(message: EmailMessage, now: datetime) -> EmailMessage:
    """Return a copy of a draft to send: without 'X-Unsent', dated now."""
    import copy

    sent = copy.deepcopy(message)
    del sent["X-Unsent"]
    sent.replace_header("Date", format_datetime(now.astimezone(UTC)))
    return sent


def deliver(outgoing: Sequence[Outgoing], settings: SmtpSettings, sender: str,
            starting: Callable[[Outgoing], None] | None = None,
            done: Callable[[Outgoing, list[Outcome]], None] | None = None) -> list[Outcome]:
    """Send every message; return one outcome per recipient (or per department without one).

    ``starting(out)`` is called just before a message is handed over (before DATA, once the server has
    taken the recipients) and ``done(out, outcomes)`` after, so that the caller can record each step: a
    record of 'starting' without 'done' means the run was killed while the message was being handed
    over, so its outcome is unknown; a run killed before DATA delivered nothing.
    """
    smtp = _connect(settings)
    outcomes: list[Outcome] = []
    current: list[Outgoing] = []
    handing_over = _watch_data(smtp, lambda: starting(current[-1]) if starting is not None else None)
    try:
        for i, out in enumerate(outgoing):
            if not out.to:
                outcomes.append(Outcome(out.code, "", False, _("not sent: the department has no e-mail address"),
                                        NOT_SENT))
                continue
            current.append(out)
            handing_over.clear()
            refused: Mapping[str, tuple[int, bytes | str]]
            try:
                refused = smtp.send_message(out.message, from_addr=sender, to_addrs=list(out.to))
            except smtplib.SMTPRecipientsRefused as exc:
                refused = exc.recipients
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                refused = {r: (exc.smtp_code, exc.smtp_error) for r in out.to}
            except smtplib.SMTPServerDisconnected:
                lost = _lost(out, outgoing[i:], bool(handing_over), done)
                raise DeliveryError(_("{describe}: the server closed the connection.").format(
                    describe=settings.describe()), outcomes + lost) from None
            except smtplib.SMTPException as exc:
                refused = {r: (0, str(exc).encode()) for r in out.to}
            except OSError as exc:
                lost = _lost(out, outgoing[i:], bool(handing_over), done)
                raise DeliveryError(_("{describe}: the connection broke ({exc}).").format(
                    describe=settings.describe(), exc=_reason(exc)), outcomes + lost) from None
            these = [Outcome(out.code, r, False, _answer(*refused[r]), REFUSED) if r in refused
                     else Outcome(out.code, r, True, "", DELIVERED) for r in out.to]
            outcomes.extend(these)
            if done is not None:
                done(out, these)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return outcomes


def _watch_data(smtp: smtplib.SMTP, before: Callable[[], object]) -> list[bool]:
    """Return a list that is non-empty once the message is being handed over; ``before()`` runs just before DATA."""
    flag: list[bool] = []
    real = smtp.data

    def data(msg: Buffer | str) -> tuple[int, bytes]:
        before()
        flag.append(True)
        return real(msg)

    smtp.data = data  # type: ignore[method-assign]
    return flag


def _lost(current: Outgoing, rest: Sequence[Outgoing], handed_over: bool,
          done: Callable[[Outgoing, list[Outcome]], None] | None) -> list[Outcome]:
    """Return the outcomes of the messages a broken connection left: the current one unknown when it was
    being handed over, the others not sent."""
    lost = []
    for o in rest:
        if o is current and handed_over:
            these = [Outcome(o.code, r, False, _("unknown: the connection broke while the message was being handed "
                                                 "over; the server may have accepted it"), UNKNOWN) for r in o.to]
        else:
            these = [Outcome(o.code, r, False, _("not sent: the connection was lost"), NOT_SENT)
                     for r in (o.to or ("",))]
        if done is not None and o is current:
            done(o, these)
        lost.extend(these)
    return lost


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    where = settings.describe()
    port = settings.effective_port
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, port, timeout=settings.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, port, timeout=settings.timeout)
        smtp.ehlo()
        if settings.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise DeliveryError(_("{where}: the server does not offer STARTTLS.").format(where=where),
                                    remedy="security-starttls")
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.user:
            smtp.login(settings.user, settings.password)
        return smtp
    except DeliveryError:
        _close(smtp)
        raise
    except smtplib.SMTPAuthenticationError as exc:
        _close(smtp)
        raise DeliveryError(_("{where}: the server refused the login ({smtp_code}).").format(
                                where=where, smtp_code=_answer(exc.smtp_code, exc.smtp_error)),
                            remedy="login") from None
    except smtplib.SMTPNotSupportedError:
        _close(smtp)
        raise DeliveryError(_("{where}: the server does not accept a login.").format(where=where),
                            remedy="no-login") from None
    except ssl.SSLError as exc:
        _close(smtp)
        raise DeliveryError(_("{where}: the encrypted connection failed ({value}).").format(
                                where=where, value=exc.reason or exc),
                            remedy="security") from None
    except (smtplib.SMTPException, OSError) as exc:
        _close(smtp)
        raise DeliveryError(_("{where}: cannot connect ({exc}).").format(where=where, exc=_reason(exc)),
                            remedy="connect") from None


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        smtp.close()


def _answer(code: int, text) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip() if code else message


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
