"""Login throttling: what django-axes needs from us beyond its settings."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest

# One lifter's ISP hands out a whole /64 to each line: counting single IPv6 addresses
# would let a guesser take a fresh one for every attempt.
IPV6_PREFIX = 64
# Axes keeps the username in a varchar of this length; a longer one made PostgreSQL
# refuse the failure record and the login page answer 500.
USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check, for logins that come with a request.

    Every login over HTTP passes its request (the login page, the admin's). Without one
    there is no client to count failures for: axes would raise, and the test client's
    `login()` or a shell's `authenticate()` would crash instead of checking the password.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def counted_address(raw: str | None) -> str | None:
    """The address failures are counted under: IPv6 by its /64, IPv4-mapped as IPv4.

    A /64 is written as its first address, so that it fits axes' address column.
    Anything that is not an address gives None.
    """
    try:
        address = ipaddress.ip_address((raw or "").strip())
    except ValueError:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        # A dual-stack socket reports an IPv4 client as ::ffff:a.b.c.d.
        return str(address.ipv4_mapped)
    network = ipaddress.IPv6Network((int(address), IPV6_PREFIX), strict=False)
    return str(network.network_address)


def client_ip(request: HttpRequest) -> str | None:
    """The address the connection came from; X-Forwarded-For is the client's to write."""
    remote = request.META.get("REMOTE_ADDR")
    return counted_address(remote) or remote


def client_ip_behind_proxy(request: HttpRequest) -> str | None:
    """The address our TLS proxy saw: the last X-Forwarded-For entry, which it appended.

    Entries before it come from the client and can be anything, so a header like
    `X-Forwarded-For: 1.2.3.4` sent with each guess must not give it a fresh address.
    The header is believed only on a connection from the proxy (PROXY_ADDRESSES): with
    the app reachable past it, the client would write the last entry too.
    """
    if not came_through_proxy(request):
        return client_ip(request)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1]
    return counted_address(forwarded) or client_ip(request)


def came_through_proxy(request: HttpRequest) -> bool:
    raw = request.META.get("REMOTE_ADDR", "")
    if raw == "":
        # gunicorn bound to a unix socket gives no address: only this machine connects.
        return True
    try:
        remote = ipaddress.ip_address(raw)
    except ValueError:
        return False
    if remote.version == 6 and remote.ipv4_mapped is not None:
        remote = remote.ipv4_mapped
    return any(remote in network for network in settings.PROXY_NETWORKS)


def client_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username failures are counted under, cut to what axes can store.

    No account's username is that long, so the cut-off ones only ever share a count
    with each other.
    """
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        return None
    return username[:USERNAME_MAX_LENGTH]
