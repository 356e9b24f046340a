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


def _plain(value):
    if dataclasses.is_dataclass(value):
        return (type(value).__name__,) + tuple(
            (f.name, _plain(getattr(value, f.name))) for f in dataclasses.fields(value)
            if f.name not in LEFT_OUT and not _default(f, getattr(value, f.name)))
    if isinstance(value, Decimal):
        return ("D", str(value.normalize()) if value else "0")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict) or hasattr(value, "items"):
        return tuple(sorted((repr(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    return value


def _default(f: dataclasses.Field, value: object) -> bool:
    """Whether a field holds its default value."""
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False
