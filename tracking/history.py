"""What an athlete did before: the reads the session page needs, done in the database."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, OuterRef, Subquery

from programs.models import Exercise, Session
from tracking.models import SetLog


def last_time_sets(
    *, athlete, exercise_ids: Iterable[int], before: dt.date
) -> dict[int, list[SetLog]]:
    """Per exercise, the sets of the athlete's last session with it before a date.

    Two queries whatever the history: each exercise's last date, then the sets of those
    sessions. The last date is a subquery per exercise (a handful), not per set:
    correlated on the sets, SQLite ran it once for every set of the exercise, 7-9 s after
    an import of 6,608 sets. Inside it the exercise is compared as ``exercise_id + 0`` so
    that SQLite walks the athlete's sessions from the newest (their ``(athlete, date)``
    index) and stops at the first with the exercise, instead of reading every set of the
    exercise for each session. The dates come back to Python rather than nesting in the
    sets' query: nested, PostgreSQL with stale statistics (right after an import) could
    re-run them for every set, for minutes.
    """
    exercise_ids = list(exercise_ids)
    if not exercise_ids:
        return {}
    earlier = Session.objects.filter(athlete=athlete, date__lt=before)
    last_date = (
        earlier.alias(performed=F("prescriptions__set_logs__exercise_id") + 0)
        .filter(performed=OuterRef("pk"))
        .order_by("-date")
        .values("date")[:1]
    )
    last_dates = {
        day
        for day in Exercise.objects.filter(pk__in=exercise_ids)
        .annotate(last_date=Subquery(last_date))
        .values_list("last_date", flat=True)
        if day is not None
    }
    if not last_dates:
        return {}
    sets = (
        SetLog.objects.alias(performed=F("exercise_id") + 0)
        .filter(
            prescription__session__athlete=athlete,
            prescription__session__date__in=sorted(last_dates),
            performed__in=exercise_ids,
        )
        .select_related("prescription__session")
        .order_by("exercise_id", "set_number")
    )
    # Two exercises' last sessions may hold sets of both: keep each exercise's latest.
    by_exercise = defaultdict(list)
    for logged in sets:
        kept = by_exercise[logged.exercise_id]
        if kept and kept[0].prescription.session.date != logged.prescription.session.date:
            if kept[0].prescription.session.date > logged.prescription.session.date:
                continue
            kept.clear()
        kept.append(logged)
    return dict(by_exercise)
