"""The everyday changes a coach makes from the desk, each recorded in Django's admin log.

The admin log already holds the admin's edits of assignments and adjustments, so one
record answers "who changed what, when" wherever the change was made. Every change here
brings the athlete's sessions from today on in line, and leaves a session with a logged
set as it was (generation never touches one).
"""

import datetime as dt

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from coaching.models import CoachNote
from coaching.note_emails import mail_note
from programs.generation import regenerate_from
from programs.models import (
    OVERLAP_MESSAGE,
    Assignment,
    Prescription,
    PrescriptionOverride,
    Session,
    SessionPrescription,
)

# English constants (the tests compare them), translated where they are raised.
START_IN_THE_PAST_MESSAGE = gettext_noop(
    "A program already running changes from today at the earliest: pick today or a later date."
)
NOTE_ELSEWHERE_MESSAGE = gettext_noop("That exercise is not in this session.")
CHANGE_HISTORY_LENGTH = 30
# The history's lines are written in the language of the one who makes the change: a
# record, kept as it was said, like a note.
ASSIGNED = gettext_noop("Assigned {assignment}")
CHANGED = gettext_noop("Changed the program to {assignment}")


def record(*, by, obj, message: str, action=CHANGE) -> LogEntry:
    return LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[obj],
        action_flag=action,
        change_message=message,
        single_object=True,
    )


def _day(date: dt.date) -> str:
    """“07 Dec 2026”, the month in the current language."""
    return date_format(date, "d M Y")


def _describe(assignment: Assignment) -> str:
    return _("{program} on {day_one} and {day_two} from {start}").format(
        program=assignment.program,
        day_one=assignment.get_weekday_one_display(),
        day_two=assignment.get_weekday_two_display(),
        start=_day(assignment.start_date),
    )


@transaction.atomic
def assign_program(
    *,
    athlete,
    program,
    weekday_one: int,
    weekday_two: int,
    start_date: dt.date,
    unit: str,
    by,
    today: dt.date,
) -> Assignment:
    """Give the athlete a program, or change the one they follow.

    A program not started yet changes in place; one already running ends the day before
    the new start, so the weeks trained keep the program they were trained on. Raises
    ValueError (START_IN_THE_PAST_MESSAGE) for a running program changed in the past.
    """
    current = Assignment.objects.select_for_update().open().filter(athlete=athlete).first()
    fields = {"program": program, "weekday_one": weekday_one, "weekday_two": weekday_two}
    if current is not None and current.start_date < today:
        if start_date < today:
            raise ValueError(_(START_IN_THE_PAST_MESSAGE))
        current.end_date = max(start_date - dt.timedelta(days=1), current.start_date)
        current.save(update_fields=["end_date"])
        ended = _("Ended: followed by a change on {day}.").format(day=_day(start_date))
        record(by=by, obj=current, message=ended)
        assignment = Assignment.objects.create(
            athlete=athlete, coach=current.coach or by, start_date=start_date, **fields
        )
        action, verb = ADDITION, CHANGED
    elif current is not None:
        for name, value in fields.items():
            setattr(current, name, value)
        current.start_date = start_date
        if current.overlapping().exists():
            raise ValueError(_(str(OVERLAP_MESSAGE)))
        current.save(update_fields=[*fields, "start_date"])
        assignment, action, verb = current, CHANGE, CHANGED
    else:
        assignment = Assignment(athlete=athlete, coach=by, start_date=start_date, **fields)
        # After an ended program, a start on its days would be two programs at once.
        if assignment.overlapping().exists():
            raise ValueError(_(str(OVERLAP_MESSAGE)))
        assignment.save()
        action, verb = ADDITION, ASSIGNED
    message = _(verb).format(assignment=_describe(assignment))
    if athlete.unit != unit:
        athlete.change_settings(unit=unit, time_zone=athlete.time_zone)
        message = _("{change}; loads in {unit}").format(change=message, unit=unit)
    record(by=by, obj=assignment, message=message + ".", action=action)
    regenerate_from(athlete=athlete, today=today)
    return assignment


def sessions_ending(*, assignment: Assignment, today: dt.date):
    """The sessions that ending the program today removes: from today on, no set logged."""
    return Session.objects.filter(assignment=assignment, date__gte=today).exclude(
        prescriptions__set_logs__isnull=False
    )


@transaction.atomic
def end_assignment(*, assignment: Assignment, by, today: dt.date) -> None:
    """The athlete stops the program today: their sessions from today on that have no
    logged set go. A program that never started goes altogether."""
    ahead = list(
        Session.objects.filter(assignment=assignment, date__gte=today)
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Their copies locked before the logged sets are read, as generation does: a tick locks
    # its copy, so a set it answered is seen here and keeps its session.
    list(SessionPrescription.objects.filter(session__in=ahead).select_for_update().order_by("pk"))
    sessions_ending(assignment=assignment, today=today).filter(pk__in=ahead).delete()
    if assignment.start_date >= today and not assignment.sessions.exists():
        removed = _("Removed {assignment}.").format(assignment=_describe(assignment))
        record(by=by, obj=assignment, message=removed, action=DELETION)
        assignment.delete()
        return
    assignment.end_date = max(today - dt.timedelta(days=1), assignment.start_date)
    assignment.save(update_fields=["end_date"])
    record(
        by=by, obj=assignment, message=_("Ended on {day}.").format(day=_day(assignment.end_date))
    )


def _dose_text(values: dict, exercise) -> str:
    sets = (
        str(values["sets_min"])
        if values["sets_min"] == values["sets_max"]
        else f"{values['sets_min']}–{values['sets_max']}"
    )
    reps = (
        str(values["reps_min"])
        if values["reps_min"] == values["reps_max"]
        else f"{values['reps_min']}–{values['reps_max']}"
    )
    rir = (
        str(values["rir_min"])
        if values["rir_min"] == values["rir_max"]
        else f"{values['rir_min']}–{values['rir_max']}"
    )
    return _("{exercise} {sets} × {reps}, RIR {rir}, rest {rest} s").format(
        exercise=exercise, sets=sets, reps=reps, rir=rir, rest=values["rest_seconds"]
    )


@transaction.atomic
def adjust_prescription(
    *, athlete, prescription: Prescription, exercise, values: dict, by, today: dt.date
) -> PrescriptionOverride | None:
    """The athlete's own version of a template's slot, for their sessions from today on.

    Only what differs from the template is kept, so the rest follows later template edits;
    values equal to the template's remove the adjustment.
    """
    changed = {
        name: value
        for name, value in values.items()
        if name in PrescriptionOverride.OVERRIDDEN_FIELDS and value != getattr(prescription, name)
    }
    swapped = exercise if exercise.pk != prescription.exercise_id else None
    existing = PrescriptionOverride.objects.filter(athlete=athlete, prescription=prescription)
    where = _("{template}, slot {order}").format(
        template=prescription.day_template, order=prescription.order
    )
    assignment = Assignment.objects.filter(athlete=athlete).order_by("-start_date", "-pk").first()
    if not changed and swapped is None:
        if existing.exists():
            existing.delete()
            back = _("{where}: back to the template.").format(where=where)
            record(by=by, obj=assignment, message=back)
            regenerate_from(athlete=athlete, today=today)
        return None
    override, _created = PrescriptionOverride.objects.update_or_create(
        athlete=athlete,
        prescription=prescription,
        defaults={
            "starts_on": today,
            "exercise": swapped,
            **{name: changed.get(name) for name in PrescriptionOverride.OVERRIDDEN_FIELDS},
        },
    )
    record(
        by=by,
        obj=assignment,
        message=_("{where} adjusted from {day}: {dose}.").format(
            where=where, day=_day(today), dose=_dose_text(values, exercise)
        ),
    )
    regenerate_from(athlete=athlete, today=today)
    return override


def add_note(
    *, session: Session, prescription_id: int | None, text: str, by, site: str
) -> CoachNote:
    """Raises ValueError (NOTE_ELSEWHERE_MESSAGE) for an exercise of another session.
    ``site``: the absolute root of the links in the athlete's e-mail (note_emails)."""
    prescription = None
    if prescription_id is not None:
        prescription = SessionPrescription.objects.filter(
            pk=prescription_id, session=session
        ).first()
        if prescription is None:
            raise ValueError(_(NOTE_ELSEWHERE_MESSAGE))
    note = CoachNote.objects.create(
        session=session,
        prescription=prescription,
        exercise=prescription.performed_exercise if prescription else None,
        author=by,
        text=text,
    )
    mail_note(note=note, athlete=session.athlete, site=site)
    return note


def change_history(*, athlete) -> QuerySet:
    """The admin log's entries on the athlete's assignments and adjustments, newest first:
    the desk's changes and the admin's alike."""

    def ids(queryset):
        return queryset.annotate(text_id=Cast("pk", CharField())).values("text_id")

    types = ContentType.objects.get_for_models(Assignment, PrescriptionOverride)
    return (
        LogEntry.objects.filter(
            Q(
                content_type=types[Assignment],
                object_id__in=ids(Assignment.objects.filter(athlete=athlete)),
            )
            | Q(
                content_type=types[PrescriptionOverride],
                object_id__in=ids(PrescriptionOverride.objects.filter(athlete=athlete)),
            )
        )
        .select_related("user")
        .order_by("-action_time", "-pk")[:CHANGE_HISTORY_LENGTH]
    )
