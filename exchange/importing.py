"""Turning a parsed history file into the athlete's sessions and sets.

Each imported workout becomes a Session on its date, with one copied prescription per
exercise (described by what was done: the sets logged, the reps range they span) and its
set logs. A workout on a date that already has a session joins that session: its
exercises are added after the session's own, and the session keeps its name and day (one
session per athlete per date is a rule of the model). Imported sessions belong to the
athlete's assignment that covers their date, or the nearest one.

Every set gets a UUID made from the athlete and the row's identity in the file (uuid5),
so the same file imported twice writes nothing the second time; our JSON brings its own.

`import_history` reads what it needs (`Known`), `plan_import` decides what will be written
without a query, and `exchange.writing.write_import` writes it in one bulk insert per table.
"""

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from accounts.models import Unit
from exchange import writing
from exchange.names import guess_leg_muscle, guess_mechanics, match_names, normalise
from exchange.parsing import (
    MAX_NAME,
    ImportedSession,
    ImportedSet,
    ImportRefused,
    ParsedFile,
)
from exchange.unit_readings import UnitReadings, unit_readings
from exchange.writing import SetLogRow as _LogRow
from programs.bounds import MAX_SETS, MAX_SLOT_ORDER
from programs.models import (
    Assignment,
    DayTemplate,
    Equipment,
    Exercise,
    Mechanics,
    Muscle,
    Program,
    Session,
    SessionPrescription,
)
from tracking.models import MAX_LOAD_KG, MAX_REPS, CalibrationChoice, SetLog
from tracking.units import to_kg
from tracking.weaker_leg import weaker_leg_reps

# Fixed for ever: changing it would make a second import of a file write its sets again.
IMPORT_NAMESPACE = uuid.UUID("4f0c8c1e-3b7e-4c55-9a43-6a1f2b7d9e10")
QUERY_CHUNK = 900

SKIP = "skip"
CREATE = "create"
MAP = "map"

NO_PROGRAM_MESSAGE = gettext_lazy(
    "Pick your training days first (Account, then Setup): imported workouts join your "
    "program's history."
)
OTHER_ACCOUNT_MESSAGE = gettext_lazy(
    "This file's sets belong to another account (their UUIDs are already taken): "
    "a Legplanner export can be imported into the account it came from, or into a new "
    "account once the old one is deleted."
)
LOAD_TOO_HEAVY_MESSAGE = gettext_lazy(
    "Line {line}: a load of {load} kg is more than the {limit} kg we store."
)
JSON_LOAD_MESSAGE = gettext_lazy(
    "A set of {date} has a load of {load} kg, outside 0 to {limit} kg."
)
UNKNOWN_UNIT_MESSAGE = gettext_lazy("Pick the unit the file's weights are in.")
TOO_MANY_SLOTS_MESSAGE = gettext_lazy(
    "The session of {date} would have more than {limit} exercises with this file's: "
    "we keep {limit} at most in one session."
)


@dataclass(frozen=True)
class Choice:
    """What to do with an exercise name the catalogue does not know."""

    action: str  # SKIP, CREATE or MAP
    exercise: Exercise | None = None  # MAP
    muscle: str | None = None  # CREATE


@dataclass(frozen=True)
class NameRow:
    name: str
    sets: int
    exercise: Exercise | None


@dataclass(frozen=True)
class Preview:
    format_label: str
    workouts: int
    sets: int
    first: dt.date
    last: dt.date
    skipped: dict[str, int]
    known: list[NameRow]
    unknown: list[NameRow]
    # Sets the confirmation writes with the preview's choices (None: it would refuse).
    new_sets: int | None
    already_imported: int  # sets of kept exercises already in the athlete's history
    joining: int  # workouts on a date that already has a session
    missing_rir: int  # of the sets to write
    needs_unit: bool
    refused: str | None = None  # why the confirmation would write nothing
    units: UnitReadings | None = None  # when the file does not say its unit


@dataclass(frozen=True)
class ImportResult:
    sessions_created: int
    sessions_joined: int
    sets_created: int
    exercises_created: int
    sets_already_here: int = 0


def set_uuid(*, athlete_id: int, logged: ImportedSet) -> uuid.UUID:
    if logged.uuid is not None:
        return logged.uuid
    return uuid.uuid5(IMPORT_NAMESPACE, f"{athlete_id}\x1f{logged.identity}")


def _chunks(items: list, size: int = QUERY_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _taken_uuids(*, athlete, uuids: list[uuid.UUID], chosen_by_file: bool) -> dict:
    """The UUIDs already logged, each with its athlete.

    The athlete's own set logs are read in one query. A CSV's UUIDs are made from the
    athlete's id (uuid5), so no one else can hold them; only UUIDs a file chose (our JSON)
    are looked for among everyone's sets."""
    own = set(
        SetLog.objects.filter(prescription__session__athlete=athlete).values_list("uuid", flat=True)
    )
    taken = {key: athlete.pk for key in uuids if key in own}
    if chosen_by_file:
        others = [key for key in uuids if key not in own]
        for chunk in _chunks(others):
            taken.update(
                SetLog.objects.filter(uuid__in=chunk).values_list(
                    "uuid", "prescription__session__athlete_id"
                )
            )
    return taken


def _sessions_on(*, athlete, dates: Iterable[dt.date]) -> dict[dt.date, Session]:
    """The athlete's sessions on these dates, read in one query over their span."""
    dates = set(dates)
    if not dates:
        return {}
    span = Session.objects.filter(athlete=athlete, date__range=(min(dates), max(dates)))
    return {
        session.date: session
        for session in span.annotate(last_order=Max("prescriptions__order"))
        if session.date in dates
    }


def name_rows(*, athlete, parsed: ParsedFile) -> tuple[list[NameRow], list[NameRow]]:
    """The file's exercise names the athlete's catalogue knows, and those it does not (most
    sets first): the choices the confirm asks for, without the rest of the preview's work."""
    names = parsed.exercise_names()
    matched = match_names(names=names, catalogue=Exercise.objects.visible_to(athlete))
    rows = [NameRow(name, count, matched.get(name)) for name, count in names.items()]
    known = [row for row in rows if row.exercise]
    unknown = sorted((row for row in rows if not row.exercise), key=lambda r: -r.sets)
    return known, unknown


def default_choices(names: Iterable[str]) -> dict[str, Choice]:
    """The preview's choice for each unknown name: create what still looks like a leg
    exercise, with its likely muscle; skip the rest."""
    choices = {}
    for name in names:
        muscle = guess_leg_muscle(name=name)
        choices[name] = Choice(CREATE, muscle=muscle) if muscle else Choice(SKIP)
    return choices


def _chosen_exercises(
    *,
    matched: dict[str, Exercise],
    names: Iterable[str],
    choices: dict[str, Choice],
    create: Callable[[str, str], Exercise],
) -> dict[str, Exercise | None]:
    """Each name of the file → its exercise (None: skipped): the catalogue's match, else
    what the athlete chose, ``create`` making the exercises to create."""
    exercises: dict[str, Exercise | None] = dict(matched)
    for name in names:
        if name in exercises:
            continue
        choice = choices.get(name, Choice(SKIP))
        if choice.action == MAP:
            exercises[name] = choice.exercise
        elif choice.action == CREATE:
            exercises[name] = create(name, choice.muscle)
        else:
            exercises[name] = None
    return exercises


def _stand_in(name: str, muscle: str) -> Exercise:
    """An exercise the confirmation would create, unsaved: the preview counts its sets."""
    return Exercise(name=name, primary_muscle=muscle, mechanics=guess_mechanics(name=name))


def build_preview(
    *,
    athlete,
    parsed: ParsedFile,
    names: tuple[list[NameRow], list[NameRow]] | None = None,
    choices: dict[str, Choice] | None = None,
    unit: str | None = None,
) -> Preview:
    """What the preview page shows; ``names`` when the caller has matched them already.

    Its counts come from the same plan the confirmation writes, made with ``choices``
    (the defaults when None) and ``unit`` (the athlete's when None): what the button
    promises is what the confirmation writes."""
    known, unknown = names or name_rows(athlete=athlete, parsed=parsed)
    if choices is None:
        choices = default_choices(row.name for row in unknown)
    exercises = _chosen_exercises(
        matched={row.name: row.exercise for row in known},
        names=parsed.exercise_names(),
        choices=choices,
        create=_stand_in,
    )
    facts, taken = _read_known(
        athlete=athlete,
        parsed=parsed,
        unit=unit or athlete.unit,
        exercises=exercises,
        file_assignments=[],
    )
    dates = [session.date for session in parsed.sessions]
    refused, plan = None, None
    if not facts.assignments:
        refused = NO_PROGRAM_MESSAGE
    elif any(owner != athlete.pk for owner in taken.values()):
        refused = OTHER_ACCOUNT_MESSAGE
    else:
        try:
            plan = plan_import(parsed=parsed, known=facts)
        except ImportRefused as refusal:
            refused = refusal.message
    return Preview(
        format_label=parsed.label,
        workouts=parsed.workouts,
        sets=parsed.set_count,
        first=min(dates),
        last=max(dates),
        skipped=parsed.skipped,
        known=known,
        unknown=unknown,
        new_sets=len(plan.set_logs) if plan else None,
        already_imported=plan.already_here if plan else 0,
        joining=len(facts.sessions),
        missing_rir=plan.missing_rir if plan else 0,
        needs_unit=parsed.needs_unit,
        refused=refused,
        units=unit_readings(parsed=parsed, exercises=exercises, unit=unit or athlete.unit),
    )


def _free_name(display: str, *, athlete) -> str:
    """The name as the file spells it (cut to the column), or with a number when the
    athlete has it already: names that share their first 80 characters each get their own."""
    stem = display[: MAX_NAME - 16]
    taken = set(
        Exercise.objects.filter(owner=athlete, name__startswith=stem).values_list("name", flat=True)
    )
    if display not in taken:
        return display
    suffix = 1
    while (candidate := f"{stem} (imported {suffix})") in taken:
        suffix += 1
    return candidate


def _create_exercise(*, athlete, name: str, muscle: str) -> Exercise:
    """The athlete's own exercise: theirs and their coach's to see, no one else's."""
    key = normalise(name)
    equipment = next(
        (value for value in Equipment.values if value in key.split()), Equipment.MACHINE
    )
    base = slugify(name)[:70] or "exercise"
    slug, suffix = base, 1
    taken_slugs = set(Exercise.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in taken_slugs:
        suffix += 1
        slug = f"{base}-{suffix}"
    display = _free_name(name.strip()[:MAX_NAME], athlete=athlete)
    return Exercise.objects.create(
        owner=athlete,
        name=display,
        slug=slug,
        primary_muscle=Muscle(muscle),
        mechanics=guess_mechanics(name=name),
        equipment=equipment,
    )


def _resolve_exercises(
    *, athlete, names: Iterable[str], choices: dict[str, Choice]
) -> tuple[dict[str, Exercise | None], int]:
    """Each name of the file → its exercise (None: skipped), and how many were created."""
    names = list(names)
    created = []

    def create(name: str, muscle: str) -> Exercise:
        created.append(_create_exercise(athlete=athlete, name=name, muscle=muscle))
        return created[-1]

    exercises = _chosen_exercises(
        matched=match_names(names=names, catalogue=Exercise.objects.visible_to(athlete)),
        names=names,
        choices=choices,
        create=create,
    )
    return exercises, len(created)


def _assignment_for(assignments: list[Assignment], day: dt.date) -> Assignment:
    covering = [a for a in assignments if a.covers(day)]
    if covering:
        return covering[0]
    return min(assignments, key=lambda a: abs((a.start_date - day).days))


def _json_assignments(*, athlete, parsed: ParsedFile) -> list[Assignment]:
    """The file's assignments as the athlete's: matched by program and start, else made.

    Never with a coach: a coach is linked only through their own invitation.
    """
    mine = list(Assignment.objects.filter(athlete=athlete).select_related("program"))
    programs = {program.name: program for program in Program.objects.all()}
    default = next((p for p in programs.values() if p.is_default), None)
    result = []
    for imported in parsed.assignments:
        program = programs.get(imported.program, default)
        same = next(
            (
                a
                for a in mine
                if a.program_id == getattr(program, "pk", None)
                and a.start_date == imported.start_date
            ),
            None,
        )
        open_one = next((a for a in mine if a.end_date is None), None)
        if same is None and program is not None and not (imported.end_date is None and open_one):
            same = Assignment.objects.create(
                athlete=athlete,
                program=program,
                weekday_one=imported.weekday_one,
                weekday_two=imported.weekday_two,
                start_date=imported.start_date,
                end_date=imported.end_date,
            )
            mine.append(same)
        result.append(same or open_one)
    return result


def _load_kg(*, logged: ImportedSet, unit: str, date: dt.date, memo: dict) -> Decimal:
    key = (logged.load, logged.unit or unit)
    if key in memo:  # a file repeats its loads: each is converted once
        return memo[key]
    load = to_kg(load=logged.load, unit=logged.unit or unit)
    if not 0 <= load <= MAX_LOAD_KG:
        if logged.line is not None:
            raise ImportRefused(
                LOAD_TOO_HEAVY_MESSAGE.format(line=logged.line, load=load, limit=MAX_LOAD_KG)
            )
        raise ImportRefused(JSON_LOAD_MESSAGE.format(date=date, load=load, limit=MAX_LOAD_KG))
    memo[key] = load
    return load


def _described_slot(sets: list[_LogRow], *, order: int) -> dict:
    """An imported exercise's copied prescription, from what was done."""
    reps = [
        weaker_leg_reps(reps=s.reps, reps_left=s.reps_left, reps_right=s.reps_right) for s in sets
    ] or [1]
    low = min(max(min(reps), 1), MAX_REPS)
    return {
        "order": order,
        "sets_min": min(len(sets), MAX_SETS) or 1,
        "sets_max": min(len(sets), MAX_SETS) or 1,
        "reps_min": low,
        "reps_max": max(low, min(max(reps), MAX_REPS)),
        "per_leg": any(s.reps is None for s in sets),
    }


def _day_of(*, session: ImportedSession, program: Program, exercises) -> tuple[int, DayTemplate]:
    if session.day_number in (1, 2):
        number = session.day_number
    else:
        # The guide's Day 1 is the compound day: most sets on compound lifts make a Day 1.
        kinds = Counter(
            exercises[p.exercise].mechanics
            for p in session.prescriptions
            for _ in p.sets
            if exercises.get(p.exercise)
        )
        number = 1 if kinds[Mechanics.COMPOUND] >= kinds[Mechanics.ISOLATION] else 2
    return number, (program.day_one if number == 1 else program.day_two)


@dataclass(frozen=True)
class Known:
    """What the plan needs from the database, read before it: the plan itself reads and
    writes nothing."""

    athlete_id: int
    zone: dt.tzinfo
    unit: str  # the unit of loads the file does not give one for
    exercises: dict[str, Exercise | None]  # each name of the file (None: skipped)
    assignments: list[Assignment]  # the athlete's, with their programs' day templates
    file_assignments: list[Assignment]  # our JSON's, by its index
    templates: dict[str, DayTemplate]  # by name
    sessions: dict[dt.date, Session]  # the athlete's on the file's dates, with last_order
    uuids: dict[int, uuid.UUID]  # each set of the file (by id()) → its UUID
    taken: set[uuid.UUID]  # UUIDs already logged


def set_uuids(*, athlete_id: int, parsed: ParsedFile) -> dict[int, uuid.UUID]:
    return {
        id(logged): set_uuid(athlete_id=athlete_id, logged=logged)
        for _, logged in parsed.all_sets()
    }


def _logs(
    *, prescription, date: dt.date, known: Known, used: set[uuid.UUID], loads: dict
) -> tuple[list[_LogRow], int, int]:
    """The slot's sets not already logged, of exercises the athlete keeps; how many of
    those kept were logged before, and how many to write have no RPE."""
    logs, already, missing_rir = [], 0, 0
    for logged in prescription.sets:
        trained = known.exercises.get(logged.exercise or prescription.exercise)
        key = known.uuids[id(logged)]
        if trained is None:
            continue
        if key in used:
            # A row the file repeats is neither new nor already here.
            already += key in known.taken
            continue
        used.add(key)
        missing_rir += logged.rir is None
        logs.append(
            _LogRow(
                key,
                trained.pk,
                logged.set_number,
                logged.reps,
                logged.reps_left,
                logged.reps_right,
                _load_kg(logged=logged, unit=known.unit, date=date, memo=loads),
                logged.rir,  # None: not recorded, never made up
                _aware(logged.logged_at, known.zone),
                logged.note,
                logged.actual_rir,
            )
        )
    return logs, already, missing_rir


def _new_session(*, imported: ImportedSession, known: Known) -> Session:
    assignment = None
    if imported.assignment is not None and known.file_assignments:
        assignment = known.file_assignments[imported.assignment]
    assignment = assignment or _assignment_for(known.assignments, imported.date)
    program = next(a for a in known.assignments if a.pk == assignment.pk).program
    number, template = _day_of(session=imported, program=program, exercises=known.exercises)
    template = known.templates.get(imported.day_template or "", template)
    session = Session(
        athlete_id=known.athlete_id,
        assignment_id=assignment.pk,
        day_template_id=template.pk,
        date=imported.date,
        day_number=number,
        name=imported.name or template.name,
        focus=imported.focus or template.focus,
    )
    session.last_order = 0
    return session


def _add_slots(
    plan: writing.ImportPlan,
    *,
    session: Session,
    pending: list,
    fresh: bool,
    order: int,
    exercises: dict[str, Exercise | None],
) -> int:
    """Add the session's imported slots and their sets to ``plan``; the last order used."""
    for prescription, exercise, logs in pending:
        if prescription.fields and fresh:
            fields = dict(prescription.fields)
            order = max(order, fields["order"])
        else:
            order += 1
            fields = _described_slot(logs, order=order)
        swapped = exercises.get(prescription.swapped_to) if prescription.swapped_to else None
        copy = SessionPrescription(
            exercise_id=exercise.pk,
            swapped_to_id=swapped.pk if swapped else None,
            source_id=None,
            **fields,
        )
        alternatives = [
            exercises[name].pk for name in prescription.alternatives if exercises.get(name)
        ]
        # A set of another exercise (an alternative the coach removed since, a file edited
        # by hand) keeps its exercise: it becomes one of the slot's alternatives, as the
        # database asks of every set.
        counted = {exercise.pk, swapped.pk if swapped else None, *alternatives}
        alternatives += dict.fromkeys(
            log.exercise_id for log in logs if log.exercise_id not in counted
        )
        plan.prescriptions.append((session, copy, alternatives))
        plan.set_logs.extend((copy, log) for log in logs)
    return order


def plan_import(*, parsed: ParsedFile, known: Known) -> writing.ImportPlan:
    """What importing ``parsed`` writes: the sessions to create, the copied prescriptions
    and the set logs. Refused (ImportRefused) when a load or a session's slots are out of
    bounds."""
    plan = writing.ImportPlan()
    sessions = dict(known.sessions)
    next_order: dict[dt.date, int] = {}
    used, loads = set(known.taken), {}
    for imported in parsed.sessions:
        session = sessions.get(imported.date)
        fresh = session is None
        pending = []
        for prescription in imported.prescriptions:
            exercise = known.exercises.get(prescription.exercise)
            logs, already, missing_rir = _logs(
                prescription=prescription, date=imported.date, known=known, used=used, loads=loads
            )
            if exercise is None:
                continue
            plan.already_here += already
            if not (logs or (fresh and prescription.fields)):
                continue
            plan.missing_rir += missing_rir
            pending.append((prescription, exercise, logs))
        if not pending:
            continue
        if session is None:
            session = sessions[imported.date] = _new_session(imported=imported, known=known)
            plan.sessions.append(session)
        elif session.pk:
            plan.joined.add(session.pk)
        order = next_order.get(imported.date, session.last_order or 0)
        order = _add_slots(
            plan,
            session=session,
            pending=pending,
            fresh=fresh,
            order=order,
            exercises=known.exercises,
        )
        if order > MAX_SLOT_ORDER:
            raise ImportRefused(
                TOO_MANY_SLOTS_MESSAGE.format(date=imported.date, limit=MAX_SLOT_ORDER)
            )
        next_order[imported.date] = order
    return plan


@transaction.atomic
def import_history(
    *, athlete, parsed: ParsedFile, unit: str | None, choices: dict[str, Choice]
) -> ImportResult:
    """Write the file's sessions and sets not already there; all of it or nothing."""
    if parsed.needs_unit and unit not in Unit.values:
        raise ImportRefused(UNKNOWN_UNIT_MESSAGE)
    exercises, created_exercises = _resolve_exercises(
        athlete=athlete, names=parsed.exercise_names(), choices=choices
    )
    # Only our JSON brings assignments.
    file_assignments = (
        _json_assignments(athlete=athlete, parsed=parsed) if parsed.assignments else []
    )
    known, taken = _read_known(
        athlete=athlete,
        parsed=parsed,
        unit=unit or athlete.unit,
        exercises=exercises,
        file_assignments=file_assignments,
    )
    if not known.assignments:
        raise ImportRefused(NO_PROGRAM_MESSAGE)
    if any(owner != athlete.pk for owner in taken.values()):
        raise ImportRefused(OTHER_ACCOUNT_MESSAGE)
    plan = plan_import(parsed=parsed, known=known)
    writing.write_import(plan)
    _write_test_set_choices(athlete=athlete, parsed=parsed, exercises=exercises)
    return ImportResult(
        sessions_created=len(plan.sessions),
        sessions_joined=len(plan.joined),
        sets_created=len(plan.set_logs),
        exercises_created=created_exercises,
        sets_already_here=plan.already_here,
    )


def _write_test_set_choices(
    *, athlete, parsed: ParsedFile, exercises: dict[str, Exercise | None]
) -> None:
    """The file's word on test sets, on the exercises it brings; a word the athlete has
    already said on an exercise is theirs and stays."""
    CalibrationChoice.objects.bulk_create(
        [
            CalibrationChoice(athlete=athlete, exercise=exercises[name], planned=planned)
            for name, planned in parsed.test_set_choices
            if exercises.get(name) is not None
        ],
        ignore_conflicts=True,
    )


def _read_known(
    *,
    athlete,
    parsed: ParsedFile,
    unit: str,
    exercises: dict[str, Exercise | None],
    file_assignments: list[Assignment],
) -> tuple[Known, dict]:
    """What the plan needs from the database, and the UUIDs already taken with their
    athlete: read the same way for the preview's counts and for the write."""
    assignments = list(
        Assignment.objects.filter(athlete=athlete).select_related(
            "program__day_one", "program__day_two"
        )
    )
    templates = {template.name: template for template in DayTemplate.objects.all()}
    uuids = set_uuids(athlete_id=athlete.pk, parsed=parsed)
    taken = _taken_uuids(
        athlete=athlete, uuids=list(uuids.values()), chosen_by_file=parsed.chooses_uuids
    )
    known = Known(
        athlete_id=athlete.pk,
        zone=athlete.zone,
        unit=unit,
        exercises=exercises,
        assignments=assignments,
        file_assignments=file_assignments,
        templates=templates,
        sessions=_sessions_on(athlete=athlete, dates=[s.date for s in parsed.sessions]),
        uuids=uuids,
        taken=set(taken),
    )
    return known, taken


def _aware(moment: dt.datetime, zone) -> dt.datetime:
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zone)
