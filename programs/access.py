"""Who may see what: every view loads athlete-scoped objects through these helpers."""

from django.shortcuts import get_object_or_404

from programs.models import Session, SessionPrescription
from programs.numbers import parse_whole_number


def get_session_for_athlete(*, athlete, session_id: int) -> Session:
    """The athlete's own session, or 404: another athlete's session does not exist for them."""
    return get_object_or_404(Session, pk=session_id, athlete=athlete)


def find_prescription_for_athlete(
    *, athlete, session_id: int, prescription_id: str | None, lock: bool = False
) -> SessionPrescription | None:
    """The prescription with its session in one query, the hot path of every tick.

    None when the id names nothing in that session; the session itself is still
    checked (404 for anyone else's) by the caller in that case. ``lock`` (in a
    transaction) also locks the prescription's row, in the same statement.

    NO KEY UPDATE: a delete of the row waits for the lock's transaction, and it waits for
    a delete under way; ticks need nothing else locked, so they cannot deadlock with it.
    """
    pk = parse_whole_number(prescription_id)
    if pk is None:
        return None
    found = SessionPrescription.objects.select_related("session", "exercise", "swapped_to")
    if lock:
        found = found.select_for_update(no_key=True, of=("self",))
    return found.filter(pk=pk, session_id=session_id, session__athlete=athlete).first()
