"""The Danish words of decisions in the workbooks: a line's decision, a split left out, fixed amounts split anew.

Part of model.labels (kept apart so that each module stays short); the same words in every output.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from spareforslag_xl.model.basis import Rescaled
from spareforslag_xl.model.danish import format_danish
from spareforslag_xl.model.plan import Amount, Decision

DECISION_TEXT = {
    Decision.ADOPTED: "Vedtaget",
    Decision.REJECTED: "Forkastet",
    Decision.POSTPONED: "Udskudt",
    Decision.PROPOSED: "Ikke besluttet (tæller som foreslået)",
}
"""Decision → how a theme sheet's note names a line's decision."""
DECIDED_OTHER_AMOUNT = "{decision} med andet beløb (foreslået {amounts})"
POSTPONED_LEFT_OUT = "{decision} (indgår ikke)"
POSTPONED_COUNTED = "{decision} (medregnet i dette scenarie)"
LEFT_OUT_BASIS = {
    Decision.REJECTED: "Forkastet – indgår ikke",
    Decision.POSTPONED: "Udskudt – indgår ikke",
    None: "Forkastet og udskudt – indgår ikke",
}
"""A split whose lines the scenario leaves out: its 'Grundlag' (by their decision; None when mixed)."""
RESCALED = "omregnet efter beslutningen: {years}"
RESCALED_YEAR = "{year} indtastet {typed}, nu {scaled} ({decided} i stedet for foreslået {proposed})"

RESCALED_SPLIT = "Faste beløb omregnet efter beslutningen, i forhold til de indtastede: {years}"
RESCALED_SPLIT_YEAR = "{year}: {parts} ({decided} i stedet for foreslået {proposed})"


def rescaled_split_text(years: Iterable[tuple[int, Iterable[tuple[str, Decimal, Decimal]], Amount, Amount]]) -> str:
    """Return the note under a split by fixed amounts split anew: year, (code, typed, now) …, decided, proposed."""
    texts = [RESCALED_SPLIT_YEAR.format(
        year=year, parts=", ".join(f"{code} {format_danish(old)} → {format_danish(now)}" for code, old, now in each),
        decided=format_danish(decided), proposed=format_danish(proposed)) for year, each, decided, proposed in years]
    return RESCALED_SPLIT.format(years="; ".join(texts))


def rescaled_text(rescaled: Iterable[Rescaled]) -> str:
    """Return how fixed amounts were split anew: 'omregnet efter beslutningen: 2024 indtastet 700, nu 656 (…)'."""
    parts = [RESCALED_YEAR.format(year=r.year, typed=format_danish(r.typed), scaled=format_danish(r.scaled),
                                  decided=format_danish(r.decided), proposed=format_danish(r.proposed))
             for r in rescaled]
    return RESCALED.format(years="; ".join(parts))

