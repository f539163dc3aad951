"""The athlete turns test sets on or off for one exercise, from its progress page. The
coach's way is coaching/test_set_views.py."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programs.models import Exercise
from tracking.test_set_choices import PLANNED_MESSAGE, choose_test_sets, planned_or_none


@require_POST
@login_required
def test_set_choice(request, exercise_id: int):
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    planned = planned_or_none(request.POST.get("planned"))
    if planned is None:
        return HttpResponseBadRequest(_(PLANNED_MESSAGE))
    choose_test_sets(athlete=request.user, exercise=exercise, planned=planned)
    return redirect(reverse("exercise_progress", args=[exercise.pk]) + "#test-sets")
