"""Notes as a conversation: the athlete answers their coach's note in one line, the coach
reads the thread on the athlete's page, and each side edits or deletes only its own."""

import datetime as dt

from django.db.models import Exists, Q, QuerySet

from coaching.models import CoachNote, NoteReply
from coaching.note_emails import mail_answer, mail_note


def reply_to_note(*, note: CoachNote, text: str, by, at: dt.datetime, site: str) -> NoteReply:
    """An answer is a reading too: the note leaves the athlete's unread ones. ``site``: the
    absolute root of the links in the coach's e-mail (note_emails)."""
    note.mark_read(at=at)
    reply = NoteReply.objects.create(note=note, author=by, text=text, created_at=at)
    mail_answer(reply=reply, site=site)
    return reply


def add_athlete_note(*, athlete, text: str, by, site: str) -> CoachNote:
    """A note on the athlete in general, with no session: on their week page and today's
    session until read. ``site``: as for reply_to_note."""
    note = CoachNote.objects.create(athlete=athlete, author=by, text=text)
    mail_note(note=note, athlete=athlete, site=site)
    return note


def notes_of(athlete) -> Q:
    """The athlete's notes: on their sessions and on them in general."""
    return Q(session__athlete=athlete) | Q(athlete=athlete)


def thread_of(*, athlete) -> QuerySet:
    """The coach's notes to the athlete with their answers, newest first: two queries."""
    return (
        CoachNote.objects.filter(notes_of(athlete))
        .select_related("session")
        .order_by("-created_at", "-pk")
    )


def mark_answers_read(*, athlete, at: dt.datetime) -> int:
    """The coach opened the thread: the athlete's answers in it are read."""
    return NoteReply.objects.filter(
        Q(note__session__athlete=athlete) | Q(note__athlete=athlete),
        author=athlete,
        read_at__isnull=True,
    ).update(read_at=at)


def unread_answers(athlete_ref) -> Exists:
    """Whether the athlete (an OuterRef to them) has an answer their coach has not read:
    folded into the desk's athlete query, so the desk costs no query more."""
    return Exists(
        NoteReply.objects.filter(author=athlete_ref, read_at__isnull=True).filter(
            Q(note__session__athlete=athlete_ref) | Q(note__athlete=athlete_ref)
        )
    )


def edit_text(*, item: CoachNote | NoteReply, text: str) -> None:
    item.text = text
    item.save(update_fields=["text"])
