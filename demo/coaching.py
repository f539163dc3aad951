"""Demo athletes for the coach's desk: a second coach, and athletes with varied habits, so
the desk has someone who trains well and someone who needs attention.

Called by seed_demo (development only). Idempotent: a second run logs nothing new.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from accounts.models import COACHES_GROUP, User
from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, Mechanics, Muscle, Program, SessionPrescription
from programs.weeks import IsoWeek
from tracking.models import SetLog

DEMO_WEEKS = 6
SECOND_COACH = "coach2"


@dataclass(frozen=True)
class Habits:
    """How a demo athlete trains: their faults, in the words of the insight rules."""

    coach: str
    stops_weeks_ago: int = 0  # no set logged in the last N weeks (a compliance drop)
    skips_hamstrings: bool = False
    left_lag: int = 0  # reps the left leg is behind on per-leg sets
    compound_rir: int = 2  # RIR 4+ is leaving reps in the tank


ATHLETES = {
    "ana": Habits(coach="coach"),
    "ben": Habits(coach="coach", skips_hamstrings=True),
    "cleo": Habits(coach="coach", left_lag=3, compound_rir=5),
    "dan": Habits(coach="coach", stops_weeks_ago=2),
    "eve": Habits(coach=SECOND_COACH),
    "finn": Habits(coach=SECOND_COACH, left_lag=2, stops_weeks_ago=1),
}


def _user(username: str, **fields) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(username)
        user.save(update_fields=["password"])
    return user


def _sets(copy, habits: Habits, *, week_index: int) -> list[SetLog]:
    exercise = copy.performed_exercise
    rir = habits.compound_rir if exercise.mechanics == Mechanics.COMPOUND else 2
    load = Decimal("20") + exercise.increment_kg * (week_index // 2)
    if exercise.mechanics == Mechanics.COMPOUND and not copy.per_leg:
        load += Decimal("60")
    reps = min(copy.reps_min + week_index % 3, copy.reps_max)
    made = []
    for number in range(1, copy.sets_min + 1):
        legs = (
            {"reps_left": max(reps - habits.left_lag, 0), "reps_right": reps}
            if copy.per_leg
            else {"reps": reps}
        )
        made.append(
            SetLog(
                uuid=uuid.uuid4(),
                prescription=copy,
                exercise=exercise,
                set_number=number,
                load_kg=load,
                rir=rir,
                logged_at=dt.datetime.combine(
                    copy.session.date, dt.time(18, number * 3), tzinfo=dt.UTC
                ),
                **legs,
            )
        )
    return made


def seed_coaching_demo(*, today: dt.date) -> int:
    """The second coach and the demo athletes with their weeks of training; returns the
    number of sets logged now."""
    coaches = Group.objects.get(name=COACHES_GROUP)
    for username in ("coach", SECOND_COACH):
        _user(username, is_staff=True).groups.add(coaches)
    program = Program.objects.get(is_default=True)
    this_week = IsoWeek.of(today)
    weeks = [this_week.shifted(-ago) for ago in range(DEMO_WEEKS, -1, -1)]
    rows = []
    for username, habits in ATHLETES.items():
        athlete = _user(username)
        if not Assignment.objects.filter(athlete=athlete).exists():
            Assignment.objects.create(
                athlete=athlete,
                program=program,
                coach=User.objects.get(username=habits.coach),
                start_date=weeks[0].monday,
            )
        for week in weeks:
            generate_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
        last_trained = this_week.shifted(-habits.stops_weeks_ago).monday
        copies = (
            SessionPrescription.objects.filter(
                session__athlete=athlete,
                session__date__gte=weeks[0].monday,
                session__date__lt=min(today, last_trained) if habits.stops_weeks_ago else today,
            )
            .filter(~Exists(SetLog.objects.filter(prescription__session=OuterRef("session"))))
            .select_related("session", "exercise", "swapped_to")
        )
        for copy in copies:
            if habits.skips_hamstrings and copy.exercise.primary_muscle == Muscle.HAMSTRINGS:
                continue
            week_index = weeks.index(IsoWeek.of(copy.session.date))
            rows.extend(_sets(copy, habits, week_index=week_index))
    SetLog.objects.bulk_create(rows)
    return len(rows)
