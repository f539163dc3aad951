"""What an athlete picks to train: the weekdays, unit and time zone of setup and of
the account page, setup's start date, and the account's bar and plates."""

import datetime as dt
import re
import zoneinfo
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from accounts.forms import UNIT_MESSAGE, UNKNOWN_TIME_ZONE_MESSAGE, is_time_zone, time_zone_choices
from accounts.models import (
    BAR_MESSAGE,
    EMAIL_TAKEN_MESSAGE,
    MAX_BAR,
    MAX_PLATE,
    MAX_PLATE_KINDS,
    PLATES_REQUIRED_MESSAGE,
    Unit,
    User,
)
from programs.bounds import latest_date
from programs.deletion import USERNAME_MISMATCH_MESSAGE
from programs.models import CONSECUTIVE_DAYS_MESSAGE, Program, Weekday, days_spread_apart
from programs.numbers import parse_decimal, shown_decimal

SAME_DAY_MESSAGE = gettext_lazy(
    "Pick two different weekdays: Day 1 and Day 2 each need their own day."
)
WEEKDAY_MESSAGE = gettext_lazy("Pick a weekday from the list.")
WEEKDAYS_MOVE_HELP = gettext_lazy(
    "New days move the sessions you have not started, from this week on; "
    "sessions with logged sets stay where they are."
)
MAX_DAYS_BACK = 28
START_TOO_EARLY_MESSAGE = format_lazy(
    gettext_lazy("The start date can be at most {days} days ago."), days=MAX_DAYS_BACK
)
# The bound is programs.bounds.latest_date's, the one every form and importer shares.
START_TOO_LATE_MESSAGE = gettext_lazy("The start date can be at most a year ahead.")
HOUSE_PROGRAM_MESSAGE = gettext_lazy(
    "Pick one of the programs listed: the guide's split or one of its variants."
)


PLATES_MESSAGE = gettext_lazy(
    "List up to {kinds} plate weights from above 0 to {max} {unit}, separated by spaces, "
    "such as {example}."
)
PLATES_HELP = gettext_lazy(
    "The plates you have pairs of, separated by spaces: the plate line under each barbell set uses them."
)
# Between plates: spaces, a semicolon, or a comma followed by a space ("25, 20"); a comma
# between digits is a decimal comma ("2,5").
_PLATE_SEPARATORS = re.compile(r";\s*|,\s+|\s+")


class DecimalCommaField(forms.Field):
    """A number with a decimal point or comma ("102,5"), parsed by programs.numbers, the
    one owner of that rule: Django's DecimalField refuses the comma."""

    default_error_messages = {"invalid": gettext_lazy("Enter a number.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_decimal(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def parse_plates(text: str) -> tuple[Decimal, ...] | None:
    """The distinct plate weights in ``text``, heaviest first; None if any is not a number."""
    weights = set()
    for word in _PLATE_SEPARATORS.split(text.strip().rstrip(",;")):
        weight = parse_decimal(word)
        if weight is None:
            return None
        weights.add(weight)
    return tuple(sorted(weights, reverse=True))


def _weekday_field(label: str, initial: int) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Weekday.choices,
        coerce=int,
        initial=initial,
        error_messages={"required": WEEKDAY_MESSAGE, "invalid_choice": WEEKDAY_MESSAGE},
    )


class TrainingForm(forms.Form):
    """Weekdays, unit and time zone: what setup and the account page share."""

    weekday_one = _weekday_field(gettext_lazy("First training day"), Weekday.MONDAY)
    weekday_two = _weekday_field(gettext_lazy("Second training day"), Weekday.THURSDAY)
    unit = forms.ChoiceField(
        label=gettext_lazy("Loads in"),
        choices=Unit.choices,
        initial=Unit.KG,
        widget=forms.RadioSelect,
        error_messages={"required": UNIT_MESSAGE, "invalid_choice": UNIT_MESSAGE},
    )
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        initial="UTC",
        help_text=gettext_lazy("Your “today”: which session is today's and when a week begins."),
        error_messages={"required": UNKNOWN_TIME_ZONE_MESSAGE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = time_zone_choices()
        current = self.initial.get("time_zone")
        if current and current not in dict(choices):
            choices = [(current, current), *choices]
        self.fields["time_zone"].widget = forms.Select(choices=choices)

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"]
        if not is_time_zone(name):
            raise forms.ValidationError(UNKNOWN_TIME_ZONE_MESSAGE, code="invalid")
        return name

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("weekday_one"), cleaned.get("weekday_two")
        if one is None or two is None:
            return cleaned
        # Day 1 is the earlier day in the week, whichever order they were picked in.
        one, two = sorted((one, two))
        if one == two:
            self.add_error("weekday_two", SAME_DAY_MESSAGE)
        elif not days_spread_apart(weekday_one=one, weekday_two=two):
            self.add_error("weekday_two", CONSECUTIVE_DAYS_MESSAGE)
        else:
            cleaned["weekday_one"], cleaned["weekday_two"] = one, two
        return cleaned

    @property
    def weekdays(self) -> tuple[int, int] | None:
        if "weekday_one" not in self.fields:
            return None
        return self.cleaned_data["weekday_one"], self.cleaned_data["weekday_two"]


class SetupForm(TrainingForm):
    start_date = forms.DateField(
        label=gettext_lazy("Start on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Today, or a day ahead: the first week shows from this day."),
    )

    program = forms.ChoiceField(
        label=gettext_lazy("Program"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The guide's split, or a variant of it for a home gym."),
        # Left out, the guide's split: the one every athlete got before there was a choice.
        required=False,
        error_messages={"invalid_choice": HOUSE_PROGRAM_MESSAGE},
    )

    field_order = ["program", "weekday_one", "weekday_two", "start_date", "unit", "time_zone"]

    def __init__(self, *args, choose_program: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_program:
            # An invitation's program is the coach's choice: nothing to pick.
            del self.fields["program"]
            return
        # The house's programs (no owner) in one query; the guide's split (the default)
        # preselected. A coach's own programs reach athletes only by invitation.
        self.house_programs = {
            str(program.pk): program
            for program in Program.objects.filter(owner__isnull=True).order_by(
                "-is_default", "name"
            )
        }
        field = self.fields["program"]
        field.choices = [(pk, program.shown_name) for pk, program in self.house_programs.items()]
        field.initial = next(
            (pk for pk, program in self.house_programs.items() if program.is_default), None
        )

    @property
    def program_refused(self) -> bool:
        return "program" in self.errors

    def clean_program(self) -> Program | None:
        return self.house_programs.get(self.cleaned_data["program"])

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        if start is None:
            return cleaned
        zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "UTC")
        today = timezone.now().astimezone(zone).date()
        if start < today - dt.timedelta(days=MAX_DAYS_BACK):
            self.add_error("start_date", START_TOO_EARLY_MESSAGE)
        elif start > latest_date(today=today):
            self.add_error("start_date", START_TOO_LATE_MESSAGE)
        return cleaned


class PlatesForm(forms.Form):
    """The bar and plates of the athlete's unit (the one saved, which the labels name)."""

    bar = DecimalCommaField()
    plates = forms.CharField(max_length=200, help_text=PLATES_HELP)

    def __init__(self, *args, plates_unit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.plates_unit = Unit(plates_unit).value
        bar_message = BAR_MESSAGE.format(max=MAX_BAR[self.plates_unit], unit=self.plates_unit)
        self.plates_message = PLATES_MESSAGE.format(
            kinds=MAX_PLATE_KINDS,
            max=MAX_PLATE[self.plates_unit],
            unit=self.plates_unit,
            example=" ".join(
                shown_decimal(Decimal(plate))
                for plate in User._meta.get_field(f"plates_{self.plates_unit}").default.split()
            ),
        )
        self.fields["bar"].label = gettext("Bar ({unit})").format(unit=self.plates_unit)
        self.fields["bar"].error_messages.update(required=bar_message, invalid=bar_message)
        self.fields["bar"].widget.attrs.update(inputmode="decimal", autocomplete="off")
        self.fields["plates"].label = gettext("Plates ({unit})").format(unit=self.plates_unit)
        self.fields["plates"].error_messages.update(
            required=PLATES_REQUIRED_MESSAGE, max_length=self.plates_message
        )
        self.fields["plates"].widget.attrs.update(inputmode="decimal", autocomplete="off")

    def clean_bar(self) -> Decimal:
        bar = self.cleaned_data["bar"]
        if not 0 <= bar <= MAX_BAR[self.plates_unit]:
            raise forms.ValidationError(self.fields["bar"].error_messages["invalid"])
        return bar

    def clean_plates(self) -> tuple[Decimal, ...]:
        plates = parse_plates(self.cleaned_data["plates"])
        if (
            not plates
            or len(plates) > MAX_PLATE_KINDS
            or not all(0 < plate <= MAX_PLATE[self.plates_unit] for plate in plates)
        ):
            raise forms.ValidationError(self.plates_message)
        return plates

    @property
    def bar_and_plates(self) -> tuple[str, Decimal, tuple[Decimal, ...]]:
        return self.plates_unit, self.cleaned_data["bar"], self.cleaned_data["plates"]


class AccountForm(PlatesForm, TrainingForm):
    email = forms.EmailField(
        label=gettext_lazy("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    field_order = ["weekday_one", "weekday_two", "unit", "time_zone", "email", "bar", "plates"]

    def __init__(self, *args, user: User, has_assignment: bool, **kwargs):
        super().__init__(*args, plates_unit=user.unit, **kwargs)
        self.user = user
        if has_assignment:
            self.fields["weekday_two"].help_text = WEEKDAYS_MOVE_HELP
        else:
            # The weekdays belong to an assignment: without one there is nothing to move.
            del self.fields["weekday_one"], self.fields["weekday_two"]

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.user.pk)
        if taken.exists():
            raise forms.ValidationError(EMAIL_TAKEN_MESSAGE, code="unique")
        return email


class DeleteAccountForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Your username"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["username"].help_text = gettext("Type “{username}” to confirm.").format(
            username=user.username
        )

    def clean_username(self) -> str:
        typed = self.cleaned_data["username"].strip()
        if typed != self.user.username:
            raise forms.ValidationError(USERNAME_MISMATCH_MESSAGE, code="mismatch")
        return typed
