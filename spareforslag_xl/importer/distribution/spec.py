"""The interpretation of a theme's 'Fordeling på afdeling' as plain data: rules, keys and fixed amounts.

Keys are named only when the whole document has been read, so a rule refers to its key
table (KeyUse) and gets the key's name later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spareforslag_xl.importer.distribution.table_rows import KeyTable
from spareforslag_xl.model.plan import Method


@dataclass(frozen=True)
class LineInfo:
    """What the interpretation needs to know about a proposal line."""

    ident: str
    """The line's number, or its title when unnumbered."""
    number: str
    title: str
    amounts: dict[int, Decimal | None]


@dataclass
class KeyUse:
    """A department table with shares: a key to register, and what it distributes."""

    table: KeyTable
    shares: dict[str, Decimal]
    admin: bool
    theme: str
    target: str
    """'' for the whole theme, else the ident of a line."""
    unit: str
    name: str = ""
    """Filled in when the keys of the whole document are named."""


@dataclass
class RuleSpec:
    method: Method
    key: KeyUse | None = None
    admin: bool = False
    """True for the administrative key named in prose (resolved to its name later)."""
    from_year: int | None = None


@dataclass
class FixedSpec:
    line: str
    department: str
    amounts: dict[int, Decimal | None]
    note: str = ""


@dataclass
class StatedFixed:
    """A fixed amount as the prose states it (one figure for every year)."""

    department: str
    value: Decimal
    text: str
    unit: str
    decimals: int
    line: int
    target: str = ""


@dataclass
class FixedTable:
    """A department table without shares: fixed amounts per year."""

    table: KeyTable
    target: str
    unit: str


@dataclass
class Distribution:
    theme_rule: RuleSpec = field(default_factory=lambda: RuleSpec(Method.NONE))
    line_rules: dict[str, RuleSpec] = field(default_factory=dict)
    fixed: list[FixedSpec] = field(default_factory=list)
    keys: list[KeyUse] = field(default_factory=list)
    fixed_tables: list[FixedTable] = field(default_factory=list)
    stated_fixed: list[StatedFixed] = field(default_factory=list)
    text: str = ""
    codes: list[str] = field(default_factory=list)
    """Department codes the section names, in order."""
