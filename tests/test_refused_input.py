"""Numbers and weeks typed into URLs and forms: refused with a 4xx or ignored, never a 500.

Each case here once answered 500 (issue 13, point 9): "²".isdigit() is true and int("²")
raises, int() refuses 5,000 digits, and a week of year 9999 has no next week.
"""

import datetime as dt
import uuid
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Prescription, Session, SessionPrescription
from programs.weeks import IsoWeek
from tracking.forms import NOT_IN_SESSION_MESSAGE, REPS_MESSAGE, SET_NUMBER_MESSAGE
from tracking.models import SetLog
from tracking.session_page import set_numbers_to_draw

# Monday 23 November 2026, 10:00 in Paris (the athlete's time zone).
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
W48 = IsoWeek(2026, 48)
HTMX = {"HTTP_HX_REQUEST": "true"}
HUGE = pytest.param("9" * 5000, id="5000-digits")
NOT_ASCII = ["²", "٣", "３", "1²"]


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def squat(athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    session = Session.objects.get(athlete=athlete, date=W48.monday)
    return SessionPrescription.objects.get(session=session, order=1)


def tick(client, slot, **overrides):
    data = {
        "uuid": str(uuid.uuid4()),
        "prescription": str(slot.pk),
        "set_number": "1",
        "reps": "8",
        "load": "100",
        "rir": "2",
    } | overrides
    return client.post(reverse("tick", args=[slot.session_id]), data, **HTMX)


@pytest.mark.parametrize("value", [*NOT_ASCII, HUGE, "-1", "", " "])
def test_a_set_number_that_is_not_plain_digits_is_refused(client, athlete, squat, value):
    client.force_login(athlete)

    response = tick(client, squat, set_number=value)

    assert response.status_code == 400
    assert str(SET_NUMBER_MESSAGE) in response.content.decode()
    assert not SetLog.objects.exists()


@pytest.mark.parametrize("value", [*NOT_ASCII, HUGE, "-1"])
def test_a_prescription_that_is_not_plain_digits_is_refused(client, athlete, squat, value):
    client.force_login(athlete)

    response = tick(client, squat, prescription=value)

    assert response.status_code == 400
    assert str(NOT_IN_SESSION_MESSAGE) in response.content.decode()
    assert not SetLog.objects.exists()


@pytest.mark.parametrize("value", ["٣", "３", HUGE])
def test_reps_in_other_digits_are_refused_not_read(client, athlete, squat, value):
    # Django's IntegerField read "٣" as 3: a set the athlete did not type.
    client.force_login(athlete)

    response = tick(client, squat, reps=value)

    assert response.status_code == 400
    assert str(REPS_MESSAGE) in response.content.decode()
    assert not SetLog.objects.exists()


@pytest.mark.parametrize("value", [*NOT_ASCII, HUGE, "-3", ""])
def test_more_rows_asked_with_a_bad_number_are_not_drawn(client, athlete, squat, value):
    client.force_login(athlete)

    response = client.get(reverse("session", args=[squat.session_id]), {"more": value})

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="set-{squat.pk}-4"' in html and f'id="set-{squat.pk}-5"' not in html


@pytest.mark.parametrize("value", [*NOT_ASCII, HUGE])
def test_the_adjust_page_ignores_a_bad_session_to_go_back_to(
    client, coach, athlete, program, value
):
    slot = Prescription.objects.get(day_template=program.day_one, order=1)
    client.force_login(coach)
    url = reverse("coach_adjust", args=[athlete.pk, slot.pk])

    response = client.get(url, {"session": value})

    assert response.status_code == 200
    assert "/coach/sessions/" not in response.content.decode()


def week_urls(athlete, iso_week: str) -> list[str]:
    iso_week = quote(iso_week)
    return [f"/week/{iso_week}/", f"/coach/athletes/{athlete.pk}/week/{iso_week}/"]


@pytest.mark.parametrize(
    "iso_week",
    [
        "9999-W52",  # no week after it
        "0001-W01",  # no week before it
        "1899-W52",
        "2200-W01",
        "2027-W49",  # a year and a bit ahead
        "2126-W01",  # a century ahead, which generated sessions
        "٢٠٢٦-W48",  # Arabic-Indic digits that int() reads as 2026
        "2026-W48\n",
    ],
)
def test_weeks_out_of_reach_are_not_found(client, athlete, coach, iso_week):
    for url, who in zip(week_urls(athlete, iso_week), [athlete, coach], strict=True):
        client.force_login(who)

        assert client.get(url).status_code == 404, url

    assert not Session.objects.filter(date__gt=dt.date(2027, 12, 31)).exists()


@pytest.mark.parametrize(
    "iso_week",
    ["1900-W01", "2020-W01", "2026-W01", "2026-W48", "2027-W47"],
)
def test_past_weeks_and_the_year_ahead_stay_readable(client, athlete, coach, iso_week):
    for url, who in zip(week_urls(athlete, iso_week), [athlete, coach], strict=True):
        client.force_login(who)

        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("sets_max", "logged", "extra", "drawn"),
    [
        (4, [], 0, [1, 2, 3, 4]),
        (4, [1, 2], 0, [1, 2, 3, 4]),
        (4, [], 2, [1, 2, 3, 4, 5, 6]),
        (3, [5], 0, [1, 2, 3, 5]),
        (3, [5], 2, [1, 2, 3, 4, 5, 6]),
        (18, [], 10, list(range(1, 21))),
        (3, [99_999_999_999_999], 0, [1, 2, 3, 99_999_999_999_999]),
        (900, [], 0, list(range(1, 21))),
    ],
    ids=["prescribed", "some-logged", "two-more", "an-extra-logged", "blanks-fill-the-gap",
         "no-more-than-20", "a-huge-set-number-is-one-row", "a-huge-set-count"],
)  # fmt: skip
def test_the_session_page_draws_the_sets_prescribed_logged_and_asked_for(
    sets_max, logged, extra, drawn
):
    assert set_numbers_to_draw(sets_max=sets_max, logged=logged, extra=extra) == drawn


def test_the_session_page_draws_an_extra_set_logged_without_the_gap_before_it(
    client, athlete, squat
):
    # The squat is 4 sets: a sixth logged from another phone is drawn, the fifth is not.
    SetLog.objects.create(
        uuid=uuid.uuid4(),
        prescription=squat,
        exercise=squat.exercise,
        set_number=6,
        reps=8,
        load_kg=100,
        rir=2,
    )
    client.force_login(athlete)

    html = client.get(reverse("session", args=[squat.session_id])).content.decode()

    drawn = [n for n in range(1, 21) if f'id="set-{squat.pk}-{n}"' in html]
    assert drawn == [1, 2, 3, 4, 6]
