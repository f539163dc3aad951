"""Writing sets: a tick, an edit, an undo. Plain functions; the views only call them."""

import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists
from django.utils.translation import gettext_lazy

from accounts.models import User
from programs.access import find_prescription_for_athlete
from programs.models import Session, SessionPrescription
from programs.progress import Progress, progress_of
from tracking.models import SetLog, UndoneSet

UUID_TAKEN_MESSAGE = gettext_lazy(
    "This set's id is already used: reload the page and log it again."
)
UNDONE_MESSAGE = gettext_lazy(
    "This set was undone, so it was not logged again. Log it anew if you did train it."
)
SESSION_GONE_MESSAGE = gettext_lazy("This session no longer exists, so the set could not be saved.")
SET_GONE_MESSAGE = gettext_lazy(
    "This set is no longer logged (it was undone), so there is nothing to change."
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


class PrescriptionNotFound(Exception):
    """No such prescription in the athlete's session: it never was, a change of plan
    re-copied it, or it went with its session. The caller says which (404 or 400)."""


@dataclass(frozen=True)
class SetValues:
    """A set as posted, once read against its prescription (per leg or not, the unit)."""

    uuid: uuid_module.UUID
    set_number: int
    reps: int | None
    reps_left: int | None
    reps_right: int | None
    load_kg: Decimal
    rir: int
    note: str = ""
    actual_rir: int | None = None  # a test set's reps after the stop


@dataclass(frozen=True)
class Tick:
    set_log: SetLog
    created: bool
    # Another tick (another phone, another id) already logged this set number.
    already_logged: bool = False
    # The session's, read in the insert's transaction; None on the slow paths.
    progress: Progress | None = None


def log_set(
    *,
    athlete: User,
    session_id: int,
    prescription_id: str | None,
    read: Callable[[SessionPrescription], SetValues | None],
) -> Tick | None:
    """Record a set once: a repeated or racing post with the same UUID returns the first.

    The athlete's prescription is loaded and its row locked in one statement, as generation
    locks it before it reads which sessions are started (programs/generation.py): a set
    answered here is one that generation sees, never one it re-copies away. ``read`` turns
    the post into values against that prescription; None (bad input) writes nothing and
    returns None. The unique constraints decide, not a check before the insert, so two
    racing posts cannot both write.
    """
    try:
        with transaction.atomic():
            prescription = find_prescription_for_athlete(
                athlete=athlete, session_id=session_id, prescription_id=prescription_id, lock=True
            )
            if prescription is None:
                raise PrescriptionNotFound
            values = read(prescription)
            if values is None:
                return None
            created = SetLog.objects.create(
                prescription=prescription, exercise=prescription.performed_exercise, **vars(values)
            )
            progress = _progress_unless_undone(session_id=session_id, uuid=values.uuid)
        return Tick(set_log=created, created=True, progress=progress)
    except IntegrityError:
        pass
    return _after_conflict(prescription=prescription, values=values)


def _after_conflict(*, prescription: SessionPrescription, values: SetValues) -> Tick:
    """The insert met a unique constraint, its transaction (and the lock) gone: say why."""
    same_uuid = SetLog.objects.filter(uuid=values.uuid).first()
    if same_uuid is not None:
        if same_uuid.prescription_id != prescription.pk:
            raise TickRefused(UUID_TAKEN_MESSAGE)
        return Tick(set_log=same_uuid, created=False)
    _refuse_if_undone(values.uuid)
    same_number = SetLog.objects.filter(
        prescription=prescription, set_number=values.set_number
    ).first()
    if same_number is not None:
        return Tick(set_log=same_number, created=False, already_logged=True)
    # The row that conflicted is gone: with its session (asked after, so a deletion that
    # took both in between is seen), or undone in the meantime.
    if not SessionPrescription.objects.filter(pk=prescription.pk).exists():
        raise SessionGone
    raise TickRefused(UUID_TAKEN_MESSAGE)


def _refuse_if_undone(uuid: uuid_module.UUID) -> None:
    if UndoneSet.objects.filter(uuid=uuid).exists():
        raise SetUndone


def _progress_unless_undone(*, session_id: int, uuid: uuid_module.UUID) -> Progress:
    """The session's progress with the new set, and whether its UUID was undone: one read,
    after the insert and in its transaction, so an undo that committed while the insert
    waited on the UUID's unique index is seen and the set cannot come back between them.
    SetUndone rolls the insert back."""
    counts = list(
        SessionPrescription.objects.filter(session_id=session_id)
        .annotate(logged=Count("set_logs"), undone=Exists(UndoneSet.objects.filter(uuid=uuid)))
        .values_list("sets_min", "logged", "undone")
    )
    if any(undone for _, _, undone in counts):
        raise SetUndone
    return progress_of([(planned, logged) for planned, logged, _ in counts])


def edit_set(
    *,
    set_log: SetLog,
    reps: int | None,
    reps_left: int | None,
    reps_right: int | None,
    load_kg: Decimal,
    rir: int,
    note: str | None = None,
    actual_rir: int | None = None,
) -> SetLog:
    """Change a logged set in place; SetGone when an undo took it first. A note of None
    keeps the set's note (a form that did not send one); ``actual_rir`` is the set's
    as edited (None: not a test set).

    One UPDATE, which takes the row's lock: it waits for an undo in progress and then
    finds nothing, where a save() of the loaded row would fail on the missing row."""
    values = {
        "reps": reps,
        "reps_left": reps_left,
        "reps_right": reps_right,
        "load_kg": load_kg,
        "rir": rir,
        "actual_rir": actual_rir,
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
