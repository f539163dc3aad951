"""Loads on the session page as the plates make them: in the athlete's unit, on the
exercise's plate step when they were typed in the other unit, exactly as typed otherwise;
suggestions a load the athlete can put on the bar."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import Session, SessionPrescription
from tests.test_session_page import W48, _generate, _log, monday_of_w48  # noqa: F401
from tracking.models import SetLog
from tracking.units import to_kg


@pytest.fixture
def today(athlete):
    _generate(W48)
    return Session.objects.get(athlete=athlete, day_number=1, date__gte=W48.monday)


@pytest.fixture
def last_week(athlete):
    _generate(W48.shifted(-1))
    return Session.objects.get(athlete=athlete, date=W48.shifted(-1).monday)


def page(client, athlete, session) -> str:
    client.force_login(athlete)
    return client.get(reverse("session", args=[session.pk])).content.decode()


def load_value(html: str, slot: SessionPrescription, number: int) -> str:
    marker = f'id="set-{slot.pk}-{number}-load" name="load"'
    start = html.index(marker)
    value = html.index('value="', start) + len('value="')
    return html[value : html.index('"', value)]


def test_kilograms_read_in_pounds_on_the_plate_step(client, athlete, today, last_week):
    _log(last_week, 1, loads_reps_rirs=[("80", 8, 2)] * 4)
    athlete.unit = "lb"
    athlete.save(update_fields=["unit"])

    html = page(client, athlete, today)

    assert "175 lb × 8, 8, 8, 8 @ RIR 2" in html
    # All at the top: one 5 lb step on the load as the athlete reads it.
    assert "180 lb · All sets at the top of the range: add load" in html
    squat = SessionPrescription.objects.get(session=today, order=1)
    assert load_value(html, squat, 1) == "180"
    assert "176.37" not in html and "181.37" not in html


def test_a_suggestion_from_an_off_step_load_lands_on_a_step(client, athlete, today, last_week):
    # 62.5 kg is 137.79 lb: the same load is read as 140 lb, never "137.79 lb".
    _log(last_week, 2, loads_reps_rirs=[("62.5", 9, 2), ("62.5", 8, 2), ("62.5", 8, 2)])
    athlete.unit = "lb"
    athlete.save(update_fields=["unit"])

    html = page(client, athlete, today)

    assert "140 lb × 9, 8, 8 @ RIR 2" in html
    assert "140 lb · Same load: beat last time by a rep" in html
    assert "137.79" not in html


def test_a_logged_set_reads_as_the_plates_make_it(client, athlete, today):
    squat = SessionPrescription.objects.get(session=today, order=1)
    SetLog.objects.create(
        uuid=uuid.uuid4(),
        prescription=squat,
        exercise=squat.performed_exercise,
        set_number=1,
        load_kg=Decimal("102.5"),
        reps=8,
        rir=2,
    )
    athlete.unit = "lb"
    athlete.save(update_fields=["unit"])

    assert load_value(page(client, athlete, today), squat, 1) == "225"
    assert SetLog.objects.get().load_kg == Decimal("102.5")


def test_a_load_typed_in_pounds_reads_back_as_typed(client, athlete, today, last_week):
    _log(last_week, 1, loads_reps_rirs=[(to_kg(load=Decimal("227.5"), unit="lb"), 8, 2)] * 4)
    athlete.unit = "lb"
    athlete.save(update_fields=["unit"])

    html = page(client, athlete, today)

    assert "227.5 lb × 8, 8, 8, 8 @ RIR 2" in html
    assert "232.5 lb · All sets at the top" in html
