"""The progress and balance pages: read-only, one athlete's training, for the athlete or
their coach (the Viewer, programs/viewer.py)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from programs.models import Exercise
from programs.today import athlete_today
from programs.viewer import Viewer
from programs.week_page import ensure_week
from programs.weeks import IsoWeek
from tracking.calibration_record import calibration_record
from tracking.insights.pages import (
    load_balance,
    load_exercise_progress,
    load_progress,
    page_before,
)
from tracking.insights.progress import WHOLE_HISTORY
from tracking.insights.test_sets import exercise_test_sets


def whole_history_or_404(request) -> bool:
    """?history=all reads the whole history, no parameter the last year; anything else is
    not a page."""
    raw = request.GET.get("history")
    if raw not in (None, WHOLE_HISTORY):
        raise Http404(_("No such history."))
    return raw == WHOLE_HISTORY


@require_GET
def progress(request, *, viewer: Viewer):
    page = load_progress(
        athlete=viewer.athlete,
        today=athlete_today(viewer.athlete),
        whole_history=whole_history_or_404(request),
    )
    return render(request, "tracking/progress.html", {"page": page, "viewer": viewer})


def before_or_404(request) -> dt.date | None:
    """?before=2026-11-23 pages to older sessions; anything else is not a page."""
    try:
        return page_before(request.GET.get("before"))
    except ValueError:
        raise Http404(_("No such page of sessions.")) from None


@require_GET
def exercise_progress(request, exercise_id: int, *, viewer: Viewer):
    # Exercises are the catalogue, shared by all; what is shown of one is the athlete's own
    # sets only, and an exercise they never trained shows what to do to see a history.
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    # Two queries, whatever the history: the athlete's test sets and choices. Their bias
    # corrects the e1RMs too.
    record = calibration_record(viewer.athlete)
    page = load_exercise_progress(
        athlete=viewer.athlete,
        exercise=exercise,
        today=athlete_today(viewer.athlete),
        bias=record.bias(exercise.pk),
        before=before_or_404(request),
        whole_history=whole_history_or_404(request),
    )
    test_sets = exercise_test_sets(record=record, exercise=exercise)
    return render(
        request,
        "tracking/exercise_progress.html",
        {"page": page, "viewer": viewer, "test_sets": test_sets},
    )


@require_GET
def balance(request, *, viewer: Viewer):
    today = athlete_today(viewer.athlete)
    # This week's plan is what the hard sets are counted against: make it if not yet made.
    ensure_week(athlete=viewer.athlete, week=IsoWeek.of(today))
    page = load_balance(athlete=viewer.athlete, today=today)
    return render(request, "tracking/balance.html", {"page": page, "viewer": viewer})
