"""The athlete's notes: a note per exercise of a session (ExerciseNote, one per slot), and
the set's note held to its length by the database (SQLite keeps no varchar length).

SQLite adds a constraint by copying the table, which a trigger naming the table does not
survive: the slot-exercise rule of 0003 is dropped around the copy and made again, as 0004
does. PostgreSQL keeps its triggers.
"""

from importlib import import_module

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.db import migrations, models

_rir = import_module("tracking.migrations.0004_rir_not_recorded")


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0008_exercise_owner"),
        ("tracking", "0004_rir_not_recorded"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExerciseNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=500)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "prescription",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="athlete_note",
                        to="programs.sessionprescription",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("text", ""), _negated=True),
                        name="exercisenote_text_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=django.db.models.lookups.LessThanOrEqual(
                            django.db.models.functions.text.Length("text"), 500
                        ),
                        name="exercisenote_text_length",
                        violation_error_message=(
                            "A note can be at most 500 characters: shorten it and save again."
                        ),
                    ),
                ],
            },
        ),
        migrations.RunPython(_rir.drop_sqlite_rule, _rir.add_sqlite_rule),
        migrations.AddConstraint(
            model_name="setlog",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("note"), 200
                ),
                name="setlog_note_length",
                violation_error_message=(
                    "A set's note can be at most 200 characters: shorten it and save again."
                ),
            ),
        ),
        migrations.RunPython(_rir.add_sqlite_rule, _rir.drop_sqlite_rule),
    ]
