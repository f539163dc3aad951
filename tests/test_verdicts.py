import pytest

from tracking.verdicts import (
    ABOVE_RANGE_MESSAGE,
    ABOVE_TARGET_MESSAGE,
    AT_LIMIT_MESSAGE,
    BELOW_RANGE_MESSAGE,
    GOOD_SET_MESSAGE,
    NOT_RECORDED_MESSAGE,
    PER_LEG_OR_BOTH_MESSAGE,
    TOO_EASY_MESSAGE,
    EffortVerdict,
    RepVerdict,
    Verdict,
    judge_set,
)

SQUAT = {"reps_min": 5, "reps_max": 8, "rir_max": 2}


@pytest.mark.parametrize(
    ("reps", "expected"),
    [
        (0, RepVerdict.BELOW),
        (4, RepVerdict.BELOW),
        (5, RepVerdict.IN_RANGE),
        (7, RepVerdict.IN_RANGE),
        (8, RepVerdict.IN_RANGE),
        (9, RepVerdict.ABOVE),
        (15, RepVerdict.ABOVE),
    ],
    ids=["none", "one-short", "bottom", "middle", "top", "one-over", "far-over"],
)
def test_reps_are_judged_against_the_range(reps, expected):
    assert judge_set(reps=reps, rir=2, **SQUAT).rep == expected


@pytest.mark.parametrize(
    ("rir", "rir_max", "expected"),
    [
        (0, 2, EffortVerdict.ON_TARGET),
        (1, 2, EffortVerdict.ON_TARGET),
        (2, 2, EffortVerdict.ON_TARGET),
        (3, 2, EffortVerdict.AT_LIMIT),
        (3, 3, EffortVerdict.AT_LIMIT),
        (4, 2, EffortVerdict.TOO_EASY),
        (4, 3, EffortVerdict.TOO_EASY),
        (7, 2, EffortVerdict.TOO_EASY),
        (2, 1, EffortVerdict.AT_LIMIT),
        (1, 1, EffortVerdict.ON_TARGET),
        (0, 0, EffortVerdict.ON_TARGET),
        (1, 0, EffortVerdict.AT_LIMIT),
    ],
    ids=[
        "to-failure",
        "rir-1",
        "rir-2",
        "rir-3",
        "rir-3-even-when-target-reaches-3",
        "rir-4",
        "rir-4-whatever-the-target",
        "rir-7",
        "above-a-0-1-target",
        "inside-a-0-1-target",
        "failure-target",
        "above-a-failure-target",
    ],
)
def test_effort_is_judged_on_reps_in_reserve(rir, rir_max, expected):
    verdict = judge_set(reps=6, rir=rir, reps_min=5, reps_max=8, rir_max=rir_max)

    assert verdict.effort == expected


@pytest.mark.parametrize(
    ("reps", "rir", "expected"),
    [
        (6, 2, GOOD_SET_MESSAGE),
        (6, 5, TOO_EASY_MESSAGE.format(rir=5)),
        (6, 3, AT_LIMIT_MESSAGE),
        (4, 1, BELOW_RANGE_MESSAGE.format(reps=4, reps_min=5, reps_max=8)),
        (10, 2, ABOVE_RANGE_MESSAGE.format(reps=10, reps_min=5, reps_max=8)),
        (
            10,
            4,
            ABOVE_RANGE_MESSAGE.format(reps=10, reps_min=5, reps_max=8)
            + " "
            + TOO_EASY_MESSAGE.format(rir=4),
        ),
    ],
    ids=["good", "too-easy", "at-limit", "below", "above", "above-and-too-easy"],
)
def test_the_message_says_what_is_wrong(reps, rir, expected):
    assert judge_set(reps=reps, rir=rir, **SQUAT).message == expected


def test_too_easy_says_plainly_reps_were_left_in_the_tank():
    message = judge_set(reps=8, rir=5, **SQUAT).message

    assert message.startswith("RIR 5: you left reps in the tank.")
    assert "1–2 reps in reserve, 3 at the most" in message


def test_above_the_range_says_the_load_is_too_light():
    assert "the load is too light" in judge_set(reps=9, rir=2, **SQUAT).message


def test_above_a_tighter_target_names_it():
    verdict = judge_set(reps=6, rir=2, reps_min=5, reps_max=8, rir_max=1)

    assert verdict.message == ABOVE_TARGET_MESSAGE.format(rir=2, rir_max=1)


@pytest.mark.parametrize(
    ("left", "right", "rep", "judged"),
    [
        (12, 11, RepVerdict.IN_RANGE, 11),
        (12, 9, RepVerdict.BELOW, 9),
        (9, 12, RepVerdict.BELOW, 9),
        (16, 15, RepVerdict.ABOVE, 15),
        (15, 12, RepVerdict.IN_RANGE, 12),
    ],
    ids=["both-in", "right-short", "left-short", "both-above", "one-above-one-in"],
)
def test_a_per_leg_set_is_judged_on_the_weaker_leg(left, right, rep, judged):
    verdict = judge_set(
        reps=None, reps_left=left, reps_right=right, rir=2, reps_min=10, reps_max=14, rir_max=2
    )

    assert (verdict.rep, verdict.reps_judged) == (rep, judged)


@pytest.mark.parametrize(
    "reps",
    [
        {"reps": None},
        {"reps": None, "reps_left": 10},
        {"reps": None, "reps_right": 10},
        {"reps": 10, "reps_left": 10, "reps_right": 10},
    ],
    ids=["nothing", "left-only", "right-only", "both-kinds"],
)
def test_reps_or_both_legs_are_required(reps):
    with pytest.raises(ValueError, match=str(PER_LEG_OR_BOTH_MESSAGE)):
        judge_set(**reps, rir=2, **SQUAT)


@pytest.mark.parametrize(
    ("reps", "rir", "label", "good"),
    [
        (6, 2, "in range, on target", True),
        (9, 4, "above the range, too easy", False),
        (4, 3, "below the range, at the limit", False),
    ],
)
def test_verdict_labels(reps, rir, label, good):
    verdict = judge_set(reps=reps, rir=rir, **SQUAT)

    assert verdict.label == label
    assert verdict.is_good is good


def test_a_set_in_the_range_on_target_is_judged_good():
    verdict = judge_set(reps=6, rir=2, **SQUAT)

    assert verdict == Verdict(
        rep=RepVerdict.IN_RANGE,
        effort=EffortVerdict.ON_TARGET,
        reps_judged=6,
        message=GOOD_SET_MESSAGE,
    )


@pytest.mark.parametrize(
    ("reps", "reps_left", "reps_right", "rep", "message"),
    [
        (6, None, None, RepVerdict.IN_RANGE, NOT_RECORDED_MESSAGE),
        (
            4,
            None,
            None,
            RepVerdict.BELOW,
            f"4 reps: below the range of 5–8. {NOT_RECORDED_MESSAGE}",
        ),
        (
            9,
            None,
            None,
            RepVerdict.ABOVE,
            f"9 reps: above the range of 5–8, the load is too light. {NOT_RECORDED_MESSAGE}",
        ),
        (None, 6, 4, RepVerdict.BELOW, f"4 reps: below the range of 5–8. {NOT_RECORDED_MESSAGE}"),
    ],
    ids=["in-range", "below", "above", "per-leg-weaker"],
)
def test_an_rir_not_recorded_has_no_effort_verdict_but_its_reps_are_judged(
    reps, reps_left, reps_right, rep, message
):
    verdict = judge_set(reps=reps, reps_left=reps_left, reps_right=reps_right, rir=None, **SQUAT)

    assert (verdict.rep, verdict.effort, verdict.message) == (
        rep,
        EffortVerdict.NOT_RECORDED,
        message,
    )
    assert not verdict.is_good
