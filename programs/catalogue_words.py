"""The house catalogue in the lifter's language.

Exercise names, set-up cues, tempos, program and day-template names are stored as the
guide writes them, in English: imports match them, exports write them, coaches edit them
in the admin. They are shown through the catalogue's translations, looked up by their
English text in a context of their own (so a cue never takes an app sentence's
translation). A coach's or an athlete's own words have no translation and show as typed.

``programs/catalogue_msgids.py`` lists every house text for makemessages;
tests/test_catalogue_words.py fails when a migration adds one it does not list.
"""

from django.utils.translation import get_language, pgettext

EXERCISE = "exercise"
CUE = "set-up cue"
TEMPO = "tempo"
PROGRAM = "program"
DAY_TEMPLATE = "day template"
PURPOSE = "day template purpose"

# Languages that write a noun with its capital inside a sentence too.
CAPITALISED_NOUNS = ("de",)


def shown(context: str, text: str) -> str:
    """``text`` in the active language when the catalogue has it, else as stored."""
    return pgettext(context, text) if text else text


def exercise_name(name: str) -> str:
    return shown(EXERCISE, name)


def in_sentence(shown_name: str) -> str:
    """An exercise's shown name inside a sentence: “no back squat for 6 weeks”, but German
    keeps the noun's capital (“keine Kniebeuge”)."""
    if (get_language() or "").split("-")[0] in CAPITALISED_NOUNS:
        return shown_name
    return shown_name.lower()


def cues(text: str) -> list[str]:
    """The set-up cues, one per line, each in the active language."""
    return [shown(CUE, line.strip()) for line in text.splitlines() if line.strip()]
