"""What an athlete picks to train: the weekdays, unit and time zone of setup and of
the account page, and setup's start date."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone

from accounts.forms import UNIT_MESSAGE, UNKNOWN_TIME_ZONE_MESSAGE, is_time_zone, time_zone_choices
from accounts.models import EMAIL_TAKEN_MESSAGE, Unit, User
from programs.bounds import latest_date
from programs.deletion import USERNAME_MISMATCH_MESSAGE
from programs.models import CONSECUTIVE_DAYS_MESSAGE, Weekday, days_spread_apart

SAME_DAY_MESSAGE = "Pick two different weekdays: Day 1 and Day 2 each need their own day."
WEEKDAY_MESSAGE = "Pick a weekday from the list."
WEEKDAYS_MOVE_HELP = (
    "New days move the sessions you have not started, from this week on; "
    "sessions with logged sets stay where they are."
)
MAX_DAYS_BACK = 28
START_TOO_EARLY_MESSAGE = f"The start date can be at most {MAX_DAYS_BACK} days ago."
# The bound is programs.bounds.latest_date's, the one every form and importer shares.
START_TOO_LATE_MESSAGE = "The start date can be at most a year ahead."


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

    weekday_one = _weekday_field("First training day", Weekday.MONDAY)
    weekday_two = _weekday_field("Second training day", Weekday.THURSDAY)
    unit = forms.ChoiceField(
        label="Loads in",
        choices=Unit.choices,
        initial=Unit.KG,
        widget=forms.RadioSelect,
        error_messages={"required": UNIT_MESSAGE, "invalid_choice": UNIT_MESSAGE},
    )
    time_zone = forms.CharField(
        label="Time zone",
        initial="UTC",
        help_text="Your “today”: which session is today's and when a week begins.",
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
        label="Start on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Today, or a day ahead: the first week shows from this day.",
    )

    field_order = ["weekday_one", "weekday_two", "start_date", "unit", "time_zone"]

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


class AccountForm(TrainingForm):
    email = forms.EmailField(
        label="E-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    field_order = ["weekday_one", "weekday_two", "unit", "time_zone", "email"]

    def __init__(self, *args, user: User, has_assignment: bool, **kwargs):
        super().__init__(*args, **kwargs)
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
        label="Your username",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["username"].help_text = f"Type “{user.username}” to confirm."

    def clean_username(self) -> str:
        typed = self.cleaned_data["username"].strip()
        if typed != self.user.username:
            raise forms.ValidationError(USERNAME_MISMATCH_MESSAGE, code="mismatch")
        return typed
