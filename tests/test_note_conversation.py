"""Notes as a conversation: the athlete answers a note in one line, a note can be on the
athlete in general, the coach reads the thread on the athlete's page and the desk marks
athletes with unread answers; each author edits and deletes their own only."""

import datetime as dt

import pytest
import time_machine
from django.db import DataError, IntegrityError, transaction

from coaching.models import REPLY_MAX_LENGTH, CoachNote, NoteReply
from programs.weeks import IsoWeek
from tests.coaching_setup import generate, train
from tests.test_coaching_desk import DESK_QUERIES, athlete_of

WEEK = IsoWeek(2026, 48)
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TEXT = "Push the last two sets closer to failure."
GENERAL = "Sleep eight hours before a heavy day."


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def session(athlete, other_athlete):
    generate([WEEK])
    return athlete.sessions.get(day_number=1)


@pytest.fixture
def note(session, coach) -> CoachNote:
    return CoachNote.objects.create(session=session, author=coach, text=TEXT)


@pytest.fixture
def general(athlete, coach) -> CoachNote:
    return CoachNote.objects.create(athlete=athlete, author=coach, text=GENERAL)


def reply_of(note, athlete, text="Will do.") -> NoteReply:
    return NoteReply.objects.create(note=note, author=athlete, text=text)


# The answer


def test_the_athlete_answers_in_one_line_and_the_note_is_read(client, athlete, note):
    client.force_login(athlete)
    page = client.get(f"/sessions/{note.session_id}/").content.decode()
    assert f'action="/notes/{note.pk}/reply/"' in page and '<span class="tag">new</span>' in page

    response = client.post(
        f"/notes/{note.pk}/reply/", {"text": "  Will do.  ", "next": f"/week/{WEEK}/"}
    )

    assert response.status_code == 302 and response["Location"] == f"/week/{WEEK}/"
    answer = NoteReply.objects.get()
    assert (answer.note, answer.author, answer.text) == (note, athlete, "Will do.")
    note.refresh_from_db()
    assert note.read_at == MONDAY_MORNING
    assert TEXT not in client.get(f"/week/{WEEK}/").content.decode()


@pytest.mark.parametrize("text", ["", "   ", "x" * (REPLY_MAX_LENGTH + 1)])
def test_an_empty_or_long_answer_is_refused_and_writes_nothing(client, athlete, note, text):
    client.force_login(athlete)

    response = client.post(f"/notes/{note.pk}/reply/", {"text": text})

    assert response.status_code == 400
    assert b'class="error"' in response.content
    assert not NoteReply.objects.exists()
    note.refresh_from_db()
    assert note.read_at is None


def test_an_answer_of_the_longest_length_is_kept(client, athlete, note):
    client.force_login(athlete)
    client.post(f"/notes/{note.pk}/reply/", {"text": "x" * REPLY_MAX_LENGTH})
    assert NoteReply.objects.get().text == "x" * REPLY_MAX_LENGTH


def test_someone_elses_note_is_not_there_to_answer(client, other_athlete, coach, note):
    for user in (other_athlete, coach):
        client.force_login(user)
        assert client.post(f"/notes/{note.pk}/reply/", {"text": "Hi"}).status_code == 404
    assert not NoteReply.objects.exists()


@pytest.mark.parametrize("text", ["", "x" * (REPLY_MAX_LENGTH + 1)])
def test_the_database_refuses_an_empty_or_long_answer(athlete, note, text):
    # PostgreSQL's varchar refuses a long one first (DataError), SQLite's check after.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        reply_of(note, athlete, text)


# Notes on the athlete in general


def test_a_note_is_on_a_session_or_on_the_athlete_not_both_nor_neither(athlete, coach, session):
    squat = session.prescriptions.get(order=1)
    for fields in (
        {},
        {"session": session, "athlete": athlete},
        {"athlete": athlete, "prescription": squat},
        {"athlete": athlete, "exercise": squat.exercise},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            CoachNote.objects.create(author=coach, text="x", **fields)


def test_a_general_note_is_on_this_weeks_page_and_todays_session_marked_new(
    client, athlete, session, general
):
    assert session.date == dt.date(2026, 11, 23)  # today, in Paris
    client.force_login(athlete)
    for url in (f"/week/{WEEK}/", f"/sessions/{session.pk}/"):
        page = client.get(url).content.decode()
        top = page.split('id="general-notes"', 1)[1].split("</section>", 1)[0]
        assert GENERAL in top and '<span class="tag">new</span>' in top
        assert f'action="/notes/{general.pk}/read/"' in top
        assert f'action="/notes/{general.pk}/reply/"' in top
    thursday = athlete.sessions.get(day_number=2)
    assert GENERAL not in client.get(f"/sessions/{thursday.pk}/").content.decode()


def test_a_general_note_read_leaves_the_pages(client, athlete, session, general):
    client.force_login(athlete)
    response = client.post(f"/notes/{general.pk}/read/")
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert GENERAL not in client.get(f"/week/{WEEK}/").content.decode()
    assert GENERAL not in client.get(f"/sessions/{session.pk}/").content.decode()


def test_a_general_note_is_not_another_athletes(client, other_athlete, general):
    client.force_login(other_athlete)
    assert GENERAL not in client.get(f"/week/{WEEK}/").content.decode()
    assert client.post(f"/notes/{general.pk}/read/").status_code == 404
    assert client.post(f"/notes/{general.pk}/reply/", {"text": "Hi"}).status_code == 404


def test_the_coach_leaves_a_general_note_from_the_athletes_page(client, athlete, coach):
    client.force_login(coach)
    response = client.post(f"/coach/athletes/{athlete.pk}/notes/", {"text": GENERAL})
    assert response.status_code == 302
    note = CoachNote.objects.get()
    assert (note.athlete, note.session, note.author) == (athlete, None, coach)
    assert client.post(f"/coach/athletes/{athlete.pk}/notes/", {"text": " "}).status_code == 400
    assert CoachNote.objects.count() == 1


def test_another_coach_cannot_leave_a_note_on_the_athlete(client, athlete, other_coach):
    client.force_login(other_coach)
    response = client.post(f"/coach/athletes/{athlete.pk}/notes/", {"text": GENERAL})
    assert response.status_code == 404
    assert not CoachNote.objects.exists()


# The coach's side: the thread and the desk's marker


def test_the_athletes_page_shows_the_thread_newest_first_then_reads_the_answers(
    client, athlete, coach, note, general
):
    reply_of(note, athlete, "On it, coach.")
    note.mark_read(at=MONDAY_MORNING)
    client.force_login(coach)

    page = client.get(f"/coach/athletes/{athlete.pk}/").content.decode()

    thread = page.split('id="thread"', 1)[1].split("</section>", 1)[0]
    assert thread.index(GENERAL) < thread.index(TEXT)  # newest first
    assert "In general" in thread and "read 23 Nov" in thread and "unread" in thread
    assert '<span class="tag">new</span> On it, coach.' in thread
    assert NoteReply.objects.get().read_at == MONDAY_MORNING
    again = client.get(f"/coach/athletes/{athlete.pk}/").content.decode()
    assert '<span class="tag">new</span> On it, coach.' not in again


def test_the_desk_marks_an_athlete_with_an_unread_answer(client, athlete, coach, note):
    client.force_login(coach)
    assert "New answer" not in client.get("/coach/").content.decode()
    reply_of(note, athlete)
    assert "New answer" in client.get("/coach/").content.decode()
    client.get(f"/coach/athletes/{athlete.pk}/")
    assert "New answer" not in client.get("/coach/").content.decode()


def test_a_general_notes_answer_marks_the_desk_too(client, athlete, coach, general):
    reply_of(general, athlete)
    client.force_login(coach)
    assert "New answer" in client.get("/coach/").content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_the_desk_with_unread_answers_runs_a_fixed_number_of_queries(
    client, coach, program, count, django_assert_num_queries
):
    for number in range(count):
        user = athlete_of(coach, program, f"lifter{number:02d}")
        train(user, weeks=[WEEK.shifted(-1)])
        session = user.sessions.first()
        on_session = CoachNote.objects.create(session=session, author=coach, text=TEXT)
        in_general = CoachNote.objects.create(athlete=user, author=coach, text=GENERAL)
        reply_of(on_session if number % 2 else in_general, user)
    client.force_login(coach)
    client.get("/coach/")  # the first look makes this week's sessions

    with django_assert_num_queries(DESK_QUERIES):
        response = client.get("/coach/")

    assert response.content.decode().count("New answer") == count


# Edited and deleted by their author only


def test_the_coach_edits_and_deletes_their_own_note(client, athlete, coach, note):
    client.force_login(coach)
    assert TEXT in client.get(f"/coach/notes/{note.pk}/edit/").content.decode()
    response = client.post(f"/coach/notes/{note.pk}/edit/", {"text": "Lighter today."})
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#thread"
    note.refresh_from_db()
    assert note.text == "Lighter today."
    assert client.post(f"/coach/notes/{note.pk}/edit/", {"text": ""}).status_code == 400
    note.refresh_from_db()
    assert note.text == "Lighter today."

    assert client.post(f"/coach/notes/{note.pk}/delete/").status_code == 302
    assert not CoachNote.objects.exists()


def test_only_the_author_edits_or_deletes_a_note(
    client, athlete, other_coach, coach, note, django_user_model
):
    superuser = django_user_model.objects.create_superuser("boss", password="x")
    for user in (athlete, other_coach, superuser):
        client.force_login(user)
        assert client.get(f"/coach/notes/{note.pk}/edit/").status_code == 404
        assert client.post(f"/coach/notes/{note.pk}/edit/", {"text": "x"}).status_code == 404
        assert client.post(f"/coach/notes/{note.pk}/delete/").status_code == 404
    note.refresh_from_db()
    assert note.text == TEXT


def test_the_athlete_edits_and_deletes_their_own_answer(client, athlete, note):
    answer = reply_of(note, athlete)
    client.force_login(athlete)
    page = client.get(f"/sessions/{note.session_id}/").content.decode()
    assert f'href="/replies/{answer.pk}/edit/"' in page
    assert client.post(f"/replies/{answer.pk}/edit/", {"text": "Done."}).status_code == 302
    answer.refresh_from_db()
    assert answer.text == "Done."
    long = "x" * (REPLY_MAX_LENGTH + 1)
    assert client.post(f"/replies/{answer.pk}/edit/", {"text": long}).status_code == 400
    answer.refresh_from_db()
    assert answer.text == "Done."
    assert client.post(f"/replies/{answer.pk}/delete/").status_code == 302
    assert not NoteReply.objects.exists()


def test_only_the_author_edits_or_deletes_an_answer(client, athlete, other_athlete, coach, note):
    answer = reply_of(note, athlete)
    for user in (other_athlete, coach):
        client.force_login(user)
        assert client.get(f"/replies/{answer.pk}/edit/").status_code == 404
        assert client.post(f"/replies/{answer.pk}/edit/", {"text": "x"}).status_code == 404
        assert client.post(f"/replies/{answer.pk}/delete/").status_code == 404
    answer.refresh_from_db()
    assert answer.text == "Will do."
