"""The warm-up ramp before a compound lift's working sets: bar × 10, then 40 %, 60 % and 80 %
of the working load for 5, 3 and 1 reps, each rounded to a load the plates make.

Warm-up sets are never hard sets and never in progression (DOMAIN.md): the ramp is only
shown, and its ticks stay on the phone (static/js/warmups.js), never stored as set logs.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from programs.models import Equipment, Exercise, Mechanics
from tracking.units import plain_decimal

BAR_REPS = 10
# (share of the working load, reps)
RAMP: Sequence[tuple[Decimal, int]] = (
    (Decimal("0.4"), 5),
    (Decimal("0.6"), 3),
    (Decimal("0.8"), 1),
)
# An empty Olympic bar in each unit. Until the athlete's own bar is known (the plate
# calculator's settings), the standard one.
BAR = {"kg": Decimal(20), "lb": Decimal(45)}


@dataclass(frozen=True)
class WarmUpStep:
    number: int
    load: Decimal  # in the athlete's unit
    reps: int


def round_to_increment(*, load: Decimal, increment: Decimal) -> Decimal:
    """The nearest load the increment makes, halves up.

    A stand-in until the plate rounding has its owner (tracking/units.py or plates.py):
    the merge points this at it.
    """
    steps = (load / increment).to_integral_value(rounding=ROUND_HALF_UP)
    return plain_decimal(steps * increment)


def warm_up_ramp(*, working_load: Decimal, bar: Decimal, increment: Decimal) -> list[WarmUpStep]:
    """The ramp up to a working load. A step whose rounded load is at or below the bar is
    left out (the bar set already does its job), and so is one that reaches the working
    load; with no bar (a machine) there is no bar set. Nothing for no load."""
    if working_load <= 0 or increment <= 0:
        return []
    loads: list[tuple[Decimal, int]] = [(bar, BAR_REPS)] if 0 < bar < working_load else []
    for share, reps in RAMP:
        load = round_to_increment(load=working_load * share, increment=increment)
        if bar < load < working_load and all(load > earlier for earlier, _ in loads):
            loads.append((load, reps))
    return [
        WarmUpStep(number=number, load=plain_decimal(load), reps=reps)
        for number, (load, reps) in enumerate(loads, start=1)
    ]


def warm_up_for(
    *, exercise: Exercise, working_load: Decimal | None, unit: str, increment: Decimal
) -> list[WarmUpStep]:
    """The ramp of a compound lift; none for isolation work or with no working load yet."""
    if exercise.mechanics != Mechanics.COMPOUND or working_load is None:
        return []
    bar = BAR[unit] if exercise.equipment == Equipment.BARBELL else Decimal(0)
    return warm_up_ramp(working_load=working_load, bar=bar, increment=increment)
