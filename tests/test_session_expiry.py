"""A login ends after SESSION_COOKIE_AGE without a visit, and visits write the session rarely."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_settings_env import PRODUCTION, START_UP_ERROR, start_django

LOGIN_TIME = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
WEEK_PAGE = "/week/2026-W48/"
AGE = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
REFRESH = dt.timedelta(seconds=settings.SESSION_REFRESH_SECONDS)


@pytest.fixture
def clock():
    with time_machine.travel(LOGIN_TIME, tick=False) as traveller:
        yield traveller


@pytest.fixture
def logged_in(client, athlete, clock):
    client.force_login(athlete)
    return client


def expiry(client) -> dt.datetime:
    return Session.objects.get(
        session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    ).expire_date


def is_logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_the_defaults_are_two_weeks_idle_and_one_write_an_hour():
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    assert settings.SESSION_REFRESH_SECONDS == 3600
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_a_session_idle_longer_than_the_cookie_age_is_logged_out(logged_in, clock):
    clock.shift(AGE + dt.timedelta(seconds=1))

    response = logged_in.get(WEEK_PAGE)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={WEEK_PAGE}"
    assert not is_logged_in(logged_in)


def test_a_session_idle_just_under_the_cookie_age_is_still_logged_in(logged_in, clock):
    clock.shift(AGE - dt.timedelta(seconds=1))

    assert logged_in.get(WEEK_PAGE).status_code == 200


def test_an_active_session_outlives_the_cookie_age(logged_in, clock):
    # A visit every ten days, for two months: each one moves the expiry forward.
    for _ in range(6):
        clock.shift(dt.timedelta(days=10))
        assert logged_in.get(WEEK_PAGE).status_code == 200

    assert is_logged_in(logged_in)
    assert expiry(logged_in) == LOGIN_TIME + dt.timedelta(days=60) + AGE


def test_visits_within_the_refresh_interval_do_not_write_the_session(logged_in, clock):
    clock.shift(REFRESH - dt.timedelta(seconds=1))

    response = logged_in.get(WEEK_PAGE)

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert expiry(logged_in) == LOGIN_TIME + AGE


def test_the_first_visit_after_the_refresh_interval_moves_the_expiry_and_the_cookie(
    logged_in, clock
):
    clock.shift(REFRESH)

    response = logged_in.get(WEEK_PAGE)

    assert expiry(logged_in) == LOGIN_TIME + REFRESH + AGE
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_only_the_refreshing_visit_writes_the_session(logged_in, clock):
    logged_in.get(WEEK_PAGE)  # the first look generates the week

    with CaptureQueriesContext(connection) as quiet:
        logged_in.get(WEEK_PAGE)
    clock.shift(REFRESH)
    with CaptureQueriesContext(connection) as refreshing:
        logged_in.get(WEEK_PAGE)

    assert not session_writes(quiet)
    assert len(session_writes(refreshing)) == 1
    # The save, in its savepoint on top of the page's own queries; nothing else.
    assert len(refreshing) == len(quiet) + 3


def session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in query["sql"]
    ]


def test_an_anonymous_visit_creates_no_session(client, db):
    response = client.get("/login/")

    assert response.status_code == 200
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        pytest.param(
            {**PRODUCTION, "SESSION_COOKIE_AGE": "3600", "SESSION_REFRESH_SECONDS": "3600"},
            "SESSION_REFRESH_SECONDS must be less than SESSION_COOKIE_AGE, or sessions would "
            "expire before a visit moves them forward.",
            id="refresh-not-under-age",
        ),
        pytest.param(
            {**PRODUCTION, "SESSION_REFRESH_SECONDS": "an hour"},
            "SESSION_REFRESH_SECONDS must be a whole number, not 'an hour'.",
            id="refresh-not-number",
        ),
        pytest.param(
            {**PRODUCTION, "SESSION_COOKIE_AGE": "0"},
            "SESSION_COOKIE_AGE must be at least 1, not '0'.",
            id="age-zero",
        ),
    ],
)
def test_bad_session_settings_stop_start_up(variables, message):
    result = start_django(**variables)

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == START_UP_ERROR + message
