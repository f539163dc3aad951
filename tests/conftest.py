"""The personas every test speaks of, and the guide's program (made by the data migration)."""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from accounts.models import User
from programs.models import Assignment, Program
from tracking.models import SetLog

PASSWORD = "a-long-test-password"

# The property tests' number of examples: all of them for `make test` and CI, a few for
# `make test-fast` (--hypothesis-profile=fast), which is for the loop while editing.
hypothesis_settings.register_profile("full", max_examples=100)
hypothesis_settings.register_profile("fast", max_examples=10)
hypothesis_settings.load_profile("full")


def make_user(username: str, **fields) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test starts from the rows the migrations made (the guide's
    program, the Coaches group): pytest-django's serialized rollback puts them back before
    it, after the flush that ended the transactional test before. So a transactional test
    needs no helper to leave the database as it found it. The tests that are not
    transactional run before all of these (pytest-django orders them so)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        options = marker.kwargs if marker else {}
        if options.get("transaction") or "transactional_db" in item.fixturenames:
            rollback = {**options, "transaction": True, "serialized_rollback": True}
            # First among the item's markers, so it is the one pytest-django reads.
            item.add_marker(pytest.mark.django_db(**rollback), append=False)


@pytest.fixture(autouse=True)
def _source_language_after_each_test():
    """A request in another language leaves it active in the thread (LocaleMiddleware
    activates one per request, and nothing deactivates it): the next test would read
    German where it expects the English source."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, no autovacuum in the test database. Each test's rolled-back rows
    leave pages of dead rows; autovacuum then records those tables as holding no row in
    all their pages, and the planner, trusting that, estimates one row where the next test
    has thousands: nested loops over whole tables, minutes for one query (CI timed out on
    it). Never analysed, a table is estimated from its size on disk, as it is. Production
    keeps autovacuum; an import analyses what it wrote (exchange.writing)."""
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('ALTER TABLE %I SET (autovacuum_enabled = off)', tablename) "
            "FROM pg_tables WHERE schemaname = current_schema()"
        )
        for (statement,) in cursor.fetchall():
            cursor.execute(statement)


@pytest.fixture
def program(db) -> Program:
    return Program.objects.get(is_default=True)


def make_coach(username: str) -> User:
    user = make_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name="Coaches"))
    return user


def make_athlete(username: str, *, coach: User, **fields) -> User:
    """An athlete on the guide's program with this coach since Monday 5 January 2026."""
    user = make_user(username, **fields)
    Assignment.objects.create(
        athlete=user,
        program=Program.objects.get(is_default=True),
        coach=coach,
        start_date=dt.date(2026, 1, 5),
    )
    return user


@pytest.fixture
def coach(db) -> User:
    return make_coach("coach")


@pytest.fixture
def other_coach(db) -> User:
    return make_coach("other_coach")


@pytest.fixture
def athlete(db, program, coach) -> User:
    return make_athlete("athlete", coach=coach, time_zone="Europe/Paris")


@pytest.fixture
def other_athlete(db, program, other_coach) -> User:
    return make_athlete("other_athlete", coach=other_coach)


def race_rounds(rounds: int) -> int:
    """How many times a racing test races: ``rounds`` on PostgreSQL, where the races that
    lost data were seen; a tenth (at least 2) on SQLite, which takes one writer at a time,
    so that its threads waiting on the lock still finish and answer, in seconds."""
    return rounds if connection.vendor == "postgresql" else max(2, rounds // 10)


def post_at_once(clients, url: str, data=None, **extra) -> list[int]:
    """Each client posts at the same moment, from its own thread and database connection;
    returns the status codes. Bounded waits, so a thread that dies fails the test, not CI."""
    barrier = threading.Barrier(len(clients), timeout=10)
    statuses = []

    def post(client):
        try:
            barrier.wait()
            statuses.append(client.post(url, data or {}, **extra).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def at_once(calls: list) -> list:
    """Each call from its own thread and database connection, started at the same moment;
    returns what each answered, in the order given."""
    barrier = threading.Barrier(len(calls), timeout=10)
    answers = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            answers[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def log_set_on(
    copy,
    *,
    set_number: int = 1,
    reps: int = 8,
    load: str = "100",
    rir: int = 2,
    actual_rir: int | None = None,
    **legs,
) -> SetLog:
    """A logged set on a session's prescription, as a tick would write it; a test set
    when ``actual_rir`` is given (the reps done after the stop)."""
    return SetLog.objects.create(
        uuid=uuid.uuid4(),
        prescription=copy,
        exercise_id=copy.exercise_id,
        set_number=set_number,
        reps=None if legs else reps,
        load_kg=Decimal(load),
        rir=rir,
        actual_rir=actual_rir,
        **legs,
    )


@pytest.fixture
def race_report(request):
    """A racing test's counts (acknowledged against stored), printed at the end of the run:
    with xdist a print from a worker is never seen, a report's properties are."""

    def report(line: str) -> None:
        request.node.user_properties.append(("race", line))

    return report


def pytest_terminal_summary(terminalreporter) -> None:
    lines = [
        f"{report.nodeid.split('::')[-1]} [{connection.vendor}]: {value}"
        for report in terminalreporter.stats.get("passed", [])
        for name, value in report.user_properties
        if name == "race"
    ]
    if lines:
        terminalreporter.section("races: acknowledged and stored")
        for line in lines:
            terminalreporter.write_line(line)
