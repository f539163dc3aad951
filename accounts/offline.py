"""Which pages a phone may keep for the gym: the header the service worker reads.

In the lowest app so that the page views of every layer above can mark themselves;
legplanner.pwa serves the worker that reads the header (templates/pwa/sw.js).
"""

from functools import wraps

KEEP_HEADER = "X-Legplanner-Offline"


def kept_offline(view):
    """Mark a page the service worker may keep on the phone for use with no network.

    Opt-in, so that pages nobody needs in the gym (the account page with its email
    address, the admin) never sit in a phone's storage.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response[KEEP_HEADER] = "keep"
        return response

    return wrapped
