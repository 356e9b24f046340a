"""A plan written as a master reads back as the same plan; the master explains itself."""

from dataclasses import fields, is_dataclass, replace
from decimal import Decimal

import openpyxl
import pytest

from spareforslag_xl.app.check import check_master
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.plan import Plan
from tests.plans import sample_plan


def essence(value):
    """The value without where it came from, for comparing plans."""
    if is_dataclass(value):
        return {f.name: essence(getattr(value, f.name)) for f in fields(value)
                if f.name not in ("refs", "ref", "created", "source_name")}
    if isinstance(value, (list, tuple)):
        return [essence(v) for v in value]
    if isinstance(value, dict):
        return {k: essence(v) for k, v in value.items()}
    return value


def test_sample_plan_round_trips(master):
    plan = sample_plan()
    checked = check_master(master(plan))
    assert essence(checked.plan) == essence(plan)


def test_round_trip_with_other_years_decimals_and_departments(master):
    from tests.plans import amounts, key
    from spareforslag_xl.model.plan import Department, Method, ProposalLine, Rule, Settings, Theme

    years = (2030, 2031, 2032)
    plan = Plan(
        settings=Settings(title="Region", decimals=2, salary=Decimal("612.5"), residual_key="K",
                          target={y: Decimal("100.25") for y in years}),
        years=years,
        departments=tuple(Department(f"D{i}", f"Afdeling {i}") for i in range(9)),
        keys=(key("K", {f"D{i}": str(Decimal(1) / 9)[:6] for i in range(9)}),),
        themes=(Theme("A", "Tema A", rule=Rule(Method.KEY, "K")),),
        lines=(ProposalLine("A", "x1", "Linje", amounts("1.25", None, "-3.5", years=years), kind="T"),),
    )
    checked = check_master(master(plan))
    assert essence(checked.plan) == essence(plan)


def test_refs_point_at_the_cells(master):
    checked = check_master(master())
    line = checked.plan.lines[4]
    assert line.title == "Forenkling af lønforhandlinger"
    assert str(line.refs[2024]) == "Forslag!E6"
    assert str(line.refs["key"]) == "Forslag!J6"
    assert str(checked.plan.settings.refs[2025]) == "Mål!C2"


def test_master_explains_itself(master):  # a master without decisions or accounts: no columns of them
    path = master()
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [L.GUIDE] + [s.name for s in L.DATA_SHEETS]
    guide = [c.value for row in book[L.GUIDE].iter_rows() for c in row if c.value]
    for lay in L.DATA_SHEETS:
        assert f"Arket '{lay.name}'" in guide
        for column in lay.columns:
            assert column.header in guide or column.decision or column.accounts
    lines = book[L.LINES.name]
    assert lines.freeze_panes == "D2"
    assert [c.value for c in lines[1]] == ["Tema", "Nr", "Forslag", "Type", 2024, 2025, 2026, 2027,
                                          "Fordeling", "Nøgle", "Fra år", "Bemærkning"]
    validations = {str(dv.sqref): dv for dv in lines.data_validations.dataValidation}
    assert validations["I2:I2001"].formula1 == '"Nøgle,Faste beløb,Ikke fordelt"'
    assert validations["A2:A2001"].formula1 == "'Temaer'!$A$2:$A$2000"
    assert validations["J2:J2001"].formula1 == "'Nøgler'!$A$2:$A$2000"
    keys = book[L.KEYS.name]
    assert {str(dv.sqref): dv.formula1 for dv in keys.data_validations.dataValidation}["B2:B2001"] == \
        "'Afdelinger'!$A$2:$A$2000"
    assert keys["C2"].number_format == "0.0 %"
    assert lines.column_dimensions["C"].width > 40


def test_not_estimated_is_written_as_dash_and_zero_as_zero(master):
    book = openpyxl.load_workbook(master())
    lines = book[L.LINES.name]
    row = [c.value for c in lines[8]]  # 6.3 Størrelse på ansættelsesudvalg
    assert row[2] == "Størrelse på ansættelsesudvalg"
    assert row[4:8] == ["-", "-", "-", "-"]
    assert [c.value for c in lines[10]][4:8] == [0, 0, 0, 0]


def test_written_master_is_byte_identical_every_time():
    from spareforslag_xl.master.write import master_bytes

    assert master_bytes(sample_plan()) == master_bytes(sample_plan())


@pytest.mark.parametrize("field_name", ["title", "subtitle", "municipality"])
def test_hostile_text_stays_text_in_the_master(master, field_name):
    settings = replace(sample_plan().settings, **{field_name: "=HYPERLINK(\"http://x\",\"y\")"})
    path = master(sample_plan(settings=settings))
    book = openpyxl.load_workbook(path)
    values = [c.value for c in book[L.SETTINGS.name]["B"]]
    assert "=HYPERLINK(\"http://x\",\"y\")" in values
    assert book[L.SETTINGS.name]["B2"].data_type == "s" or field_name != "title"
    assert essence(check_master(path).plan.settings) == essence(settings)
