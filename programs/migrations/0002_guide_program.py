"""The guide's program as data: its exercises, both day templates, the default program,
and the Coaches group. Safe to run again: it only creates what is missing."""

from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

EXERCISES = [
    # slug, name, muscle, mechanics, equipment, unilateral, inc kg, inc lb, setup cues
    ("back-squat", "Back squat", "quads", "compound", "barbell", False, "2.5", "5",
     "Bar on the upper back, hands just outside the shoulders.\n"
     "Feet shoulder-width, toes slightly out; knees track over the toes.\n"
     "Brace before each rep; sit down between the hips to full depth."),
    ("leg-press", "Leg press", "quads", "compound", "machine", False, "5", "10",
     "Feet mid-platform, shoulder-width.\n"
     "Lower the sled until the hips are about to tuck; keep the lower back on the pad.\n"
     "Do not lock the knees at the top."),
    ("romanian-deadlift", "Romanian deadlift", "hamstrings", "compound", "barbell", False,
     "2.5", "5",
     "Soft knees, bar close to the legs.\n"
     "Push the hips back until the hamstrings stretch; the back stays flat.\n"
     "Stand up by squeezing the glutes, not by leaning back."),
    ("walking-lunge", "Walking lunge", "glutes", "compound", "dumbbell", True, "2", "5",
     "Long step, torso tall.\n"
     "Back knee lowers to just above the floor; front knee over the midfoot.\n"
     "Push through the front heel into the next step."),
    ("leg-extension", "Leg extension", "quads", "isolation", "machine", False, "5", "10",
     "Knee joint in line with the machine's pivot.\n"
     "Pad on the lower shin, hold the handles, hips down.\n"
     "Lift in about a second, lower in three."),
    ("leg-curl", "Leg curl", "hamstrings", "isolation", "machine", False, "5", "10",
     "Knee joint in line with the machine's pivot; pad just above the heels.\n"
     "Hips stay down on the pad.\n"
     "Pause and squeeze at the top of every rep."),
    ("step-up", "Step-up", "glutes", "compound", "dumbbell", True, "2", "5",
     "Box at knee height or a little lower.\n"
     "Whole foot on the box; drive through the heel of the top leg.\n"
     "Do not push off the back foot."),
    ("split-squat", "Split squat", "quads", "compound", "dumbbell", True, "2", "5",
     "Long stance, back heel up, torso tall.\n"
     "Lower straight down until the back knee nearly touches the floor.\n"
     "Front knee travels forward over the toes."),
    ("heel-elevated-squat", "Heel-elevated squat", "quads", "compound", "dumbbell", False,
     "2", "5",
     "Heels on a wedge or plates, feet close.\n"
     "Knees travel well forward; torso stays upright.\n"
     "Control the descent to full depth."),
    ("hip-thrust", "Hip thrust", "glutes", "compound", "barbell", False, "2.5", "5",
     "Upper back on a bench, bar padded over the hips.\n"
     "Feet flat, shins vertical at the top.\n"
     "Tuck the chin and lock out with the glutes, not the lower back."),
]

DAY_TEMPLATES = [
    # name, focus, purpose, prescriptions:
    # (order, exercise, alternatives, sets min, max, reps min, max, per leg, tempo, rest, rir)
    ("Strength + Compounds", "strength", "Power + skill: big lifts, lower reps, longer rest.", [
        (1, "back-squat", ["leg-press"], 4, 4, 5, 8, False, "", 180),
        (2, "romanian-deadlift", [], 3, 3, 6, 10, False, "", 150),
        (3, "walking-lunge", [], 2, 3, 10, 14, True, "", 90),
    ]),
    ("Balance + Isolation", "balance",
     "Structure + balance: targeted isolation, moderate reps, controlled tempo.", [
        (1, "leg-extension", [], 3, 3, 10, 15, False, "Slow, controlled: 3 seconds down", 90),
        (2, "leg-curl", [], 3, 3, 10, 15, False, "Pause and squeeze at the top", 90),
        (3, "step-up", ["split-squat"], 2, 2, 10, 12, True, "", 75),
    ]),
]

PROGRAM_NAME = "Two-day leg split"

COACH_MODELS = {
    "programs": ["exercise", "daytemplate", "prescription", "program", "assignment"],
}
COACH_VIEW_ONLY = {"programs": ["session", "sessionprescription"], "tracking": ["setlog"]}


def create_guide_program(apps, schema_editor):
    Exercise = apps.get_model("programs", "Exercise")
    DayTemplate = apps.get_model("programs", "DayTemplate")
    Prescription = apps.get_model("programs", "Prescription")
    Program = apps.get_model("programs", "Program")

    exercises = {}
    for slug, name, muscle, mechanics, equipment, unilateral, inc_kg, inc_lb, cues in EXERCISES:
        exercises[slug], _ = Exercise.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "primary_muscle": muscle,
                "mechanics": mechanics,
                "equipment": equipment,
                "unilateral": unilateral,
                "increment_kg": Decimal(inc_kg),
                "increment_lb": Decimal(inc_lb),
                "setup_cues": cues,
            },
        )

    templates = []
    for name, focus, purpose, prescriptions in DAY_TEMPLATES:
        template, created = DayTemplate.objects.get_or_create(
            name=name, defaults={"focus": focus, "purpose": purpose}
        )
        templates.append(template)
        if not created:
            continue
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
            prescription.alternatives.set([exercises[alt] for alt in alternatives])

    Program.objects.get_or_create(
        name=PROGRAM_NAME,
        defaults={
            "day_one": templates[0],
            "day_two": templates[1],
            "is_default": not Program.objects.filter(is_default=True).exists(),
        },
    )


def create_coaches_group(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    for app_label in ("programs", "tracking"):
        app_config = apps.get_app_config(app_label)
        # A migration's app registry has stub configs; create_permissions skips stubs
        # without a models module, so mark them as having one for the call.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coaches")
    codenames = []
    for app_label, models in COACH_MODELS.items():
        for model in models:
            codenames += [
                (app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")
            ]
    for app_label, models in COACH_VIEW_ONLY.items():
        codenames += [(app_label, f"view_{model}") for model in models]
    for app_label, codename in codenames:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("tracking", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_guide_program, migrations.RunPython.noop),
        migrations.RunPython(create_coaches_group, migrations.RunPython.noop),
    ]
