"""Training made up for the desk's tests: weeks generated, sets logged as ticks write them."""

import datetime as dt

from programs.generation import assignments_in_week, generate_week
from programs.models import Muscle, Program, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on

# Monday 23 November 2026, the week 2026-W48.
TODAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def swapped_days(program: Program) -> Program:
    """A coach's variant of the program: its two day templates the other way round."""
    return Program.objects.create(
        name="Swapped days", day_one=program.day_two, day_two=program.day_one
    )


def generate(weeks: list[IsoWeek], **filters) -> None:
    for week in weeks:
        generate_week(assignments=assignments_in_week(week, **filters), week=week)


def train(
    athlete,
    *,
    weeks: list[IsoWeek],
    rir: int = 2,
    compound_rir: int | None = None,
    skip_hamstrings: bool = False,
    left_lag: int = 0,
) -> None:
    """Log every prescribed set of the athlete's sessions in these weeks."""
    generate(weeks, athlete=athlete)
    copies = SessionPrescription.objects.filter(
        session__athlete=athlete,
        session__date__range=(weeks[0].monday, weeks[-1].sunday),
    ).select_related("exercise")
    for copy in copies:
        if skip_hamstrings and copy.exercise.primary_muscle == Muscle.HAMSTRINGS:
            continue
        effort = rir
        if compound_rir is not None and copy.exercise.mechanics == "compound":
            effort = compound_rir
        for number in range(1, copy.sets_min + 1):
            if copy.per_leg:
                log_set_on(
                    copy,
                    set_number=number,
                    load="20",
                    rir=effort,
                    reps_left=12 - left_lag,
                    reps_right=12,
                )
            else:
                log_set_on(copy, set_number=number, load="100", rir=effort)
