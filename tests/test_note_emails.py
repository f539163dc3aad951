"""E-mail for the conversation (NOTE_EMAILS): optional, never required. On, a coach's new
note reaches the athlete's inbox and an athlete's answer the coach's, each with an
absolute link to where it is read; off, or with no address, nothing is sent; a mail
server that is down is logged and the note is still saved."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from coaching.conversation import add_athlete_note
from coaching.models import CoachNote, NoteReply
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import make_athlete

WEEK = IsoWeek(2026, 48)
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TEXT = "Push the last two sets closer to failure."


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def on(settings):
    settings.NOTE_EMAILS = True
    return settings


@pytest.fixture
def addressed(athlete, coach):
    athlete.email = "athlete@example.com"
    athlete.save(update_fields=["email"])
    coach.first_name, coach.last_name, coach.email = "Sam", "Coach", "coach@example.com"
    coach.save(update_fields=["first_name", "last_name", "email"])
    return athlete


@pytest.fixture
def session(athlete):
    generate([WEEK])
    return athlete.sessions.get(day_number=1)


def note_on_session(client, session, **fields):
    headers = {key: fields.pop(key) for key in list(fields) if key.startswith("HTTP_")}
    return client.post(f"/coach/sessions/{session.pk}/notes/", {"text": TEXT, **fields}, **headers)


def test_a_note_on_a_session_mails_the_athlete_a_link_to_it(
    client, on, coach, addressed, session, django_capture_on_commit_callbacks
):
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = note_on_session(client, session, prescription="")

    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["athlete@example.com"]
    assert sent.subject == "A note from Sam Coach"
    assert TEXT in sent.body
    assert "Sam Coach left you a note on your session of Mon 23 Nov" in sent.body
    assert f"http://testserver/sessions/{session.pk}/#notes" in sent.body


def test_the_mail_reads_in_the_athletes_chosen_language(
    client, on, coach, addressed, session, django_capture_on_commit_callbacks
):
    """The coach's page is in English; the athlete chose French: their mail is French."""
    addressed.choose_language(language="fr")
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        note_on_session(client, session, prescription="", HTTP_ACCEPT_LANGUAGE="en")

    [sent] = mail.outbox
    with translation.override("fr"):
        subject = gettext("A note from {coach}").format(coach="Sam Coach")
    assert sent.subject == subject != "A note from Sam Coach"
    assert "Sam Coach t'a laissé une note" in sent.body and "lun 23" in sent.body


def test_a_note_on_an_exercise_names_it(
    client, on, coach, addressed, session, django_capture_on_commit_callbacks
):
    squat = session.prescriptions.first()
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        note_on_session(client, session, prescription=squat.pk)

    [sent] = mail.outbox
    assert f"a note on {squat.performed_exercise.name} in your session of" in sent.body


def test_a_general_note_mails_a_link_to_the_athletes_week(
    client, on, coach, addressed, django_capture_on_commit_callbacks
):
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/coach/athletes/{addressed.pk}/notes/", {"text": TEXT})

    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["athlete@example.com"]
    assert f"http://testserver/week/{WEEK}/" in sent.body


def test_an_answer_mails_the_coach_a_link_to_the_thread(
    client, on, coach, addressed, session, django_capture_on_commit_callbacks
):
    note = CoachNote.objects.create(session=session, author=coach, text=TEXT)
    client.force_login(addressed)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/notes/{note.pk}/reply/", {"text": "Will do."})

    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["coach@example.com"]
    assert sent.subject == "athlete answered your note"
    assert "Their answer: Will do." in sent.body
    assert f"Your note: {TEXT}" in sent.body
    assert f"http://testserver/coach/athletes/{addressed.pk}/#thread" in sent.body


def test_off_sends_nothing(client, coach, addressed, session, django_capture_on_commit_callbacks):
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        note_on_session(client, session, prescription="")
        client.post(f"/coach/athletes/{addressed.pk}/notes/", {"text": TEXT})
        client.force_login(addressed)
        client.post(f"/notes/{CoachNote.objects.first().pk}/reply/", {"text": "Will do."})

    assert CoachNote.objects.count() == 2 and NoteReply.objects.count() == 1
    assert mail.outbox == []


def test_no_address_sends_nothing_and_the_note_is_saved(
    client, on, coach, athlete, session, django_capture_on_commit_callbacks
):
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = note_on_session(client, session, prescription="")
        client.force_login(athlete)
        client.post(f"/notes/{CoachNote.objects.get().pk}/reply/", {"text": "Will do."})

    assert response.status_code == 302
    assert CoachNote.objects.get().text == TEXT
    assert NoteReply.objects.get().text == "Will do."
    assert mail.outbox == []  # neither the athlete nor the coach has an address


def test_edits_and_deletes_send_nothing(
    client, on, coach, addressed, session, django_capture_on_commit_callbacks
):
    note = CoachNote.objects.create(session=session, author=coach, text=TEXT)
    reply = NoteReply.objects.create(note=note, author=addressed, text="Will do.")
    client.force_login(addressed)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/replies/{reply.pk}/edit/", {"text": "Done."})
        client.post(f"/replies/{reply.pk}/delete/")
        client.force_login(coach)
        client.post(f"/coach/notes/{note.pk}/edit/", {"text": "Lighter."})
        client.post(f"/coach/notes/{note.pk}/delete/")

    assert not CoachNote.objects.exists()
    assert mail.outbox == []


def test_a_bulk_note_mails_each_athlete(
    client, on, coach, addressed, django_capture_on_commit_callbacks
):
    others = [
        make_athlete(name, coach=coach, email=f"{name}@example.com") for name in ("two", "three")
    ]
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/coach/bulk/",
            {"action": "note", "athletes": [addressed.pk, *(o.pk for o in others)], "text": TEXT},
        )

    assert response.status_code == 302
    assert sorted(sent.to[0] for sent in mail.outbox) == [
        "athlete@example.com",
        "three@example.com",
        "two@example.com",
    ]
    assert all(TEXT in sent.body for sent in mail.outbox)


def test_a_note_rolled_back_is_never_mailed(
    on, coach, addressed, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        add_athlete_note(athlete=addressed, text=TEXT, by=coach, site="http://testserver/")
        raise RuntimeError("refused later in the same transaction")

    assert not CoachNote.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_is_logged_and_the_note_is_saved(
    client, on, coach, addressed, session, caplog
):
    """Transactional: the mail leaves at the real commit, inside the request, as in
    production; the page still answers as usual."""
    on.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    client.force_login(coach)

    note_response = note_on_session(client, session, prescription="")
    bulk_response = client.post(
        "/coach/bulk/", {"action": "note", "athletes": [addressed.pk], "text": "Deload."}
    )
    client.force_login(addressed)
    reply_response = client.post(
        f"/notes/{CoachNote.objects.get(text=TEXT).pk}/reply/", {"text": "Will do."}
    )

    assert note_response.status_code == 302
    assert note_response["Location"] == f"/coach/sessions/{session.pk}/#notes"
    assert bulk_response.status_code == 302 and bulk_response["Location"] == "/coach/"
    assert reply_response.status_code == 302
    assert CoachNote.objects.count() == 2 and NoteReply.objects.count() == 1
    failures = [r for r in caplog.records if r.name == "coaching.note_emails"]
    assert len(failures) == 3
    assert all("could not be sent" in r.getMessage() for r in failures)
