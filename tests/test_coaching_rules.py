"""The desk's rules: compliance, its drop, the idle flag and the "needs attention" order."""

import datetime as dt

import pytest

from coaching.rules import (
    IDLE_FLAG,
    NEVER_TRAINED_FLAG,
    Attention,
    attention_key,
    compliance_dropped,
    compliance_percent,
    idle_flag,
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


@pytest.mark.parametrize(
    ("last_trained", "has_program", "expected"),
    [
        (None, True, NEVER_TRAINED_FLAG),
        (None, False, ""),  # no program: nothing to skip
        (TODAY - dt.timedelta(days=6), True, ""),
        (TODAY - dt.timedelta(days=7), True, IDLE_FLAG.format(days=7)),
        (TODAY - dt.timedelta(days=20), True, IDLE_FLAG.format(days=20)),
    ],
)
def test_idle_flag(last_trained, has_program, expected):
    assert idle_flag(last_trained=last_trained, today=TODAY, has_program=has_program) == expected


def _order(*rows: Attention) -> list[str]:
    return [row.name for row in sorted(rows, key=attention_key)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # most flags first
            [Attention("ann", 0, 40, TODAY), Attention("bob", 2, 90, TODAY)],
            ["bob", "ann"],
        ),
        (  # same flags: the lowest 7-day compliance first
            [Attention("ann", 1, 90, TODAY), Attention("bob", 1, 50, TODAY)],
            ["bob", "ann"],
        ),
        (  # no figure counts as full: nothing was due
            [Attention("ann", 0, None, TODAY), Attention("bob", 0, 95, TODAY)],
            ["bob", "ann"],
        ),
        (  # then the longest since a session, never trained first
            [
                Attention("ann", 0, 100, TODAY),
                Attention("bob", 0, 100, None),
                Attention("cat", 0, 100, TODAY - dt.timedelta(days=3)),
            ],
            ["bob", "cat", "ann"],
        ),
        (  # then by name, ignoring case
            [Attention("Zoe", 0, 100, TODAY), Attention("adam", 0, 100, TODAY)],
            ["adam", "Zoe"],
        ),
    ],
)
def test_needs_attention_order(rows, expected):
    assert _order(*rows) == expected
