"""The database itself refuses impossible rows, whatever forms and model validation let by.

Every write here is raw SQL, so only the schema's constraints stand in the way; values go
through each field's own database preparation so the same cases run on SQLite and PostgreSQL.
Each table of cases has its valid row, accepted, so that a test can fail both ways.
"""

import datetime as dt
import importlib
import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, ProtectedError
from django.utils import timezone

from programs.bounds import EARLIEST_DATE, LATEST_STORED_DATE, MAX_REPS, MAX_SETS, MAX_SLOT_ORDER
from programs.models import (
    Assignment,
    DayTemplate,
    Exercise,
    Prescription,
    Program,
    Session,
    SessionPrescription,
)
from tests.conftest import make_user
from tracking.models import SetLog


def _columns_and_params(model: type[Model], values: dict) -> tuple[list[str], list]:
    columns, params = [], []
    for name, value in values.items():
        field = model._meta.get_field(name)
        columns.append(connection.ops.quote_name(field.column))
        params.append(
            value if isinstance(value, Raw) else field.get_db_prep_value(value, connection)
        )
    return columns, params


def insert(model: type[Model], **values) -> None:
    columns, params = _columns_and_params(model, values)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(params))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", params
        )


class Raw(str):
    """A value written as it is, past the field's preparation (which would refuse it)."""


def update(instance: Model, **values) -> None:
    model = type(instance)
    columns, params = _columns_and_params(model, values)
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{column} = %s" for column in columns)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", [*params, instance.pk])


# SQLite names the columns of a failed unique constraint, not the constraint.
UNIQUE = "(?i)unique constraint"


def assert_rejected(by: str, write, *args, **values) -> None:
    """The write fails on the constraint `by` names (a pattern searched in the error)."""
    # The savepoint keeps the test's transaction usable after the error (PostgreSQL).
    with pytest.raises(IntegrityError, match=by), transaction.atomic():
        write(*args, **values)


@pytest.fixture
def strength(db) -> DayTemplate:
    return DayTemplate.objects.get(name="Strength + Compounds")


@pytest.fixture
def hip_thrust(db) -> Exercise:
    # In no day template: whatever refers to it in a test was put there by the test.
    return Exercise.objects.get(slug="hip-thrust")


@pytest.fixture
def session(athlete, strength) -> Session:
    return Session.objects.create(
        athlete=athlete,
        assignment=athlete.assignments.get(),
        day_template=strength,
        date=dt.date(2026, 1, 5),
        day_number=1,
        name=strength.name,
        focus=strength.focus,
    )


@pytest.fixture
def session_slot(session, hip_thrust) -> SessionPrescription:
    return session.prescriptions.create(
        order=1, exercise=hip_thrust, sets_min=3, sets_max=3, reps_min=8, reps_max=12
    )


@pytest.fixture
def slot_row(strength, session, hip_thrust):
    def row(model: type[Model]) -> dict:
        owner = {"day_template": strength.pk} if model is Prescription else {"session": session.pk}
        return owner | {
            "order": 4,
            "exercise": hip_thrust.pk,
            "sets_min": 2,
            "sets_max": 3,
            "reps_min": 8,
            "reps_max": 12,
            "per_leg": False,
            "tempo": "",
            "rest_seconds": 90,
            "rir_min": 1,
            "rir_max": 2,
        }

    return row


SLOT_MODELS = pytest.mark.parametrize(
    "model", [Prescription, SessionPrescription], ids=["template", "session-copy"]
)


@SLOT_MODELS
@pytest.mark.parametrize(
    "change",
    [
        {},
        {"sets_min": 3, "sets_max": 3},
        {"reps_min": 12, "reps_max": 12, "per_leg": True},
        {"rir_min": 0, "rir_max": 3},
        {"rir_min": 3, "rir_max": 3},
        {"order": MAX_SLOT_ORDER, "sets_max": MAX_SETS, "reps_max": MAX_REPS},
    ],
    ids=["guide-like", "one-set-count", "one-rep-count-per-leg", "rir-0-to-3", "rir-3",
         "the-highest-slot-sets-and-reps"],
)  # fmt: skip
def test_database_accepts_a_possible_prescription(model, slot_row, change):
    insert(model, **slot_row(model) | change)

    assert (
        model.objects.filter(
            order=change.get("order", 4), sets_max=change.get("sets_max", 3)
        ).count()
        == 1
    )


@SLOT_MODELS
@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        pytest.param({"reps_min": 13, "reps_max": 12}, "reps_range", id="reps-min-above-max"),
        pytest.param({"sets_min": 4, "sets_max": 3}, "sets_range", id="sets-min-above-max"),
        pytest.param({"sets_min": 0}, "sets_range", id="no-sets"),
        pytest.param({"reps_min": 0}, "reps_range", id="no-reps"),
        pytest.param({"rir_max": 4}, "rir_target", id="rir-target-4"),
        pytest.param({"rir_min": 3, "rir_max": 2}, "rir_target", id="rir-min-above-max"),
        pytest.param({"order": 0}, "order_range", id="slot-0"),
        pytest.param({"order": MAX_SLOT_ORDER + 1}, "order_range", id="slot-51"),
        pytest.param({"sets_max": MAX_SETS + 1}, "sets_range", id="sets-21"),
        pytest.param({"sets_min": 900, "sets_max": 900}, "sets_range", id="sets-900"),
        pytest.param({"reps_max": MAX_REPS + 1}, "reps_range", id="reps-101"),
    ],
)
def test_database_rejects_an_impossible_prescription(model, slot_row, change, constraint):
    assert_rejected(
        f"{model._meta.model_name}_{constraint}", insert, model, **slot_row(model) | change
    )

    assert not model.objects.exclude(order__in=[1, 2, 3]).exists()


@SLOT_MODELS
def test_database_rejects_two_prescriptions_in_one_slot(model, slot_row):
    insert(model, **slot_row(model))

    assert_rejected(UNIQUE, insert, model, **slot_row(model))

    assert model.objects.filter(order=4).count() == 1


@pytest.mark.parametrize(
    ("change", "rejected_by"),
    [
        pytest.param({"reps_max": 10}, None, id="wider-rep-range"),
        pytest.param({"order": 4}, None, id="free-slot"),
        pytest.param({"reps_min": 9}, "prescription_reps_range", id="reps-min-above-max"),
        pytest.param({"sets_max": 3}, "prescription_sets_range", id="sets-max-below-min"),
        pytest.param({"rir_max": 4}, "prescription_rir_target", id="rir-4"),
        pytest.param({"order": 2}, UNIQUE, id="taken-slot"),
    ],
)
def test_database_checks_updates_of_a_prescription(strength, change, rejected_by):
    squat = strength.prescriptions.get(order=1)  # back squat, 4 × 5–8 at RIR 1–2
    fields = ["order", "sets_min", "sets_max", "reps_min", "reps_max", "rir_min", "rir_max"]
    before = {name: getattr(squat, name) for name in fields}

    if rejected_by:
        assert_rejected(rejected_by, update, squat, **change)
    else:
        update(squat, **change)

    squat.refresh_from_db()
    assert {name: getattr(squat, name) for name in fields} == (
        before if rejected_by else before | change
    )


@pytest.fixture
def session_row(athlete, strength) -> dict:
    return {
        "athlete": athlete.pk,
        "assignment": athlete.assignments.get().pk,
        "day_template": strength.pk,
        "date": dt.date(2026, 1, 8),
        "day_number": 2,
        "name": "Balance + Isolation",
        "focus": "balance",
    }


@pytest.mark.parametrize("date", [dt.date(2026, 1, 8), EARLIEST_DATE, LATEST_STORED_DATE], ids=str)
def test_database_accepts_a_session(athlete, session, session_row, date):
    insert(Session, **session_row | {"date": date})

    assert athlete.sessions.count() == 2


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        pytest.param({"date": dt.date(2026, 1, 5)}, UNIQUE, id="same-athlete-same-date"),
        pytest.param({"day_number": 3}, "session_day_number_valid", id="day-3"),
        pytest.param({"day_number": 0}, "session_day_number_valid", id="day-0"),
        pytest.param({"date": dt.date(9999, 12, 31)}, "session_date_in_bounds", id="year-9999"),
        pytest.param({"date": dt.date(2200, 1, 1)}, "session_date_in_bounds", id="year-2200"),
        pytest.param({"date": dt.date(1899, 12, 31)}, "session_date_in_bounds", id="year-1899"),
    ],
)
def test_database_rejects_an_impossible_session(athlete, session, session_row, change, constraint):
    assert_rejected(constraint, insert, Session, **session_row | change)

    assert athlete.sessions.count() == 1


@pytest.fixture
def newcomer(db):
    return make_user("newcomer")


@pytest.fixture
def assignment_row(newcomer, program) -> dict:
    return {
        "athlete": newcomer.pk,
        "program": program.pk,
        "weekday_one": 0,
        "weekday_two": 3,
        "start_date": dt.date(2026, 3, 2),
        "end_date": None,
        "coach": None,
    }


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"weekday_one": 0, "weekday_two": 2},
        {"weekday_one": 0, "weekday_two": 5},
        {"weekday_one": 1, "weekday_two": 6},
        {"weekday_one": 4, "weekday_two": 6},
        {"end_date": dt.date(2026, 3, 2)},
    ],
    ids=["monday-thursday", "monday-wednesday", "monday-saturday", "tuesday-sunday",
         "friday-sunday", "ends-the-day-it-starts"],
)  # fmt: skip
def test_database_accepts_a_possible_assignment(newcomer, assignment_row, change):
    insert(Assignment, **assignment_row | change)

    assert newcomer.assignments.count() == 1


SPREAD = "assignment_days_spread_apart"


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        pytest.param({"weekday_one": 0, "weekday_two": 1}, SPREAD, id="monday-tuesday"),
        pytest.param({"weekday_one": 3, "weekday_two": 4}, SPREAD, id="thursday-friday"),
        pytest.param({"weekday_one": 5, "weekday_two": 6}, SPREAD, id="saturday-sunday"),
        pytest.param({"weekday_one": 0, "weekday_two": 6}, SPREAD, id="sunday-monday"),
        pytest.param({"weekday_one": 2, "weekday_two": 2}, SPREAD, id="same-day"),
        pytest.param({"weekday_one": 3, "weekday_two": 0}, SPREAD, id="day-two-before-day-one"),
        pytest.param({"weekday_one": 2, "weekday_two": 7}, SPREAD, id="day-after-sunday"),
        pytest.param(
            {"end_date": dt.date(2026, 3, 1)},
            "assignment_ends_after_start",
            id="ends-before-it-starts",
        ),
        pytest.param(
            {"start_date": dt.date(9999, 12, 31)}, "assignment_dates_in_bounds", id="starts-9999"
        ),
        pytest.param(
            {"start_date": dt.date(1899, 12, 31)}, "assignment_dates_in_bounds", id="starts-1899"
        ),
        pytest.param(
            {"end_date": dt.date(2200, 1, 1)}, "assignment_dates_in_bounds", id="ends-2200"
        ),
    ],
)
def test_database_rejects_an_impossible_assignment(newcomer, assignment_row, change, constraint):
    assert_rejected(constraint, insert, Assignment, **assignment_row | change)

    assert not newcomer.assignments.exists()


def test_database_rejects_a_second_open_assignment(athlete, assignment_row):
    # SQLite's overlap trigger runs before the unique index is checked.
    assert_rejected(
        f"{UNIQUE}|assignment_no_overlap",
        insert,
        Assignment,
        **assignment_row | {"athlete": athlete.pk},
    )

    assert athlete.assignments.count() == 1


def test_database_accepts_an_ended_assignment_beside_the_open_one(athlete, assignment_row):
    ended = {"athlete": athlete.pk, "start_date": dt.date(2025, 6, 2)}
    insert(Assignment, **assignment_row | ended | {"end_date": dt.date(2025, 12, 28)})

    assert athlete.assignments.count() == 2


def test_database_rejects_consecutive_weekdays_on_update(athlete):
    assignment = athlete.assignments.get()

    assert_rejected(SPREAD, update, assignment, weekday_two=1)

    assignment.refresh_from_db()
    assert (assignment.weekday_one, assignment.weekday_two) == (0, 3)


@pytest.fixture
def set_row(session_slot, hip_thrust) -> dict:
    return {
        "uuid": uuid.UUID("5b0c2f4e-8d1a-4c3b-9e6f-0a1b2c3d4e5f"),
        "prescription": session_slot.pk,
        "exercise": hip_thrust.pk,
        "set_number": 1,
        "reps": 10,
        "reps_left": None,
        "reps_right": None,
        "load_kg": Decimal("100"),
        "rir": 2,
        "logged_at": timezone.now(),
        "note": "",
    }


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"reps": None, "reps_left": 10, "reps_right": 9},
        {"reps": 0, "rir": 0},
        {"load_kg": Decimal("0")},
        {"load_kg": Decimal("1000")},
        {"load_kg": Decimal("45.359237")},
        {"reps": 100, "rir": 10},
        {"set_number": MAX_SETS},
        {"logged_at": dt.datetime.combine(LATEST_STORED_DATE, dt.time(23, 59), tzinfo=dt.UTC)},
        {"logged_at": dt.datetime.combine(EARLIEST_DATE, dt.time(0, 0), tzinfo=dt.UTC)},
    ],
    ids=["both-legs-at-once", "per-leg", "failed-at-zero", "bodyweight", "load-1000",
         "100-lb-in-kg", "reps-100-rir-10", "set-20", "last-stored-day", "first-stored-day"],
)  # fmt: skip
def test_database_accepts_a_possible_set(session_slot, set_row, change):
    insert(SetLog, **set_row | change)

    assert session_slot.set_logs.count() == 1


LEGS = "setlog_reps_or_both_legs"


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        pytest.param({"load_kg": Decimal("-0.5")}, "setlog_load_range", id="negative-load"),
        pytest.param({"load_kg": Decimal("1000.5")}, "setlog_load_range", id="load-above-1000"),
        pytest.param({"rir": 11}, "setlog_rir", id="rir-11"),
        pytest.param({"reps": 101}, "setlog_reps_range", id="reps-101"),
        pytest.param(
            {"reps": None, "reps_left": 101, "reps_right": 10},
            "setlog_reps_range",
            id="left-leg-101",
        ),
        pytest.param({"reps": None, "reps_left": 10}, LEGS, id="left-leg-only"),
        pytest.param({"reps": None, "reps_right": 10}, LEGS, id="right-leg-only"),
        pytest.param({"reps_left": 10, "reps_right": 10}, LEGS, id="reps-and-legs"),
        pytest.param({"reps": None}, LEGS, id="no-reps"),
        pytest.param({"set_number": 0}, "setlog_set_number_range", id="set-0"),
        pytest.param({"set_number": MAX_SETS + 1}, "setlog_set_number_range", id="set-21"),
        pytest.param(
            # As a JSON import sent it; Python cannot even move it to UTC.
            {"logged_at": Raw("9999-12-31T23:59:59-01:00")},
            "setlog_logged_at_in_bounds",
            id="logged-in-9999-west-of-utc",
        ),
        pytest.param(
            {"logged_at": dt.datetime(2200, 1, 1, tzinfo=dt.UTC)},
            "setlog_logged_at_in_bounds",
            id="logged-in-2200",
        ),
        pytest.param(
            {"logged_at": dt.datetime(1899, 12, 31, 23, 59, tzinfo=dt.UTC)},
            "setlog_logged_at_in_bounds",
            id="logged-in-1899",
        ),
    ],
)
def test_database_rejects_an_impossible_set(session_slot, set_row, change, constraint):
    assert_rejected(constraint, insert, SetLog, **set_row | change)

    assert not session_slot.set_logs.exists()


@pytest.mark.parametrize(
    "change",
    [{"set_number": 2}, {"uuid": uuid.UUID("0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b")}],
    ids=["same-uuid", "same-set-number"],
)
def test_database_rejects_a_set_logged_twice(session_slot, set_row, change):
    insert(SetLog, **set_row)

    assert_rejected(UNIQUE, insert, SetLog, **set_row | change)

    assert session_slot.set_logs.count() == 1


@pytest.mark.parametrize(
    ("change", "accepted"),
    [
        pytest.param({"increment_kg": Decimal("1.25")}, True, id="fractional-plates"),
        pytest.param({"increment_kg": Decimal("0")}, False, id="kg-increment-0"),
        pytest.param({"increment_lb": Decimal("-5")}, False, id="negative-lb-increment"),
    ],
)
def test_database_checks_load_increments(hip_thrust, change, accepted):
    if accepted:
        update(hip_thrust, **change)
    else:
        assert_rejected("exercise_increment_positive", update, hip_thrust, **change)

    hip_thrust.refresh_from_db()
    assert (hip_thrust.increment_kg == Decimal("1.25")) is accepted


@pytest.mark.parametrize("is_default", [False, True], ids=["another-program", "second-default"])
def test_database_keeps_one_default_program(program, is_default):
    row = {
        "name": "Copy of the split",
        "day_one": program.day_one_id,
        "day_two": program.day_two_id,
        "is_default": is_default,
    }

    if is_default:
        assert_rejected(UNIQUE, insert, Program, **row)
    else:
        insert(Program, **row)

    assert Program.objects.filter(is_default=True).get() == program
    assert Program.objects.filter(name="Copy of the split").exists() is not is_default


def test_exercise_nothing_refers_to_can_be_deleted(hip_thrust):
    hip_thrust.delete()

    assert not Exercise.objects.filter(slug="hip-thrust").exists()


def test_exercise_of_a_session_copy_cannot_be_deleted(session_slot, hip_thrust):
    with pytest.raises(ProtectedError):
        hip_thrust.delete()

    assert Exercise.objects.filter(slug="hip-thrust").exists()


def test_exercise_swapped_to_in_a_session_cannot_be_deleted(session_slot):
    leg_press = Exercise.objects.get(slug="leg-press")
    session_slot.swap_to(leg_press)

    with pytest.raises(ProtectedError):
        leg_press.delete()

    assert Exercise.objects.filter(slug="leg-press").exists()


def test_exercise_of_a_set_log_cannot_be_deleted(session_slot, set_row):
    # Swapped to an alternative: the set counts for the leg press, not the slot's exercise.
    leg_press = Exercise.objects.get(slug="leg-press")
    session_slot.swap_to(leg_press)
    insert(SetLog, **set_row | {"exercise": leg_press.pk})

    with pytest.raises(ProtectedError):
        leg_press.delete()

    assert Exercise.objects.filter(slug="leg-press").exists()


# Rules across tables: triggers written for SQLite and PostgreSQL by the migrations.

SLOT_EXERCISE = "setlog_exercise_of_its_slot"


@pytest.mark.parametrize(
    ("slug", "accepted"),
    [
        pytest.param("hip-thrust", True, id="the-slots-exercise"),
        pytest.param("leg-press", True, id="an-alternative"),
        pytest.param("back-squat", True, id="the-swap"),
        pytest.param("leg-curl", False, id="another-exercise"),
    ],
)
def test_database_keeps_a_set_on_an_exercise_of_its_slot(session_slot, set_row, slug, accepted):
    session_slot.alternatives.add(Exercise.objects.get(slug="leg-press"))
    update(session_slot, swapped_to=Exercise.objects.get(slug="back-squat").pk)
    exercise = Exercise.objects.get(slug=slug)

    if accepted:
        insert(SetLog, **set_row | {"exercise": exercise.pk})
    else:
        assert_rejected(SLOT_EXERCISE, insert, SetLog, **set_row | {"exercise": exercise.pk})

    assert session_slot.set_logs.filter(exercise=exercise).exists() is accepted


def test_database_refuses_moving_a_set_to_another_exercise(session_slot, set_row, hip_thrust):
    insert(SetLog, **set_row)
    logged = session_slot.set_logs.get()

    assert_rejected(
        SLOT_EXERCISE, update, logged, exercise=Exercise.objects.get(slug="leg-curl").pk
    )

    logged.refresh_from_db()
    assert logged.exercise == hip_thrust


def test_database_refuses_moving_a_set_to_another_slot(session, session_slot, set_row):
    insert(SetLog, **set_row)
    other_slot = session.prescriptions.create(
        order=2,
        exercise=Exercise.objects.get(slug="leg-curl"),
        sets_min=3,
        sets_max=3,
        reps_min=10,
        reps_max=15,
    )
    logged = session_slot.set_logs.get()

    assert_rejected(SLOT_EXERCISE, update, logged, prescription=other_slot.pk)

    assert session_slot.set_logs.count() == 1


@pytest.mark.parametrize(
    ("change", "accepted"),
    [
        pytest.param({"swapped_to": "leg-press"}, True, id="swap-to-an-alternative"),
        pytest.param({"exercise": "leg-curl"}, False, id="replace-the-exercise"),
        pytest.param({"swapped_to": "leg-curl"}, True, id="swap-keeps-the-logged-exercise"),
    ],
)
def test_database_keeps_a_slots_logged_sets_on_its_exercises(
    session_slot, set_row, hip_thrust, change, accepted
):
    # Sets already logged on the hip thrust stay valid as long as the slot still has it.
    session_slot.alternatives.add(Exercise.objects.get(slug="leg-press"))
    insert(SetLog, **set_row)
    values = {name: Exercise.objects.get(slug=slug).pk for name, slug in change.items()}

    if accepted:
        update(session_slot, **values)
    else:
        assert_rejected(SLOT_EXERCISE, update, session_slot, **values)

    session_slot.refresh_from_db()
    assert session_slot.exercise == hip_thrust


def test_database_refuses_a_session_of_another_athletes_assignment(
    athlete, other_athlete, session_row
):
    assert_rejected(
        "session_athlete_of_its_assignment",
        insert,
        Session,
        **session_row | {"athlete": other_athlete.pk},
    )

    assert not other_athlete.sessions.exists()


def test_database_refuses_moving_a_session_to_another_athlete(session, other_athlete, athlete):
    assert_rejected("session_athlete_of_its_assignment", update, session, athlete=other_athlete.pk)

    session.refresh_from_db()
    assert session.athlete == athlete


def test_database_refuses_moving_a_trained_assignment_to_another_athlete(
    session, athlete, newcomer
):
    assignment = session.assignment

    assert_rejected("session_athlete_of_its_assignment", update, assignment, athlete=newcomer.pk)

    assert athlete.assignments.get() == assignment


def test_database_moves_an_assignment_without_sessions(assignment_row, newcomer):
    insert(Assignment, **assignment_row)
    other = make_user("other")
    assignment = newcomer.assignments.get()

    update(assignment, athlete=other.pk)

    assert other.assignments.get() == assignment


@pytest.fixture
def stranger(db):
    # Staff, like a coach, but not in Coaches.
    return make_user("stranger", is_staff=True)


@pytest.mark.parametrize(
    ("who", "accepted"),
    [("coach", True), ("nobody", True), ("stranger", False), ("newcomer", False)],
)
def test_database_takes_a_coach_only_from_coaches(
    request, assignment_row, coach, stranger, newcomer, who, accepted
):
    coach_id = None if who == "nobody" else request.getfixturevalue(who).pk
    row = assignment_row | {"coach": coach_id}

    if accepted:
        insert(Assignment, **row)
    else:
        assert_rejected("assignment_coach_in_coaches", insert, Assignment, **row)

    assert newcomer.assignments.exists() is accepted


@pytest.mark.parametrize(("who", "accepted"), [("other_coach", True), ("stranger", False)])
def test_database_checks_a_new_coach_on_update(request, athlete, coach, stranger, who, accepted):
    assignment = athlete.assignments.get()
    new_coach = request.getfixturevalue(who)

    if accepted:
        update(assignment, coach=new_coach.pk)
    else:
        assert_rejected("assignment_coach_in_coaches", update, assignment, coach=new_coach.pk)

    assignment.refresh_from_db()
    assert assignment.coach == (new_coach if accepted else coach)


OVERLAP = "assignment_no_overlap"


@pytest.mark.parametrize(
    ("dates", "accepted"),
    [
        pytest.param((dt.date(2025, 6, 2), dt.date(2026, 1, 4)), True, id="ends-the-day-before"),
        pytest.param((dt.date(2025, 6, 2), dt.date(2026, 1, 5)), False, id="ends-the-first-day"),
        pytest.param((dt.date(2026, 6, 1), dt.date(2026, 7, 1)), False, id="inside-the-open-one"),
        pytest.param((dt.date(2025, 6, 2), None), False, id="open-before-the-open-one"),
    ],
)
def test_database_keeps_one_program_at_a_time(athlete, assignment_row, dates, accepted):
    start, end = dates
    row = assignment_row | {"athlete": athlete.pk, "start_date": start, "end_date": end}

    if accepted:
        insert(Assignment, **row)
    else:
        assert_rejected(f"{UNIQUE}|{OVERLAP}", insert, Assignment, **row)

    assert athlete.assignments.count() == (2 if accepted else 1)


def test_database_refuses_stretching_an_assignment_over_the_next(athlete, assignment_row):
    ended = {"athlete": athlete.pk, "start_date": dt.date(2025, 6, 2)}
    insert(Assignment, **assignment_row | ended | {"end_date": dt.date(2025, 12, 28)})
    earlier = athlete.assignments.get(start_date=dt.date(2025, 6, 2))

    assert_rejected(OVERLAP, update, earlier, end_date=dt.date(2026, 2, 1))

    earlier.refresh_from_db()
    assert earlier.end_date == dt.date(2025, 12, 28)


# The migrations look for rows that already break a new rule before adding it.


def _without_trigger(*, postgresql: str, sqlite: str, table: str) -> None:
    """Drop a rule's trigger on inserts for this test only (its transaction puts it back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {postgresql} ON {table}")
        else:
            cursor.execute(f"DROP TRIGGER {sqlite}")


def test_programs_migration_names_the_rows_it_cannot_keep(athlete, other_athlete, session_row):
    from django.apps import apps

    bounds = importlib.import_module("programs.migrations.0006_bounds")
    _without_trigger(
        postgresql="session_athlete_of_its_assignment",
        sqlite="session_athlete_of_its_assignment_insert",
        table="programs_session",
    )
    insert(Session, **session_row | {"athlete": other_athlete.pk})
    stray = other_athlete.sessions.get()

    with pytest.raises(RuntimeError, match=rf"athlete is not its assignment's: ids {stray.pk}\b"):
        bounds.refuse_rows_out_of_bounds(apps, None)


def test_tracking_migration_names_the_rows_it_cannot_keep(session_slot, set_row):
    from django.apps import apps

    bounds = importlib.import_module("tracking.migrations.0003_bounds")
    name = f"{SLOT_EXERCISE}_insert"
    _without_trigger(postgresql=name, sqlite=name, table="tracking_setlog")
    insert(SetLog, **set_row | {"exercise": Exercise.objects.get(slug="leg-curl").pk})
    stray = session_slot.set_logs.get()

    with pytest.raises(RuntimeError, match=rf"nor an alternative: ids {stray.pk}\b"):
        bounds.refuse_rows_out_of_bounds(apps, None)


def test_migrations_find_nothing_to_refuse_in_good_rows(session_slot, set_row):
    from django.apps import apps

    insert(SetLog, **set_row)

    importlib.import_module("programs.migrations.0006_bounds").refuse_rows_out_of_bounds(apps, None)
    importlib.import_module("tracking.migrations.0003_bounds").refuse_rows_out_of_bounds(apps, None)


def test_database_checks_every_set_of_one_insert(session_slot, hip_thrust):
    # PostgreSQL checks an insert's rows together, once per statement, as imports write.
    def sets(*exercises):
        return [
            SetLog(
                uuid=uuid.uuid4(),
                prescription=session_slot,
                exercise=exercise,
                set_number=number,
                reps=10,
                load_kg=Decimal("100"),
                rir=2,
            )
            for number, exercise in enumerate(exercises, start=1)
        ]

    leg_curl = Exercise.objects.get(slug="leg-curl")
    assert_rejected(SLOT_EXERCISE, SetLog.objects.bulk_create, sets(hip_thrust, leg_curl))
    SetLog.objects.bulk_create(sets(hip_thrust, hip_thrust))

    assert session_slot.set_logs.count() == 2


# On SQLite a migration that rebuilds a table (most changes of a field or a constraint
# do) drops the table's triggers with it: this names the rule that went missing.
SQLITE_RULES = {
    "session_athlete_of_its_assignment_insert",
    "session_athlete_of_its_assignment_update",
    "assignment_keeps_its_sessions_athlete",
    "assignment_coach_in_coaches_insert",
    "assignment_coach_in_coaches_update",
    "assignment_no_overlap_insert",
    "assignment_no_overlap_update",
    "setlog_exercise_of_its_slot_insert",
    "setlog_exercise_of_its_slot_update",
    "setlog_exercise_of_its_slot_slot_update",
}
POSTGRESQL_RULES = {
    "session_athlete_of_its_assignment",
    "assignment_keeps_its_sessions_athlete",
    "assignment_coach_in_coaches",
    "setlog_exercise_of_its_slot_insert",
    "setlog_exercise_of_its_slot",
    "setlog_exercise_of_its_slot_slot_update",
    "assignment_no_overlap",  # the exclusion constraint
}


@pytest.mark.django_db
def test_every_rule_across_tables_is_in_the_schema():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                " UNION SELECT conname FROM pg_constraint WHERE contype = 'x'"
            )
            expected = POSTGRESQL_RULES
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = SQLITE_RULES
        present = {name for (name,) in cursor.fetchall()}

    assert expected <= present, f"missing: {sorted(expected - present)}"
