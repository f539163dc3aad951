"""Personal records: a set that beats everything the athlete did on the exercise before it.

A set is a PR when its estimated 1RM (tracking.progression.estimated_1rm, on the weaker leg
of a per-leg set) is above the best before it, or when its reps are above the most reps
ever done at its load or a heavier one. Ties are not records: a record is beaten, not met.
The first set ever of an exercise is no record either: there is nothing yet to beat, and a
first session would otherwise be all records. A set at a load heavier than any before it
beats "no reps at that load", so a heavier load is a record once there is a history.

"Before it" is the order of the page: earlier session dates, then within a session the
prescriptions in order and the sets by number. The reads give the bests before a point as
one row per exercise and load (a handful per exercise whatever the length of the history),
one grouped query, and ``mark_records`` walks the sets after that point in Python.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Max, Q, Value, When
from django.db.models.functions import Coalesce, Greatest

from tracking.calibration import NO_BIAS, RirBias
from tracking.models import SetLog
from tracking.progression import estimated_1rm, likely_rir
from tracking.weaker_leg import WEAKER_LEG_REPS, weaker_leg_reps


def likely_rir_sql(corrections: Mapping[int, int] | None = None):
    """tracking.progression.likely_rir in SQL, 0 for an RIR not recorded (it adds nothing to
    an e1RM): a test set's actual RIR; any other set's typed RIR plus its exercise's
    correction (``corrections``: exercise id → RirBias.correction), never below 0.

    One CASE branch per corrected exercise: an athlete has a handful, and the query stays
    one query whatever they are.
    """
    typed = [
        When(
            exercise_id=exercise_id,
            then=Greatest(F("rir") + Value(correction), Value(0), output_field=IntegerField()),
        )
        for exercise_id, correction in sorted((corrections or {}).items())
        if correction
    ]
    said = Case(*typed, default=F("rir"), output_field=IntegerField()) if typed else F("rir")
    return Coalesce("actual_rir", said, Value(0), output_field=IntegerField())


def corrections_of(biases: Mapping[int, RirBias]) -> dict[int, int]:
    """Per exercise id, what its bias adds to a typed RIR (none below two tests)."""
    return {exercise_id: bias.correction for exercise_id, bias in biases.items() if bias.correction}


@dataclass(frozen=True)
class LoadBest:
    """The most an athlete did at one load of one exercise: reps, and reps + RIR (the
    reps to failure that give the e1RM; an RIR not recorded adds nothing)."""

    load_kg: Decimal
    reps: int
    reps_to_failure: int

    @property
    def e1rm_kg(self) -> Decimal:
        # Grouped by load, the best e1RM at it is the one with the most reps to failure.
        return estimated_1rm(load=self.load_kg, reps=self.reps_to_failure, rir=0)


@dataclass(frozen=True)
class Attempt:
    """One set as the records judge it: the weaker leg's reps when per leg, the RIR it most
    likely had (tracking.progression.likely_rir)."""

    load_kg: Decimal
    reps: int
    rir: int | None

    @classmethod
    def of(cls, logged, *, bias: RirBias = NO_BIAS) -> "Attempt":
        return cls(
            load_kg=logged.load_kg,
            reps=weaker_leg_reps(
                reps=logged.reps, reps_left=logged.reps_left, reps_right=logged.reps_right
            ),
            rir=likely_rir(rir=logged.rir, actual_rir=logged.actual_rir, bias=bias),
        )


def mark_records(*, before: Sequence[LoadBest], sets: Sequence[Attempt]) -> list[bool]:
    """For each set, in order, whether it is a PR against ``before`` and the sets ahead
    of it in ``sets``."""
    bests = list(before)
    marks = []
    for attempt in sets:
        e1rm = estimated_1rm(load=attempt.load_kg, reps=attempt.reps, rir=attempt.rir)
        most_e1rm = max((best.e1rm_kg for best in bests), default=None)
        most_reps = max((best.reps for best in bests if best.load_kg >= attempt.load_kg), default=0)
        marks.append(
            bool(bests) and attempt.reps > 0 and (e1rm > most_e1rm or attempt.reps > most_reps)
        )
        to_failure = attempt.reps + (attempt.rir or 0)
        bests.append(LoadBest(attempt.load_kg, attempt.reps, to_failure))
    return marks


def load_bests(
    *,
    athlete,
    exercise_ids: Iterable[int],
    before: Q,
    corrections: Mapping[int, int] | None = None,
) -> dict[int, list[LoadBest]]:
    """Per exercise, the athlete's bests at each load over the sets that ``before`` keeps,
    each set at the RIR it most likely had (``likely_rir_sql``).

    One query. The exercise is compared as ``exercise_id + 0`` (as tracking.history does)
    so that SQLite starts from the athlete's sessions, not from every athlete's sets of a
    popular lift.
    """
    exercise_ids = list(exercise_ids)
    if not exercise_ids:
        return {}
    rows = (
        SetLog.objects.alias(performed=F("exercise_id") + 0)
        .filter(before, prescription__session__athlete=athlete, performed__in=exercise_ids)
        .values("exercise_id", "load_kg")
        .annotate(
            most_reps=Max(WEAKER_LEG_REPS),
            most_to_failure=Max(WEAKER_LEG_REPS + likely_rir_sql(corrections)),
        )
        .order_by()
    )
    bests: dict[int, list[LoadBest]] = defaultdict(list)
    for row in rows:
        bests[row["exercise_id"]].append(
            LoadBest(row["load_kg"], row["most_reps"], row["most_to_failure"])
        )
    return bests


def before_session(*, date: dt.date) -> Q:
    """The sets of the sessions dated before a session: what its sets are measured by."""
    return Q(prescription__session__date__lt=date)


def before_set(*, set_log: SetLog, session_date: dt.date) -> Q:
    """The sets ahead of one set: earlier sessions, earlier prescriptions of its session,
    and the lower set numbers of its prescription."""
    p = set_log.prescription
    return (
        before_session(date=session_date)
        | Q(prescription__session_id=p.session_id, prescription__order__lt=p.order)
        | Q(prescription_id=p.pk, set_number__lt=set_log.set_number)
    )


def is_record(*, athlete, set_log: SetLog, session_date: dt.date, bias: RirBias = NO_BIAS) -> bool:
    """One set against everything ahead of it: the tick's answer. One query. ``bias``: the
    athlete's on the set's exercise (tracking.calibration_record), to read its typed RIRs
    corrected."""
    bests = load_bests(
        athlete=athlete,
        exercise_ids=[set_log.exercise_id],
        before=before_set(set_log=set_log, session_date=session_date),
        corrections=corrections_of({set_log.exercise_id: bias}),
    )
    (mark,) = mark_records(
        before=bests.get(set_log.exercise_id, []), sets=[Attempt.of(set_log, bias=bias)]
    )
    return mark


def history_records(
    *, athlete, exercise_id: int, sets: Sequence, bias: RirBias = NO_BIAS
) -> list[bool]:
    """Which of an exercise's listed sets (tracking.insights.queries.sets_on: the sets of
    consecutive sessions, newest first) are records. One query: the bests before the oldest
    listed session; the sets listed are walked oldest first. ``bias`` as for is_record."""
    if not sets:
        return []
    bests = load_bests(
        athlete=athlete,
        exercise_ids=[exercise_id],
        before=before_session(date=min(logged.date for logged in sets)),
        corrections=corrections_of({exercise_id: bias}),
    )
    # Stable: within a date the sets keep the query's order (prescription, set number).
    oldest_first = sorted(range(len(sets)), key=lambda i: sets[i].date)
    found = mark_records(
        before=bests.get(exercise_id, []),
        sets=[Attempt.of(sets[i], bias=bias) for i in oldest_first],
    )
    marks = [False] * len(sets)
    for i, mark in zip(oldest_first, found, strict=True):
        marks[i] = mark
    return marks
