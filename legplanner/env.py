"""Strict readers for settings from the environment.

A typo in a deployment variable should stop start-up, not silently fall back.
"""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, *, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {raw!r}.")
    return value


def env_str(name: str, *, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def env_choice(name: str, *, choices: dict[str, str], default: str) -> str:
    """The value `choices` maps the variable's name to; `default` is a key of `choices`."""
    raw = os.environ.get(name, "").strip()
    key = raw.lower() or default
    if key not in choices:
        names = " or ".join(choices)
        raise ImproperlyConfigured(f"{name} must be {names}, not {raw!r}.")
    return choices[key]


def env_list(name: str) -> list[str]:
    raw = os.environ.get(name, "")
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str, *, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is not set: {why}")
    return value


def env_networks(name: str, *, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated addresses or networks (`10.0.0.0/8`); unset or blank means `default`."""
    items = env_list(name) or [item.strip() for item in default.split(",")]
    networks = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list addresses or networks, not {item!r}."
            ) from None
    return networks


SECRET_MIN_LENGTH = 50
# Django's own deployment check asks no less; fewer would be a word or a pattern.
SECRET_MIN_DISTINCT_CHARACTERS = 5
# What a key copied from an example or a tutorial contains; a random one never does.
PLACEHOLDER_MARKERS = ("change-me", "changeme", "change_me", "placeholder", "insecure", "example")
HOW_TO_MAKE_A_SECRET = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def env_secret(name: str) -> str:
    """A secret for production: set, long, and not a placeholder copied from somewhere.

    Anyone who knows the key signs their own session cookie and password reset links, so
    the one printed in .env.example (or any like it) must stop start-up.
    """
    value = env_required(name, why="production needs a long random secret.")
    lowered = value.lower()
    marker = next((marker for marker in PLACEHOLDER_MARKERS if marker in lowered), None)
    if marker:
        raise ImproperlyConfigured(
            f"{name} is a placeholder (it contains {marker!r}): {HOW_TO_MAKE_A_SECRET}."
        )
    if len(value) < SECRET_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"{name} is too short: production needs {SECRET_MIN_LENGTH} or more random "
            f"characters, not {len(value)}; {HOW_TO_MAKE_A_SECRET}."
        )
    if len(set(value)) < SECRET_MIN_DISTINCT_CHARACTERS:
        raise ImproperlyConfigured(
            f"{name} is not random: it repeats {len(set(value))} characters; "
            f"{HOW_TO_MAKE_A_SECRET}."
        )
    return value
