"""Bringing an athlete's generated weeks in line after their assignment changed."""

from programs.generation import regenerate_ahead
from programs.today import athlete_today
from programs.weeks import IsoWeek


def regenerate_from(*, athlete, week: IsoWeek) -> None:
    """Regenerate from the athlete's today to the last week already made, at most a year
    ahead, in one batch (programs.generation.regenerate_ahead).

    Generation moves or removes only sessions from today on without a logged set, so what
    was trained, and what was missed, stays where it was. Weeks never made are made when
    first looked at.
    """
    today = max(athlete_today(athlete), week.monday)
    regenerate_ahead(athlete=athlete, today=today)
