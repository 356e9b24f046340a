"""What a split of an amount over the departments is based on, as facts (model.labels puts them into words).

The core computes these (core.compute's Split.basis, Split.rest_cause; core.keyuse); the outputs
phrase them through model.labels, so that every output says the same in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from spareforslag_xl.model.plan import Amount, Decision, DistributionKey


class BasisKind(Enum):
    """What a split is based on."""

    KEY = "key"
    FIXED = "fixed"
    NONE = "none"
    """No distribution: everything stays 'not distributed'."""
    UNKNOWN_KEY = "unknown-key"
    """A key that the plan does not hold: nothing is distributed."""
    LEFT_OUT = "left-out"
    """Its lines are rejected or postponed: the scenario does not count them, so nothing is split."""


@dataclass(frozen=True)
class Rescaled:
    """A fixed amount split anew after a decision changed the amount it was given for (core.decisions)."""

    year: int
    typed: Decimal
    """The fixed amount typed on the master's sheet 'Faste beløb'."""
    scaled: Decimal
    """What the department's part is in the scenario: the typed amounts in proportion to the amount decided."""
    proposed: Amount
    """The amount the fixed amounts were given for (the proposal)."""
    decided: Amount
    """The amount in the scenario's plan."""


@dataclass(frozen=True)
class Basis:
    """What a split (or a department's part of it) is based on, as facts; model.labels puts it into words."""

    kind: BasisKind
    key: str | None = None
    """The key's name (KEY), or the name the rule gives (UNKNOWN_KEY)."""
    from_year: int | None = None
    """The first year distributed (KEY, FIXED); earlier years are not distributed."""
    share: Decimal | None = None
    """The department's share of the key, when the basis is of one department's part (KEY)."""
    decision: Decision | None = None
    """LEFT_OUT: the decision of its lines (None when they are rejected and postponed)."""
    rescaled: tuple[Rescaled, ...] = ()
    """FIXED, of one department's part: the years its fixed amount was split anew after a decision."""


@dataclass(frozen=True)
class RestCause:
    """Why (part of) a split's amount is not distributed, as facts."""

    basis: Basis
    from_year: int | None = None
    """Distributed only from this year."""
    key_total: Decimal | None = None
    """The shares of the key sum to this, below (or above) 100 %."""
    fixed: bool = False
    """Distributed by fixed amounts, which do not add up to the amount."""


@dataclass(frozen=True)
class KeyUse:
    """One use of a key: a split of a theme, the difference, or a department's share of the target."""

    theme: str | None = None
    """The theme's number; None for the difference and the target."""
    split: str | None = None
    """The split's label when the theme has several splits, else None."""
    target: bool = False
    """The department's share of the target (split by the residual key like the difference)."""


@dataclass(frozen=True)
class KeyUsage:
    """Where a key is used, in the plan's order."""

    key: DistributionKey
    uses: tuple[KeyUse, ...]
