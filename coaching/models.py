"""What a coach leaves for an athlete: a short note on a session or on one of its exercises."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from programs.models import Exercise, Session, SessionPrescription

NOTE_MAX_LENGTH = 500


class CoachNoteManager(models.Manager):
    # The session page lists a session's notes through the reverse relation: this keeps
    # what each note shows (its author, its exercise) in the same query.
    def get_queryset(self):
        return super().get_queryset().select_related("author", "exercise")


class CoachNote(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="coach_notes")
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
                violation_error_message="A note needs some text.",
            ),
        ]

    def __str__(self) -> str:
        return f"Note on {self.session}: {self.text[:40]}"

    def mark_read(self, *, at) -> None:
        """The first "Got it" is the read time: a second tap (another tab) keeps it."""
        if self.read_at is None:
            self.read_at = at
            CoachNote.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=at)
