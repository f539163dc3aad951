"""The progress and balance pages: read-only, the athlete's own training only."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from programs.models import Exercise
from programs.today import athlete_today
from programs.week_page import ensure_week
from programs.weeks import IsoWeek
from tracking.insights.pages import (
    load_balance,
    load_exercise_progress,
    load_progress,
    page_before,
)


@require_GET
@login_required
def progress(request):
    page = load_progress(athlete=request.user, today=athlete_today(request.user))
    return render(request, "tracking/progress.html", {"page": page})


def before_or_404(request) -> dt.date | None:
    """?before=2026-11-23 pages to older sessions; anything else is not a page."""
    try:
        return page_before(request.GET.get("before"))
    except ValueError:
        raise Http404("No such page of sessions.") from None


@require_GET
@login_required
def exercise_progress(request, exercise_id: int):
    # Exercises are the catalogue, shared by all; what is shown of one is the athlete's own
    # sets only, and an exercise they never trained shows what to do to see a history.
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    page = load_exercise_progress(
        athlete=request.user,
        exercise=exercise,
        today=athlete_today(request.user),
        before=before_or_404(request),
    )
    return render(request, "tracking/exercise_progress.html", {"page": page})


@require_GET
@login_required
def balance(request):
    today = athlete_today(request.user)
    # This week's plan is what the hard sets are counted against: make it if not yet made.
    ensure_week(athlete=request.user, week=IsoWeek.of(today))
    page = load_balance(athlete=request.user, today=today)
    return render(request, "tracking/balance.html", {"page": page})
