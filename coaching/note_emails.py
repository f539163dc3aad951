"""E-mail for the conversation, when NOTE_EMAILS is on: a coach's new note reaches the
athlete's inbox, an athlete's answer reaches the coach's. Optional, never required: the
note is the row, the mail only points to it. It leaves after the transaction commits, so
a note rolled back is never announced, and a mail server that is down is logged and
changes nothing (the note stays saved, the page answers as usual). Edits and deletes send
nothing."""

import functools
import logging
import smtplib
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from coaching.models import CoachNote, NoteReply
from programs.today import athlete_today
from programs.weeks import IsoWeek

logger = logging.getLogger(__name__)


def _name(user) -> str:
    if user is None:
        return "Your coach"
    return user.get_full_name() or user.username


def _send(*, subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except (OSError, smtplib.SMTPException):
        logger.exception("A note e-mail could not be sent; the note itself is saved.")


def _send_after_commit(*, subject: str, body: str, to: str) -> None:
    # robust: whatever else goes wrong in sending, the committed note's page still answers.
    transaction.on_commit(functools.partial(_send, subject=subject, body=body, to=to), robust=True)


def mail_note(*, note: CoachNote, athlete, site: str) -> None:
    """The athlete hears of their coach's new note, with a link to where it is shown: its
    session, or their week page for a note in general. ``site`` is the absolute root the
    links start from (the request's, as for invitations)."""
    if not settings.NOTE_EMAILS or not athlete.email:
        return
    coach = _name(note.author)
    if note.session_id is None:
        where = ""
        path = reverse("week", args=[str(IsoWeek.of(athlete_today(athlete)))])
    else:
        where = f" on your session of {note.session.date:%a %d %b}"
        if note.exercise_id is not None:
            where = f" on {note.exercise.name} in your session of {note.session.date:%a %d %b}"
        path = reverse("session", args=[note.session_id]) + "#notes"
    body = (
        f"{coach} left you a note{where}:\n\n{note.text}\n\n"
        f"Read it and answer in one line:\n{urljoin(site, path)}\n"
    )
    _send_after_commit(subject=f"A note from {coach}", body=body, to=athlete.email)


def mail_answer(*, reply: NoteReply, site: str) -> None:
    """The note's author (the coach) hears of the athlete's answer, with a link to the
    thread on their page of the athlete."""
    coach = reply.note.author
    if not settings.NOTE_EMAILS or coach is None or not coach.email:
        return
    athlete = _name(reply.author)
    path = reverse("coach_athlete", args=[reply.author_id]) + "#thread"
    body = (
        f"{athlete} answered your note.\n\n"
        f"Your note: {reply.note.text}\n"
        f"Their answer: {reply.text}\n\n"
        f"The thread:\n{urljoin(site, path)}\n"
    )
    _send_after_commit(subject=f"{athlete} answered your note", body=body, to=coach.email)
