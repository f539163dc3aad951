"""Checking the unit of a file that does not say it (Strong's current export): the
heaviest squat or deadlift read both ways, and a warning when the unit picked makes it a
load no one lifts. A kg athlete who accepted the default once stored 295 lb squats as
295 kg (issue 15, point 7)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy

from accounts.models import KG_PER_LB, Unit
from exchange.parsing import ParsedFile
from programs.catalogue_words import in_sentence
from programs.models import Exercise
from programs.numbers import shown_decimal
from tracking.units import to_kg

# The lifts a lifter knows their best at, heaviest first when they tie.
BARBELL_LIFTS = ("deadlift", "sumo-deadlift", "back-squat", "front-squat")
# A squat or deadlift heavier than this is a record, not a history: the loads are pounds.
HEAVIEST_LIKELY_KG = Decimal(300)
# One lighter than the empty bar is no barbell lift: the loads are kilograms.
EMPTY_BAR_KG = Decimal(20)

READINGS_MESSAGE = gettext_lazy(
    "Heaviest {lift}: {load} {unit} — or {other_load} {unit} if the file is in {other}."
)
TOO_HEAVY_MESSAGE = gettext_lazy(
    "These loads look like {other}: a {lift} of {load} {unit} is more than {limit} kg. "
    "Check the unit before importing."
)
TOO_LIGHT_MESSAGE = gettext_lazy(
    "These loads look like {other}: a {lift} of {load} {unit} is lighter than an empty bar. "
    "Check the unit before importing."
)


@dataclass(frozen=True)
class UnitReadings:
    """The heaviest load of the file read in the unit picked, and in the other one."""

    reading: str
    warning: str | None


def _shown(load: Decimal) -> str:
    return shown_decimal(load.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _heaviest(
    *, parsed: ParsedFile, exercises: dict[str, Exercise | None]
) -> tuple[str, Decimal, bool] | None:
    """The heaviest squat or deadlift (its exercise's name, its load as written), else the
    heaviest load of any set; and whether it is such a lift."""
    lift, load, other = None, Decimal(-1), None
    for prescription, logged in parsed.all_sets():
        name = logged.exercise or prescription.exercise
        exercise = exercises.get(name)
        if exercise is not None and exercise.slug in BARBELL_LIFTS:
            if logged.load > load:
                lift, load = in_sentence(exercise.shown_name), logged.load
        elif other is None or logged.load > other[1]:
            other = (name, logged.load)
    if lift is not None:
        return lift, load, True
    if other is None or other[1] <= 0:
        return None
    return other[0], other[1], False


def unit_readings(
    *, parsed: ParsedFile, exercises: dict[str, Exercise | None], unit: str
) -> UnitReadings | None:
    """None when the file says its unit, or has no load."""
    if not parsed.needs_unit:
        return None
    found = _heaviest(parsed=parsed, exercises=exercises)
    if found is None:
        return None
    lift, load, barbell = found
    other = Unit.KG if unit == Unit.LB else Unit.LB
    other_load = load * KG_PER_LB if unit == Unit.KG else load / KG_PER_LB
    fields = {"lift": lift, "load": _shown(load), "unit": unit, "other": other}
    reading = READINGS_MESSAGE.format(other_load=_shown(other_load), **fields)
    as_kg = to_kg(load=load, unit=unit)
    warning = None
    if barbell and as_kg > HEAVIEST_LIKELY_KG:
        warning = TOO_HEAVY_MESSAGE.format(limit=HEAVIEST_LIKELY_KG, **fields)
    elif barbell and as_kg < EMPTY_BAR_KG <= to_kg(load=load, unit=other):
        warning = TOO_LIGHT_MESSAGE.format(**fields)
    return UnitReadings(reading=reading, warning=warning)
