"""“Today” is the athlete's today, in their time zone, not the server's."""

import datetime as dt

from django.utils import timezone


def athlete_today(athlete) -> dt.date:
    return timezone.now().astimezone(athlete.zone).date()
