"""Bringing an athlete's generated weeks in line after their assignment changed."""

from django.db.models import Max

from programs.models import Session
from programs.week_page import ensure_week
from programs.weeks import IsoWeek


def regenerate_from(*, athlete, week: IsoWeek) -> None:
    """Regenerate the week and every later week that already has sessions.

    Generation moves or removes only sessions without a logged set, so what was trained
    stays where it was. Weeks never generated are generated when first looked at.
    """
    last = Session.objects.filter(athlete=athlete, date__gt=week.sunday).aggregate(
        last=Max("date")
    )["last"]
    end = IsoWeek.of(last) if last else week
    shown = week
    while shown <= end:
        ensure_week(athlete=athlete, week=shown)
        shown = shown.shifted(1)
