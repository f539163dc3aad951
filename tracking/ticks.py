"""Writing sets: a tick, an edit, an undo. Plain functions; the views only call them."""

import uuid as uuid_module
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count

from accounts.models import User
from programs.models import Session, SessionPrescription
from programs.progress import Progress, progress_of
from tracking.models import SetLog, UndoneSet

UUID_TAKEN_MESSAGE = "This set's id is already used: reload the page and log it again."
UNDONE_MESSAGE = "This set was undone, so it was not logged again. Log it anew if you did train it."
SESSION_GONE_MESSAGE = "This session no longer exists, so the set could not be saved."
SET_GONE_MESSAGE = "This set is no longer logged (it was undone), so there is nothing to change."
SESSION_CHANGED_MESSAGE = (
    "This session changed while you logged the set (a new plan or new weekdays): "
    "reload the page and log it again."
)


class TickRefused(Exception):
    """The tick cannot be recorded; the message says why, for the athlete."""

    status = 400


class SetUndone(TickRefused):
    """A late replay of a tick whose set was undone since: gone for good."""

    status = 410

    def __init__(self) -> None:
        super().__init__(UNDONE_MESSAGE)


class SessionGone(TickRefused):
    """The set's session went while the tick was on its way (the account was deleted)."""

    status = 404

    def __init__(self) -> None:
        super().__init__(SESSION_GONE_MESSAGE)


class SetGone(Exception):
    """An edit or an undo of a set that another request has just undone."""

    def __init__(self) -> None:
        super().__init__(SET_GONE_MESSAGE)


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
    note: str = "",
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
                # Gone with its session (the account was deleted), or re-copied by a
                # change of plan while the session stays.
                if not Session.objects.filter(pk=prescription.session_id).exists():
                    raise SessionGone
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
                note=note,
            )
            _refuse_if_undone(uuid)
        return Tick(set_log=created, created=True)
    except IntegrityError:
        pass
    same_uuid = SetLog.objects.filter(uuid=uuid).first()
    if same_uuid is not None:
        if same_uuid.prescription_id != prescription.pk:
            raise TickRefused(UUID_TAKEN_MESSAGE)
        return Tick(set_log=same_uuid, created=False)
    _refuse_if_undone(uuid)
    same_number = SetLog.objects.filter(prescription=prescription, set_number=set_number).first()
    if same_number is not None:
        return Tick(set_log=same_number, created=False, already_logged=True)
    # The row that conflicted is gone: with its session (asked after, so a deletion that
    # took both in between is seen), or undone in the meantime.
    if not SessionPrescription.objects.filter(pk=prescription.pk).exists():
        raise SessionGone
    raise TickRefused(UUID_TAKEN_MESSAGE)


def _refuse_if_undone(uuid: uuid_module.UUID) -> None:
    """Asked after the insert, in its transaction: an undo that committed while the insert
    waited on the UUID's unique index is seen, so the set cannot come back between them."""
    if UndoneSet.objects.filter(uuid=uuid).exists():
        raise SetUndone


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
    note: str | None = None,
) -> SetLog:
    """Change a logged set in place; SetGone when an undo took it first. A note of None
    keeps the set's note (a form that did not send one).

    One UPDATE, which takes the row's lock: it waits for an undo in progress and then
    finds nothing, where a save() of the loaded row would fail on the missing row."""
    values = {
        "reps": reps,
        "reps_left": reps_left,
        "reps_right": reps_right,
        "load_kg": load_kg,
        "rir": rir,
    }
    if note is not None:
        values["note"] = note
    if not SetLog.objects.filter(pk=set_log.pk).update(**values):
        raise SetGone
    for name, value in values.items():
        setattr(set_log, name, value)
    return set_log


@transaction.atomic
def undo_set(*, set_log: SetLog, athlete: User) -> None:
    """Delete the set and remember its UUID; SetGone when another undo took it first.

    The DELETE locks the row, so of two racing undos (or an undo and an edit) the second
    waits, then deletes nothing, and only the first records the UUID."""
    deleted, _ = SetLog.objects.filter(pk=set_log.pk).delete()
    if not deleted:
        raise SetGone
    UndoneSet.objects.create(uuid=set_log.uuid, athlete=athlete)


def session_progress(*, session: Session) -> Progress:
    counts = (
        SessionPrescription.objects.filter(session=session)
        .annotate(logged=Count("set_logs"))
        .values_list("sets_min", "logged")
    )
    return progress_of(list(counts))
