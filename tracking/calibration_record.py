"""An athlete's test sets as the pages read them: two queries, whatever the history (test
sets are a few among thousands, found through a partial index). The rules are
tracking.calibration's."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, QuerySet

from programs.models import Exercise
from tracking.calibration import (
    NO_BIAS,
    CalibrationTest,
    RirBias,
    rir_bias,
    test_set_due,
    test_sets_planned,
)
from tracking.models import CalibrationChoice, SetLog

ATHLETE = "prescription__session__athlete_id"


@dataclass(frozen=True)
class CalibrationRecord:
    """What an athlete's test sets say, per exercise id."""

    every_weeks: int
    tests: dict[int, list[CalibrationTest]] = field(default_factory=dict)
    choices: dict[int, bool] = field(default_factory=dict)

    def bias(self, exercise_id: int) -> RirBias:
        tests = self.tests.get(exercise_id)
        return rir_bias(tests) if tests else NO_BIAS

    def biases(self) -> dict[int, RirBias]:
        return {exercise_id: rir_bias(tests) for exercise_id, tests in self.tests.items()}

    def planned(self, exercise: Exercise) -> bool:
        return test_sets_planned(equipment=exercise.equipment, choice=self.choices.get(exercise.pk))

    def due(self, exercise: Exercise, *, on: dt.date) -> bool:
        """Whether a session on ``on`` plans a test set on ``exercise``: tests before
        that day count, so a test done that day still shows where it was planned."""
        if not self.planned(exercise):
            return False
        before = [test.on for test in self.tests.get(exercise.pk, []) if test.on < on]
        return test_set_due(
            last_test_on=max(before, default=None), on=on, every_weeks=self.every_weeks
        )


def tested_sets(athlete_ids: Sequence[int]) -> QuerySet:
    """The athletes' test sets, read from the partial index on test sets (setlog_test_sets),
    not from the athletes' sessions: a few rows among their thousands of sets.

    PostgreSQL plans that from its statistics. SQLite has none (unless ANALYZE ran) and
    starts from the athlete's sessions, reading every set of the history to keep the few
    tests: comparing ``athlete_id + 0`` leaves it no index on the athlete, so it starts
    from the test sets. On PostgreSQL the same trick would hide the athlete's selectivity
    and make it walk the sessions, hence the two ways.
    """
    tests = SetLog.objects.filter(actual_rir__isnull=False)
    if connection.vendor == "sqlite":
        return tests.alias(owner=F(ATHLETE) + 0).filter(owner__in=list(athlete_ids))
    return tests.filter(**{f"{ATHLETE}__in": list(athlete_ids)})


def _test_rows(athlete):
    return (
        tested_sets([athlete.pk])
        .order_by()
        .values_list("exercise_id", "prescription__session__date", "rir", "actual_rir")
    )


def _tests_of(athlete) -> dict[int, list[CalibrationTest]]:
    tests: dict[int, list[CalibrationTest]] = defaultdict(list)
    for exercise_id, on, predicted, actual in _test_rows(athlete):
        tests[exercise_id].append(
            CalibrationTest(on=on, predicted_rir=predicted, actual_rir=actual)
        )
    return dict(tests)


def calibration_record(athlete) -> CalibrationRecord:
    tests = _tests_of(athlete)
    choices = dict(
        CalibrationChoice.objects.filter(athlete=athlete).values_list("exercise_id", "planned")
    )
    return CalibrationRecord(every_weeks=athlete.test_set_every_weeks, tests=tests, choices=choices)


def rir_biases(athlete) -> dict[int, RirBias]:
    """Per exercise id, the athlete's bias, in one query: for the pages that correct
    numbers (e1RM) and need no test-set choices."""
    return {exercise_id: rir_bias(tests) for exercise_id, tests in _tests_of(athlete).items()}


def exercise_bias(*, athlete, exercise_id: int) -> RirBias:
    """One exercise's bias, for the answer to a tick or an edit of one set: one query."""
    return rir_bias(
        [
            CalibrationTest(on=on, predicted_rir=predicted, actual_rir=actual)
            for _, on, predicted, actual in _test_rows(athlete).filter(exercise_id=exercise_id)
        ]
    )
