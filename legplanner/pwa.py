"""The installable app: its web app manifest, its service worker and the offline page.

The service worker is served from the site's root, not from /static/, because a worker
only controls pages under its own path; it is a template so that it can name the
hashed static files it keeps for offline use.
"""

import hashlib
import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOUR = "#16324f"
BACKGROUND_COLOUR = "#f4f6f8"

# What a page needs to work with no network: the stylesheet, the scripts, the icons.
SHELL_STATIC = [
    "css/app.css",
    "js/vendor/htmx-2.0.8.min.js",
    "js/words.js",
    "js/verdicts.js",
    "js/queue-rules.js",
    "js/queue-store.js",
    "js/queue-drawing.js",
    "js/queue-sending.js",
    "js/offline.js",
    "js/session.js",
    "js/warmups.js",
    "js/rest-timer.js",
    "js/set-rows.js",
    "js/plates.js",
    "js/copy-link.js",
    "css/no-script.css",
    "icons/icon-192.png",
]


def shell_urls() -> list[str]:
    return [static(path) for path in SHELL_STATIC] + [reverse("offline")]


def shell_version(urls: list[str]) -> str:
    """Changes whenever a kept file changes: hashed names carry their content's hash."""
    return hashlib.sha256("\n".join(urls).encode()).hexdigest()[:12]


@require_GET
def manifest(request):
    data = {
        "id": "/",
        "name": "Legplanner",
        "short_name": "Legplanner",
        "description": gettext("Your two leg days: today's sets, one tap each, in the gym."),
        "start_url": reverse("today"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    # no-cache: the browser checks for a new worker on every visit, so a deployment
    # reaches phones at their next page load.
    urls = shell_urls()
    context = {
        "shell": json.dumps(urls),
        "version": shell_version(urls),
        # Not static(""): with DEBUG off the manifest storage knows only files, and
        # raises for a name that is not one.
        "static_prefix": json.dumps(settings.STATIC_URL),
        "offline_url": json.dumps(reverse("offline")),
        "today_url": json.dumps(reverse("today")),
    }
    return render(request, "pwa/sw.js", context, content_type="text/javascript")


@require_GET
@cache_control(max_age=24 * 3600)
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): send them
    to the app's icon instead of a 404, at its hashed name of the day."""
    return redirect(static("icons/icon-192.png"))


@require_GET
def offline(request):
    """Shown by the service worker for a page that was never kept on this phone."""
    return render(request, "pwa/offline.html")
