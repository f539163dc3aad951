from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programs.access import get_session_for_athlete
from tracking.session_page import load_session


@require_GET
@login_required
def session(request, session_id: int):
    found = get_session_for_athlete(athlete=request.user, session_id=session_id)
    return render(request, "tracking/session.html", {"page": load_session(session=found)})
