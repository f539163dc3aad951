"""The bytes a phone downloads for a cold load of the session page, against a 40 KB budget.

    .venv/bin/python bench/page_weight.py

Serves the app under gunicorn with production settings (collectstatic into a temporary
STATIC_ROOT, so whitenoise serves the hashed files and their precompressed .br/.gz copies)
on a throwaway SQLite database, logs in an athlete with this week's sessions, and fetches
each session page and every stylesheet, script and CSS url() it references, asking for
`Accept-Encoding: br, gzip`. The app serves HTML uncompressed, so the HTML is counted
gzip-compressed at level 6, as a reverse proxy in front of gunicorn would send it.
Prints a table per page and exits 1 if a page is over budget.

`measure_session_page()` is shared with tests/test_page_weight.py, which feeds it the
page from Django's test client and the static source files minified and compressed as
collectstatic and whitenoise do (`static_source_fetch`).
"""

import datetime as dt
import gzip
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

if __name__ == "__main__" and __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUDGET_BYTES = 40 * 1024
HTML_GZIP_LEVEL = 6
PROXY_GZIP = f"gzip -{HTML_GZIP_LEVEL} (proxy)"
# Resources are followed breadth-first; a page referencing more than this is a bug anyway.
MAX_RESOURCES = 100


@dataclass(frozen=True)
class Fetched:
    body: bytes  # decoded: what the browser parses
    transferred: int  # the body's bytes on the wire
    encoding: str  # Content-Encoding, "identity" when none


@dataclass(frozen=True)
class Resource:
    url: str
    raw: int
    transferred: int
    encoding: str


@dataclass(frozen=True)
class PageWeight:
    resources: tuple[Resource, ...]

    @property
    def total(self) -> int:
        return sum(resource.transferred for resource in self.resources)

    @property
    def raw_total(self) -> int:
        return sum(resource.raw for resource in self.resources)

    @property
    def within_budget(self) -> bool:
        return self.total <= BUDGET_BYTES

    def table(self) -> str:
        width = max(len(resource.url) for resource in self.resources)
        lines = [f"{'resource':<{width}}  {'raw B':>8}  {'transferred B':>13}  encoding"]
        for r in self.resources:
            lines.append(f"{r.url:<{width}}  {r.raw:>8,}  {r.transferred:>13,}  {r.encoding}")
        lines.append(f"{'total':<{width}}  {self.raw_total:>8,}  {self.total:>13,}")
        verdict = "within budget" if self.within_budget else "OVER BUDGET"
        lines.append(
            f"{'budget':<{width}}  {'':>8}  {BUDGET_BYTES:>13,}  "
            f"total/budget = {self.total / BUDGET_BYTES:.2f}: {verdict}"
        )
        return "\n".join(lines)


class _References(HTMLParser):
    """What a browser downloads before the page is usable: stylesheets and scripts."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and attributes.get("href") and ("stylesheet" in rel or "preload" in rel):
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+?)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")


def references_in_html(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


def references_in_css(css: str) -> list[str]:
    found = [match[2] for match in _CSS_URL.finditer(css)]
    found += [match[2] for match in _CSS_IMPORT.finditer(css)]
    return [url for url in found if not url.startswith(("data:", "#"))]


def gzip_size(data: bytes, level: int = HTML_GZIP_LEVEL) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def measure_session_page(*, page_url: str, fetch: Callable[[str], Fetched]) -> PageWeight:
    """The page and everything it pulls in, each counted once, as `fetch` delivers it.

    HTML delivered uncompressed is counted gzip-compressed, as a reverse proxy sends it.
    """
    page = fetch(page_url)
    html = Resource(page_url, len(page.body), page.transferred, page.encoding)
    if page.encoding == "identity":
        html = Resource(page_url, len(page.body), gzip_size(page.body), PROXY_GZIP)
    resources = [html]
    pending = [urljoin(page_url, url) for url in references_in_html(page.body.decode())]
    seen = {page_url}
    while pending:
        url = urldefrag(pending.pop(0)).url
        if url in seen:
            continue
        if len(seen) >= MAX_RESOURCES:
            raise ValueError(f"{page_url} references more than {MAX_RESOURCES} resources")
        seen.add(url)
        fetched = fetch(url)
        resources.append(Resource(url, len(fetched.body), fetched.transferred, fetched.encoding))
        if urlsplit(url).path.endswith(".css"):
            pending += [urljoin(url, ref) for ref in references_in_css(fetched.body.decode())]
    return PageWeight(tuple(resources))


def compressed_like_whitenoise(name: str, data: bytes) -> Fetched:
    """What whitenoise sends for these bytes to a browser accepting br and gzip: the .br
    copy collectstatic makes, else the .gz one, else the file itself."""
    from whitenoise.compress import Compressor

    compressor = Compressor(quiet=True)
    if compressor.should_compress(name):
        for encoding, compress in (
            ("br", compressor.compress_brotli),
            ("gzip", compressor.compress_gzip),
        ):
            compressed = compress(data)
            if compressor.is_compressed_effectively(encoding, name, len(data), compressed):
                return Fetched(data, len(compressed), encoding)
    return Fetched(data, len(data), "identity")


def static_source_fetch(url: str) -> Fetched:
    """A static URL from the source folders (Django's finders), minified and compressed as
    collectstatic and whitenoise do it: for the test suite, which runs without collectstatic."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    from legplanner.minify import MinifyingFileSystemFinder, minified

    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"{url} is not under STATIC_URL {settings.STATIC_URL}")
    name = path.removeprefix(settings.STATIC_URL)
    # The first finder to find it wins, as in collectstatic; only ours minifies.
    for finder in finders.get_finders():
        if found := finder.find(name):
            data = Path(found).read_bytes()
            if isinstance(finder, MinifyingFileSystemFinder):
                data = minified(name=name, source=data)
            return compressed_like_whitenoise(name, data)
    raise ValueError(f"{url} is referenced but no static file {name} exists")


def _http_fetcher(browser) -> Callable[[str], Fetched]:
    import brotli

    def fetch(url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.netloc:
            raise SystemExit(f"{url} is not served by the app: only 127.0.0.1 is measured")
        answer = browser.request("GET", url, headers={"Accept-Encoding": "br, gzip"})
        if answer.status != 200:
            raise SystemExit(f"GET {url}: HTTP {answer.status}")
        encoding = answer.headers.get("Content-Encoding", "identity")
        decode = {"br": brotli.decompress, "gzip": gzip.decompress, "identity": bytes}
        return Fetched(decode[encoding](answer.body), len(answer.body), encoding)

    return fetch


def main() -> int:
    from bench._server import (
        Browser,
        gunicorn,
        migrate_and_collectstatic,
        production_env,
        setup_django,
    )

    password = "page-weight-password"
    with tempfile.TemporaryDirectory(prefix="legplanner-page-weight-") as temp:
        env = production_env(
            database_url=f"sqlite:///{Path(temp) / 'db.sqlite3'}",
            static_root=Path(temp) / "static",
        )
        setup_django(env)
        migrate_and_collectstatic()

        from django.db import connection
        from django.utils import timezone

        from accounts.models import User
        from programs.generation import assignments_in_week, generate_week
        from programs.models import Assignment, Program, Session
        from programs.weeks import IsoWeek

        week = IsoWeek.of(timezone.now().date())
        athlete = User.objects.create_user(username="phone", password=password)
        program = Program.objects.get(is_default=True)
        Assignment.objects.create(athlete=athlete, program=program, start_date=week.monday)
        generate_week(assignments=assignments_in_week(week), week=week)
        sessions = list(Session.objects.filter(athlete=athlete).order_by("date"))
        connection.close()

        print(
            f"Legplanner session page weight, {dt.date.today()}: cold load, "
            "Accept-Encoding: br, gzip; static files as whitenoise serves them after "
            f"collectstatic; HTML as {PROXY_GZIP}, since the app serves it uncompressed. "
            "Bodies only (headers not counted)."
        )
        over = False
        with gunicorn(env=env, workers=1, threads=1) as served:
            browser = Browser(served.port)
            browser.log_in("phone", password)
            for session in sessions:
                weight = measure_session_page(
                    page_url=f"/sessions/{session.pk}/", fetch=_http_fetcher(browser)
                )
                print(f"\nDay {session.day_number}, {session.name} ({session.date}):")
                print(weight.table())
                over = over or not weight.within_budget
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
