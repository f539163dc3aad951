import datetime as dt
import math

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from programs.bounds import latest_date
from programs.generation import (
    Generated,
    assignments_in_week,
    generate_week,
    plan_week,
    regenerate_from,
)
from programs.models import (
    CONSECUTIVE_DAYS_MESSAGE,
    Assignment,
    DayTemplate,
    Exercise,
    Prescription,
    Program,
    Session,
    SessionPrescription,
)
from programs.weeks import IsoWeek
from tests.conftest import log_set_on

W48 = IsoWeek(2026, 48)  # Monday 23 November 2026
MONDAY_MORNING = dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def monday_of_w48():
    """Generation changes only sessions from the athlete's today on: these tests look at
    W48 from its Monday morning, the whole week ahead."""
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def _generate(athlete, week=W48) -> list[Session]:
    generate_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
    return list(
        Session.objects.filter(athlete=athlete, date__range=(week.monday, week.sunday)).order_by(
            "date"
        )
    )


@pytest.mark.parametrize(
    ("weekdays", "start", "end", "expected"),
    [
        (
            (0, 3),
            dt.date(2026, 1, 5),
            None,
            [(dt.date(2026, 11, 23), 1), (dt.date(2026, 11, 26), 2)],
        ),
        (
            (1, 4),
            dt.date(2026, 1, 5),
            None,
            [(dt.date(2026, 11, 24), 1), (dt.date(2026, 11, 27), 2)],
        ),
        (
            (2, 6),
            dt.date(2026, 1, 5),
            None,
            [(dt.date(2026, 11, 25), 1), (dt.date(2026, 11, 29), 2)],
        ),
        # Starting midweek: Day 1 already passed, only Day 2 is planned.
        ((0, 3), dt.date(2026, 11, 24), None, [(dt.date(2026, 11, 26), 2)]),
        # Starting on Day 1 itself counts.
        (
            (0, 3),
            dt.date(2026, 11, 23),
            None,
            [(dt.date(2026, 11, 23), 1), (dt.date(2026, 11, 26), 2)],
        ),
        # Nothing before the start date.
        ((0, 3), dt.date(2026, 11, 30), None, []),
        # Ending midweek keeps what falls on or before the end date.
        ((0, 3), dt.date(2026, 1, 5), dt.date(2026, 11, 25), [(dt.date(2026, 11, 23), 1)]),
    ],
)
def test_plan_week_puts_day_one_and_day_two_on_the_chosen_weekdays(weekdays, start, end, expected):
    day_one, day_two = DayTemplate(pk=1, name="A"), DayTemplate(pk=2, name="B")
    assignment = Assignment(
        athlete_id=7,
        program=Program(day_one=day_one, day_two=day_two),
        weekday_one=weekdays[0],
        weekday_two=weekdays[1],
        start_date=start,
        end_date=end,
    )
    planned = plan_week(assignments=[assignment], week=W48)
    assert [(plan.date, plan.day_number) for plan in planned] == expected
    assert all(
        plan.day_template is (day_one if plan.day_number == 1 else day_two) for plan in planned
    )


@pytest.mark.parametrize(("one", "two"), [(0, 1), (3, 4), (5, 6), (0, 6), (2, 2), (4, 1)])
def test_an_assignment_on_consecutive_or_unordered_days_is_refused_with_the_reason(
    athlete, program, one, two
):
    assignment = Assignment(
        athlete=athlete,
        program=program,
        weekday_one=one,
        weekday_two=two,
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert str(CONSECUTIVE_DAYS_MESSAGE) in str(error.value)


def test_generated_sessions_copy_the_templates_prescriptions(athlete):
    sessions = _generate(athlete)

    assert [(s.date, s.day_number, s.name, s.focus) for s in sessions] == [
        (dt.date(2026, 11, 23), 1, "Strength + Compounds", "strength"),
        (dt.date(2026, 11, 26), 2, "Balance + Isolation", "balance"),
    ]
    day_one = SessionPrescription.objects.filter(session=sessions[0]).order_by("order")
    assert [(p.exercise.slug, p.dose_label) for p in day_one] == [
        ("back-squat", "4 × 5–8"),
        ("romanian-deadlift", "3 × 6–10"),
        ("walking-lunge", "2–3 × 10–14 per leg"),
    ]
    assert [a.slug for a in day_one[0].alternatives.all()] == ["leg-press"]
    day_two = SessionPrescription.objects.filter(session=sessions[1]).order_by("order")
    assert [(p.exercise.slug, p.dose_label, p.tempo) for p in day_two] == [
        ("leg-extension", "3 × 10–15", "Slow, controlled: 3 seconds down"),
        ("leg-curl", "3 × 10–15", "Pause and squeeze at the top"),
        ("step-up", "2 × 10–12 per leg", ""),
    ]
    assert [a.slug for a in day_two[2].alternatives.all()] == ["split-squat"]
    assert day_one[0].rest_seconds > day_two[0].rest_seconds  # Day 1 rests longer


def test_generating_a_week_twice_changes_nothing(athlete):
    first = _generate(athlete)
    copies = list(SessionPrescription.objects.values_list("pk", "session_id", "exercise_id"))

    second = _generate(athlete)

    assert [s.pk for s in second] == [s.pk for s in first]
    assert list(SessionPrescription.objects.values_list("pk", "session_id", "exercise_id")) == (
        copies
    )


def test_other_athletes_and_weeks_are_left_alone(athlete, other_athlete):
    _generate(athlete)
    assert not Session.objects.filter(athlete=other_athlete).exists()
    assert Session.objects.filter(athlete=athlete).count() == 2


def _log_a_set(session):
    return log_set_on(SessionPrescription.objects.filter(session=session).order_by("order").first())


def test_unstarted_sessions_follow_template_edits_and_started_ones_never_change(athlete):
    day_one_session, day_two_session = _generate(athlete)
    _log_a_set(day_one_session)
    started_copies = list(
        SessionPrescription.objects.filter(session=day_one_session).values_list("pk", "reps_max")
    )

    for template in DayTemplate.objects.all():
        first = template.prescriptions.get(order=1)
        first.reps_max = 20
        first.save()
        first.alternatives.add(Exercise.objects.get(slug="hip-thrust"))
    _generate(athlete)

    assert (
        list(
            SessionPrescription.objects.filter(session=day_one_session).values_list(
                "pk", "reps_max"
            )
        )
        == started_copies
    )
    followed = SessionPrescription.objects.get(session=day_two_session, order=1)
    assert followed.reps_max == 20
    assert "hip-thrust" in {a.slug for a in followed.alternatives.all()}


def test_a_renamed_template_renames_unstarted_sessions_only(athlete):
    day_one_session, day_two_session = _generate(athlete)
    _log_a_set(day_one_session)
    DayTemplate.objects.filter(name="Strength + Compounds").update(name="Strength day")
    DayTemplate.objects.filter(name="Balance + Isolation").update(name="Balance day")

    _generate(athlete)

    day_one_session.refresh_from_db()
    day_two_session.refresh_from_db()
    assert day_one_session.name == "Strength + Compounds"
    assert day_two_session.name == "Balance day"


def test_new_weekdays_move_unstarted_sessions_and_keep_started_ones(athlete):
    day_one_session, day_two_session = _generate(athlete)
    _log_a_set(day_one_session)
    Assignment.objects.filter(athlete=athlete).update(weekday_one=1, weekday_two=4)

    sessions = _generate(athlete)

    assert [(s.date, s.day_number) for s in sessions] == [
        (dt.date(2026, 11, 23), 1),  # trained on the old Monday: kept as it was
        (dt.date(2026, 11, 24), 1),
        (dt.date(2026, 11, 27), 2),
    ]
    assert not Session.objects.filter(pk=day_two_session.pk).exists()


def _athletes(count: int, program: Program, prefix: str) -> list[Assignment]:
    users = User.objects.bulk_create(User(username=f"{prefix}{i}") for i in range(count))
    return Assignment.objects.bulk_create(
        Assignment(athlete=user, program=program, start_date=dt.date(2026, 1, 5)) for user in users
    )


def _queries_to_generate(week: IsoWeek) -> tuple[int, int]:
    """(inserts, other statements) that generating the week runs."""
    with CaptureQueriesContext(connection) as captured:
        generate_week(assignments=assignments_in_week(week), week=week)
    inserts = sum(1 for query in captured if query["sql"].startswith("INSERT"))
    return inserts, len(captured) - inserts


def _insert_batches(model, rows: int) -> int:
    """How many INSERTs the backend needs for rows: one on PostgreSQL; SQLite caps
    a statement at 999 parameters, so Django splits large bulk inserts there."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))


def test_generating_for_fifty_athletes_takes_as_many_queries_as_for_one(program):
    _athletes(1, program, prefix="solo")
    inserts_for_one, others_for_one = _queries_to_generate(W48)
    assert Session.objects.count() == 2
    assert inserts_for_one == 3  # sessions, their copies, the copies' alternatives
    assert _queries_to_generate(W48)[0] == 0  # a second time writes nothing
    regenerate_for_one = _queries_to_generate(W48)[1]

    _athletes(49, program, prefix="squad")
    inserts_for_fifty, others_for_fifty = _queries_to_generate(W48.shifted(1))
    assert Session.objects.count() == 2 + 100
    assert SessionPrescription.objects.count() == 6 * 51

    assert others_for_fifty == others_for_one
    assert inserts_for_fifty == (
        _insert_batches(Session, 100)
        + _insert_batches(SessionPrescription, 300)
        + _insert_batches(SessionPrescription.alternatives.through, 100)
    )
    if connection.vendor == "postgresql":
        assert inserts_for_fifty == inserts_for_one
    assert _queries_to_generate(W48.shifted(1)) == (0, regenerate_for_one)


WEDNESDAY = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # 10:00 in Paris


def _copies(session) -> list[tuple]:
    return list(
        SessionPrescription.objects.filter(session=session)
        .order_by("order")
        .values_list("pk", "reps_max")
    )


def test_a_session_dated_before_today_is_never_regenerated(athlete):
    """Monday's session was missed: on Wednesday a template edit and new weekdays leave it
    as it was planned; Thursday's, still ahead, follows them."""
    monday, thursday = _generate(athlete)
    missed = _copies(monday)
    with time_machine.travel(WEDNESDAY, tick=False):
        Prescription.objects.update(reps_max=20)
        _generate(athlete)
        assert _copies(monday) == missed
        assert {reps for _, reps in _copies(thursday)} == {20}

        Assignment.objects.filter(athlete=athlete).update(weekday_one=1, weekday_two=4)
        sessions = _generate(athlete)

    assert [(s.date, s.day_number) for s in sessions] == [
        (dt.date(2026, 11, 23), 1),  # missed, kept as it was
        # No Tuesday: a weekday change does not invent a session already missed.
        (dt.date(2026, 11, 27), 2),  # Friday, the new Day 2
    ]
    assert _copies(Session.objects.get(pk=monday.pk)) == missed


def test_a_week_with_no_session_is_made_whole_past_days_included(athlete):
    """The daily command run midweek (or a catch-up run for a past week) makes the week
    whole, so Monday's workout can still be logged late."""
    with time_machine.travel(WEDNESDAY, tick=False):
        sessions = _generate(athlete)
        earlier = _generate(athlete, week=W48.shifted(-3))

    assert [s.date for s in sessions] == [dt.date(2026, 11, 23), dt.date(2026, 11, 26)]
    assert len(earlier) == 2


def test_nothing_is_made_more_than_a_year_ahead(athlete):
    far = IsoWeek.of(latest_date(today=dt.date(2026, 11, 23))).shifted(1)

    assert _generate(athlete, week=far) == []
    assert _generate(athlete, week=IsoWeek(2126, 1)) == []


def _regenerate_after_a_weekday_change(athlete, weeks: int) -> tuple[int, Generated]:
    """(statements other than INSERTs and DELETEs, what changed) for a weekday change of an
    athlete with this many weeks made ahead. Those two are batched by rows (SQLite's
    parameter limit, Django's deletes by a hundred), within the year's bound."""
    for offset in range(weeks):
        _generate(athlete, week=W48.shifted(offset))
    Assignment.objects.filter(athlete=athlete).update(weekday_one=1, weekday_two=4)
    with CaptureQueriesContext(connection) as captured:
        done = regenerate_from(athlete=athlete, today=dt.date(2026, 11, 23))
    return sum(1 for query in captured if not query["sql"].startswith(("INSERT", "DELETE"))), done


# The last date made ahead, the assignments, a savepoint, the sessions (locked), their
# copies (locked), which of those are started (read after the lock), the copies'
# alternatives, the templates' prescriptions and alternatives, the overrides, the
# collector's two reads before deleting, a coach note update, the release; and the
# collector's read of the answers to the coach notes it deletes (issue 17).
REGENERATE_STATEMENTS = 15


def test_a_weekday_change_regenerates_the_year_ahead_in_one_batch(athlete, other_athlete):
    """However many weeks are made ahead, a change of plan costs the same statements; what
    lies beyond a year ahead (made before the bound existed) is left as it was."""
    beyond = Session.objects.create(
        athlete=athlete,
        assignment=Assignment.objects.get(athlete=athlete),
        day_template=DayTemplate.objects.get(name="Strength + Compounds"),
        date=dt.date(2126, 1, 4),
        day_number=1,
        name="Strength + Compounds",
        focus="strength",
    )

    two_weeks, done_two = _regenerate_after_a_weekday_change(other_athlete, weeks=2)
    thirty_weeks, done_thirty = _regenerate_after_a_weekday_change(athlete, weeks=30)

    assert two_weeks == thirty_weeks == REGENERATE_STATEMENTS
    assert (done_two.created, done_two.removed) == (4, 4)
    assert (done_thirty.created, done_thirty.removed) == (60, 60)
    assert Session.objects.filter(pk=beyond.pk, date=dt.date(2126, 1, 4)).exists()
    ahead = Session.objects.filter(athlete=athlete, date__lt=dt.date(2027, 12, 31))
    assert {session.date.weekday() for session in ahead} == {1, 4}
