"""What a coach leaves for an athlete: a short note on a session, on one of its exercises
or on the athlete in general, and the athlete's one-line answers to it."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from programs.models import Exercise, Session, SessionPrescription

NOTE_MAX_LENGTH = 500
# One line on a phone: an answer, not a second note.
REPLY_MAX_LENGTH = 200


class CoachNoteManager(models.Manager):
    # The session page lists a session's notes through the reverse relation: this keeps
    # what each note shows (its author, its exercise) in the same query.
    def get_queryset(self):
        # The replies come with them (one query more, and only when there is a note).
        return (
            super().get_queryset().select_related("author", "exercise").prefetch_related("replies")
        )


class CoachNote(models.Model):
    # Empty: a note on the athlete in general (athlete set, no exercise): shown on their
    # week page and today's session until read. The constraint keeps it one or the other.
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="coach_notes"
    )
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="general_coach_notes",
    )
    # Empty: a note on the whole session. Set: on one exercise of it (the rule that makes
    # notes checks it is of the same session). A session not trained yet gets fresh copies
    # when its plan changes: the note then stays on the session, naming its exercise.
    prescription = models.ForeignKey(
        SessionPrescription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coach_notes",
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    # When the athlete dismissed it ("Got it"): until then it is shown at the top of the
    # session and on the week page. A reply (a conversation) would be rows of its own.
    read_at = models.DateTimeField(null=True, blank=True)

    objects = CoachNoteManager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="coachnote_text_not_empty",
                violation_error_message=gettext_lazy("A note needs some text."),
            ),
            models.CheckConstraint(
                condition=models.Q(session__isnull=False, athlete__isnull=True)
                | models.Q(
                    session__isnull=True,
                    athlete__isnull=False,
                    prescription__isnull=True,
                    exercise__isnull=True,
                ),
                name="coachnote_on_session_or_athlete",
                violation_error_message=gettext_lazy(
                    "A note is on a session (and maybe one of its exercises) "
                    "or on the athlete in general."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Note on {self.session or self.athlete}: {self.text[:40]}"

    def mark_read(self, *, at) -> None:
        """The first "Got it" is the read time: a second tap (another tab) keeps it."""
        if self.read_at is None:
            self.read_at = at
            CoachNote.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=at)


class NoteReply(models.Model):
    """The athlete's one-line answer to their coach's note; the coach reads it on the
    athlete's page (read_at), and the desk marks the athlete until then."""

    note = models.ForeignKey(CoachNote, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=REPLY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="notereply_text_not_empty",
                violation_error_message=gettext_lazy("An answer needs some text."),
            ),
            # SQLite does not enforce a varchar's length: the check does, everywhere.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), REPLY_MAX_LENGTH),
                name="notereply_text_max_length",
                violation_error_message=format_lazy(
                    gettext_lazy("An answer is at most {count} characters."),
                    count=REPLY_MAX_LENGTH,
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to note {self.note_id}: {self.text[:40]}"
