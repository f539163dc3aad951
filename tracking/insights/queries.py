"""The reads behind the insight pages: each one query, grouped in the database.

The queries the desk shares with the pages take a list of athlete ids and group by athlete
too: a page passes its one athlete, the desk its roster, and both read the same expressions.
Every function returns one row per group (per exercise, per session date, per muscle), never
one per set, so a page runs the same queries whatever the length of the history. Sessions
are grouped by date and ISO weeks are made in Python from those few rows: date truncation
differs between SQLite and PostgreSQL, a date column does not.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count, F, FloatField, IntegerField, Max, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce

from programs.catalogue_words import exercise_name
from programs.models import Mechanics, SessionPrescription
from tracking.calibration import CalibrationTest
from tracking.calibration_record import tested_sets
from tracking.insights.effort import EffortRow
from tracking.insights.honesty import TestRow
from tracking.insights.legs import LegDay
from tracking.insights.muscles import MuscleDay
from tracking.insights.progress import LoggedSet, SessionBest, TrainedExercise
from tracking.models import SetLog
from tracking.progression import EPLEY_DIVISOR
from tracking.records import likely_rir_sql
from tracking.verdicts import HARD_SET_MAX_RIR, TOO_EASY_MIN_RIR
from tracking.weaker_leg import WEAKER_LEG_REPS

SESSION_DATE = "prescription__session__date"
ATHLETE = "prescription__session__athlete_id"

Row = TypeVar("Row")


def e1rm_sql(corrections: Mapping[int, int] | None = None):
    """Epley on reps + RIR, as tracking.progression.estimated_1rm, in floating point: the
    same arithmetic on both databases, exact enough for a chart. The RIR is the one the set
    most likely had (tracking.records.likely_rir_sql): a test set's measured one, else the
    typed one plus its exercise's correction; an RIR not recorded adds nothing."""
    return Cast("load_kg", FloatField()) * (
        Value(1.0)
        + Cast(WEAKER_LEG_REPS + likely_rir_sql(corrections), FloatField())
        / Value(float(EPLEY_DIVISOR))
    )


E1RM = e1rm_sql()
# A set whose RIR was not recorded is a hard set: a working set whose effort nobody wrote down.
HARD_SET = Q(rir__isnull=True) | Q(rir__lte=HARD_SET_MAX_RIR)
# Work done: a per-leg set's reps are both legs'.
VOLUME = Cast("load_kg", FloatField()) * Cast(
    Coalesce("reps", F("reps_left") + F("reps_right")), FloatField()
)


def _kg(value: float | None) -> Decimal:
    return Decimal(0) if value is None else Decimal(repr(value))


def athletes_sets(*, athlete):
    return SetLog.objects.filter(prescription__session__athlete=athlete)


def _sets_between(athlete_ids: Sequence[int], since: dt.date | None, until: dt.date | None):
    """The athletes' sets on session dates from since to until, either end open if None."""
    sets = SetLog.objects.filter(**{f"{ATHLETE}__in": list(athlete_ids)})
    if since is not None:
        sets = sets.filter(**{f"{SESSION_DATE}__gte": since})
    if until is not None:
        sets = sets.filter(**{f"{SESSION_DATE}__lte": until})
    return sets


def _by_athlete(pairs: Iterable[tuple[int, Row]]) -> dict[int, list[Row]]:
    """Rows grouped by athlete, in the query's order; an athlete with none gets []."""
    grouped: dict[int, list[Row]] = defaultdict(list)
    for athlete_id, row in pairs:
        grouped[athlete_id].append(row)
    return grouped


def _of_exercise(sets, exercise_id: int):
    """One exercise of the athlete's sets, read from the athlete's sessions.

    Compared as ``exercise_id + 0`` so that no index on the exercise applies: a plain
    ``exercise_id = X`` lets SQLite, which has no statistics unless ANALYZE ran, start
    from that index and walk every athlete's sets of the exercise (a popular lift has
    hundreds of thousands), 10-20 times slower than starting from the athlete's sessions.
    """
    return sets.alias(performed=F("exercise_id") + 0).filter(performed=exercise_id)


def trained_exercises(*, athlete, since: dt.date | None = None) -> list[TrainedExercise]:
    """Every exercise the athlete has logged a set of (on or after ``since``), by name."""
    rows = (
        _sets_between([athlete.pk], since, None)
        .values("exercise_id", "exercise__name")
        .annotate(
            last_date=Max(SESSION_DATE),
            sessions=Count("prescription__session", distinct=True),
        )
        .order_by()
    )
    trained = [
        TrainedExercise(
            row["exercise_id"],
            exercise_name(row["exercise__name"]),
            row["last_date"],
            row["sessions"],
        )
        for row in rows
    ]
    # Sorted here, not by the database: by the name the lifter reads, translated above.
    return sorted(trained, key=lambda exercise: exercise.name.casefold())


def session_bests(
    *,
    athlete_ids: Sequence[int],
    since: dt.date | None = None,
    until: dt.date | None = None,
    exercise_id: int | None = None,
    compound_only: bool = False,
    corrections: Mapping[int, int] | None = None,
) -> dict[int, list[SessionBest]]:
    """Per athlete, exercise and session date: the best estimated 1RM, the volume, the sets.

    With ``compound_only`` (the desk's main lift) each row also carries the exercise's name:
    that filter joins the exercise anyway, where the pages know the names already.
    ``corrections`` (exercise id → what its bias adds to a typed RIR) are one athlete's: a
    page passes them with its one athlete.
    """
    sets = _sets_between(athlete_ids, since, until)
    if exercise_id is not None:
        sets = _of_exercise(sets, exercise_id)
    names = ()
    if compound_only:
        sets = sets.filter(exercise__mechanics=Mechanics.COMPOUND)
        names = ("exercise__name",)
    rows = (
        sets.values("exercise_id", *names, athlete=F(ATHLETE), date=F(SESSION_DATE))
        .annotate(e1rm=Max(e1rm_sql(corrections)), volume=Sum(VOLUME), sets=Count("pk"))
        .order_by("exercise_id", "date")
    )
    return _by_athlete(
        (
            row["athlete"],
            SessionBest(
                row["exercise_id"],
                row["date"],
                _kg(row["e1rm"]),
                _kg(row["volume"]),
                row["sets"],
                exercise_name(row.get("exercise__name", "")),
            ),
        )
        for row in rows
    )


def _logged(row: SetLog) -> LoggedSet:
    return LoggedSet(
        date=row.date,
        set_number=row.set_number,
        load_kg=row.load_kg,
        reps=row.reps,
        reps_left=row.reps_left,
        reps_right=row.reps_right,
        rir=row.rir,
        actual_rir=row.actual_rir,
        e1rm_kg=_kg(row.e1rm),
        note=row.note,
        exercise_note=getattr(row, "exercise_note", None) or "",
    )


def sets_on(
    *,
    athlete,
    exercise_id: int,
    dates: Iterable[dt.date],
    corrections: Mapping[int, int] | None = None,
) -> list[LoggedSet]:
    """The athlete's sets of one exercise on a few session dates."""
    rows = (
        _of_exercise(athletes_sets(athlete=athlete), exercise_id)
        .filter(**{f"{SESSION_DATE}__in": list(dates)})
        # The athlete's note on the exercise that session, in the same query.
        .annotate(
            date=F(SESSION_DATE),
            e1rm=e1rm_sql(corrections),
            exercise_note=F("prescription__athlete_note__text"),
        )
        .order_by("-date", "prescription__order", "set_number")
    )
    return [_logged(row) for row in rows]


def best_set(
    *,
    athlete,
    exercise_id: int,
    since: dt.date | None = None,
    corrections: Mapping[int, int] | None = None,
) -> LoggedSet | None:
    """The set with the highest estimated 1RM (on or after ``since``), the earliest when
    tied."""
    row = (
        _of_exercise(_sets_between([athlete.pk], since, None), exercise_id)
        .annotate(date=F(SESSION_DATE), e1rm=e1rm_sql(corrections))
        .order_by("-e1rm", "date", "set_number")
        .first()
    )
    return None if row is None else _logged(row)


def muscle_days(
    *, athlete_ids: Sequence[int], first: dt.date, last: dt.date
) -> dict[int, list[MuscleDay]]:
    """Per athlete, session date and muscle: hard sets planned (the copies' sets, counted
    like the session's progress, from sets_min) and hard sets done, in one query (UNION ALL).

    The plan counts the exercise a slot was swapped to; a logged set counts for the
    exercise it was performed as (SetLog.exercise).
    """
    planned = (
        SessionPrescription.objects.filter(
            session__athlete_id__in=athlete_ids, session__date__range=(first, last)
        )
        .values(
            athlete=F("session__athlete_id"),
            date=F("session__date"),
            muscle=Coalesce("swapped_to__primary_muscle", "exercise__primary_muscle"),
        )
        .annotate(planned=Sum("sets_min"), done=Value(0, IntegerField()))
        .order_by()
    )
    done = (
        _sets_between(athlete_ids, first, last)
        .filter(HARD_SET)
        .values(athlete=F(ATHLETE), date=F(SESSION_DATE), muscle=F("exercise__primary_muscle"))
        .annotate(planned=Value(0, IntegerField()), done=Count("pk"))
        .order_by()
    )
    return _by_athlete(
        (row["athlete"], MuscleDay(row["date"], row["muscle"], row["planned"], row["done"]))
        for row in planned.union(done, all=True)
    )


def leg_days(
    *, athlete_ids: Sequence[int], since: dt.date, until: dt.date | None = None
) -> dict[int, list[LegDay]]:
    """Per athlete, exercise and session date: each leg's reps over the per-leg sets."""
    rows = (
        _sets_between(athlete_ids, since, until)
        .filter(reps__isnull=True)
        .values("exercise_id", "exercise__name", athlete=F(ATHLETE), date=F(SESSION_DATE))
        .annotate(left=Sum("reps_left"), right=Sum("reps_right"))
        .order_by("exercise_id", "date")
    )
    return _by_athlete(
        (
            row["athlete"],
            LegDay(
                row["exercise_id"],
                exercise_name(row["exercise__name"]),
                row["date"],
                row["left"],
                row["right"],
            ),
        )
        for row in rows
    )


def effort_rows(
    *, athlete_ids: Sequence[int], since: dt.date, until: dt.date | None = None
) -> dict[int, list[EffortRow]]:
    """Per athlete and exercise: the sets logged since a date, and those at RIR 4 or more.
    Sets whose RIR was not recorded are left out: effort honesty judges written efforts."""
    rows = (
        _sets_between(athlete_ids, since, until)
        .filter(rir__isnull=False)
        .values("exercise_id", "exercise__name", "exercise__mechanics", athlete=F(ATHLETE))
        .annotate(sets=Count("pk"), easy=Count("pk", filter=Q(rir__gte=TOO_EASY_MIN_RIR)))
        .order_by("exercise__name")
    )
    return _by_athlete(
        (
            row["athlete"],
            EffortRow(
                row["exercise_id"],
                exercise_name(row["exercise__name"]),
                row["exercise__mechanics"],
                row["sets"],
                row["easy"],
            ),
        )
        for row in rows
    )


def calibration_rows(*, athlete_ids: Sequence[int]) -> dict[int, list[TestRow]]:
    """Per athlete, their test sets, one row each, whatever the history's length."""
    rows = (
        tested_sets(athlete_ids)
        .order_by()
        .values_list(
            ATHLETE,
            "exercise_id",
            "exercise__name",
            "exercise__mechanics",
            SESSION_DATE,
            "rir",
            "actual_rir",
        )
    )
    return _by_athlete(
        (
            athlete_id,
            TestRow(
                exercise_id,
                exercise_name(name),
                mechanics,
                CalibrationTest(on, predicted, actual),
            ),
        )
        for athlete_id, exercise_id, name, mechanics, on, predicted, actual in rows
    )
