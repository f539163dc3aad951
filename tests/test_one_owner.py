"""Rules said twice beside each other (Python and SQL) agree, case by case.

The weekday spread is the database's CHECK and the function every form and importer
calls; the weaker leg's reps is the function a page calls and the expression the
insight queries use. A table of cases runs through both.
"""

import datetime as dt
import itertools
import uuid
from decimal import Decimal

import pytest

from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, SessionPrescription, days_spread_apart
from programs.weeks import IsoWeek
from tracking.models import SetLog
from tracking.weaker_leg import WEAKER_LEG_REPS, weaker_leg_reps

SPREAD = next(c for c in Assignment._meta.constraints if c.name == "assignment_days_spread_apart")


@pytest.mark.django_db
@pytest.mark.parametrize(("one", "two"), list(itertools.product(range(7), repeat=2)))
def test_the_weekday_spread_function_says_what_the_database_checks(one, two):
    in_database = SPREAD.condition.check({"weekday_one": one, "weekday_two": two})
    assert days_spread_apart(weekday_one=one, weekday_two=two) is in_database


@pytest.mark.parametrize(
    ("one", "two", "spread"),
    [
        pytest.param(0, 3, True, id="Monday and Thursday"),
        pytest.param(0, 1, False, id="Monday and Tuesday"),
        pytest.param(0, 6, False, id="Monday and Sunday: across the weekend"),
        pytest.param(1, 6, True, id="Tuesday and Sunday"),
        pytest.param(3, 0, False, id="Day 2 before Day 1"),
        pytest.param(2, 2, False, id="the same day"),
    ],
)
def test_the_weekday_spread(one, two, spread):
    assert days_spread_apart(weekday_one=one, weekday_two=two) is spread


LEGS = [
    pytest.param(8, None, None, 8, id="two-legged"),
    pytest.param(0, None, None, 0, id="no rep"),
    pytest.param(None, 12, 10, 10, id="right leg weaker"),
    pytest.param(None, 9, 11, 9, id="left leg weaker"),
    pytest.param(None, 10, 10, 10, id="even"),
    pytest.param(None, 0, 10, 0, id="no rep on the left"),
]


@pytest.mark.parametrize(("reps", "left", "right", "weaker"), LEGS)
def test_the_weaker_legs_reps(reps, left, right, weaker):
    assert weaker_leg_reps(reps=reps, reps_left=left, reps_right=right) == weaker


@pytest.mark.django_db
def test_the_database_reads_the_weaker_leg_as_the_function_does(athlete):
    week = IsoWeek(2026, 48)
    generate_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
    copy = SessionPrescription.objects.filter(session__athlete=athlete).first()
    cases = [param.values for param in LEGS]
    for number, (reps, left, right, _) in enumerate(cases, start=1):
        SetLog.objects.create(
            uuid=uuid.uuid4(),
            prescription=copy,
            exercise_id=copy.exercise_id,
            set_number=number,
            reps=reps,
            reps_left=left,
            reps_right=right,
            load_kg=Decimal("20"),
            rir=2,
            logged_at=dt.datetime(2026, 11, 23, 18, tzinfo=dt.UTC),
        )
    read = dict(SetLog.objects.annotate(weaker=WEAKER_LEG_REPS).values_list("set_number", "weaker"))
    assert read == {number: case[3] for number, case in enumerate(cases, start=1)}
