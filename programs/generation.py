"""Weekly sessions, generated from each athlete's assignment and the day templates.

The rule: Day 1 falls on the assignment's first weekday and Day 2 on its second, within
the assignment's dates. A session keeps copies of its template's prescriptions; while no
set is logged the copies follow the template, and once one is, the session never changes.
An athlete's PrescriptionOverride (a coach's adjustment of one slot) replaces the template's
values in the copies of that athlete's sessions dated from its ``starts_on``.
Every step works on the whole batch at once, so the number of queries does not grow
with the number of athletes.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from programs.models import (
    DOSE_FIELDS,
    Assignment,
    DayTemplate,
    Prescription,
    PrescriptionOverride,
    Session,
    SessionPrescription,
)
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
    planned: dict[tuple[int, dt.date], PlannedSession] = {}
    for assignment in assignments:
        program = assignment.program
        days = (
            (1, assignment.weekday_one, program.day_one),
            (2, assignment.weekday_two, program.day_two),
        )
        for day_number, weekday, template in days:
            date = week.day(weekday)
            if assignment.covers(date):
                planned.setdefault(
                    (assignment.athlete_id, date),
                    PlannedSession(assignment, date, day_number, template),
                )
    return list(planned.values())


def assignments_in_week(week: IsoWeek, **filters):
    """Assignments that cover any day of the week, with what generation reads of them."""
    return (
        Assignment.objects.filter(start_date__lte=week.sunday, **filters)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=week.monday))
        .select_related("program__day_one", "program__day_two")
        .order_by("athlete_id", "start_date")
    )


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


def _template_prescriptions(templates: set[DayTemplate]) -> dict[int, list[tuple]]:
    """Per template, each prescription with its alternatives, in slot order."""
    prescriptions = list(
        Prescription.objects.filter(day_template__in=templates).order_by("day_template", "order")
    )
    alternatives = defaultdict(list)
    through = Prescription.alternatives.through.objects.filter(
        prescription__in=[p.pk for p in prescriptions]
    )
    for prescription_id, exercise_id in through.values_list("prescription_id", "exercise_id"):
        alternatives[prescription_id].append(exercise_id)
    by_template = defaultdict(list)
    for prescription in prescriptions:
        by_template[prescription.day_template_id].append(
            (prescription, alternatives[prescription.pk])
        )
    return by_template


def _copy_signatures(sessions: list[Session]) -> dict[int, set[tuple]]:
    copies = list(SessionPrescription.objects.filter(session__in=sessions))
    alternatives = defaultdict(list)
    through = SessionPrescription.alternatives.through.objects.filter(
        sessionprescription__in=[c.pk for c in copies]
    )
    for copy_id, exercise_id in through.values_list("sessionprescription_id", "exercise_id"):
        alternatives[copy_id].append(exercise_id)
    signatures = defaultdict(set)
    for copy in copies:
        signatures[copy.session_id].add(_signature(_values(copy), alternatives[copy.pk]))
    return signatures


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


@transaction.atomic
def generate_week(*, assignments: Iterable[Assignment], week: IsoWeek) -> Generated:
    """Bring the week's sessions of these assignments' athletes in line with the plan.

    Idempotent: a second call changes nothing.
    """
    assignments = list(assignments)
    planned = plan_week(assignments=assignments, week=week)
    athlete_ids = {assignment.athlete_id for assignment in assignments}
    if not athlete_ids:
        return Generated()

    started = SessionPrescription.objects.filter(session=OuterRef("pk"), set_logs__isnull=False)
    existing = {
        (session.athlete_id, session.date): session
        for session in Session.objects.filter(
            athlete_id__in=athlete_ids, date__range=(week.monday, week.sunday)
        )
        .select_for_update()
        .annotate(started=Exists(started))
    }
    templates = {plan.day_template for plan in planned}
    by_template = _template_prescriptions(templates)
    overrides = _overrides(athlete_ids, templates)
    unstarted = [session for session in existing.values() if not session.started]
    signatures = _copy_signatures(unstarted)

    to_create, to_update, to_recopy = [], [], []
    for plan in planned:
        session = existing.pop((plan.assignment.athlete_id, plan.date), None)
        fields = {
            "assignment_id": plan.assignment.pk,
            "day_template_id": plan.day_template.pk,
            "day_number": plan.day_number,
            "name": plan.day_template.name,
            "focus": plan.day_template.focus,
        }
        if session is None:
            to_create.append(
                Session(athlete_id=plan.assignment.athlete_id, date=plan.date, **fields)
            )
            continue
        if session.started:
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
    stale = [session.pk for session in existing.values() if not session.started]
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
