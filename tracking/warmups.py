"""The warm-up ramp before a compound lift's working sets: bar × 10, then 40 %, 60 % and 80 %
of the working load for 5, 3 and 1 reps, each rounded to a load the plates make.

Warm-up sets are never hard sets and never in progression (DOMAIN.md): the ramp is only
shown, and its ticks stay on the phone (static/js/warmups.js), never stored as set logs.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from programs.models import Exercise, Mechanics
from programs.numbers import plain_decimal
from tracking.units import loadable

BAR_REPS = 10
# (share of the working load, reps)
RAMP: Sequence[tuple[Decimal, int]] = (
    (Decimal("0.4"), 5),
    (Decimal("0.6"), 3),
    (Decimal("0.8"), 1),
)


@dataclass(frozen=True)
class WarmUpStep:
    number: int
    load: Decimal  # in the athlete's unit
    reps: int


def warm_up_ramp(*, working_load: Decimal, bar: Decimal, increment: Decimal) -> list[WarmUpStep]:
    """The ramp up to a working load. A step whose rounded load is at or below the bar is
    left out (the bar set already does its job), and so is one that reaches the working
    load; with no bar (a machine) there is no bar set. Nothing for no load."""
    if working_load <= 0 or increment <= 0:
        return []
    loads: list[tuple[Decimal, int]] = [(bar, BAR_REPS)] if 0 < bar < working_load else []
    for share, reps in RAMP:
        load = loadable(load=working_load * share, increment=increment)
        if bar < load < working_load and all(load > earlier for earlier, _ in loads):
            loads.append((load, reps))
    return [
        WarmUpStep(number=number, load=plain_decimal(load), reps=reps)
        for number, (load, reps) in enumerate(loads, start=1)
    ]


def warm_up_for(
    *, exercise: Exercise, working_load: Decimal | None, bar: Decimal, increment: Decimal
) -> list[WarmUpStep]:
    """The ramp of a compound lift; none for isolation work or with no working load yet.
    ``bar`` is the athlete's bar on a barbell lift (the plate calculator's), else 0."""
    if exercise.mechanics != Mechanics.COMPOUND or working_load is None:
        return []
    return warm_up_ramp(working_load=working_load, bar=bar, increment=increment)
