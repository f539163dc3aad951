"""A phone in a real browser, against the app as production serves it.

One gunicorn for the whole run: DEBUG off, the static files collected and hashed, the
manifest storage, two workers, on the test database. The tests are transactional, so
the rows each one makes are committed where gunicorn reads them: the personas of
tests/conftest.py and the guide's week 2026-W48, a fixed week so that nothing here
depends on today's date (the session page does not either).

Whatever the browser calls an error fails the test it happened in: a console error, an
uncaught exception, a same-origin file (script, stylesheet, manifest, worker, image) that
does not load, any 5xx. A test that cuts the network on purpose allows its own errors,
narrowly and with a reason (``browser_errors.allow``).
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase, override_settings
from playwright.sync_api import (
    Browser,
    BrowserContext,
    BrowserType,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    Request,
    Response,
    WebError,
    expect,
    sync_playwright,
)

from bench._server import HOST, ROOT, gunicorn, production_env
from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek
from tests.conftest import PASSWORD

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
WEEK = IsoWeek(2026, 48)
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2}


@contextmanager
def _orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop in this thread, so Django takes the plain
    synchronous ORM calls made between browser steps for calls from async code. Allowed
    only meanwhile: left in the environment, the variable reaches the other tests'
    subprocesses (``manage.py check --deploy`` warns about it)."""
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is a browser test: marked, so that `-m "not e2e"` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    with _orm_beside_playwright():
        yield


# pytest-playwright starts Playwright once per session. Here it runs for this folder only:
# while it runs its event loop is current in this thread, and Django would refuse the
# ORM to the tests of other folders that run after these.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="package")
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args, browser_type: BrowserType) -> Callable[..., Browser]:
    def launch(**options) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **options})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser) -> Iterator[Browser]:
    started = launch_browser()
    yield started
    started.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@dataclass(frozen=True)
class Server:
    """gunicorn serving the app with production settings, minus TLS."""

    url: str
    secret_key: str  # to sign a login session made by a test (log_in)


def _test_database_url() -> str:
    """The test database pytest-django made, as a DATABASE_URL for gunicorn."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # The file tests/settings.py names: an in-memory database is this process's alone.
        return f"sqlite:///{db['NAME']}"
    user, password = quote(db["USER"], safe=""), quote(db["PASSWORD"], safe="")
    return f"postgres://{user}:{password}@{db['HOST'] or HOST}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="package")
def production_server(django_db_setup) -> Iterator[Server]:
    """Started once for this folder, after the test database exists; stopped when the
    folder's tests are done, so the tests after them have the machine back."""
    database_url = _test_database_url()
    with tempfile.TemporaryDirectory(prefix="legplanner-static-") as static_root:
        env = production_env(database_url=database_url, static_root=Path(static_root))
        env.pop(ASYNC_UNSAFE, None)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        with gunicorn(env=env, workers=2, threads=1) as served:
            yield Server(url=f"http://{HOST}:{served.port}", secret_key=env["SECRET_KEY"])


@pytest.fixture(scope="package", autouse=True)
def _migrated_rows(django_db_setup) -> str:
    """The migrated rows pytest-django serialized for its rollback, taken before Playwright
    starts: while its event loop runs, Django hands this thread another connection
    object, which does not carry them."""
    return connection._test_serialized_contents


@pytest.fixture(autouse=True)
def _serialized_rollback_beside_playwright(_migrated_rows: str) -> None:
    """Given to the connection the test uses, so that pytest-django's serialized rollback
    (tests/conftest.py) puts them back before each test here too."""
    connection._test_serialized_contents = _migrated_rows


@pytest.fixture
def server(production_server: Server, transactional_db) -> Iterator[Server]:
    """The server, for a test whose rows are committed: gunicorn reads them from its
    own connections, so a test's transaction would hide them. Transactional, so the
    migrated rows are put back before the test (tests/conftest.py).

    Torn down before the flush that empties the tables: it waits for gunicorn's last
    request to finish, because a TRUNCATE racing a tick's write deadlocks on PostgreSQL
    and leaves the next test the rows of this one."""
    yield production_server
    _wait_for_gunicorn_to_go_quiet()


QUIET_WITHIN_SECONDS = 15
FLUSH_ATTEMPTS = 3


@pytest.fixture(scope="package", autouse=True)
def _flush_retried_after_a_deadlock() -> Iterator[None]:
    """A request gunicorn took before the browser closed can reach the database after the
    wait above: its write and the flush's TRUNCATE then deadlock on PostgreSQL, which
    rolls the flush back whole. Tried again, it empties the tables; without it, the next
    test met this one's rows (seen on CI)."""
    original = TransactionTestCase._fixture_teardown

    def teardown(self) -> None:
        for attempt in range(1, FLUSH_ATTEMPTS + 1):
            try:
                return original(self)
            except CommandError as error:
                if attempt == FLUSH_ATTEMPTS or "deadlock" not in str(error.__cause__):
                    raise
                time.sleep(0.5 * attempt)

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = original


def _wait_for_gunicorn_to_go_quiet() -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's flush waits on the file's lock (its timeout) instead
    with connection.cursor() as cursor:
        for _ in range(QUIET_WITHIN_SECONDS * 10):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
                " AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


# What a page loads to work; 4xx or no answer for one of these is a broken page. Pages
# and htmx requests may answer 4xx on purpose (a refused tick, a used invitation).
SUBRESOURCES = {"script", "stylesheet", "manifest", "image", "font", "media"}


@dataclass
class BrowserErrors:
    origin: str
    seen: list[str] = field(default_factory=list)
    allowed: list[tuple[re.Pattern, str]] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.on("console", self._console)
        context.on("weberror", self._uncaught)
        context.on("requestfailed", self._failed)
        context.on("response", self._answered)
        return context

    def allow(self, pattern: str, *, reason: str) -> None:
        """Errors this test causes on purpose: a regular expression, and why."""
        assert reason, "say why the error is expected"
        self.allowed.append((re.compile(pattern), reason))

    def unexpected(self) -> list[str]:
        return [
            error
            for error in self.seen
            if not any(pattern.search(error) for pattern, _ in self.allowed)
        ]

    def _ours(self, url: str) -> bool:
        return url.startswith(f"{self.origin}/")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url") or (message.page.url if message.page else "")
            self.seen.append(f"console error at {where}: {message.text}")

    def _uncaught(self, error: WebError) -> None:
        where = error.page.url if error.page else "a worker"
        self.seen.append(f"uncaught error on {where}: {error.error.message}")

    def _failed(self, request: Request) -> None:
        # Aborted: the page moved on before the file arrived, which is no fault of it.
        if (
            self._ours(request.url)
            and request.resource_type in SUBRESOURCES
            and request.failure != "net::ERR_ABORTED"
        ):
            self.seen.append(f"{request.resource_type} {request.url} failed: {request.failure}")

    def _answered(self, response: Response) -> None:
        request = response.request
        if not self._ours(response.url):
            return
        if response.status >= 500 or (
            response.status >= 400 and request.resource_type in SUBRESOURCES
        ):
            self.seen.append(f"{request.resource_type} {response.url} answered {response.status}")


def allow_ticks_with_no_network(errors: BrowserErrors) -> None:
    errors.allow(
        r"/sessions/\d+/tick/: Failed to load resource: net::ERR_INTERNET_DISCONNECTED$",
        reason="a set ticked with the network cut is tried, then waits on the phone",
    )


@pytest.fixture(autouse=True)
def browser_errors(production_server: Server) -> Iterator[BrowserErrors]:
    """Checked after the test's browser contexts are closed (they are set up after this,
    so torn down before it), when every event has arrived."""
    errors = BrowserErrors(origin=production_server.url)
    yield errors
    unexpected = errors.unexpected()
    assert not unexpected, "The browser reported errors:\n" + "\n".join(unexpected)


@pytest.fixture
def new_context(
    request: pytest.FixtureRequest, browser: Browser, browser_errors: BrowserErrors
) -> Iterator[Callable]:
    """A browser context (a phone, a laptop), watched; closed after the test, and before
    the server's tables are emptied: a page left open (its service worker syncing a
    queue) would otherwise still be writing while they are."""
    if "server" in request.fixturenames:
        request.getfixturevalue("server")
    made = []

    def make(**options) -> BrowserContext:
        made.append(browser_errors.watch(browser.new_context(**options)))
        return made[-1]

    yield make
    for context in made:
        context.close()  # a no-op for one the test closed


@pytest.fixture
def context(new_context: Callable, browser_context_args: dict) -> BrowserContext:
    """``page``'s context: the phone."""
    return new_context(**browser_context_args)


@pytest.fixture(scope="package")
def browser_context_args() -> dict:
    # Standalone: pytest-playwright's own asks for the session-wide Playwright (for
    # --device), and the phone is set here anyway.
    return {**PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def week_sessions(athlete, other_athlete) -> tuple[Session, Session]:
    """Day 1 (Monday) and Day 2 (Thursday) of the athlete's week 2026-W48."""
    generate_week(assignments=assignments_in_week(WEEK), week=WEEK)
    sessions = Session.objects.filter(athlete=athlete, date__range=(WEEK.monday, WEEK.sunday))
    return sessions.get(day_number=1), sessions.get(day_number=2)


def password_for_the_server(*users) -> None:
    """The tests' fast password hash is one the server does not know (tests/settings.py):
    give the users who log in through a form one it does. Few iterations: gunicorn reads
    them from the hash, and upgrades it at the first login as it would an old one."""
    for user in users:
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, "e2e-salt", iterations=1000)
        user.save(update_fields=["password"])


def login_session(server: Server, user) -> str:
    """A login made here, as the login form would make it: the session key for its
    cookie. Signed with the server's secret, which is not this process's."""
    engine = import_module(settings.SESSION_ENGINE)
    with override_settings(SECRET_KEY=server.secret_key):
        store = engine.SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
    return store.session_key


def log_in(page: Page, server: Server, user, *, lands: str = r"/week/\d{4}-W\d{2}/$") -> None:
    """Logged in without the login form (the tests about logging in use it), then home:
    this week, whichever it is. The login page first, as on a phone: the service worker
    installs there, so the pages opened after it go through the worker."""
    page.goto(f"{server.url}/login/")
    wait_for_worker(page)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": login_session(server, user),
                "url": server.url,
            }
        ]
    )
    page.goto(f"{server.url}/")
    expect(page).to_have_url(re.compile(lands))


@pytest.fixture
def logged_in_page(page: Page, server: Server, athlete) -> Page:
    log_in(page, server, athlete)
    return page


WORKER_READY = """seconds => Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), seconds * 1000)),
])"""


def wait_for_worker(page: Page, *, seconds: float = 10) -> None:
    """Until the service worker is active. Bounded: a worker that fails to install never
    is, and Playwright would wait on ``serviceWorker.ready`` for ever."""
    assert page.evaluate(WORKER_READY, seconds), f"no active service worker on {page.url}"


def session_url(server: Server, session: Session) -> str:
    """A session's forms. W48 is past now, and a past session opens read-only: these tests
    log and edit its sets, so they open it as its Edit button does (tests/e2e/
    test_first_session.py opens one read-only)."""
    return f"{server.url}/sessions/{session.pk}/?edit=1"


def exercise_card(page: Page, title: str) -> Locator:
    """An exercise's card on the session page, by its heading: "1. Back squat"."""
    return page.get_by_role("article", name=title, exact=True)


def set_row(card: Locator, number: int) -> Locator:
    return card.locator("li.set-row").nth(number - 1)


def unfold(card: Locator) -> Locator:
    """A finished exercise opens folded to its title: tap the title to see its sets."""
    body = card.locator("details.exercise-body")
    if body.get_attribute("open") is None:
        body.locator("> summary").tap()
    expect(body).to_have_attribute("open", "")
    return card


def tap_done(card: Locator, number: int, *, load: str | None = None) -> Locator:
    """Log set ``number`` as a person does: type the load when given, tap Done.

    Without a load the row must have one already: typed once per exercise, the load of
    the first set fills the empty load fields of the sets after it. Waits for the
    answer: the row comes back logged, with Undo in place of Done.
    """
    row = set_row(card, number)
    field = row.get_by_role("textbox", name="Load (kg)", exact=True)
    if load is None:
        expect(field).not_to_have_value("")
    else:
        field.fill(load)
    row.get_by_role("button", name=f"Done: log set {number}", exact=True).tap()
    expect(row.get_by_role("button", name=f"Undo set {number}", exact=True)).to_be_visible()
    return row
