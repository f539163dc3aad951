"""Test sets: the bias they measure, and the verdict a corrected RIR gives (tables)."""

import datetime as dt

import pytest

# The module, not its names: pytest would collect its test_… rules as tests.
from tracking import calibration
from tracking.calibration import NO_BIAS, CalibrationTest, RirBias, corrected_rir, rir_bias
from tracking.verdicts import EffortVerdict, judge_set_against_tests

FIRST = dt.date(2026, 1, 5)


def measured_tests(*errors_oldest_first: tuple[int, int]) -> list[CalibrationTest]:
    """(predicted, actual) pairs, four weeks apart, oldest first."""
    return [
        CalibrationTest(on=FIRST + dt.timedelta(weeks=4 * n), predicted_rir=p, actual_rir=a)
        for n, (p, a) in enumerate(errors_oldest_first)
    ]


# Expected values worked by hand: weights 1, 0.7, 0.49… from the newest test back.
BIAS_TABLE = {
    "no tests": ([], NO_BIAS, 0, 2),
    "one test: measured, not applied": ([(2, 5)], RirBias(3.0, 0.0, 1), 0, 1),
    "two agreeing tests": ([(2, 5), (1, 4)], RirBias(3.0, 0.0, 2), 3, 0),
    # errors 0 then 4: (4·1 + 0·0.7) / 1.7 = 2.35; spread √((1.65²·1 + 2.35²·0.7) / 1.7)
    "two disagreeing tests, the newest weighs more": (
        [(2, 2), (1, 5)],
        RirBias(2.35, 1.97, 2),
        2,
        0,
    ),
    # errors 2, 12, 3, 3: 12 is 9 from the others' median 3, left out;
    # (3·1 + 3·0.7 + 2·0.49) / 2.19 = 2.78
    "an outlier is left out": (
        [(2, 4), (0, 12), (2, 5), (1, 4)],
        RirBias(2.78, 0.42, 3, outliers=1),
        3,
        0,
    ),
    # errors 5, 4, 3, 2, 1: the plain mean is 3, the recent tests pull it to 2.32
    "a lifter who gets better": (
        [(1, 6), (1, 5), (2, 5), (2, 4), (2, 3)],
        RirBias(2.32, 1.31, 5),
        2,
        0,
    ),
    # Three early tests 4 reps cautious, then twelve at 1: only the twelve newest count.
    "only the twelve newest tests count": (
        [(0, 4)] * 3 + [(1, 2)] * 12,
        RirBias(1.0, 0.0, 12),
        1,
        0,
    ),
    "a lifter who overrates what is left": ([(3, 1), (4, 2)], RirBias(-2.0, 0.0, 2), -2, 0),
}


@pytest.mark.parametrize(
    ("pairs", "bias", "correction", "needed"), BIAS_TABLE.values(), ids=BIAS_TABLE.keys()
)
def test_the_bias_of_a_lifters_tests(pairs, bias, correction, needed):
    measured = rir_bias(measured_tests(*pairs))

    assert measured == bias
    assert measured.correction == correction
    assert measured.tests_needed == needed


def test_the_order_the_tests_come_in_does_not_matter():
    tests = measured_tests((2, 2), (1, 5), (2, 6))
    assert rir_bias(tests) == rir_bias(list(reversed(tests)))


TWO_TESTS = RirBias(2.0, 0.0, 2)
ONE_TEST = RirBias(3.0, 0.0, 1)
CAUTIOUS = RirBias(1.0, 0.0, 2)
BOLD = RirBias(-2.0, 0.0, 2)

# Typed RIR × bias → the effort verdict on a target of 1–2 (rir_max 2).
VERDICT_TABLE = {
    "no tests: as typed": (2, NO_BIAS, EffortVerdict.ON_TARGET, 2),
    "one test: as typed": (2, ONE_TEST, EffortVerdict.ON_TARGET, 2),
    "said 2, tests +2: RIR 4, too easy": (2, TWO_TESTS, EffortVerdict.TOO_EASY, 4),
    "said 1, tests +2: RIR 3, at the limit": (1, TWO_TESTS, EffortVerdict.AT_LIMIT, 3),
    "said 0, tests +2: RIR 2, on target": (0, TWO_TESTS, EffortVerdict.ON_TARGET, 2),
    "said 2, tests +1: RIR 3, at the limit": (2, CAUTIOUS, EffortVerdict.AT_LIMIT, 3),
    "said 4, tests -2: RIR 2, on target": (4, BOLD, EffortVerdict.ON_TARGET, 2),
    "said 1, tests -2: never below 0": (1, BOLD, EffortVerdict.ON_TARGET, 0),
    "not recorded stays not recorded": (None, TWO_TESTS, EffortVerdict.NOT_RECORDED, None),
}


@pytest.mark.parametrize(
    ("typed", "bias", "effort", "corrected"), VERDICT_TABLE.values(), ids=VERDICT_TABLE.keys()
)
def test_the_verdict_reads_the_corrected_rir(typed, bias, effort, corrected):
    verdict = judge_set_against_tests(
        reps=10, rir=typed, reps_min=8, reps_max=12, rir_max=2, bias=bias, exercise="leg press"
    )

    assert corrected_rir(rir=typed, bias=bias) == corrected
    assert verdict.effort == effort
    said = f"You said RIR {typed}: your tests say that is about RIR {corrected} on leg press."
    assert verdict.message.startswith(said) == (typed is not None and corrected != typed)


OUTCOMES = {
    "left more": ((2, 4), "You said 2 left and did 4 more: you left 2 more than you thought."),
    "spot on": ((1, 1), "You said 1 left and did 1 more: spot on."),
    "had fewer": ((3, 1), "You said 3 left and did 1 more: you had 2 fewer than you thought."),
}


@pytest.mark.parametrize(("pair", "sentence"), OUTCOMES.values(), ids=OUTCOMES.keys())
def test_a_test_set_says_what_it_showed(pair, sentence):
    predicted, actual = pair
    assert calibration.test_set_outcome(predicted_rir=predicted, actual_rir=actual) == sentence


@pytest.mark.parametrize(
    ("equipment", "choice", "planned"),
    [
        ("machine", None, True),
        ("dumbbell", None, True),
        ("cable", None, True),
        ("barbell", None, False),
        ("bodyweight", None, False),
        ("barbell", True, True),
        ("machine", False, False),
    ],
)
def test_test_sets_are_planned_where_failure_is_safe_unless_told(equipment, choice, planned):
    assert calibration.test_sets_planned(equipment=equipment, choice=choice) is planned


@pytest.mark.parametrize(
    ("last", "on", "every", "due"),
    [
        (None, FIRST, 4, True),
        (FIRST, FIRST + dt.timedelta(days=27), 4, False),
        (FIRST, FIRST + dt.timedelta(days=28), 4, True),
        (FIRST, FIRST + dt.timedelta(days=13), 2, False),
        (None, FIRST, 0, False),
    ],
)
def test_a_test_set_is_due_every_few_weeks(last, on, every, due):
    assert calibration.test_set_due(last_test_on=last, on=on, every_weeks=every) is due
