"""The week page marks the sessions that plan a test set, naming the exercises."""

import datetime as dt
import re

import pytest
import time_machine

from programs.models import Exercise, SessionPrescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on
from tests.test_week_page import WEEK_PAGE_QUERIES
from tracking.calibration import TEST_SET_LABEL
from tracking.models import CalibrationChoice

WEEK = IsoWeek(2026, 48)
MONDAY, THURSDAY = dt.date(2026, 11, 23), dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def planned(client) -> dict[str, str]:
    """Each session's test-set line by its day, "" when it plans none."""
    html = client.get(f"/week/{WEEK}/").content.decode()
    cards = re.findall(r'<article class="card session.*?</article>', html, re.S)
    lines = {}
    for card in cards:
        day = re.search(r'class="focus[^"]*">(Day \d)', card)[1]
        line = re.search(r'<p class="test-set-plan"[^>]*>(.*?)</p>', card, re.S)
        lines[day] = re.sub(r"<[^>]+>", "", line[1]).strip() if line else ""
    return lines


def copy_on(athlete, date: dt.date, slug: str) -> SessionPrescription:
    return SessionPrescription.objects.get(
        session__athlete=athlete, session__date=date, exercise__slug=slug
    )


def test_machines_and_dumbbells_plan_a_test_set_and_barbells_do_not(client, athlete):
    client.force_login(athlete)
    lines = planned(client)
    assert lines["Day 1"] == "Test set Walking lunge · last set to failure"
    assert lines["Day 2"] == "Test set Leg extension, Leg curl, Step-up · last set to failure"
    html = client.get(f"/week/{WEEK}/").content.decode()
    assert f'title="{TEST_SET_LABEL}"' in html
    # Each exercise that plans one carries the tag in the session's list too.
    assert html.count('<span class="tag test-set">Test set</span>') == 4 + 2


def test_an_exercise_tested_within_the_interval_is_not_planned_again(client, athlete):
    generate([WEEK.shifted(-2)], athlete=athlete)
    extension = copy_on(athlete, THURSDAY - dt.timedelta(weeks=2), "leg-extension")
    log_set_on(extension, set_number=3, reps=12, rir=2, actual_rir=4)
    client.force_login(athlete)
    assert planned(client)["Day 2"] == "Test set Leg curl, Step-up · last set to failure"

    # Every two weeks, the test two weeks ago is due again.
    athlete.test_set_every_weeks = 2
    athlete.save(update_fields=["test_set_every_weeks"])
    assert "Leg extension" in planned(client)["Day 2"]


def test_the_swap_is_what_is_tested(client, athlete):
    client.force_login(athlete)
    planned(client)  # makes the week
    squat = copy_on(athlete, MONDAY, "back-squat")
    squat.swap_to(Exercise.objects.get(slug="leg-press"))
    assert planned(client)["Day 1"] == "Test set Leg press, Walking lunge · last set to failure"


def test_the_athletes_word_overrides_the_default(client, athlete):
    CalibrationChoice.objects.create(
        athlete=athlete, exercise=Exercise.objects.get(slug="back-squat"), planned=True
    )
    CalibrationChoice.objects.create(
        athlete=athlete, exercise=Exercise.objects.get(slug="walking-lunge"), planned=False
    )
    client.force_login(athlete)
    assert planned(client)["Day 1"] == "Test set Back squat · last set to failure"


def test_an_interval_of_zero_plans_no_test_set(client, athlete):
    athlete.test_set_every_weeks = 0
    athlete.save(update_fields=["test_set_every_weeks"])
    client.force_login(athlete)
    assert planned(client) == {"Day 1": "", "Day 2": ""}


def test_the_week_page_costs_the_same_with_one_test_or_many(
    client, athlete, django_assert_num_queries
):
    client.force_login(athlete)
    client.get(f"/week/{WEEK}/")  # the first look makes the week
    generate([WEEK.shifted(-weeks) for weeks in range(1, 41)], athlete=athlete)
    copies = SessionPrescription.objects.filter(
        session__athlete=athlete, session__date__lt=MONDAY, exercise__slug="leg-curl"
    ).order_by("-session__date")
    log_set_on(copies[0], reps=10, rir=2, actual_rir=4)
    with django_assert_num_queries(WEEK_PAGE_QUERIES):
        assert client.get(f"/week/{WEEK}/").status_code == 200

    for copy in copies[1:]:
        log_set_on(copy, reps=10, rir=2, actual_rir=3)
    with django_assert_num_queries(WEEK_PAGE_QUERIES):
        assert client.get(f"/week/{WEEK}/").status_code == 200
