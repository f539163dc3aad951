"""The athlete's notes: one per set, sent with the set, and one per exercise of a session;
both bounded, shown in the history and to the coach reading the session."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tests.test_tick import HTMX, tick_data
from tracking.models import (
    EXERCISE_NOTE_MAX_LENGTH,
    EXERCISE_NOTE_TOO_LONG_MESSAGE,
    SET_NOTE_MAX_LENGTH,
    SET_NOTE_TOO_LONG_MESSAGE,
    ExerciseNote,
    SetLog,
)

W48 = IsoWeek(2026, 48)
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def day_one(athlete, other_athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return Session.objects.get(athlete=athlete, date=W48.monday)


@pytest.fixture
def squat(day_one):
    return SessionPrescription.objects.get(session=day_one, order=1)


def note_url(slot) -> str:
    return reverse("exercise_note", args=[slot.session_id, slot.pk])


def tick(client, slot, **fields):
    return client.post(reverse("tick", args=[slot.session_id]), tick_data(slot, **fields), **HTMX)


# A note on an exercise of the session


def test_the_athlete_writes_a_note_on_an_exercise(client, athlete, squat):
    client.force_login(athlete)

    response = client.post(note_url(squat), {"text": "  Knee fine at depth.  "})

    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{squat.session_id}/#card-{squat.pk}"
    note = ExerciseNote.objects.get()
    assert (note.prescription, note.text, note.updated_at) == (
        squat,
        "Knee fine at depth.",
        MONDAY_MORNING,
    )


def test_a_second_note_on_the_slot_edits_the_first(client, athlete, squat):
    client.force_login(athlete)
    client.post(note_url(squat), {"text": "Knee fine."})

    client.post(note_url(squat), {"text": "Knee fine; heels lifted on set 4."})

    assert list(ExerciseNote.objects.values_list("text", flat=True)) == [
        "Knee fine; heels lifted on set 4."
    ]


def test_an_emptied_note_is_removed(client, athlete, squat):
    client.force_login(athlete)
    client.post(note_url(squat), {"text": "Knee fine."})

    assert client.post(note_url(squat), {"text": "   "}).status_code == 302

    assert not ExerciseNote.objects.exists()


def test_a_note_too_long_is_refused_with_its_message_and_nothing_written(client, athlete, squat):
    client.force_login(athlete)
    client.post(note_url(squat), {"text": "Knee fine."})

    response = client.post(note_url(squat), {"text": "x" * (EXERCISE_NOTE_MAX_LENGTH + 1)})

    assert response.status_code == 400
    assert EXERCISE_NOTE_TOO_LONG_MESSAGE.replace("'", "&#x27;") in response.content.decode()
    assert list(ExerciseNote.objects.values_list("text", flat=True)) == ["Knee fine."]


def test_a_note_at_the_bound_is_kept(client, athlete, squat):
    client.force_login(athlete)
    client.post(note_url(squat), {"text": "x" * EXERCISE_NOTE_MAX_LENGTH})
    assert len(ExerciseNote.objects.get().text) == EXERCISE_NOTE_MAX_LENGTH


def test_with_htmx_the_note_answers_its_fold_and_a_refusal_the_flash(client, athlete, squat):
    client.force_login(athlete)

    saved = client.post(note_url(squat), {"text": "Knee fine."}, **HTMX)
    refused = client.post(note_url(squat), {"text": "x" * 501}, **HTMX)

    assert saved.status_code == 200
    assert 'class="exercise-note"' in saved.content.decode()
    assert "Your note: Knee fine." in saved.content.decode()
    assert refused.status_code == 400 and refused["HX-Retarget"] == "#flash"


@pytest.mark.parametrize("who", ["other_athlete", "coach"])
def test_a_note_on_someone_elses_session_is_not_found(client, squat, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(note_url(squat), {"text": "Mine now."}).status_code == 404
    assert not ExerciseNote.objects.exists()


def test_a_note_on_another_sessions_slot_is_not_found(client, athlete, squat):
    thursday = SessionPrescription.objects.get(
        session__athlete=athlete, session__day_number=2, order=1
    )
    client.force_login(athlete)
    url = reverse("exercise_note", args=[squat.session_id, thursday.pk])
    assert client.post(url, {"text": "Hi"}).status_code == 404
    assert not ExerciseNote.objects.exists()


def test_the_note_url_only_answers_post(client, athlete, squat):
    client.force_login(athlete)
    assert client.get(note_url(squat)).status_code == 405


# PostgreSQL refuses a value longer than its varchar (DataError) before the check runs.
REFUSED = (IntegrityError, DataError)


def test_the_database_holds_one_bounded_non_empty_note_per_slot(squat):
    ExerciseNote.objects.create(prescription=squat, text="Fine.")
    for fields in (
        {"prescription": squat, "text": "Again."},
        {"prescription": squat.session.prescriptions.get(order=2), "text": ""},
        {"prescription": squat.session.prescriptions.get(order=3), "text": "x" * 501},
    ):
        with pytest.raises(REFUSED), transaction.atomic():
            ExerciseNote.objects.create(**fields)


# A note on a set


def test_a_note_typed_on_the_set_is_logged_with_it(client, athlete, squat):
    client.force_login(athlete)

    response = tick(client, squat, note="Grip slipped on the last rep.")

    assert response.status_code == 200
    assert SetLog.objects.get().note == "Grip slipped on the last rep."
    assert 'value="Grip slipped on the last rep."' in response.content.decode()


def test_a_set_note_too_long_is_refused_with_its_message_and_nothing_logged(client, athlete, squat):
    client.force_login(athlete)

    response = tick(client, squat, note="x" * (SET_NOTE_MAX_LENGTH + 1))

    assert response.status_code == 400
    assert SET_NOTE_TOO_LONG_MESSAGE.replace("'", "&#x27;") in response.content.decode()
    assert not SetLog.objects.exists()


def test_an_edit_changes_the_note_and_an_edit_without_one_keeps_it(client, athlete, squat):
    logged = log_set_on(squat)
    client.force_login(athlete)
    url = reverse("edit_set", args=[squat.session_id, logged.uuid])
    values = {"reps": "8", "load": "100", "rir": "2"}

    client.post(url, {**values, "note": "Felt heavy."}, **HTMX)
    logged.refresh_from_db()
    assert logged.note == "Felt heavy."

    client.post(url, {**values, "rir": "1"}, **HTMX)  # a form with no note field
    logged.refresh_from_db()
    assert (logged.note, logged.rir) == ("Felt heavy.", 1)


def test_the_database_holds_a_set_note_to_its_length(squat):
    with pytest.raises(REFUSED), transaction.atomic():
        SetLog.objects.create(
            uuid=uuid.uuid4(),
            prescription=squat,
            exercise_id=squat.exercise_id,
            set_number=1,
            reps=8,
            load_kg=100,
            rir=2,
            note="x" * (SET_NOTE_MAX_LENGTH + 1),
        )


# Where the notes are read


@pytest.fixture
def noted(squat):
    logged = log_set_on(squat)
    logged.note = "Grip slipped."
    logged.save(update_fields=["note"])
    ExerciseNote.objects.create(prescription=squat, text="Knee fine at depth.")
    return squat


def test_the_coach_reads_both_notes_on_the_session(client, coach, noted):
    client.force_login(coach)
    page = client.get(f"/coach/sessions/{noted.session_id}/").content.decode()
    assert "athlete's note:</span> Knee fine at depth." in page
    assert '<span class="muted">Note:</span> Grip slipped.' in page
    assert 'name="text"' not in page.split('id="notes"')[0]  # no note form for the coach
    assert 'name="note"' not in page


def test_the_athlete_sees_both_notes_on_their_session(client, athlete, noted):
    client.force_login(athlete)
    page = client.get(f"/sessions/{noted.session_id}/").content.decode()
    assert "Your note: Knee fine at depth." in page
    assert "Note: Grip slipped." in page


def test_the_exercise_history_shows_both_notes(client, athlete, noted):
    client.force_login(athlete)
    page = client.get(f"/progress/{noted.exercise_id}/").content.decode()
    assert "100 kg × 8 @ RIR 2 · “Grip slipped.”" in page
    assert '<span class="muted">Note:</span> Knee fine at depth.' in page
