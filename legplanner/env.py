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
