"""Weekly sessions, generated from each athlete's assignment and the day templates.

The rule: Day 1 falls on the assignment's first weekday and Day 2 on its second, within
the assignment's dates. A session keeps copies of its template's prescriptions; while no
set is logged the copies follow the template, and once one is, the session never changes.
An athlete's PrescriptionOverride (a coach's adjustment of one slot) replaces the template's
values in the copies of that athlete's sessions dated from its ``starts_on``.

The past stays as it was: a session dated before the athlete's today is never changed,
re-copied or removed, and once a week has sessions no new one is added before today (a
weekday change on a Wednesday does not invent a missed Tuesday). A week with none at all
is made whole, past days included, so that a late first look or the daily command run
midweek still lets the athlete log Monday's workout. Nothing is made more than a year
ahead (programs.bounds.latest_date).

Which sessions are started is read after their copies' rows are locked, and a tick
locks its copy's row before it writes (tracking/ticks.py): a set is either seen here, and
its session left alone, or written after this transaction, on the rows it left.

Every step works on the whole batch at once, so the number of queries does not grow
with the number of athletes, nor with the number of weeks of one change.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from programs.bounds import latest_date
from programs.models import (
    DOSE_FIELDS,
    Assignment,
    DayTemplate,
    Prescription,
    PrescriptionOverride,
    Session,
    SessionPrescription,
)
from programs.today import athlete_today
from programs.weeks import IsoWeek

COPIED_FIELDS = ["order", *DOSE_FIELDS]


@dataclass(frozen=True)
class PlannedSession:
    assignment: Assignment
    date: dt.date
    day_number: int
    day_template: DayTemplate


def plan_week(*, assignments: Iterable[Assignment], week: IsoWeek) -> list[PlannedSession]:
    """The sessions the assignments call for in a week, without touching the database."""
    return plan_weeks(assignments=assignments, weeks=[week])


def plan_weeks(
    *, assignments: Iterable[Assignment], weeks: Iterable[IsoWeek]
) -> list[PlannedSession]:
    planned: dict[tuple[int, dt.date], PlannedSession] = {}
    weeks = list(weeks)
    for assignment in assignments:
        program = assignment.program
        days = (
            (1, assignment.weekday_one, program.day_one),
            (2, assignment.weekday_two, program.day_two),
        )
        for week in weeks:
            for day_number, weekday, template in days:
                date = week.day(weekday)
                if assignment.covers(date):
                    planned.setdefault(
                        (assignment.athlete_id, date),
                        PlannedSession(assignment, date, day_number, template),
                    )
    return list(planned.values())


def assignments_between(first: dt.date, last: dt.date, **filters):
    """Assignments that cover any day from first to last, with what generation reads of
    them (the athlete for their time zone, hence their today)."""
    return (
        Assignment.objects.covering(first, last)
        .filter(**filters)
        .select_related("athlete", "program__day_one", "program__day_two")
        .order_by("athlete_id", "start_date")
    )


def assignments_in_week(week: IsoWeek, **filters):
    return assignments_between(week.monday, week.sunday, **filters)


def _values(row) -> dict:
    """What a copy takes from a prescription (or holds, for a copy): exercise and dose."""
    return {"exercise_id": row.exercise_id, **{name: getattr(row, name) for name in COPIED_FIELDS}}


def _signature(values: dict, alternative_ids: Iterable[int]) -> tuple:
    return (
        values["exercise_id"],
        frozenset(alternative_ids),
        *(values[name] for name in COPIED_FIELDS),
    )


Overrides = dict[tuple[int, int], PrescriptionOverride]


def _overrides(athlete_ids: set[int], templates: set[DayTemplate]) -> Overrides:
    """Each athlete's own versions of the templates' prescriptions, by (athlete, slot)."""
    rows = PrescriptionOverride.objects.filter(
        athlete_id__in=athlete_ids, prescription__day_template__in=templates
    ).select_related("exercise")
    return {(row.athlete_id, row.prescription_id): row for row in rows}


def _planned_copies(
    by_template: dict[int, list[tuple]], overrides: Overrides, session: Session
) -> list[tuple[Prescription, dict, list[int]]]:
    """The copies a session is to hold: the template's prescriptions, with the athlete's
    overrides that apply on the session's date. A swapped exercise keeps the template's
    own among the alternatives, so the athlete can still pick it."""
    planned = []
    for prescription, alternatives in by_template[session.day_template_id]:
        values = _values(prescription)
        override = overrides.get((session.athlete_id, prescription.pk))
        if override is not None and override.starts_on <= session.date:
            values.update(override.values_over(prescription))
            if values["exercise_id"] != prescription.exercise_id:
                alternatives = [
                    exercise_id
                    for exercise_id in dict.fromkeys([prescription.exercise_id, *alternatives])
                    if exercise_id != values["exercise_id"]
                ]
        planned.append((prescription, values, alternatives))
    return planned


def _alternatives_of(model, rows) -> dict[int, list[int]]:
    """Each row's alternative exercises, in one query: a prescription's or a copy's."""
    owner = f"{model._meta.model_name}_id"
    through = model.alternatives.through.objects.filter(**{f"{owner}__in": [r.pk for r in rows]})
    alternatives = defaultdict(list)
    for row_id, exercise_id in through.values_list(owner, "exercise_id"):
        alternatives[row_id].append(exercise_id)
    return alternatives


def _template_prescriptions(templates: set[DayTemplate]) -> dict[int, list[tuple]]:
    """Per template, each prescription with its alternatives, in slot order."""
    prescriptions = list(
        Prescription.objects.filter(day_template__in=templates).order_by("day_template", "order")
    )
    alternatives = _alternatives_of(Prescription, prescriptions)
    by_template = defaultdict(list)
    for prescription in prescriptions:
        by_template[prescription.day_template_id].append(
            (prescription, alternatives[prescription.pk])
        )
    return by_template


def _copy_signatures(sessions: list[Session]) -> tuple[dict[int, set[tuple]], set[int]]:
    """What each session holds, and which sessions are started (a set logged on a copy).

    The copies are locked first; which are started is read by the next statement, whose
    snapshot (READ COMMITTED) then holds every tick that committed while the lock waited.
    In the locking statement itself it would not.
    """
    copies = list(
        SessionPrescription.objects.filter(session__in=sessions).select_for_update().order_by("pk")
    )
    started = set(
        SessionPrescription.objects.filter(
            pk__in=[copy.pk for copy in copies], set_logs__isnull=False
        ).values_list("session_id", flat=True)
    )
    alternatives = _alternatives_of(SessionPrescription, copies)
    signatures = defaultdict(set)
    for copy in copies:
        signatures[copy.session_id].add(_signature(_values(copy), alternatives[copy.pk]))
    return signatures, started


def _copy_prescriptions(
    sessions: list[Session], by_template: dict[int, list[tuple]], overrides: Overrides
) -> None:
    copies, alternative_rows = [], []
    for session in sessions:
        for prescription, values, alternatives in _planned_copies(by_template, overrides, session):
            copy = SessionPrescription(session=session, source=prescription, **values)
            copies.append(copy)
            alternative_rows.append((copy, alternatives))
    SessionPrescription.objects.bulk_create(copies)
    Through = SessionPrescription.alternatives.through
    Through.objects.bulk_create(
        Through(sessionprescription_id=copy.pk, exercise_id=exercise_id)
        for copy, alternatives in alternative_rows
        for exercise_id in alternatives
    )


@dataclass(frozen=True)
class Generated:
    created: int = 0
    updated: int = 0
    removed: int = 0


def _todays(assignments: list[Assignment], now: dt.datetime | None) -> dict[int, dt.date]:
    """Each athlete's today, in their own time zone: the line between past and future."""
    now = now or timezone.now()
    return {
        assignment.athlete_id: athlete_today(assignment.athlete, now=now)
        for assignment in assignments
    }


def _retrying(generate, **arguments) -> Generated:
    """A second pass when a concurrent generation (a page view, the desk, the daily
    command) created some of the same sessions first: its rows stand, and the second
    pass sees them. The savepoint keeps a caller's transaction usable."""
    try:
        with transaction.atomic():
            return generate(**arguments)
    except IntegrityError:
        with transaction.atomic():
            return generate(**arguments)


def generate_week(
    *, assignments: Iterable[Assignment], week: IsoWeek, now: dt.datetime | None = None
) -> Generated:
    """Bring the week's sessions of these assignments' athletes in line with the plan,
    from each athlete's today on; add the week whole where it has none yet.

    Idempotent: a second call changes nothing.
    """
    return _generate_one_week(assignments, week=week, now=now, missing_only=False)


def create_missing_week(
    *, assignments: Iterable[Assignment], week: IsoWeek, now: dt.datetime | None = None
) -> Generated:
    """Make the week's sessions of the athletes who have none in it; change nothing else.

    What a page view may do: the first look at a week made by no daily command.
    """
    return _generate_one_week(assignments, week=week, now=now, missing_only=True)


def _generate_one_week(
    assignments: Iterable[Assignment], *, week: IsoWeek, now: dt.datetime | None, missing_only: bool
) -> Generated:
    assignments = list(assignments)
    return _retrying(
        _generate,
        assignments=assignments,
        weeks=[week],
        todays=_todays(assignments, now),
        missing_only=missing_only,
    )


def regenerate_from(*, athlete, today: dt.date) -> Generated:
    """After a change of the athlete's plan (weekdays, program, an adjustment): this week
    and every later week already made, at most a year ahead, in one batch.

    Only sessions from today on without a logged set move or go, so what was trained, and
    what was missed, stays where it was. Weeks never made are made when first looked at;
    sessions already made further ahead (before that bound existed) stay as they are.
    """
    first = IsoWeek.of(today)
    last_made = Session.objects.filter(
        athlete=athlete, date__gt=first.sunday, date__lte=latest_date(today=today)
    ).aggregate(last=Max("date"))["last"]
    last = IsoWeek.of(last_made) if last_made else first
    weeks = [first]
    while weeks[-1] < last:
        weeks.append(weeks[-1].shifted(1))
    assignments = list(assignments_between(first.monday, last.sunday, athlete=athlete))
    return _retrying(
        _generate,
        assignments=assignments,
        weeks=weeks,
        todays={athlete.pk: today},
        missing_only=False,
    )


def _generate(
    *,
    assignments: list[Assignment],
    weeks: list[IsoWeek],
    todays: dict[int, dt.date],
    missing_only: bool,
) -> Generated:
    athlete_ids = set(todays)
    if not athlete_ids:
        return Generated()
    planned = [
        plan
        for plan in plan_weeks(assignments=assignments, weeks=weeks)
        if plan.date <= latest_date(today=todays[plan.assignment.athlete_id])
    ]
    sessions = Session.objects.filter(
        athlete_id__in=athlete_ids, date__range=(weeks[0].monday, weeks[-1].sunday)
    )
    if not missing_only:
        # Locked in one order, so that two generations over the same athletes wait for
        # each other instead of deadlocking; then their copies (_copy_signatures).
        sessions = sessions.select_for_update().order_by("pk")
    existing = {(session.athlete_id, session.date): session for session in sessions}
    made = {(athlete_id, IsoWeek.of(date)) for athlete_id, date in existing}
    if missing_only:
        planned = [
            plan
            for plan in planned
            if (plan.assignment.athlete_id, IsoWeek.of(plan.date)) not in made
        ]
        existing = {}
    if not planned and not existing:
        return Generated()

    changeable = [
        session for session in existing.values() if session.date >= todays[session.athlete_id]
    ]
    signatures, started = _copy_signatures(changeable)
    templates = {plan.day_template for plan in planned}
    by_template = _template_prescriptions(templates)
    overrides = _overrides(athlete_ids, templates)

    to_create, to_update, to_recopy = [], [], []
    for plan in planned:
        athlete_id = plan.assignment.athlete_id
        session = existing.pop((athlete_id, plan.date), None)
        in_the_past = plan.date < todays[athlete_id]
        fields = {
            "assignment_id": plan.assignment.pk,
            "day_template_id": plan.day_template.pk,
            "day_number": plan.day_number,
            "name": plan.day_template.name,
            "focus": plan.day_template.focus,
        }
        if session is None:
            if not (in_the_past and (athlete_id, IsoWeek.of(plan.date)) in made):
                to_create.append(Session(athlete_id=athlete_id, date=plan.date, **fields))
            continue
        if in_the_past or session.pk in started:
            continue
        if any(getattr(session, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(session, name, value)
            to_update.append(session)
        wanted = {
            _signature(values, alternatives)
            for _, values, alternatives in _planned_copies(by_template, overrides, session)
        }
        if signatures[session.pk] != wanted:
            to_recopy.append(session)

    # What is left was planned once but no longer is (new weekdays, an ended assignment).
    stale = [
        session.pk
        for session in existing.values()
        if session.date >= todays[session.athlete_id] and session.pk not in started
    ]
    if stale:
        Session.objects.filter(pk__in=stale).delete()
    if to_update:
        Session.objects.bulk_update(
            to_update, ["assignment", "day_template", "day_number", "name", "focus"]
        )
    if to_recopy:
        SessionPrescription.objects.filter(session__in=to_recopy).delete()
    Session.objects.bulk_create(to_create)
    _copy_prescriptions(to_create + to_recopy, by_template, overrides)
    return Generated(
        created=len(to_create), updated=len({*to_update, *to_recopy}), removed=len(stale)
    )
