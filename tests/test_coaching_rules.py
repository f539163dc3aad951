"""The desk's rules: compliance and its drop (the "needs attention" order has its own
module: test_needs_attention.py)."""

import datetime as dt

import pytest

from coaching.rules import (
    Adjustment,
    DayTrained,
    Schedule,
    compliance_by_window,
    compliance_dropped,
    compliance_percent,
    due_days,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("done", "prescribed", "expected"),
    [
        (0, 0, None),  # nothing was due: no figure, not 0 %
        (0, 12, 0),
        (12, 12, 100),
        (9, 12, 75),
        (2, 3, 67),  # rounded half up
        (1, 8, 13),  # 12.5 → 13
    ],
)
def test_compliance_is_sets_done_over_sets_prescribed(done, prescribed, expected):
    assert compliance_percent(done=done, prescribed=prescribed) == expected


@pytest.mark.parametrize(
    ("last_7", "last_30", "dropped"),
    [
        (60, 80, True),  # exactly 20 points below
        (61, 80, False),
        (0, 100, True),
        (100, 60, False),  # better this week
        (None, 80, False),  # nothing due this week
        (40, None, False),
    ],
)
def test_compliance_drop_is_twenty_points_under_the_30_day_figure(last_7, last_30, dropped):
    assert compliance_dropped(last_7=last_7, last_30=last_30) is dropped


# The guide's split on Monday and Thursday: Day 1 prescribes 9 sets, Day 2 8.
GUIDE = Schedule(
    start_date=dt.date(2026, 1, 5),
    end_date=None,
    weekday_one=0,
    weekday_two=3,
    day_one_sets=9,
    day_two_sets=8,
)
W46_MON, W46_THU = dt.date(2026, 11, 9), dt.date(2026, 11, 12)
W47_MON, W47_THU = dt.date(2026, 11, 16), dt.date(2026, 11, 19)


def _due(sessions, schedules=(GUIDE,), first=W46_MON, last=dt.date(2026, 11, 22)):
    days = due_days(schedules=list(schedules), sessions=sessions, first=first, last=last)
    return [(day.date, day.done, day.prescribed) for day in days]


@pytest.mark.parametrize(
    ("sessions", "schedules", "expected"),
    [
        (  # both weeks opened and trained: the rows count
            [DayTrained(W46_MON, 9, 9), DayTrained(W46_THU, 8, 8)]
            + [DayTrained(W47_MON, 9, 9), DayTrained(W47_THU, 4, 8)],
            [GUIDE],
            [(W46_MON, 9, 9), (W46_THU, 8, 8), (W47_MON, 9, 9), (W47_THU, 4, 8)],
        ),
        (  # a week nobody opened: its two sessions are missed, from the schedule
            [DayTrained(W47_MON, 9, 9), DayTrained(W47_THU, 8, 8)],
            [GUIDE],
            [(W46_MON, 0, 9), (W46_THU, 0, 8), (W47_MON, 9, 9), (W47_THU, 8, 8)],
        ),
        (  # no row at all: every planned day missed
            [],
            [GUIDE],
            [(W46_MON, 0, 9), (W46_THU, 0, 8), (W47_MON, 0, 9), (W47_THU, 0, 8)],
        ),
        (  # a week made from today on: its Monday, already past, has no row and is missed
            [DayTrained(W47_THU, 8, 8)],
            [GUIDE],
            [(W46_MON, 0, 9), (W46_THU, 0, 8), (W47_MON, 0, 9), (W47_THU, 8, 8)],
        ),
        (  # weekdays changed to Tuesday and Friday since: the old weeks' rows are their plan
            [DayTrained(W46_MON, 9, 9), DayTrained(W46_THU, 8, 8)],
            [Schedule(dt.date(2026, 1, 5), None, 1, 4, 9, 8)],
            [(W46_MON, 9, 9), (W46_THU, 8, 8), (W47_MON + dt.timedelta(1), 0, 9)]
            + [(W47_THU + dt.timedelta(1), 0, 8)],
        ),
        (  # the program started on W47's Thursday: nothing was due before
            [],
            [Schedule(W47_THU, None, 0, 3, 9, 8)],
            [(W47_THU, 0, 8)],
        ),
        (  # ended after W46's Monday: only that day was due
            [],
            [Schedule(dt.date(2026, 1, 5), W46_MON, 0, 3, 9, 8)],
            [(W46_MON, 0, 9)],
        ),
        (  # no program: nothing due
            [],
            [],
            [],
        ),
        (  # a session left from an ended program still counts as trained
            [DayTrained(W46_MON, 9, 9)],
            [],
            [(W46_MON, 9, 9)],
        ),
        (  # the coach took Day 1's squat from 4 sets to 2 from W47 on
            [],
            [Schedule(dt.date(2026, 1, 5), None, 0, 3, 9, 8, (Adjustment(1, W47_MON, -2),))],
            [(W46_MON, 0, 9), (W46_THU, 0, 8), (W47_MON, 0, 7), (W47_THU, 0, 8)],
        ),
    ],
)
def test_the_days_due_come_from_the_schedule_as_well_as_the_sessions(sessions, schedules, expected):
    assert _due(sessions, schedules) == expected


def test_the_days_due_stay_inside_the_period():
    # From a Wednesday to a Tuesday: W46's Monday and W47's Thursday are outside.
    assert _due([], first=dt.date(2026, 11, 11), last=dt.date(2026, 11, 17)) == [
        (W46_THU, 0, 8),
        (W47_MON, 0, 9),
    ]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], {7: None, 30: None, 90: None}),  # nothing due
        (  # the week nobody opened (W46) counts against the 30 days, not the last 7
            [DayTrained(W46_MON, 0, 9), DayTrained(W46_THU, 0, 8)]
            + [DayTrained(TODAY - dt.timedelta(days=7), 9, 9)]
            + [DayTrained(TODAY - dt.timedelta(days=4), 8, 8)],
            {7: 100, 30: 50, 90: 50},
        ),
        (  # today is left out: its session may still be trained
            [DayTrained(TODAY, 0, 9), DayTrained(TODAY - dt.timedelta(days=4), 4, 8)],
            {7: 50, 30: 50, 90: 50},
        ),
        (  # 91 days ago is outside every window
            [DayTrained(TODAY - dt.timedelta(days=91), 0, 9)],
            {7: None, 30: None, 90: None},
        ),
    ],
)
def test_compliance_by_window(days, expected):
    assert compliance_by_window(days=days, today=TODAY) == expected
