"""Every script and stylesheet the session page loads (its template, its partials, the
base) is kept by the service worker too: one left out fails to load when the page is
opened with no network (plates.js once did)."""

import re
from pathlib import Path

from legplanner.pwa import SHELL_STATIC

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
KEPT_PAGES = ["base.html", "tracking/session.html", "tracking/_*.html"]
LOADED = re.compile(r"""\{% static ['"]([^'"]+\.(?:js|css))['"] %\}""")


def test_every_script_and_stylesheet_of_the_session_page_is_kept_offline():
    loaded = {
        path
        for pattern in KEPT_PAGES
        for template in TEMPLATES.glob(pattern)
        for path in LOADED.findall(template.read_text())
    }

    assert {"js/session.js", "js/plates.js"} <= loaded, "the pattern misses the session page"
    assert sorted(loaded - set(SHELL_STATIC)) == []
