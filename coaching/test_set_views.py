"""The coach's word on an athlete's test sets, from the athlete's page: how often (0 for
never), and on or off per exercise. 404 for anyone but the athlete's coach."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coaching.access import coach_required, get_athlete_for_coach
from coaching.test_sets import IntervalForm, set_test_set_interval
from coaching.views import athlete_page
from programs.models import Exercise
from tracking.test_set_choices import PLANNED_MESSAGE, choose_test_sets, planned_or_none


def _back(athlete) -> str:
    return reverse("coach_athlete", args=[athlete.pk]) + "#test-sets"


@coach_required
@require_POST
def test_set_interval(request, athlete_id: int):
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    form = IntervalForm(request.POST)
    if not form.is_valid():
        return athlete_page(request, found, test_set_form=form, status=400)
    every_weeks = form.cleaned_data["every_weeks"]
    set_test_set_interval(athlete=found, every_weeks=every_weeks)
    messages.success(
        request,
        ngettext(
            "Test sets every {weeks} week.", "Test sets every {weeks} weeks.", every_weeks
        ).format(weeks=every_weeks)
        if every_weeks
        else _("No test sets planned."),
    )
    return redirect(_back(found))


@coach_required
@require_POST
def test_set_choice(request, athlete_id: int, exercise_id: int):
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    planned = planned_or_none(request.POST.get("planned"))
    if planned is None:
        return HttpResponseBadRequest(_(PLANNED_MESSAGE))
    choose_test_sets(athlete=found, exercise=exercise, planned=planned)
    message = _("Test sets on: {name}.") if planned else _("Test sets off: {name}.")
    messages.success(request, message.format(name=exercise.shown_name))
    return redirect(_back(found))
