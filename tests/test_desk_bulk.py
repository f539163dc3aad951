"""The desk's bulk actions: one program from one date, or one note, for several athletes;
anything refused is a 400 with its message and writes nothing."""

import datetime as dt
import html

import pytest
import time_machine
from django.contrib.admin.models import LogEntry

from coaching.forms import NO_ATHLETE_MESSAGE, NOT_YOURS_MESSAGE, START_DATE_BOUNDS_MESSAGE
from coaching.models import CoachNote
from programs.models import Assignment, DayTemplate, Program, Session
from programs.weeks import IsoWeek
from tests.coaching_setup import generate, swapped_days
from tests.conftest import make_athlete

WEDNESDAY = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
NEXT_WEEK = IsoWeek(2026, 49)
URL = "/coach/bulk/"


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


@pytest.fixture
def other_program(program) -> Program:
    return swapped_days(program)


@pytest.fixture
def second(coach):
    return make_athlete("second", coach=coach)


def assign(client, athletes, *, program, start: str):
    return client.post(
        URL,
        {
            "action": "assign",
            "athletes": [user.pk for user in athletes],
            "program": program.pk,
            "start_date": start,
        },
    )


def snapshot() -> tuple:
    """Everything a bulk action could write."""
    return (
        list(Assignment.objects.order_by("pk").values_list()),
        list(CoachNote.objects.order_by("pk").values_list()),
        list(Session.objects.order_by("pk").values_list()),
        LogEntry.objects.count(),
    )


def test_one_action_assigns_the_program_to_two_athletes_and_their_next_sessions_follow_it(
    client, coach, athlete, second, other_program
):
    client.force_login(coach)
    chosen = client.post(URL, {"action": "choose", "athletes": [athlete.pk, second.pk]})
    assert chosen.status_code == 200
    page = chosen.content.decode()
    assert "athlete, second" in page
    assert "Swapped days" in page

    response = assign(client, [athlete, second], program=other_program, start="2026-11-30")

    assert response.status_code == 302
    assert response["Location"] == "/coach/"
    balance = DayTemplate.objects.get(name="Balance + Isolation")
    strength = DayTemplate.objects.get(name="Strength + Compounds")
    for user in (athlete, second):
        generate([NEXT_WEEK], athlete=user)
        assert list(
            Session.objects.filter(athlete=user, date__gte=NEXT_WEEK.monday)
            .order_by("date")
            .values_list("date", "day_number", "name")
        ) == [
            (dt.date(2026, 11, 30), 1, balance.name),
            (dt.date(2026, 12, 3), 2, strength.name),
        ]
        current = Assignment.objects.get(athlete=user, end_date__isnull=True)
        assert (current.program, current.start_date, current.coach) == (
            other_program,
            dt.date(2026, 11, 30),
            coach,
        )


def test_one_note_reaches_two_athletes(client, coach, athlete, second):
    client.force_login(coach)

    response = client.post(
        URL, {"action": "note", "athletes": [athlete.pk, second.pk], "text": "Deload week."}
    )

    assert response.status_code == 302
    for user in (athlete, second):
        note = CoachNote.objects.get(athlete=user)
        assert (note.text, note.author, note.session) == ("Deload week.", coach, None)


def test_the_desk_offers_a_checkbox_per_athlete_named_for_them(client, coach, athlete):
    client.force_login(coach)
    page = client.get("/coach/").content.decode()
    assert f'name="athletes" value="{athlete.pk}" form="bulk"' in page
    assert "Select athlete" in page
    assert 'id="bulk"' in page


REFUSALS = {
    "no athlete, a note": ({"action": "note", "text": "Hi"}, NO_ATHLETE_MESSAGE),
    "no athlete, a program": ({"action": "choose"}, NO_ATHLETE_MESSAGE),
    "an empty note": ({"action": "note", "text": "  ", "mine": True}, "an empty note"),
    "a bad date": (
        {"action": "assign", "start_date": "30/13/2026", "mine": True, "program": True},
        "Enter the start as a date",
    ),
    "a date out of bounds": (
        {"action": "assign", "start_date": "2031-01-01", "mine": True, "program": True},
        START_DATE_BOUNDS_MESSAGE,
    ),
    "an id that is not a number": (
        {"action": "note", "text": "Hi", "athletes": ["1e3"]},
        NOT_YOURS_MESSAGE,
    ),
    "an id that is nobody's": (
        {"action": "note", "text": "Hi", "athletes": ["99999"]},
        NOT_YOURS_MESSAGE,
    ),
    "an unknown action": ({"action": "delete", "mine": True}, "Choose an action"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_a_refused_action_writes_nothing(client, coach, athlete, second, program, case):
    data, message = REFUSALS[case]
    data = dict(data)
    if data.pop("mine", False):
        data["athletes"] = [athlete.pk, second.pk]
    if data.pop("program", False):
        data["program"] = program.pk
    client.force_login(coach)
    before = snapshot()

    response = client.post(URL, data)

    assert response.status_code == 400
    assert html.escape(message) in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("action", ["note", "choose", "assign"])
def test_another_coachs_athlete_is_refused_with_the_coachs_own(
    client, coach, athlete, other_athlete, program, action
):
    client.force_login(coach)
    before = snapshot()

    response = client.post(
        URL,
        {
            "action": action,
            "athletes": [athlete.pk, other_athlete.pk],
            "text": "Hi",
            "program": program.pk,
            "start_date": "2026-11-30",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert NOT_YOURS_MESSAGE in page
    assert "other_athlete" not in page
    assert snapshot() == before


def test_one_athlete_refused_leaves_every_plan_as_it_was(client, coach, athlete, program):
    """ "aaa" (first by name) could move their program not started yet into the past; the
    running program of "athlete" cannot: neither changes."""
    early = make_athlete("aaa", coach=coach)
    Assignment.objects.filter(athlete=early).update(start_date=dt.date(2026, 12, 7))
    client.force_login(coach)
    before = snapshot()

    response = assign(client, [early, athlete], program=program, start="2026-11-20")

    assert response.status_code == 400
    assert "athlete: A program already running changes from today" in response.content.decode()
    assert snapshot() == before
