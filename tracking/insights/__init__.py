"""What the training shows: progress per exercise, hard sets per muscle against the plan,
left against right, and how honest the effort was (DOMAIN.md, "Balance").

One module per rule: progress.py, muscles.py, legs.py, effort.py. Each is plain functions
over rows the database has already grouped (tracking/insights/queries.py does the GROUP BY,
one query per page section): they never see a request or a queryset, and they return
values in the athlete's unit, ready to show. The helpers below are shared by them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from programs.models import Mechanics
from programs.numbers import plain_decimal
from tracking.units import from_kg

E1RM_PLACES = Decimal("0.1")

# Whole headings, not "{label} lifts": the word order is the translator's.
LIFTS_LABELS = {
    Mechanics.COMPOUND: gettext_lazy("Compound lifts"),
    Mechanics.ISOLATION: gettext_lazy("Isolation lifts"),
}


@dataclass(frozen=True)
class Point:
    date: dt.date
    value: Decimal


def in_unit(kg: Decimal, unit: str) -> Decimal:
    """A kilogram figure in the athlete's unit, to the hundredth."""
    return from_kg(load_kg=kg, unit=unit)


def e1rm_in_unit(kg: Decimal, unit: str) -> Decimal:
    """An estimated 1RM to the tenth: finer would claim a precision Epley does not have."""
    return plain_decimal(in_unit(kg, unit).quantize(E1RM_PLACES, rounding=ROUND_HALF_UP))


def tenths(value: float) -> str:
    """To the tenth as Python rounds the float, with the person's decimal mark."""
    return number_format(Decimal(f"{value:.1f}"), decimal_pos=1)


def percent(part: int, whole: int) -> int:
    if not whole:
        return 0
    return int((Decimal(part) * 100 / whole).to_integral_value(rounding=ROUND_HALF_UP))
