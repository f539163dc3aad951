"""The plate calculator: which plates go on each side of the bar for a set's load.

Greedy, heaviest plate first, as a lifter loads a bar; every plate the athlete listed is
taken to come in as many pairs as needed. static/js/plates.js does the same on the phone
while the load is typed, from the setup and words this module sends
(``plate_data``); tests/e2e/test_plates.py runs both over one table of cases.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext_lazy

from accounts.models import Unit
from programs.models import Equipment, Exercise
from programs.numbers import parse_decimal, plain_decimal, shown_decimal

PER_SIDE = gettext_lazy("Per side: {plates}")
NOT_EXACT = gettext_lazy(
    "Per side: {plates} (makes {nearest} {unit}: {load} {unit} cannot be made)"
)
NO_PLATES = gettext_lazy("nothing")
UNDER_THE_BAR = gettext_lazy("Lighter than the {bar} {unit} bar")
PLATE_JOINER = " + "


@dataclass(frozen=True)
class PlatesPerSide:
    # Heaviest first; for a load that cannot be made exactly, those of the nearest one.
    plates: tuple[Decimal, ...]
    # What the bar and these plates make.
    load: Decimal
    exact: bool


def _greedy(side: Decimal, plates: Sequence[Decimal]) -> tuple[tuple[Decimal, ...], Decimal]:
    """The plates for one side, heaviest first, and what is left over."""
    taken: list[Decimal] = []
    for plate in plates:
        count = int((side / plate).to_integral_value(rounding=ROUND_FLOOR))
        taken += [plate] * count
        side -= plate * count
    return tuple(taken), side


def plates_per_side(*, load: Decimal, bar: Decimal, plates: Sequence[Decimal]) -> PlatesPerSide:
    """The plates per side for ``load`` on ``bar``, all in one unit. A load that cannot be
    made exactly gets the nearest that can (the lighter of two as near): the greedy load
    just under it, or that with one more of the smallest plate a side."""
    plates = sorted({plate for plate in plates if plate > 0}, reverse=True)
    if load <= bar or not plates:
        return PlatesPerSide(plates=(), load=bar, exact=load == bar)
    under, left = _greedy((load - bar) / 2, plates)
    if not left:
        return PlatesPerSide(plates=under, load=load, exact=True)
    under_load = bar + 2 * sum(under)
    over_load = under_load + 2 * plates[-1]
    if load - under_load <= over_load - load:
        return PlatesPerSide(plates=under, load=under_load, exact=False)
    over, over_left = _greedy((over_load - bar) / 2, plates)
    if over_left:
        over = (*under, plates[-1])
    return PlatesPerSide(plates=over, load=over_load, exact=False)


@dataclass(frozen=True)
class PlateSetup:
    """An athlete's bar and plates in their unit."""

    bar: Decimal
    plates: tuple[Decimal, ...]
    unit: str

    def line(self, load: Decimal | str | None) -> str:
        """What the set row says under its load; nothing for a load that is not a number."""
        if load is None:
            return ""
        typed = load if isinstance(load, Decimal) else parse_decimal(str(load))
        if typed is None:
            return ""
        return plate_line(load=typed, bar=self.bar, plates=self.plates, unit=self.unit)


def _number(value: Decimal) -> str:
    """For the phone's script: a point, whatever the language."""
    return str(plain_decimal(value))


def plate_line(*, load: Decimal, bar: Decimal, plates: Sequence[Decimal], unit: str) -> str:
    """“Per side: 25 + 15 + 1.25” (“1,25” in German), in the words and numbers the phone is
    sent too (``plate_data``)."""
    if load < bar:
        return UNDER_THE_BAR.format(bar=shown_decimal(bar), unit=unit)
    made = plates_per_side(load=load, bar=bar, plates=plates)
    shown = PLATE_JOINER.join(shown_decimal(plate) for plate in made.plates) or str(NO_PLATES)
    if made.exact:
        return PER_SIDE.format(plates=shown)
    return NOT_EXACT.format(
        plates=shown, nearest=shown_decimal(made.load), load=shown_decimal(load), unit=unit
    )


def plate_setup_for(*, exercise: Exercise, athlete) -> PlateSetup | None:
    """The athlete's bar and plates for a barbell exercise; None for any other."""
    if exercise.equipment != Equipment.BARBELL:
        return None
    bar, plates = athlete.bar_and_plates(athlete.unit)
    return PlateSetup(bar=bar, plates=plates, unit=Unit(athlete.unit).label)


def plate_data(setup: PlateSetup) -> dict[str, object]:
    """What static/js/plates.js needs, sent once with the page: the setup and the words."""
    return {
        "bar": _number(setup.bar),
        "plates": [_number(plate) for plate in setup.plates],
        "unit": setup.unit,
        "words": {
            # In the request's language, as the server's own line under the load.
            "perSide": str(PER_SIDE),
            "notExact": str(NOT_EXACT),
            "noPlates": str(NO_PLATES),
            "underTheBar": str(UNDER_THE_BAR),
            "joiner": PLATE_JOINER,
        },
    }
