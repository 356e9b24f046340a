"""Which item of one plan is which of another: two lists paired by keys tried in turn.

Pure and generic: themes, lines, departments and keys of two plans are paired alike, and
an item no key pairs stays alone, on its side of the pair.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
Key = Callable[[T], Hashable]
"""What pairs an item of the old plan with one of the new (None: this key does not pair the item)."""
Pair = tuple[T, T] | tuple[T, None] | tuple[None, T]
"""An item of the old plan and the new one it became, or an item in one plan only."""


def pair_items(olds: list[T], news: list[T], keys: Sequence[Key[T]],
               new_key: Sequence[Key[T]] | None = None) -> list[Pair[T]]:
    """Pair items by each key function in turn (None: no key); return (old, new) pairs and singles."""
    new_key = new_key or keys
    pairs: list[Pair[T]] = []
    for old_key, key_new in zip(keys, new_key, strict=True):
        waiting: dict[Hashable, list[T]] = {}
        for item in news:
            k = key_new(item)
            if k is not None:
                waiting.setdefault(k, []).append(item)
        rest: list[T] = []
        for item in olds:
            k = old_key(item)
            found = waiting.get(k) if k is not None else None
            if found:
                pairs.append((item, found.pop(0)))
            else:
                rest.append(item)
        taken = {id(n) for _, n in pairs}
        olds, news = rest, [n for n in news if id(n) not in taken]
    order = {id(n): i for i, n in enumerate(news)}
    pairs += [(o, None) for o in olds]
    pairs += [(None, n) for n in sorted(news, key=lambda n: order[id(n)])]
    return pairs
