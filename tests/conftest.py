"""The personas every test speaks of, and the guide's program (made by the data migration)."""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from accounts.models import User
from programs.models import Assignment, Program
from tracking.models import SetLog

PASSWORD = "a-long-test-password"


def make_user(username: str, **fields) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


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


@pytest.fixture(scope="module")
def migrated_rows_put_back(django_db_setup, django_db_blocker):
    """A transactional test ends with a flush, which deletes the guide's program and the
    Coaches group that data migrations made: put them back for the tests that follow."""
    with django_db_blocker.unblock():
        rows = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        put_rows_back(rows)
        connection.close()


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


def put_rows_back(rows: str) -> None:
    """Empty the test database and put back rows serialized from it, ids and all."""
    # The flush re-created content types and permissions under new ids: clear them
    # so that the copy goes back with the ids it was taken with.
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(rows)
    # The rows came back with their ids; on PostgreSQL the flush restarted the id
    # sequences, which would hand those ids out again.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def log_set_on(
    copy, *, set_number: int = 1, reps: int = 8, load: str = "100", rir: int = 2, **legs
) -> SetLog:
    """A logged set on a session's prescription, as a tick would write it."""
    return SetLog.objects.create(
        uuid=uuid.uuid4(),
        prescription=copy,
        exercise_id=copy.exercise_id,
        set_number=set_number,
        reps=None if legs else reps,
        load_kg=Decimal(load),
        rir=rir,
        **legs,
    )
