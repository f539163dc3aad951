"""A coach's way around: where they land, which tabs they get, and ending a program only
after a confirmation page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from programs.models import Assignment, Session
from programs.weeks import IsoWeek
from tests.coaching_setup import TODAY, generate
from tests.conftest import PASSWORD, log_set_on, make_user

TABS = 'aria-label="Main"'
DESK_LINK = f'href="{reverse("coach_desk")}"'


def test_coach_who_does_not_train_lands_on_the_desk(client, coach):
    response = client.post(reverse("login"), {"username": "coach", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("coach_desk")


def test_home_takes_a_coach_who_does_not_train_to_the_desk(client, coach):
    client.force_login(coach)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse("coach_desk")


def test_home_takes_a_coach_who_trains_to_their_week(client, coach, program):
    Assignment.objects.create(athlete=coach, program=program, start_date=dt.date(2026, 1, 5))
    client.force_login(coach)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith("/week/")


def test_home_takes_an_athlete_to_their_week(client, athlete):
    client.force_login(athlete)

    response = client.get(reverse("home"))

    assert response.url.startswith("/week/")


def test_coach_who_does_not_train_gets_no_athlete_tabs(client, coach):
    client.force_login(coach)

    page = client.get(reverse("coach_desk")).content.decode()

    assert TABS not in page
    assert DESK_LINK in page
    assert 'class="brand" href="/"' in page


def test_coach_who_trains_keeps_their_tabs_and_the_desk(client, coach, program):
    Assignment.objects.create(athlete=coach, program=program, start_date=dt.date(2026, 1, 5))
    client.force_login(coach)

    page = client.get(reverse("coach_desk")).content.decode()

    assert TABS in page
    assert DESK_LINK in page


def test_coach_who_trained_once_keeps_their_tabs(client, coach, program):
    Assignment.objects.create(
        athlete=coach,
        program=program,
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 2, 1),
    )
    client.force_login(coach)

    page = client.get(reverse("account")).content.decode()

    assert TABS in page


def test_athlete_gets_tabs_and_no_desk(client, athlete):
    client.force_login(athlete)

    page = client.get(reverse("account")).content.decode()

    assert TABS in page
    assert DESK_LINK not in page


def test_staff_who_does_not_coach_or_train_gets_no_tabs(client, db):
    client.force_login(make_user("clerk", is_staff=True))

    page = client.get(reverse("account")).content.decode()

    assert TABS not in page
    assert DESK_LINK not in page


def test_the_header_costs_a_coach_one_query(client, coach, django_assert_num_queries):
    client.force_login(coach)
    client.get(reverse("account"))  # warm: session and user

    # session, user, the page's two, and the header's one for both facts (as before the
    # tabs asked: the Desk link's query now answers them too)
    with django_assert_num_queries(5) as queries:
        client.get(reverse("account"))
    assert sum("Coaches" in query["sql"] for query in queries.captured_queries) == 1


# Ending a program: a page that asks, then the POST.


@pytest.fixture
def week_ahead(athlete):
    with time_machine.travel(TODAY, tick=False):
        this_week = IsoWeek.of(TODAY.date())
        generate([this_week], athlete=athlete)
        yield this_week


def test_end_asks_first_and_writes_nothing(client, coach, athlete, week_ahead):
    client.force_login(coach)
    sessions = Session.objects.filter(athlete=athlete).count()

    response = client.get(reverse("coach_end", args=[athlete.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "End athlete's program?" in page
    assert "ends today, Monday 23 Nov 2026" in page
    assert "Mon 23 Nov · Day 1" in page
    assert Session.objects.filter(athlete=athlete).count() == sessions
    assert athlete.assignments.get().end_date is None


def test_end_post_ends_the_program(client, coach, athlete, week_ahead):
    client.force_login(coach)
    trained = Session.objects.filter(athlete=athlete).first()
    log_set_on(trained.prescriptions.first())

    response = client.post(reverse("coach_end", args=[athlete.pk]))

    assert response.status_code == 302
    assert athlete.assignments.get().end_date == dt.date(2026, 11, 22)
    assert list(Session.objects.filter(athlete=athlete, date__gte=TODAY.date())) == [trained]


def test_athlete_page_links_to_the_confirmation(client, coach, athlete):
    client.force_login(coach)

    page = client.get(reverse("coach_athlete", args=[athlete.pk])).content.decode()

    assert f'href="{reverse("coach_end", args=[athlete.pk])}"' in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_end_another_coachs_athlete_is_404(client, other_coach, athlete, method):
    client.force_login(other_coach)

    response = getattr(client, method)(reverse("coach_end", args=[athlete.pk]))

    assert response.status_code == 404
    assert athlete.assignments.get().end_date is None


def test_end_without_a_program_is_404(client, coach, athlete):
    athlete.assignments.all().delete()
    client.force_login(coach)

    assert client.get(reverse("coach_end", args=[athlete.pk])).status_code == 404


def test_end_refuses_other_methods(client, coach, athlete):
    client.force_login(coach)

    assert client.put(reverse("coach_end", args=[athlete.pk])).status_code == 405
