"""The baseline of the import benchmarks: an athlete's sessions, prescriptions and sets
bulk-inserted for another athlete, with no parsing and no checks; only the inserts are
timed. Django must be set up before it is called."""

import time
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class BareCopy:
    sessions: int
    prescriptions: int
    sets: int
    seconds: float


def bare_copy(*, source, target) -> BareCopy:
    """The source athlete's sessions, prescriptions and sets, bulk-inserted for the target;
    only the inserts are timed."""
    from django.db import transaction

    from programs.models import Session, SessionPrescription
    from tracking.models import SetLog

    assignment = target.assignments.get()
    sessions = list(Session.objects.filter(athlete=source).order_by("date"))
    copies = list(SessionPrescription.objects.filter(session__athlete=source))
    logs = list(SetLog.objects.filter(prescription__session__athlete=source))
    new_sessions = {
        s.pk: Session(
            athlete=target, assignment=assignment, day_template_id=s.day_template_id,
            date=s.date, day_number=s.day_number, name=s.name, focus=s.focus,
        )
        for s in sessions
    }  # fmt: skip
    fields = ["order", "sets_min", "sets_max", "reps_min", "reps_max", "per_leg"]
    new_copies = {
        c.pk: SessionPrescription(
            session=new_sessions[c.session_id], exercise_id=c.exercise_id,
            **{name: getattr(c, name) for name in fields},
        )
        for c in copies
    }  # fmt: skip
    new_logs = [
        SetLog(
            uuid=uuid.uuid4(), prescription=new_copies[log.prescription_id],
            exercise_id=log.exercise_id, set_number=log.set_number, reps=log.reps,
            load_kg=log.load_kg, rir=log.rir, logged_at=log.logged_at, note=log.note,
        )
        for log in logs
    ]  # fmt: skip
    began = time.perf_counter()
    with transaction.atomic():
        Session.objects.bulk_create(new_sessions.values())
        for copy in new_copies.values():
            copy.session_id = copy.session.pk
        SessionPrescription.objects.bulk_create(new_copies.values())
        for log in new_logs:
            log.prescription_id = log.prescription.pk
        SetLog.objects.bulk_create(new_logs, batch_size=2000)
    return BareCopy(
        sessions=len(sessions), prescriptions=len(copies), sets=len(new_logs),
        seconds=time.perf_counter() - began,
    )  # fmt: skip
