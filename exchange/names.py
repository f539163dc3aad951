"""Which catalogue exercise an exercise name from another app means.

"Squat (Barbell)", "squat - barbell" and "SQUAT BARBELL" are one name once case and
punctuation are gone; the aliases cover the names Strong, Hevy and FitNotes give the
guide's exercises.
"""

import unicodedata
from collections.abc import Iterable

from programs.models import Exercise

# Normalised name → catalogue slug.
ALIASES = {
    **dict.fromkeys(
        [
            "squat",
            "squat barbell",
            "barbell squat",
            "barbell back squat",
            "back squat barbell",
            "high bar squat",
            "low bar squat",
            "high bar squat barbell",
            "low bar squat barbell",
        ],
        "back-squat",
    ),
    **dict.fromkeys(
        [
            "leg press machine",
            "leg press",
            "45 degree leg press",
            "sled leg press",
            "leg press 45",
            "seated leg press machine",
        ],
        "leg-press",
    ),
    **dict.fromkeys(
        [
            "romanian deadlift barbell",
            "romanian deadlift dumbbell",
            "romanian deadlift",
            "rdl",
            "barbell rdl",
            "dumbbell rdl",
        ],
        "romanian-deadlift",
    ),
    **dict.fromkeys(
        [
            "walking lunge",
            "walking lunge dumbbell",
            "walking lunges",
            "lunge walking",
            "lunge walking dumbbell",
            "dumbbell walking lunge",
        ],
        "walking-lunge",
    ),
    **dict.fromkeys(
        ["leg extension machine", "leg extension", "leg extensions", "seated leg extension"],
        "leg-extension",
    ),
    **dict.fromkeys(
        [
            "leg curl",
            "leg curl machine",
            "lying leg curl machine",
            "lying leg curl",
            "seated leg curl machine",
            "seated leg curl",
            "hamstring curl",
            "hamstring curl machine",
        ],
        "leg-curl",
    ),
    **dict.fromkeys(
        ["step up", "step up dumbbell", "step ups", "dumbbell step up", "box step up"],
        "step-up",
    ),
    **dict.fromkeys(
        [
            "split squat",
            "split squat dumbbell",
            "bulgarian split squat",
            "bulgarian split squat dumbbell",
            "dumbbell split squat",
        ],
        "split-squat",
    ),
    **dict.fromkeys(
        ["heel elevated squat", "heels elevated squat", "heel elevated goblet squat"],
        "heel-elevated-squat",
    ),
    **dict.fromkeys(
        ["hip thrust", "hip thrust barbell", "barbell hip thrust", "hip thrust machine"],
        "hip-thrust",
    ),
}

# Letters and marks of every script, digits and symbols such as emoji make a name; the
# rest (punctuation, spaces, maths signs, invisible characters) only separates words.
_KEPT_CATEGORIES = ("L", "M", "N", "So")


_SKIN_TONES = range(0x1F3FB, 0x1F400)  # emoji modifiers: a different emoji, not spelling


def _kept(char: str) -> bool:
    return unicodedata.category(char).startswith(_KEPT_CATEGORIES) or ord(char) in _SKIN_TONES


def normalise(name: str) -> str:
    """Case, width and punctuation gone, the letters of every script kept:
    "Squat (Barbell)" → "squat barbell", "Жим ногами" → "жим ногами".

    A name of punctuation alone gives "": such a key never matches anything."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(c if _kept(c) else " " for c in folded).split())


def match_names(*, names: Iterable[str], catalogue: Iterable[Exercise]) -> dict[str, Exercise]:
    """The names that mean a catalogue exercise, each with it; unknown names are left out."""
    by_key: dict[str, Exercise] = {}
    by_slug = {}
    for exercise in catalogue:
        by_key[normalise(exercise.name)] = exercise
        by_key[normalise(exercise.slug)] = exercise
        by_slug[exercise.slug] = exercise
    matched = {}
    by_key.pop("", None)
    for name in names:
        key = normalise(name)
        if not key:
            continue
        exercise = by_key.get(key) or by_slug.get(ALIASES.get(key, ""))
        if exercise is not None:
            matched[name] = exercise
    return matched
