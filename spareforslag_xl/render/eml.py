"""Composes a department's mail as an RFC 5322 message: text and HTML, the workbook attached.

The bytes are the same for the same input: the Date is given (the master's saved time),
the Message-ID and the MIME boundaries are derived from a hash of the content, and the
texts are quoted-printable, so no boundary (which starts with '=_') can occur in a part.
Line breaks never reach a header: the subject is one line by then, a display name has its
line breaks and control characters replaced by spaces, and an address with one is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from spareforslag_xl.core.recipients import address_problem, shown

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
ID_DOMAIN = "spareforslag-xl.invalid"
"""The Message-ID's domain when no sender is given (.invalid is reserved, never a real host)."""


@dataclass(frozen=True)
class Draft:
    """Everything one mail holds."""

    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    attachment_name: str
    attachment: bytes
    date: datetime
    to_name: str = ""
    """The display name of the recipient, used when there is exactly one address."""
    sender: str = ""


def one_line(text: str) -> str:
    """Return text with line breaks, tabs and other control characters as single spaces."""
    return " ".join("".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in text).split())


def compose(draft: Draft, unsent: bool = True) -> EmailMessage:
    """Return the message; with ``unsent`` it carries 'X-Unsent: 1' so that Outlook opens it to send."""
    for address in (*draft.to, *((draft.sender,) if draft.sender else ())):
        problem = address_problem(address)
        if problem:
            raise ValueError(f"the address '{shown(address)}' cannot be used in a mail: {problem}.")
    subject = one_line(draft.subject)
    digest = _digest(replace(draft, subject=subject))
    msg = EmailMessage(policy=policy.SMTP)
    date = draft.date if draft.date.tzinfo is not None else draft.date.replace(tzinfo=UTC)
    msg["Date"] = format_datetime(date)
    if draft.sender:
        msg["From"] = _address(draft.sender)
    if draft.to:
        name = one_line(draft.to_name) if len(draft.to) == 1 else ""
        msg["To"] = tuple(_address(a, name) for a in draft.to)
    msg["Subject"] = subject
    domain = draft.sender.rpartition("@")[2] if draft.sender else ID_DOMAIN
    msg["Message-ID"] = f"<{digest[:40]}@{domain}>"
    if unsent:
        msg["X-Unsent"] = "1"
    msg.set_content(draft.text, cte="quoted-printable")
    msg.add_alternative(draft.html, subtype="html", cte="quoted-printable")
    msg.add_attachment(draft.attachment, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                       filename=draft.attachment_name)
    msg.set_boundary(f"=_mixed_{digest[:32]}")
    next(msg.iter_parts()).set_boundary(f"=_alt_{digest[32:64]}")  # the text and html alternatives
    return msg


def eml_bytes(msg: EmailMessage) -> bytes:
    """Return the message as an .eml file holds it (CRLF line ends, as RFC 5322 has them)."""
    return msg.as_bytes(policy=policy.SMTP)


def _address(addr_spec: str, name: str = "") -> Address:
    local, _at, domain = addr_spec.partition("@")
    return Address(display_name=name, username=local, domain=domain)


def _digest(draft: Draft) -> str:
    """Return a hash of everything the mail says, its Date excepted (a sent copy keeps its Message-ID)."""
    h = hashlib.sha256()
    for piece in (draft.sender, *draft.to, draft.to_name, draft.subject, draft.text, draft.html,
                  draft.attachment_name):
        h.update(piece.encode("utf-8") + b"\0")
    h.update(draft.attachment)
    return h.hexdigest()
