from decimal import Decimal

import pytest

from accounts.models import Unit
from programs.numbers import plain_decimal
from tracking.units import format_load, from_kg, loadable, shown_load, to_kg

ENTERED = [
    "0",
    "0.01",
    "0.5",
    "1",
    "2.25",
    "2.5",
    "5",
    "20",
    "45",
    "60.75",
    "95",
    "100",
    "102.5",
    "135",
    "185.25",
    "225",
    "225.5",
    "315",
    "333.33",
    "405",
    "500",
    "999.99",
    "1000",
    "2204.62",
]


@pytest.mark.parametrize("unit", [Unit.KG, Unit.LB])
@pytest.mark.parametrize("entered", ENTERED)
def test_a_load_reads_back_exactly_as_entered(entered, unit):
    load = Decimal(entered)

    read_back = from_kg(load_kg=to_kg(load=load, unit=unit), unit=unit)

    assert read_back == load
    assert str(read_back) == entered


@pytest.mark.parametrize("unit", [Unit.KG, Unit.LB])
def test_every_hundredth_up_to_a_thousand_reads_back(unit):
    misread = [
        load
        for load in (Decimal(n).scaleb(-2) for n in range(100_001))
        if from_kg(load_kg=to_kg(load=load, unit=unit), unit=unit) != load
    ]

    assert misread == []


@pytest.mark.parametrize(
    ("load", "unit", "expected"),
    [
        ("100", Unit.KG, "100.000000"),
        ("102.5", Unit.KG, "102.500000"),
        ("1", Unit.LB, "0.453592"),
        ("45", Unit.LB, "20.411657"),
        ("225", Unit.LB, "102.058283"),
        ("999.99", Unit.LB, "453.587834"),
        ("0", Unit.LB, "0.000000"),
    ],
    ids=["kg", "kg-half", "one-lb", "bar-lb", "225-lb", "999.99-lb", "zero-lb"],
)
def test_to_kg_converts_exactly_to_six_places(load, unit, expected):
    kg = to_kg(load=Decimal(load), unit=unit)

    assert str(kg) == expected
    assert kg.as_tuple().exponent == -6


@pytest.mark.parametrize(
    ("load_kg", "unit", "expected"),
    [
        ("100.000000", Unit.KG, "100"),
        ("100", Unit.LB, "220.46"),
        ("20", Unit.LB, "44.09"),
        ("102.058283", Unit.LB, "225"),
        ("102.500000", Unit.KG, "102.5"),
        ("2.255", Unit.KG, "2.26"),
        ("0.000000", Unit.KG, "0"),
        ("1000", Unit.LB, "2204.62"),
    ],
    ids=["whole-kg", "kg-in-lb", "bar-in-lb", "225-lb", "half-kg", "half-up", "zero", "max"],
)
def test_from_kg_rounds_to_hundredths_and_drops_trailing_zeros(load_kg, unit, expected):
    assert str(from_kg(load_kg=Decimal(load_kg), unit=unit)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1E+2", "100"), ("100.00", "100"), ("102.50", "102.5"), ("0.00", "0"), ("0.05", "0.05")],
)
def test_plain_decimal_never_uses_scientific_notation(value, expected):
    assert str(plain_decimal(Decimal(value))) == expected


@pytest.mark.parametrize(
    ("load_kg", "unit", "expected"),
    [
        (Decimal("102.500000"), Unit.KG, "102.5 kg"),
        (Decimal("100.000000"), Unit.KG, "100 kg"),
        (to_kg(load=Decimal("225"), unit=Unit.LB), Unit.LB, "225 lb"),
        (to_kg(load=Decimal("135.5"), unit=Unit.LB), Unit.LB, "135.5 lb"),
        (Decimal("0"), Unit.KG, "0 kg"),
        (None, Unit.KG, ""),
        (None, Unit.LB, ""),
    ],
    ids=["kg", "whole-kg", "lb", "half-lb", "bodyweight", "none-kg", "none-lb"],
)
def test_format_load_shows_the_athletes_unit(load_kg, unit, expected):
    increment = INCREMENT[unit]
    assert format_load(load_kg=load_kg, unit=unit, increment=increment) == expected


def test_unit_strings_work_as_well_as_choices():
    assert format_load(load_kg=Decimal("100"), unit="lb", increment=Decimal("5")) == "220 lb"


# The barbell's default plate steps (programs.models.Exercise).
INCREMENT = {Unit.KG: Decimal("2.5"), Unit.LB: Decimal("5")}


@pytest.mark.parametrize(
    ("typed", "typed_in", "shown_in", "increment", "expected"),
    [
        # Typed in the unit it is shown in: exactly as typed, on the plate step or not.
        ("102.5", Unit.KG, Unit.KG, "2.5", "102.5"),
        ("101", Unit.KG, Unit.KG, "2.5", "101"),
        ("225", Unit.LB, Unit.LB, "5", "225"),
        ("227.5", Unit.LB, Unit.LB, "5", "227.5"),
        ("137.79", Unit.LB, Unit.LB, "5", "137.79"),
        # Typed in the other unit: the nearest plate step of the unit it is shown in.
        ("80", Unit.KG, Unit.LB, "5", "175"),
        ("62.5", Unit.KG, Unit.LB, "5", "140"),
        ("100", Unit.KG, Unit.LB, "5", "220"),
        ("100", Unit.KG, Unit.LB, "2.5", "220"),
        ("102.5", Unit.KG, Unit.LB, "2.5", "225"),
        ("20", Unit.KG, Unit.LB, "5", "45"),
        ("225", Unit.LB, Unit.KG, "2.5", "102.5"),
        ("135", Unit.LB, Unit.KG, "2.5", "60"),
        ("45", Unit.LB, Unit.KG, "1", "20"),
        ("0", Unit.KG, Unit.LB, "5", "0"),
        ("0", Unit.LB, Unit.KG, "2.5", "0"),
    ],
)
def test_a_load_reads_as_typed_or_as_the_plates_make_it(
    typed, typed_in, shown_in, increment, expected
):
    load_kg = to_kg(load=Decimal(typed), unit=typed_in)

    shown = shown_load(load_kg=load_kg, unit=shown_in, increment=Decimal(increment))

    assert str(shown) == expected


@pytest.mark.parametrize(
    ("load", "increment", "expected"),
    [
        ("137.79", "5", "140"),
        ("137.5", "5", "140"),
        ("137.49", "5", "135"),
        ("176.37", "5", "175"),
        ("101.25", "2.5", "102.5"),
        ("101.24", "2.5", "100"),
        ("100", "2.5", "100"),
        ("0", "2.5", "0"),
        ("44.09", "1.25", "43.75"),
    ],
)
def test_loadable_is_the_nearest_plate_step(load, increment, expected):
    assert str(loadable(load=Decimal(load), increment=Decimal(increment))) == expected


@pytest.mark.parametrize("convert", [to_kg, from_kg])
def test_an_unknown_unit_is_an_error(convert):
    argument = "load" if convert is to_kg else "load_kg"
    with pytest.raises(ValueError):
        convert(**{argument: Decimal("1"), "unit": "stone"})
