"""An exercise's test sets as its pages show them: planned or not, each test with what it
showed, and the bias they measure (the rules are tracking.calibration's)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.models import Exercise
from tracking.calibration import (
    HONEST_LIMITS,
    SAFETY_REMINDER,
    RirBias,
    safe_to_fail,
    test_set_outcome,
)
from tracking.calibration_record import CalibrationRecord
from tracking.insights import tenths


@dataclass(frozen=True)
class ShownTestSet:
    on: dt.date
    predicted_rir: int
    actual_rir: int
    outcome: str


@dataclass(frozen=True)
class ExerciseTestSets:
    exercise: Exercise
    planned: bool
    safe: bool
    bias: RirBias
    tests: list[ShownTestSet]  # newest first
    every_weeks: int
    honest_limits: str = HONEST_LIMITS

    @property
    def safety_reminder(self) -> str:
        """Said beside the button and the plan wherever failure needs safeties or a
        spotter (a barbell): test sets there are the lifter's or coach's choice."""
        return "" if self.safe else SAFETY_REMINDER

    @property
    def bias_sentence(self) -> str:
        bias = self.bias
        if not bias.applies:
            needed = bias.tests_needed
            return ngettext(
                "{count} more test needed before your RIR on {name} is corrected.",
                "{count} more tests needed before your RIR on {name} is corrected.",
                needed,
            ).format(count=needed, name=self.exercise.shown_name)
        counted = ngettext(
            "(spread ±{spread}, {count} test)", "(spread ±{spread}, {count} tests)", bias.tests
        ).format(spread=tenths(bias.spread), count=bias.tests)
        if bias.correction > 0:
            return _(
                "You leave {reps} reps more than you think {counted}: "
                "an RIR you type reads {correction} higher."
            ).format(reps=tenths(bias.reps), counted=counted, correction=bias.correction)
        if bias.correction < 0:
            return _(
                "You have {reps} reps fewer than you think {counted}: "
                "an RIR you type reads {correction} lower."
            ).format(reps=tenths(-bias.reps), counted=counted, correction=-bias.correction)
        return _("Your guesses are about right {counted}: your RIR is read as typed.").format(
            counted=counted
        )


def exercise_test_sets(*, record: CalibrationRecord, exercise: Exercise) -> ExerciseTestSets:
    """No query: the record has read them."""
    tests = sorted(record.tests.get(exercise.pk, []), key=lambda test: test.on, reverse=True)
    return ExerciseTestSets(
        exercise=exercise,
        planned=record.planned(exercise),
        safe=safe_to_fail(exercise.equipment),
        bias=record.bias(exercise.pk),
        tests=[
            ShownTestSet(
                on=test.on,
                predicted_rir=test.predicted_rir,
                actual_rir=test.actual_rir,
                outcome=test_set_outcome(
                    predicted_rir=test.predicted_rir, actual_rir=test.actual_rir
                ),
            )
            for test in tests
        ],
        every_weeks=record.every_weeks,
    )
