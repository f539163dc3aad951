"""Pages read: a look at a week, /today/, balance, the desk or the coach's pages changes no
session that exists; it makes a week's sessions once, when none exist, from this week to a
year ahead, never in the past."""

import datetime as dt

import pytest
import time_machine

from programs.bounds import latest_date
from programs.generation import assignments_in_week, generate_week
from programs.models import Prescription, Session, SessionPrescription
from programs.week_page import load_week
from programs.weeks import IsoWeek

W48 = IsoWeek(2026, 48)
# Wednesday 25 November 2026, 10:00 in Paris: Monday's Day 1 is past, Thursday's Day 2 ahead.
WEDNESDAY = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def copies(athlete) -> list[tuple]:
    return list(
        SessionPrescription.objects.filter(session__athlete=athlete)
        .order_by("session__date", "order")
        .values_list("pk", "session__date", "reps_max")
    )


def _edit_the_template():
    """A coach's edit of every slot: an untrained session would get new copies."""
    Prescription.objects.update(reps_max=20)


PAGES = [
    "/week/2026-W48/",
    "/week/2026-W46/",
    "/today/",
    "/balance/",
    "/",
]


@pytest.mark.parametrize("url", PAGES)
def test_an_athletes_page_changes_no_session_that_exists(client, athlete, url):
    for week in (W48.shifted(-2), W48):
        generate_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
    before = copies(athlete)
    _edit_the_template()
    client.force_login(athlete)

    assert client.get(url, follow=True).status_code == 200

    assert copies(athlete) == before


@pytest.mark.parametrize(
    "path", ["/coach/", "/coach/athletes/{pk}/", "/coach/athletes/{pk}/week/2026-W46/"]
)
def test_the_desk_and_the_coachs_pages_change_no_session_that_exists(client, coach, athlete, path):
    for week in (W48.shifted(-2), W48):
        generate_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
    before = copies(athlete)
    _edit_the_template()
    client.force_login(coach)

    assert client.get(path.format(pk=athlete.pk)).status_code == 200

    assert copies(athlete) == before


def test_a_missed_session_two_weeks_ago_keeps_what_was_prescribed(client, athlete):
    """Opened after a template edit, the missed week still shows what was planned then."""
    missed = W48.shifted(-2)
    generate_week(assignments=assignments_in_week(missed, athlete=athlete), week=missed)
    _edit_the_template()
    client.force_login(athlete)

    html = client.get(f"/week/{missed}/").content.decode()

    assert "4 × 5–8" in html and "4 × 5–20" not in html
    # Nor does the daily command run on that week change it.
    generate_week(assignments=assignments_in_week(missed, athlete=athlete), week=missed)
    assert set(SessionPrescription.objects.values_list("reps_max", flat=True)) != {20}


def test_a_look_at_a_past_week_makes_nothing(client, athlete):
    client.force_login(athlete)

    html = client.get(f"/week/{W48.shifted(-2)}/").content.decode()

    assert "No sessions this week" in html
    assert not Session.objects.exists()


def test_the_first_look_at_this_week_makes_it_whole_once(client, athlete):
    """No daily command: the first look makes the week, Monday's missed session included
    (it can still be logged late); the next look makes nothing new."""
    client.force_login(athlete)

    client.get(f"/week/{W48}/")
    made = copies(athlete)
    client.get(f"/week/{W48}/")

    assert [date for date in Session.objects.values_list("date", flat=True)] == [
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 26),
    ]
    assert copies(athlete) == made


def test_a_look_makes_weeks_up_to_a_year_ahead_and_no_further(athlete):
    last = IsoWeek.of(latest_date(today=TODAY))
    beyond = last.shifted(1)

    load_week(athlete=athlete, week=last, today=TODAY)
    load_week(athlete=athlete, week=beyond, today=TODAY)
    load_week(athlete=athlete, week=IsoWeek(2126, 1), today=TODAY)

    dates = list(Session.objects.values_list("date", flat=True))
    assert dates and all(date <= latest_date(today=TODAY) for date in dates)


# The login's two and today's session: what a read of it costs.
TODAY_QUERIES = 3


def test_today_costs_a_read_once_the_week_is_made(client, athlete, django_assert_num_queries):
    client.force_login(athlete)
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC), tick=False):
        first = client.get("/today/")  # Thursday, Day 2: makes the week
        thursday = Session.objects.get(athlete=athlete, date=dt.date(2026, 11, 26))
        assert first["Location"] == f"/sessions/{thursday.pk}/"

        with django_assert_num_queries(TODAY_QUERIES):
            again = client.get("/today/")

    assert again["Location"] == f"/sessions/{thursday.pk}/"
    assert Session.objects.filter(athlete=athlete).count() == 2


def test_today_on_a_rest_day_looks_once_more_and_makes_nothing_new(
    client, athlete, django_assert_num_queries
):
    client.force_login(athlete)
    client.get("/today/")  # Wednesday, a rest day: makes the week
    made = copies(athlete)

    # Today's (or the next) session, then whether the week is made.
    with django_assert_num_queries(TODAY_QUERIES + 1):
        response = client.get("/today/")

    assert response.status_code == 200
    assert "Rest day" in response.content.decode()
    assert copies(athlete) == made
