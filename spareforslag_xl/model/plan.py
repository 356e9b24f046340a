"""The plan read from a master workbook: plain, immutable data with the cell each value came from.

Nothing here knows about files or openpyxl. Amounts are ``Decimal`` in the plan's unit
(usually 1.000 kr.); ``None`` as an amount means *not estimated* ("-"), which is not zero.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cached_property, lru_cache
from typing import Any

from spareforslag_xl.model.scenario import Scenario as Scenario  # kept apart: the command line loads it alone

SHARE_TOLERANCE = Decimal("1e-9")
"""Shares computed in Excel (=1/3) arrive as binary fractions that miss 100 % by about 1e-16."""

Amount = Decimal | None
"""An amount in the plan's unit, or None when it is not estimated."""


@dataclass(frozen=True, order=True)
class Ref:
    """Where a value came from: a sheet and a cell (or a row, when cell is like '7')."""

    sheet: str
    cell: str = ""

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


class RowRefs(MutableMapping[Any, Ref]):
    """Where each field of a row came from, made when asked for: the row's sheet and number, and the column of
    each field, which all rows of a table share. A cell set apart (a filled adopted amount) is kept as given.

    Equal to a dict of the same cells. A 5.000-line master has 90.000 cells to point at: as Ref objects they
    were most of its plan's memory and of what a worker sends back (app/diff.py), as row refs next to nothing.
    """

    __slots__ = ("sheet", "row", "columns", "_set")

    def __init__(self, sheet: str, row: int, columns: Mapping[Any, str], given: dict[Any, Ref] | None = None) -> None:
        self.sheet = sheet
        self.row = row
        self.columns = columns
        """Field (or year) → its column's letters ('B'), shared by the table's rows."""
        self._set = given

    def __getitem__(self, key: Any) -> Ref:
        if self._set is not None and key in self._set:
            return self._set[key]
        return Ref(self.sheet, f"{self.columns[key]}{self.row}")

    def __contains__(self, key: object) -> bool:
        return key in self.columns or (self._set is not None and key in self._set)

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def __setitem__(self, key: Any, ref: Ref) -> None:
        if self._set is None:
            self._set = {}
        self._set[key] = ref

    def __delitem__(self, key: Any) -> None:
        if key not in self:
            raise KeyError(key)
        if self._set is not None:
            self._set.pop(key, None)
        if key in self.columns:
            self.columns = {k: v for k, v in self.columns.items() if k != key}

    def __iter__(self) -> Iterator[Any]:
        yield from self.columns
        if self._set is not None:
            yield from (k for k in self._set if k not in self.columns)

    def __len__(self) -> int:
        return len(self.columns) + (sum(1 for k in self._set if k not in self.columns) if self._set else 0)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self):
        return RowRefs, (self.sheet, self.row, self.columns, self._set)


Refs = Mapping[Any, Ref]
"""Where each field of a record came from: field name (or year) → cell, e.g. 'theme' → Forslag!A7.
(Keys of Any: a mapping's key type is invariant, and a reader's dict[str, Ref] must fit.)"""


def at(refs: Refs, field_name: object = None) -> Ref | None:
    """Return the cell of a field (or year), or the record's first cell when that field is unknown."""
    if field_name is not None and field_name in refs:
        return refs[field_name]
    return next(iter(refs.values()), None)


class Method(Enum):
    """How an amount is distributed over the departments."""

    KEY = "Nøgle"
    FIXED = "Faste beløb"
    NONE = "Ikke fordelt"


class Decision(Enum):
    """What the politicians decided about a proposal line (or a whole theme)."""

    PROPOSED = "Foreslået"
    """Not decided (also an empty cell): the line counts as proposed."""
    ADOPTED = "Vedtaget"
    REJECTED = "Forkastet"
    POSTPONED = "Udskudt"


@dataclass(frozen=True)
class Rule:
    """A distribution rule of a theme or a line; ``from_year`` leaves earlier years undistributed."""

    method: Method
    key: str | None = None
    from_year: int | None = None
    ref: Ref | None = None


@dataclass(frozen=True)
class Settings:
    """The master's "Indstillinger" sheet and its "Mål" (target) row."""

    title: str = ""
    subtitle: str = ""
    municipality: str = ""
    budget_year: int | None = None
    unit: str = "1.000 kr."
    decimals: int = 0
    salary: Decimal | None = None
    residual_key: str | None = None
    meeting: str = ""
    target: Mapping[int, Amount] = field(default_factory=dict)
    refs: Refs = field(default_factory=dict)


@dataclass(frozen=True)
class Account:
    """An account string (kontostreng) of a department and the share of its changes entered on it."""

    string: str
    share: Decimal | None = None
    """As a fraction (0.7 = 70 %); None for a department's only account (all of it)."""


@dataclass(frozen=True)
class Department:
    """A department (magistratsafdeling): its code, name and mail recipients."""

    code: str
    name: str
    emails: tuple[str, ...] = ()
    contact: str = ""
    refs: Refs = field(default_factory=dict)
    accounts: tuple[Account, ...] = ()
    """The account strings (kontostrenge) its budget changes are entered on (column Konto)."""

    @property
    def label(self) -> str:
        return f"{self.code} – {self.name}" if self.name else self.code


@dataclass(frozen=True)
class KeyShare:
    department: str
    share: Decimal
    refs: Refs = field(default_factory=dict)


@dataclass(frozen=True)
class DistributionKey:
    """A named key (fordelingsnøgle): a share per department, as fractions (0.284 = 28,4 %)."""

    name: str
    shares: tuple[KeyShare, ...]
    refs: Refs = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum((s.share for s in self.shares), Decimal(0))

    @property
    def complete(self) -> bool:
        """True when the shares sum to 100 % (within what shares computed by formulas can miss)."""
        return abs(self.total - 1) <= SHARE_TOLERANCE

    def share_of(self, department: str) -> Decimal:
        """Return the department's share; codes match ignoring case and spaces, as everywhere."""
        return sum(self._by_department.get(fold_name(department), ()), Decimal(0))

    @cached_property
    def _by_department(self) -> dict[str, list[Decimal]]:
        """The shares of each department code as compared (``fold_name``), in the key's order."""
        found: dict[str, list[Decimal]] = {}
        for s in self.shares:
            found.setdefault(fold_name(s.department), []).append(s.share)
        return found


@dataclass(frozen=True)
class Theme:
    """A theme (tema) of the proposals, with its default distribution rule and texts."""

    number: str
    title: str
    status: str = ""
    rule: Rule | None = None
    salary: Decimal | None = None
    description: str = ""
    potential_text: str = ""
    distribution_text: str = ""
    refs: Refs = field(default_factory=dict)
    decision: Decision | None = None
    """The decision for the whole theme (column Beslutning on Temaer); None when the cell is empty."""

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ProposalLine:
    """A proposal line ("Identificeret potentiale") of a theme: an amount per year."""

    theme: str
    number: str
    title: str
    amounts: Mapping[int, Amount]
    kind: str = ""
    rule: Rule | None = None
    note: str = ""
    refs: Refs = field(default_factory=dict)
    decision: Decision | None = None
    """The line's own decision (column Beslutning on Forslag); None when the cell is empty."""
    adopted: Mapping[int, Decimal] = field(default_factory=dict)
    """Year → the amount adopted instead of the proposed one ('Vedtaget 2024' …); only the years given."""

    @property
    def label(self) -> str:
        text = f"{self.number}. {self.title}" if self.number else self.title
        return f"{text} ({self.kind})" if self.kind else text


@dataclass(frozen=True)
class FixedAmount:
    """A fixed amount per year for one department, for a whole theme (line '') or one line."""

    theme: str
    line: str
    department: str
    amounts: Mapping[int, Amount]
    note: str = ""
    refs: Refs = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """Everything a master workbook holds, in the order the master gives it."""

    settings: Settings
    years: tuple[int, ...]
    departments: tuple[Department, ...]
    keys: tuple[DistributionKey, ...]
    themes: tuple[Theme, ...]
    lines: tuple[ProposalLine, ...]
    fixed: tuple[FixedAmount, ...] = ()
    source_name: str = ""
    created: datetime | None = None
    """When the master was last saved (for an imported plan: when the document was); io/stamp.file_time
    turns it into the time stamped on the outputs, so that they are reproducible and recognisable."""
    scenario: Scenario | None = None
    """Set on the plan of a scenario (core.decisions.scenario_plan): its amounts are the scenario's."""

    def key(self, name: str | None) -> DistributionKey | None:
        return self._keys_by_name.get(fold_name(name)) if name else None

    def lines_of(self, theme: str) -> tuple[ProposalLine, ...]:
        return self._lines_by_theme.get(fold_name(theme), ())

    @property
    def quantum(self) -> Decimal:
        """The smallest amount the report shows (1 for 0 decimals, 0.01 for 2)."""
        return Decimal(1).scaleb(-self.settings.decimals)

    # Lookups built once, so that large plans stay linear.
    @cached_property
    def _keys_by_name(self) -> dict[str, DistributionKey]:
        found: dict[str, DistributionKey] = {}
        for k in self.keys:
            found.setdefault(fold_name(k.name), k)
        return found

    @cached_property
    def _lines_by_theme(self) -> dict[str, tuple[ProposalLine, ...]]:
        grouped: dict[str, list[ProposalLine]] = {}
        for line in self.lines:
            grouped.setdefault(fold_name(line.theme), []).append(line)
        return {t: tuple(ls) for t, ls in grouped.items()}


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
"""Zero-width characters and soft hyphens that text pasted from the web or Word carries unseen."""


def fold_name(name: object | None) -> str:
    """Return the form in which every name of the master is compared: sheets, headers, settings,
    codes, key and theme references.

    Unicode NFC (a + combining ring is å), case folded, invisible characters dropped and runs
    of any kind of space (non-breaking, tab, line break) as one space. What is shown keeps
    the user's spelling; only comparisons use this.
    """
    return _fold(name) if isinstance(name, str) else _fold(str(name or ""))


@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    # A master has a few hundred distinct names compared hundreds of thousands of times: each is folded once.
    text = unicodedata.normalize("NFC", name).translate(_INVISIBLE)
    return unicodedata.normalize("NFC", " ".join(text.split()).casefold())

