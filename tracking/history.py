"""What an athlete did before: the reads the session page needs, done in the database."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from tracking.models import SetLog


def last_time_sets(
    *, athlete, exercise_ids: Iterable[int], before: dt.date
) -> dict[int, list[SetLog]]:
    """Per exercise, the sets of the athlete's last session with it before a date.

    One query whatever the history: a correlated subquery finds each exercise's last date.
    """
    mine = SetLog.objects.filter(
        prescription__session__athlete=athlete, prescription__session__date__lt=before
    )
    last_date = (
        mine.filter(exercise=OuterRef("exercise"))
        .order_by("-prescription__session__date")
        .values("prescription__session__date")[:1]
    )
    sets = (
        mine.filter(exercise__in=list(exercise_ids))
        .filter(prescription__session__date=Subquery(last_date))
        .select_related("prescription__session")
        .order_by("exercise_id", "set_number")
    )
    by_exercise = defaultdict(list)
    for logged in sets:
        by_exercise[logged.exercise_id].append(logged)
    return dict(by_exercise)
