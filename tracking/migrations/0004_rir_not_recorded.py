"""A set's RIR may be "not recorded" (NULL): an imported set whose file gave no RPE/RIR.
Existing rows keep their values; the tick still asks for one.

SQLite alters a column by copying the table, which a trigger naming the table does not
survive: the slot-exercise rule of 0003 is dropped around the copy and made again.
PostgreSQL alters in place and keeps its triggers.
"""

from importlib import import_module

from django.db import migrations, models

_bounds = import_module("tracking.migrations.0003_bounds")


def _on_sqlite(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


drop_sqlite_rule = _on_sqlite(_bounds.SQLITE_DROP)
add_sqlite_rule = _on_sqlite(_bounds.SQLITE_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0008_exercise_owner"),
        ("tracking", "0003_bounds"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_rule, add_sqlite_rule),
        migrations.RemoveConstraint(
            model_name="setlog",
            name="setlog_rir",
        ),
        migrations.AlterField(
            model_name="setlog",
            name="rir",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="setlog",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("rir__isnull", True),
                    models.Q(("rir__gte", 0), ("rir__lte", 10)),
                    _connector="OR",
                ),
                name="setlog_rir",
            ),
        ),
        migrations.RunPython(add_sqlite_rule, drop_sqlite_rule),
    ]
