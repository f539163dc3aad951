"""The coach's read-only copy of an athlete's pages: the same views as the athlete's own,
handed a Viewer whose links stay in the coach's URLs (see programs/viewer.py)."""

from collections.abc import Callable
from functools import wraps

from coaching.access import coach_required, get_athlete_for_coach, get_session_for_coach
from coaching.forms import NoteForm
from programs.viewer import Viewer


def coach_viewer(athlete) -> Viewer:
    theirs = {"athlete_id": athlete.pk}
    return Viewer(
        athlete=athlete,
        read_only=True,
        links={
            "week": ("coach_week", theirs),
            "session": ("coach_session", {}),
            "progress": ("coach_progress", theirs),
            "exercise_progress": ("coach_exercise_progress", theirs),
            "balance": ("coach_balance", theirs),
            "athlete": ("coach_athlete", theirs),
            "adjust": ("coach_adjust", theirs),
            "note": ("coach_note", {}),
        },
    )


def coach_page(view: Callable) -> Callable:
    """An athlete's page as their coach reads it: 404 for anyone but that coach."""

    @coach_required
    @wraps(view)
    def coached(request, athlete_id: int, **kwargs):
        athlete = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
        return view(request, viewer=coach_viewer(athlete), **kwargs)

    return coached


def coach_session_page(view: Callable) -> Callable:
    """A session's page as the athlete's coach reads it, with the form to leave a note."""

    @coach_required
    @wraps(view)
    def coached(request, session_id: int):
        found = get_session_for_coach(coach=request.user, session_id=session_id)
        response = view(request, viewer=coach_viewer(found.athlete), session=found)
        # The page, not yet rendered (a TemplateResponse); a refusal (405) has no context.
        context = getattr(response, "context_data", None)
        if context is not None:
            cards = context["page"].cards
            context.setdefault(
                "note_form", NoteForm(session_prescriptions=[card.prescription for card in cards])
            )
        return response

    return coached
