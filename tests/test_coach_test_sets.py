"""The coach's word on an athlete's test sets, on the athlete's page: the interval, on or
off per exercise of the program, and the athlete's tests."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import TEST_SET_EVERY_MESSAGE, User
from programs.models import Exercise, SessionPrescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on
from tracking.calibration import SAFETY_REMINDER
from tracking.models import CalibrationChoice
from tracking.test_set_choices import PLANNED_MESSAGE

W48 = IsoWeek(2026, 48)


@pytest.fixture(autouse=True)
def frozen_friday():
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def page(client, athlete) -> str:
    response = client.get(reverse("coach_athlete", args=[athlete.pk]))
    assert response.status_code == 200
    return section(response)


def section(response) -> str:
    html = response.content.decode()
    return re.search(r'<section class="card test-sets".*?</section>', html, re.S)[0]


def interval(client, athlete, value):
    data = {} if value is None else {"every_weeks": value}
    return client.post(reverse("coach_test_set_interval", args=[athlete.pk]), data)


def choose(client, athlete, exercise, planned):
    url = reverse("coach_test_set_choice", args=[athlete.pk, exercise.pk])
    return client.post(url, {} if planned is None else {"planned": planned})


def every_weeks(athlete) -> int:
    return User.objects.get(pk=athlete.pk).test_set_every_weeks


@pytest.mark.parametrize(("typed", "saved"), [("0", 0), ("2", 2), ("26", 26), (" 8 ", 8)])
def test_the_coach_sets_the_interval(client, coach, athlete, typed, saved):
    client.force_login(coach)
    response = interval(client, athlete, typed)
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#test-sets"
    assert every_weeks(athlete) == saved
    shown = page(client, athlete)
    assert f'name="every_weeks" value="{saved}"' in shown


@pytest.mark.parametrize("typed", [None, "", "27", "-1", "4.5", "four", "٣", "1" * 20, "04 4"])
def test_an_interval_outside_0_to_26_is_refused_and_writes_nothing(client, coach, athlete, typed):
    client.force_login(coach)
    response = interval(client, athlete, typed)
    assert response.status_code == 400
    shown = section(response)
    assert str(TEST_SET_EVERY_MESSAGE) in shown
    assert every_weeks(athlete) == 4


def test_the_coach_turns_test_sets_on_and_off_per_exercise_of_the_program(client, coach, athlete):
    client.force_login(coach)
    shown = page(client, athlete)
    # The program's exercises, each with its state: machines and dumbbells on, barbells off.
    for name, state in [
        ("Back squat", "off"),
        ("Romanian deadlift", "off"),
        ("Walking lunge", "<strong>on</strong>"),
        ("Leg extension", "<strong>on</strong>"),
        ("Leg curl", "<strong>on</strong>"),
    ]:
        assert f"{name}: {state}" in shown
    squat = Exercise.objects.get(slug="back-squat")
    assert str(SAFETY_REMINDER) not in shown

    assert choose(client, athlete, squat, "on").status_code == 302
    assert CalibrationChoice.objects.get(athlete=athlete, exercise=squat).planned is True
    shown = page(client, athlete)
    assert "Back squat: <strong>on</strong>" in shown and str(SAFETY_REMINDER) in shown

    choose(client, athlete, squat, "off")
    assert CalibrationChoice.objects.get(athlete=athlete, exercise=squat).planned is False


@pytest.mark.parametrize("planned", [None, "", "maybe", "On"])
def test_a_word_that_is_not_on_or_off_is_refused(client, coach, athlete, planned):
    client.force_login(coach)
    response = choose(client, athlete, Exercise.objects.get(slug="leg-curl"), planned)
    assert response.status_code == 400
    assert response.content.decode() == PLANNED_MESSAGE
    assert not CalibrationChoice.objects.exists()


def test_another_coachs_athlete_is_not_found_and_nothing_changes(client, other_coach, athlete):
    client.force_login(other_coach)
    squat = Exercise.objects.get(slug="back-squat")
    assert interval(client, athlete, "2").status_code == 404
    assert choose(client, athlete, squat, "on").status_code == 404
    assert every_weeks(athlete) == 4
    assert not CalibrationChoice.objects.exists()


def test_the_athlete_cannot_use_the_coachs_forms(client, athlete):
    client.force_login(athlete)
    assert interval(client, athlete, "0").status_code == 404
    assert every_weeks(athlete) == 4


def test_an_exercise_that_is_not_there_is_not_found(client, coach, athlete):
    client.force_login(coach)
    url = reverse("coach_test_set_choice", args=[athlete.pk, 99999])
    assert client.post(url, {"planned": "on"}).status_code == 404


def test_the_athletes_tests_newest_first_with_what_each_showed(client, coach, athlete):
    generate([W48.shifted(-weeks) for weeks in range(5)], athlete=athlete)
    copies = SessionPrescription.objects.filter(session__athlete=athlete)
    older = copies.filter(exercise__slug="leg-curl").order_by("session__date").first()
    newer = copies.filter(exercise__slug="walking-lunge").order_by("-session__date").first()
    log_set_on(older, set_number=3, reps=10, rir=2, actual_rir=5)
    log_set_on(newer, set_number=2, reps=12, rir=3, actual_rir=1)
    client.force_login(coach)
    shown = page(client, athlete)
    rows = re.findall(r"<tr><td>.*?</tr>", shown)
    assert [re.sub(r"(<[^>]+>)+", "|", row) for row in rows] == [
        f"|{newer.session.date:%-d %b %Y}|Walking lunge|3 / 1|"
        "You said 3 left and did 1 more: you had 2 fewer than you thought.|",
        f"|{older.session.date:%-d %b %Y}|Leg curl|2 / 5|"
        "You said 2 left and did 5 more: you left 3 more than you thought.|",
    ]


def test_the_section_costs_the_same_with_one_test_or_many(client, coach, athlete):
    generate([W48.shifted(-weeks) for weeks in range(30)], athlete=athlete)
    copies = list(SessionPrescription.objects.filter(session__athlete=athlete, order=2))
    log_set_on(copies[0], set_number=3, reps=10, rir=2, actual_rir=4)
    # A test on an exercise the program no longer has: its name is read too.
    press = Exercise.objects.get(slug="leg-press")
    SessionPrescription.objects.filter(pk=copies[1].pk).update(exercise=press)
    copies[1].refresh_from_db()
    log_set_on(copies[1], set_number=3, reps=10, rir=2, actual_rir=4)
    client.force_login(coach)
    page(client, athlete)
    with CaptureQueriesContext(connection) as few:
        assert "Leg press" in page(client, athlete)
    for copy in copies[2:]:
        log_set_on(copy, set_number=3, reps=10, rir=2, actual_rir=3)
    with CaptureQueriesContext(connection) as many:
        page(client, athlete)
    assert len(many) == len(few)
