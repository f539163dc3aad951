"""The coach's view of an athlete's test sets, on the athlete's page: how often they are
planned, which of the program's exercises plan them, and every test with what it showed.
The rules are tracking.calibration's; the athlete's own word is tracking.test_set_choices."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import MAX_TEST_SET_EVERY_WEEKS, TEST_SET_EVERY_MESSAGE
from programs.catalogue_words import exercise_name
from programs.models import Exercise
from programs.numbers import parse_whole_number
from tracking.calibration import (
    HONEST_LIMITS,
    SAFETY_REMINDER,
    RirBias,
    safe_to_fail,
    test_set_outcome,
)
from tracking.calibration_record import calibration_record


class IntervalForm(forms.Form):
    every_weeks = forms.CharField(
        label=gettext_lazy("A test set every (weeks, 0 for never)"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "pattern": "[0-9]*", "size": 3, "autocomplete": "off"}
        ),
        error_messages={
            "required": gettext_lazy(TEST_SET_EVERY_MESSAGE),
            "max_length": gettext_lazy(TEST_SET_EVERY_MESSAGE),
        },
    )

    def clean_every_weeks(self) -> int:
        weeks = parse_whole_number(self.cleaned_data["every_weeks"], max_digits=2)
        if weeks is None or weeks > MAX_TEST_SET_EVERY_WEEKS:
            raise ValidationError(_(TEST_SET_EVERY_MESSAGE), code="out_of_range")
        return weeks


@dataclass(frozen=True)
class ExerciseRow:
    exercise: Exercise
    planned: bool
    safe: bool
    bias: RirBias


@dataclass(frozen=True)
class CoachTestSetRow:
    on: dt.date
    exercise: str
    predicted_rir: int
    actual_rir: int
    outcome: str


@dataclass(frozen=True)
class CoachTestSets:
    every_weeks: int
    form: IntervalForm
    exercises: list[ExerciseRow]
    tests: list[CoachTestSetRow]  # newest first
    honest_limits: str = HONEST_LIMITS
    safety_reminder: str = SAFETY_REMINDER


def coach_test_sets(
    *, athlete, exercises: list[Exercise], form: IntervalForm | None = None
) -> CoachTestSets:
    """Two queries for the record, one more for the names of exercises tested outside the
    program (none when there is no test)."""
    record = calibration_record(athlete)
    names = {exercise.pk: exercise.shown_name for exercise in exercises}
    missing = set(record.tests) - set(names)
    if missing:
        names |= {
            pk: exercise_name(name)
            for pk, name in Exercise.objects.filter(pk__in=missing).values_list("pk", "name")
        }
    tests = sorted(
        (
            CoachTestSetRow(
                on=test.on,
                exercise=names[exercise_id],
                predicted_rir=test.predicted_rir,
                actual_rir=test.actual_rir,
                outcome=test_set_outcome(
                    predicted_rir=test.predicted_rir, actual_rir=test.actual_rir
                ),
            )
            for exercise_id, exercise_tests in record.tests.items()
            for test in exercise_tests
        ),
        key=lambda row: (row.on, row.exercise),
        reverse=True,
    )
    return CoachTestSets(
        every_weeks=record.every_weeks,
        form=form or IntervalForm(initial={"every_weeks": record.every_weeks}),
        exercises=[
            ExerciseRow(
                exercise=exercise,
                planned=record.planned(exercise),
                safe=safe_to_fail(exercise.equipment),
                bias=record.bias(exercise.pk),
            )
            for exercise in exercises
        ],
        tests=tests,
    )


def program_exercises(slots) -> list[Exercise]:
    """The exercises of the athlete's program as the coach's page lists its slots (an
    adjustment's exercise over the template's), each once, in slot order."""
    seen: dict[int, Exercise] = {}
    for prescription, override in slots:
        exercise = override.exercise if override and override.exercise else prescription.exercise
        seen.setdefault(exercise.pk, exercise)
    return list(seen.values())


def set_test_set_interval(*, athlete, every_weeks: int) -> None:
    athlete.test_set_every_weeks = every_weeks
    athlete.save(update_fields=["test_set_every_weeks"])
