"""The desk's bulk actions: one program from one date, or one note, for several athletes.

All or nothing: one athlete refused (a running program changed in the past, an overlap)
and nobody's plan changes, so the coach never has to work out who got what.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from coaching.changes import assign_program
from coaching.conversation import add_athlete_note
from programs.models import Assignment, open_assignment_of
from programs.today import athlete_today

DEFAULT_DAYS = (
    Assignment._meta.get_field("weekday_one").default,
    Assignment._meta.get_field("weekday_two").default,
)


@transaction.atomic
def assign_to_all(*, athletes, program, start_date: dt.date, by) -> None:
    """Each athlete keeps their training days and unit; one with no program yet gets the
    model's default days. Raises ValueError naming the athlete refused."""
    for athlete in athletes:
        current = open_assignment_of(athlete)
        days = DEFAULT_DAYS if current is None else (current.weekday_one, current.weekday_two)
        try:
            assign_program(
                athlete=athlete,
                program=program,
                weekday_one=days[0],
                weekday_two=days[1],
                start_date=start_date,
                unit=athlete.unit,
                by=by,
                # The athlete's today, as the one-athlete change does: their time zone.
                today=athlete_today(athlete),
            )
        except ValueError as refused:
            name = athlete.get_full_name() or athlete.username
            raise ValueError(_("{name}: {refused}").format(name=name, refused=refused)) from refused


@transaction.atomic
def note_to_all(*, athletes, text: str, by, site: str) -> None:
    # Each note's e-mail (if on) leaves after the commit: none for a note rolled back.
    for athlete in athletes:
        add_athlete_note(athlete=athlete, text=text, by=by, site=site)
