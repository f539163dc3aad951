"""A phone in a real browser: Debian's Chromium, touch, a 390 px wide screen.

The live server runs in this process on a transactional database, so every test makes
its own data: the personas of tests/conftest.py and the guide's week 2026-W48, a fixed
week so that nothing here depends on today's date (the session page does not either).
"""

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import (
    Browser,
    BrowserType,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek
from tests.conftest import PASSWORD, put_rows_back

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
WEEK = IsoWeek(2026, 48)
_RESTORE_MIGRATED_ROWS = pytest.StashKey[Callable[[], None]]()
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
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="package")
def browser_context_args() -> dict:
    # Standalone: pytest-playwright's own asks for the session-wide Playwright (for
    # --device), and the phone is set here anyway.
    return {**PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="session", autouse=True)
def _migrated_rows(request, django_db_setup, django_db_blocker) -> Iterator[None]:
    """The guide's program and the Coaches group come from data migrations; the flush
    after each live-server test deletes them. Keep a copy from before the first one."""
    with django_db_blocker.unblock():
        rows = connection.creation.serialize_db_to_string()
    test_database = connection.settings_dict["NAME"]

    def restore() -> None:
        # Never anywhere but the test database: flush empties whatever it is pointed at.
        if connection.settings_dict["NAME"] != test_database:
            raise RuntimeError(f"Not restoring rows into {connection.settings_dict['NAME']}")
        with django_db_blocker.unblock(), _orm_beside_playwright():
            put_rows_back(rows)
            connection.close()

    request.config.stash[_RESTORE_MIGRATED_ROWS] = restore
    yield
    # Torn down before the test database is: no restore after that.
    del request.config.stash[_RESTORE_MIGRATED_ROWS]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After each test here (and its flush), put the migrated rows back: for the next
    test here, and for the transactional tests elsewhere that run after these."""
    try:
        return (yield)
    finally:
        restore = item.config.stash.get(_RESTORE_MIGRATED_ROWS, None)
        if restore is not None and nextitem is not None:
            restore()


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


def log_in(page: Page, live_server, *, tap: bool = True) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("athlete")
    page.locator("#id_password").fill(PASSWORD)
    button = page.get_by_role("button", name="Log in")
    if tap:
        button.tap()
    else:
        button.click()
    # Logging in lands on this week, whichever it is.
    expect(page).to_have_url(re.compile(r"/week/\d{4}-W\d{2}/$"))


@pytest.fixture
def logged_in_page(page: Page, live_server, athlete) -> Page:
    log_in(page, live_server)
    return page


def session_url(live_server, session: Session) -> str:
    return f"{live_server.url}/sessions/{session.pk}/"


def exercise_card(page: Page, title: str) -> Locator:
    """An exercise's card on the session page, by its heading: "1. Back squat"."""
    return page.get_by_role("article", name=title, exact=True)


def set_row(card: Locator, number: int) -> Locator:
    return card.locator("li.set-row").nth(number - 1)


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
