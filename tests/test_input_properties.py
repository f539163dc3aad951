"""Generated input against the tick and the week URL: whatever arrives, never a 5xx.

The cases written by hand (tests/test_refused_input.py) are the ones that once broke;
these look for the next ones: unicode digits, huge numbers, signs, blanks, any text.
Kept to about a hundred examples each so that they run in `make test`.
"""

import uuid
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from programs.weeks import IsoWeek
from tracking.models import SetLog

# The fixtures (the athlete, their session, the logged-in client) hold across examples:
# each example is one more request to the same app, as a user trying things would send.
PROPERTIES = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Digits of other scripts and number-like signs that str.isdigit() or int() accept.
OTHER_DIGITS = st.text(alphabet="²³¹٠١٢٣٤٥٦٧٨٩۰۱۲੩０１２３९", min_size=1, max_size=5)
HUGE_NUMBER = st.integers(min_value=18, max_value=6000).map(lambda length: "9" * length)
NUMBER_LIKE = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers(min_value=-3, max_value=25).map(str),
    OTHER_DIGITS,
    st.sampled_from(["²", "1²", "٣", "１２", "⑤"]),
    HUGE_NUMBER,
    st.sampled_from(["", " ", "-0", "+1", "1.5", "1e3", "0x10", "NaN", "Infinity", "1_000"]),
    # NUL cannot be stored by PostgreSQL; the fields here are numbers, never stored as text.
    st.text(max_size=30),
)


@pytest.fixture
def squat(athlete) -> SessionPrescription:
    week = IsoWeek(2026, 48)
    generate_week(assignments=assignments_in_week(week), week=week)
    session = Session.objects.get(athlete=athlete, date=week.monday)
    return SessionPrescription.objects.get(session=session, order=1)


@pytest.fixture
def athlete_client(client, athlete):
    client.force_login(athlete)
    return client


@PROPERTIES
@given(
    set_number=NUMBER_LIKE,
    # Mostly the slot itself, so that the other fields reach the form.
    prescription=st.one_of(st.just("SQUAT"), st.just("SQUAT"), st.just("SQUAT"), NUMBER_LIKE),
    reps=NUMBER_LIKE,
    load=NUMBER_LIKE,
    rir=NUMBER_LIKE,
    htmx=st.booleans(),
)
def test_a_tick_with_any_numbers_never_fails_the_server(
    athlete_client, squat, set_number, prescription, reps, load, rir, htmx
):
    data = {
        "uuid": str(uuid.uuid4()),
        "prescription": str(squat.pk) if prescription == "SQUAT" else prescription,
        "set_number": set_number,
        "reps": reps,
        "load": load,
        "rir": rir,
    }
    before = SetLog.objects.count()
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = athlete_client.post(reverse("tick", args=[squat.session_id]), data, **extra)

    assert response.status_code < 500
    # A refused tick writes nothing; an accepted one writes at most its set.
    written = SetLog.objects.count() - before
    assert written == 0 if response.status_code >= 400 else written in (0, 1)


@PROPERTIES
@given(more=st.lists(NUMBER_LIKE, max_size=5))
def test_the_session_page_with_any_more_rows_never_fails_the_server(athlete_client, squat, more):
    response = athlete_client.get(reverse("session", args=[squat.session_id]), {"more": more})

    assert response.status_code == 200


WEEK_LIKE = st.one_of(
    # Real weeks of any year, the edges of the calendar most of all.
    st.builds(
        "{:04d}-W{:02d}".format,
        st.one_of(
            st.integers(min_value=0, max_value=9999),
            st.sampled_from([1, 1899, 1900, 2199, 2200, 9999]),
            st.integers(min_value=2020, max_value=2030),
        ),
        st.integers(min_value=0, max_value=54),
    ),
    st.builds("{}-W{}".format, NUMBER_LIKE, NUMBER_LIKE),
    st.text(max_size=20),
)


@PROPERTIES
@given(iso_week=WEEK_LIKE)
def test_any_week_url_never_fails_the_server(client, athlete, coach, iso_week):
    path = quote(iso_week, safe="")
    for who, url in [
        (athlete, f"/week/{path}/"),
        (coach, f"/coach/athletes/{athlete.pk}/week/{path}/"),
    ]:
        client.force_login(who)

        assert client.get(url).status_code in (200, 404), url
