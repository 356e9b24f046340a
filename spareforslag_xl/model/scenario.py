"""Which plan a build shows (its own module: the command line offers its values without loading the plan's model)."""

from __future__ import annotations

from enum import Enum


class Scenario(Enum):
    """Which plan a build shows: the adopted one, the proposals, or the adopted plus the postponed lines."""

    ADOPTED = "vedtaget"
    PROPOSED = "foreslået"
    WITH_POSTPONED = "vedtaget+udskudt"
