"""The exercise progress page's test sets: planned or not, the athlete's one button, the
tests with what each showed, the bias or how many tests are still needed."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from programs.models import Exercise, SessionPrescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on
from tests.test_insight_pages import EXERCISE_PROGRESS_QUERIES
from tracking.calibration import HONEST_LIMITS, SAFETY_REMINDER
from tracking.models import CalibrationChoice
from tracking.test_set_choices import PLANNED_MESSAGE

W48 = IsoWeek(2026, 48)


@pytest.fixture(autouse=True)
def frozen_friday():
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def extension(athlete) -> Exercise:
    generate([W48.shifted(-weeks) for weeks in range(6)], athlete=athlete)
    return Exercise.objects.get(slug="leg-extension")


def extension_copies(athlete) -> list[SessionPrescription]:
    """The athlete's leg extension copies, oldest first."""
    return list(
        SessionPrescription.objects.filter(
            session__athlete=athlete, exercise__slug="leg-extension"
        ).order_by("session__date")
    )


def section(client, exercise: Exercise, *, url: str | None = None) -> str:
    html = client.get(url or reverse("exercise_progress", args=[exercise.pk])).content.decode()
    return re.search(r'<section class="card test-sets".*?</section>', html, re.S)[0]


def choose(client, exercise: Exercise, planned: str | None):
    data = {} if planned is None else {"planned": planned}
    return client.post(reverse("test_set_choice", args=[exercise.pk]), data)


def test_a_machine_is_planned_by_default_and_the_athlete_turns_it_off(client, athlete, extension):
    client.force_login(athlete)
    shown = section(client, extension)
    assert "Planned: the last set of Leg extension goes to failure once every 4 weeks." in shown
    assert "Turn test sets off" in shown
    assert str(SAFETY_REMINDER) not in shown
    assert str(HONEST_LIMITS) in shown

    response = choose(client, extension, "off")
    assert response.status_code == 302
    assert response["Location"] == f"/progress/{extension.pk}/#test-sets"
    choice = CalibrationChoice.objects.get(athlete=athlete, exercise=extension)
    assert choice.planned is False
    shown = section(client, extension)
    assert "Not planned on Leg extension." in shown and "Turn test sets on" in shown

    # On again: the same row, not a second one.
    choose(client, extension, "on")
    assert CalibrationChoice.objects.get(athlete=athlete, exercise=extension).planned is True


def test_a_barbell_is_off_by_default_and_turning_it_on_reminds_of_the_safeties(client, athlete):
    squat = Exercise.objects.get(slug="back-squat")
    client.force_login(athlete)
    shown = section(client, squat)
    assert "Not planned on Back squat." in shown and "Turn test sets on" in shown
    assert str(SAFETY_REMINDER) in shown

    choose(client, squat, "on")
    shown = section(client, squat)
    assert "Planned: the last set of Back squat goes to failure" in shown
    assert str(SAFETY_REMINDER) in shown


def test_the_tests_show_what_each_showed_and_how_many_are_still_needed(client, athlete, extension):
    older, newer = extension_copies(athlete)[-3:-1]
    log_set_on(older, set_number=3, reps=12, rir=2, actual_rir=5)
    client.force_login(athlete)
    shown = section(client, extension)
    assert "1 more test needed before your RIR on Leg extension is corrected." in shown
    assert "You said 2 left and did 5 more: you left 3 more than you thought." in shown

    log_set_on(newer, set_number=3, reps=12, rir=1, actual_rir=4)
    shown = section(client, extension)
    assert "more test" not in shown
    # Newest first, each with its day.
    dates = re.findall(r'<time datetime="([0-9-]+)">', shown)
    assert dates == [str(newer.session.date), str(older.session.date)]
    assert "You said 1 left and did 4 more: you left 3 more than you thought." in shown
    assert "You leave 3.0 reps more than you think (spread ±0.0, 2 tests)" in shown
    assert "an RIR you type reads 3 higher." in shown


def test_no_tests_needs_two(client, athlete, extension):
    client.force_login(athlete)
    assert "2 more tests needed" in section(client, extension)


@pytest.mark.parametrize("planned", [None, "", "yes", "ON", "true", "1", "on " * 50])
def test_a_word_that_is_not_on_or_off_is_refused_and_writes_nothing(
    client, athlete, extension, planned
):
    client.force_login(athlete)
    response = choose(client, extension, planned)
    assert response.status_code == 400
    assert response.content.decode() == PLANNED_MESSAGE
    assert not CalibrationChoice.objects.exists()


def test_the_choice_is_a_post_with_its_csrf_token(athlete, extension):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(athlete)
    url = reverse("test_set_choice", args=[extension.pk])
    assert browser.get(url).status_code == 405
    assert browser.post(url, {"planned": "off"}).status_code == 403
    assert not CalibrationChoice.objects.exists()


def test_an_exercise_that_is_not_there_is_not_found(client, athlete):
    client.force_login(athlete)
    assert client.post("/progress/99999/test-sets/", {"planned": "on"}).status_code == 404
    assert not CalibrationChoice.objects.exists()


def test_the_choice_is_the_athletes_own(client, athlete, other_athlete, extension):
    client.force_login(other_athlete)
    choose(client, extension, "off")
    client.force_login(athlete)
    assert "Turn test sets off" in section(client, extension)
    assert CalibrationChoice.objects.get().athlete == other_athlete


def test_the_coachs_copy_reads_the_section_without_the_button(client, coach, athlete, extension):
    log_set_on(extension_copies(athlete)[0], set_number=3, reps=12, rir=2, actual_rir=5)
    client.force_login(coach)
    shown = section(
        client,
        extension,
        url=reverse("coach_exercise_progress", args=[athlete.pk, extension.pk]),
    )
    assert "You said 2 left and did 5 more" in shown
    assert "<form" not in shown


def test_the_page_costs_the_same_with_one_test_or_many(
    client, athlete, extension, django_assert_num_queries
):
    copies = extension_copies(athlete)
    log_set_on(copies[0], set_number=3, reps=12, rir=2, actual_rir=4)
    client.force_login(athlete)
    url = reverse("exercise_progress", args=[extension.pk])
    client.get(url)
    with django_assert_num_queries(EXERCISE_PROGRESS_QUERIES):
        assert client.get(url).status_code == 200
    for copy in copies[1:]:
        log_set_on(copy, set_number=3, reps=12, rir=2, actual_rir=3)
    with django_assert_num_queries(EXERCISE_PROGRESS_QUERIES):
        assert client.get(url).status_code == 200
