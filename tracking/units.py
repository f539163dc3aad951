"""Loads are stored in kilograms and shown in the athlete's unit, as the plates make them.

The one owner of how a load reads: the session page, the suggestion and the plate line
all go through ``shown_load`` and ``loadable``; the numbers read the language's way
through ``programs.numbers.shown_decimal``.
"""

from decimal import ROUND_HALF_UP, Decimal

from accounts.models import KG_PER_LB, Unit
from programs.models import Exercise
from programs.numbers import plain_decimal, shown_decimal

# The set log's load column: DecimalField(max_digits=10, decimal_places=6).
STORED_PLACES = Decimal("0.000001")
# Plates and forms go to hundredths; anything finer is conversion noise.
SHOWN_PLACES = Decimal("0.01")


def to_kg(*, load: Decimal, unit: str) -> Decimal:
    if Unit(unit) == Unit.LB:
        load = load * KG_PER_LB
    return Decimal(load).quantize(STORED_PLACES, rounding=ROUND_HALF_UP)


def from_kg(*, load_kg: Decimal, unit: str) -> Decimal:
    # Six stored places keep the error under a millionth of a kilogram, far below
    # the hundredth a pound load is entered to, so rounding gives back what was typed.
    load = Decimal(load_kg)
    if Unit(unit) == Unit.LB:
        load = load / KG_PER_LB
    return plain_decimal(load.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP))


def increment_for(exercise: Exercise, unit: str) -> Decimal:
    """The exercise's plate step in ``unit``: each unit keeps its own round step."""
    return exercise.increment_lb if Unit(unit) == Unit.LB else exercise.increment_kg


def loadable(*, load: Decimal, increment: Decimal) -> Decimal:
    """The nearest multiple of the exercise's increment (the plate step), halves up."""
    steps = (Decimal(load) / increment).to_integral_value(rounding=ROUND_HALF_UP)
    return plain_decimal(steps * increment)


def shown_load(*, load_kg: Decimal, unit: str, increment: Decimal) -> Decimal:
    """A load as the athlete reads it: exactly as typed when it was typed in this unit
    (it converts back to the same kilograms), else the nearest plate step in this unit,
    so that 80 kg reads “175 lb”, never “176.37 lb”."""
    load = from_kg(load_kg=load_kg, unit=unit)
    if to_kg(load=load, unit=unit) == Decimal(load_kg).quantize(STORED_PLACES):
        return load
    return loadable(load=load, increment=increment)


def format_load(*, load_kg: Decimal | None, unit: str, increment: Decimal) -> str:
    """“102.5 kg”, “225 lb”; nothing for a load that was never entered. In the active
    language's numbers (“102,5 kg” in German): text for people, never for scripts."""
    if load_kg is None:
        return ""
    load = shown_load(load_kg=load_kg, unit=unit, increment=increment)
    return f"{shown_decimal(load)} {Unit(unit).label}"
