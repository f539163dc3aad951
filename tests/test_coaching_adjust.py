"""Adjusting one athlete's prescription: their sessions from today on, not the template."""

import datetime as dt

import pytest
import time_machine
from django.contrib.admin.models import LogEntry

from coaching.forms import SETS_RANGE_MESSAGE
from programs.admin import duplicate_program
from programs.models import Exercise, Prescription, PrescriptionOverride, SessionPrescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on
from tests.test_desk_bulk import assign

WEDNESDAY = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
WEEK = IsoWeek(2026, 48)


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


@pytest.fixture
def squat_slot(program) -> Prescription:
    return Prescription.objects.get(day_template=program.day_one, order=1)


def url(athlete, slot) -> str:
    return f"/coach/athletes/{athlete.pk}/prescriptions/{slot.pk}/"


def form(slot, **changes) -> dict:
    data = {
        "exercise": slot.exercise_id,
        "sets_min": slot.sets_min,
        "sets_max": slot.sets_max,
        "reps_min": slot.reps_min,
        "reps_max": slot.reps_max,
        "rest_seconds": slot.rest_seconds,
        "rir_min": slot.rir_min,
        "rir_max": slot.rir_max,
    }
    return {**data, **changes}


def squat_copies(athlete):
    return SessionPrescription.objects.filter(
        session__athlete=athlete, session__day_number=1, order=1
    ).order_by("session__date")


def test_an_adjustment_reaches_the_athletes_future_sessions_only(
    client, coach, athlete, other_athlete, squat_slot
):
    weeks = [WEEK.shifted(-1), WEEK, WEEK.shifted(1)]
    generate(weeks)
    log_set_on(squat_copies(athlete)[0])  # last week's Day 1 was trained
    leg_press = Exercise.objects.get(slug="leg-press")
    client.force_login(coach)

    response = client.post(
        url(athlete, squat_slot), form(squat_slot, exercise=leg_press.pk, sets_max=3, sets_min=3)
    )

    assert response.status_code == 302
    last_week, this_monday, next_monday = squat_copies(athlete)
    assert (last_week.exercise.slug, last_week.sets_min) == ("back-squat", 4)  # trained
    assert (this_monday.exercise.slug, this_monday.sets_min) == ("back-squat", 4)  # past
    assert (next_monday.exercise.slug, next_monday.sets_min, next_monday.sets_max) == (
        "leg-press",
        3,
        3,
    )
    # The template's own exercise stays among the alternatives.
    assert "back-squat" in {e.slug for e in next_monday.alternatives.all()}
    squat_slot.refresh_from_db()
    assert (squat_slot.exercise.slug, squat_slot.sets_min) == ("back-squat", 4)
    other = squat_copies(other_athlete).last()
    assert other.exercise.slug == "back-squat"
    override = PrescriptionOverride.objects.get(athlete=athlete)
    assert (override.exercise, override.sets_min, override.reps_min) == (leg_press, 3, None)
    assert override.starts_on == dt.date(2026, 11, 25)


def test_the_adjustment_is_recorded_and_shown_on_the_athletes_page(
    client, coach, athlete, squat_slot
):
    client.force_login(coach)
    client.post(url(athlete, squat_slot), form(squat_slot, rest_seconds=240))

    entry = LogEntry.objects.get()
    assert entry.user == coach
    assert "rest 240 s" in entry.get_change_message()
    page = client.get(f"/coach/athletes/{athlete.pk}/").content.decode()
    assert "rest 240 s" in page
    assert "adjusted" in page


def test_the_templates_values_remove_the_adjustment(client, coach, athlete, squat_slot):
    client.force_login(coach)
    client.post(url(athlete, squat_slot), form(squat_slot, reps_max=10))
    assert PrescriptionOverride.objects.filter(athlete=athlete).exists()

    client.post(url(athlete, squat_slot), form(squat_slot))

    assert not PrescriptionOverride.objects.exists()
    assert "back to the template" in LogEntry.objects.order_by("-pk").first().change_message


def test_the_form_shows_the_adjusted_values(client, coach, athlete, squat_slot):
    client.force_login(coach)
    client.post(url(athlete, squat_slot), form(squat_slot, reps_max=10))

    response = client.get(url(athlete, squat_slot))

    assert response.context["form"].initial["reps_max"] == 10
    assert response.context["form"].initial["reps_min"] == squat_slot.reps_min


def test_bad_input_writes_nothing(client, coach, athlete, squat_slot):
    client.force_login(coach)

    response = client.post(url(athlete, squat_slot), form(squat_slot, sets_min=5, sets_max=2))

    assert response.status_code == 400
    assert SETS_RANGE_MESSAGE in response.content.decode()
    assert not PrescriptionOverride.objects.exists()
    assert not LogEntry.objects.exists()


def test_another_coachs_athlete_is_not_found(client, other_coach, athlete, squat_slot):
    client.force_login(other_coach)

    assert client.get(url(athlete, squat_slot)).status_code == 404
    assert client.post(url(athlete, squat_slot), form(squat_slot)).status_code == 404


def test_a_slot_of_a_program_the_athlete_never_followed_is_not_found(
    client, coach, athlete, squat_slot
):
    from programs.admin import duplicate_day_template

    elsewhere = duplicate_day_template(template=squat_slot.day_template).prescriptions.first()
    client.force_login(coach)

    assert client.get(url(athlete, elsewhere)).status_code == 404


def test_from_the_session_page_the_coach_goes_back_to_it(client, coach, athlete, squat_slot):
    generate([WEEK])
    session = squat_copies(athlete).first().session
    client.force_login(coach)

    response = client.post(
        url(athlete, squat_slot) + f"?session={session.pk}", form(squat_slot, reps_max=10)
    )

    assert response["Location"] == f"/coach/sessions/{session.pk}/"


def test_an_adjustment_overrides_a_slot_of_the_coachs_own_program(client, coach, athlete, program):
    """A program the coach made by duplicating the house's is adjusted per athlete the
    same way: the athlete's next sessions follow the adjustment, the program's slot stays."""
    own = duplicate_program(program=program, owner=coach)
    client.force_login(coach)
    assert assign(client, [athlete], program=own, start="2026-11-30").status_code == 302
    own_squat = Prescription.objects.get(day_template=own.day_one, order=1)
    leg_press = Exercise.objects.get(slug="leg-press")

    response = client.post(url(athlete, own_squat), form(own_squat, exercise=leg_press.pk))

    assert response.status_code == 302
    generate([WEEK.shifted(1)])
    next_monday = squat_copies(athlete).get(session__date=dt.date(2026, 11, 30))
    assert next_monday.source == own_squat
    assert next_monday.exercise == leg_press
    own_squat.refresh_from_db()
    assert own_squat.exercise.slug == "back-squat"
