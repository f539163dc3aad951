"""The home redirect and the week page: the plan (programs.week_page) with the week's
balance summary (tracking's hard sets per muscle) beside it.

In tracking, not programs, because the page reads both: programs knows nothing of what
was done, and import-linter holds it to that."""

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from programs.navigation import navigation_of
from programs.today import athlete_today
from programs.viewer import Viewer
from programs.week_page import load_week
from programs.weeks import IsoWeek
from tracking.calibration import TEST_SET_LABEL
from tracking.calibration_record import calibration_record
from tracking.insights.pages import load_week_balance
from tracking.test_set_plan import test_set_exercises


@require_GET
@login_required
def home(request):
    # Only staff can coach: an athlete's home costs no query.
    if request.user.is_staff and navigation_of(request.user).lands_on_desk:
        return redirect("coach_desk")
    return redirect("week", iso_week=str(IsoWeek.of(athlete_today(request.user))))


@require_GET
def week(request, iso_week: str, *, viewer: Viewer):
    """The athlete's week, as the athlete or their coach (read-only) sees it."""
    try:
        shown = IsoWeek.parse(iso_week)
    except ValueError:
        raise Http404("No such week.") from None
    athlete = viewer.athlete
    today = athlete_today(athlete)
    if not shown.within_reach(today=today):
        raise Http404("No such week.")
    view = load_week(athlete=athlete, week=shown, today=today)
    # The coach's notes not read yet, shown until "Got it": one query, and only when
    # there is one, so the usual week page costs what it did.
    with_notes = [session for session in view.sessions if session.unread_notes]
    prefetch_related_objects(with_notes, "coach_notes")
    balance = load_week_balance(athlete=athlete, week=shown, today=today) if view.sessions else None
    if view.sessions:
        # Two queries, whatever the history: the test sets and the athlete's choices.
        record = calibration_record(athlete)
        for session in view.sessions:
            session.test_sets = test_set_exercises(session=session, record=record)
    return render(
        request,
        "programs/week.html",
        {
            "viewer": viewer,
            "view": view,
            "previous_week": shown.shifted(-1),
            "next_week": shown.shifted(1),
            "this_week": IsoWeek.of(today),
            "balance": balance,
            "test_set_label": TEST_SET_LABEL,
        },
    )
