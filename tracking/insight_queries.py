"""The reads behind the insight pages: each one query, grouped in the database.

Every function returns one row per group (per exercise, per session date, per muscle), never
one per set, so a page runs the same queries whatever the length of the history. Sessions
are grouped by date and ISO weeks are made in Python from those few rows: date truncation
differs between SQLite and PostgreSQL, a date column does not.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, F, FloatField, IntegerField, Max, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce

from programs.models import SessionPrescription
from tracking.insights.effort import EffortRow
from tracking.insights.legs import LegDay
from tracking.insights.muscles import MuscleDay
from tracking.insights.progress import LoggedSet, SessionBest, TrainedExercise
from tracking.models import SetLog
from tracking.progression import EPLEY_DIVISOR
from tracking.verdicts import HARD_SET_MAX_RIR, TOO_EASY_MIN_RIR
from tracking.weaker_leg import WEAKER_LEG_REPS

SESSION_DATE = "prescription__session__date"

# Epley on reps + RIR, as tracking.progression.estimated_1rm, in floating point: the same
# arithmetic on both databases, exact enough for a chart.
E1RM = Cast("load_kg", FloatField()) * (
    Value(1.0) + Cast(WEAKER_LEG_REPS + F("rir"), FloatField()) / Value(float(EPLEY_DIVISOR))
)
# Work done: a per-leg set's reps are both legs'.
VOLUME = Cast("load_kg", FloatField()) * Cast(
    Coalesce("reps", F("reps_left") + F("reps_right")), FloatField()
)


def _kg(value: float | None) -> Decimal:
    return Decimal(0) if value is None else Decimal(repr(value))


def athletes_sets(*, athlete):
    return SetLog.objects.filter(prescription__session__athlete=athlete)


def _of_exercise(sets, exercise_id: int):
    """One exercise of the athlete's sets, read from the athlete's sessions.

    Compared as ``exercise_id + 0`` so that no index on the exercise applies: a plain
    ``exercise_id = X`` lets SQLite, which has no statistics unless ANALYZE ran, start
    from that index and walk every athlete's sets of the exercise (a popular lift has
    hundreds of thousands), 10-20 times slower than starting from the athlete's sessions.
    """
    return sets.alias(performed=F("exercise_id") + 0).filter(performed=exercise_id)


def trained_exercises(*, athlete) -> list[TrainedExercise]:
    """Every exercise the athlete has logged a set of, by name."""
    rows = (
        athletes_sets(athlete=athlete)
        .values("exercise_id", "exercise__name")
        .annotate(
            last_date=Max(SESSION_DATE),
            sessions=Count("prescription__session", distinct=True),
        )
        .order_by("exercise__name")
    )
    return [
        TrainedExercise(
            row["exercise_id"], row["exercise__name"], row["last_date"], row["sessions"]
        )
        for row in rows
    ]


def session_bests(
    *, athlete, since: dt.date | None = None, exercise_id: int | None = None
) -> list[SessionBest]:
    """Per exercise and session date: the best estimated 1RM, the volume, the sets."""
    sets = athletes_sets(athlete=athlete)
    if since is not None:
        sets = sets.filter(**{f"{SESSION_DATE}__gte": since})
    if exercise_id is not None:
        sets = _of_exercise(sets, exercise_id)
    rows = (
        sets.values("exercise_id", date=F(SESSION_DATE))
        .annotate(e1rm=Max(E1RM), volume=Sum(VOLUME), sets=Count("pk"))
        .order_by("exercise_id", "date")
    )
    return [
        SessionBest(
            row["exercise_id"], row["date"], _kg(row["e1rm"]), _kg(row["volume"]), row["sets"]
        )
        for row in rows
    ]


def _logged(row: SetLog) -> LoggedSet:
    return LoggedSet(
        date=row.date,
        set_number=row.set_number,
        load_kg=row.load_kg,
        reps=row.reps,
        reps_left=row.reps_left,
        reps_right=row.reps_right,
        rir=row.rir,
        e1rm_kg=_kg(row.e1rm),
    )


def sets_on(*, athlete, exercise_id: int, dates: Iterable[dt.date]) -> list[LoggedSet]:
    """The athlete's sets of one exercise on a few session dates."""
    rows = (
        _of_exercise(athletes_sets(athlete=athlete), exercise_id)
        .filter(**{f"{SESSION_DATE}__in": list(dates)})
        .annotate(date=F(SESSION_DATE), e1rm=E1RM)
        .order_by("-date", "prescription__order", "set_number")
    )
    return [_logged(row) for row in rows]


def best_set(*, athlete, exercise_id: int) -> LoggedSet | None:
    """The set with the highest estimated 1RM, the earliest when tied."""
    row = (
        _of_exercise(athletes_sets(athlete=athlete), exercise_id)
        .annotate(date=F(SESSION_DATE), e1rm=E1RM)
        .order_by("-e1rm", "date", "set_number")
        .first()
    )
    return None if row is None else _logged(row)


def muscle_days(*, athlete, first: dt.date, last: dt.date) -> list[MuscleDay]:
    """Per session date and muscle: hard sets planned (the copies' sets, counted like the
    session's progress, from sets_min) and hard sets done, in one query (UNION ALL).

    The plan counts the exercise a slot was swapped to; a logged set counts for the
    exercise it was performed as (SetLog.exercise).
    """
    planned = (
        SessionPrescription.objects.filter(
            session__athlete=athlete, session__date__range=(first, last)
        )
        .values(
            date=F("session__date"),
            muscle=Coalesce("swapped_to__primary_muscle", "exercise__primary_muscle"),
        )
        .annotate(planned=Sum("sets_min"), done=Value(0, IntegerField()))
        .order_by()
    )
    done = (
        athletes_sets(athlete=athlete)
        .filter(
            **{f"{SESSION_DATE}__range": (first, last)},
            rir__lte=HARD_SET_MAX_RIR,
        )
        .values(date=F(SESSION_DATE), muscle=F("exercise__primary_muscle"))
        .annotate(planned=Value(0, IntegerField()), done=Count("pk"))
        .order_by()
    )
    return [
        MuscleDay(row["date"], row["muscle"], row["planned"], row["done"])
        for row in planned.union(done, all=True)
    ]


def leg_days(*, athlete, since: dt.date) -> list[LegDay]:
    """Per exercise and session date: each leg's reps over the per-leg sets."""
    rows = (
        athletes_sets(athlete=athlete)
        .filter(reps__isnull=True, **{f"{SESSION_DATE}__gte": since})
        .values("exercise_id", "exercise__name", date=F(SESSION_DATE))
        .annotate(left=Sum("reps_left"), right=Sum("reps_right"))
        .order_by("exercise_id", "date")
    )
    return [
        LegDay(row["exercise_id"], row["exercise__name"], row["date"], row["left"], row["right"])
        for row in rows
    ]


def effort_rows(*, athlete, since: dt.date) -> list[EffortRow]:
    """Per exercise: the sets logged since a date, and those at RIR 4 or more."""
    rows = (
        athletes_sets(athlete=athlete)
        .filter(**{f"{SESSION_DATE}__gte": since})
        .values("exercise_id", "exercise__name", "exercise__mechanics")
        .annotate(sets=Count("pk"), easy=Count("pk", filter=Q(rir__gte=TOO_EASY_MIN_RIR)))
        .order_by("exercise__name")
    )
    return [
        EffortRow(
            row["exercise_id"],
            row["exercise__name"],
            row["exercise__mechanics"],
            row["sets"],
            row["easy"],
        )
        for row in rows
    ]
