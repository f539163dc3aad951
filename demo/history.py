"""Eight weeks of made-up training for the demo athlete, so the insight pages show something.

The sessions are real: each past week goes through `generate_week`, so they carry copies
of the prescriptions as any athlete's do. Only the sets are made up, by a plain rule:
double progression (a rep more each week, then one increment more and back down the
range) at RIR 1–2, plus the three habits the insight pages exist to catch: a left leg
lagging on the unilateral exercises, back squat sets left far from failure in the last
weeks, and one week without the Day 2 hamstring exercise.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef

from programs.generation import assignments_in_week, generate_week
from programs.models import Muscle, SessionPrescription
from programs.weeks import IsoWeek
from tracking.models import SetLog

HISTORY_WEEKS = 8
# At most this many weeks at one load before it goes up, so loads rise within the eight.
WEEKS_PER_LOAD = 3
STARTING_LOADS_KG = {
    "back-squat": Decimal("80"),
    "leg-press": Decimal("140"),
    "romanian-deadlift": Decimal("70"),
    "walking-lunge": Decimal("16"),
    "leg-extension": Decimal("45"),
    "leg-curl": Decimal("35"),
    "step-up": Decimal("12"),
    "split-squat": Decimal("12"),
    "heel-elevated-squat": Decimal("20"),
    "hip-thrust": Decimal("80"),
}
DEFAULT_STARTING_LOAD_KG = Decimal("20")
# Two reps of 10–14 is 14–20 % behind: well past the 10 % the balance view flags.
LEFT_LAG_REPS = 2
# The guide's squatter, who feels done with four or five reps still in the legs.
TOO_EASY_SLUG = "back-squat"
TOO_EASY_RIRS = (5, 4)  # the first sets of each session, in the last weeks
TOO_EASY_WEEKS = 4
SKIPPED_HAMSTRINGS_WEEKS_AGO = 2
# Sets start at six in the evening, athlete's time: a slot every 12 minutes, a set every 3.
EVENING = dt.time(18)
MINUTES_PER_SLOT = 12
MINUTES_PER_SET = 3


@dataclass(frozen=True)
class DemoSet:
    set_number: int
    reps: int | None
    reps_left: int | None
    reps_right: int | None
    load_kg: Decimal
    rir: int


def history_weeks(*, today: dt.date) -> list[IsoWeek]:
    """The eight weeks before today's, oldest first."""
    this_week = IsoWeek.of(today)
    return [this_week.shifted(-ago) for ago in range(HISTORY_WEEKS, 0, -1)]


def progression(
    *, step: int, reps_min: int, reps_max: int, start_kg: Decimal, increment_kg: Decimal
) -> tuple[Decimal, int]:
    """Load and reps of week `step` (0 = the first): from one rep above the bottom of the
    range, a rep more each week; after WEEKS_PER_LOAD weeks or at the top of the range,
    one increment more and back down."""
    first = min(reps_min + 1, reps_max)
    weeks_per_load = min(WEEKS_PER_LOAD, reps_max - first + 1)
    return start_kg + increment_kg * (step // weeks_per_load), first + step % weeks_per_load


def demo_sets(
    *,
    slug: str,
    per_leg: bool,
    sets: int,
    reps_min: int,
    reps_max: int,
    increment_kg: Decimal,
    step: int,
    weeks_ago: int,
) -> list[DemoSet]:
    """One exercise's sets in one session: the last set a rep short at RIR 1, the others at
    RIR 2; per leg, the left leg LEFT_LAG_REPS behind the right."""
    load, reps = progression(
        step=step,
        reps_min=reps_min,
        reps_max=reps_max,
        start_kg=STARTING_LOADS_KG.get(slug, DEFAULT_STARTING_LOAD_KG),
        increment_kg=increment_kg,
    )
    too_easy = slug == TOO_EASY_SLUG and weeks_ago <= TOO_EASY_WEEKS
    made = []
    for number in range(1, sets + 1):
        last = number == sets and number > 1
        done, rir = (reps - 1, 1) if last else (reps, 2)
        if too_easy and number <= len(TOO_EASY_RIRS):
            rir = TOO_EASY_RIRS[number - 1]
        if per_leg:
            legs = {"reps": None, "reps_left": max(done - LEFT_LAG_REPS, 0), "reps_right": done}
        else:
            legs = {"reps": done, "reps_left": None, "reps_right": None}
        made.append(DemoSet(set_number=number, load_kg=load, rir=rir, **legs))
    return made


def is_skipped(*, day_number: int, muscle: str, weeks_ago: int) -> bool:
    return (
        weeks_ago == SKIPPED_HAMSTRINGS_WEEKS_AGO
        and day_number == 2
        and muscle == Muscle.HAMSTRINGS
    )


def logged_at(*, date: dt.date, order: int, set_number: int, zone) -> dt.datetime:
    minutes = (order - 1) * MINUTES_PER_SLOT + set_number * MINUTES_PER_SET
    return dt.datetime.combine(date, EVENING, tzinfo=zone) + dt.timedelta(minutes=minutes)


def weeks_between(earlier: dt.date, later: dt.date) -> int:
    return (IsoWeek.of(later).monday - IsoWeek.of(earlier).monday).days // 7


def sets_for(*, copy: SessionPrescription, today: dt.date, zone) -> list[SetLog]:
    """The demo's sets of one copied prescription, as set logs not saved yet."""
    session, exercise = copy.session, copy.performed_exercise
    return [
        SetLog(
            uuid=uuid.uuid4(),
            prescription=copy,
            exercise=exercise,
            set_number=made.set_number,
            reps=made.reps,
            reps_left=made.reps_left,
            reps_right=made.reps_right,
            load_kg=made.load_kg,
            rir=made.rir,
            logged_at=logged_at(
                date=session.date, order=copy.order, set_number=made.set_number, zone=zone
            ),
        )
        for made in demo_sets(
            slug=exercise.slug,
            per_leg=copy.per_leg,
            sets=copy.sets_max,
            reps_min=copy.reps_min,
            reps_max=copy.reps_max,
            increment_kg=exercise.increment_kg,
            step=weeks_between(session.assignment.start_date, session.date),
            weeks_ago=weeks_between(session.date, today),
        )
    ]


def seed_history(*, athlete, today: dt.date) -> int:
    """Generate the eight weeks before today's and log sets on those of their sessions that
    have none; returns the number of sets written. A second call writes nothing.

    Progression counts weeks from the assignment's start, so a later run that adds a week
    carries on from the weeks already logged.
    """
    weeks = history_weeks(today=today)
    for week in weeks:
        generate_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
    logged = SetLog.objects.filter(prescription__session=OuterRef("session"))
    copies = (
        SessionPrescription.objects.filter(
            session__athlete=athlete,
            session__date__range=(weeks[0].monday, weeks[-1].sunday),
        )
        .filter(~Exists(logged))
        .select_related("session__assignment", "exercise", "swapped_to")
        .order_by("session__date", "order")
    )
    rows = []
    for copy in copies:
        session, exercise = copy.session, copy.performed_exercise
        weeks_ago = weeks_between(session.date, today)
        if is_skipped(
            day_number=session.day_number, muscle=exercise.primary_muscle, weeks_ago=weeks_ago
        ):
            continue
        rows += sets_for(copy=copy, today=today, zone=athlete.zone)
    SetLog.objects.bulk_create(rows)
    return len(rows)
