from decimal import Decimal

import pytest
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tracking.warmups import WarmUpStep, warm_up_for, warm_up_ramp

W48 = IsoWeek(2026, 48)


def ramp(*steps):
    return [WarmUpStep(n, Decimal(load), reps) for n, (load, reps) in enumerate(steps, start=1)]


@pytest.mark.parametrize(
    ("working", "bar", "increment", "expected"),
    [
        pytest.param(
            "100", "20", "2.5", ramp(("20", 10), ("40", 5), ("60", 3), ("80", 1)), id="100 kg"
        ),
        pytest.param(
            "102.5",
            "20",
            "2.5",
            ramp(("20", 10), ("40", 5), ("62.5", 3), ("82.5", 1)),
            id="rounded to the nearest 2.5 kg: 41 → 40, 61.5 → 62.5, 82 → 82.5",
        ),
        pytest.param(
            "225", "45", "5", ramp(("45", 10), ("90", 5), ("135", 3), ("180", 1)), id="225 lb"
        ),
        pytest.param(
            "40",
            "20",
            "2.5",
            ramp(("20", 10), ("25", 3), ("32.5", 1)),
            id="40 % is 16 kg, under the bar: left out",
        ),
        pytest.param("20", "20", "2.5", [], id="the bar is the working load: no ramp"),
        pytest.param("22.5", "20", "2.5", ramp(("20", 10)), id="only the bar below the load"),
        pytest.param(
            "140",
            "0",
            "5",
            ramp(("55", 5), ("85", 3), ("110", 1)),
            id="a machine: no bar set; 56 → 55, 84 → 85, 112 → 110",
        ),
        pytest.param(
            "10",
            "0",
            "5",
            ramp(("5", 5)),
            id="steps that round to the same load or to the working load are left out",
        ),
        pytest.param("0", "20", "2.5", [], id="no load"),
    ],
)
def test_warm_up_ramp(working, bar, increment, expected):
    assert (
        warm_up_ramp(working_load=Decimal(working), bar=Decimal(bar), increment=Decimal(increment))
        == expected
    )


@pytest.mark.django_db
def test_only_compound_lifts_with_a_load_get_a_ramp():
    squat = Exercise.objects.get(slug="back-squat")
    extension = Exercise.objects.get(slug="leg-extension")
    kwargs = {"working_load": Decimal(100), "bar": Decimal(20), "increment": Decimal("2.5")}
    assert len(warm_up_for(exercise=squat, **kwargs)) == 4
    assert warm_up_for(exercise=extension, **kwargs) == []
    assert warm_up_for(exercise=squat, **{**kwargs, "working_load": None}) == []


def _day_one_after_four_squat_sets(client, athlete) -> str:
    """This week's Day 1 page, after last week's four squat sets at 100 kg × 8."""
    for week in (W48.shifted(-1), W48):
        generate_week(assignments=assignments_in_week(week), week=week)
    last, this = Session.objects.filter(athlete=athlete, day_number=1).order_by("date")
    for n in (1, 2, 3, 4):
        log_set_on(SessionPrescription.objects.get(session=last, order=1), set_number=n)
    client.force_login(athlete)
    return client.get(reverse("session", args=[this.pk])).content.decode()


def test_the_session_page_shows_the_ramp_to_todays_load_collapsed(client, athlete, other_athlete):
    html = _day_one_after_four_squat_sets(client, athlete)
    # Today's suggestion is 102.5 kg (all sets at 8 last time): the ramp leads up to it.
    assert '<details class="warm-up"' in html and '<details class="warm-up" open' not in html
    assert "Warm-up (4 sets)" in html
    assert "62.5 kg × 3" in html and "82.5 kg × 1" in html
    # The RDL had no history: no load yet, no ramp; the lunge is a dumbbell lift: no bar.
    assert html.count("Warm-up (") == 1


def test_the_ramp_starts_from_the_athletes_own_bar(client, athlete, other_athlete):
    """The bar of the plate calculator's settings (account page), not a standard one."""
    athlete.bar_kg = Decimal(15)
    athlete.save(update_fields=["bar_kg"])
    html = _day_one_after_four_squat_sets(client, athlete)
    assert "15 kg × 10" in html and "20 kg × 10" not in html
