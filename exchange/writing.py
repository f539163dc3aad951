"""Writing many new rows at once: COPY on PostgreSQL, bulk_create elsewhere.

An import of the largest file we take writes some 300,000 set logs. bulk_create spends most
of its time turning each value into SQL parameters (a million calls for 100,000 sets) and
psycopg then quotes them again; COPY streams the rows in PostgreSQL's own format, about
ten times faster. The ids of rows that others point at (sessions, their prescriptions) are
taken from the table's own sequence first, so the caller links them exactly as after a
bulk_create. Constraints, foreign keys and unique indexes hold as for any insert.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Model

from programs.models import Session, SessionPrescription
from tracking.models import SetLog

BATCH = 2000
# An import of this many sets or more refreshes the planner's statistics after it.
ANALYSED_FROM = 1000


def insert_rows(model: type[Model], columns: list[str], rows: list[tuple]) -> None:
    """Insert plain rows (values of ``columns``, by attribute name): for the many rows
    nothing points at, where building a model instance per row would cost more than
    writing it."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            (model(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=BATCH
        )
        return
    from psycopg import sql

    # Fields the caller does not name get their default, as a model instance would.
    missing = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in columns
    ]
    defaults = tuple(field.get_default() for field in missing)
    names = [model._meta.get_field(name).column for name in columns]
    names += [field.column for field in missing]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    # psycopg's own cursor, under Django's wrapper: a refused row raises Django's
    # IntegrityError, as bulk_create's would, for the caller to answer.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row((*row, *defaults) if defaults else row)


def insert(model: type[Model], objects: list[Model], *, ids: bool = True) -> None:
    """Insert unsaved ``objects``; with ``ids``, each gets its primary key."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        return
    from psycopg import sql

    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = [field.column for field in fields]
    table = meta.db_table
    with connection.cursor() as cursor:
        if ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
            columns = [meta.pk.column, *columns]
            fields = [meta.pk, *fields]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        attnames = [field.attname for field in fields]
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for obj in objects:
                values = obj.__dict__
                copy.write_row([values[name] for name in attnames])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias


class SetLogRow(NamedTuple):
    """A set log to write, as plain values: a file's hundreds of thousands of sets are
    written without a model instance each."""

    uuid: uuid.UUID
    exercise_id: int
    set_number: int
    reps: int | None
    reps_left: int | None
    reps_right: int | None
    load_kg: Decimal
    rir: int | None  # None: the file gave no RPE/RIR
    logged_at: dt.datetime
    note: str
    actual_rir: int | None = None  # a test set's (our JSON's); no other file has one


@dataclass
class ImportPlan:
    """What an import writes (exchange.importing.plan_import makes it, without a query)."""

    sessions: list[Session] = field(default_factory=list)  # new, unsaved
    # Each copied prescription (unsaved), with its session (new or not) and the ids of
    # its alternatives' exercises.
    prescriptions: list[tuple[Session, SessionPrescription, list[int]]] = field(
        default_factory=list
    )
    set_logs: list[tuple[SessionPrescription, SetLogRow]] = field(default_factory=list)
    joined: set[int] = field(default_factory=set)  # existing sessions that get slots
    # Sets of kept exercises that the athlete has already: counted, not written.
    already_here: int = 0
    # Sets written whose file gave no RPE.
    missing_rir: int = 0


def write_import(plan: ImportPlan) -> None:
    """Write ``plan`` in one bulk insert per table, the caller's transaction around them."""
    insert(Session, plan.sessions)
    copies = []
    for session, copy, _ in plan.prescriptions:
        copy.session_id = session.pk
        copies.append(copy)
    insert(SessionPrescription, copies)
    Through = SessionPrescription.alternatives.through
    Through.objects.bulk_create(
        Through(sessionprescription_id=copy.pk, exercise_id=exercise_id)
        for _, copy, alternatives in plan.prescriptions
        for exercise_id in alternatives
    )
    rows = [(copy.pk, *log) for copy, log in plan.set_logs]
    insert_rows(SetLog, ["prescription_id", *SetLogRow._fields], rows)
    if len(rows) >= ANALYSED_FROM:
        analyse(Session, SessionPrescription, SetLog)


def analyse(*models: type[Model]) -> None:
    """Refresh PostgreSQL's statistics of these tables. Until autovacuum comes by (a minute
    or more), the planner would plan the athlete's next pages on the tables as they were
    before the import; on a young database, from an estimate of one row where there are now
    thousands, with nested loops over whole tables. SQLite keeps no statistics unless
    asked to, and the app does not ask: its plans hold without."""
    if connection.vendor != "postgresql":
        return
    from psycopg import sql

    tables = sql.SQL(", ").join(sql.Identifier(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("ANALYZE {}").format(tables).as_string(cursor.cursor))
