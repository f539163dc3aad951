"""An athlete's test sets as the pages read them: two queries, whatever the history (test
sets are a few among thousands, found through a partial index). The rules are
tracking.calibration's."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

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


def _test_rows(athlete):
    return (
        SetLog.objects.filter(prescription__session__athlete=athlete, actual_rir__isnull=False)
        .order_by()
        .values_list("exercise_id", "prescription__session__date", "rir", "actual_rir")
    )


def calibration_record(athlete) -> CalibrationRecord:
    rows = _test_rows(athlete)
    tests: dict[int, list[CalibrationTest]] = defaultdict(list)
    for exercise_id, on, predicted, actual in rows:
        tests[exercise_id].append(
            CalibrationTest(on=on, predicted_rir=predicted, actual_rir=actual)
        )
    choices = dict(
        CalibrationChoice.objects.filter(athlete=athlete).values_list("exercise_id", "planned")
    )
    return CalibrationRecord(
        every_weeks=athlete.test_set_every_weeks, tests=dict(tests), choices=choices
    )


def exercise_bias(*, athlete, exercise_id: int) -> RirBias:
    """One exercise's bias, for the answer to a tick or an edit of one set: one query."""
    return rir_bias(
        [
            CalibrationTest(on=on, predicted_rir=predicted, actual_rir=actual)
            for _, on, predicted, actual in _test_rows(athlete).filter(exercise_id=exercise_id)
        ]
    )
