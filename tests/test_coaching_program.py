"""Assigning, changing and ending an athlete's program from the desk."""

import datetime as dt
import html as html_module

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, LogEntry

from coaching.changes import START_IN_THE_PAST_MESSAGE
from coaching.forms import DAYS_MESSAGE, START_DATE_BOUNDS_MESSAGE
from programs.models import Assignment, DayTemplate, Program, Session
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on

WEDNESDAY = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
WEEK = IsoWeek(2026, 48)


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


@pytest.fixture
def other_program(program) -> Program:
    return Program.objects.create(
        name="Swapped days", day_one=program.day_two, day_two=program.day_one
    )


def url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/program/"


def data(program, **changes) -> dict:
    return {
        "program": program.pk,
        "weekday_one": 1,
        "weekday_two": 4,
        "start_date": "2026-11-25",
        "unit": "kg",
        **changes,
    }


def sessions(athlete) -> list[tuple]:
    return list(
        Session.objects.filter(athlete=athlete)
        .order_by("date")
        .values_list("date", "day_number", "name")
    )


def test_a_change_mid_cycle_regenerates_only_future_untrained_sessions(
    client, coach, athlete, other_program
):
    generate([WEEK, WEEK.shifted(1)], athlete=athlete)
    monday = Session.objects.get(athlete=athlete, date=dt.date(2026, 11, 23))
    log_set_on(monday.prescriptions.first())
    client.force_login(coach)

    response = client.post(url(athlete), data(other_program, unit="lb"))

    assert response.status_code == 302
    balance = DayTemplate.objects.get(name="Balance + Isolation").name
    strength = DayTemplate.objects.get(name="Strength + Compounds").name
    assert sessions(athlete) == [
        (dt.date(2026, 11, 23), 1, strength),  # trained: kept
        (dt.date(2026, 11, 27), 2, strength),  # Friday, the new Day 2
        (dt.date(2026, 12, 1), 1, balance),
        (dt.date(2026, 12, 4), 2, strength),
    ]
    old, new = Assignment.objects.filter(athlete=athlete).order_by("start_date")
    assert old.end_date == dt.date(2026, 11, 24)
    assert (new.program, new.start_date, new.end_date, new.coach) == (
        other_program,
        dt.date(2026, 11, 25),
        None,
        coach,
    )
    athlete.refresh_from_db()
    assert athlete.unit == "lb"
    entry = LogEntry.objects.get(action_flag=ADDITION)
    assert entry.user == coach
    assert "Swapped days on Tuesday and Friday" in entry.change_message
    assert "loads in lb" in entry.change_message


def test_a_running_program_cannot_change_in_the_past(client, coach, athlete, program):
    client.force_login(coach)

    response = client.post(url(athlete), data(program, start_date="2026-11-20"))

    assert response.status_code == 400
    assert START_IN_THE_PAST_MESSAGE in response.content.decode()
    assert Assignment.objects.filter(athlete=athlete).count() == 1
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("start", ["9999-12-31", "2027-11-27", "1899-12-31"])
def test_a_start_date_outside_the_bounds_is_refused_with_the_reason(
    client, coach, athlete, program, start
):
    """A start in 9999 left the athlete with four sessions in one week; the form refuses
    anything before 1900 or more than a year ahead (programs.bounds)."""
    client.force_login(coach)

    response = client.post(url(athlete), data(program, start_date=start))

    assert response.status_code == 400
    assert START_DATE_BOUNDS_MESSAGE in html_module.unescape(response.content.decode())
    assert list(Assignment.objects.filter(athlete=athlete).values_list("end_date", flat=True)) == [
        None
    ]
    assert not Session.objects.exists()
    assert not LogEntry.objects.exists()


def test_weekdays_next_to_each_other_are_refused(client, coach, athlete, program):
    client.force_login(coach)

    response = client.post(url(athlete), data(program, weekday_one=1, weekday_two=2))

    assert response.status_code == 400
    assert str(DAYS_MESSAGE) in response.content.decode()


def test_a_program_not_started_yet_changes_in_place(client, coach, athlete, other_program):
    Assignment.objects.filter(athlete=athlete).update(start_date=dt.date(2026, 12, 7))
    client.force_login(coach)

    client.post(url(athlete), data(other_program, start_date="2026-12-14"))

    (only,) = Assignment.objects.filter(athlete=athlete)
    assert (only.program, only.start_date) == (other_program, dt.date(2026, 12, 14))


def test_assigning_a_program_after_one_ended(client, coach, athlete, program):
    Assignment.objects.filter(athlete=athlete).update(end_date=dt.date(2026, 11, 1))
    client.force_login(coach)

    response = client.post(url(athlete), data(program, start_date="2026-11-30"))

    assert response.status_code == 302
    assert Assignment.objects.get(athlete=athlete, end_date__isnull=True).coach == coach


def test_ending_a_program_removes_the_untrained_sessions_to_come(client, coach, athlete):
    generate([WEEK, WEEK.shifted(1)], athlete=athlete)
    client.force_login(coach)

    response = client.post(f"/coach/athletes/{athlete.pk}/program/end/")

    assert response.status_code == 302
    assert sessions(athlete) == [(dt.date(2026, 11, 23), 1, "Strength + Compounds")]
    assert Assignment.objects.get(athlete=athlete).end_date == dt.date(2026, 11, 24)
    assert "Ended on 24 Nov 2026" in LogEntry.objects.get().change_message
    page = client.get(f"/coach/athletes/{athlete.pk}/").content.decode()
    assert "Ended on 24 Nov 2026" in page


def test_ending_without_a_program_is_not_found(client, coach, athlete):
    Assignment.objects.filter(athlete=athlete).update(end_date=dt.date(2026, 11, 1))
    client.force_login(coach)

    assert client.post(f"/coach/athletes/{athlete.pk}/program/end/").status_code == 404


def test_another_coach_cannot_change_the_program(client, other_coach, athlete, program):
    client.force_login(other_coach)

    assert client.post(url(athlete), data(program)).status_code == 404
    assert client.post(f"/coach/athletes/{athlete.pk}/program/end/").status_code == 404
    assert Assignment.objects.get(athlete=athlete).end_date is None


def test_an_admin_edit_shows_on_the_athletes_page(client, coach, athlete):
    assignment = Assignment.objects.get(athlete=athlete)
    LogEntry.objects.log_actions(
        user_id=coach.pk, queryset=[assignment], action_flag=2, change_message="Made in the admin"
    )
    client.force_login(coach)

    assert "Made in the admin" in client.get(f"/coach/athletes/{athlete.pk}/").content.decode()


def test_a_coach_assigns_the_house_programs_and_their_own_only(
    client, coach, other_coach, athlete, program
):
    theirs = Program.objects.create(
        name="Theirs", day_one=program.day_one, day_two=program.day_two, owner=other_coach
    )
    own = Program.objects.create(
        name="Own", day_one=program.day_two, day_two=program.day_one, owner=coach
    )
    client.force_login(coach)

    offered = client.get(url(athlete)).context["form"].fields["program"].queryset
    refused = client.post(url(athlete), data(theirs))

    assert set(offered) == {program, Program.objects.get(name__startswith="Home gym"), own}
    assert refused.status_code == 400
    assert not Assignment.objects.filter(program=theirs).exists()
