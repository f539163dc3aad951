"""Login throttling: ten failures for a username, or from an address, lock it for a while."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client, override_settings
from pytest_django.asserts import assertTemplateUsed

from legplanner.throttling import client_ip_behind_proxy
from tests.conftest import PASSWORD
from tests.test_password_reset import setting_at_start_up
from tests.test_settings_env import PRODUCTION, START_UP_ERROR, start_django

LOCKED_OUT = (
    "Too many failed logins for this account. Try again in 15 minutes, or reset your password."
)
WRONG = "Wrong username or password."
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def log_in(
    client: Client, username: str, password: str, *, ip: str = "203.0.113.7", path="/login/"
):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client: Client, username: str, times: int, **where) -> list[int]:
    return [log_in(client, username, "not-the-password", **where).status_code for _ in range(times)]


def is_logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_the_defaults_are_ten_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_nine_failures_leave_the_right_password_working(client, athlete):
    assert fail(client, "athlete", 9) == [200] * 9

    response = log_in(client, "athlete", PASSWORD)

    assert response.status_code == 302 and response["Location"] == "/"
    assert is_logged_in(client)


def test_ten_wrong_passwords_lock_the_username(client, athlete):
    statuses = fail(client, "athlete", 10)

    assert statuses == [200] * 9 + [429]
    response = log_in(client, "athlete", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert WRONG not in response.content.decode()
    assert not is_logged_in(client)


def test_the_lockout_page_offers_a_password_reset(client, athlete):
    fail(client, "athlete", 10)

    response = log_in(client, "athlete", PASSWORD)

    assertTemplateUsed(response, "registration/lockout.html")
    assert 'href="/account/password/reset/"' in response.content.decode()


def test_the_username_is_locked_from_every_address(client, athlete):
    for n in range(10):
        fail(client, "athlete", 1, ip=f"198.51.100.{n}")

    response = log_in(client, "athlete", PASSWORD, ip="192.0.2.200")

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_after_the_cool_off_the_right_password_works(client, athlete, frozen_clock):
    fail(client, "athlete", 10)
    frozen_clock.shift(dt.timedelta(minutes=14))
    assert log_in(client, "athlete", PASSWORD).status_code == 429

    # The attempt during the lockout started the fifteen minutes over.
    frozen_clock.shift(dt.timedelta(minutes=14))
    assert log_in(client, "athlete", "not-the-password").status_code == 429
    frozen_clock.shift(dt.timedelta(minutes=15, seconds=1))
    response = log_in(client, "athlete", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_failures_from_one_address_across_usernames_lock_the_address(
    client, athlete, other_athlete
):
    for n in range(10):
        fail(client, f"guess{n}", 1)

    response = log_in(client, "athlete", PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)
    elsewhere = Client()
    assert log_in(elsewhere, "athlete", PASSWORD, ip="192.0.2.200").status_code == 302
    assert is_logged_in(elsewhere)


def test_logging_in_to_ones_own_account_does_not_clear_failures_against_another(
    client, athlete, other_athlete
):
    fail(client, "athlete", 9)
    attacker = Client()
    assert log_in(attacker, "other_athlete", PASSWORD).status_code == 302

    assert fail(client, "athlete", 1) == [429]
    assert log_in(client, "athlete", PASSWORD).status_code == 429


def test_the_admin_login_is_throttled_too(client, coach):
    statuses = fail(client, "coach", 10, path="/admin/login/")

    assert statuses == [200] * 9 + [429]
    response = log_in(client, "coach", PASSWORD, path="/admin/login/")
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not is_logged_in(client)


def test_failures_at_the_admin_and_the_app_count_together(client, coach):
    fail(client, "coach", 5, path="/admin/login/")
    fail(client, "coach", 5)

    assert log_in(client, "coach", PASSWORD).status_code == 429


@override_settings(DEBUG=True)
def test_the_demo_account_is_not_exempt(client, db):
    call_command("seed_demo")
    assert log_in(client, "demo", "demo").status_code == 302
    client.post("/logout/")

    fail(client, "demo", 10)
    response = log_in(client, "demo", "demo")

    assert response.status_code == 429
    assert not is_logged_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_limit_comes_from_the_settings(client, athlete):
    assert fail(client, "athlete", 3) == [200, 200, 429]


def test_a_login_without_a_request_still_checks_the_password(client, athlete):
    # The test client's login() authenticates without a request: nothing to throttle.
    assert client.login(username="athlete", password=PASSWORD)
    assert not Client().login(username="athlete", password="not-the-password")


@override_settings(AXES_CLIENT_IP_CALLABLE="legplanner.throttling.client_ip_behind_proxy")
def test_behind_the_proxy_a_forged_forwarded_for_does_not_escape_the_address_lock(client, athlete):
    # The proxy at 10.0.0.1 appends the address it saw after what the client sent.
    for n in range(10):
        client.post(
            "/login/",
            {"username": f"guess{n}", "password": "not-the-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        )

    locked = client.post(
        "/login/",
        {"username": "athlete", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7",
    )
    other_lifter = Client().post(
        "/login/",
        {"username": "athlete", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )

    assert locked.status_code == 429
    assert other_lifter.status_code == 302


@pytest.mark.parametrize(
    ("forwarded_for", "address"),
    [
        pytest.param("203.0.113.7", "203.0.113.7", id="one-entry"),
        pytest.param("1.2.3.4, 203.0.113.7", "203.0.113.7", id="forged-entry-first"),
        pytest.param("1.2.3.4,2001:db8::1", "2001:db8::1", id="ipv6"),
        pytest.param("", "10.0.0.1", id="no-header"),
        pytest.param("1.2.3.4, not-an-address", "10.0.0.1", id="garbage"),
    ],
)
def test_client_ip_behind_proxy_is_the_entry_the_proxy_appended(rf, forwarded_for, address):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip_behind_proxy(request) == address


@pytest.mark.parametrize(
    ("variables", "callable_"),
    [
        pytest.param(PRODUCTION, "None", id="direct"),
        pytest.param(
            {**PRODUCTION, "BEHIND_TLS_PROXY": "true"},
            "legplanner.throttling.client_ip_behind_proxy",
            id="behind-proxy",
        ),
    ],
)
def test_the_forwarded_address_counts_only_behind_the_proxy(variables, callable_):
    assert setting_at_start_up("AXES_CLIENT_IP_CALLABLE", **variables) == callable_


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        pytest.param(
            {**PRODUCTION, "AXES_FAILURE_LIMIT": "0"},
            "AXES_FAILURE_LIMIT must be at least 1, not '0'.",
            id="limit-zero",
        ),
        pytest.param(
            {**PRODUCTION, "AXES_COOLOFF_MINUTES": "15m"},
            "AXES_COOLOFF_MINUTES must be a whole number, not '15m'.",
            id="cool-off-not-number",
        ),
    ],
)
def test_bad_throttling_settings_stop_start_up(variables, message):
    result = start_django(**variables)

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == START_UP_ERROR + message
