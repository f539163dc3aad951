"""Validation of what the phone sends: a tick, an edit, a swap."""

from decimal import Decimal

from django import forms
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Unit
from programs.bounds import MAX_REPS, MAX_SETS
from programs.forms import DecimalCommaField
from programs.numbers import parse_whole_number
from tracking.models import (
    EXERCISE_NOTE_MAX_LENGTH,
    EXERCISE_NOTE_TOO_LONG_MESSAGE,
    MAX_LOAD_KG,
    MAX_RIR,
    SET_NOTE_MAX_LENGTH,
    SET_NOTE_TOO_LONG_MESSAGE,
)
from tracking.units import from_kg, to_kg

REPS_MESSAGE = format_lazy(
    gettext_lazy("Reps must be a whole number from 0 to {max_reps}."), max_reps=MAX_REPS
)
RIR_MESSAGE = format_lazy(
    gettext_lazy("RIR must be a whole number from 0 to {max_rir}."), max_rir=MAX_RIR
)
LOAD_REQUIRED_MESSAGE = gettext_lazy("Enter the load (0 for bodyweight).")
NOT_IN_SESSION_MESSAGE = gettext_lazy("That exercise is not part of this session.")
BOTH_LEGS_MESSAGE = gettext_lazy("Enter the reps for the left and the right leg.")
REPS_REQUIRED_MESSAGE = gettext_lazy("Enter the reps.")
MAX_SET_NUMBER = MAX_SETS
SET_NUMBER_MESSAGE = format_lazy(
    gettext_lazy("Sets are numbered from 1 to {max_set_number}."), max_set_number=MAX_SET_NUMBER
)
ACTUAL_RIR_MESSAGE = format_lazy(
    gettext_lazy("More reps to failure must be a whole number from 0 to {max_reps}."),
    max_reps=MAX_REPS,
)
# The database's word too (SetLog's test-set constraint): a test set is one rep count
# checked against one said RIR.
TEST_SET_PER_LEG_MESSAGE = gettext_lazy(
    "A test set counts the reps of both legs together: this exercise logs each leg, "
    "so it cannot be one."
)


class WholeNumberField(forms.IntegerField):
    """ASCII digits only: Django's IntegerField reads "٣" as 3, and the view once took
    "²" for a digit and crashed on int()."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_whole_number(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def _reps_field(label: str | Promise) -> forms.IntegerField:
    return WholeNumberField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_REPS,
        error_messages={
            "invalid": REPS_MESSAGE,
            "min_value": REPS_MESSAGE,
            "max_value": REPS_MESSAGE,
        },
    )


def load_limit_message(unit: str) -> str:
    return _("Load must be a number from 0 to {max_load} {unit}.").format(
        max_load=from_kg(load_kg=Decimal(MAX_LOAD_KG), unit=unit), unit=unit
    )


class SetForm(forms.Form):
    """One set as entered: reps (or both legs), load in the athlete's unit, RIR."""

    reps = _reps_field(gettext_lazy("Reps"))
    reps_left = _reps_field(gettext_lazy("Left leg reps"))
    reps_right = _reps_field(gettext_lazy("Right leg reps"))
    load = DecimalCommaField(required=False)
    rir = WholeNumberField(
        label=gettext_lazy("RIR"),
        min_value=0,
        max_value=MAX_RIR,
        error_messages={
            "required": RIR_MESSAGE,
            "invalid": RIR_MESSAGE,
            "min_value": RIR_MESSAGE,
            "max_value": RIR_MESSAGE,
        },
    )

    # A test set's reps after the stop (tracking/calibration.py); empty on any other set.
    actual_rir = WholeNumberField(
        label=gettext_lazy("More reps to failure"),
        required=False,
        min_value=0,
        max_value=MAX_REPS,
        error_messages={
            "invalid": ACTUAL_RIR_MESSAGE,
            "min_value": ACTUAL_RIR_MESSAGE,
            "max_value": ACTUAL_RIR_MESSAGE,
        },
    )

    # Optional, typed in the set row's "Note" disclosure; empty when the phone sends none.
    note = forms.CharField(
        required=False,
        max_length=SET_NOTE_MAX_LENGTH,
        error_messages={"max_length": SET_NOTE_TOO_LONG_MESSAGE},
    )

    def __init__(self, *args, unit: str = Unit.KG, per_leg: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.per_leg = per_leg
        message = load_limit_message(unit)
        self.fields["load"].error_messages.update(invalid=message)

    def clean_load(self):
        load = self.cleaned_data["load"]
        if load is None:
            raise forms.ValidationError(LOAD_REQUIRED_MESSAGE)
        if load < 0 or to_kg(load=load, unit=self.unit) > MAX_LOAD_KG:
            raise forms.ValidationError(load_limit_message(self.unit))
        return load

    def clean(self):
        cleaned = super().clean()
        if self.per_leg:
            cleaned["reps"] = None
            if (
                "reps_left" in cleaned
                and "reps_right" in cleaned
                and (cleaned["reps_left"] is None or cleaned["reps_right"] is None)
            ):
                raise forms.ValidationError(BOTH_LEGS_MESSAGE)
        else:
            cleaned["reps_left"] = cleaned["reps_right"] = None
            if "reps" in cleaned and cleaned["reps"] is None:
                raise forms.ValidationError(REPS_REQUIRED_MESSAGE)
        # The RIR is required of every set, so a test set always has the one it checks.
        if self.per_leg and cleaned.get("actual_rir") is not None:
            self.add_error("actual_rir", TEST_SET_PER_LEG_MESSAGE)
        return cleaned

    @property
    def load_kg(self) -> Decimal:
        return to_kg(load=self.cleaned_data["load"], unit=self.unit)


class TickForm(SetForm):
    """A new set: which slot and set number, with the UUID the phone made for it."""

    uuid = forms.UUIDField(
        error_messages={"invalid": gettext_lazy("This set's id is malformed: reload the page.")}
    )
    prescription = WholeNumberField(error_messages={"invalid": NOT_IN_SESSION_MESSAGE})
    set_number = WholeNumberField(
        min_value=1,
        max_value=MAX_SET_NUMBER,
        error_messages={
            "required": SET_NUMBER_MESSAGE,
            "invalid": SET_NUMBER_MESSAGE,
            "min_value": SET_NUMBER_MESSAGE,
            "max_value": SET_NUMBER_MESSAGE,
        },
    )


NOT_AN_ALTERNATIVE_MESSAGE = gettext_lazy(
    "Pick the prescribed exercise or one of its alternatives."
)


class SwapForm(forms.Form):
    exercise = WholeNumberField()


class ExerciseNoteForm(forms.Form):
    """The athlete's note on one exercise of a session; empty clears it."""

    text = forms.CharField(
        required=False,
        max_length=EXERCISE_NOTE_MAX_LENGTH,
        error_messages={"max_length": EXERCISE_NOTE_TOO_LONG_MESSAGE},
    )
