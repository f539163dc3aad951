"""A first session: the load and reps of the set logged last fill the sets still to log."""

from decimal import Decimal

import pytest

from tracking.models import SetLog
from tracking.session_page import DEFAULT_RIR, SetRow, carry_down, undone_row

LOGGED = SetLog()  # only its presence matters to carry_down


def row(number, *, logged=False, load=None, reps=None, legs=None):
    left, right = legs or (None, None)
    made = SetRow(prescription=None, number=number, unit="kg", increment=Decimal("2.5"))
    made.logged = LOGGED if logged else None
    made.load = None if load is None else Decimal(load)
    made.reps, made.reps_left, made.reps_right = reps, left, right
    return made


def shown(rows):
    return [(r.load and str(r.load), r.reps, r.reps_left, r.reps_right) for r in rows]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [row(1, logged=True, load="60", reps=6), row(2, reps=8), row(3, reps=8)],
            [("60", 6, None, None)] * 3,
            id="the-logged-set-fills-the-blank-ones-below",
        ),
        pytest.param(
            [row(1, reps=8), row(2, logged=True, load="60", reps=7), row(3, reps=8)],
            [(None, 8, None, None), ("60", 7, None, None), ("60", 7, None, None)],
            id="never-the-ones-above",
        ),
        pytest.param(
            [
                row(1, logged=True, load="60", reps=8),
                row(2, logged=True, load="65", reps=6),
                row(3, reps=8),
            ],
            [("60", 8, None, None), ("65", 6, None, None), ("65", 6, None, None)],
            id="the-last-logged-wins",
        ),
        pytest.param(
            [row(1, logged=True, load="60", reps=8), row(2, load="62.5", reps=5)],
            [("60", 8, None, None), ("62.5", 5, None, None)],
            id="a-suggested-load-is-kept",
        ),
        pytest.param(
            [row(1, logged=True, load="20", legs=(12, 11)), row(2, legs=(14, 14))],
            [("20", None, 12, 11)] * 2,
            id="per-leg",
        ),
        pytest.param(
            [row(1, reps=8), row(2, reps=8)],
            [(None, 8, None, None)] * 2,
            id="nothing-logged-nothing-carried",
        ),
    ],
)
def test_carry_down(rows, expected):
    carry_down(rows)
    assert shown(rows) == expected


@pytest.mark.parametrize(
    ("rir", "shown_rir"), [(3, 3), (0, 0), (None, DEFAULT_RIR)], ids=["rir-3", "rir-0", "none"]
)
def test_an_undone_set_keeps_the_values_it_was_logged_with(rir, shown_rir):
    undone = SetLog(reps=7, load_kg=Decimal("100"), rir=rir)
    again = undone_row(row(1), undone)
    assert (again.load, again.reps, again.rir, again.logged) == (Decimal(100), 7, shown_rir, None)
