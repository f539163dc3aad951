import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from programs.models import Assignment, Session


@override_settings(DEBUG=True)
def test_seed_demo_creates_the_demo_accounts_once(db, client):
    call_command("seed_demo")
    call_command("seed_demo")
    demo, coach = User.objects.get(username="demo"), User.objects.get(username="coach")
    assert demo.check_password("demo") and coach.check_password("coach")
    assert coach.is_staff and coach.groups.filter(name="Coaches").exists()
    assert Assignment.objects.filter(athlete=demo, coach=coach).count() == 1


def test_seed_demo_refuses_without_debug(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_make_run_serves_the_demo_athletes_week_with_the_six_prescriptions(db, client):
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC), tick=False):
        call_command("seed_demo")
        call_command("generate_week")
        this_week = Session.objects.filter(
            athlete__username="demo", date__range=(dt.date(2026, 11, 23), dt.date(2026, 11, 29))
        )
        assert this_week.count() == 2
        assert client.login(username="demo", password="demo")
        html = client.get("/", follow=True).content.decode()
    for exercise in [
        "Back squat",
        "Romanian deadlift",
        "Walking lunge",
        "Leg extension",
        "Leg curl",
        "Step-up",
    ]:
        assert exercise in html


def test_generate_week_names_a_bad_week_or_athlete(db, athlete):
    with pytest.raises(CommandError, match="not a week"):
        call_command("generate_week", week="2026-W99")
    with pytest.raises(CommandError, match="No assignment"):
        call_command("generate_week", week="2026-W48", athlete="nobody")


def test_generate_week_for_one_athlete_and_week(db, athlete, other_athlete, capsys):
    call_command("generate_week", week="2026-W48", athlete="athlete")
    assert Session.objects.filter(athlete=athlete).count() == 2
    assert not Session.objects.filter(athlete=other_athlete).exists()
    assert "2 sessions created" in capsys.readouterr().out
