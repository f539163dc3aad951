"""The Content-Security-Policy every response carries.

Our own middleware rather than django-csp: one fixed policy with no nonces (the pages have
no inline script or style, which tests/test_csp.py keeps true) is a header and a dozen
lines, where the package would bring its own settings format, decorators and nonce
machinery that nothing here needs.

Everything the app loads comes from its own origin: htmx is vendored, the scripts and the
stylesheet are static files, the service worker is /sw.js. So anything else a page tries
to run (an injected script, an inline handler, a style attribute) is refused.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Django's yellow pages for errors in development style and script themselves inline.
DEBUG_PAGE_STATUSES = {404, 500}


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in DEBUG_PAGE_STATUSES:
            return response
        response.headers.setdefault(HEADER, POLICY)
        return response
