"""Set logs within the limits: set numbers 1–20, a moment that reads back as a date, and
an exercise that is its slot's own, its swap or one of its alternatives.

Rows that already break a rule stop the migration with a list of them, before any
constraint is added: renumbering a set could collide with the one-per-set-number rule, and
moving a date or an exercise would rewrite what the athlete logged, so a person decides.
"""

import datetime

from django.db import migrations, models
from django.db.models import Exists, F, OuterRef, Q

EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC)


def refuse_rows_out_of_bounds(apps, schema_editor):
    SetLog = apps.get_model("tracking", "SetLog")
    Alternative = apps.get_model("programs", "SessionPrescription").alternatives.through
    alternative = Alternative.objects.filter(
        sessionprescription=OuterRef("prescription"), exercise=OuterRef("exercise")
    )
    found = [
        (
            "set number outside 1–20",
            SetLog.objects.filter(Q(set_number__lt=1) | Q(set_number__gt=20)),
        ),
        (
            "logged outside 1900–2199",
            SetLog.objects.filter(Q(logged_at__lt=EARLIEST) | Q(logged_at__gt=LATEST)),
        ),
        (
            "exercise neither its slot's, its swap nor an alternative",
            SetLog.objects.exclude(exercise=F("prescription__exercise"))
            .exclude(prescription__swapped_to=F("exercise"))
            .exclude(Exists(alternative)),
        ),
    ]
    broken = [(rule, list(rows.values_list("pk", flat=True)[:20])) for rule, rows in found]
    broken = [(rule, ids) for rule, ids in broken if ids]
    if broken:
        lines = "\n".join(
            f"  - SetLog {rule}: ids {', '.join(map(str, ids))}" for rule, ids in broken
        )
        raise RuntimeError(
            "tracking.0003_bounds: some set logs break the new limits. Correct or delete them "
            "(in the admin or with SQL), then migrate again. First ids of each:\n" + lines
        )


SLOT_EXERCISE_MESSAGE = (
    # No quote marks: the message sits inside SQL strings.
    "setlog_exercise_of_its_slot: a set counts for the exercise of its slot, its swap or one "
    "of its alternatives"
)
# Whether set log s (NEW on insert) names an exercise of its slot sp: true or false, never
# NULL (an unswapped slot's NULL would make NOT (...) NULL, and the check pass).
_OF_ITS_SLOT = """(
    {s}.exercise_id = sp.exercise_id
    OR (sp.swapped_to_id IS NOT NULL AND {s}.exercise_id = sp.swapped_to_id)
    OR EXISTS (SELECT 1 FROM programs_sessionprescription_alternatives a
               WHERE a.sessionprescription_id = sp.id AND a.exercise_id = {s}.exercise_id)
)"""

# Removing an alternative is not checked: Django deletes a slot's alternatives before its
# set logs when the slot goes, and SQLite cannot defer a trigger to the end of the
# transaction. Generation never touches the alternatives of a slot with a set logged.
SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER IF NOT EXISTS setlog_exercise_of_its_slot_insert
    BEFORE INSERT ON tracking_setlog FOR EACH ROW
    WHEN NOT EXISTS (
        SELECT 1 FROM programs_sessionprescription sp
        WHERE sp.id = NEW.prescription_id AND {_OF_ITS_SLOT.format(s="NEW")}
    )
    BEGIN SELECT RAISE(ABORT, '{SLOT_EXERCISE_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS setlog_exercise_of_its_slot_update
    BEFORE UPDATE OF exercise_id, prescription_id ON tracking_setlog FOR EACH ROW
    WHEN (NEW.exercise_id IS NOT OLD.exercise_id OR NEW.prescription_id IS NOT OLD.prescription_id)
    AND NOT EXISTS (
        SELECT 1 FROM programs_sessionprescription sp
        WHERE sp.id = NEW.prescription_id AND {_OF_ITS_SLOT.format(s="NEW")}
    )
    BEGIN SELECT RAISE(ABORT, '{SLOT_EXERCISE_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS setlog_exercise_of_its_slot_slot_update
    BEFORE UPDATE OF exercise_id, swapped_to_id ON programs_sessionprescription FOR EACH ROW
    WHEN EXISTS (
        SELECT 1 FROM tracking_setlog s, (SELECT NEW.id AS id, NEW.exercise_id AS exercise_id,
                                                 NEW.swapped_to_id AS swapped_to_id) sp
        WHERE s.prescription_id = NEW.id AND NOT {_OF_ITS_SLOT.format(s="s")}
    )
    BEGIN SELECT RAISE(ABORT, '{SLOT_EXERCISE_MESSAGE}'); END
    """,
]

POSTGRESQL_TRIGGERS = [
    # Inserts are checked once per statement, over all its rows: an import writes sets by
    # the thousand, and a check per row cost it about a third more time.
    f"""
    CREATE FUNCTION setlog_exercise_of_its_slot_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM new_sets s JOIN programs_sessionprescription sp ON sp.id = s.prescription_id
            WHERE NOT {_OF_ITS_SLOT.format(s="s")}
        ) THEN
            RAISE EXCEPTION '{SLOT_EXERCISE_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER setlog_exercise_of_its_slot_insert
    AFTER INSERT ON tracking_setlog REFERENCING NEW TABLE AS new_sets
    FOR EACH STATEMENT EXECUTE FUNCTION setlog_exercise_of_its_slot_insert()
    """,
    # PostgreSQL allows no transition table on a trigger for some columns: per row here.
    f"""
    CREATE FUNCTION setlog_exercise_of_its_slot() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.exercise_id = OLD.exercise_id AND NEW.prescription_id = OLD.prescription_id THEN
            RETURN NEW;
        END IF;
        IF NOT EXISTS (
            SELECT 1 FROM programs_sessionprescription sp
            WHERE sp.id = NEW.prescription_id AND {_OF_ITS_SLOT.format(s="NEW")}
        ) THEN
            RAISE EXCEPTION '{SLOT_EXERCISE_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER setlog_exercise_of_its_slot
    BEFORE UPDATE OF exercise_id, prescription_id ON tracking_setlog
    FOR EACH ROW EXECUTE FUNCTION setlog_exercise_of_its_slot()
    """,
    f"""
    CREATE FUNCTION setlog_exercise_of_its_slot_slot_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM tracking_setlog s, (SELECT NEW.id AS id, NEW.exercise_id AS exercise_id,
                                                     NEW.swapped_to_id AS swapped_to_id) sp
            WHERE s.prescription_id = NEW.id AND NOT {_OF_ITS_SLOT.format(s="s")}
        ) THEN
            RAISE EXCEPTION '{SLOT_EXERCISE_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER setlog_exercise_of_its_slot_slot_update
    BEFORE UPDATE OF exercise_id, swapped_to_id ON programs_sessionprescription
    FOR EACH ROW EXECUTE FUNCTION setlog_exercise_of_its_slot_slot_update()
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS setlog_exercise_of_its_slot_insert",
    "DROP TRIGGER IF EXISTS setlog_exercise_of_its_slot_update",
    "DROP TRIGGER IF EXISTS setlog_exercise_of_its_slot_slot_update",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS setlog_exercise_of_its_slot_insert ON tracking_setlog",
    "DROP FUNCTION IF EXISTS setlog_exercise_of_its_slot_insert()",
    "DROP TRIGGER IF EXISTS setlog_exercise_of_its_slot ON tracking_setlog",
    "DROP FUNCTION IF EXISTS setlog_exercise_of_its_slot()",
    "DROP TRIGGER IF EXISTS setlog_exercise_of_its_slot_slot_update ON programs_sessionprescription",
    "DROP FUNCTION IF EXISTS setlog_exercise_of_its_slot_slot_update()",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"tracking.0003_bounds knows SQLite and PostgreSQL, not {vendor}.")
    for statement in statements[vendor]:
        schema_editor.execute(statement)


def add_slot_exercise_rule(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS})


def drop_slot_exercise_rule(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0006_bounds"),
        ("tracking", "0002_undone_set"),
    ]

    operations = [
        migrations.RunPython(refuse_rows_out_of_bounds, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="setlog",
            name="setlog_set_number",
        ),
        migrations.AddConstraint(
            model_name="setlog",
            constraint=models.CheckConstraint(
                condition=models.Q(("set_number__gte", 1), ("set_number__lte", 20)),
                name="setlog_set_number_range",
                violation_error_message="Sets are numbered from 1 to 20.",
            ),
        ),
        migrations.AddConstraint(
            model_name="setlog",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("logged_at__gte", EARLIEST),
                    ("logged_at__lte", LATEST),
                ),
                name="setlog_logged_at_in_bounds",
                violation_error_message="Dates go from 01 Jan 1900 to 31 Dec 2199 at the most.",
            ),
        ),
        migrations.RunPython(add_slot_exercise_rule, drop_slot_exercise_rule),
    ]
