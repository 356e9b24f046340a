from decimal import Decimal

import pytest

from spareforslag_xl.model.danish import format_danish, format_share, is_not_estimated_mark, parse_danish_number, parse_share, round_to, to_decimal


@pytest.mark.parametrize("text, expected", [
    ("3.250", "3250"),
    ("0,14", "0.14"),
    ("1,74", "1.74"),
    ("0.500", "500"),          # a dot grouping three digits is a thousands separator
    ("38.8", "38.8"),          # otherwise it is a decimal point
    ("1.23", "1.23"),
    ("21", "21"),
    ("1.234.567", "1234567"),
    ("1.234,5", "1234.5"),
    ("-5", "-5"),
    ("− 3.250", "-3250"),      # the minus sign U+2212 and a space
    ("–1,5", "-1.5"),
    ("+7", "7"),
    ("3 250", "3250"),
    ("3\u00a0250", "3250"),
    (",5", "0.5"),
    (".5", "0.5"),
    ("0", "0"),
])
def test_parse_danish_number(text, expected):
    assert parse_danish_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "1,2,3", "3.25.0", "12a", "--5", "%"])
def test_parse_danish_number_refuses(text):
    with pytest.raises(ValueError):
        parse_danish_number(text)


@pytest.mark.parametrize("text, expected", [
    ("28,4%", "0.284"), ("28,4 %", "0.284"), ("0%", "0"), ("100,0%", "1"), ("0,284", "0.284"),
])
def test_parse_share(text, expected):
    assert parse_share(text) == Decimal(expected)


@pytest.mark.parametrize("text, expected", [("-", True), (" – ", True), ("—", True), ("0", False), ("", False)])
def test_not_estimated_marks(text, expected):
    assert is_not_estimated_mark(text) is expected


@pytest.mark.parametrize("value, decimals, expected", [
    ("32020", 0, "32.020"), ("3250", 0, "3.250"), ("0.14", 2, "0,14"), ("0.145", 2, "0,15"),
    ("-1234.5", 1, "-1.234,5"), ("1234567.891", 2, "1.234.567,89"), ("0.5", 0, "1"), ("-0.5", 0, "-1"),
    (None, 0, "-"), ("0", 2, "0,00"),
])
def test_format_danish(value, decimals, expected):
    assert format_danish(None if value is None else Decimal(value), decimals) == expected


def test_format_share():
    assert format_share(Decimal("0.284")) == "28,4 %"
    assert format_share(Decimal("0.99")) == "99,0 %"
    assert format_share(Decimal("0.9996")) == "99,96 %"     # not '100,0 %'
    assert format_share(Decimal("0.00004")) == "0,004 %"    # not '0,0 %'
    assert format_share(Decimal("1")) == "100,0 %"


@pytest.mark.parametrize("value, quantum, expected", [
    ("2.5", "1", "3"), ("-2.5", "1", "-3"), ("1.005", "0.01", "1.01"), ("2.4999", "1", "2"),
])
def test_round_half_away_from_zero_like_excel(value, quantum, expected):
    assert round_to(Decimal(value), Decimal(quantum)) == Decimal(expected)


@pytest.mark.parametrize("value, expected", [(0.1, "0.1"), (3250.0, "3250.0"), (7, "7"), (0.284, "0.284")])
def test_to_decimal_keeps_what_was_typed(value, expected):
    assert to_decimal(value) == Decimal(expected)


@pytest.mark.parametrize("value, expected", [("3.25E+3", "3250"), ("0.05500", "0,055"), ("28.4", "28,4"), ("-1.50", "-1,5")])
def test_plain_danish_and_tidy(value, expected):
    from spareforslag_xl.model.danish import plain_danish, tidy

    assert plain_danish(Decimal(value)) == expected
    assert tidy(Decimal(value)) == Decimal(value)
