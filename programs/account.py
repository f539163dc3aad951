"""The account page's change: the athlete's settings and the open assignment's weekdays."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from programs.generation import regenerate_from
from programs.models import Assignment
from programs.today import athlete_today


@transaction.atomic
def update_account(
    *,
    athlete: User,
    email: str,
    unit: str,
    time_zone: str,
    weekdays: tuple[int, int] | None,
    now: dt.datetime,
    plates: tuple[str, Decimal, tuple[Decimal, ...]] | None = None,
) -> None:
    """Save the settings; new weekdays move the sessions not trained yet, from this week on.

    Loads stay stored in kilograms whatever the unit: only what is shown changes.
    ``plates``: the bar and plates of one unit, as User.change_settings takes them.
    """
    athlete.change_settings(unit=unit, time_zone=time_zone, email=email, plates=plates)
    if weekdays is None:
        return
    assignment = Assignment.objects.select_for_update().open().filter(athlete=athlete).first()
    if assignment is None or (assignment.weekday_one, assignment.weekday_two) == weekdays:
        return
    assignment.weekday_one, assignment.weekday_two = weekdays
    assignment.save(update_fields=["weekday_one", "weekday_two"])
    today = athlete_today(athlete, now=now)
    regenerate_from(athlete=athlete, today=today)
