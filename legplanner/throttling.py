"""Login throttling: what django-axes needs from us beyond its settings."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


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


def client_ip_behind_proxy(request: HttpRequest) -> str | None:
    """The address our TLS proxy saw: the last X-Forwarded-For entry, which it appended.

    Entries before it come from the client and can be anything, so a header like
    `X-Forwarded-For: 1.2.3.4` sent with each guess must not give it a fresh address.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return request.META.get("REMOTE_ADDR")
