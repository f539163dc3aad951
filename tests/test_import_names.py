"""Which catalogue exercise the other apps' names mean, and what a name no one knows
defaults to in the preview."""

import pytest

from exchange.forms import default_choice
from exchange.names import ALIASES, guess_leg_muscle, guess_mechanics, match_names
from programs.models import Exercise, Mechanics, Muscle


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        # Equipment in brackets, and the plural of it.
        ("Squat (Smith Machine)", "smith-machine-squat"),
        ("Lunge (Dumbbell)", "walking-lunge"),
        ("Romanian Deadlift (Dumbbells)", "romanian-deadlift"),
        ("Leg Press Horizontal (Machine)", "leg-press"),
        ("Pause Squat (Barbell)", "back-squat"),
        ("Reverse Lunge (Dumbbell)", "reverse-lunge"),
        ("Deadlift (Barbell)", "deadlift"),
        ("Sumo Deadlift (Barbell)", "sumo-deadlift"),
        ("Front Squat (Barbell)", "front-squat"),
        ("Goblet Squat (Kettlebell)", "goblet-squat"),
        ("Hack Squat (Machine)", "hack-squat"),
        ("Standing Calf Raise (Machine)", "standing-calf-raise"),
        ("Seated Calf Raise (Machine)", "seated-calf-raise"),
        ("Calf Raise", "standing-calf-raise"),
        ("Glute Bridge", "glute-bridge"),
        ("Hip Adduction (Machine)", "hip-adduction"),
        ("Hip Abduction (Machine)", "hip-abduction"),
        ("Good Morning (Barbell)", "good-morning"),
        ("Nordic Hamstring Curl", "nordic-curl"),
        # Plurals and "single leg".
        ("Dumbbell Lunges", "walking-lunge"),
        ("Standing Leg Curls", "single-leg-curl"),
        ("Single Leg Extensions", "single-leg-extension"),
        ("Single-Leg Press", "single-leg-press"),
        ("Single Leg Curl", "single-leg-curl"),
        ("Leg Extensions", "leg-extension"),
        ("Bulgarian Split Squats", "bulgarian-split-squat"),
        # The main lifts in French, German, Spanish, Portuguese, Italian.
        ("Squat (Barre)", "back-squat"),
        ("Kniebeuge (Langhantel)", "back-squat"),
        ("Sentadilla con barra", "back-squat"),
        ("Agachamento Livre", "back-squat"),
        ("Squat con bilanciere", "back-squat"),
        ("Soulevé de terre", "deadlift"),
        ("Kreuzheben", "deadlift"),
        ("Peso muerto", "deadlift"),
        ("Levantamento Terra", "deadlift"),
        ("Stacco da terra", "deadlift"),
        ("Presse à cuisses", "leg-press"),
        ("Beinpresse", "leg-press"),
        ("Prensa de piernas", "leg-press"),
        ("Pressa per gambe", "leg-press"),
        ("Extension des jambes", "leg-extension"),
        ("Beinstrecker", "leg-extension"),
        ("Extensión de cuádriceps", "leg-extension"),
        ("Cadeira Extensora", "leg-extension"),
        ("Estensione gambe", "leg-extension"),
        ("Beinbeuger", "leg-curl"),
        ("Curl femoral", "leg-curl"),
        ("Mesa Flexora", "lying-leg-curl"),
        ("Cadeira Flexora", "seated-leg-curl"),
        ("Curl gambe", "leg-curl"),
        ("Fentes", "walking-lunge"),
        ("Ausfallschritte", "walking-lunge"),
        ("Zancadas", "walking-lunge"),
        ("Afundo", "walking-lunge"),
        ("Affondi", "walking-lunge"),
        ("Wadenheben", "standing-calf-raise"),
        ("Elevación de talones", "standing-calf-raise"),
        ("Elevação de panturrilha", "standing-calf-raise"),
        ("Sollevamento polpacci", "standing-calf-raise"),
        ("Mollets debout", "standing-calf-raise"),
        ("Hüftstoßen", "hip-thrust"),
        ("Empuje de cadera", "hip-thrust"),
        ("Elevação Pélvica", "hip-thrust"),
        ("Poussée de hanche", "hip-thrust"),
        ("Spinta dell'anca", "hip-thrust"),
        # Not leg exercises, and not the catalogue's.
        ("Bench Press (Barbell)", None),
        ("Bicep Curl (Dumbbell)", None),
        ("Hanging Leg Raise", None),
        ("Pull Up", None),
    ],
)
def test_the_apps_names_map_to_the_catalogue(db, name, slug):
    matched = match_names(names=[name], catalogue=Exercise.objects.all())
    assert (matched[name].slug if name in matched else None) == slug


@pytest.mark.parametrize(
    ("name", "muscle"),
    [
        ("Cossack Squat", Muscle.QUADS),
        ("Spanish Squat (Band)", Muscle.QUADS),
        ("Landmine Lunge", Muscle.QUADS),
        ("Sled Leg Press Single", Muscle.QUADS),
        ("Donkey Calf Raise", Muscle.CALVES),
        ("Copenhagen Adductor Plank", Muscle.ADDUCTORS),
        ("Cable Glute Kickback", Muscle.GLUTES),
        ("Frog Pump Bridge", Muscle.GLUTES),
        ("Stiff Leg Deadlift (Dumbbell)", Muscle.HAMSTRINGS),
        ("Single Leg RDL", Muscle.HAMSTRINGS),
        ("Hamstring Slider Curl", Muscle.HAMSTRINGS),
        ("Sentadilla Sissy", Muscle.QUADS),
        ("Pull Up", None),
        ("Bench Press (Barbell)", None),
        ("Hanging Leg Raise", None),
        ("Hurdle Hops", None),
        ("Preacher Curl (Barbell)", None),
        ("", None),
        ("🦵", None),
    ],
)
def test_a_name_that_looks_like_a_leg_exercise_gets_its_muscle(name, muscle):
    assert guess_leg_muscle(name=name) == (muscle.value if muscle else None)


@pytest.mark.parametrize(
    ("name", "mechanics"),
    [
        ("Cossack Squat", Mechanics.COMPOUND),
        ("Sled Leg Press Single", Mechanics.COMPOUND),
        ("Stiff Leg Deadlift (Dumbbell)", Mechanics.COMPOUND),
        ("Single Leg RDL", Mechanics.COMPOUND),
        ("Barbell Hip Thrust", Mechanics.COMPOUND),
        ("Fente bulgare", Mechanics.COMPOUND),
        ("Donkey Calf Raise", Mechanics.ISOLATION),
        ("Hamstring Slider Curl", Mechanics.ISOLATION),
        ("Cable Glute Kickback", Mechanics.ISOLATION),
        ("Copenhagen Adductor Plank", Mechanics.ISOLATION),
        ("", Mechanics.ISOLATION),
    ],
)
def test_a_created_exercise_is_compound_when_its_name_is_a_compound_lift(name, mechanics):
    assert guess_mechanics(name=name) == mechanics


@pytest.mark.parametrize(
    ("name", "choice"),
    [
        ("Cossack Squat", "create:quads"),
        ("Donkey Calf Raise", "create:calves"),
        ("Pull Up", "skip"),
    ],
)
def test_the_preview_creates_leg_names_and_skips_the_rest_by_default(name, choice):
    assert default_choice(name) == choice


def test_every_alias_names_a_catalogue_exercise(db):
    assert set(ALIASES.values()) <= set(Exercise.objects.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("slug", "muscle", "mechanics", "unilateral"),
    [
        ("deadlift", Muscle.HAMSTRINGS, Mechanics.COMPOUND, False),
        ("sumo-deadlift", Muscle.GLUTES, Mechanics.COMPOUND, False),
        ("standing-calf-raise", Muscle.CALVES, Mechanics.ISOLATION, False),
        ("seated-calf-raise", Muscle.CALVES, Mechanics.ISOLATION, False),
        ("hip-thrust", Muscle.GLUTES, Mechanics.COMPOUND, False),
        ("glute-bridge", Muscle.GLUTES, Mechanics.COMPOUND, False),
        ("hack-squat", Muscle.QUADS, Mechanics.COMPOUND, False),
        ("front-squat", Muscle.QUADS, Mechanics.COMPOUND, False),
        ("goblet-squat", Muscle.QUADS, Mechanics.COMPOUND, False),
        ("smith-machine-squat", Muscle.QUADS, Mechanics.COMPOUND, False),
        ("bulgarian-split-squat", Muscle.QUADS, Mechanics.COMPOUND, True),
        ("reverse-lunge", Muscle.GLUTES, Mechanics.COMPOUND, True),
        ("pendulum-squat", Muscle.QUADS, Mechanics.COMPOUND, False),
        ("belt-squat", Muscle.QUADS, Mechanics.COMPOUND, False),
        ("sissy-squat", Muscle.QUADS, Mechanics.ISOLATION, False),
        ("seated-leg-curl", Muscle.HAMSTRINGS, Mechanics.ISOLATION, False),
        ("lying-leg-curl", Muscle.HAMSTRINGS, Mechanics.ISOLATION, False),
        ("nordic-curl", Muscle.HAMSTRINGS, Mechanics.ISOLATION, False),
        ("good-morning", Muscle.HAMSTRINGS, Mechanics.COMPOUND, False),
        ("hip-adduction", Muscle.ADDUCTORS, Mechanics.ISOLATION, False),
        ("hip-abduction", Muscle.GLUTES, Mechanics.ISOLATION, False),
        ("single-leg-press", Muscle.QUADS, Mechanics.COMPOUND, True),
        ("single-leg-extension", Muscle.QUADS, Mechanics.ISOLATION, True),
        ("single-leg-curl", Muscle.HAMSTRINGS, Mechanics.ISOLATION, True),
    ],
)
def test_the_catalogue_has_the_leg_exercises_lifters_log(db, slug, muscle, mechanics, unilateral):
    exercise = Exercise.objects.get(slug=slug)
    assert (exercise.primary_muscle, exercise.mechanics, exercise.unilateral) == (
        muscle,
        mechanics,
        unilateral,
    )
    assert exercise.owner is None and exercise.increment_kg > 0 and exercise.increment_lb > 0
