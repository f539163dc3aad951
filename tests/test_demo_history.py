"""seed_demo's eight weeks of history: what the progress and balance pages will show."""

import datetime as dt
import io
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from accounts.models import User
from demo.history import progression
from programs.models import Assignment, Mechanics, Muscle, Program, Session, SessionPrescription
from programs.weeks import IsoWeek
from tracking.models import SetLog

WEDNESDAY = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)  # in 2026-W48
HISTORY = {IsoWeek(2026, week) for week in range(40, 48)}


def seed_demo(at: dt.datetime = WEDNESDAY) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True), time_machine.travel(at, tick=False):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> User:
    seed_demo()
    return User.objects.get(username="demo")


def logged_weeks(athlete) -> Counter:
    dates = (
        Session.objects.filter(athlete=athlete, prescriptions__set_logs__isnull=False)
        .values_list("date", flat=True)
        .distinct()
    )
    return Counter(IsoWeek.of(date) for date in dates)


def sets_of(athlete, slug: str) -> list[SetLog]:
    return list(
        SetLog.objects.filter(prescription__session__athlete=athlete, exercise__slug=slug)
        .select_related("prescription__session", "exercise")
        .order_by("prescription__session__date", "set_number")
    )


def test_the_eight_weeks_before_this_one_have_both_sessions_logged(demo):
    assert logged_weeks(demo) == dict.fromkeys(HISTORY, 2)
    # Generated like any athlete's week: every session has its copies of the template.
    copies = SessionPrescription.objects.filter(session__athlete=demo)
    assert copies.count() == 8 * 2 * 3
    assert not copies.filter(source__isnull=True).exists()


@pytest.mark.parametrize(
    "slug",
    ["back-squat", "romanian-deadlift", "walking-lunge", "leg-extension", "leg-curl", "step-up"],
)
def test_loads_rise_in_the_exercises_increments_with_reps_in_the_range(demo, slug):
    sets = sets_of(demo, slug)
    loads = [logged.load_kg for logged in sets]
    assert loads == sorted(loads) and loads[-1] > loads[0]
    increment = sets[0].exercise.increment_kg
    assert all(load % increment == 0 for load in loads)
    for logged in sets:
        copy = logged.prescription
        reps = logged.reps if logged.reps is not None else logged.reps_right
        assert copy.reps_min - 1 <= reps <= copy.reps_max


def test_most_sets_are_at_rir_one_or_two(demo):
    rirs = list(
        SetLog.objects.filter(prescription__session__athlete=demo).values_list("rir", flat=True)
    )
    assert rirs and sum(rir in (1, 2) for rir in rirs) >= 0.9 * len(rirs)


@pytest.mark.parametrize("slug", ["walking-lunge", "step-up"])
def test_the_left_leg_lags_more_than_ten_percent_in_the_last_four_sessions(demo, slug):
    by_session_and_load = defaultdict(lambda: [0, 0])
    for logged in sets_of(demo, slug):
        legs = by_session_and_load[(logged.prescription.session.date, logged.load_kg)]
        legs[0] += logged.reps_left
        legs[1] += logged.reps_right
    last_four = sorted(by_session_and_load.items())[-4:]
    assert len({date for (date, _), _ in last_four}) == 4
    for _, (left, right) in last_four:
        assert left < Decimal("0.9") * right


def test_back_squat_sets_are_left_at_rir_four_or_five_in_the_last_four_weeks(demo):
    too_easy = [logged for logged in sets_of(demo, "back-squat") if logged.rir >= 4]
    assert len(too_easy) >= 4
    assert {logged.rir for logged in too_easy} == {4, 5}
    last_four = {IsoWeek(2026, week) for week in range(44, 48)}
    assert {IsoWeek.of(logged.prescription.session.date) for logged in too_easy} == last_four
    # Effort honesty then shows the compound lifts as the easy ones.
    isolation = SetLog.objects.filter(
        prescription__session__athlete=demo, exercise__mechanics=Mechanics.ISOLATION
    )
    assert not isolation.filter(rir__gte=4).exists()


def test_one_week_skips_the_day_two_hamstring_exercise_and_no_other(demo):
    hamstrings = SessionPrescription.objects.filter(
        session__athlete=demo, session__day_number=2, exercise__primary_muscle=Muscle.HAMSTRINGS
    )
    skipped = list(hamstrings.filter(set_logs__isnull=True))
    assert [IsoWeek.of(copy.session.date) for copy in skipped] == [IsoWeek(2026, 46)]
    assert skipped[0].exercise.slug == "leg-curl"
    # The rest of that session was trained.
    others = skipped[0].session.prescriptions.exclude(pk=skipped[0].pk)
    assert all(copy.set_logs.exists() for copy in others)
    everything_else = SessionPrescription.objects.filter(session__athlete=demo).exclude(
        pk=skipped[0].pk
    )
    assert not everything_else.filter(set_logs__isnull=True).exists()


def test_seeding_twice_creates_nothing_the_second_time(demo):
    before = (Session.objects.count(), SessionPrescription.objects.count(), SetLog.objects.count())
    assert before[2] > 0
    out = seed_demo()
    after = (Session.objects.count(), SessionPrescription.objects.count(), SetLog.objects.count())
    assert after == before
    assert "0 sets logged" in out


def test_the_history_ends_with_the_week_before_the_athletes_today(db):
    # Sunday evening in UTC is already Monday of the next week in Auckland.
    User.objects.create_user(username="demo", password="demo", time_zone="Pacific/Auckland")
    seed_demo(at=dt.datetime(2026, 11, 29, 20, tzinfo=dt.UTC))
    demo = User.objects.get(username="demo")
    assert logged_weeks(demo) == {IsoWeek(2026, week): 2 for week in range(41, 49)}


def test_an_older_demo_assignment_is_moved_back_to_fit_the_history(db):
    demo = User.objects.create_user(username="demo", password="demo")
    Assignment.objects.create(
        athlete=demo,
        program=Program.objects.get(is_default=True),
        start_date=dt.date(2026, 10, 26),  # four weeks before 2026-W48
    )
    seed_demo()
    assert Assignment.objects.get(athlete=demo).start_date == dt.date(2026, 9, 28)
    assert logged_weeks(demo) == dict.fromkeys(HISTORY, 2)


@pytest.mark.parametrize(
    "step, reps_min, reps_max, start, increment, expected",
    [
        # Back squat 5–8: 6, 7, 8 reps, then 2.5 kg more and back to 6.
        (0, 5, 8, "80", "2.5", ("80", 6)),
        (2, 5, 8, "80", "2.5", ("80", 8)),
        (3, 5, 8, "80", "2.5", ("82.5", 6)),
        (7, 5, 8, "80", "2.5", ("85", 7)),
        # Leg extension 10–15: three weeks per load whatever the width of the range.
        (3, 10, 15, "45", "5", ("50", 11)),
        # Step-up 10–12: the top of the range comes after two weeks.
        (1, 10, 12, "12", "2", ("12", 12)),
        (2, 10, 12, "12", "2", ("14", 11)),
        # A single rep count: the load goes up every week.
        (3, 5, 5, "100", "2.5", ("107.5", 5)),
    ],
)
def test_progression(step, reps_min, reps_max, start, increment, expected):
    load, reps = progression(
        step=step,
        reps_min=reps_min,
        reps_max=reps_max,
        start_kg=Decimal(start),
        increment_kg=Decimal(increment),
    )
    assert (load, reps) == (Decimal(expected[0]), expected[1])
