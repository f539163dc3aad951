"""Settings from the environment: a missing or mistyped variable stops start-up, naming it."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
ENV_EXAMPLE = BASE_DIR / ".env.example"
SETTINGS_VARIABLES = re.findall(r"^([A-Z_]+)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE)

PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.com"}
START_UP_ERROR = "django.core.exceptions.ImproperlyConfigured: "
EXAMPLE_SECRET_KEY = re.search(r"^SECRET_KEY=(.*)$", ENV_EXAMPLE.read_text(), re.MULTILINE)[1]
MAKE_ONE = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'."


def start_django(**variables: str) -> subprocess.CompletedProcess:
    # Only the given variables: neither the machine's nor tests.settings' DEBUG=true leak in.
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    env |= {"DJANGO_SETTINGS_MODULE": "legplanner.settings", **variables}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        pytest.param(
            {"ALLOWED_HOSTS": "example.com"},
            "SECRET_KEY is not set: production needs a long random secret.",
            id="no-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": "  ", "ALLOWED_HOSTS": "example.com", "DEBUG": "false"},
            "SECRET_KEY is not set: production needs a long random secret.",
            id="blank-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": EXAMPLE_SECRET_KEY, "ALLOWED_HOSTS": "example.com"},
            f"SECRET_KEY is a placeholder (it contains 'change-me'): {MAKE_ONE}",
            id="secret-key-of-env-example",
        ),
        pytest.param(
            {
                "SECRET_KEY": "Change-Me-" + secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "example.com",
            },
            f"SECRET_KEY is a placeholder (it contains 'change-me'): {MAKE_ONE}",
            id="long-placeholder",
        ),
        pytest.param(
            {"SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50), "ALLOWED_HOSTS": "a.b"},
            f"SECRET_KEY is a placeholder (it contains 'insecure'): {MAKE_ONE}",
            id="startproject-development-key",
        ),
        pytest.param(
            {"SECRET_KEY": "correct horse battery staple", "ALLOWED_HOSTS": "example.com"},
            "SECRET_KEY is too short: production needs 50 or more random characters, not 28; "
            + MAKE_ONE,
            id="short-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": "abab" * 20, "ALLOWED_HOSTS": "example.com"},
            f"SECRET_KEY is not random: it repeats 2 characters; {MAKE_ONE}",
            id="repetitive-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": PRODUCTION["SECRET_KEY"]},
            "ALLOWED_HOSTS is not set: list the host names the app answers to, comma-separated.",
            id="no-allowed-hosts",
        ),
        pytest.param(
            {"SECRET_KEY": PRODUCTION["SECRET_KEY"], "ALLOWED_HOSTS": " , "},
            "ALLOWED_HOSTS is not set: list the host names the app answers to, comma-separated.",
            id="empty-allowed-hosts",
        ),
        pytest.param(
            {"DEBUG": "maybe"},
            "DEBUG must be true or false, not 'maybe'.",
            id="debug-maybe",
        ),
        pytest.param(
            {**PRODUCTION, "DEBUG": "maybe"},
            "DEBUG must be true or false, not 'maybe'.",
            id="debug-maybe-in-production",
        ),
        pytest.param(
            {**PRODUCTION, "BEHIND_TLS_PROXY": "yes please"},
            "BEHIND_TLS_PROXY must be true or false, not 'yes please'.",
            id="behind-tls-proxy-not-boolean",
        ),
        pytest.param(
            {**PRODUCTION, "SECURE_HSTS_SECONDS": "a year"},
            "SECURE_HSTS_SECONDS must be a whole number, not 'a year'.",
            id="hsts-seconds-not-number",
        ),
    ],
)
def test_bad_environment_stops_start_up_naming_the_variable(variables, message):
    result = start_django(**variables)

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == START_UP_ERROR + message


@pytest.mark.parametrize(
    "variables",
    [
        pytest.param({"DEBUG": "true"}, id="debug-needs-nothing-else"),
        pytest.param(
            {"DEBUG": "true", "SECRET_KEY": EXAMPLE_SECRET_KEY}, id="debug-takes-the-placeholder"
        ),
        pytest.param(
            {**PRODUCTION, "SECRET_KEY": "x!" * 22 + "abcdefgh"}, id="fifty-varied-characters"
        ),
        pytest.param(PRODUCTION, id="production-with-secret-and-hosts"),
        pytest.param({**PRODUCTION, "DEBUG": "Off", "BEHIND_TLS_PROXY": "1"}, id="other-booleans"),
    ],
)
def test_complete_environment_starts(variables):
    result = start_django(**variables)

    assert result.returncode == 0, result.stderr


def test_env_example_lists_every_variable_settings_reads():
    source = (BASE_DIR / "legplanner" / "settings.py").read_text()
    read = set(re.findall(r'(?:env_\w+|os\.environ\.get)\(\s*"([A-Z_]+)"', source))
    # dj_database_url.config() reads DATABASE_URL without naming it in settings.py.
    read.add("DATABASE_URL")

    assert sorted(SETTINGS_VARIABLES) == sorted(read)


def test_env_example_explains_every_variable():
    lines = ENV_EXAMPLE.read_text().splitlines()

    for number, line in enumerate(lines):
        if re.match(r"[A-Z_]+=", line):
            assert lines[number - 1].startswith("# "), f"{line} has no comment above it"
