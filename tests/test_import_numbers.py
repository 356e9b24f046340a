"""Danish numbers and units as the proposals document prints them."""

from decimal import Decimal as D

import pytest

from spareforslag_xl.importer.numbers import (
    KR, MILLIONS, THOUSANDS, amounts_in, decimals_shown, read_figure, read_share,
    unit_in, unit_of,
)
from spareforslag_xl.model.units import convert


@pytest.mark.parametrize("text, value, decimals", [
    ("3.250", D(3250), 0),
    ("0,14", D("0.14"), 2),
    ("1,74", D("1.74"), 2),
    ("0.500", D(500), 0),          # a thousands separator in a 1.000 kr. table
    ("17.980", D(17980), 0),
    ("50.000", D(50000), 0),
    ("0", D(0), 0),
    ("100,0", D("100.0"), 1),
    ("2,60", D("2.60"), 2),
    ("38.8", D("38.8"), 1),        # a dot that does not group three digits is a decimal point
    ("1.234,5", D("1234.5"), 1),
    ("-1.000", D(-1000), 0),
    ("8", D(8), 0),
])
def test_read_figure(text, value, decimals):
    figure = read_figure(text)
    assert figure.value == value
    assert figure.decimals == decimals
    assert figure.text == text


@pytest.mark.parametrize("text", ["-", "–", " - "])
def test_a_dash_is_not_estimated_not_zero(text):
    figure = read_figure(text)
    assert figure is not None and figure.value is None


@pytest.mark.parametrize("text", ["", "...", "afventer fremlæggelse", "(temaet er slået ind under tema 8)", "1,2,3"])
def test_text_is_no_figure(text):
    assert read_figure(text) is None


@pytest.mark.parametrize("text, fraction, decimals", [
    ("28,4%", D("0.284"), 1),
    ("0%", D(0), 0),
    ("100,0%", D(1), 1),
    ("16 %", D("0.16"), 0),
])
def test_read_share(text, fraction, decimals):
    figure = read_share(text)
    assert figure.value == fraction
    assert figure.decimals == decimals


@pytest.mark.parametrize("header, unit", [
    ("Tema (1.000 kr.)", THOUSANDS),
    ("Identificeret potentiale (1.000 kr)", THOUSANDS),
    ("Identificeret potentiale (1000 kr.)", THOUSANDS),
    ("Beløb (t.kr.)", THOUSANDS),
    ("Magistratsafdeling (mio. kr.)", MILLIONS),
    ("(mio. kr.)", MILLIONS),
    ("Fordeling af potentialer på tværs af afdeling (kr.):", KR),
    ("Tema", None),
    ("Magistratsafdeling (MSB)", None),
])
def test_unit_in_a_header(header, unit):
    assert unit_in(header) == unit


@pytest.mark.parametrize("text, unit", [("mio. kr.", MILLIONS), ("mio.", MILLIONS), ("kr.", KR), ("1.000 kr", THOUSANDS),
                                        ("millioner", MILLIONS), ("tkr", THOUSANDS), ("Andel", None)])
def test_unit_of(text, unit):
    assert unit_of(text) == unit


@pytest.mark.parametrize("text, thousands", [
    ("21 mio. kr.", D(21000)),
    ("38.8 mio.", D(38800)),
    ("1 mio. kr.", D(1000)),
    ("0,75 mio. kr.", D(750)),
    ("270.000 kr.", D(270)),
    ("200.000 kr.", D(200)),
    ("5,8 mio. kr.", D(5800)),
    ("1,4 millioner", D(1400)),
])
def test_an_amount_with_its_unit_in_thousands(text, thousands):
    (found,) = amounts_in(text)
    assert found.text == text.strip()
    assert convert(found.value, found.unit, THOUSANDS) == thousands


@pytest.mark.parametrize("text", ["21", "mio. kr.", ""])
def test_no_amount_without_a_number_and_a_unit(text):
    assert amounts_in(text) == []


def test_amounts_in_prose_keep_their_order_and_units():
    found = amounts_in("Forslag 1) … i alt 21 mio. kr. i besparelse; forslag 2) 38.8 mio. kr., dertil 34,7 mio. kr.")
    assert [(a.value, a.unit, a.decimals) for a in found] == [
        (D(21), MILLIONS, 0), (D("38.8"), MILLIONS, 1), (D("34.7"), MILLIONS, 1)]


@pytest.mark.parametrize("value, unit, to_unit, result", [
    (D("0.14"), MILLIONS, THOUSANDS, D(140)),
    (D("1.4"), MILLIONS, THOUSANDS, D(1400)),
    (D(270000), KR, THOUSANDS, D(270)),
    (D(97000), KR, THOUSANDS, D(97)),
    (D(55), THOUSANDS, MILLIONS, D("0.055")),
    (None, MILLIONS, THOUSANDS, None),
])
def test_convert_is_exact(value, unit, to_unit, result):
    assert convert(value, unit, to_unit) == result


def test_convert_gives_plain_integers():
    assert str(convert(D("3.25"), MILLIONS, THOUSANDS)) == "3250"


@pytest.mark.parametrize("text, decimals", [("0,05", 2), ("1.000", 0), ("38.8", 1), ("12", 0), ("100,0%", 1)])
def test_decimals_shown(text, decimals):
    assert decimals_shown(text) == decimals
