"""What the athlete sends: a file and the choices of the preview."""

import hashlib

from django import forms
from django.utils.translation import gettext, gettext_lazy, ngettext

from accounts.models import Unit
from exchange.importing import CREATE, MAP, SKIP, Choice, NameRow, default_choices
from exchange.parsing import EMPTY_MESSAGE
from programs.models import Exercise, Muscle

FILE_MISSING_MESSAGE = gettext_lazy("Pick a file to import.")
CHOICE_MESSAGE = gettext_lazy("Pick what this exercise is, from the list.")
UNIT_MESSAGE = gettext_lazy("Pick kg or lb.")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("History file"),
        help_text=gettext_lazy("Strong, Hevy or FitNotes CSV, or a Legplanner JSON export."),
        error_messages={"required": FILE_MISSING_MESSAGE, "empty": EMPTY_MESSAGE},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
    )


def _choices(catalogue: list[Exercise]) -> list:
    return [
        (SKIP, gettext("Skip: not a leg exercise")),
        (
            gettext("Create it as a new exercise for"),
            [
                (f"{CREATE}:{value}", gettext("New {muscle} exercise").format(muscle=label.lower()))
                for value, label in Muscle.choices
            ],
        ),
        (
            gettext("It is this catalogue exercise"),
            [(f"{MAP}:{exercise.pk}", exercise.shown_name) for exercise in catalogue],
        ),
    ]


def choice_field_name(name: str) -> str:
    """The field of a name's choice, made from the name itself: a name that the catalogue
    learns while the preview is open drops out without moving another name's choice."""
    return "name_" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def default_choice(name: str) -> str:
    """The field's value of the preview's default for ``name`` (importing.default_choices)."""
    choice = default_choices([name])[name]
    return f"{CREATE}:{choice.muscle}" if choice.action == CREATE else SKIP


class ConfirmForm(forms.Form):
    """One choice per exercise name the athlete's catalogue does not know; the unit when
    the file does not say it."""

    def __init__(
        self,
        *args,
        athlete,
        unknown: list[NameRow],
        needs_unit: bool,
        default_unit: str,
        **kw,
    ):
        super().__init__(*args, **kw)
        self.catalogue = {
            exercise.pk: exercise for exercise in Exercise.objects.visible_to(athlete)
        }
        choices = _choices(list(self.catalogue.values()))
        self.names = {}
        if needs_unit:
            self.fields["unit"] = forms.ChoiceField(
                label=gettext_lazy("The file's weights are in"),
                choices=Unit.choices,
                initial=default_unit,
                widget=forms.RadioSelect,
                help_text=gettext_lazy(
                    "Strong's export does not say: it is the unit set in Strong."
                ),
                error_messages={"required": UNIT_MESSAGE, "invalid_choice": UNIT_MESSAGE},
            )
        for row in unknown:
            field_name = choice_field_name(row.name)
            self.names[field_name] = row.name
            self.fields[field_name] = forms.ChoiceField(
                label=ngettext("“{name}” ({sets} set)", "“{name}” ({sets} sets)", row.sets).format(
                    name=row.name, sets=row.sets
                ),
                choices=choices,
                initial=default_choice(row.name),
                error_messages={"required": CHOICE_MESSAGE, "invalid_choice": CHOICE_MESSAGE},
            )

    def name_fields(self):
        return [self[name] for name in self.names]

    def choices(self) -> dict[str, Choice]:
        made = {}
        for field_name, name in self.names.items():
            action, _, value = self.cleaned_data[field_name].partition(":")
            if action == MAP:
                made[name] = Choice(MAP, exercise=self.catalogue[int(value)])
            elif action == CREATE:
                made[name] = Choice(CREATE, muscle=value)
            else:
                made[name] = Choice(SKIP)
        return made
