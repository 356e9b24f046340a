"""Turns raw cell values into typed values, collecting a finding for each cell that is off.

Pure: values in, values and findings out. Every finding names the sheet and the cell.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from spareforslag_xl.master.read import CellError, Uncalculated
from spareforslag_xl.model.codes_words import THE
from spareforslag_xl.model.danish import (
    SIGNIFICANT_DIGITS,
    danish_date,
    danish_number,
    format_share,
    is_not_estimated_mark,
    parse_danish_number,
    parse_share,
    snap,
    to_decimal,
)
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import LazyText
from spareforslag_xl.model.plan import Ref


def _the(what: str) -> LazyText | str:
    """Return 'the amount' (put into words when shown) for 'amount'."""
    return THE.get(what, what)


MAX_TEXT = 32_767
"""Excel's limit for the text of one cell."""

_NO_VALUE = object()
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How Excel stores control characters in text (CR is _x000D_); openpyxl leaves them escaped."""
MAX_MAGNITUDE = Decimal(10) ** 15
"""No amount, share or salary is this large; beyond it Decimal rounding would lose digits."""


def column_letter(index: int) -> str:
    """Return the column letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class CellReader:
    """Converts cell values of one workbook and remembers what was wrong with them."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.quantum: Decimal | None = None
        """The plan's precision once the settings are read: amounts within float noise of it snap to it."""

    # -- text ---------------------------------------------------------------------------
    def text(self, value, ref: Ref | None) -> str:
        """Return the cell as text ('' when empty or blank), exactly as typed; numbers become digits."""
        if value is None:
            return ""
        if self._bad_kind(value, ref, "text"):
            return ""
        if isinstance(value, bool):
            return "SAND" if value else "FALSK"
        if isinstance(value, (int, float, Decimal)):
            return _plain_number(value)
        if isinstance(value, (datetime, date)):  # a meeting date typed as a date: '12. juni 2023'
            return danish_date(value)
        if isinstance(value, (time, timedelta)):
            return value.isoformat() if hasattr(value, "isoformat") else str(value)
        text = str(value)
        if len(text) > MAX_TEXT:
            self.findings.append(error("text-too-long", ref, n=danish_number(len(text)),
                                       MAX_TEXT=danish_number(MAX_TEXT)))
            return text[:MAX_TEXT]
        if "_x" in text:
            text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        return text if text.strip() else ""

    def code(self, value, ref: Ref | None) -> str:
        """Return an identifier (theme number, department code): trimmed, '7.' and 7.0 read as '7'."""
        text = self.text(value, ref).strip()
        if text.endswith(".") and text[:-1].strip().isdigit():
            text = text[:-1].strip()
        return text

    # -- numbers ------------------------------------------------------------------------
    def amount(self, value, ref: Ref | None, what: str = "amount") -> Decimal | None:
        """Return an amount, or None when the cell is empty or '-' (not estimated).

        A number from a formula that misses the plan's precision by floating-point noise
        (99,9999999999999 for 100) is that number.
        """
        number = self._number(value, ref, what, allow_dash=True)
        if number is _NO_VALUE:
            return None
        if self.quantum is None or not isinstance(value, float):
            return number
        shown = snap(number, self.quantum)
        self._fifteen_digits(value, shown, ref, what)
        return shown

    def number(self, value, ref: Ref | None, what: str) -> Decimal | None:
        """Return a number, or None when the cell is empty ('-' is not accepted here)."""
        number = self._number(value, ref, what, allow_dash=False)
        return None if number is _NO_VALUE else number

    def positive(self, value, ref: Ref | None, what: str) -> Decimal | None:
        """Return a number above 0 (an average salary), or None with an error when it is not."""
        number = self.number(value, ref, what)
        if number is not None and number <= 0:
            self.findings.append(error("not-positive", ref, what=_the(what), number=danish_number(number)))
            return None
        return number

    def share(self, value, ref: Ref | None) -> Decimal | None:
        """Return a key share as typed: 0.284 for 28,4 % (cell formatted as %), 28.4 for '28,4'."""
        if isinstance(value, str) and value.strip().endswith("%"):
            try:
                result = parse_share(value)
            except ValueError:
                self._not_a_number(value, ref, "share")
                return None
            self.findings.append(warning("number-as-text", ref, variant="share", strip=value.strip(),
                                         result=format_share(result)))
            return result
        return self.number(value, ref, "share")

    def year(self, value, ref: Ref | None, what: str = "year") -> int | None:
        """Return a year such as 2024, or None when empty; anything else is an error."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        year = as_year(value)
        if year is None:
            self.findings.append(error("not-a-year", ref, what=_the(what), value=_show(value)))
        return year

    def _number(self, value, ref: Ref | None, what: str, allow_dash: bool):
        number = self._convert(value, ref, what, allow_dash)
        if number is not _NO_VALUE and abs(number) >= MAX_MAGNITUDE:
            self.findings.append(error("too-large", ref, what=_the(what), value=_show(value)))
            return _NO_VALUE
        return number

    def _convert(self, value, ref: Ref | None, what: str, allow_dash: bool):
        if value is None:
            return _NO_VALUE
        kind = value.__class__  # the most frequent values first: a plain int or finite float
        if kind is int:
            return Decimal(value)
        if kind is float and math.isfinite(value):
            return to_decimal(value)
        if self._bad_kind(value, ref, what):
            return _NO_VALUE
        if isinstance(value, bool):
            self.findings.append(error("boolean-in-amount", ref, what=_the(what)))
            return _NO_VALUE
        if isinstance(value, (datetime, date, time, timedelta)):
            self.findings.append(error("date-in-amount", ref, what=_the(what), value=_show(value)))
            return _NO_VALUE
        if isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                self.findings.append(error("not-finite", ref, what=_the(what), value=value))
                return _NO_VALUE
            return to_decimal(value)
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        text = str(value).strip()
        if not text:
            return _NO_VALUE
        if allow_dash and is_not_estimated_mark(text):
            return _NO_VALUE
        try:
            number = parse_danish_number(text)
        except ValueError:
            self._not_a_number(value, ref, what)
            return _NO_VALUE
        self.findings.append(warning("number-as-text", ref, what=_the(what), text=text, number=danish_number(number)))
        return number

    def _fifteen_digits(self, value: float, shown: Decimal, ref: Ref | None, what: str) -> None:
        """Warn when an amount was stored with more significant digits than Excel keeps and the plan's precision
        reaches past the 15th digit: 123456789012345,67 is read as 123.456.789.012.346 without another finding.

        Below that size the rounded number either is the plan's (formula noise: 99,99999999999987 is 100)
        or has more decimals than the plan shows, which validation refuses.
        """
        stored = Decimal(repr(value))
        if (self.quantum is not None and len(stored.as_tuple().digits) > SIGNIFICANT_DIGITS
                and abs(shown) >= self.quantum.scaleb(SIGNIFICANT_DIGITS - 1)):
            self.findings.append(warning("too-many-digits", ref, what=_the(what),
                                         value=format(stored, "f").replace(".", ","), number=danish_number(shown)))

    def _not_a_number(self, value, ref: Ref | None, what: str) -> None:
        self.findings.append(error("not-a-number", ref, variant="amount" if what == "amount" else "",
                                   what=_the(what), value=_show(value)))

    def _bad_kind(self, value, ref: Ref | None, what: str) -> bool:
        if isinstance(value, Uncalculated):
            self.findings.append(error("formula-without-value", ref, formula=value.formula))
            return True
        if isinstance(value, CellError):
            self.findings.append(error("excel-error", ref, value=str(value)))
            return True
        return False


def as_year(value) -> int | None:
    """Return value as a year (2024, 2024.0 or '2024'), or None when it is not one."""
    from spareforslag_xl.model.layout import YEAR_MAX, YEAR_MIN

    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not (text.isdigit() and len(text) == 4):
            return None
        value = int(text)
    if isinstance(value, int) and YEAR_MIN <= value <= YEAR_MAX:
        return value
    return None


def _plain_number(value) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, float):
        value = to_decimal(value)
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _show(value) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and math.isfinite(value):
        return danish_number(to_decimal(value) if isinstance(value, float) else value)
    if isinstance(value, (datetime, date)):
        return danish_date(value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
