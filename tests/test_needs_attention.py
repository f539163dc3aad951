"""The desk's "needs attention" rule: the order of the rows and the sentence that says why
each is where it is."""

import datetime as dt

import pytest

from coaching.rules import (
    ALL_CLEAR,
    BELOW_PLAN_FLAG,
    COMPLIANCE_DROP_FLAG,
    IDLE_FLAG,
    NEVER_TRAINED_FLAG,
    ON_PLAN_PERCENT,
    Attention,
    bias_flag,
    missed_flag,
    needs_attention,
)
from tracking.calibration import NO_BIAS, RirBias

# Friday 27 November 2026; this week's sessions fall on Monday 23 and Thursday 26.
TODAY = dt.date(2026, 11, 27)
MONDAY = dt.date(2026, 11, 23)
THURSDAY = dt.date(2026, 11, 26)
HAMSTRINGS = "Hamstrings behind: 0 of 6 hard sets"
LEG = "Left leg 25 % behind on walking lunge"
BIAS = "Leaves 3 more reps than they think"


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def athlete(name: str, **figures) -> Attention:
    """An athlete on a program, trained yesterday, at 100 % over 7 and 30 days, unless the
    figures say otherwise."""
    values = {
        "has_program": True,
        "last_trained": days_ago(1),
        "compliance_7": 100,
        "compliance_30": 100,
    }
    return Attention(name=name, **{**values, **figures})


def desk(*athletes: Attention) -> list[tuple[str, tuple[str, ...]]]:
    verdicts = [(needs_attention(athlete=row, today=TODAY), row.name) for row in athletes]
    return [(name, verdict.reasons) for verdict, name in sorted(verdicts, key=lambda v: v[0].rank)]


@pytest.mark.parametrize(
    ("athletes", "expected"),
    [
        pytest.param(
            [
                athlete("ann"),
                athlete("bob"),
                athlete(
                    "gone",
                    last_trained=days_ago(18),
                    missed=(MONDAY, THURSDAY),
                    compliance_7=0,
                    compliance_30=40,
                ),
            ],
            [
                (
                    "gone",
                    (
                        "No session for 18 days",
                        "Missed Monday's and Thursday's sessions",
                        "Compliance down: 0 % this week against 40 % over 30 days",
                    ),
                ),
                ("ann", ()),
                ("bob", ()),
            ],
            id="the issue's case: 18 days and 0 % this week above two at 100 %",
        ),
        pytest.param(
            [athlete("six", last_trained=days_ago(6)), athlete("seven", last_trained=days_ago(7))],
            [("seven", (IDLE_FLAG.format(days=7),)), ("six", ())],
            id="7 days without a session is the top; 6 is not flagged",
        ),
        pytest.param(
            [
                athlete("ten", last_trained=days_ago(10)),
                athlete("thirty", last_trained=days_ago(30)),
                athlete("never", last_trained=None),
            ],
            [
                ("thirty", ("No session for 30 days",)),
                ("ten", ("No session for 10 days",)),
                ("never", (NEVER_TRAINED_FLAG,)),
            ],
            id="more days rank higher; never trained is at the top, under a known longer gap",
        ),
        pytest.param(
            [athlete("idle", last_trained=days_ago(9)), athlete("rest", has_program=False)],
            [("idle", ("No session for 9 days",)), ("rest", ())],
            id="no program: nothing to skip",
        ),
        pytest.param(
            [
                athlete("flags", insight_flags=(HAMSTRINGS, LEG)),
                athlete("idle", last_trained=days_ago(8), missed=(MONDAY,)),
            ],
            [
                ("idle", ("No session for 8 days", "Missed Monday's session")),
                ("flags", (HAMSTRINGS, LEG)),
            ],
            id="days since the last session before the insight flags",
        ),
        pytest.param(
            [
                athlete("one", missed=(THURSDAY,), compliance_7=55, compliance_30=60),
                athlete("two", missed=(MONDAY, THURSDAY)),
                athlete("drop", compliance_7=30, compliance_30=90),
            ],
            [
                ("two", ("Missed Monday's and Thursday's sessions",)),
                ("one", ("Missed Thursday's session", BELOW_PLAN_FLAG.format(last_30=60))),
                ("drop", (COMPLIANCE_DROP_FLAG.format(last_7=30, last_30=90),)),
            ],
            id="then the most sessions missed this week, before a fall in compliance",
        ),
        pytest.param(
            [
                athlete("flags", insight_flags=(HAMSTRINGS, LEG)),
                athlete("small", compliance_7=65, compliance_30=85),
                athlete("steep", compliance_7=40, compliance_30=85),
            ],
            [
                ("steep", ("Compliance down: 40 % this week against 85 % over 30 days",)),
                ("small", ("Compliance down: 65 % this week against 85 % over 30 days",)),
                ("flags", (HAMSTRINGS, LEG)),
            ],
            id="then the steepest fall in compliance, before the insight flags",
        ),
        pytest.param(
            [
                athlete("one", insight_flags=(LEG,)),
                athlete("two", insight_flags=(HAMSTRINGS, LEG)),
                athlete("under", compliance_7=50, compliance_30=50),
            ],
            [
                ("two", (HAMSTRINGS, LEG)),
                ("one", (LEG,)),
                ("under", ("Compliance 50 % over 30 days",)),
            ],
            id="then the most insight flags, before compliance under plan",
        ),
        pytest.param(
            [
                athlete("steady", compliance_7=65, compliance_30=65),
                athlete("on plan", compliance_7=ON_PLAN_PERCENT, compliance_30=ON_PLAN_PERCENT),
                athlete("lower", compliance_7=70, compliance_30=45),
            ],
            [
                ("lower", ("Compliance 45 % over 30 days",)),
                ("steady", ("Compliance 65 % over 30 days",)),
                ("on plan", ()),
            ],
            id="steady at 65 % is not all clear; at the threshold is on plan",
        ),
        pytest.param(
            [
                athlete("clear"),
                athlete("bias", insight_flags=(BIAS,)),
                athlete("two", insight_flags=(LEG, BIAS)),
            ],
            [("two", (LEG, BIAS)), ("bias", (BIAS,)), ("clear", ())],
            id="the leg bias is an insight flag: it counts with the others",
        ),
        pytest.param(
            [
                athlete("bias", insight_flags=(BIAS,)),
                athlete("missed", missed=(MONDAY,)),
                athlete("under plan", compliance_7=60, compliance_30=60),
            ],
            [
                ("missed", ("Missed Monday's session",)),
                ("bias", (BIAS,)),
                ("under plan", ("Compliance 60 % over 30 days",)),
            ],
            id="the leg bias: under a missed session, above compliance under plan",
        ),
        pytest.param(
            [
                athlete("bob", compliance_7=90),
                athlete("Ann", compliance_7=None, compliance_30=None),
                athlete("cat", compliance_7=90),
            ],
            [("bob", ()), ("cat", ()), ("Ann", ())],
            id="all clear: the lower 7-day figure first (none is full), then by name",
        ),
    ],
)
def test_needs_attention_order_and_reasons(athletes, expected):
    assert desk(*athletes) == expected


@pytest.mark.parametrize(
    ("row", "all_clear"),
    [
        (athlete("ann"), True),
        (
            athlete("ann", compliance_30=ON_PLAN_PERCENT - 1, compliance_7=ON_PLAN_PERCENT - 1),
            False,
        ),
        (athlete("ann", insight_flags=(LEG,)), False),
        (athlete("ann", missed=(MONDAY,)), False),
    ],
)
def test_all_clear_only_when_nothing_is_flagged_and_compliance_is_on_plan(row, all_clear):
    assert needs_attention(athlete=row, today=TODAY).all_clear is all_clear
    assert ALL_CLEAR == "All clear"


@pytest.mark.parametrize(
    ("missed", "sentence"),
    [
        ((), ""),
        ((MONDAY,), "Missed Monday's session"),
        ((THURSDAY, MONDAY), "Missed Monday's and Thursday's sessions"),
        (
            (MONDAY, dt.date(2026, 11, 24), THURSDAY),
            "Missed Monday's, Tuesday's and Thursday's sessions",
        ),
    ],
)
def test_missed_sessions_say_their_days(missed, sentence):
    assert missed_flag(missed=missed) == sentence


@pytest.mark.parametrize(
    ("bias", "sentence"),
    [
        pytest.param(NO_BIAS, "", id="no test"),
        pytest.param(RirBias(reps=4.0, spread=0.0, tests=1), "", id="one test: no bias yet"),
        pytest.param(RirBias(reps=1.9, spread=0.5, tests=3), "", id="under 2 reps"),
        pytest.param(
            RirBias(reps=2.0, spread=0.0, tests=2),
            "Leaves 2 more reps than they think",
            id="at FLAGGED_BIAS_REPS",
        ),
        pytest.param(RirBias(reps=3.1, spread=1.0, tests=4), BIAS, id="in whole reps"),
        pytest.param(
            RirBias(reps=-2.5, spread=0.0, tests=2), "", id="fewer left than said: not the guide's"
        ),
    ],
)
def test_the_leg_bias_flag(bias, sentence):
    assert bias_flag(bias=bias) == sentence
