"""Passwords: reset by e-mail link, change while logged in; the e-mail settings."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client, override_settings

from tests.conftest import PASSWORD, make_user
from tests.test_settings_env import (
    BASE_DIR,
    PRODUCTION,
    SETTINGS_VARIABLES,
    START_UP_ERROR,
    start_django,
)

NEW_PASSWORD = "a-brand-new-squat-password"
RESET_LINK = re.compile(r"^http://testserver(/account/password/reset/[^/\s]+/[^/\s]+/)$", re.M)
RENDERED_AT = re.compile(r'data-rendered-at="\d+"')
CSRF_TOKEN = re.compile(r'"X-CSRFToken": "[^"]+"')
SENT = (
    "If an account uses that address, an e-mail with a link to choose a new password is on its way."
)


@pytest.fixture
def lifter(db):
    return make_user("lifter", email="lifter@example.com")


def ask_for_reset(client: Client, email: str):
    return client.post("/account/password/reset/", {"email": email})


def reset_link() -> str:
    (message,) = mail.outbox
    return RESET_LINK.search(message.body).group(1)


def choose_new_password(client: Client, link: str, password: str = NEW_PASSWORD):
    # The link answers with a redirect to a URL without the token, which it keeps in the session.
    set_password_url = client.get(link)["Location"]
    return client.post(set_password_url, {"new_password1": password, "new_password2": password})


def without_csrf_token(response) -> str:
    # The only parts of a page that differ from one visitor to the next: the token, and
    # the second it was rendered at (the offline copy's age), which can tick between two.
    return RENDERED_AT.sub("", CSRF_TOKEN.sub("", response.content.decode()))


def can_log_in(username: str, password: str, *, ip: str = "203.0.113.7") -> bool:
    client = Client()
    client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)
    return SESSION_KEY in client.session


def test_the_login_page_links_to_the_reset(client, db):
    html = client.get("/login/").content.decode()

    assert '<a class="button" href="/account/password/reset/">Forgot your password?</a>' in html


def test_the_reset_page_asks_for_the_address_with_a_label(client, db):
    response = client.get("/account/password/reset/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_email">Email</label>' in html
    assert 'type="email"' in html and 'autocomplete="email"' in html


def test_a_full_reset_from_the_e_mail_to_logging_in(client, lifter):
    response = ask_for_reset(client, "lifter@example.com")
    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/sent/"

    response = choose_new_password(client, reset_link())

    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/complete/"
    assert "Log in with your new password." in client.get(response["Location"]).content.decode()
    assert can_log_in("lifter", NEW_PASSWORD)
    assert not can_log_in("lifter", PASSWORD)


def test_the_e_mail_names_the_account_and_comes_from_the_configured_sender(
    client, lifter, settings
):
    settings.DEFAULT_FROM_EMAIL = "noreply@legplanner.example.com"

    ask_for_reset(client, "LIFTER@example.com")

    (message,) = mail.outbox
    assert message.to == ["lifter@example.com"]
    assert message.from_email == "noreply@legplanner.example.com"
    assert message.subject == "Choose a new Legplanner password"
    assert message.body.startswith("Hello lifter,")
    assert RESET_LINK.search(message.body)


def test_the_page_does_not_tell_whether_an_address_has_an_account(lifter):
    known, unknown = Client(), Client()

    known_response = ask_for_reset(known, "lifter@example.com")
    assert len(mail.outbox) == 1
    unknown_response = ask_for_reset(unknown, "nobody@example.com")
    assert len(mail.outbox) == 1

    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    known_page = without_csrf_token(known.get(known_response["Location"]))
    unknown_page = without_csrf_token(unknown.get(unknown_response["Location"]))
    assert known_page == unknown_page
    assert SENT in known_page


def test_an_account_without_a_usable_password_gets_no_mail(client, db):
    user = make_user("nopassword", email="nopassword@example.com")
    user.set_unusable_password()
    user.save()

    ask_for_reset(client, "nopassword@example.com")

    assert mail.outbox == []


def test_a_bad_address_is_a_form_error_and_sends_nothing(client, lifter):
    response = ask_for_reset(client, "not an address")

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


def test_a_link_works_once(client, lifter):
    ask_for_reset(client, "lifter@example.com")
    link = reset_link()
    choose_new_password(client, link)

    response = Client().get(link, follow=True)

    assert "This link no longer works" in response.content.decode()
    assert 'href="/account/password/reset/"' in response.content.decode()


def test_a_forged_link_does_not_work(client, lifter):
    response = client.get("/account/password/reset/MQ/forged-token/", follow=True)

    assert "This link no longer works" in response.content.decode()


def test_mismatched_new_passwords_change_nothing(client, lifter):
    ask_for_reset(client, "lifter@example.com")
    set_password_url = client.get(reset_link())["Location"]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "something-else"}
    )

    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()
    lifter.refresh_from_db()
    assert lifter.check_password(PASSWORD)


def test_the_new_password_must_pass_the_validators(client, lifter):
    ask_for_reset(client, "lifter@example.com")

    response = choose_new_password(client, reset_link(), "12345678")

    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    lifter.refresh_from_db()
    assert lifter.check_password(PASSWORD)


def test_a_reset_lifts_the_lockout_of_the_account(client, lifter):
    for _ in range(10):
        client.post(
            "/login/",
            {"username": "lifter", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
        )
    assert not can_log_in("lifter", PASSWORD)

    ask_for_reset(client, "lifter@example.com")
    choose_new_password(client, reset_link())

    # From the same phone: its address counted only this account's failures.
    assert can_log_in("lifter", NEW_PASSWORD, ip="203.0.113.7")


def test_the_reset_pages_answer_delete_with_405(client, db):
    assert client.delete("/account/password/reset/").status_code == 405


# Changing the password while logged in.


def test_changing_the_password_needs_a_login(client, db):
    response = client.get("/account/password/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/account/password/"


def test_the_change_page_labels_its_three_fields(client, lifter):
    client.force_login(lifter)

    html = client.get("/account/password/").content.decode()

    assert '<label for="id_old_password">Old password</label>' in html
    assert '<label for="id_new_password1">New password</label>' in html
    assert '<label for="id_new_password2">New password confirmation</label>' in html
    assert 'autocomplete="current-password"' in html and 'autocomplete="new-password"' in html


def test_changing_the_password_keeps_one_logged_in(client, lifter):
    client.force_login(lifter)

    response = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/password/done/"
    assert client.get("/account/password/done/").status_code == 200
    lifter.refresh_from_db()
    assert lifter.check_password(NEW_PASSWORD)


def test_a_wrong_old_password_changes_nothing(client, lifter):
    client.force_login(lifter)

    response = client.post(
        "/account/password/",
        {
            "old_password": "not-it",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in response.content.decode()
    lifter.refresh_from_db()
    assert lifter.check_password(PASSWORD)


def test_the_change_page_answers_delete_with_405(client, lifter):
    client.force_login(lifter)

    assert client.delete("/account/password/").status_code == 405


# The e-mail settings.


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        pytest.param(
            {**PRODUCTION, "EMAIL_BACKEND": "sendmail"},
            "EMAIL_BACKEND must be smtp or console, not 'sendmail'.",
            id="unknown-backend",
        ),
        pytest.param(
            {**PRODUCTION, "EMAIL_USE_TLS": "starttls"},
            "EMAIL_USE_TLS must be true or false, not 'starttls'.",
            id="tls-not-boolean",
        ),
        pytest.param(
            {**PRODUCTION, "EMAIL_PORT": "submission"},
            "EMAIL_PORT must be a whole number, not 'submission'.",
            id="port-not-number",
        ),
    ],
)
def test_bad_e_mail_settings_stop_start_up(variables, message):
    result = start_django(**variables)

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == START_UP_ERROR + message


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        pytest.param(PRODUCTION, "django.core.mail.backends.smtp.EmailBackend", id="production"),
        pytest.param(
            {"DEBUG": "true"}, "django.core.mail.backends.console.EmailBackend", id="debug"
        ),
        pytest.param(
            {**PRODUCTION, "EMAIL_BACKEND": "Console"},
            "django.core.mail.backends.console.EmailBackend",
            id="chosen",
        ),
    ],
)
def test_mails_go_by_smtp_in_production_and_to_the_console_in_development(variables, backend):
    assert setting_at_start_up("EMAIL_BACKEND", **variables) == backend


def setting_at_start_up(name: str, **variables: str) -> str:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env |= {"DJANGO_SETTINGS_MODULE": "legplanner.settings", **variables}
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_full_reset_through_the_console_backend_of_development(client, lifter, capsys):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"):
        ask_for_reset(client, "lifter@example.com")
    assert not mail.outbox
    link = RESET_LINK.search(capsys.readouterr().out).group(1)

    response = choose_new_password(client, link)

    assert response["Location"] == "/account/password/reset/complete/"
    assert can_log_in("lifter", NEW_PASSWORD)
