"""Last time's sets: the right session per exercise, read from the athlete's sessions
rather than from every set of the exercise."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tests.imported import import_strong
from tracking.history import last_time_sets

W48 = IsoWeek(2026, 48)


def _day_one(athlete, week: IsoWeek):
    generate_week(assignments=assignments_in_week(week), week=week)
    return Session.objects.get(athlete=athlete, day_number=1, date__gte=week.monday)


def test_each_exercise_gets_its_own_last_session(athlete):
    """The squat's last session also holds lunges, whose last session is later: each
    exercise still gets the sets of its own last session only, and today's are not last
    time."""
    old, new, today = (_day_one(athlete, W48.shifted(ago)) for ago in (-2, -1, 0))
    squat_old, lunge_old = SessionPrescription.objects.filter(session=old, order__in=(1, 3))
    log_set_on(squat_old, set_number=1, load="100", reps=5, rir=2)
    log_set_on(lunge_old, set_number=1, load="10", reps_left=9, reps_right=9, rir=2)
    lunge_new = SessionPrescription.objects.get(session=new, order=3)
    log_set_on(lunge_new, set_number=1, load="12", reps_left=8, reps_right=8, rir=2)
    log_set_on(lunge_new, set_number=2, load="12", reps_left=8, reps_right=7, rir=1)
    squat_today = SessionPrescription.objects.get(session=today, order=1)
    log_set_on(squat_today, set_number=1, load="105", reps=5, rir=2)  # not before today

    found = last_time_sets(
        athlete=athlete,
        exercise_ids=[squat_old.exercise_id, lunge_old.exercise_id],
        before=today.date,
    )

    assert [(s.prescription.session.date, s.load_kg) for s in found[squat_old.exercise_id]] == [
        (old.date, 100)
    ]
    assert [(s.set_number, s.load_kg) for s in found[lunge_old.exercise_id]] == [(1, 12), (2, 12)]
    assert {s.prescription.session.date for s in found[lunge_old.exercise_id]} == {new.date}


def test_an_exercise_never_done_before_has_no_last_time(athlete):
    today = _day_one(athlete, W48)
    import_strong(athlete, weeks=4, before=W48.monday)
    never = Exercise.objects.exclude(
        pk__in=SessionPrescription.objects.filter(session__athlete=athlete).values("exercise")
    ).first()
    squat = Exercise.objects.get(slug="back-squat")

    found = last_time_sets(athlete=athlete, exercise_ids=[squat.pk, never.pk], before=today.date)

    assert set(found) == {squat.pk}
    assert {s.prescription.session.date for s in found[squat.pk]} == {
        W48.monday - dt.timedelta(weeks=1)
    }


def test_last_time_reads_the_athletes_sessions_not_the_exercises_sets(athlete):
    """After an import of 6,608 sets the session page took 7-9 s on SQLite: a subquery
    correlated on every set of the exercise, each run reading every set of it again. The
    plan must walk the athlete's sessions, then their prescriptions, then their sets."""
    today = _day_one(athlete, W48)
    import_strong(athlete, weeks=8, before=W48.monday)
    exercise_ids = list(today.prescriptions.values_list("exercise_id", flat=True))
    with CaptureQueriesContext(connection) as captured:
        found = last_time_sets(athlete=athlete, exercise_ids=exercise_ids, before=today.date)
    assert found  # the squat at least
    last_dates, sets = (query["sql"] for query in captured.captured_queries)
    # The sets' query takes the dates as values: nested, PostgreSQL with the statistics of
    # before an import re-ran the dates' subquery for every set (minutes, on CI).
    assert "SELECT" not in sets.upper().split("FROM", 1)[1], sets
    if connection.vendor != "sqlite":
        return
    for query in (last_dates, sets):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {query}")
            plan = [row[-1] for row in cursor.fetchall()]
        # Every set is found through its prescription: no exercise index, no table scan.
        set_indexes = [step for step in plan if "INDEX tracking_se" in step]
        assert set_indexes, plan
        assert all("prescription_id" in step for step in set_indexes), plan
        assert not any(step.startswith("SCAN") for step in plan), plan


def test_no_exercises_no_sets(athlete):
    today = _day_one(athlete, W48)
    import_strong(athlete, weeks=2, before=W48.monday)
    assert last_time_sets(athlete=athlete, exercise_ids=[], before=today.date) == {}
