"""Who may see what: every view loads athlete-scoped objects through these helpers."""

from django.shortcuts import get_object_or_404

from programs.models import Session


def get_session_for_athlete(*, athlete, session_id: int) -> Session:
    """The athlete's own session, or 404: another athlete's session does not exist for them."""
    return get_object_or_404(Session, pk=session_id, athlete=athlete)
