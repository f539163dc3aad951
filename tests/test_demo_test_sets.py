"""seed_demo's test sets: the balance page's effort honesty shows the demo athlete's bias,
its trend and an exercise still one test short, whatever the day it runs."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from tests.test_demo_history import WEDNESDAY, seed_demo
from tracking.models import CalibrationChoice, SetLog


@pytest.mark.parametrize(
    "at",
    [
        WEDNESDAY,
        dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC),
        dt.datetime(2027, 1, 6, 12, tzinfo=dt.UTC),  # the month before is another year's
        dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC),
    ],
    ids=str,
)
def test_the_demo_balance_shows_the_test_sets(db, client, at):
    seed_demo(at)
    seed_demo(at)  # a second run writes the same
    demo = User.objects.get(username="demo")
    tests = SetLog.objects.filter(prescription__session__athlete=demo, actual_rir__isnull=False)
    assert tests.count() == 3 + 2 + 1
    assert CalibrationChoice.objects.get(athlete=demo, exercise__slug="back-squat").planned
    with time_machine.travel(at, tick=False):
        client.force_login(demo)
        html = client.get(reverse("balance")).content.decode()
    assert "Leg extension: you leave 2.3 reps more than you think" in html
    assert "Your leg extension guesses: 3.4 reps too cautious in " in html
    assert ", 2.3 reps too cautious now." in html
    assert "Leg curl: you leave 1.4 reps more than you think" in html
    assert "Back squat: 1 test so far; 1 more needed" in html
    # Pooled, the demo's guesses are 2 reps cautious: their coach's desk says so.
    with time_machine.travel(at, tick=False):
        client.force_login(User.objects.get(username="coach"))
        desk = client.get("/coach/").content.decode()
    assert "Leaves 2 more reps than they think" in desk
