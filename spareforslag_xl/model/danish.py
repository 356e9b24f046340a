"""Danish numbers as people type them: ``3.250``, ``0,14``, ``1.234,5``, ``28,4 %``, ``-``.

The dot is a thousands separator when it groups exactly three digits (``3.250`` is 3250,
``0.500`` is 500); otherwise it is read as a decimal point (``38.8`` is 38.8). A comma
is always the decimal sign. ``-`` (or an en dash) alone means *not estimated*.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NOT_ESTIMATED_MARKS = frozenset({"-", "–", "—", "−"})

_MINUS = "-−–"
_SPACES = "\u00a0\u202f\u2009 "
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d*\.\d+$")
_COMMA_ONLY = re.compile(r"^,\d+$")


def is_not_estimated_mark(text: str) -> bool:
    """True for the marks that mean *not estimated* ("-" and its dashes)."""
    return text.strip() in NOT_ESTIMATED_MARKS


def parse_danish_number(text: str) -> Decimal:
    """Return the number a Danish-formatted text stands for; raise ValueError if it is none."""
    s = text.strip()
    for ch in _SPACES:
        s = s.replace(ch, "")
    if not s:
        raise ValueError("empty text")
    negative = False
    if s[0] in _MINUS or s[0] == "+":
        negative = s[0] != "+"
        s = s[1:]
    if _GROUPED.match(s):
        digits = s.replace(".", "").replace(",", ".")
    elif _PLAIN.match(s) or _COMMA_ONLY.match(s):
        digits = s.replace(",", ".")
    elif _DOT_DECIMAL.match(s):
        digits = s
    else:
        raise ValueError(f"'{text.strip()}' is not a number")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the patterns above only pass digits
        raise ValueError(f"'{text.strip()}' is not a number") from None
    return -value if negative else value


def parse_share(text: str) -> Decimal:
    """Return a share as a fraction from text like ``28,4%``, ``28,4 %`` or ``0,284``."""
    s = text.strip()
    if s.endswith("%"):
        return parse_danish_number(s[:-1]) / 100
    return parse_danish_number(s)


SIGNIFICANT_DIGITS = 15
"""What a spreadsheet keeps of a number: Excel shows 15 significant digits, LibreOffice stores 15."""


def to_decimal(value: float | int) -> Decimal:
    """Return a spreadsheet number as Decimal without binary noise (0.1 stays 0.1).

    Digits beyond the 15th significant one are binary noise of a formula (Excel stores 17,
    99.999999999999872 for =(1,2-1,1)*1000); no one can type or see them.
    """
    if isinstance(value, int):
        return Decimal(value)
    # repr gives the shortest text that round-trips, which is what the user typed.
    number = Decimal(repr(value))
    if number and len(number.as_tuple().digits) > SIGNIFICANT_DIGITS:
        number = tidy(round(number, SIGNIFICANT_DIGITS - 1 - number.adjusted()))
    return number


NOISE_FLOOR = Decimal("1e-12")
"""A formula's zero (=0,1+0,2-0,3) comes out as 5,55e-17: noise of its operands, not of itself."""


def snap(value: Decimal, quantum: Decimal) -> Decimal:
    """Return value at the precision quantum when it differs from it only by floating-point noise.

    Noise is at most one unit of the 15th significant digit (LibreOffice stores
    99.9999999999999 for a formula whose value is 100); a real decimal is kept, so that
    validation can refuse it.
    """
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == value or not value:
        return value
    scale = max(value.adjusted(), rounded.adjusted() if rounded else value.adjusted())
    noise = max(Decimal(1).scaleb(scale - SIGNIFICANT_DIGITS + 1), NOISE_FLOOR)
    return rounded if abs(value - rounded) <= noise else value


def danish_number(value) -> str:
    """Return a number as Danish text without rounding it: 3.250, 2.000,5, 0,14, -1.000,25."""
    value = tidy(Decimal(value))
    sign = "-" if value < 0 else ""
    whole, _dot, frac = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


def danish_date(day) -> str:
    """Return a date the Danish way, as people write it: '1. december 2026' (a time after it: ' 14.30')."""
    text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    if hasattr(day, "hour") and (day.hour, day.minute, day.second) != (0, 0, 0):
        text += f" {day.hour:02d}.{day.minute:02d}"
    return text


def round_to(value: Decimal, quantum: Decimal) -> Decimal:
    """Round half away from zero, as Excel's ROUND does, to a quantum such as 1 or 0.01."""
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_danish(value: Decimal | None, decimals: int = 0) -> str:
    """Return an amount the way the document prints it: ``3.250``, ``0,14``, ``-``."""
    if value is None:
        return "-"
    q = round_to(value, Decimal(1).scaleb(-decimals))
    sign = "-" if q < 0 else ""
    whole, _dot, frac = f"{abs(q):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if decimals > 0 else f"{sign}{grouped}"


def format_share(share: Decimal, decimals: int = 1) -> str:
    """Return a share as the document prints it: ``28,4 %``; more decimals when 1 would hide
    that it is not a round 100 % or 0 % (99,96 % stays 99,96 %, not 100,0 %)."""
    percent = share * 100
    while decimals < 6 and round_to(percent, Decimal(1).scaleb(-decimals)) != percent and \
            round_to(percent, Decimal(1).scaleb(-decimals)) in (0, 100):
        decimals += 1
    return f"{format_danish(percent, decimals)} %"


def tidy(value: Decimal) -> Decimal:
    """Return value without exponent or trailing zeros: 3250, not 3.25E+3; 0.055, not 0.05500."""
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def plain_danish(value: Decimal) -> str:
    """Return a number with a decimal comma and no grouping or rounding: 28,4 and 0,055 and 3250."""
    return format(tidy(value), "f").replace(".", ",")


MAX_DECIMALS = 3
"""The most decimals a reconciled amount is shown with."""


def places(value: Decimal) -> int:
    """Return how many decimals an amount needs to be shown exactly (at most 3): 0.5 → 1, 3250 → 0."""
    exponent = value.normalize().as_tuple().exponent
    return min(MAX_DECIMALS, max(0, -exponent)) if isinstance(exponent, int) else 0
