"""Login throttling: ten failures for a username, or from an address, lock it for a while.

The address is the connection's, or behind the TLS proxy the one the proxy appended to
X-Forwarded-For; IPv6 addresses count by their /64.
"""

import datetime as dt
import ipaddress

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client, override_settings
from pytest_django.asserts import assertTemplateUsed

from legplanner.throttling import USERNAME_MAX_LENGTH, client_ip_behind_proxy, counted_address
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


BEHIND_PROXY = override_settings(
    AXES_CLIENT_IP_CALLABLE="legplanner.throttling.client_ip_behind_proxy"
)
# Where the proxy of the tests below connects from: the default PROXY_ADDRESSES.
PROXY = "127.0.0.1"


@BEHIND_PROXY
def test_behind_the_proxy_a_forged_forwarded_for_does_not_escape_the_address_lock(client, athlete):
    # The proxy appends the address it saw after what the client sent.
    for n in range(10):
        client.post(
            "/login/",
            {"username": f"guess{n}", "password": "not-the-password"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        )

    locked = client.post(
        "/login/",
        {"username": "athlete", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7",
    )
    other_lifter = Client().post(
        "/login/",
        {"username": "athlete", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )

    assert locked.status_code == 429
    assert other_lifter.status_code == 302


@pytest.mark.parametrize(
    ("forwarded_for", "address"),
    [
        pytest.param("203.0.113.7", "203.0.113.7", id="one-entry"),
        pytest.param("1.2.3.4, 203.0.113.7", "203.0.113.7", id="forged-entry-first"),
        pytest.param("1.2.3.4,2001:db8::1", "2001:db8::", id="ipv6"),
        pytest.param("1.2.3.4, ::ffff:203.0.113.7", "203.0.113.7", id="ipv4-mapped"),
        pytest.param("", "127.0.0.1", id="no-header"),
        pytest.param("1.2.3.4, not-an-address", "127.0.0.1", id="garbage"),
    ],
)
def test_client_ip_behind_proxy_is_the_entry_the_proxy_appended(rf, forwarded_for, address):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip_behind_proxy(request) == address


@pytest.mark.parametrize(
    ("remote", "address"),
    [
        pytest.param("", "203.0.113.7", id="unix-socket"),
        pytest.param("::1", "203.0.113.7", id="ipv6-loopback"),
        pytest.param("::ffff:127.0.0.1", "203.0.113.7", id="ipv4-mapped-loopback"),
        pytest.param("198.51.100.1", "198.51.100.1", id="not-the-proxy"),
        pytest.param("2001:db8::5", "2001:db8::", id="not-the-proxy-ipv6"),
    ],
)
def test_client_ip_behind_proxy_believes_only_the_proxys_connections(rf, remote, address):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")

    assert client_ip_behind_proxy(request) == address


@pytest.mark.parametrize(
    ("raw", "counted"),
    [
        pytest.param("203.0.113.7", "203.0.113.7", id="ipv4"),
        pytest.param("::ffff:203.0.113.7", "203.0.113.7", id="ipv4-mapped"),
        pytest.param("::FFFF:cb00:7107", "203.0.113.7", id="ipv4-mapped-in-hex"),
        pytest.param("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::", id="ipv6-by-its-64"),
        pytest.param("2001:db8:1:2::", "2001:db8:1:2::", id="ipv6-first-of-its-64"),
        pytest.param("::1", "::", id="ipv6-loopback"),
        pytest.param(" 198.51.100.1 ", "198.51.100.1", id="spaces"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
        pytest.param("not-an-address", None, id="garbage"),
        pytest.param("198.51.100.1:443", None, id="with-port"),
    ],
)
def test_counted_address(raw, counted):
    assert counted_address(raw) == counted


def test_rotating_addresses_inside_one_ipv6_64_share_one_lock(client, athlete):
    for n in range(10):
        fail(client, f"guess{n}", 1, ip=f"2001:db8:1:2:{n:x}::{n + 1:x}")

    rotated = log_in(client, "athlete", PASSWORD, ip="2001:db8:1:2:ffff:ffff:ffff:ffff")
    next_network = log_in(Client(), "athlete", PASSWORD, ip="2001:db8:1:3::1")

    assert rotated.status_code == 429
    assert next_network.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8:1:2::"}


def test_an_ipv4_mapped_address_counts_as_the_ipv4_address(client, athlete):
    fail(client, "guess-a", 5, ip="::ffff:203.0.113.7")
    fail(client, "guess-b", 5, ip="203.0.113.7")

    assert log_in(Client(), "athlete", PASSWORD, ip="::ffff:203.0.113.7").status_code == 429
    assert log_in(Client(), "athlete", PASSWORD, ip="203.0.113.7").status_code == 429


def test_without_a_proxy_forwarded_for_is_ignored(client, athlete):
    for n in range(10):
        client.post(
            "/login/",
            {"username": f"guess{n}", "password": "not-the-password"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    assert log_in(Client(), "athlete", PASSWORD, ip="203.0.113.7").status_code == 429


@BEHIND_PROXY
def test_behind_the_proxy_a_connection_from_elsewhere_cannot_pick_its_address(client, athlete):
    # BEHIND_TLS_PROXY=true, yet gunicorn is reachable past the proxy: the client writes
    # the whole X-Forwarded-For, its last entry included.
    for n in range(10):
        client.post(
            "/login/",
            {"username": f"guess{n}", "password": "not-the-password"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    assert log_in(Client(), "athlete", PASSWORD, ip="203.0.113.7").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@BEHIND_PROXY
@override_settings(PROXY_NETWORKS=[ipaddress.ip_network("10.0.0.0/8")])
def test_a_proxy_on_another_host_is_believed_from_proxy_addresses(client, athlete):
    for n in range(10):
        client.post(
            "/login/",
            {"username": f"guess{n}", "password": "not-the-password"},
            REMOTE_ADDR="10.1.2.3",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, 2001:db8:5:6:{n:x}::1",
        )
    forwarded = {"REMOTE_ADDR": "10.1.2.3", "HTTP_X_FORWARDED_FOR": "2001:db8:5:6:abcd::9"}

    locked = Client().post("/login/", {"username": "athlete", "password": PASSWORD}, **forwarded)
    from_loopback = Client().post(
        "/login/",
        {"username": "athlete", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="2001:db8:5:6:abcd::9",
    )

    assert locked.status_code == 429
    # Loopback is no longer the proxy: that connection counts as 127.0.0.1, not locked.
    assert from_loopback.status_code == 302


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_a_username_longer_than_axes_stores_is_a_form_error(client, athlete, path):
    response = log_in(client, "a" * 300, "not-the-password", path=path)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not is_logged_in(client)
    assert AccessAttempt.objects.get().username == "a" * USERNAME_MAX_LENGTH


def test_long_usernames_still_count_towards_the_address_lock(client, athlete):
    for n in range(10):
        fail(client, f"{n}" + "a" * 300, 1)

    assert log_in(client, "athlete", PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("variables", "callable_"),
    [
        pytest.param(PRODUCTION, "legplanner.throttling.client_ip", id="direct"),
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
        pytest.param(
            {**PRODUCTION, "PROXY_ADDRESSES": "10.0.0.0/8, the-proxy"},
            "PROXY_ADDRESSES must list addresses or networks, not 'the-proxy'.",
            id="proxy-addresses-not-addresses",
        ),
    ],
)
def test_bad_throttling_settings_stop_start_up(variables, message):
    result = start_django(**variables)

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == START_UP_ERROR + message
