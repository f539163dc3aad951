"""Loads are stored in kilograms and shown in the athlete's unit."""

from decimal import ROUND_HALF_UP, Decimal

from accounts.models import KG_PER_LB, Unit

# The set log's load column: DecimalField(max_digits=10, decimal_places=6).
STORED_PLACES = Decimal("0.000001")
# Plates and forms go to hundredths; anything finer is conversion noise.
SHOWN_PLACES = Decimal("0.01")


def plain_decimal(value: Decimal) -> Decimal:
    """The value without trailing zeros and never in scientific notation (100, not 1E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


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


def format_load(*, load_kg: Decimal | None, unit: str) -> str:
    """“102.5 kg”, “225 lb”; nothing for a load that was never entered."""
    if load_kg is None:
        return ""
    return f"{from_kg(load_kg=load_kg, unit=unit)} {Unit(unit).label}"
