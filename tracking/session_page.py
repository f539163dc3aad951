"""What the session page shows."""

from dataclasses import dataclass

from django.db.models import Prefetch

from programs.models import Session, SessionPrescription
from programs.weeks import IsoWeek


@dataclass(frozen=True)
class SessionPage:
    session: Session
    prescriptions: list[SessionPrescription]
    week: IsoWeek


def load_session(*, session: Session) -> SessionPage:
    copies = list(
        SessionPrescription.objects.filter(session=session)
        .select_related("exercise")
        .prefetch_related(Prefetch("alternatives"))
        .order_by("order")
    )
    return SessionPage(session=session, prescriptions=copies, week=IsoWeek.of(session.date))
