"""An exercise's test sets as its pages show them: planned or not, each test with what it
showed, and the bias they measure (the rules are tracking.calibration's)."""

import datetime as dt
from dataclasses import dataclass

from programs.models import Exercise
from tracking.calibration import (
    HONEST_LIMITS,
    SAFETY_REMINDER,
    RirBias,
    safe_to_fail,
    test_set_outcome,
)
from tracking.calibration_record import CalibrationRecord


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
            return (
                f"{needed} more test{'s' if needed > 1 else ''} needed before your RIR on "
                f"{self.exercise.name} is corrected."
            )
        counted = f"(spread ±{bias.spread:.1f}, {bias.tests} tests)"
        if bias.correction > 0:
            return (
                f"You leave {bias.reps:.1f} reps more than you think {counted}: "
                f"an RIR you type reads {bias.correction} higher."
            )
        if bias.correction < 0:
            return (
                f"You have {-bias.reps:.1f} reps fewer than you think {counted}: "
                f"an RIR you type reads {-bias.correction} lower."
            )
        return f"Your guesses are about right {counted}: your RIR is read as typed."


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
