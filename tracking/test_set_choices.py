"""The athlete's or their coach's word on test sets for one exercise: planned, or not
(a CalibrationChoice, over the default of tracking.calibration.safe_to_fail)."""

from django.utils.translation import gettext_noop

from programs.models import Exercise
from tracking.models import CalibrationChoice

# A form's one button says which way: "on" or "off", nothing else.
PLANNED_CHOICES = {"on": True, "off": False}
# English (the tests compare it), translated where it is said.
PLANNED_MESSAGE = gettext_noop("Say on or off for this exercise's test sets.")


def planned_or_none(raw: str | None) -> bool | None:
    return PLANNED_CHOICES.get(raw or "")


def choose_test_sets(*, athlete, exercise: Exercise, planned: bool) -> None:
    CalibrationChoice.objects.update_or_create(
        athlete=athlete, exercise=exercise, defaults={"planned": planned}
    )
