"""The test evaluator computes our formulas the way Excel does, including its errors."""

from decimal import Decimal

import pytest

from tests.formulas import Evaluator


@pytest.mark.parametrize("formula, expected", [
    ("=SUM(A1:A3)", Decimal(5)),
    ('=IF(COUNT(A1:A3)=0,"-",SUM(A1:A3))', Decimal(5)),
    ('=IF(COUNT(B1:B2)=0,"-",SUM(B1:B2))', "-"),
    ('=IF(ISNUMBER(B1),ROUND(B1/A1,2),"-")', "-"),       # IF is lazy: the division by text is never done
    ("=ROUND(A3/A1,2)", Decimal("1.50")),
    ("=A1-B1", "#VALUE!"),                                  # text in arithmetic is Excel's #VALUE!
    ("='Ark 2'!$A$1+A1", Decimal(9)),
    ("=N(B1)+A1", Decimal(2)),
])
def test_evaluator(formula, expected):
    cells = {("Ark", "A1"): 2, ("Ark", "A2"): 0, ("Ark", "A3"): 3, ("Ark", "B1"): "-", ("Ark", "B2"): None,
             ("Ark 2", "A1"): 7, ("Ark", "C1"): formula}
    assert Evaluator(cells).value("Ark", "C1") == expected


def test_unknown_functions_are_refused():
    with pytest.raises(ValueError, match="VLOOKUP"):
        Evaluator({("Ark", "A1"): "=VLOOKUP(1,B1:C2,2)"}).value("Ark", "A1")
