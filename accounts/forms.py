"""What a new or returning user types in: sign-up, and the unit and time zone choices."""

import functools
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext, gettext_lazy

from accounts.models import (
    EMAIL_TAKEN_MESSAGE,
    UNKNOWN_LANGUAGE_MESSAGE,
    USERNAME_TAKEN_MESSAGE,
    User,
)

UNIT_MESSAGE = gettext_lazy("Pick kg or lb.")
UNKNOWN_TIME_ZONE_MESSAGE = gettext_lazy("Pick a time zone from the list, such as Europe/Paris.")


def password_rule() -> str:
    """The sign-up's password rule in plain words, read from the validators that enforce
    it (Django's default help is a list of four rules in its own words)."""
    validators = password_validation.get_default_password_validators()
    length = next(
        (
            v.min_length
            for v in validators
            if isinstance(v, password_validation.MinimumLengthValidator)
        ),
        None,
    )
    first = (
        gettext("At least {length} characters").format(length=length)
        if length
        else gettext("Any length")
    )
    return gettext(
        "{first}, not all digits, and not a common password or close to your username."
    ).format(first=first)


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Region/City names and UTC, sorted; the legacy aliases are valid but not listed."""
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def is_time_zone(name: str) -> bool:
    return name in zoneinfo.available_timezones()


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = gettext("For resetting a forgotten password; never shown.")
        self.fields["password1"].help_text = password_rule()
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        self.fields["email"].widget.attrs.update(autocomplete="email")

    def clean_username(self):
        username = self.cleaned_data.get("username")
        if username and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN_MESSAGE, code="unique")
        return username

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data.get("email"))
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN_MESSAGE, code="unique")
        return email


class LanguageForm(forms.Form):
    """The account page's language: one the app ships, or blank to follow the browser."""

    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("As my browser or phone")), *settings.LANGUAGES],
        error_messages={"invalid_choice": UNKNOWN_LANGUAGE_MESSAGE},
    )
