"""An athlete's test sets as pages read them: in two queries, per exercise."""

import datetime as dt

from programs.models import Exercise, SessionPrescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on
from tracking.calibration_record import calibration_record
from tracking.models import CalibrationChoice

WEEK = IsoWeek(2026, 48)


def test_the_record_reads_biases_choices_and_due_tests_in_two_queries(
    athlete, other_athlete, django_assert_num_queries
):
    generate([WEEK.shifted(-5), WEEK])
    leg_press = Exercise.objects.get(slug="leg-press")
    squat = Exercise.objects.get(slug="back-squat")
    copies = SessionPrescription.objects.filter(session__athlete=athlete, order=1)
    old, recent = copies.filter(session__day_number=1).order_by("session__date")
    SessionPrescription.objects.filter(pk__in=[old.pk, recent.pk]).update(exercise=leg_press)
    old.refresh_from_db()
    recent.refresh_from_db()
    log_set_on(old, reps=10, rir=2, actual_rir=5)
    log_set_on(recent, reps=10, rir=2, actual_rir=4)
    # Someone else's test counts for them only.
    theirs = SessionPrescription.objects.filter(session__athlete=other_athlete).first()
    log_set_on(theirs, reps=10, rir=0, actual_rir=9)
    CalibrationChoice.objects.create(athlete=athlete, exercise=squat, planned=True)

    with django_assert_num_queries(2):
        record = calibration_record(athlete)

    bias = record.bias(leg_press.pk)
    assert (bias.tests, bias.correction) == (2, 2)
    assert record.planned(squat) and record.planned(leg_press)
    assert not record.planned(Exercise.objects.get(slug="romanian-deadlift"))
    tested_on = recent.session.date
    # The day of the test still shows it planned; the weeks after it do not.
    assert record.due(leg_press, on=tested_on)
    assert not record.due(leg_press, on=tested_on + dt.timedelta(weeks=2))
    assert record.due(leg_press, on=tested_on + dt.timedelta(weeks=4, days=1))
    assert record.due(squat, on=tested_on)
    athlete.test_set_every_weeks = 0
    assert not calibration_record(athlete).due(squat, on=tested_on)
