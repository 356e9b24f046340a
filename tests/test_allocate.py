from decimal import Decimal as D

import pytest

from spareforslag_xl.core.allocate import allocate

ADMIN = [D("0.284"), D("0.081"), D("0.135"), D("0.068"), D("0.279"), D("0.153")]
PAY = [D("0"), D("0.16"), D("0.32"), D("0.11"), D("0.32"), D("0.08")]


def test_difference_2024_by_the_administrative_key():
    # The example: plain rounding gives 9094+2594+4323+2177+8934+4899 = 32.021.
    parts, rest = allocate(D(32020), ADMIN, D(1))
    assert parts == [D(9094), D(2594), D(4323), D(2177), D(8933), D(4899)]
    assert rest == 0
    assert sum(parts) == D(32020)
    plain = sum((D(32020) * s).quantize(D(1)) for s in ADMIN)
    assert plain == D(32021)


def test_key_below_100_percent_leaves_a_rest():
    parts, rest = allocate(D(500), PAY, D(1))
    assert parts == [D(0), D(80), D(160), D(55), D(160), D(40)]
    assert rest == D(5)


@pytest.mark.parametrize("whole, shares, quantum, parts, rest", [
    ("500", ADMIN, "1", ["142", "40", "67", "34", "140", "77"], "0"),     # ties go to the larger exact part
    ("2000", ADMIN, "1", ["568", "162", "270", "136", "558", "306"], "0"),
    ("10.6", [D("0.5"), D("0.5")], "1", ["6", "5"], "0"),                # the whole is rounded first (11)
    ("1", [D(1) / 3] * 3, "1", ["1", "0", "0"], "0"),
    ("100", [D(1) / 3] * 3, "0.01", ["33.34", "33.33", "33.33"], "0.00"),
    ("-32020", ADMIN, "1", ["-9094", "-2594", "-4323", "-2177", "-8933", "-4899"], "0"),
    ("0", ADMIN, "1", ["0"] * 6, "0"),
    ("7", [], "1", [], "7"),
    ("1000", [D("1.1")], "1", ["1100"], "-100"),                           # over 100 %: a negative rest
])
def test_allocate_table(whole, shares, quantum, parts, rest):
    got_parts, got_rest = allocate(D(whole), shares, D(quantum))
    assert got_parts == [D(p) for p in parts]
    assert got_rest == D(rest)
    assert sum(got_parts, D(0)) + got_rest == D(whole).quantize(D(quantum), rounding="ROUND_HALF_UP")


def test_quantum_must_be_positive():
    with pytest.raises(ValueError):
        allocate(D(1), ADMIN, D(0))
