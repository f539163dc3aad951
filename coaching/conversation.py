"""Notes as a conversation: the athlete answers their coach's note in one line, the coach
reads the thread on the athlete's page, and each side edits or deletes only its own."""

import datetime as dt

from django.db.models import Exists, Q, QuerySet

from coaching.models import CoachNote, NoteReply


def reply_to_note(*, note: CoachNote, text: str, by, at: dt.datetime) -> NoteReply:
    """An answer is a reading too: the note leaves the athlete's unread ones."""
    note.mark_read(at=at)
    return NoteReply.objects.create(note=note, author=by, text=text, created_at=at)


def add_athlete_note(*, athlete, text: str, by) -> CoachNote:
    """A note on the athlete in general, with no session: on their week page and today's
    session until read."""
    return CoachNote.objects.create(athlete=athlete, author=by, text=text)


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
