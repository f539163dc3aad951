import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tests.test_session_page import LOGGED_SESSION_PAGE_QUERIES
from tracking.summary import (
    AT_LIMIT_MESSAGE,
    NOT_JUDGED_MESSAGE,
    ON_TARGET_MESSAGE,
    SessionSummary,
    SummarySet,
    session_summary,
)
from tracking.verdicts import EffortVerdict

W48 = IsoWeek(2026, 48)
START = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)
ON = EffortVerdict.ON_TARGET
EASY = EffortVerdict.TOO_EASY


def a_set(minute, load="100", reps=8, *, legs=None, effort=ON, name="Back squat", record=False):
    left, right = legs or (None, None)
    return SummarySet(
        exercise=name,
        load_kg=Decimal(load),
        reps=None if legs else reps,
        reps_left=left,
        reps_right=right,
        logged_at=START + dt.timedelta(minutes=minute),
        effort=effort,
        record=record,
    )


@pytest.mark.parametrize(
    ("sets", "planned", "unit", "expected"),
    [
        pytest.param(
            [a_set(0), a_set(4), a_set(8, "102.5", record=True), a_set(12, reps=7)],
            9,
            "kg",
            SessionSummary(
                duration=dt.timedelta(minutes=12),
                sets_done=4,
                sets_planned=9,
                volume=Decimal(3120),  # 800 + 800 + 820 + 700
                unit="kg",
                records=["Back squat 102.5 kg × 8"],
                effort=[ON_TARGET_MESSAGE],
            ),
            id="duration from first to last set, volume Σ load × reps, the record",
        ),
        pytest.param(
            [a_set(0, "20", legs=(12, 11), name="Walking lunge")],
            3,
            "kg",
            SessionSummary(
                duration=None,
                sets_done=1,
                sets_planned=3,
                volume=Decimal(460),
                unit="kg",
                records=[],
                effort=[ON_TARGET_MESSAGE],
            ),
            id="a per-leg set counts both legs' reps: 20 × (12 + 11)",
        ),
        pytest.param(
            [a_set(0, "45.359237"), a_set(95)],
            4,
            "lb",
            SessionSummary(
                duration=dt.timedelta(minutes=95),
                sets_done=2,
                sets_planned=4,
                # 45.359237 kg is 100 lb: 800 lb + 100 kg × 8 (1763.70 lb) = 2563.70
                volume=Decimal(2564),
                unit="lb",
                records=[],
                effort=[ON_TARGET_MESSAGE],
            ),
            id="the volume in the athlete's unit",
        ),
    ],
)
def test_session_summary(sets, planned, unit, expected):
    assert session_summary(sets=sets, sets_planned=planned, unit=unit) == expected


@pytest.mark.parametrize(
    ("efforts", "words"),
    [
        ([ON, ON, ON], [ON_TARGET_MESSAGE]),
        (
            [EASY, EASY, EASY, ON],
            ["3 back squat sets left reps in the tank"],
        ),
        ([EASY, ON], ["1 back squat set left reps in the tank"]),
        (
            [EffortVerdict.AT_LIMIT, EASY],
            [
                "1 back squat set left reps in the tank",
                AT_LIMIT_MESSAGE.format(count=1, sets="set"),
            ],
        ),
        ([EffortVerdict.NOT_RECORDED], [NOT_JUDGED_MESSAGE]),
    ],
)
def test_the_effort_in_plain_words(efforts, words):
    sets = [a_set(n, effort=effort) for n, effort in enumerate(efforts)]
    assert session_summary(sets=sets, sets_planned=4, unit="kg").effort == words


@pytest.mark.parametrize(
    ("minutes", "label"),
    [(None, "one set"), (0.5, "under a minute"), (42, "42 min"), (75, "1 h 15 min")],
)
def test_the_duration_label(minutes, label):
    duration = None if minutes is None else dt.timedelta(minutes=minutes)
    summary = SessionSummary(duration, 1, 1, Decimal(0), "kg", [], [])
    assert summary.duration_label == label


@pytest.fixture
def day_ones(athlete, other_athlete):
    for week in (W48.shifted(-1), W48):
        generate_week(assignments=assignments_in_week(week), week=week)
    return list(Session.objects.filter(athlete=athlete, day_number=1).order_by("date"))


def test_finish_shows_the_summary_with_its_pr_and_sets_done(
    client, athlete, day_ones, django_assert_num_queries
):
    last, this = day_ones
    log_set_on(SessionPrescription.objects.get(session=last, order=1))
    squat = SessionPrescription.objects.get(session=this, order=1)
    log_set_on(squat, set_number=1, load="100", rir=5)
    log_set_on(squat, set_number=2, load="105", rir=5)
    client.force_login(athlete)
    url = reverse("session", args=[this.pk])
    html = client.get(url).content.decode()
    assert 'href="?finish=1#summary"' in html and "Session summary" not in html

    with django_assert_num_queries(LOGGED_SESSION_PAGE_QUERIES):
        html = client.get(url, {"finish": "1"}).content.decode()
    assert "Session summary" in html
    assert "2 done, 9 planned" in html
    assert "Back squat 105 kg × 8" in html
    assert "1640 kg" in html
    assert "2 back squat sets left reps in the tank." in html


def test_the_summary_shows_itself_when_the_planned_sets_are_logged(client, athlete, day_ones):
    _, this = day_ones
    for copy in SessionPrescription.objects.filter(session=this):
        for number in range(1, copy.sets_min + 1):
            legs = {"reps_left": 12, "reps_right": 12} if copy.per_leg else {}
            log_set_on(copy, set_number=number, **legs)
    client.force_login(athlete)
    html = client.get(reverse("session", args=[this.pk])).content.decode()
    assert "Session summary" in html and "9 done, 9 planned" in html
    assert "Finish session" not in html
    assert "none this time" in html  # a first session: nothing to beat yet


def test_finish_with_nothing_logged_says_so(client, athlete, day_ones):
    _, this = day_ones
    client.force_login(athlete)
    url = reverse("session", args=[this.pk])
    assert "Finish session" in client.get(url).content.decode()
    html = client.get(url, {"finish": "1"}).content.decode()
    assert "Nothing logged yet: no summary." in html and "Session summary" not in html
