"""Where test sets are planned: the week page marks each session that has one, naming the
exercises (the rule of when is tracking.calibration's, read through a CalibrationRecord)."""

from programs.models import Exercise, Session
from tracking.calibration_record import CalibrationRecord


def test_set_exercises(*, session: Session, record: CalibrationRecord) -> list[Exercise]:
    """The exercises of ``session`` (the swap, if any) that plan a test set on its day.
    Reads the prescriptions already fetched: no query."""
    return [
        copy.performed_exercise
        for copy in session.prescriptions.all()
        if record.due(copy.performed_exercise, on=session.date)
    ]
