"""Matches the labels of an official sheet with the master's departments, themes and years.

Pure. Labels are compared folded (case, spacing, dashes, '&' = 'og', a trailing '.' or '…'
ignored). A department matches by code, by name with or without "Magistratsafdelingen for",
or both ("MSB – Sociale Forhold og Beskæftigelse", "Sociale Forhold og Beskæftigelse (MSB)");
a theme by number ("Tema 7", "7.", 7) or title, or both ("7. ERP-systemer…"). An exact match
wins over a shortened one ("Sundhed" for "Sundhed og Omsorg"). A label that fits several
departments or themes, or whose number and title point at different themes, is ambiguous: it
is reported with its candidates and never matched to one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.master.cells import as_year
from spareforslag_xl.model.plan import Department, Theme

MIN_PREFIX = 4
"""A shortened label must keep at least this many characters to match a longer name."""

DEPARTMENT_PREFIXES = (
    "magistratsafdelingen for", "magistratsafdeling for", "magistratsafdelingen", "magistratsafdeling",
    "mag. afd. for", "mag.afd. for", "mag. afd.", "mag.afd.", "afdelingen for",
)

SUMMARY_WORDS = (
    "i alt", "ialt", "total", "totalt", "totaler", "sum", "summa", "samlet", "samlede", "hovedtotal", "subtotal",
    "mål", "difference", "ikke fordelt", "heraf", "anslået samlet besparelse",
)
"""Labels of rows that add up or compare other rows ('I alt', 'Mål', 'Difference …'): never an item."""

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_PARTS = re.compile(r"\s+-\s+|:\s+|\s*\(\s*|\s*\)\s*|\s*/\s*")
_NUMBERED = re.compile(r"^(?:tema\s*(?:nr\.?\s*)?)?(\d{1,3})(?:\s*[.:)]\s*|\s+-\s+|\s+|$)(.*)$")
_THEME_WORD = re.compile(r"^tema\s*(?:nr\.?\s*)?")
_YEAR_TEXT = re.compile(r"^(?:(?:budget|budgetår|b|bf|år|overslag|overslagsår|budgetoverslag|bo)\s*-?\s*)?(\d{4})$")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ACCOUNT = re.compile(r"^\d{1,3}(?:\s*[.\-]\s*\d{1,4}){1,}(?:\s+\d{1,4}(?:[.\-]\d{1,4})*)*$")
"""A dotted number such as a kontostreng (6.45.51.1.10, 06.45.51-001) or an art code (1.1, 4.0)."""

ACCOUNT_HEADERS = (
    "kontostreng", "konto", "kontonr", "kontonummer", "kontoplan", "art", "artskonto", "artsniveau", "omkostningssted",
    "omk.sted", "omk. sted", "omkst", "omk.st", "omkostningssteder", "hovedkonto", "hovedfunktion", "funktion",
    "gruppering", "dranst", "aktivitet", "formål", "account", "cost centre", "cost center",
)
"""Headings of the account columns of a financial system's extract (folded): never labels of departments or themes."""


def fold(text: str) -> str:
    """Return text as labels are compared: NFKC, casefolded, one space, '&' as 'og', no end punctuation."""
    text = unicodedata.normalize("NFKC", text).replace("&", " og ")
    text = _DASHES.sub("-", text).replace("…", " ")
    text = " ".join(text.split()).casefold()
    while text.endswith("..."):
        text = text[:-3].rstrip()
    return text.strip(" .:;,")


def label_text(value) -> str:
    """Return a label cell's value as text: numbers as digits (7.0 → '7'), None as ''."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    return str(value).strip()


def is_summary(text: str) -> bool:
    """True for labels of totals and comparison rows: 'I alt', 'MSB i alt', 'Mål', 'Difference …'."""
    folded = fold(text)
    return any(folded == w or folded.startswith(w + " ") or folded.endswith(" " + w) for w in SUMMARY_WORDS)


def is_account(value) -> bool:
    """True for a label that is an account string or art code (6.45.51.1.10, '1.1'), not a theme or department."""
    return isinstance(value, str) and bool(_ACCOUNT.match(fold(value)))


def is_account_header(value) -> bool:
    """True for the heading of an account column: Kontostreng, Art, Omkostningssted (with or without a note)."""
    if not isinstance(value, str):
        return False
    text = fold(_BRACKETED.sub(" ", value))
    return any(text == w or text.startswith(w + " ") for w in ACCOUNT_HEADERS)


def year_of(value) -> int | None:
    """Return the year a header names (2024, 'B2024', 'Budget 2024 (1.000 kr.)', 'Overslag 2025'), or None.

    Accounts ('Regnskab 2023') and price levels ('2024-priser') are not budget years.
    """
    if not isinstance(value, str):
        return as_year(value)
    text = fold(_BRACKETED.sub(" ", value))
    m = _YEAR_TEXT.match(text)
    return as_year(int(m.group(1))) if m else None


@dataclass(frozen=True)
class Match:
    """What a label matched: one candidate (found), none, or several (ambiguous)."""

    candidates: tuple[str, ...] = ()
    """Department codes or theme numbers, in the master's order."""
    conflict: bool = False
    """True when the label's number and its title point at different themes."""
    guess: str = ""
    """How a match was guessed ('number': a number at the start of a label whose title matches nothing,
    'account': a department told by the row's account); '' for a match made with confidence."""
    clue: str = ""
    """For a department told by the row's account: what told it ('Omkostningssted 10000')."""

    @property
    def found(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 and not self.conflict else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1 or self.conflict


NO_MATCH = Match()


class Vocabulary:
    """The master's departments and themes, ready to match labels against (and aliases from a mapping)."""

    def __init__(self, departments: Sequence[Department], themes: Sequence[Theme],
                 department_aliases: Mapping[str, str] | None = None,
                 theme_aliases: Mapping[str, str] | None = None) -> None:
        self.department_order = [d.code for d in departments]
        self.theme_order = [t.number for t in themes]
        self._department_names: dict[str, set[str]] = {}
        for d in departments:
            for name in (d.code, d.name, d.label):
                if name:
                    self._department_names.setdefault(_strip_prefix(fold(name)), set()).add(d.code)
        self._theme_numbers = {fold(t.number): t.number for t in themes}
        self._theme_titles: dict[str, set[str]] = {}
        for t in themes:
            self._theme_titles.setdefault(fold(t.title), set()).add(t.number)
        self._account_owners: dict[str, set[str]] = {}
        for d in departments:
            for account in d.accounts:
                self._account_owners.setdefault(fold(account.string), set()).add(d.code)
        self._department_aliases = {fold(k): v for k, v in (department_aliases or {}).items()}
        self._theme_aliases = {fold(k): v for k, v in (theme_aliases or {}).items()}
        # Finding a table matches every label once to choose the label columns, reading it once more.
        self._matches: dict[tuple[str, str], Match] = {}

    def account_owners(self) -> dict[str, str]:
        """Return folded account string → department code, for the accounts the master gives one department."""
        return {a: next(iter(codes)) for a, codes in self._account_owners.items() if len(codes) == 1}

    def department(self, value) -> Match:
        """Return the departments a label names."""
        return self._memo("department", label_text(value), self._department)

    def theme(self, value) -> Match:
        """Return the themes a label names; a number and a title that disagree are a conflict."""
        return self._memo("theme", label_text(value), self._theme)

    def _memo(self, kind: str, text: str, match) -> Match:
        key = (kind, text)
        if key not in self._matches:
            self._matches[key] = match(text)
        return self._matches[key]

    def _department(self, text: str) -> Match:
        folded = fold(text)
        if not folded or is_account(folded):
            return NO_MATCH
        if folded in self._department_aliases:
            return Match((self._department_aliases[folded],))
        forms = {_strip_prefix(folded)} | {_strip_prefix(p) for p in _PARTS.split(folded) if p}
        exact = set().union(*(self._department_names.get(f, set()) for f in forms))
        found = exact or _shortened(forms, self._department_names)
        return Match(self._in_order(found, self.department_order))

    def _theme(self, text: str) -> Match:
        folded = fold(text)
        if not folded:
            return NO_MATCH
        if folded in self._theme_aliases:
            return Match((self._theme_aliases[folded],))
        bare = _THEME_WORD.sub("", folded)
        if bare in self._theme_numbers:  # also numbers that are not digits, such as '7a'
            return Match((self._theme_numbers[bare],))
        if is_account(folded):  # 6.45.51.1.10 starts with hovedkonto 6, not with a theme number
            return NO_MATCH
        m = _NUMBERED.match(folded)
        number, title = (m.group(1).lstrip("0") or "0", m.group(2).strip()) if m else (None, folded)
        by_title = self._by_title(title) if title else set()
        if number is None:
            return Match(self._in_order(by_title, self.theme_order))
        by_number = self._theme_numbers.get(number)
        if by_number is not None and by_number in by_title:
            return Match((by_number,))
        if by_number is not None and not by_title:
            # The number alone decides: the title matches no theme (it may have changed, or be no title).
            return Match((by_number,), guess="number" if title else "")
        if by_number is None and not by_title:
            return NO_MATCH
        # The number and the title disagree (or the number is no theme but the title is one).
        candidates = ({by_number} if by_number else set()) | by_title
        return Match(self._in_order(candidates, self.theme_order), conflict=True)

    def _by_title(self, title: str) -> set[str]:
        exact = self._theme_titles.get(title)
        if exact:
            return set(exact)
        return _shortened({title}, self._theme_titles, both_ways=True)

    @staticmethod
    def _in_order(found: set[str], order: list[str]) -> tuple[str, ...]:
        return tuple(sorted(found, key=lambda c: order.index(c) if c in order else len(order)))


def _strip_prefix(folded: str) -> str:
    for prefix in DEPARTMENT_PREFIXES:
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1:]
    return folded


def _shortened(forms: set[str], names: Mapping[str, set[str]], both_ways: bool = False) -> set[str]:
    """Return the items whose name starts with one of forms (or, both_ways, that a form starts with)."""
    found: set[str] = set()
    for form in forms:
        for name, items in names.items():
            short, long = (form, name) if len(form) <= len(name) else (name, form)
            if len(short) < MIN_PREFIX or not long.startswith(short):
                continue
            if short == form or both_ways:
                found |= items
    return found
