"""A second house program for athletes who sign up alone: the guide's split for a home gym
with one leg extension/curl station (the guide's note for home gym builders). The station
keeps Day 2's isolation work; the leg press, the one other machine, gives way to squats
that need no machine. Reversible: undoing it removes the program and its two templates."""

from django.db import migrations

PROGRAM_NAME = "Home gym: one leg extension/curl station"

DAY_TEMPLATES = [
    # name, focus, purpose, prescriptions:
    # (order, exercise, alternatives, sets min, max, reps min, max, per leg, tempo, rest)
    (
        "Home gym: Strength + Compounds",
        "strength",
        "Power + skill at home: big lifts, lower reps, longer rest; no machine needed.",
        [
            (1, "back-squat", ["goblet-squat", "heel-elevated-squat"], 4, 4, 5, 8, False, "", 180),
            (2, "romanian-deadlift", [], 3, 3, 6, 10, False, "", 150),
            (3, "walking-lunge", ["reverse-lunge"], 2, 3, 10, 14, True, "", 90),
        ],
    ),
    (
        "Home gym: Balance + Isolation",
        "balance",
        "Structure + balance on the one station: leg extensions, then leg curls.",
        [
            (1, "leg-extension", [], 3, 3, 10, 15, False, "Slow, controlled: 3 seconds down", 90),
            (2, "leg-curl", [], 3, 3, 10, 15, False, "Pause and squeeze at the top", 90),
            (3, "step-up", ["split-squat", "bulgarian-split-squat"], 2, 2, 10, 12, True, "", 75),
        ],
    ),
]


def _catalogue(Exercise):
    """The catalogue's exercises by slug (an import may have made one under its own slug:
    those are found by name in 0007, so a missing slug here is simply left out)."""
    slugs = {slug for *_, prescriptions in DAY_TEMPLATES for p in prescriptions for slug in [p[1], *p[2]]}
    return {e.slug: e for e in Exercise.objects.filter(slug__in=slugs, owner__isnull=True)}


def create_home_gym_program(apps, schema_editor):
    Exercise = apps.get_model("programs", "Exercise")
    DayTemplate = apps.get_model("programs", "DayTemplate")
    Prescription = apps.get_model("programs", "Prescription")
    Program = apps.get_model("programs", "Program")
    if Program.objects.filter(name=PROGRAM_NAME).exists():
        return
    exercises = _catalogue(Exercise)
    templates = []
    for name, focus, purpose, prescriptions in DAY_TEMPLATES:
        template = DayTemplate.objects.create(name=name, focus=focus, purpose=purpose)
        templates.append(template)
        for order, slug, alternatives, smin, smax, rmin, rmax, per_leg, tempo, rest in prescriptions:
            prescription = Prescription.objects.create(
                day_template=template,
                order=order,
                exercise=exercises[slug],
                sets_min=smin,
                sets_max=smax,
                reps_min=rmin,
                reps_max=rmax,
                per_leg=per_leg,
                tempo=tempo,
                rest_seconds=rest,
                rir_min=1,
                rir_max=2,
            )
            prescription.alternatives.set([exercises[alt] for alt in alternatives if alt in exercises])
    Program.objects.create(name=PROGRAM_NAME, day_one=templates[0], day_two=templates[1])


def remove_home_gym_program(apps, schema_editor):
    # An athlete who follows it keeps it: the assignment's PROTECT stops the undo.
    DayTemplate = apps.get_model("programs", "DayTemplate")
    Program = apps.get_model("programs", "Program")
    Program.objects.filter(name=PROGRAM_NAME, owner__isnull=True).delete()
    DayTemplate.objects.filter(
        name__in=[name for name, *_ in DAY_TEMPLATES], owner__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0008_exercise_owner")]

    operations = [migrations.RunPython(create_home_gym_program, remove_home_gym_program)]
