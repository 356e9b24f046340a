"""Split an amount into parts that add up exactly, by the largest-remainder method."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from spareforslag_xl.model.danish import round_to


def allocate(whole: Decimal, shares: Sequence[Decimal], quantum: Decimal) -> tuple[list[Decimal], Decimal]:
    """Return (parts, rest): ``whole × share`` per share rounded to ``quantum``, and what is left.

    The rest is what shares below 100 % leave undistributed ("Ikke fordelt"). The rounded
    whole is split as one pot: every part and the rest start at their exact value rounded
    down, and the units still missing go to the largest remainders (ties: the larger exact
    value, then the earlier part). So ``sum(parts) + rest == round(whole)`` always, where
    rounding each part on its own could be one unit off (32.020 by the administrative key
    gives 32.021).
    """
    if quantum <= 0:
        raise ValueError("quantum must be positive")
    target = round_to(whole, quantum)
    exact = [whole * share for share in shares]
    exact.append(whole - sum(exact, Decimal(0)))
    scaled = [e / quantum for e in exact]
    units = [s.to_integral_value(rounding=ROUND_FLOOR) for s in scaled]
    missing = int(target / quantum - sum(units, Decimal(0)))
    if missing:  # the largest remainder first (units - scaled is minus the remainder)
        order = sorted(range(len(exact)), key=lambda i: (units[i] - scaled[i], -abs(exact[i]), i))
        for i in order[:missing]:
            units[i] += 1
    values = [(u * quantum).quantize(quantum) for u in units]
    return values[:-1], values[-1]
