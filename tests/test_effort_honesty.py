"""Effort honesty, measured: the balance page's words for what an athlete's test sets say,
per exercise, with the trend since an earlier month; and the rules behind them."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from programs.generation import assignments_in_week, generate_week
from programs.models import SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tests.test_insight_pages import BALANCE_QUERIES, FRIDAY_MORNING, W48, _history
from tracking.calibration import (
    HONEST_LIMITS,
    NO_BIAS,
    RECENT_TESTS,
    CalibrationTest,
    RirBias,
    bias_on,
    leg_bias,
)
from tracking.insights.honesty import (
    NO_TESTS_MESSAGE,
    bias_sentence,
    bias_trend,
    month_before,
)
from tracking.insights.queries import calibration_rows
from tracking.models import SetLog


def made(on: str, said: int, did: int) -> CalibrationTest:
    return CalibrationTest(on=dt.date.fromisoformat(on), predicted_rir=said, actual_rir=did)


OCTOBER = [made("2026-10-15", 1, 5), made("2026-10-29", 2, 5)]
IMPROVING = [*OCTOBER, made("2026-11-26", 2, 3)]


@pytest.mark.parametrize(
    ("tests", "on", "reps", "count"),
    [
        pytest.param([], "2026-11-30", 0.0, 0, id="no test"),
        pytest.param(IMPROVING, "2026-10-14", 0.0, 0, id="before the first test"),
        pytest.param(IMPROVING, "2026-10-15", 4.0, 1, id="on the day of the first: counted"),
        pytest.param(IMPROVING, "2026-10-31", 3.41, 2, id="end of October: two tests"),
        pytest.param(IMPROVING, "2026-11-30", 2.31, 3, id="now: the newest weighs most"),
    ],
)
def test_the_bias_as_it_stood_on_a_day(tests, on, reps, count):
    bias = bias_on(tests=tests, on=dt.date.fromisoformat(on))
    assert (bias.reps, bias.tests) == (reps, count)


@pytest.mark.parametrize(
    ("tests", "reps", "count"),
    [
        pytest.param([], 0.0, 0, id="no test"),
        pytest.param([made("2026-11-02", 2, 5)], 3.0, 1, id="one test: measured, not applied"),
        pytest.param(
            # Pooled over exercises: two exercises' tests are one lifter's guesses.
            [made("2026-11-02", 2, 5), made("2026-11-09", 1, 3)],
            2.41,
            2,
            id="two exercises pooled",
        ),
    ],
)
def test_the_leg_bias_pools_every_test(tests, reps, count):
    bias = leg_bias(tests=tests)
    assert (bias.reps, bias.tests) == (reps, count)


@pytest.mark.parametrize(
    ("bias", "sentence"),
    [
        (NO_BIAS, "Leg press: 0 tests so far; 2 more needed before your sets are corrected."),
        (
            RirBias(reps=3.0, spread=0.0, tests=1),
            "Leg press: 1 test so far; 1 more needed before your sets are corrected.",
        ),
        (
            RirBias(reps=3.14, spread=0.45, tests=3),
            "Leg press: you leave 3.1 reps more than you think, give or take 0.5 (3 tests).",
        ),
        (
            RirBias(reps=-1.0, spread=0.0, tests=2),
            "Leg press: you have 1.0 reps fewer than you think (2 tests).",
        ),
        (RirBias(reps=0.0, spread=0.0, tests=2), "Leg press: your guesses are spot on (2 tests)."),
        (
            RirBias(reps=2.0, spread=0.0, tests=3, outliers=1),
            "Leg press: you leave 2.0 reps more than you think (3 tests; 1 left out as an "
            "outlier).",
        ),
    ],
)
def test_the_bias_in_words(bias, sentence):
    assert bias_sentence(name="Leg press", bias=bias) == sentence


@pytest.mark.parametrize(
    ("tests", "sentence"),
    [
        pytest.param([], None, id="no test"),
        pytest.param(OCTOBER, None, id="both in one month: nothing before to compare"),
        pytest.param(
            [OCTOBER[0], made("2026-11-26", 2, 3), made("2026-11-02", 2, 4)],
            None,
            id="one test by the end of October: no bias then",
        ),
        pytest.param(
            IMPROVING,
            "Your leg press guesses: 3.4 reps too cautious in October, 2.3 reps too cautious now.",
            id="a lifter who gets better",
        ),
        pytest.param(
            [made("2025-12-01", 2, 5), made("2025-12-20", 2, 4), made("2026-01-10", 2, 2)],
            "Your leg press guesses: 2.4 reps too cautious in December 2025, "
            "1.3 reps too cautious now.",
            id="the month of another year says its year",
        ),
    ],
)
def test_the_trend_since_the_month_before_the_newest_test(tests, sentence):
    trend = bias_trend(tests=tests)
    assert (trend.sentence(name="Leg press") if trend else None) == sentence


def test_the_month_before():
    assert month_before(dt.date(2026, 11, 26)) == dt.date(2026, 10, 31)
    assert month_before(dt.date(2026, 1, 1)) == dt.date(2025, 12, 31)


# ---------------------------------------------------------------------------------------
# The balance page


@pytest.fixture(autouse=True)
def frozen_friday():
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        yield


def _copy(athlete, week: IsoWeek, *, day: int, order: int) -> SessionPrescription:
    return SessionPrescription.objects.get(
        session__athlete=athlete,
        session__date__range=(week.monday, week.sunday),
        session__day_number=day,
        order=order,
    )


@pytest.fixture
def tested(athlete, other_athlete):
    """The athlete's leg extension tested three times (4 left over, then 3, then 1), their
    back squat once; the other athlete's leg curl twice, far off."""
    weeks = [IsoWeek(2026, 42), IsoWeek(2026, 44), W48]
    for week in weeks:
        generate_week(assignments=assignments_in_week(week), week=week)
    for week, test in zip(weeks, IMPROVING, strict=True):
        log_set_on(
            _copy(athlete, week, day=2, order=1),
            load="50",
            rir=test.predicted_rir,
            actual_rir=test.actual_rir,
        )
    log_set_on(_copy(athlete, W48, day=1, order=1), rir=2, actual_rir=5)
    for week in weeks[1:]:
        log_set_on(_copy(other_athlete, week, day=2, order=2), load="30", rir=0, actual_rir=9)


def test_balance_shows_the_bias_per_exercise_and_its_trend(client, athlete, tested):
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    assert "Leg extension: you leave 2.3 reps more than you think, give or take" in html
    assert "(3 tests)." in html
    assert (
        "Your leg extension guesses: 3.4 reps too cautious in October, "
        "2.3 reps too cautious now." in html
    )
    assert "Back squat: 1 test so far; 1 more needed before your sets are corrected." in html
    # Compound lifts beside isolation work: the squat under the first, leg extension after.
    assert html.index("Compound lifts</h4>") < html.index("Back squat: 1 test")
    assert html.index("Isolation lifts</h4>") < html.index("Leg extension: you leave")
    assert str(HONEST_LIMITS) in html
    assert escape(NO_TESTS_MESSAGE) not in html


def test_another_athletes_tests_never_show(client, other_athlete, athlete, tested):
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    assert "Leg curl:" not in html and "leg curl guesses" not in html
    client.force_login(other_athlete)
    html = client.get(reverse("balance")).content.decode()
    assert "Leg curl: you leave 9.0 reps more than you think (2 tests)." in html
    assert "Leg extension:" not in html and "Back squat: 1 test" not in html


def test_with_no_test_set_the_section_says_how_to_do_one(client, athlete):
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    assert escape(NO_TESTS_MESSAGE) in html
    assert str(HONEST_LIMITS) in html


def test_the_balance_page_runs_the_same_queries_with_test_sets_in_a_long_history(
    client, athlete, django_assert_num_queries
):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    log_set_on(_copy(athlete, W48, day=2, order=1), load="50", rir=2, actual_rir=3)
    log_set_on(_copy(athlete, W48, day=1, order=1), rir=2, actual_rir=5)
    client.force_login(athlete)
    assert client.get(reverse("balance")).status_code == 200  # the login's session
    with django_assert_num_queries(BALANCE_QUERIES):
        few = client.get(reverse("balance"))
    assert _history(athlete, weeks=3 * 52) > 2000
    # A test set on the last set of every tenth leg extension of those years.
    lasts = SetLog.objects.filter(
        prescription__session__athlete=athlete,
        exercise__slug="leg-extension",
        actual_rir__isnull=True,
        reps__isnull=False,
        rir__isnull=False,
        set_number=3,
    ).order_by("pk")[::10]
    for row in lasts:
        row.actual_rir = row.rir + 2
    SetLog.objects.bulk_update(lasts, ["actual_rir"])
    assert len(lasts) > 10
    with django_assert_num_queries(BALANCE_QUERIES):
        many = client.get(reverse("balance"))
    assert many.status_code == 200
    # The bias reads the newest tests only: the page says how many it stands on.
    assert f"({min(RECENT_TESTS, 1 + len(lasts))} tests" in many.content.decode()
    assert many.content != few.content


def test_the_test_sets_are_read_through_their_partial_index(athlete, other_athlete):
    """The plan, not the clock: a read that starts from the athlete's sessions reads their
    whole history. SQLite (no statistics) must start from setlog_test_sets; PostgreSQL
    plans by its statistics: read with them, on a history of a year."""
    generate_week(assignments=assignments_in_week(W48), week=W48)
    log_set_on(_copy(athlete, W48, day=2, order=1), load="50", rir=2, actual_rir=3)
    assert _history(athlete, weeks=52) > 800
    with CaptureQueriesContext(connection) as read:
        assert len(calibration_rows(athlete_ids=[athlete.pk])[athlete.pk]) == 1
    (query,) = read.captured_queries
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            first = cursor.fetchall()[0][-1]
            assert first == "SCAN tracking_setlog USING INDEX setlog_test_sets"
        else:
            cursor.execute("ANALYZE")
            cursor.execute(f"EXPLAIN {query['sql']}")
            assert "setlog_test_sets" in " ".join(row[0] for row in cursor.fetchall())
