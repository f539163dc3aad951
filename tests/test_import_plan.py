"""What an import will write, decided without a database: exchange.importing.plan_import.

The plan is fed model instances that were never saved (ids set by hand) and a parsed
file; no test here has the `db` fixture, so a query would fail the test.
"""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from exchange.formats import parse_file
from exchange.importing import (
    LOAD_TOO_HEAVY_MESSAGE,
    TOO_MANY_SLOTS_MESSAGE,
    Known,
    plan_import,
    set_uuids,
)
from exchange.parsing import ImportRefused
from programs.bounds import MAX_SLOT_ORDER
from programs.models import (
    Assignment,
    DayTemplate,
    Exercise,
    Focus,
    Mechanics,
    Program,
    Session,
)
from tracking.models import MAX_LOAD_KG

TODAY = dt.date(2024, 6, 1)
DAY = dt.date(2024, 3, 5)
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"  # noqa: E501

DAY_ONE = DayTemplate(pk=11, name="Day 1", focus=Focus.STRENGTH)
DAY_TWO = DayTemplate(pk=12, name="Day 2", focus=Focus.BALANCE)
PROGRAM = Program(pk=1, name="Guide", day_one=DAY_ONE, day_two=DAY_TWO)
ASSIGNMENT = Assignment(
    pk=21, program=PROGRAM, weekday_one=0, weekday_two=3, start_date=dt.date(2024, 1, 1)
)
SQUAT = Exercise(pk=1, name="Back Squat", mechanics=Mechanics.COMPOUND)
CURL = Exercise(pk=2, name="Leg Curl", mechanics=Mechanics.ISOLATION)
EXERCISES = {"Squat (Barbell)": SQUAT, "Leg Curl": CURL, "Skipped Lift": None}


def strong(*rows: tuple) -> bytes:
    """A Strong CSV of one workout on DAY: rows of (exercise, order, weight, reps, note)."""
    lines = [
        f"{DAY} 18:00:00,Legs,1h 0m,{name},{order},{weight},{reps},0,0,{note},,8"
        for name, order, weight, reps, note in rows
    ]
    return "\n".join([HEADER, *lines]).encode()


def known_for(parsed, *, sessions=None, taken=(), unit="kg") -> Known:
    uuids = set_uuids(athlete_id=7, parsed=parsed)
    return Known(
        athlete_id=7,
        zone=ZoneInfo("Europe/Paris"),
        unit=unit,
        exercises=EXERCISES,
        assignments=[ASSIGNMENT],
        file_assignments=[],
        templates={},
        sessions=sessions or {},
        uuids=uuids,
        taken={key for index, key in enumerate(uuids.values()) if index in taken},
    )


def existing_session(last_order: int) -> Session:
    session = Session(pk=99, athlete_id=7, date=DAY, day_number=1)
    session.last_order = last_order
    return session


SQUATS = [("Squat (Barbell)", n, "100", "5", "") for n in (1, 2, 3)]


@pytest.mark.parametrize(
    ("rows", "sessions", "taken", "new_sessions", "joined", "slots", "sets"),
    [
        # A new date: one session, one slot per exercise, every set.
        (SQUATS + [("Leg Curl", 1, "40", "12", "")], None, (), 1, set(), [1, 2], 4),
        # A date with a session: its slots come after the session's own.
        (SQUATS, {DAY: existing_session(3)}, (), 0, {99}, [4], 3),
        # Sets already imported are not written again; a slot of none is not made.
        (SQUATS, None, (0, 1), 1, set(), [1], 1),
        (SQUATS, None, (0, 1, 2), 0, set(), [], 0),
        # An exercise the athlete chose to skip: neither its slot nor its sets.
        ([("Skipped Lift", 1, "10", "10", ""), *SQUATS], None, (), 1, set(), [1], 3),
    ],
)
def test_the_plan_writes_what_is_new(rows, sessions, taken, new_sessions, joined, slots, sets):
    parsed = parse_file(strong(*rows), today=TODAY)
    plan = plan_import(parsed=parsed, known=known_for(parsed, sessions=sessions, taken=taken))
    assert len(plan.sessions) == new_sessions
    assert plan.joined == joined
    assert [copy.order for _, copy, _ in plan.prescriptions] == slots
    assert len(plan.set_logs) == sets


def test_a_new_session_is_the_compound_day_of_the_covering_assignment():
    parsed = parse_file(strong(*SQUATS), today=TODAY)
    (session,) = plan_import(parsed=parsed, known=known_for(parsed)).sessions
    assert (session.athlete_id, session.assignment_id, session.date) == (7, 21, DAY)
    assert (session.day_number, session.day_template_id, session.name) == (1, 11, "Legs")
    assert session.pk is None


@pytest.mark.parametrize(
    ("rows", "fields"),
    [
        (SQUATS, {"sets_min": 3, "sets_max": 3, "reps_min": 5, "reps_max": 5, "per_leg": False}),
        (
            [("Squat (Barbell)", 1, "100", "5", ""), ("Squat (Barbell)", 2, "100", "9", "")],
            {"sets_min": 2, "sets_max": 2, "reps_min": 5, "reps_max": 9, "per_leg": False},
        ),
        # Our export's per-leg set (two rows): reps counted by the weaker leg.
        (
            [
                ("Squat (Barbell)", 1, "100", "8", "Left leg"),
                ("Squat (Barbell)", 1, "100", "6", "Right leg"),
            ],  # noqa: E501
            {"sets_min": 1, "sets_max": 1, "reps_min": 6, "reps_max": 6, "per_leg": True},
        ),
    ],
)
def test_an_imported_slot_is_described_by_what_was_done(rows, fields):
    parsed = parse_file(strong(*rows), today=TODAY)
    ((_, copy, alternatives),) = plan_import(parsed=parsed, known=known_for(parsed)).prescriptions
    assert {name: getattr(copy, name) for name in fields} == fields
    assert (copy.exercise_id, alternatives) == (SQUAT.pk, [])


@pytest.mark.parametrize(
    ("weight", "unit", "load_kg"),
    [("100", "kg", Decimal("100")), ("220.5", "lb", Decimal("100.0171"))],
)
def test_loads_are_written_in_kg(weight, unit, load_kg):
    parsed = parse_file(strong(("Squat (Barbell)", 1, weight, "5", "")), today=TODAY)
    ((_, row),) = plan_import(parsed=parsed, known=known_for(parsed, unit=unit)).set_logs
    assert row.load_kg.quantize(Decimal("0.0001")) == load_kg
    assert row.logged_at.tzinfo == ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("rows", "sessions", "message"),
    [
        (
            [("Squat (Barbell)", 1, "2000", "5", "")],
            None,
            LOAD_TOO_HEAVY_MESSAGE.format(line=2, load=Decimal("2000.000000"), limit=MAX_LOAD_KG),
        ),
        (
            SQUATS,
            {DAY: existing_session(MAX_SLOT_ORDER)},
            TOO_MANY_SLOTS_MESSAGE.format(date=DAY, limit=MAX_SLOT_ORDER),
        ),
    ],
)
def test_a_plan_out_of_bounds_is_refused(rows, sessions, message):
    parsed = parse_file(strong(*rows), today=TODAY)
    with pytest.raises(ImportRefused) as refused:
        plan_import(parsed=parsed, known=known_for(parsed, sessions=sessions))
    assert refused.value.message == message


def legplanner_json(**slot_changes) -> bytes:
    slot = {
        "order": 1, "exercise": "Squat (Barbell)", "alternatives": ["Leg Curl"],
        "swapped_to": None, "sets_min": 1, "sets_max": 4, "reps_min": 5, "reps_max": 8,
        "per_leg": False, "tempo": "", "rest_seconds": 120, "rir_min": 1, "rir_max": 2,
        "sets": [{
            "uuid": "6f1f7d43-56d5-4a0e-9d2a-0f0e0c1b2a39", "exercise": "Squat (Barbell)",
            "set_number": 1, "reps": 5, "reps_left": None, "reps_right": None,
            "load_kg": "100", "rir": 2, "logged_at": "2024-03-05T18:00:00+00:00", "note": "",
        }],
    }  # fmt: skip
    slot.update(slot_changes)
    session = {
        "date": str(DAY), "day_number": 2, "day_template": "", "name": "Legs",
        "focus": None, "assignment": None, "prescriptions": [slot],
    }  # fmt: skip
    document = {"format": "legplanner", "version": 1, "assignments": [], "sessions": [session]}
    return json.dumps(document).encode()


def test_our_json_keeps_its_copied_prescription_and_alternatives():
    parsed = parse_file(legplanner_json(), today=TODAY)
    plan = plan_import(parsed=parsed, known=known_for(parsed))
    ((session, copy, alternatives),) = plan.prescriptions
    assert (session.day_number, session.day_template_id) == (2, DAY_TWO.pk)
    assert (copy.sets_min, copy.sets_max, copy.reps_min, copy.reps_max) == (1, 4, 5, 8)
    assert alternatives == [CURL.pk]


def test_a_set_of_an_exercise_its_slot_no_longer_offers_becomes_an_alternative():
    # An alternative removed from the slot after the set was logged, or a file edited by
    # hand: the set keeps its exercise, which the database accepts only as an alternative.
    parsed = parse_file(legplanner_json(exercise="Leg Curl", alternatives=[]), today=TODAY)
    plan = plan_import(parsed=parsed, known=known_for(parsed))
    ((_, copy, alternatives),) = plan.prescriptions
    ((_, logged),) = plan.set_logs
    assert (copy.exercise_id, logged.exercise_id, alternatives) == (CURL.pk, SQUAT.pk, [SQUAT.pk])


@pytest.mark.parametrize("field", ["sets_max", "reps_max"])
def test_our_json_with_a_range_past_the_model_is_refused_before_any_plan(field):
    # The 900-row session of issue 14: the model's bound refuses it at reading.
    with pytest.raises(ImportRefused) as refused:
        parse_file(legplanner_json(**{field: 900}), today=TODAY)
    assert f"file.sessions[0].prescriptions[0].{field}: 900 is out of range" in (
        refused.value.message
    )
