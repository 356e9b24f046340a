"""Checks the departments' mail recipients: address syntax, duplicates, departments without one.

Pure: a Plan in, findings out, each at the department's 'E-mail' cell. The syntax check is
practical, not RFC 5322: one '@', a local part of the usual characters, a dotted ASCII
domain, and no spaces, line breaks or control characters (a line break in an address
could add headers to a mail). The mail composer uses the same check before writing.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from spareforslag_xl.model import codes_words as W
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import Phrase, phrase
from spareforslag_xl.model.plan import Department, Plan, Ref, at

EMAIL_FIELD = "emails"
"""The field of the department's 'E-mail' column."""
_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~.")
_DOMAIN_CHARS = frozenset(string.ascii_letters + string.digits + "-")


def address_problem(address: str) -> str:
    """Return what is wrong with an e-mail address, in the language in use, or '' when it looks usable."""
    problem = address_problem_words(address)
    return str(problem) if problem is not None else ""


def address_problem_words(address: str) -> Phrase | None:
    """Return what is wrong with an e-mail address (put into words when shown), or None when it looks usable."""
    if "\r" in address or "\n" in address:
        return phrase(W.ADDRESS_LINE_BREAK)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in address):
        return phrase(W.ADDRESS_CONTROL_CHARACTER)
    if "<" in address or ">" in address:
        return phrase(W.ADDRESS_WITH_NAME)
    if any(ch.isspace() for ch in address):
        return phrase(W.ADDRESS_SPACE)
    if address.count("@") != 1:
        return phrase(W.ADDRESS_NO_AT) if "@" not in address else phrase(W.ADDRESS_TWO_ATS)
    local, domain = address.split("@")
    if not local:
        return phrase(W.ADDRESS_NO_LOCAL_PART)
    if len(local) > 64:
        return phrase(W.ADDRESS_LOCAL_TOO_LONG)
    bad = next((ch for ch in local if ch not in _LOCAL_CHARS), None)
    if bad is not None:
        return phrase(W.ADDRESS_LOCAL_CHARACTER, bad=bad)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return phrase(W.ADDRESS_LOCAL_DOTS)
    if not domain:
        return phrase(W.ADDRESS_NO_DOMAIN)
    if "." not in domain:
        return phrase(W.ADDRESS_DOMAIN_NO_DOT, domain=domain)
    labels = domain.split(".")
    if any(not label for label in labels):
        return phrase(W.ADDRESS_DOMAIN_EMPTY_PART, domain=domain)
    for label in labels:
        bad = next((ch for ch in label if ch not in _DOMAIN_CHARS), None)
        if bad is not None:
            return phrase(W.ADDRESS_DOMAIN_CHARACTER, domain=domain, bad=bad)
        if label.startswith("-") or label.endswith("-"):
            return phrase(W.ADDRESS_DOMAIN_HYPHEN, domain=domain)
    if len(labels[-1]) < 2 or not labels[-1].isalpha():
        return phrase(W.ADDRESS_DOMAIN_NO_TLD, domain=domain)
    if len(address) > 254:
        return phrase(W.ADDRESS_TOO_LONG)
    return None


def shown(address: str) -> str:
    """Return an address as a message can show it, with line breaks and tabs written as \\n, \\r, \\t."""
    return address.encode("unicode_escape").decode("ascii") if not address.isprintable() else address


def check_recipients(plan: Plan) -> list[Finding]:
    """Return every problem with the departments' addresses, department by department."""
    findings: list[Finding] = []
    first_seen: dict[str, tuple[Department, Ref | None]] = {}
    for d in plan.departments:
        findings.extend(_check_department(d, first_seen))
    return findings


def _check_department(d: Department, first_seen: dict) -> Iterable[Finding]:
    where = at(d.refs, EMAIL_FIELD)
    if not d.emails:
        yield warning("missing-email", where, code=d.code, EMAIL_FIELD=L.DEPARTMENTS.header(EMAIL_FIELD))
        return
    own: set[str] = set()
    for address in d.emails:
        problem = address_problem_words(address)
        if problem is not None:
            yield error("invalid-email", where, address=shown(address), code=d.code, problem=problem)
            continue
        folded = address.casefold()
        if folded in own:
            yield warning("duplicate-email", where, address=address, code=d.code)
            continue
        own.add(folded)
        if folded in first_seen:
            other, other_where = first_seen[folded]
            place = f" ({other_where})" if other_where else ""
            yield warning("duplicate-email", where, variant="other", address=address, code=other.code, place=place)
        else:
            first_seen[folded] = (d, where)
