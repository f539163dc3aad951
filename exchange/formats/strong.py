"""Strong's CSV export in every layout it has written: the current one (Date,Workout
Name,Duration,…, loads in a unit the file does not say) with its headers in the app's
languages, the semicolon export whose column names carry the units (Weight (kg)), the
oldest one (…,kg,Reps,km,…), and the one with a Weight Unit column on every row."""

from django.utils.translation import gettext, pgettext_lazy

from exchange.parsing import (
    BAD_WHOLE_MESSAGE,
    SKIPPED_REST,
    SKIPPED_WARM_UP,
    STRONG,
    STRONG_LEGACY,
    CsvFormat,
    row_problem,
    unit_per_row,
)
from programs.numbers import parse_whole_number

# Strong's column names in the languages of its app, by role. English is the app's; French
# is from a French export (issue 15); the German, Spanish, Portuguese and Italian names are
# our translations (guessed, not seen in an export): a header in any mix of them is read.
HEADERS = {
    "date": {"en": "Date", "fr": "Date", "de": "Datum", "es": "Fecha", "pt": "Data", "it": "Data"},
    "workout": {
        "en": "Workout Name",
        "fr": "Nom de l'entraînement",
        "de": "Trainingsname",
        "es": "Nombre del entrenamiento",
        "pt": "Nome do treino",
        "it": "Nome dell'allenamento",
    },
    "duration": {
        "en": "Duration",
        "fr": "Durée",
        "de": "Dauer",
        "es": "Duración",
        "pt": "Duração",
        "it": "Durata",
    },
    "exercise": {
        "en": "Exercise Name",
        "fr": "Nom de l'exercice",
        "de": "Übungsname",
        "es": "Nombre del ejercicio",
        "pt": "Nome do exercício",
        "it": "Nome dell'esercizio",
    },
    "order": {
        "en": "Set Order",
        "fr": "Ordre de la série",
        "de": "Satzreihenfolge",
        "es": "Orden de la serie",
        "pt": "Ordem da série",
        "it": "Ordine della serie",
    },
    "weight": {"en": "Weight", "fr": "Poids", "de": "Gewicht", "es": "Peso", "pt": "Peso", "it": "Peso"},
    "reps": {
        "en": "Reps",
        "fr": "Répétitions",
        "de": "Wiederholungen",
        "es": "Repeticiones",
        "pt": "Repetições",
        "it": "Ripetizioni",
    },
    "distance": {
        "en": "Distance",
        "fr": "Distance",
        "de": "Distanz",
        "es": "Distancia",
        "pt": "Distância",
        "it": "Distanza",
    },
    "seconds": {
        "en": "Seconds",
        "fr": "Secondes",
        "de": "Sekunden",
        "es": "Segundos",
        "pt": "Segundos",
        "it": "Secondi",
    },
    "note": {"en": "Notes", "fr": "Notes", "de": "Notizen", "es": "Notas", "pt": "Notas", "it": "Note"},
    "rpe": {"en": "RPE", "fr": "RPE", "de": "RPE", "es": "RPE", "pt": "RPE", "it": "RPE"},
}  # fmt: skip


def _names(role: str) -> list[str]:
    return list(dict.fromkeys(HEADERS[role].values()))


# The semicolon export names the unit in its weight, distance and duration columns; the
# oldest layout is kg or lbs, km or mi, with no duration.
WEIGHT_UNITS = {"Weight (kg)": "kg", "Weight (lbs)": "lb", "kg": "kg", "lbs": "lb"}
_ROLES = {
    "date": _names("date"),
    "workout": _names("workout"),
    "exercise": _names("exercise"),
    "order": _names("order"),
    "weight": [*_names("weight"), *WEIGHT_UNITS],
    "reps": _names("reps"),
}
_DATES = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
]
_DATE_EXAMPLE = "2024-03-05 18:30:00"
# Set orders the semicolon export writes as words (the comma export's W, D, F).
_WARM_UPS = {"W", "WARM_UP"}
_WORKING = {"", "D", "F", "DROP_SET", "FAILURE"}
_FAILURES = {"F", "FAILURE"}


def _order(cell, *, line: int, memo: dict) -> int | None | str:
    """Set Order: a number, D or DROP_SET, F or FAILURE (working sets); W or WARM_UP is a
    warm-up, and Strong writes its rest timers as rows too."""
    raw = cell("order").strip()
    if raw.casefold() == "rest timer":
        return SKIPPED_REST
    if raw.upper() in _WARM_UPS:
        return SKIPPED_WARM_UP
    order = parse_whole_number(raw)
    if order is None and raw.upper() not in _WORKING:
        raise row_problem(
            BAD_WHOLE_MESSAGE,
            reason=gettext("set order not a whole number"),
            line=line,
            value=raw,
            column=pgettext_lazy("import column", "set order"),
        )
    return order


def _failed(cell) -> bool:
    return cell("order").strip().upper() in _FAILURES


_OPTIONAL = {
    "distance": [*_names("distance"), "Distance (meters)", "Distance (miles)", "km", "mi"],
    "seconds": _names("seconds"),
    "note": _names("note"),
    "rpe": _names("rpe"),
}

STRONG_CSV = CsvFormat(
    name=STRONG,
    required=_ROLES,
    optional={"duration": [*_names("duration"), "Duration (sec)"], **_OPTIONAL},
    dates=_DATES,
    date_example=_DATE_EXAMPLE,
    order=_order,
    failed=_failed,
    asks_unit=True,
    weight_units=WEIGHT_UNITS,
)
STRONG_LEGACY_CSV = CsvFormat(
    name=STRONG_LEGACY,
    required={**_ROLES, "weight_unit": ["Weight Unit"]},
    optional={"duration": ["Workout Duration", "Duration"], **_OPTIONAL},
    dates=_DATES,
    date_example=_DATE_EXAMPLE,
    order=_order,
    failed=_failed,
    unit=unit_per_row,
)
