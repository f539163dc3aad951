"""How honest is a lifter's RIR: test sets, and the bias they measure.

The guide (proximity-to-failure): on legs, lifters stop on whole-body discomfort with 4–5
reps left while they believe they had 1–2. A test set checks it: the lifter stops where
they would, says their RIR, then goes on to technical failure and logs how many more reps
they did, the RIR they really had. Per exercise, the bias is reps really left minus reps
said, averaged over the tests with the recent ones weighing more. From two tests on, it
corrects that exercise's typed RIR for verdicts, suggestions and e1RM; the typed value is
always stored as typed.
"""

import datetime as dt
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs.models import Equipment

# Below two tests one guess is all there is: nothing is corrected.
MIN_TESTS = 2
# Each older test weighs this much of the one after it: a lifter who learns to judge
# their sets sees the correction follow within a few tests.
RECENCY_WEIGHT = 0.7
# Only the newest tests count: older ones would weigh under 2 % each, and reading years of
# monthly tests must cost what reading one year does.
RECENT_TESTS = 12
# With three tests or more, one that is this far from the median of the others is an
# outlier (a bad day, a mistyped number) and left out of the bias.
OUTLIER_REPS = 4
# A leg bias this large is worth a coach's word (the desk flags it).
FLAGGED_BIAS_REPS = 2
# Failure is safe where the load stops by itself or can be let go: machines, cables,
# dumbbells. A barbell squat to failure needs safeties or a spotter, so the lifter or
# their coach turns it on; bodyweight work has no load to drop and stays off too.
SAFE_TO_FAIL = frozenset({Equipment.MACHINE, Equipment.CABLE, Equipment.DUMBBELL})

SAFETY_REMINDER = gettext_lazy(
    "Set the safeties at the bottom, or have a spotter: this set goes to failure."
)
HONEST_LIMITS = gettext_lazy(
    "A test set is a hard set: going to failure costs more fatigue than stopping 1–2 short. "
    "One every few weeks per exercise is enough to follow how your guesses change."
)
TEST_SET_LABEL = gettext_lazy("Test set: go to failure")


@dataclass(frozen=True)
class CalibrationTest:
    """One test set: the RIR said at the stop, the reps done after it."""

    on: dt.date
    predicted_rir: int
    actual_rir: int

    @property
    def error(self) -> int:
        """Reps really left minus reps said: positive when the lifter was too cautious."""
        return self.actual_rir - self.predicted_rir


@dataclass(frozen=True)
class RirBias:
    reps: float  # weighted mean error of the tests kept; 0 with no test
    spread: float  # weighted standard deviation of the same
    tests: int  # tests kept (outliers excluded)
    outliers: int = 0

    @property
    def applies(self) -> bool:
        return self.tests >= MIN_TESTS

    @property
    def tests_needed(self) -> int:
        return max(0, MIN_TESTS - self.tests)

    @property
    def correction(self) -> int:
        """What is added to a typed RIR: whole reps, half away from zero; 0 below two
        tests."""
        if not self.applies:
            return 0
        return int(math.copysign(math.floor(abs(self.reps) + 0.5), self.reps))


NO_BIAS = RirBias(reps=0.0, spread=0.0, tests=0)


def _median(values: Sequence[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def rir_bias(tests: Sequence[CalibrationTest]) -> RirBias:
    """The bias of one athlete on one exercise from their test sets, in any order: the
    RECENT_TESTS newest count."""
    newest_first = heapq.nlargest(RECENT_TESTS, tests, key=lambda test: test.on)
    kept = newest_first
    if len(newest_first) >= 3:
        kept = [
            test
            for index, test in enumerate(newest_first)
            if abs(
                test.error
                - _median([other.error for j, other in enumerate(newest_first) if j != index])
            )
            <= OUTLIER_REPS
        ]
    if not kept:
        return NO_BIAS
    weights = [RECENCY_WEIGHT**age for age in range(len(kept))]
    total = sum(weights)
    mean = sum(w * test.error for w, test in zip(weights, kept, strict=True)) / total
    variance = sum(w * (test.error - mean) ** 2 for w, test in zip(weights, kept, strict=True))
    return RirBias(
        reps=round(mean, 2),
        spread=round(math.sqrt(variance / total), 2),
        tests=len(kept),
        outliers=len(newest_first) - len(kept),
    )


def corrected_rir(*, rir: int | None, bias: RirBias) -> int | None:
    """The RIR the lifter most likely had: the typed one plus their bias, never below 0.
    An RIR not recorded stays not recorded."""
    if rir is None:
        return None
    return max(0, rir + bias.correction)


def test_set_outcome(*, predicted_rir: int, actual_rir: int) -> str:
    """What a test set showed, in the lifter's words."""
    # Whole sentences, so a translation can put the numbers where its grammar wants them.
    difference = actual_rir - predicted_rir
    if difference > 0:
        sentence = _(
            "You said {said} left and did {did} more: you left {difference} more than you thought."
        )
    elif difference < 0:
        sentence = _(
            "You said {said} left and did {did} more: you had {difference} fewer than you thought."
        )
    else:
        sentence = _("You said {said} left and did {did} more: spot on.")
    return sentence.format(said=predicted_rir, did=actual_rir, difference=abs(difference))


def safe_to_fail(equipment: str) -> bool:
    return equipment in SAFE_TO_FAIL


def test_sets_planned(*, equipment: str, choice: bool | None) -> bool:
    """Whether an exercise gets test sets: the athlete's or coach's word, else whether
    failure is safe on it."""
    return safe_to_fail(equipment) if choice is None else choice


def test_set_due(*, last_test_on: dt.date | None, on: dt.date, every_weeks: int) -> bool:
    """Whether a session on ``on`` plans a test set on an exercise last tested then.
    ``every_weeks`` 0: never."""
    if every_weeks == 0:
        return False
    return last_test_on is None or (on - last_test_on).days >= every_weeks * 7


def bias_on(*, tests: Sequence[CalibrationTest], on: dt.date) -> RirBias:
    """The bias as it stood at the end of ``on``: the tests done up to that day, by the
    same rule as now (the balance page's trend reads it at a month's end)."""
    return rir_bias([test for test in tests if test.on <= on])


def leg_bias(*, tests: Sequence[CalibrationTest]) -> RirBias:
    """An athlete's bias on their legs: every test set of theirs pooled, whatever the
    exercise (every exercise here is a leg exercise). The desk flags it from
    FLAGGED_BIAS_REPS up, once it applies."""
    return rir_bias(tests)
