import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Unit
from coaching.models import NOTE_MAX_LENGTH, REPLY_MAX_LENGTH
from programs.bounds import MAX_REPS, MAX_REST_SECONDS, MAX_SETS, date_in_bounds
from programs.models import (
    MAX_TARGET_RIR,
    Assignment,
    Exercise,
    Program,
    Weekday,
    athletes_of,
    days_spread_apart,
)
from programs.numbers import parse_whole_number

DAYS_MESSAGE = next(
    constraint.violation_error_message
    for constraint in Assignment._meta.constraints
    if constraint.name == "assignment_days_spread_apart"
)
# English constants (the tests compare them), translated where they are said.
SETS_RANGE_MESSAGE = gettext_noop("Sets: the minimum must not be above the maximum.")
REPS_RANGE_MESSAGE = gettext_noop("Reps: the minimum must not be above the maximum.")
RIR_RANGE_MESSAGE = gettext_noop("Target RIR: the lower bound must not be above the upper.")
START_DATE_BOUNDS_MESSAGE = gettext_noop(
    "Pick a start date from 1 January 1900 to a year ahead: a plan further out is nobody's."
)


class AssignForm(forms.Form):
    program = forms.ModelChoiceField(
        label=gettext_lazy("Program"), queryset=Program.objects.all(), empty_label=None
    )
    weekday_one = forms.TypedChoiceField(
        label=gettext_lazy("Day 1 on"), choices=Weekday.choices, coerce=int
    )
    weekday_two = forms.TypedChoiceField(
        label=gettext_lazy("Day 2 on"), choices=Weekday.choices, coerce=int
    )
    start_date = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    unit = forms.ChoiceField(label=gettext_lazy("Loads in"), choices=Unit.choices)

    def __init__(self, *args, today: dt.date, coach, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        # The house's programs and the coach's own, as in the admin.
        self.fields["program"].queryset = Program.objects.usable_by(coach)

    def clean_start_date(self) -> dt.date:
        start = self.cleaned_data["start_date"]
        if not date_in_bounds(start, today=self.today):
            raise ValidationError(_(START_DATE_BOUNDS_MESSAGE), code="out_of_bounds")
        return start

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("weekday_one"), cleaned.get("weekday_two")
        # The database's constraint (assignment_days_spread_apart), said in the form.
        if (
            one is not None
            and two is not None
            and not days_spread_apart(weekday_one=one, weekday_two=two)
        ):
            raise ValidationError(DAYS_MESSAGE)
        return cleaned


class AdjustForm(forms.Form):
    exercise = forms.TypedChoiceField(label=gettext_lazy("Exercise"), coerce=int, choices=[])
    sets_min = forms.IntegerField(label=gettext_lazy("Sets from"), min_value=1, max_value=MAX_SETS)
    sets_max = forms.IntegerField(label=gettext_lazy("Sets to"), min_value=1, max_value=MAX_SETS)
    reps_min = forms.IntegerField(label=gettext_lazy("Reps from"), min_value=1, max_value=MAX_REPS)
    reps_max = forms.IntegerField(label=gettext_lazy("Reps to"), min_value=1, max_value=MAX_REPS)
    rest_seconds = forms.IntegerField(
        label=gettext_lazy("Rest (seconds)"), min_value=0, max_value=MAX_REST_SECONDS
    )
    rir_min = forms.IntegerField(
        label=gettext_lazy("Target RIR from"), min_value=0, max_value=MAX_TARGET_RIR
    )
    rir_max = forms.IntegerField(
        label=gettext_lazy("Target RIR to"), min_value=0, max_value=MAX_TARGET_RIR
    )

    def __init__(self, *args, prescription, athlete, **kwargs):
        super().__init__(*args, **kwargs)
        # The slot's own exercise and its alternatives first, then the rest of the catalogue.
        slot = [prescription.exercise_id, *(e.pk for e in prescription.alternatives.all())]
        # The slot's own stay offered even when they are another athlete's own exercise.
        offered = Exercise.objects.visible_to(athlete) | Exercise.objects.filter(pk__in=slot)
        self.exercises = {exercise.pk: exercise for exercise in offered}
        self.fields["exercise"].choices = [
            (_("This slot"), [(pk, self.exercises[pk].shown_name) for pk in slot]),
            (
                _("Catalogue"),
                [(pk, e.shown_name) for pk, e in self.exercises.items() if pk not in slot],
            ),
        ]

    def clean_exercise(self) -> Exercise:
        return self.exercises[self.cleaned_data["exercise"]]

    def clean(self):
        cleaned = super().clean()
        for low, high, message in (
            ("sets_min", "sets_max", SETS_RANGE_MESSAGE),
            ("reps_min", "reps_max", REPS_RANGE_MESSAGE),
            ("rir_min", "rir_max", RIR_RANGE_MESSAGE),
        ):
            both = cleaned.get(low) is not None and cleaned.get(high) is not None
            if both and cleaned[low] > cleaned[high]:
                self.add_error(high, _(message))
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Note for the athlete"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    prescription = forms.TypedChoiceField(
        label=gettext_lazy("On"), coerce=int, required=False, empty_value=None, choices=[]
    )

    def __init__(self, *args, session_prescriptions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prescription"].choices = [("", _("The whole session"))] + [
            (p.pk, f"{p.order}. {p.performed_exercise.shown_name}") for p in session_prescriptions
        ]


class ReplyForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Your answer"), max_length=REPLY_MAX_LENGTH)


class NoteTextForm(forms.Form):
    """A note's text alone: a note on the athlete in general, or a note edited."""

    text = forms.CharField(
        label=gettext_lazy("Note for the athlete"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# The desk's bulk actions (coaching/bulk.py).
NO_ATHLETE_MESSAGE = gettext_noop("Select at least one athlete.")
NOT_YOURS_MESSAGE = gettext_noop("Select only athletes from your desk.")


class AthletesField(forms.MultipleChoiceField):
    """The selected athletes' ids; the form checks they are the coach's (choices would cost
    the desk a query to list)."""

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class BulkForm(forms.Form):
    athletes = AthletesField(error_messages={"required": gettext_lazy(NO_ATHLETE_MESSAGE)})

    def __init__(self, *args, coach, **kwargs):
        super().__init__(*args, **kwargs)
        self.coach = coach

    def clean_athletes(self) -> list:
        ids = {parse_whole_number(value) for value in self.cleaned_data["athletes"]}
        # Another coach's athlete and an id that is nobody's read alike: their existence
        # is not the coach's to learn.
        if None in ids:
            raise ValidationError(_(NOT_YOURS_MESSAGE), code="not_yours")
        found = list(athletes_of(self.coach).filter(pk__in=ids).order_by("username"))
        if len(found) != len(ids):
            raise ValidationError(_(NOT_YOURS_MESSAGE), code="not_yours")
        return found


class BulkNoteForm(BulkForm):
    text = forms.CharField(
        label=gettext_lazy("Note for every selected athlete"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Write the note first: an empty note says nothing.")
        },
    )


class BulkAssignForm(BulkForm):
    program = forms.ModelChoiceField(
        label=gettext_lazy("Program"), queryset=Program.objects.none(), empty_label=None
    )
    start_date = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter the start as a date, such as 2026-12-07.")},
    )

    def __init__(self, *args, coach, today: dt.date, **kwargs):
        super().__init__(*args, coach=coach, **kwargs)
        self.today = today
        self.fields["program"].queryset = Program.objects.usable_by(coach)
        self.fields["athletes"].widget = forms.MultipleHiddenInput()

    def clean_start_date(self) -> dt.date:
        start = self.cleaned_data["start_date"]
        if not date_in_bounds(start, today=self.today):
            raise ValidationError(_(START_DATE_BOUNDS_MESSAGE), code="out_of_bounds")
        return start
