"""The insight rules (tracking/insights/), table by table, and the grouped reads that feed
them (tracking/insights/queries.py) on the edge cases DOMAIN.md names: no sets, one set,
per-leg sets, a swapped exercise, a lifter in pounds with loads stored in kilograms."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from accounts.models import Unit
from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_user
from tracking.charts import bar_chart, line_chart, sparkline
from tracking.insights import Point, e1rm_in_unit, percent, queries
from tracking.insights.effort import COMPOUND_EASY_MESSAGE, EffortRow, effort_report
from tracking.insights.legs import LegDay, left_right
from tracking.insights.muscles import (
    HAMSTRINGS_BEHIND_MESSAGE,
    HAMSTRINGS_BEHIND_WEEKS_MESSAGE,
    MuscleDay,
    balance_weeks,
    hamstrings_message,
    hamstrings_weeks_message,
    muscle_weeks,
)
from tracking.insights.progress import (
    BODYWEIGHT_MESSAGE,
    LoggedSet,
    SessionBest,
    TrainedExercise,
    chart_series,
    describe_set,
    progress_lines,
    sessions_of,
    sessions_shown,
    weekly_volume,
)
from tracking.models import SetLog
from tracking.progression import estimated_1rm
from tracking.units import to_kg

D = Decimal
TODAY = dt.date(2026, 11, 26)  # a Thursday, in 2026-W48
W48 = IsoWeek(2026, 48)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


# ---------------------------------------------------------------------------------------
# Progress: now against four weeks ago, and the trend


SQUAT = TrainedExercise(1, "Back squat", TODAY, 6)


def best(date: dt.date, e1rm: str, exercise_id: int = 1) -> SessionBest:
    return SessionBest(exercise_id, date, D(e1rm), D(0), 1)


NOT_RECENT = "Not trained in the last 12 weeks: log two sessions of back squat to see a trend."
ONE_MORE = "Log one more session of back squat to see a trend."


@pytest.mark.parametrize(
    ("bests", "unit", "now", "then", "change", "trend", "message"),
    [
        pytest.param([], "kg", None, None, "", [], NOT_RECENT, id="nothing recent"),
        pytest.param(
            [best(days_ago(3), "120")],
            "kg",
            D("120"),
            None,
            "",
            [],
            ONE_MORE,
            id="one session: no trend yet",
        ),
        pytest.param(
            [best(days_ago(30), "100"), best(days_ago(3), "110")],
            "kg",
            D("110"),
            D("100"),
            "+10 kg",
            ["100", "110"],
            "",
            id="up ten",
        ),
        pytest.param(
            [best(days_ago(30), "110"), best(days_ago(3), "104.96")],
            "kg",
            D("105"),
            D("110"),
            "−5 kg",
            ["110", "105"],
            "",
            id="down five, e1RM to the tenth",
        ),
        pytest.param(
            # Day 27 back is the oldest day of "now", day 28 the newest of "four weeks ago",
            # day 55 its oldest; day 56 is in the trend only.
            [
                best(days_ago(56), "999"),
                best(days_ago(55), "90"),
                best(days_ago(28), "95"),
                best(days_ago(27), "100"),
            ],
            "kg",
            D("100"),
            D("95"),
            "+5 kg",
            ["999", "90", "95", "100"],
            "",
            id="window edges",
        ),
        pytest.param(
            [best(days_ago(40), "120"), best(days_ago(38), "125")],
            "kg",
            None,
            D("125"),
            "",
            ["120", "125"],
            "",
            id="not trained in the last four weeks",
        ),
        pytest.param(
            [best(days_ago(30), "100"), best(days_ago(2), "110")],
            "lb",
            D("242.5"),
            D("220.5"),
            "+22 lb",
            ["220.5", "242.5"],
            "",
            id="pounds: kilograms shown in lb",
        ),
        pytest.param(
            [best(days_ago(10), "0"), best(days_ago(3), "0")],
            "kg",
            D("0"),
            None,
            "",
            [],
            BODYWEIGHT_MESSAGE,
            id="bodyweight only: no chart of zeros",
        ),
        pytest.param(
            [best(days_ago(30), "100"), best(days_ago(3), "100")],
            "kg",
            D("100"),
            D("100"),
            "±0",
            ["100", "100"],
            "",
            id="flat",
        ),
        pytest.param(
            [best(days_ago(3), "150", exercise_id=2), best(days_ago(30), "100")],
            "kg",
            None,
            D("100"),
            "",
            [],
            ONE_MORE,
            id="another exercise's sessions do not count",
        ),
    ],
)
def test_a_progress_line(bests, unit, now, then, change, trend, message):
    (line,) = progress_lines(exercises=[SQUAT], bests=bests, today=TODAY, unit=unit)
    assert (line.now, line.then, line.change_label) == (now, then, change)
    assert [str(point.value) for point in line.trend] == trend
    assert line.message == message


def test_no_exercise_trained_gives_no_lines():
    assert progress_lines(exercises=[], bests=[], today=TODAY, unit="kg") == []


@pytest.mark.parametrize(
    ("points", "max_points", "period", "kept"),
    [
        pytest.param([], 52, "session", [], id="none"),
        pytest.param(
            [("2026-01-05", "100"), ("2026-01-08", "90")], 52, "session", [0, 1], id="fits"
        ),
        pytest.param(
            [
                ("2026-01-05", "100"),
                ("2026-01-08", "105"),
                ("2026-01-12", "103"),
                ("2026-01-15", "101"),
            ],
            2,
            "week",
            [1, 2],
            id="best of each week",
        ),
        pytest.param(
            [("2026-01-05", "100"), ("2026-01-12", "104"), ("2026-02-02", "107")],
            2,
            "month",
            [1, 2],
            id="best of each month",
        ),
        pytest.param(
            [(f"{2021 + i // 12}-{i % 12 + 1:02d}-01", str(100 + i)) for i in range(60)],
            52,
            "quarter",
            [i for i in range(60) if i % 3 == 2],
            id="five years: best of each quarter",
        ),
    ],
)
def test_a_long_history_is_charted_by_coarser_periods(points, max_points, period, kept):
    made = [Point(dt.date.fromisoformat(day), D(value)) for day, value in points]
    series = chart_series(points=list(reversed(made)), max_points=max_points)
    assert series.period == period
    assert series.points == [made[index] for index in kept]


def test_weekly_volume_sums_sessions_by_iso_week_in_the_athletes_unit():
    bests = [
        SessionBest(1, dt.date(2026, 11, 23), D("0"), D("3200"), 4),  # W48 Monday
        SessionBest(1, dt.date(2026, 11, 26), D("1000"), D("800"), 2),  # W48 Thursday
        SessionBest(1, dt.date(2026, 11, 16), D("0"), D("453.59237"), 1),  # W47
        SessionBest(1, dt.date(2026, 8, 3), D("0"), D("5000"), 5),  # before the twelve weeks
    ]
    kg = weekly_volume(bests=bests, today=TODAY, unit="kg")
    assert [str(week.week) for week in kg][-3:] == ["2026-W46", "2026-W47", "2026-W48"]
    assert len(kg) == 12
    assert [(week.volume, week.sets) for week in kg[-3:]] == [(0, 0), (454, 1), (4000, 6)]
    assert kg[-1].volume_label == "4,000"
    lb = weekly_volume(bests=bests, today=TODAY, unit="lb")
    assert lb[-2].volume == 1000  # 453.59237 kg is exactly 1,000 lb
    assert sum(week.volume for week in kg) == 4454


def logged(**fields) -> LoggedSet:
    values = {
        "date": TODAY,
        "set_number": 1,
        "load_kg": D("100"),
        "reps": 8,
        "reps_left": None,
        "reps_right": None,
        "rir": 2,
        "e1rm_kg": D("133.33"),
    }
    return LoggedSet(**{**values, **fields})


@pytest.mark.parametrize(
    ("fields", "unit", "text"),
    [
        ({}, "kg", "100 kg × 8 @ RIR 2"),
        (
            {"reps": None, "reps_left": 11, "reps_right": 12, "load_kg": D("20")},
            "kg",
            "20 kg × 11 left, 12 right @ RIR 2",
        ),
        ({"load_kg": to_kg(load=D("225"), unit="lb"), "rir": 4}, "lb", "225 lb × 8 @ RIR 4"),
    ],
)
def test_a_set_reads_load_reps_and_rir(fields, unit, text):
    assert describe_set(logged=logged(**fields), unit=unit, increment=D("2.5")) == text


def test_a_set_in_the_other_unit_reads_as_the_plates_make_it():
    # 80 kg is 176.37 lb: on the barbell's 5 lb step.
    assert describe_set(logged=logged(load_kg=D("80")), unit="lb", increment=D("5")) == (
        "175 lb × 8 @ RIR 2"
    )


def test_sets_are_grouped_by_session_newest_first():
    sets = [
        logged(date=days_ago(7), set_number=2, e1rm_kg=D("130")),
        logged(date=TODAY, set_number=1, e1rm_kg=D("140")),
        logged(date=days_ago(7), set_number=1, reps=9, e1rm_kg=D("136.666")),
    ]
    sessions = sessions_of(sets=sets, unit="kg", increment=D("2.5"))
    assert [session.date for session in sessions] == [TODAY, days_ago(7)]
    assert sessions[1].sets == ["100 kg × 9 @ RIR 2", "100 kg × 8 @ RIR 2"]
    assert sessions[1].best_e1rm == D("136.7")


@pytest.mark.parametrize(
    ("count", "before", "shown", "older"),
    [
        (0, None, [], None),
        (8, None, list(range(8)), None),
        (10, None, list(range(8)), 7),
        (10, 7, [8, 9], None),
        (20, 7, list(range(8, 16)), 15),
    ],
)
def test_sessions_are_listed_a_page_at_a_time(count, before, shown, older):
    dates = [days_ago(7 * n) for n in range(count)]  # dates[0] is the newest
    page = sessions_shown(dates=reversed(dates), before=None if before is None else dates[before])
    assert page.dates == [dates[n] for n in shown]
    assert page.older == (None if older is None else dates[older])


# ---------------------------------------------------------------------------------------
# Hard sets per muscle against the plan


MONDAY, THURSDAY = W48.monday, W48.day(3)


def muscle_day(date, muscle, planned=0, done=0) -> MuscleDay:
    return MuscleDay(date, muscle, planned, done)


@pytest.mark.parametrize(
    ("rows", "today", "expected", "behind"),
    [
        pytest.param([], TODAY, {"quads": (0, 0, 0)}, False, id="nothing planned, nothing done"),
        pytest.param(
            [
                muscle_day(MONDAY, "hamstrings", planned=3),
                muscle_day(THURSDAY, "hamstrings", planned=3),
                muscle_day(MONDAY, "hamstrings", done=3),
            ],
            THURSDAY,
            {"hamstrings": (3, 6, 3)},
            False,
            id="Thursday's session is not due on Thursday",
        ),
        pytest.param(
            [
                muscle_day(MONDAY, "hamstrings", planned=3),
                muscle_day(THURSDAY, "hamstrings", planned=3),
                muscle_day(MONDAY, "hamstrings", done=1),
            ],
            THURSDAY,
            {"hamstrings": (1, 6, 3)},
            True,
            id="Monday's RDLs short: behind",
        ),
        pytest.param(
            [
                muscle_day(MONDAY, "hamstrings", planned=3),
                muscle_day(THURSDAY, "hamstrings", planned=3),
                muscle_day(MONDAY, "hamstrings", done=3),
            ],
            W48.sunday + dt.timedelta(days=1),
            {"hamstrings": (3, 6, 6)},
            True,
            id="the week over, leg curls skipped",
        ),
        pytest.param(
            [
                muscle_day(MONDAY, "quads", planned=4),
                muscle_day(MONDAY, "quads", done=5),
                muscle_day(MONDAY, "calves", done=3),
            ],
            THURSDAY,
            {"quads": (5, 4, 4), "glutes": (0, 0, 0)},
            False,
            id="extra sets, and muscles not shown",
        ),
        pytest.param(
            [muscle_day(MONDAY - dt.timedelta(days=7), "hamstrings", done=9)],
            THURSDAY,
            {"hamstrings": (0, 0, 0)},
            False,
            id="last week's sets stay in last week",
        ),
    ],
)
def test_hard_sets_per_muscle_against_the_plan(rows, today, expected, behind):
    (week,) = muscle_weeks(rows=rows, weeks=[W48], today=today)
    assert [line.muscle for line in week.lines] == ["quads", "hamstrings", "glutes"]
    for muscle, numbers in expected.items():
        line = week.line(muscle)
        assert (line.done, line.planned, line.due) == numbers
    assert week.hamstrings.behind is behind
    message = hamstrings_message(week=week)
    if behind:
        hamstrings = week.hamstrings
        assert message == HAMSTRINGS_BEHIND_MESSAGE.format(done=hamstrings.done, due=hamstrings.due)
        assert "Skipping hamstrings" in message
    else:
        assert message == ""


def test_over_past_weeks_the_page_counts_the_weeks_hamstrings_fell_behind():
    weeks = balance_weeks(today=TODAY)
    assert [str(week) for week in weeks[:2]] == ["2026-W48", "2026-W47"] and len(weeks) == 8
    rows = []
    for ago, done in [(1, 6), (2, 3), (3, 0), (4, 6)]:
        monday = weeks[ago].monday
        rows += [
            muscle_day(monday, "hamstrings", planned=6),
            muscle_day(monday, "hamstrings", done=done),
        ]
    _, *past = muscle_weeks(rows=rows, weeks=weeks, today=TODAY)
    assert hamstrings_weeks_message(past_weeks=past) == HAMSTRINGS_BEHIND_WEEKS_MESSAGE.format(
        count=2, weeks=7
    )
    assert hamstrings_weeks_message(past_weeks=past[:1]) == ""


@pytest.mark.parametrize(
    ("done", "planned", "percent_full"), [(0, 0, 0), (3, 6, 50), (7, 6, 100), (2, 3, 67)]
)
def test_the_bar_is_done_against_planned_capped_at_full(done, planned, percent_full):
    (week,) = muscle_weeks(
        rows=[muscle_day(MONDAY, "quads", planned=planned, done=done)], weeks=[W48], today=TODAY
    )
    assert week.line("quads").percent == percent_full


# ---------------------------------------------------------------------------------------
# Left against right


def leg_day(date, left, right, exercise_id=4, name="Walking lunge") -> LegDay:
    return LegDay(exercise_id, name, date, left, right)


@pytest.mark.parametrize(
    ("rows", "left", "right", "weaker", "gap", "flagged"),
    [
        pytest.param([leg_day(MONDAY, 12, 12)], 12, 12, "", 0, False, id="even"),
        pytest.param([leg_day(MONDAY, 9, 10)], 9, 10, "left", 10, False, id="10 % is not more"),
        pytest.param([leg_day(MONDAY, 10, 12)], 10, 12, "left", 17, True, id="left 17 % behind"),
        pytest.param(
            [leg_day(MONDAY, 24, 20)], 24, 20, "right", 17, True, id="right behind, named"
        ),
        pytest.param([leg_day(MONDAY, 0, 10)], 0, 10, "left", 100, True, id="no rep on one leg"),
        pytest.param(
            [leg_day(MONDAY - dt.timedelta(days=7 * n), 12, 12) for n in range(4)]
            + [leg_day(MONDAY - dt.timedelta(days=28), 2, 12)],
            48,
            48,
            "",
            0,
            False,
            id="only the last four sessions",
        ),
        pytest.param(
            [leg_day(MONDAY, None, 12), leg_day(MONDAY - dt.timedelta(days=7), 11, 12)],
            11,
            12,
            "left",
            8,
            False,
            id="a session missing one side is skipped",
        ),
    ],
)
def test_left_against_right(rows, left, right, weaker, gap, flagged):
    (line,) = left_right(rows=rows)
    assert (line.left, line.right, line.weaker, line.gap_percent, line.flagged) == (
        left,
        right,
        weaker,
        gap,
        flagged,
    )
    if flagged:
        other = "right" if weaker == "left" else "left"
        assert line.message == (
            f"Your {weaker} leg is {gap} % behind your {other} on walking lunge: "
            "one leg doing more work."
        )
    else:
        assert line.message == ""


def test_left_right_is_per_exercise_and_empty_without_per_leg_sets():
    assert left_right(rows=[]) == []
    assert left_right(rows=[leg_day(MONDAY, None, 10)]) == []
    lines = left_right(
        rows=[leg_day(MONDAY, 10, 12), leg_day(THURSDAY, 10, 10, exercise_id=7, name="Step-up")]
    )
    assert [(line.name, line.flagged) for line in lines] == [
        ("Step-up", False),
        ("Walking lunge", True),
    ]


# ---------------------------------------------------------------------------------------
# Effort honesty


def effort(name, mechanics, sets, easy, exercise_id=1) -> EffortRow:
    return EffortRow(exercise_id, name, mechanics, sets, easy)


@pytest.mark.parametrize(
    ("rows", "compound", "isolation", "message"),
    [
        pytest.param([], 0, 0, "", id="nothing logged"),
        pytest.param(
            [
                effort("Back squat", "compound", 16, 8),
                effort("Romanian deadlift", "compound", 12, 0),
                effort("Leg curl", "isolation", 12, 1),
            ],
            29,
            8,
            COMPOUND_EASY_MESSAGE.format(compound=29, isolation=8),
            id="compound lifts are the easy ones",
        ),
        pytest.param(
            [effort("Back squat", "compound", 10, 1), effort("Leg curl", "isolation", 10, 1)],
            10,
            10,
            "",
            id="as honest on both",
        ),
        pytest.param(
            [effort("Back squat", "compound", 10, 0), effort("Leg curl", "isolation", 10, 3)],
            0,
            30,
            "",
            id="isolation easier: not the guide's point",
        ),
        pytest.param(
            [effort("Back squat", "compound", 10, 5)],
            50,
            0,
            "",
            id="no isolation work to compare with",
        ),
        pytest.param(
            # 1 of 3 (33.3 %) against 33 of 100 (33 %): both show 33 %, the exact shares
            # still differ.
            [effort("Back squat", "compound", 3, 1), effort("Leg curl", "isolation", 100, 33)],
            33,
            33,
            COMPOUND_EASY_MESSAGE.format(compound=33, isolation=33),
            id="compared exactly, not as rounded",
        ),
    ],
)
def test_effort_honesty(rows, compound, isolation, message):
    report = effort_report(rows=rows)
    assert (report.compound.percent, report.isolation.percent) == (compound, isolation)
    assert report.message == message
    assert report.empty is (not rows)


def test_effort_lists_each_exercise_in_its_group_by_name():
    report = effort_report(
        rows=[
            effort("Walking lunge", "compound", 9, 0),
            effort("Back squat", "compound", 12, 6),
            effort("Leg extension", "isolation", 9, 0),
        ]
    )
    assert [(line.name, line.percent) for line in report.compound.lines] == [
        ("Back squat", 50),
        ("Walking lunge", 0),
    ]
    assert [line.name for line in report.isolation.lines] == ["Leg extension"]


@pytest.mark.parametrize(
    ("part", "whole", "share"), [(0, 0, 0), (1, 3, 33), (2, 3, 67), (1, 8, 13)]
)
def test_percentages_round_half_up(part, whole, share):
    assert percent(part, whole) == share


# ---------------------------------------------------------------------------------------
# The charts' geometry


def test_a_line_chart_puts_dated_points_on_a_time_axis():
    chart = line_chart(
        [
            (dt.date(2026, 1, 1), D("100")),
            (dt.date(2026, 1, 2), D("110")),
            (dt.date(2026, 1, 11), D("105")),
        ]
    )
    xs = [mark.x for mark in chart.marks]
    assert xs[0] == chart.plot_left and xs[-1] == chart.plot_right
    assert xs[1] - xs[0] == pytest.approx((xs[2] - xs[0]) / 10, abs=0.1)
    ys = [mark.y for mark in chart.marks]
    assert ys[1] < ys[2] < ys[0]  # higher values are higher up
    assert [tick.label for tick in chart.x_ticks] == ["1 Jan", "11 Jan"]
    assert chart.marks[1].label == "2 Jan: 110"


def test_a_single_value_still_draws_inside_the_chart():
    chart = line_chart([(dt.date(2026, 1, 1), D("0")), (dt.date(2026, 1, 8), D("0"))])
    assert all(0 < mark.y < chart.height for mark in chart.marks)
    spark = sparkline([D("5"), D("5")])
    assert spark.path == "3.0,14.0 93.0,14.0"


def test_bars_start_from_zero_and_thin_their_labels_when_crowded():
    chart = bar_chart([(f"W{n}", D(n * 100)) for n in range(1, 13)])
    assert chart.bars[-1].height == chart.baseline - 12  # the tallest reaches the top
    assert chart.bars[0].height == pytest.approx(chart.bars[-1].height / 12, abs=0.1)
    assert [bar.label for bar in chart.bars if bar.label] == ["W2", "W4", "W6", "W8", "W10", "W12"]
    assert chart.top_label == "1,200"


def test_charts_refuse_too_few_points():
    with pytest.raises(ValueError):
        line_chart([])
    with pytest.raises(ValueError):
        sparkline([D("1")])
    with pytest.raises(ValueError):
        bar_chart([])


# ---------------------------------------------------------------------------------------
# The grouped reads, on the database


@pytest.fixture
def week48(athlete, other_athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return {
        (copy.session.day_number, copy.order): copy
        for copy in SessionPrescription.objects.filter(session__athlete=athlete).select_related(
            "session"
        )
    }


def performed(copy, *, exercise, set_number=1, reps=None, load="20", rir=2, **legs):
    """A set as a tick writes it after a swap: counted for the exercise performed."""
    return SetLog.objects.create(
        uuid=uuid.uuid4(),
        prescription=copy,
        exercise=exercise,
        set_number=set_number,
        reps=reps,
        load_kg=D(load),
        rir=rir,
        **legs,
    )


@pytest.mark.parametrize(
    ("load", "reps", "legs", "rir", "unit", "shown"),
    [
        pytest.param("100", 8, {}, 2, "kg", "133.3", id="100 kg × 8 @ 2"),
        pytest.param("100", 8, {}, 5, "kg", "143.3", id="DOMAIN.md: 100 kg × 8 @ 5"),
        pytest.param("100", 4, {}, 0, "kg", "113.3", id="100 kg × 4 @ 0"),
        pytest.param(
            "20", None, {"reps_left": 12, "reps_right": 10}, 2, "kg", "28", id="weaker leg"
        ),
        pytest.param(
            "20", None, {"reps_left": 0, "reps_right": 10}, 2, "kg", "21.3", id="no rep left"
        ),
        pytest.param("0", 15, {}, 2, "kg", "0", id="bodyweight"),
        pytest.param("100", 8, {}, None, "kg", "126.7", id="RIR not recorded: reps alone"),
        pytest.param(
            "20", None, {"reps_left": 12, "reps_right": 10}, None, "kg", "26.7", id="per leg, —"
        ),
        pytest.param(
            str(to_kg(load=D("225"), unit="lb")), 5, {}, 1, "lb", "270", id="225 lb × 5 @ 1"
        ),
    ],
)
def test_the_database_estimates_the_1rm_as_epley_does(
    week48, athlete, load, reps, legs, rir, unit, shown
):
    copy = week48[1, 1]
    log_set_on(copy, reps=reps or 0, load=load, rir=rir, **legs)
    (row,) = queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk]
    judged = reps if reps is not None else min(legs.values())
    expected = estimated_1rm(load=D(load), reps=judged, rir=rir)
    assert row.e1rm_kg == pytest.approx(expected, abs=D("0.01"))
    assert str(e1rm_in_unit(row.e1rm_kg, unit)) == shown


def test_no_sets_read_as_nothing(week48, athlete):
    assert queries.trained_exercises(athlete=athlete) == []
    assert queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk] == []
    assert queries.leg_days(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk] == []
    assert queries.effort_rows(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk] == []
    assert queries.best_set(athlete=athlete, exercise_id=1) is None
    planned = queries.muscle_days(athlete_ids=[athlete.pk], first=MONDAY, last=W48.sunday)[
        athlete.pk
    ]
    assert sum(row.done for row in planned) == 0
    assert {row.muscle: row.planned for row in planned if row.date == MONDAY} == {
        "quads": 4,
        "hamstrings": 3,
        "glutes": 2,
    }


def test_one_set_is_one_session_one_hard_set(week48, athlete):
    squat = week48[1, 1]
    log_set_on(squat, reps=5, load="120", rir=3)
    (trained,) = queries.trained_exercises(athlete=athlete)
    assert (trained.name, trained.sessions, trained.last_date) == ("Back squat", 1, MONDAY)
    (row,) = queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk]
    assert (row.date, row.sets, row.volume_kg) == (MONDAY, 1, D("600"))
    done = {
        row.muscle: row.done
        for row in queries.muscle_days(athlete_ids=[athlete.pk], first=MONDAY, last=W48.sunday)[
            athlete.pk
        ]
        if row.done
    }
    assert done == {"quads": 1}


def test_a_per_leg_set_is_one_hard_set_and_both_legs_of_volume(week48, athlete):
    lunge = week48[1, 3]
    log_set_on(lunge, set_number=1, load="20", rir=2, reps_left=10, reps_right=12)
    log_set_on(lunge, set_number=2, load="20", rir=4, reps_left=9, reps_right=12)
    done = [
        row
        for row in queries.muscle_days(athlete_ids=[athlete.pk], first=MONDAY, last=W48.sunday)[
            athlete.pk
        ]
        if row.done
    ]
    assert [(row.muscle, row.done) for row in done] == [("glutes", 1)]
    (row,) = queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk]
    assert row.volume_kg == D("20") * (22 + 21)
    (legs,) = queries.leg_days(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk]
    assert (legs.name, legs.left, legs.right) == ("Walking lunge", 19, 24)


def test_a_swapped_exercise_counts_for_itself(week48, athlete):
    step_up_slot = week48[2, 3]
    split_squat = Exercise.objects.get(slug="split-squat")
    step_up_slot.swap_to(split_squat)
    performed(step_up_slot, exercise=split_squat, reps_left=10, reps_right=10, rir=1)

    assert [row.name for row in queries.trained_exercises(athlete=athlete)] == ["Split squat"]
    (row,) = queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk]
    assert row.exercise_id == split_squat.pk
    thursday = {
        (row.muscle, row.planned, row.done)
        for row in queries.muscle_days(athlete_ids=[athlete.pk], first=THURSDAY, last=THURSDAY)[
            athlete.pk
        ]
    }
    # Split squat is a quads exercise: the plan and the set moved from glutes to quads.
    assert thursday == {
        ("quads", 5, 0),
        ("hamstrings", 3, 0),
        ("quads", 0, 1),
    }
    (legs,) = queries.leg_days(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk]
    assert legs.name == "Split squat"
    (effort_row,) = queries.effort_rows(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk]
    assert (effort_row.name, effort_row.mechanics) == ("Split squat", "compound")


def test_reads_count_the_athletes_own_sets_only(week48, athlete, other_athlete):
    theirs = SessionPrescription.objects.filter(
        session__athlete=other_athlete, session__date=MONDAY, order=1
    ).get()
    log_set_on(theirs, reps=8, load="200", rir=5)
    log_set_on(week48[1, 1], reps=8, load="100", rir=2)
    (row,) = queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk]
    assert row.e1rm_kg == pytest.approx(D("133.33"), abs=D("0.01"))
    (effort_row,) = queries.effort_rows(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk]
    assert (effort_row.sets, effort_row.easy) == (1, 0)
    assert queries.best_set(athlete=athlete, exercise_id=row.exercise_id).load_kg == D("100")


def test_effort_counts_sets_at_rir_4_or_more_from_a_date(week48, athlete):
    squat = week48[1, 1]
    for number, rir in enumerate([5, 4, 3, 2], start=1):
        log_set_on(squat, set_number=number, rir=rir)
    (row,) = queries.effort_rows(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk]
    assert (row.sets, row.easy, row.mechanics) == (4, 2, "compound")
    assert (
        queries.effort_rows(athlete_ids=[athlete.pk], since=MONDAY + dt.timedelta(days=1))[
            athlete.pk
        ]
        == []
    )


def test_an_rir_not_recorded_is_a_hard_set_left_out_of_effort_honesty(week48, athlete):
    squat, curl = week48[1, 1], week48[1, 2]
    for number, rir in enumerate([None, None, 5], start=1):
        log_set_on(squat, set_number=number, rir=rir)
    log_set_on(curl, set_number=1, rir=None)

    done = {
        row.muscle: row.done
        for row in queries.muscle_days(athlete_ids=[athlete.pk], first=MONDAY, last=W48.sunday)[
            athlete.pk
        ]
        if row.done
    }
    assert done == {"quads": 2, "hamstrings": 1}
    # Only the squat's one written effort is judged; the curl has none to judge.
    (row,) = queries.effort_rows(athlete_ids=[athlete.pk], since=MONDAY)[athlete.pk]
    assert (row.name, row.sets, row.easy) == ("Back squat", 1, 1)


def test_the_best_set_and_a_sessions_sets_in_order(week48, athlete):
    squat = week48[1, 1]
    log_set_on(squat, set_number=1, reps=8, load="100", rir=2)  # e1RM 133.3
    log_set_on(squat, set_number=2, reps=6, load="110", rir=1)  # e1RM 135.7
    log_set_on(squat, set_number=3, reps=5, load="110", rir=0)  # e1RM 128.3
    top = queries.best_set(athlete=athlete, exercise_id=squat.exercise_id)
    assert (top.set_number, top.load_kg, top.reps) == (2, D("110"), 6)
    sets = queries.sets_on(athlete=athlete, exercise_id=squat.exercise_id, dates=[MONDAY])
    assert [logged.set_number for logged in sets] == [1, 2, 3]
    assert queries.sets_on(athlete=athlete, exercise_id=squat.exercise_id, dates=[TODAY]) == []


def test_a_lifter_in_pounds_reads_back_what_was_entered(week48, athlete):
    athlete.change_settings(unit=Unit.LB, time_zone=athlete.time_zone)
    log_set_on(week48[1, 1], reps=5, load=str(to_kg(load=D("225"), unit="lb")), rir=1)
    (line,) = progress_lines(
        exercises=queries.trained_exercises(athlete=athlete),
        bests=queries.session_bests(athlete_ids=[athlete.pk])[athlete.pk],
        today=TODAY,
        unit=athlete.unit,
    )
    assert line.now == D("270")
    top = queries.best_set(athlete=athlete, exercise_id=line.exercise_id)
    assert describe_set(logged=top, unit="lb", increment=D("5")) == "225 lb × 5 @ RIR 1"


def test_another_athlete_without_sets_reads_nothing(week48, db):
    newcomer = make_user("newcomer")
    assert queries.trained_exercises(athlete=newcomer) == []
    assert (
        queries.muscle_days(athlete_ids=[newcomer.pk], first=MONDAY, last=W48.sunday)[newcomer.pk]
        == []
    )


def test_a_roster_read_gives_each_athlete_what_their_own_page_reads(week48, athlete, other_athlete):
    """The desk passes its roster where a page passes one id: each athlete's rows are the
    same either way, and an athlete's sets never count for another."""
    log_set_on(week48[1, 1], reps=5, load="120", rir=2)
    log_set_on(week48[1, 3], reps_left=10, reps_right=8, load="20", rir=4)
    theirs = {
        (copy.session.day_number, copy.order): copy
        for copy in SessionPrescription.objects.filter(session__athlete=other_athlete)
    }
    log_set_on(theirs[1, 1], reps=3, load="150", rir=1)
    roster = [athlete.pk, other_athlete.pk]
    reads = [
        lambda ids: queries.session_bests(athlete_ids=ids),
        lambda ids: queries.session_bests(athlete_ids=ids, compound_only=True),
        lambda ids: queries.muscle_days(athlete_ids=ids, first=MONDAY, last=W48.sunday),
        lambda ids: queries.leg_days(athlete_ids=ids, since=MONDAY),
        lambda ids: queries.effort_rows(athlete_ids=ids, since=MONDAY, until=W48.sunday),
    ]
    for read in reads:
        together = read(roster)
        for athlete_id in roster:
            assert together[athlete_id] == read([athlete_id])[athlete_id]
    bests = queries.session_bests(athlete_ids=roster, compound_only=True)
    assert [best.e1rm_kg for best in bests[other_athlete.pk]] == [D("170")]
    assert [best.name for best in bests[athlete.pk]] == ["Back squat", "Walking lunge"]
    assert queries.leg_days(athlete_ids=roster, since=MONDAY)[other_athlete.pk] == []
