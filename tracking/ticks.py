"""Writing sets: a tick, an edit, an undo. Plain functions; the views only call them."""

import uuid as uuid_module
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count

from programs.models import Session, SessionPrescription
from programs.progress import Progress, progress_of
from tracking.models import SetLog

UUID_TAKEN_MESSAGE = "This set's id is already used: reload the page and log it again."
SESSION_CHANGED_MESSAGE = (
    "This session changed while you logged the set (a new plan or new weekdays): "
    "reload the page and log it again."
)


class TickRefused(Exception):
    """The tick cannot be recorded; the message says why, for the athlete."""


@dataclass(frozen=True)
class Tick:
    set_log: SetLog
    created: bool
    # Another tick (another phone, another id) already logged this set number.
    already_logged: bool = False


def log_set(
    *,
    prescription: SessionPrescription,
    uuid: uuid_module.UUID,
    set_number: int,
    reps: int | None,
    reps_left: int | None,
    reps_right: int | None,
    load_kg: Decimal,
    rir: int,
) -> Tick:
    """Record a set once: a repeated or racing post with the same UUID returns the first.

    The unique constraints decide, not a check before the insert, so two racing posts
    cannot both write. The prescription's row is locked first, as generation locks it
    before it reads which sessions are started (programs/generation.py): a set answered
    here is one that generation sees, never one it re-copies away.
    """
    try:
        with transaction.atomic():
            if not _lock_prescription(prescription):
                raise TickRefused(SESSION_CHANGED_MESSAGE)
            created = SetLog.objects.create(
                uuid=uuid,
                prescription=prescription,
                exercise=prescription.performed_exercise,
                set_number=set_number,
                reps=reps,
                reps_left=reps_left,
                reps_right=reps_right,
                load_kg=load_kg,
                rir=rir,
            )
        return Tick(set_log=created, created=True)
    except IntegrityError:
        pass
    same_uuid = SetLog.objects.filter(uuid=uuid).first()
    if same_uuid is not None:
        if same_uuid.prescription_id != prescription.pk:
            raise TickRefused(UUID_TAKEN_MESSAGE)
        return Tick(set_log=same_uuid, created=False)
    same_number = SetLog.objects.filter(prescription=prescription, set_number=set_number).first()
    if same_number is None:  # the row that conflicted was undone in the meantime
        raise TickRefused(UUID_TAKEN_MESSAGE)
    return Tick(set_log=same_number, created=False, already_logged=True)


def _lock_prescription(prescription: SessionPrescription) -> bool:
    """Lock the prescription's row for this transaction; False when it is gone (re-copied
    or removed by generation since the page was drawn).

    NO KEY UPDATE: a delete of the row waits for this transaction, and this one waits for
    a delete under way; ticks need nothing else locked, so they cannot deadlock with it.
    """
    return (
        SessionPrescription.objects.select_for_update(no_key=True)
        .filter(pk=prescription.pk)
        .values_list("pk", flat=True)
        .first()
        is not None
    )


def edit_set(
    *,
    set_log: SetLog,
    reps: int | None,
    reps_left: int | None,
    reps_right: int | None,
    load_kg: Decimal,
    rir: int,
) -> SetLog:
    set_log.reps, set_log.reps_left, set_log.reps_right = reps, reps_left, reps_right
    set_log.load_kg, set_log.rir = load_kg, rir
    set_log.save(update_fields=["reps", "reps_left", "reps_right", "load_kg", "rir"])
    return set_log


def undo_set(*, set_log: SetLog) -> None:
    set_log.delete()


def session_progress(*, session: Session) -> Progress:
    counts = (
        SessionPrescription.objects.filter(session=session)
        .annotate(logged=Count("set_logs"))
        .values_list("sets_min", "logged")
    )
    return progress_of(list(counts))
