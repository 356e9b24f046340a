"""The column Konto of the sheet Afdelinger: the account strings a department's budget changes go on.

A cell holds one account string (kontostreng), ``6.45.51.1.10``, or several separated by ';', each
with its share of the department's part: ``6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %``. Pure: text
in, accounts and findings out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from spareforslag_xl.model import layout as L
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.plan import Account, Department, Ref

_SHARE = re.compile(r"^(?P<account>.*?)\s*(?:[=:]\s*|\s)(?P<share>\d+(?:[.,]\d+)?)\s*%$")
HUNDRED = Decimal(100)


def parse_accounts(text: str, ref: Ref | None, findings: list[Finding]) -> tuple[Account, ...]:
    """Return the accounts a Konto cell gives; an error (account-share) when their shares cannot be used."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    accounts: list[Account] = []
    for part in parts:
        m = _SHARE.match(part)
        if m is None:
            accounts.append(Account(part))
            continue
        try:
            share = Decimal(m.group("share").replace(",", ".")) / HUNDRED
        except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
            share = None
        accounts.append(Account(m.group("account").strip(), share))
    if not accounts:
        return ()
    shares = [a.share for a in accounts]
    if len(accounts) == 1 and shares[0] in (None, Decimal(1)):
        return (Account(accounts[0].string),)
    if any(s is None for s in shares):
        findings.append(error("account-share", ref, text=text.strip()))
        return ()
    total = sum((s for s in shares if s is not None), Decimal(0))
    if total != 1:
        findings.append(error("account-share", ref, variant="sum", text=text.strip(), total=_percent(total)))
        return ()
    return tuple(accounts)


def missing_accounts(departments: Sequence[Department], cells: dict[str, Ref | None]) -> list[Finding]:
    """Return a warning (missing-account) for each department without an account, once any department has one."""
    if not any(d.accounts for d in departments):
        return []
    column = L.DEPARTMENTS.header("accounts")
    return [warning("missing-account", cells.get(d.code), code=d.code, column=column)
            for d in departments if not d.accounts]


def accounts_text(accounts: Sequence[Account]) -> str:
    """Return accounts as the Konto cell writes them: '6.45.51.1.10' or '6.45.51.1.10 = 70 %; 6.45.51.4.0 = 30 %'."""
    return "; ".join(a.string if a.share is None else f"{a.string} = {_percent(a.share)} %" for a in accounts)


def _percent(share: Decimal) -> str:
    text = format(share * HUNDRED, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
