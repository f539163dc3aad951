"""The coach's notes stay at the top of the session and on the week page until the
athlete taps "Got it"; their coach sees whether each was read."""

import datetime as dt

import pytest
import time_machine

from coaching.models import CoachNote
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.test_week_page import WEEK_PAGE_QUERIES

WEEK = IsoWeek(2026, 48)
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TEXT = "Push the last two sets closer to failure."


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def note(athlete, other_athlete, coach) -> CoachNote:
    generate([WEEK])
    session = athlete.sessions.get(day_number=1)
    squat = session.prescriptions.get(order=1)
    return CoachNote.objects.create(
        session=session,
        prescription=squat,
        exercise=squat.performed_exercise,
        author=coach,
        text=TEXT,
    )


def read_url(note: CoachNote) -> str:
    return f"/notes/{note.pk}/read/"


def test_an_unread_note_is_at_the_top_of_the_session_with_got_it(client, athlete, note):
    client.force_login(athlete)
    page = client.get(f"/sessions/{note.session_id}/").content.decode()
    top = page.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert TEXT in top
    assert f'action="{read_url(note)}"' in top and ">Got it</button>" in top


def test_an_unread_note_is_on_the_week_page(client, athlete, note):
    client.force_login(athlete)
    page = client.get(f"/week/{WEEK}/").content.decode()
    assert TEXT in page and f'action="{read_url(note)}"' in page
    assert f'name="next" value="/week/{WEEK}/"' in page


def test_got_it_marks_it_read_and_it_leaves_the_top_and_the_week(client, athlete, note):
    client.force_login(athlete)

    response = client.post(read_url(note), {"next": f"/week/{WEEK}/"})

    assert response.status_code == 302 and response["Location"] == f"/week/{WEEK}/"
    note.refresh_from_db()
    assert note.read_at == MONDAY_MORNING
    assert TEXT not in client.get(f"/week/{WEEK}/").content.decode()
    session_page = client.get(f"/sessions/{note.session_id}/").content.decode()
    assert 'id="notes-title"' not in session_page  # no longer at the top
    folded = session_page.split('class="read-notes"', 1)[1].split("</details>", 1)[0]
    assert TEXT in folded and "Got it" not in folded


def test_got_it_twice_keeps_the_first_read_time(client, athlete, note):
    client.force_login(athlete)
    client.post(read_url(note))
    with time_machine.travel(MONDAY_MORNING + dt.timedelta(hours=1), tick=False):
        client.post(read_url(note))
    note.refresh_from_db()
    assert note.read_at == MONDAY_MORNING


def test_got_it_goes_back_to_the_session_not_to_another_site(client, athlete, note):
    client.force_login(athlete)
    response = client.post(read_url(note), {"next": "https://evil.example/"})
    assert response["Location"] == f"/sessions/{note.session_id}/#notes"


def test_got_it_with_htmx_answers_nothing_to_swap_in(client, athlete, note):
    client.force_login(athlete)
    response = client.post(read_url(note), headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("who", ["other_athlete", "coach", "other_coach"])
def test_someone_elses_note_is_not_found_and_stays_unread(client, note, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(read_url(note)).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_got_it_only_answers_post(client, athlete, note):
    client.force_login(athlete)
    assert client.get(read_url(note)).status_code == 405
    note.refresh_from_db()
    assert note.read_at is None


def test_the_coach_sees_whether_each_note_was_read(client, athlete, coach, note):
    client.force_login(coach)
    assert "not read yet" in client.get(f"/coach/sessions/{note.session_id}/").content.decode()
    note.mark_read(at=MONDAY_MORNING)
    page = client.get(f"/coach/sessions/{note.session_id}/").content.decode()
    assert "read 23 Nov" in page and "Got it" not in page


def test_the_week_page_fetches_notes_only_when_one_is_unread(
    client, athlete, note, django_assert_num_queries
):
    client.force_login(athlete)
    with django_assert_num_queries(WEEK_PAGE_QUERIES + 2):  # the unread notes, their answers
        client.get(f"/week/{WEEK}/")
    note.mark_read(at=MONDAY_MORNING)
    with django_assert_num_queries(WEEK_PAGE_QUERIES):
        client.get(f"/week/{WEEK}/")
