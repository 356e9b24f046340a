"""A plan's fingerprint: a hash of what it says, not of the file's bytes.

A master saved again without a change (Excel rewrites its timestamps) has the same
fingerprint; any change the diff would report gives another. Where values came from (cells),
the file's name and its saved time are left out, and so are fields that hold their default (a
field added to the model in a later version, such as a department's accounts, leaves the
fingerprint of a master that does not use it as it was, so its archive copies are still found).
"""

from __future__ import annotations

import dataclasses
import hashlib
from decimal import Decimal
from enum import Enum

from spareforslag_xl.model.plan import Plan

LEFT_OUT = frozenset({"refs", "ref", "source_name", "created"})


def fingerprint(plan: Plan) -> str:
    """Return the sha256 (hex) of the plan's content."""
    return hashlib.sha256(repr(_plain(plan)).encode("utf-8")).hexdigest()


_NO_DEFAULT = object()

_FIELDS: dict[type, tuple[tuple[str, object], ...]] = {}
"""A dataclass → its fields that count, with the default each leaves out (looked up once per class: a
5.000-line plan has 90.000 values to walk)."""


def _fields(cls: type) -> tuple[tuple[str, object], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple((f.name, _default_of(f)) for f in dataclasses.fields(cls)
                                     if f.name not in LEFT_OUT)
    return found


def _plain(value):
    cls = type(value)
    if cls is Decimal:  # the most frequent values first
        return ("D", str(value.normalize()) if value else "0")
    if cls is str or cls is int or value is None:
        return value
    if cls in _FIELDS or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        plain: list[object] = [cls.__name__]
        for name, default in _fields(cls):
            v = getattr(value, name)
            if default is _NO_DEFAULT or not bool(v == default):
                plain.append((name, _plain(v)))
        return tuple(plain)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict) or hasattr(value, "items"):
        return tuple(sorted((repr(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, Decimal):
        return ("D", str(value.normalize()) if value else "0")
    return value


def _default_of(f: dataclasses.Field) -> object:
    """Return the default value of a field (a field holding it is left out), or _NO_DEFAULT."""
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return _NO_DEFAULT
