"""The demo athlete's test sets, so the balance page's effort honesty shows something real:
leg extension tested three times with guesses getting better (the trend), leg curl twice,
the back squat once (turned on, as the guide's squatter should) and still one test short.

The tests are the last sets of sessions seed_history logged, made test sets in place: the
RIR said at the stop and the reps done after it. Idempotent: a second run writes the same.
"""

from django.db.models import Max

from programs.models import Exercise
from tracking.insights.honesty import month_before
from tracking.models import CalibrationChoice, SetLog

SAID_RIR = 2
# Reps done after the stop, beyond the RIR said, oldest test first.
LEG_EXTENSION_MORE = (4, 3, 1)  # from the guide's 4-5 reps left to about one
LEG_CURL_MORE = (2, 1)
SQUAT_MORE = (5,)  # the guide: 4-5 reps left on squats


def _last_sets(athlete, slug: str) -> list[SetLog]:
    """The last set of each of the athlete's sessions of an exercise, oldest first."""
    sessions = (
        SetLog.objects.filter(prescription__session__athlete=athlete, exercise__slug=slug)
        .values("prescription")
        .annotate(last=Max("set_number"))
        .order_by()
    )
    lasts = {row["prescription"]: row["last"] for row in sessions}
    sets = SetLog.objects.filter(prescription__in=lasts, reps__isnull=False).select_related(
        "prescription__session"
    )
    return sorted(
        (row for row in sets if row.set_number == lasts[row.prescription_id]),
        key=lambda row: row.prescription.session.date,
    )


def _tested_sessions(sets: list[SetLog], count: int) -> list[SetLog]:
    """The newest session, and the ones before it up to the end of the month before its
    month, so that the trend has a month to compare with."""
    if len(sets) <= count:
        return sets
    *older, newest = sets
    month_end = month_before(newest.prescription.session.date)
    before = [row for row in older if row.prescription.session.date <= month_end]
    earlier = before if len(before) >= count - 1 else older
    return [*earlier[len(earlier) - (count - 1) :], newest]


def _make_tests(athlete, slug: str, more: tuple[int, ...]) -> int:
    tested = _tested_sessions(_last_sets(athlete, slug), len(more))
    if not tested:
        return 0
    for row, reps_more in zip(tested, more[-len(tested) :], strict=True):
        row.rir = SAID_RIR
        row.actual_rir = SAID_RIR + reps_more
    SetLog.objects.bulk_update(tested, ["rir", "actual_rir"])
    return len(tested)


def seed_test_sets(*, athlete) -> int:
    """Make the demo athlete's test sets; returns how many."""
    squat = Exercise.objects.get(slug="back-squat")
    CalibrationChoice.objects.update_or_create(
        athlete=athlete, exercise=squat, defaults={"planned": True}
    )
    return (
        _make_tests(athlete, "leg-extension", LEG_EXTENSION_MORE)
        + _make_tests(athlete, "leg-curl", LEG_CURL_MORE)
        + _make_tests(athlete, "back-squat", SQUAT_MORE)
    )
