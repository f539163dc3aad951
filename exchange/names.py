"""Which catalogue exercise an exercise name from another app means.

"Squat (Barbell)", "squat - barbell" and "SQUAT BARBELL" are one name once case and
punctuation are gone; the aliases cover the names Strong, Hevy and FitNotes give the
guide's exercises.
"""

import unicodedata
from collections.abc import Iterable

from programs.models import Exercise, Mechanics, Muscle

# A name as the apps spell it → catalogue slug; folded with `alias_key` when read.
_ALIASES_BY_SLUG = {
    "back-squat": [
        "squat", "squat barbell", "barbell squat", "barbell back squat", "back squat barbell",
        "high bar squat", "low bar squat", "high bar squat barbell", "low bar squat barbell",
        "pause squat", "pause squat barbell", "paused squat", "box squat barbell",
        "squat barre", "squat arrière", "kniebeuge", "kniebeuge langhantel",
        "langhantel kniebeuge", "sentadilla", "sentadilla con barra", "sentadilla trasera",
        "agachamento", "agachamento livre", "agachamento com barra", "squat con bilanciere",
        "accosciata",
    ],
    "deadlift": [
        "deadlift", "deadlift barbell", "conventional deadlift", "barbell deadlift",
        "soulevé de terre", "soulevé de terre barre", "kreuzheben", "kreuzheben langhantel",
        "peso muerto", "peso muerto con barra", "levantamento terra", "stacco da terra",
        "stacco", "stacco da terra con bilanciere",
    ],
    "sumo-deadlift": ["sumo deadlift barbell", "soulevé de terre sumo", "sumo kreuzheben",
                      "peso muerto sumo", "levantamento terra sumo", "stacco sumo"],
    "romanian-deadlift": [
        "romanian deadlift barbell", "romanian deadlift dumbbell", "romanian deadlift",
        "rdl", "barbell rdl", "dumbbell rdl", "stiff leg deadlift", "straight leg deadlift",
        "soulevé de terre roumain", "rumänisches kreuzheben", "peso muerto rumano",
        "levantamento terra romeno", "stiff", "stacco rumeno",
    ],
    "leg-press": [
        "leg press machine", "leg press", "45 degree leg press", "sled leg press",
        "leg press 45", "seated leg press machine", "leg press horizontal",
        "horizontal leg press", "presse à cuisses", "presse à jambes", "presse jambes",
        "beinpresse", "prensa de piernas", "prensa", "leg press 45 graus", "pressa",
        "pressa per gambe",
    ],
    "walking-lunge": [
        "walking lunge", "lunge walking", "dumbbell walking lunge", "lunge", "dumbbell lunge",
        "barbell lunge", "fente", "fentes marchées", "ausfallschritt", "ausfallschritte",
        "zancada", "afundo", "avanço", "passada", "affondo", "affondi",
    ],
    "reverse-lunge": ["reverse lunge", "fente arrière", "zancada inversa", "affondo inverso"],
    "leg-extension": [
        "leg extension machine", "leg extension", "seated leg extension",
        "extension des jambes", "beinstrecker", "beinstrecken", "extensión de piernas",
        "extensión de cuádriceps", "cadeira extensora", "extensora", "estensione gambe",
        "estensioni gambe",
    ],
    "leg-curl": [
        "leg curl", "leg curl machine", "hamstring curl", "hamstring curl machine",
        "flexion des jambes", "curl jambes", "curl ischio", "beinbeuger", "beinbeugen",
        "curl de piernas", "curl femoral", "flexora", "curl gambe",
    ],
    "lying-leg-curl": ["lying leg curl machine", "prone leg curl", "mesa flexora",
                       "leg curl sdraiato", "curl femoral tumbado", "beinbeuger liegend"],
    "seated-leg-curl": ["seated leg curl machine", "cadeira flexora", "leg curl seduto",
                        "curl femoral sentado", "beinbeuger sitzend"],
    "single-leg-curl": ["standing leg curl", "standing leg curl machine",
                        "single leg curl machine", "one leg curl"],
    "single-leg-extension": ["single leg extension machine", "one leg extension"],
    "single-leg-press": ["single leg press machine", "one leg press"],
    "step-up": ["step up", "dumbbell step up", "box step up"],
    "split-squat": ["split squat", "dumbbell split squat"],
    "bulgarian-split-squat": ["bulgarian split squat", "bulgarian split squat dumbbell",
                              "rear foot elevated split squat", "fente bulgare",
                              "bulgarische kniebeuge", "sentadilla búlgara",
                              "agachamento búlgaro", "squat bulgaro"],
    "heel-elevated-squat": ["heel elevated squat", "heels elevated squat",
                            "heel elevated goblet squat"],
    "hip-thrust": [
        "hip thrust", "hip thrust barbell", "barbell hip thrust", "hip thrust machine",
        "poussée de hanche", "hüftstoßen", "hip thrust langhantel", "empuje de cadera",
        "elevação pélvica", "spinta dell'anca", "spinta d'anca",
    ],
    "glute-bridge": ["glute bridge", "barbell glute bridge", "pont fessier",
                     "puente de glúteos", "ponte glúteo", "ponte per glutei"],
    "smith-machine-squat": ["squat smith machine", "smith squat", "smith machine squat"],
    "front-squat": ["front squat barbell", "squat avant", "frontkniebeuge",
                    "sentadilla frontal", "agachamento frontal", "front squat"],
    "goblet-squat": ["goblet squat dumbbell", "goblet squat kettlebell", "goblet squat"],
    "hack-squat": ["hack squat machine", "hack squat", "agachamento hack"],
    "belt-squat": ["belt squat machine"],
    "pendulum-squat": ["pendulum squat machine"],
    "standing-calf-raise": [
        "calf raise", "standing calf raise machine", "calf raise machine",
        "standing calf raise", "calf raise standing", "extension des mollets",
        "mollets debout", "wadenheben", "wadenheben stehend", "elevación de talones",
        "elevación de gemelos", "elevação de panturrilha", "panturrilha em pé",
        "sollevamento polpacci", "polpacci in piedi",
    ],
    "seated-calf-raise": ["seated calf raise machine", "calf raise seated", "mollets assis",
                          "wadenheben sitzend", "panturrilha sentado", "polpacci seduto"],
    "good-morning": ["good morning barbell"],
    "nordic-curl": ["nordic hamstring curl", "nordic curl bodyweight", "nordics"],
    "hip-adduction": ["hip adduction machine", "hip adductor", "adductor machine",
                      "adducteurs", "adduktoren", "aductores", "adutora", "adduttori"],
    "hip-abduction": ["hip abduction machine", "hip abductor", "abductor machine",
                      "abducteurs", "abduktoren", "abductores", "abdutora", "abduttori"],
}  # fmt: skip

# Words the apps add to a name for its equipment or in the plural: "Dumbbell Lunges",
# "Romanian Deadlift (Dumbbells)" mean the catalogue's exercise all the same.
_SINGULAR = {
    "lunges": "lunge", "curls": "curl", "extensions": "extension", "raises": "raise",
    "squats": "squat", "thrusts": "thrust", "deadlifts": "deadlift", "presses": "press",
    "bridges": "bridge", "dumbbells": "dumbbell", "ups": "up", "mornings": "morning",
    "barbells": "barbell", "machines": "machine", "fentes": "fente", "kettlebells": "kettlebell",
    "zancadas": "zancada", "sentadillas": "sentadilla", "affondi": "affondo",
}  # fmt: skip
_EQUIPMENT_WORDS = {"barbell", "dumbbell", "machine", "cable", "bodyweight", "kettlebell"}

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


def alias_key(name: str) -> str:
    """The normalised name without accents, in the singular, "single leg" in one
    spelling: "Single-Leg Extensions" → "single leg extension"."""
    decomposed = unicodedata.normalize("NFD", normalise(name))
    plain = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )
    words = [_SINGULAR.get(word, word) for word in plain.replace("singleleg", "single leg").split()]
    return " ".join(words)


def _without_equipment(key: str) -> str:
    return " ".join(word for word in key.split() if word not in _EQUIPMENT_WORDS)


ALIASES = {
    alias_key(alias): slug for slug, aliases in _ALIASES_BY_SLUG.items() for alias in aliases
}


def match_names(*, names: Iterable[str], catalogue: Iterable[Exercise]) -> dict[str, Exercise]:
    """The names that mean an exercise of ``catalogue``, each with it; unknown names are
    left out. A name as written wins over its alias, then over its form without equipment
    words."""
    catalogue = list(catalogue)
    by_key: dict[str, Exercise] = {}
    for exercise in catalogue:
        # The athlete's own exercise keeps its name exactly; the catalogue's take aliases.
        by_key.setdefault(normalise(exercise.name), exercise)
        by_key.setdefault(alias_key(exercise.name), exercise)
        by_key.setdefault(alias_key(exercise.slug), exercise)
    by_key.pop("", None)
    by_slug = {exercise.slug: exercise for exercise in catalogue if exercise.owner_id is None}
    matched = {}
    for name in names:
        key = normalise(name)
        if not key:
            continue
        folded = alias_key(name)
        bare = _without_equipment(folded)
        exercise = (
            by_key.get(key)
            or by_key.get(folded)
            or by_slug.get(ALIASES.get(folded, ""))
            or by_key.get(bare)
            or by_slug.get(ALIASES.get(bare, ""))
        )
        if exercise is not None:
            matched[name] = exercise
    return matched


# Parts of a name (folded by alias_key) that make it a leg exercise, each with the muscle
# it trains most; the first that a name contains wins, so the specific come first.
_LEG_WORDS = [
    (("calf", "calves", "mollet", "waden", "gemelo", "panturrilha", "polpacc", "talones"),
     Muscle.CALVES),
    (("adduct", "adduktor", "aductor", "adutor", "addutt"), Muscle.ADDUCTORS),
    (("abduct", "abduktor", "abdutor", "abdutt", "glute", "gluteo", "fessier", "hip thrust",
      "bridge", "kickback", "hip extension", "huftstoss"), Muscle.GLUTES),
    (("hamstring", "leg curl", "nordic", "good morning", "romanian", " rdl ", "stiff",
      "deadlift", "kreuzheben", "peso muerto", "levantamento terra", "stacco",
      "souleve de terre", "flexora", "beinbeuge", "ischio", "femoral"), Muscle.HAMSTRINGS),
    (("squat", "lunge", "leg press", "leg extension", "step up", "split", "quad",
      "kniebeuge", "sentadilla", "agachamento", "accosciata", "fente", "ausfallschritt",
      "zancada", "afundo", "affond", "beinpresse", "prensa", "pressa", "extensora",
      "beinstreck", "leg sled"), Muscle.QUADS),
]  # fmt: skip


# Words of lifts that move several joints under load: a created exercise with one of them is
# a compound lift (warm-up ramps, the effort report's compound side), else an isolation one.
_COMPOUND_WORDS = (
    "squat", "lunge", "deadlift", " rdl ", "press", "step up", "split", "good morning",
    "thrust", "clean", "snatch", "sled", "kniebeuge", "sentadilla", "agachamento",
    "accosciata", "fente", "ausfallschritt", "zancada", "afundo", "affond", "kreuzheben",
    "peso muerto", "levantamento terra", "stacco", "souleve de terre", "prensa", "pressa",
)  # fmt: skip


def guess_mechanics(*, name: str) -> str:
    """Compound or isolation, for an exercise made from a file's name."""
    key = f" {alias_key(name)} "
    compound = any(word in key for word in _COMPOUND_WORDS)
    return Mechanics.COMPOUND if compound else Mechanics.ISOLATION


def guess_leg_muscle(*, name: str) -> str | None:
    """The muscle a name not in the catalogue most likely trains, or None when it does
    not look like a leg exercise (the preview then skips it by default)."""
    key = f" {alias_key(name)} "
    for parts, muscle in _LEG_WORDS:
        if any(part in key for part in parts):
            return muscle.value
    return None
