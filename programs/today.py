"""“Today” is the athlete's today, in their time zone, not the server's."""

import datetime as dt

from django.utils import timezone

from programs.models import Session


def athlete_today(athlete, *, now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(athlete.zone).date()


def todays_session(athlete, *, today: dt.date) -> Session | None:
    return Session.objects.filter(athlete=athlete, date=today).first()


def next_session(athlete, *, today: dt.date) -> Session | None:
    """Today's session, else the next one made: one query answers both /today/'s
    questions (is it a training day, and if not, when is the next one)."""
    return Session.objects.filter(athlete=athlete, date__gte=today).order_by("date").first()
