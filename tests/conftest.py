"""The personas every test speaks of, and the guide's program (made by the data migration)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from programs.models import Assignment, Program

PASSWORD = "a-long-test-password"


def make_user(username: str, **fields) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


@pytest.fixture
def program(db) -> Program:
    return Program.objects.get(is_default=True)


@pytest.fixture
def coach(db) -> User:
    user = make_user("coach", is_staff=True)
    user.groups.add(Group.objects.get(name="Coaches"))
    return user


@pytest.fixture
def other_coach(db) -> User:
    user = make_user("other_coach", is_staff=True)
    user.groups.add(Group.objects.get(name="Coaches"))
    return user


@pytest.fixture
def athlete(db, program, coach) -> User:
    user = make_user("athlete", time_zone="Europe/Paris")
    Assignment.objects.create(
        athlete=user, program=program, coach=coach, start_date=dt.date(2026, 1, 5)
    )
    return user


@pytest.fixture
def other_athlete(db, program, other_coach) -> User:
    user = make_user("other_athlete")
    Assignment.objects.create(
        athlete=user, program=program, coach=other_coach, start_date=dt.date(2026, 1, 5)
    )
    return user
