"""The athlete's notes: one per exercise of a session, written, edited or cleared."""

import datetime as dt

from programs.models import SessionPrescription
from tracking.models import ExerciseNote


def save_exercise_note(
    *, prescription: SessionPrescription, text: str, now: dt.datetime
) -> ExerciseNote | None:
    """The slot's note becomes text; an empty text removes it (None)."""
    if not text:
        ExerciseNote.objects.filter(prescription=prescription).delete()
        return None
    note, _ = ExerciseNote.objects.update_or_create(
        prescription=prescription, defaults={"text": text, "updated_at": now}
    )
    return note
