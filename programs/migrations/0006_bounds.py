"""The plan's limits in the database: slot order, set and rep counts, dates, and the
rules that span tables (a session's athlete is its assignment's, a coach is in Coaches,
one athlete's assignments do not overlap).

Rows that already break a new rule stop the migration with a list of them, before any
constraint is added: clamping a slot order or a date would invent a plan nobody made
(and could collide with the one-per-slot rule), so a person decides what to keep.
"""

import datetime

import django.core.validators
from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, F, OuterRef, Q

EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


def _out_of_bounds(apps) -> list[tuple[str, list[int]]]:
    """Each new rule with the ids of the rows that already break it."""
    Assignment = apps.get_model("programs", "Assignment")
    Session = apps.get_model("programs", "Session")
    Override = apps.get_model("programs", "PrescriptionOverride")

    def dates(field: str) -> Q:
        return Q(**{f"{field}__lt": EARLIEST}) | Q(**{f"{field}__gt": LATEST})

    found = []
    for name in ("Prescription", "SessionPrescription"):
        slots = apps.get_model("programs", name).objects
        found += [
            (f"{name} order outside 1–50", slots.filter(Q(order__lt=1) | Q(order__gt=50))),
            (f"{name} sets above 20", slots.filter(sets_max__gt=20)),
            (f"{name} reps above 100", slots.filter(reps_max__gt=100)),
        ]
    coaches = apps.get_model("auth", "Group").objects.filter(name="Coaches", user=OuterRef("coach"))
    found += [
        ("Session date outside 1900–2199", Session.objects.filter(dates("date"))),
        (
            "Assignment date outside 1900–2199",
            Assignment.objects.filter(dates("start_date") | dates("end_date")),
        ),
        (
            "PrescriptionOverride start outside 1900–2199",
            Override.objects.filter(dates("starts_on")),
        ),
        (
            "Session whose athlete is not its assignment's",
            Session.objects.exclude(athlete=F("assignment__athlete")),
        ),
        (
            "Assignment whose coach is not in Coaches",
            Assignment.objects.filter(coach__isnull=False).exclude(Exists(coaches)),
        ),
    ]
    result = [(rule, list(rows.values_list("pk", flat=True)[:20])) for rule, rows in found]
    overlapping = []
    reach: dict[int, datetime.date | None] = {}  # each athlete's latest end so far; None: open
    for assignment in Assignment.objects.order_by("athlete_id", "start_date", "pk"):
        athlete = assignment.athlete_id
        if athlete in reach and (reach[athlete] is None or reach[athlete] >= assignment.start_date):
            overlapping.append(assignment.pk)
        if athlete not in reach or reach[athlete] is not None:
            ends = assignment.end_date
            reach[athlete] = None if ends is None else max(ends, reach.get(athlete) or ends)
    result.append(("Assignment overlapping another of its athlete", overlapping[:20]))
    return [(rule, ids) for rule, ids in result if ids]


def refuse_rows_out_of_bounds(apps, schema_editor):
    broken = _out_of_bounds(apps)
    if broken:
        lines = "\n".join(f"  - {rule}: ids {', '.join(map(str, ids))}" for rule, ids in broken)
        raise RuntimeError(
            "programs.0006_bounds: some rows break the new limits. Correct or delete them "
            "(in the admin or with SQL), then migrate again. First ids of each:\n" + lines
        )


# Raised by the triggers, named like the constraints so that errors and tests read alike.
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER IF NOT EXISTS session_athlete_of_its_assignment_insert
    BEFORE INSERT ON programs_session FOR EACH ROW
    WHEN NEW.athlete_id IS NOT (SELECT athlete_id FROM programs_assignment WHERE id = NEW.assignment_id)
    BEGIN SELECT RAISE(ABORT, 'session_athlete_of_its_assignment: a session belongs to the athlete of its assignment'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS session_athlete_of_its_assignment_update
    BEFORE UPDATE OF athlete_id, assignment_id ON programs_session FOR EACH ROW
    WHEN NEW.athlete_id IS NOT (SELECT athlete_id FROM programs_assignment WHERE id = NEW.assignment_id)
    BEGIN SELECT RAISE(ABORT, 'session_athlete_of_its_assignment: a session belongs to the athlete of its assignment'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS assignment_keeps_its_sessions_athlete
    BEFORE UPDATE OF athlete_id ON programs_assignment FOR EACH ROW
    WHEN EXISTS (SELECT 1 FROM programs_session WHERE assignment_id = NEW.id AND athlete_id IS NOT NEW.athlete_id)
    BEGIN SELECT RAISE(ABORT, 'session_athlete_of_its_assignment: an assignment with sessions keeps its athlete'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS assignment_coach_in_coaches_insert
    BEFORE INSERT ON programs_assignment FOR EACH ROW
    WHEN NEW.coach_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM accounts_user_groups ug JOIN auth_group g ON g.id = ug.group_id
        WHERE ug.user_id = NEW.coach_id AND g.name = 'Coaches'
    )
    BEGIN SELECT RAISE(ABORT, 'assignment_coach_in_coaches: the coach of an assignment is in the Coaches group'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS assignment_coach_in_coaches_update
    BEFORE UPDATE OF coach_id ON programs_assignment FOR EACH ROW
    WHEN NEW.coach_id IS NOT NULL AND NEW.coach_id IS NOT OLD.coach_id AND NOT EXISTS (
        SELECT 1 FROM accounts_user_groups ug JOIN auth_group g ON g.id = ug.group_id
        WHERE ug.user_id = NEW.coach_id AND g.name = 'Coaches'
    )
    BEGIN SELECT RAISE(ABORT, 'assignment_coach_in_coaches: the coach of an assignment is in the Coaches group'); END
    """,
    # PostgreSQL says this with an exclusion constraint; SQLite writes one at a time, so a
    # trigger is as safe there.
    """
    CREATE TRIGGER IF NOT EXISTS assignment_no_overlap_insert
    BEFORE INSERT ON programs_assignment FOR EACH ROW
    WHEN EXISTS (
        SELECT 1 FROM programs_assignment a
        WHERE a.athlete_id = NEW.athlete_id
        AND a.start_date <= COALESCE(NEW.end_date, '9999-12-31')
        AND NEW.start_date <= COALESCE(a.end_date, '9999-12-31')
    )
    BEGIN SELECT RAISE(ABORT, 'assignment_no_overlap: an athlete follows one program at a time'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS assignment_no_overlap_update
    BEFORE UPDATE OF athlete_id, start_date, end_date ON programs_assignment FOR EACH ROW
    WHEN EXISTS (
        SELECT 1 FROM programs_assignment a
        WHERE a.athlete_id = NEW.athlete_id AND a.id <> NEW.id
        AND a.start_date <= COALESCE(NEW.end_date, '9999-12-31')
        AND NEW.start_date <= COALESCE(a.end_date, '9999-12-31')
    )
    BEGIN SELECT RAISE(ABORT, 'assignment_no_overlap: an athlete follows one program at a time'); END
    """,
]

POSTGRESQL_TRIGGERS = [
    """
    CREATE FUNCTION session_athlete_of_its_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.athlete_id IS DISTINCT FROM
            (SELECT athlete_id FROM programs_assignment WHERE id = NEW.assignment_id) THEN
            RAISE EXCEPTION 'session_athlete_of_its_assignment: a session belongs to the athlete of its assignment'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER session_athlete_of_its_assignment
    BEFORE INSERT OR UPDATE OF athlete_id, assignment_id ON programs_session
    FOR EACH ROW EXECUTE FUNCTION session_athlete_of_its_assignment()
    """,
    """
    CREATE FUNCTION assignment_keeps_its_sessions_athlete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM programs_session
                   WHERE assignment_id = NEW.id AND athlete_id <> NEW.athlete_id) THEN
            RAISE EXCEPTION 'session_athlete_of_its_assignment: an assignment with sessions keeps its athlete'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER assignment_keeps_its_sessions_athlete
    BEFORE UPDATE OF athlete_id ON programs_assignment
    FOR EACH ROW EXECUTE FUNCTION assignment_keeps_its_sessions_athlete()
    """,
    """
    CREATE FUNCTION assignment_coach_in_coaches() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.coach_id IS NOT NULL
            AND (TG_OP = 'INSERT' OR NEW.coach_id IS DISTINCT FROM OLD.coach_id)
            AND NOT EXISTS (
                SELECT 1 FROM accounts_user_groups ug JOIN auth_group g ON g.id = ug.group_id
                WHERE ug.user_id = NEW.coach_id AND g.name = 'Coaches') THEN
            RAISE EXCEPTION 'assignment_coach_in_coaches: the coach of an assignment is in the Coaches group'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER assignment_coach_in_coaches
    BEFORE INSERT OR UPDATE OF coach_id ON programs_assignment
    FOR EACH ROW EXECUTE FUNCTION assignment_coach_in_coaches()
    """,
    # A trusted extension (PostgreSQL 13+): the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE programs_assignment ADD CONSTRAINT assignment_no_overlap
    EXCLUDE USING gist (athlete_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
    """,
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "session_athlete_of_its_assignment_insert",
        "session_athlete_of_its_assignment_update",
        "assignment_keeps_its_sessions_athlete",
        "assignment_coach_in_coaches_insert",
        "assignment_coach_in_coaches_update",
        "assignment_no_overlap_insert",
        "assignment_no_overlap_update",
    )
]

POSTGRESQL_DROP = [
    "ALTER TABLE programs_assignment DROP CONSTRAINT IF EXISTS assignment_no_overlap",
    "DROP TRIGGER IF EXISTS assignment_coach_in_coaches ON programs_assignment",
    "DROP FUNCTION IF EXISTS assignment_coach_in_coaches()",
    "DROP TRIGGER IF EXISTS assignment_keeps_its_sessions_athlete ON programs_assignment",
    "DROP FUNCTION IF EXISTS assignment_keeps_its_sessions_athlete()",
    "DROP TRIGGER IF EXISTS session_athlete_of_its_assignment ON programs_session",
    "DROP FUNCTION IF EXISTS session_athlete_of_its_assignment()",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"programs.0006_bounds knows SQLite and PostgreSQL, not {vendor}.")
    for statement in statements[vendor]:
        schema_editor.execute(statement)


def add_cross_table_rules(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS})


def drop_cross_table_rules(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_program_owner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_rows_out_of_bounds, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="prescription",
            name="prescription_order_positive",
        ),
        migrations.RemoveConstraint(
            model_name="prescription",
            name="prescription_sets_range",
        ),
        migrations.RemoveConstraint(
            model_name="prescription",
            name="prescription_reps_range",
        ),
        migrations.RemoveConstraint(
            model_name="sessionprescription",
            name="sessionprescription_order_positive",
        ),
        migrations.RemoveConstraint(
            model_name="sessionprescription",
            name="sessionprescription_sets_range",
        ),
        migrations.RemoveConstraint(
            model_name="sessionprescription",
            name="sessionprescription_reps_range",
        ),
        migrations.AlterField(
            model_name="prescription",
            name="order",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(50),
                ]
            ),
        ),
        migrations.AlterField(
            model_name="sessionprescription",
            name="order",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(50),
                ]
            ),
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("start_date__gte", datetime.date(1900, 1, 1)),
                    ("start_date__lte", datetime.date(2199, 12, 31)),
                    models.Q(
                        ("end_date__isnull", True),
                        models.Q(
                            ("end_date__gte", datetime.date(1900, 1, 1)),
                            ("end_date__lte", datetime.date(2199, 12, 31)),
                        ),
                        _connector="OR",
                    ),
                ),
                name="assignment_dates_in_bounds",
                violation_error_message="Dates go from 01 Jan 1900 to 31 Dec 2199 at the most.",
            ),
        ),
        migrations.AddConstraint(
            model_name="prescription",
            constraint=models.CheckConstraint(
                condition=models.Q(("order__gte", 1), ("order__lte", 50)),
                name="prescription_order_range",
                violation_error_message="Slots are numbered from 1 to 50.",
            ),
        ),
        migrations.AddConstraint(
            model_name="prescription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sets_min__gte", 1),
                    ("sets_min__lte", models.F("sets_max")),
                    ("sets_max__lte", 20),
                ),
                name="prescription_sets_range",
                violation_error_message="Sets: from 1 to 20, the minimum not above the maximum.",
            ),
        ),
        migrations.AddConstraint(
            model_name="prescription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reps_min__gte", 1),
                    ("reps_min__lte", models.F("reps_max")),
                    ("reps_max__lte", 100),
                ),
                name="prescription_reps_range",
                violation_error_message="Reps: from 1 to 100, the minimum not above the maximum.",
            ),
        ),
        migrations.AddConstraint(
            model_name="prescriptionoverride",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("starts_on__gte", datetime.date(1900, 1, 1)),
                    ("starts_on__lte", datetime.date(2199, 12, 31)),
                ),
                name="prescriptionoverride_starts_on_in_bounds",
                violation_error_message="Dates go from 01 Jan 1900 to 31 Dec 2199 at the most.",
            ),
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date__gte", datetime.date(1900, 1, 1)),
                    ("date__lte", datetime.date(2199, 12, 31)),
                ),
                name="session_date_in_bounds",
                violation_error_message="Dates go from 01 Jan 1900 to 31 Dec 2199 at the most.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionprescription",
            constraint=models.CheckConstraint(
                condition=models.Q(("order__gte", 1), ("order__lte", 50)),
                name="sessionprescription_order_range",
                violation_error_message="Slots are numbered from 1 to 50.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionprescription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sets_min__gte", 1),
                    ("sets_min__lte", models.F("sets_max")),
                    ("sets_max__lte", 20),
                ),
                name="sessionprescription_sets_range",
                violation_error_message="Sets: from 1 to 20, the minimum not above the maximum.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionprescription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reps_min__gte", 1),
                    ("reps_min__lte", models.F("reps_max")),
                    ("reps_max__lte", 100),
                ),
                name="sessionprescription_reps_range",
                violation_error_message="Reps: from 1 to 100, the minimum not above the maximum.",
            ),
        ),
        migrations.RunPython(add_cross_table_rules, drop_cross_table_rules),
    ]
