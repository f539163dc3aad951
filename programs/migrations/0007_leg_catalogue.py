"""The leg exercises lifters log in Strong, Hevy and FitNotes, so an imported history
finds them in the catalogue. Safe to run again: it only creates what is missing."""

from decimal import Decimal

from django.db import migrations

EXERCISES = [
    # slug, name, muscle, mechanics, equipment, unilateral, inc kg, inc lb
    ("deadlift", "Deadlift", "hamstrings", "compound", "barbell", False, "2.5", "5"),
    ("sumo-deadlift", "Sumo deadlift", "glutes", "compound", "barbell", False, "2.5", "5"),
    (
        "standing-calf-raise",
        "Standing calf raise",
        "calves",
        "isolation",
        "machine",
        False,
        "5",
        "10",
    ),
    ("seated-calf-raise", "Seated calf raise", "calves", "isolation", "machine", False, "5", "10"),
    ("glute-bridge", "Glute bridge", "glutes", "compound", "barbell", False, "2.5", "5"),
    ("hack-squat", "Hack squat", "quads", "compound", "machine", False, "5", "10"),
    ("front-squat", "Front squat", "quads", "compound", "barbell", False, "2.5", "5"),
    ("goblet-squat", "Goblet squat", "quads", "compound", "dumbbell", False, "2", "5"),
    (
        "smith-machine-squat",
        "Smith machine squat",
        "quads",
        "compound",
        "machine",
        False,
        "2.5",
        "5",
    ),
    (
        "bulgarian-split-squat",
        "Bulgarian split squat",
        "quads",
        "compound",
        "dumbbell",
        True,
        "2",
        "5",
    ),
    ("reverse-lunge", "Reverse lunge", "glutes", "compound", "dumbbell", True, "2", "5"),
    ("pendulum-squat", "Pendulum squat", "quads", "compound", "machine", False, "5", "10"),
    ("belt-squat", "Belt squat", "quads", "compound", "machine", False, "5", "10"),
    ("sissy-squat", "Sissy squat", "quads", "isolation", "bodyweight", False, "2.5", "5"),
    ("seated-leg-curl", "Seated leg curl", "hamstrings", "isolation", "machine", False, "5", "10"),
    ("lying-leg-curl", "Lying leg curl", "hamstrings", "isolation", "machine", False, "5", "10"),
    ("nordic-curl", "Nordic curl", "hamstrings", "isolation", "bodyweight", False, "2.5", "5"),
    ("good-morning", "Good morning", "hamstrings", "compound", "barbell", False, "2.5", "5"),
    ("hip-adduction", "Hip adduction", "adductors", "isolation", "machine", False, "5", "10"),
    ("hip-abduction", "Hip abduction", "glutes", "isolation", "machine", False, "5", "10"),
    ("single-leg-press", "Single-leg press", "quads", "compound", "machine", True, "5", "10"),
    (
        "single-leg-extension",
        "Single-leg extension",
        "quads",
        "isolation",
        "machine",
        True,
        "2.5",
        "5",
    ),
    ("single-leg-curl", "Single-leg curl", "hamstrings", "isolation", "machine", True, "2.5", "5"),
]


def create_leg_catalogue(apps, schema_editor):
    Exercise = apps.get_model("programs", "Exercise")
    for slug, name, muscle, mechanics, equipment, unilateral, inc_kg, inc_lb in EXERCISES:
        # An import before this migration may have made one of these (then shared by all):
        # it stays the catalogue's, under its own slug.
        if Exercise.objects.filter(name__iexact=name).exists():
            continue
        Exercise.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "primary_muscle": muscle,
                "mechanics": mechanics,
                "equipment": equipment,
                "unilateral": unilateral,
                "increment_kg": Decimal(inc_kg),
                "increment_lb": Decimal(inc_lb),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("programs", "0006_bounds")]

    operations = [migrations.RunPython(create_leg_catalogue, migrations.RunPython.noop)]
