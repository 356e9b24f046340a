"""The departments a command writes for: all of them, or those named by --only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spareforslag_xl.model.errors import RequestError
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import Department, fold_name


def select(departments: Sequence[Department], only: Iterable[str] | None) -> tuple[Department, ...]:
    """Return the departments named in only (all when None), in the master's order.

    Raises RequestError naming the valid codes when a code is not in the master.
    """
    if only is None:
        return tuple(departments)
    wanted = [c.strip() for c in only if c.strip()]
    known = {fold_name(d.code) for d in departments}
    unknown = [c for c in wanted if fold_name(c) not in known]
    if unknown or not wanted:
        valid = ", ".join(d.code for d in departments) or _("(none)")
        what = ngettext("unknown department code {codes}", "unknown department codes {codes}", len(unknown)).format(
            codes=", ".join(f"'{c}'" for c in unknown)) if unknown else _("no department code given")
        raise RequestError(_("{what}. Valid codes: {valid}.").format(what=what, valid=valid), remedy="only")
    chosen = {fold_name(c) for c in wanted}
    return tuple(d for d in departments if fold_name(d.code) in chosen)
