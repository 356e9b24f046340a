"""The time stamped on every file the program writes, decided in one place.

It dates the workbooks' properties (dcterms:created and dcterms:modified of the report, the
department workbooks, the reconciliation and changes workbooks, the masters written by ``init``
and ``import`` and an archived master's copy), the names of the copies in ``arkiv/`` and the
``Date`` of the mail drafts. The same input in the same environment gives the same bytes,
with a date a person recognises:

1. ``SOURCE_DATE_EPOCH`` when it is set (the reproducible-builds convention,
   https://reproducible-builds.org/specs/source-date-epoch/): whole seconds since
   1970-01-01 00:00 UTC, as ``date +%s`` prints them. A value that is not such a number is
   refused (RequestError, exit 2), never read as something else; an empty value counts as unset.
2. Otherwise the time the input was saved: the master's own saved time (its
   dcterms:modified, else dcterms:created); for ``import`` the document's modification time.
3. Otherwise (a master that carries no time, and ``init``, which has no input) ``FALLBACK``:
   1 January 2000, 00:00 UTC.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from spareforslag_xl.model.errors import RequestError
from spareforslag_xl.model.i18n import _

ENV = "SOURCE_DATE_EPOCH"
FALLBACK = datetime(2000, 1, 1, tzinfo=UTC)
"""The time stamped when neither SOURCE_DATE_EPOCH nor the input gives one."""

LATEST = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())
"""The last second a workbook's date (four-digit years) can hold."""

_DIGITS = re.compile(r"[0-9]+")


def source_date_epoch(environ: Mapping[str, str] | None = None) -> datetime | None:
    """Return the time SOURCE_DATE_EPOCH gives (UTC), None when it is unset or empty.

    Raises RequestError when it is set to anything but a whole number of seconds from 0 up to
    the end of year 9999: a misspelt value must not date the files by chance.
    """
    value = (os.environ if environ is None else environ).get(ENV)
    if value is None or value == "":
        return None
    digits = value.lstrip("0") or "0"  # thousands of digits are no time, and int() refuses them
    if not _DIGITS.fullmatch(value) or len(digits) > len(str(LATEST)) or int(digits) > LATEST:
        raise RequestError(_(
            "{variable}='{value}' is not a time: it must be a whole number of seconds since 1 January 1970 "
            "00:00 UTC (as 'date +%s' prints it), such as 1686571200 for 12 June 2023 12:00 UTC. Correct it, "
            "or unset it to date the files by the master or document they are made from.").format(
                variable=ENV, value=_shown(value)))
    return datetime.fromtimestamp(int(digits), tz=UTC)


def file_time(saved: datetime | None, environ: Mapping[str, str] | None = None) -> datetime:
    """Return the time to stamp on a file written from an input saved at ``saved`` (None: not known).

    Aware, in UTC, to the whole second. See the module's docstring for the rule.
    """
    epoch = source_date_epoch(environ)
    if epoch is not None:
        return epoch
    if saved is None:
        return FALLBACK
    if saved.tzinfo is None:  # a workbook's times are UTC (the 'Z' of dcterms:modified)
        saved = saved.replace(tzinfo=UTC)
    return saved.astimezone(UTC).replace(microsecond=0)


def _shown(value: str) -> str:
    """Return value as it can be shown on one line of a message (control characters escaped, cut)."""
    shown = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    return shown if len(shown) <= 40 else shown[:39] + "…"
