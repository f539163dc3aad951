"""seed_demo's coaching part: a second coach, athletes with varied habits, the right flags."""

import datetime as dt
import io

import time_machine
from django.core.management import call_command

from accounts.models import User
from tracking.models import SetLog

FRIDAY = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


def test_seed_demo_gives_each_coach_a_desk_with_the_right_flags(db, client, settings):
    settings.DEBUG = True
    with time_machine.travel(FRIDAY, tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        logged = SetLog.objects.count()
        call_command("seed_demo", stdout=io.StringIO())
        assert SetLog.objects.count() == logged  # a second run logs nothing new

        client.force_login(User.objects.get(username="coach"))
        rows = {row.athlete.username: row for row in client.get("/coach/").context["rows"]}
        client.force_login(User.objects.get(username="coach2"))
        second = {row.athlete.username for row in client.get("/coach/").context["rows"]}

    assert set(rows) == {"demo", "ana", "ben", "cleo", "dan"}
    assert second == {"eve", "finn"}
    assert rows["ana"].flags == []
    assert any(flag.startswith("Hamstrings behind") for flag in rows["ben"].flags)
    assert any(flag.startswith("Left leg") for flag in rows["cleo"].flags)
    assert any("compound sets at RIR 4+" in flag for flag in rows["cleo"].flags)
    assert any(flag.startswith("Compliance down") for flag in rows["dan"].flags)
    # Needs attention first: the steady athlete comes last.
    order = list(rows)
    assert order[-1] == "ana"
    # The athlete who stopped two weeks ago first, however many insight flags the others.
    assert order[0] == "dan"
    assert rows["dan"].flags[0] == "No session for 22 days"
