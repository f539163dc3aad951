"""The plate calculator (tracking/plates.py): plates per side, greedy, heaviest first, and
the nearest load when one cannot be made exactly."""

import uuid
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import DEFAULT_PLATES, Unit, User
from programs.models import Session, SessionPrescription
from tests.test_session_page import W48, _generate, _log, monday_of_w48  # noqa: F401
from tracking.plates import PlatesPerSide, plate_line, plates_per_side

KG_PLATES = tuple(D(w) for w in DEFAULT_PLATES[Unit.KG].split())
LB_PLATES = tuple(D(w) for w in DEFAULT_PLATES[Unit.LB].split())
NO_25S = tuple(D(w) for w in ["20", "15", "10", "5", "2.5", "1.25"])
NO_15S_OR_25S = tuple(D(w) for w in ["20", "10", "5", "2.5", "1.25"])


def plates(text: str) -> tuple[D, ...]:
    return tuple(D(w) for w in text.split())


@pytest.mark.parametrize(
    ("load", "bar", "available", "expected"),
    [
        # kg on a 20 kg bar, the default plates.
        ("102.5", "20", KG_PLATES, PlatesPerSide(plates("25 15 1.25"), D("102.5"), True)),
        ("100", "20", KG_PLATES, PlatesPerSide(plates("25 15"), D("100"), True)),
        ("140", "20", KG_PLATES, PlatesPerSide(plates("25 25 10"), D("140"), True)),
        ("60", "20", KG_PLATES, PlatesPerSide(plates("20"), D("60"), True)),
        ("22.5", "20", KG_PLATES, PlatesPerSide(plates("1.25"), D("22.5"), True)),
        ("20", "20", KG_PLATES, PlatesPerSide((), D("20"), True)),
        # Without 25s, and without 15s either: the heaviest first all the same.
        ("102.5", "20", NO_25S, PlatesPerSide(plates("20 20 1.25"), D("102.5"), True)),
        ("102.5", "20", NO_15S_OR_25S, PlatesPerSide(plates("20 20 1.25"), D("102.5"), True)),
        ("85", "20", NO_15S_OR_25S, PlatesPerSide(plates("20 10 2.5"), D("85"), True)),
        # lb on a 45 lb bar.
        ("225", "45", LB_PLATES, PlatesPerSide(plates("45 45"), D("225"), True)),
        ("135", "45", LB_PLATES, PlatesPerSide(plates("45"), D("135"), True)),
        ("170", "45", LB_PLATES, PlatesPerSide(plates("45 10 5 2.5"), D("170"), True)),
        ("315", "45", LB_PLATES, PlatesPerSide(plates("45 45 45"), D("315"), True)),
        ("185", "45", LB_PLATES, PlatesPerSide(plates("45 25"), D("185"), True)),
        ("205", "45", LB_PLATES, PlatesPerSide(plates("45 35"), D("205"), True)),
        # Cannot be made: the nearest, the lighter of two as near.
        ("101", "20", KG_PLATES, PlatesPerSide(plates("25 15"), D("100"), False)),
        ("102", "20", KG_PLATES, PlatesPerSide(plates("25 15 1.25"), D("102.5"), False)),
        ("101.25", "20", KG_PLATES, PlatesPerSide(plates("25 15"), D("100"), False)),
        ("21", "20", KG_PLATES, PlatesPerSide((), D("20"), False)),
        ("227", "45", LB_PLATES, PlatesPerSide(plates("45 45"), D("225"), False)),
        ("228", "45", LB_PLATES, PlatesPerSide(plates("45 45 2.5"), D("230"), False)),
        ("137.79", "45", LB_PLATES, PlatesPerSide(plates("45 2.5"), D("140"), False)),
        # Up to the nearest: one more of the smallest plate, where greedy would miss it
        # (9.5 a side on 10s and 6s: 6 under, 6 + 6 over, which greedy reads as 10 + 2).
        ("19", "0", plates("10 6"), PlatesPerSide(plates("6 6"), D("24"), False)),
        ("23", "0", plates("10 6"), PlatesPerSide(plates("10"), D("20"), False)),
        # Lighter than the bar: the bar is the nearest.
        ("10", "20", KG_PLATES, PlatesPerSide((), D("20"), False)),
        ("0", "45", LB_PLATES, PlatesPerSide((), D("45"), False)),
        # A bar of nothing (a plate-loaded machine), plates listed in any order, twice.
        ("50", "0", plates("5 25 25"), PlatesPerSide(plates("25"), D("50"), True)),
    ],
)
def test_plates_per_side(load, bar, available, expected):
    assert plates_per_side(load=D(load), bar=D(bar), plates=available) == expected


@pytest.mark.parametrize(
    ("load", "bar", "available", "unit", "line"),
    [
        ("102.5", "20", KG_PLATES, "kg", "Per side: 25 + 15 + 1.25"),
        ("225", "45", LB_PLATES, "lb", "Per side: 45 + 45"),
        ("20", "20", KG_PLATES, "kg", "Per side: nothing"),
        ("101", "20", KG_PLATES, "kg", "Per side: 25 + 15 (makes 100 kg: 101 kg cannot be made)"),
        ("21", "20", KG_PLATES, "kg", "Per side: nothing (makes 20 kg: 21 kg cannot be made)"),
        ("10", "20", KG_PLATES, "kg", "Lighter than the 20 kg bar"),
        ("0", "45", LB_PLATES, "lb", "Lighter than the 45 lb bar"),
    ],
)
def test_the_plate_line_says_it_in_words(load, bar, available, unit, line):
    assert plate_line(load=D(load), bar=D(bar), plates=available, unit=unit) == line


# ---------------------------------------------------------------------------------------
# On the session page: a line under each barbell set's load, from the athlete's plates.


@pytest.fixture
def day_one(athlete):
    _generate(W48)
    return Session.objects.get(athlete=athlete, day_number=1, date__gte=W48.monday)


def test_barbell_rows_say_the_plates_per_side(client, athlete, day_one):
    last_week = W48.shifted(-1)
    _generate(last_week)
    _log(
        Session.objects.get(athlete=athlete, date=last_week.monday),
        1,
        loads_reps_rirs=[("100", 8, 2)] * 4,
    )
    client.force_login(athlete)

    html = client.get(reverse("session", args=[day_one.pk])).content.decode()

    squat = SessionPrescription.objects.get(session=day_one, order=1)
    lunge = SessionPrescription.objects.get(session=day_one, order=3)
    assert f'id="set-{squat.pk}-1-plates" data-load="set-{squat.pk}-1-load"' in html
    assert html.count("Per side: 25 + 15 + 1.25") == 4  # 102.5 kg on each squat set
    assert f"set-{lunge.pk}-1-plates" not in html  # dumbbells: no bar
    assert html.count('id="plate-setup"') == 1
    assert (
        '"bar": "20"' in html and '"plates": ["25", "20", "15", "10", "5", "2.5", "1.25"]' in html
    )


def test_the_line_follows_the_athletes_unit_bar_and_plates(client, athlete, day_one):
    athlete.unit = "lb"
    athlete.bar_lb = D("35")
    athlete.plates_lb = "45 25 10 5"
    athlete.save()
    squat = SessionPrescription.objects.get(session=day_one, order=1)
    client.force_login(athlete)

    response = client.post(
        reverse("tick", args=[day_one.pk]),
        {
            "uuid": str(uuid.uuid4()),
            "prescription": squat.pk,
            "set_number": 1,
            "reps": 8,
            "load": "225",
            "rir": 2,
        },
        HTTP_HX_REQUEST="true",
    )

    # 95 a side on a 35 lb bar with 45s, 25s, 10s and 5s.
    assert "Per side: 45 + 45 + 5" in response.content.decode()


def test_the_coachs_read_only_copy_has_no_plate_script(client, coach, athlete, day_one):
    client.force_login(coach)
    html = client.get(reverse("coach_session", args=[day_one.pk])).content.decode()
    assert "plate-setup" not in html


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"bar_kg": D("-1")}, "user_bar_kg_range"),
        ({"bar_kg": D("50.01")}, "user_bar_kg_range"),
        ({"bar_lb": D("110.5")}, "user_bar_lb_range"),
        ({"plates_kg": ""}, "user_plates_kg_not_empty"),
        ({"plates_lb": ""}, "user_plates_lb_not_empty"),
    ],
)
def test_the_database_refuses_an_impossible_bar_or_no_plates(athlete, change, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        User.objects.filter(pk=athlete.pk).update(**change)
