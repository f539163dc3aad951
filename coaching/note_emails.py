"""E-mail for the conversation, when NOTE_EMAILS is on: a coach's new note reaches the
athlete's inbox, an athlete's answer reaches the coach's. Optional, never required: the
note is the row, the mail only points to it. It leaves after the transaction commits, so
a note rolled back is never announced, and a mail server that is down is logged and
changes nothing (the note stays saved, the page answers as usual). Edits and deletes send
nothing."""

import contextlib
import functools
import logging
import smtplib
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coaching.models import CoachNote, NoteReply
from programs.today import athlete_today
from programs.weeks import IsoWeek

logger = logging.getLogger(__name__)


def _name(user) -> str:
    if user is None:
        return _("Your coach")
    return user.get_full_name() or user.username


def _send(*, subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except (OSError, smtplib.SMTPException):
        logger.exception("A note e-mail could not be sent; the note itself is saved.")


def _send_after_commit(*, subject: str, body: str, to: str) -> None:
    # robust: whatever else goes wrong in sending, the committed note's page still answers.
    transaction.on_commit(functools.partial(_send, subject=subject, body=body, to=to), robust=True)


def _in_language_of(user):
    """A mail reads in its reader's chosen language; with none chosen, in the one the page
    that sent it was in (their browser's is not known here)."""
    return translation.override(user.language) if user.language else contextlib.nullcontext()


def mail_note(*, note: CoachNote, athlete, site: str) -> None:
    """The athlete hears of their coach's new note, with a link to where it is shown: its
    session, or their week page for a note in general. ``site`` is the absolute root the
    links start from (the request's, as for invitations)."""
    if not settings.NOTE_EMAILS or not athlete.email:
        return
    with _in_language_of(athlete):
        _mail_note(note=note, athlete=athlete, site=site)


def _mail_note(*, note: CoachNote, athlete, site: str) -> None:
    coach = _name(note.author)
    if note.session_id is None:
        where = ""
        path = reverse("week", args=[str(IsoWeek.of(athlete_today(athlete)))])
    else:
        # The weekday and month in the language the mail is written in.
        day = date_format(note.session.date, "D d M")
        where = _(" on your session of {day}").format(day=day)
        if note.exercise_id is not None:
            where = _(" on {exercise} in your session of {day}").format(
                exercise=note.exercise.shown_name, day=day
            )
        path = reverse("session", args=[note.session_id]) + "#notes"
    body = _(
        "{coach} left you a note{where}:\n\n{text}\n\nRead it and answer in one line:\n{link}\n"
    ).format(coach=coach, where=where, text=note.text, link=urljoin(site, path))
    subject = _("A note from {coach}").format(coach=coach)
    _send_after_commit(subject=subject, body=body, to=athlete.email)


def mail_answer(*, reply: NoteReply, site: str) -> None:
    """The note's author (the coach) hears of the athlete's answer, with a link to the
    thread on their page of the athlete."""
    coach = reply.note.author
    if not settings.NOTE_EMAILS or coach is None or not coach.email:
        return
    with _in_language_of(coach):
        _mail_answer(reply=reply, coach=coach, site=site)


def _mail_answer(*, reply: NoteReply, coach, site: str) -> None:
    athlete = _name(reply.author)
    path = reverse("coach_athlete", args=[reply.author_id]) + "#thread"
    body = _(
        "{athlete} answered your note.\n\nYour note: {note}\nTheir answer: {answer}\n\n"
        "The thread:\n{link}\n"
    ).format(athlete=athlete, note=reply.note.text, answer=reply.text, link=urljoin(site, path))
    subject = _("{athlete} answered your note").format(athlete=athlete)
    _send_after_commit(subject=subject, body=body, to=coach.email)
