"""Reading a history file: Strong (both layouts), Hevy, FitNotes CSV and our own JSON.

Plain functions over bytes and text: no request, no database. A file that cannot be read
raises `ImportRefused` with a message naming the line and the problem; nothing is ever
half read. What comes out is the file's workouts as sessions of exercises and sets, the
names as the file spells them (exercise names are matched to the catalogue later, loads
converted once the unit is known).
"""

import csv
import datetime as dt
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from uuid import UUID

from django.core.validators import MaxValueValidator

from programs.bounds import EARLIEST_DATE, MAX_SETS, MAX_SLOT_ORDER, latest_date
from programs.models import (
    DOSE_FIELDS,
    MAX_TARGET_RIR,
    Focus,
    SessionPrescription,
    days_spread_apart,
)
from programs.numbers import MAX_DIGITS, parse_whole_number
from tracking.models import MAX_LOAD_KG, MAX_REPS, MAX_RIR

FOCUSES = set(Focus.values)

STRONG = "strong"
STRONG_LEGACY = "strong_legacy"
HEVY = "hevy"
FITNOTES = "fitnotes"
LEGPLANNER = "legplanner"
FORMAT_LABELS = {
    STRONG: "Strong CSV",
    STRONG_LEGACY: "Strong CSV (older layout, with Weight Unit)",
    HEVY: "Hevy CSV",
    FITNOTES: "FitNotes CSV",
    LEGPLANNER: "Legplanner JSON",
}
JSON_FORMAT_NAME = "legplanner"
JSON_VERSION = 1

# Why a row is not a set, as the preview counts them.
SKIPPED_REST = "rest timers"
SKIPPED_WARM_UP = "warm-up sets"
SKIPPED_TIMED = "timed or distance sets (no reps)"

# Our Strong export writes a per-leg set as two rows with these notes; reading them back
# makes one set with both legs again.
LEFT_LEG_NOTE = "Left leg"
RIGHT_LEG_NOTE = "Right leg"

# Workouts whose file gives a day and no time (FitNotes) are put at midday.
DAY_ONLY_TIME = dt.time(12)
# Sets of a workout with no duration are put a few minutes apart, in the file's order.
MINUTES_BETWEEN_SETS = 3
MAX_NOTE = 200
MAX_NAME = 80
# A workout's duration only spreads its sets' times; one longer than a day is a typo.
MAX_DURATION = dt.timedelta(hours=24)
# A number cell longer than this is no weight, RPE or distance anyone typed (and Decimal
# would happily read a 5,000-digit one, then take its time comparing it).
MAX_NUMBER_TEXT = 32
# Distinct exercise names in one file: each is a choice on the preview page.
MAX_NAMES = 2000
# Spreadsheets run a cell that starts with one of these; our export puts a ' before it
# (OWASP's advice), and reading it back takes the ' away again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EMPTY_MESSAGE = "The file is empty."
NO_SETS_MESSAGE = "The file has no sets to import: only its header, or rows that are not sets."
NOT_UTF8_MESSAGE = (
    "Line {line}: the file is not UTF-8 text. Export it again as CSV in UTF-8 "
    "(the default of Strong, Hevy and FitNotes)."
)
UNKNOWN_FORMAT_MESSAGE = (
    "This file's columns are not those of a format we read. We read: "
    "Strong's CSV export (Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,…, "
    "or the older Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;…), "
    "Hevy's CSV export (title,start_time,exercise_title,…,weight_kg or weight_lbs,reps,…), "
    "FitNotes' CSV export (Date,Exercise,Category,Weight (kgs) or Weight (lbs),Reps,…) "
    "and Legplanner's own JSON export."
)
FIELD_COUNT_MESSAGE = "Line {line}: {found} fields where the header has {expected}."
BAD_CSV_MESSAGE = "Line {line}: {problem}."
BAD_DATE_MESSAGE = "Line {line}: the date “{value}” is not a date we read (such as {example})."
BAD_NUMBER_MESSAGE = "Line {line}: the {column} “{value}” is not a number."
BAD_WHOLE_MESSAGE = "Line {line}: the {column} “{value}” is not a whole number."
OUT_OF_RANGE_MESSAGE = "Line {line}: the {column} {value} is out of range ({low} to {high})."
MISSING_MESSAGE = "Line {line}: the {column} is empty."
BAD_UNIT_MESSAGE = "Line {line}: the weight unit “{value}” is neither kg nor lbs."
BAD_JSON_MESSAGE = "Line {line}: this is not valid JSON ({problem})."
JSON_NOT_OURS_MESSAGE = (
    "This JSON file is not a Legplanner export (its “format” is not “legplanner”)."
)
JSON_VERSION_MESSAGE = "This Legplanner export is version {version}; we read version 1."
JSON_FIELD_MESSAGE = "{path}: {problem}."
JSON_TOO_DEEP_MESSAGE = "This JSON file is nested too deeply to be a Legplanner export."
JSON_BIG_NUMBER_MESSAGE = (
    "This JSON file has a number of more than {digits} digits: no value we keep is that long."
)
JSON_NO_SESSIONS_MESSAGE = "This Legplanner export has no sessions to import."
DATE_OUT_OF_RANGE_MESSAGE = (
    "Line {line}: the date {value} is outside the dates we keep ({low} to {high})."
)
JSON_DATE_OUT_OF_RANGE = "{value} is outside the dates we keep ({low} to {high})"
TOO_MANY_SETS_MESSAGE = (
    "Line {line}: more than {limit} sets of “{exercise}” on {date}; we keep {limit} at most "
    "per exercise and session."
)
TOO_MANY_NAMES_MESSAGE = (
    "The file names more than {limit} different exercises: split it, or export a shorter period."
)


class ImportRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class ImportedSet:
    set_number: int
    reps: int | None
    reps_left: int | None
    reps_right: int | None
    load: Decimal
    # "kg" or "lb"; None when the file does not say (Strong's current layout): the
    # athlete picks the unit in the preview.
    unit: str | None
    rir: int | None
    # Naive: the athlete's local time, as other apps write it. Aware in our JSON.
    logged_at: dt.datetime
    note: str = ""
    line: int | None = None
    # What makes the row the same row in a second import of the same file (CSV).
    identity: str = ""
    uuid: UUID | None = None  # our JSON's
    exercise: str | None = None  # our JSON's: the exercise trained, after a swap


@dataclass
class ImportedPrescription:
    exercise: str  # as the file names it
    sets: list[ImportedSet]
    fields: dict | None = None  # our JSON's copied prescription
    alternatives: tuple[str, ...] = ()
    swapped_to: str | None = None


@dataclass
class ImportedSession:
    date: dt.date
    name: str
    prescriptions: list[ImportedPrescription]
    day_number: int | None = None
    day_template: str | None = None
    focus: str | None = None
    assignment: int | None = None  # our JSON's: an index into its assignments


@dataclass(frozen=True)
class ImportedAssignment:
    program: str
    weekday_one: int
    weekday_two: int
    start_date: dt.date
    end_date: dt.date | None


@dataclass
class ParsedFile:
    format: str
    sessions: list[ImportedSession]
    workouts: int
    skipped: dict[str, int] = field(default_factory=dict)
    assignments: list[ImportedAssignment] = field(default_factory=list)
    needs_unit: bool = False

    @property
    def chooses_uuids(self) -> bool:
        """Our JSON brings its sets' UUIDs; other files' are made from the athlete's id."""
        return self.format == LEGPLANNER

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self.format]

    def all_sets(self):
        for session in self.sessions:
            for prescription in session.prescriptions:
                yield from ((prescription, logged) for logged in prescription.sets)

    @property
    def set_count(self) -> int:
        return sum(len(p.sets) for s in self.sessions for p in s.prescriptions)

    def exercise_names(self) -> Counter:
        """Each exercise name of the file, with its number of sets."""
        names = Counter()
        for prescription, logged in self.all_sets():
            names[logged.exercise or prescription.exercise] += 1
        for session in self.sessions:
            for prescription in session.prescriptions:
                for name in (prescription.exercise, *prescription.alternatives):
                    names.setdefault(name, 0)
                if prescription.swapped_to:
                    names.setdefault(prescription.swapped_to, 0)
        return names


# ---------------------------------------------------------------------------------------
# Text


def decode(content: bytes) -> str:
    if not content.strip():
        raise ImportRefused(EMPTY_MESSAGE)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportRefused(NOT_UTF8_MESSAGE.format(line=line)) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRefused(NOT_UTF8_MESSAGE.format(line=line))
    return text


def parse_file(content: bytes, *, today: dt.date | None = None) -> ParsedFile:
    """The file's sessions, whichever format it is in; refused with the reason otherwise.

    ``today`` bounds the dates (a year ahead at most); it defaults to the machine's date.
    """
    text = decode(content)
    today = today or dt.date.today()
    if text.lstrip().startswith("{"):
        parsed = parse_legplanner_json(text, today=today)
    else:
        parsed = parse_csv(text, today=today)
    if len(parsed.exercise_names()) > MAX_NAMES:
        raise ImportRefused(TOO_MANY_NAMES_MESSAGE.format(limit=f"{MAX_NAMES:,}"))
    return parsed


def unescape_formula(text: str) -> str:
    """A cell our export escaped ('=…), as it was written."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


# ---------------------------------------------------------------------------------------
# CSV layouts


@dataclass(frozen=True)
class Layout:
    format: str
    columns: dict[str, str]  # role → column name in this file
    unit: str | None  # the unit all loads are in, when the header says it


# Each role, with the column names that carry it in each format. A format is recognised
# when every one of its required roles has a column.
_STRONG_ROLES = {
    "date": ["Date"],
    "workout": ["Workout Name"],
    "exercise": ["Exercise Name"],
    "order": ["Set Order"],
    "weight": ["Weight"],
    "reps": ["Reps"],
}
_FORMATS = [
    (
        STRONG_LEGACY,
        {**_STRONG_ROLES, "weight_unit": ["Weight Unit"]},
        {
            "duration": ["Workout Duration", "Duration"],
            "distance": ["Distance"],
            "seconds": ["Seconds"],
            "note": ["Notes"],
            "rpe": ["RPE"],
        },
    ),
    (
        STRONG,
        _STRONG_ROLES,
        {
            "duration": ["Duration"],
            "distance": ["Distance"],
            "seconds": ["Seconds"],
            "note": ["Notes"],
            "rpe": ["RPE"],
        },
    ),
    (
        HEVY,
        {
            "workout": ["title"],
            "date": ["start_time"],
            "exercise": ["exercise_title"],
            "weight": ["weight_kg", "weight_lbs"],
            "reps": ["reps"],
        },
        {
            "end": ["end_time"],
            "order": ["set_index"],
            "set_type": ["set_type"],
            "distance": ["distance_km", "distance_miles"],
            "seconds": ["duration_seconds"],
            "note": ["exercise_notes"],
            "rpe": ["rpe"],
        },
    ),
    (
        FITNOTES,
        {
            "date": ["Date"],
            "exercise": ["Exercise"],
            "weight": ["Weight (kgs)", "Weight (kg)", "Weight (lbs)", "Weight (lb)"],
            "reps": ["Reps"],
        },
        {"distance": ["Distance"], "seconds": ["Time"], "note": ["Comment"]},
    ),
]
_UNIT_OF_COLUMN = {
    "weight_kg": "kg",
    "weight_lbs": "lb",
    "Weight (kgs)": "kg",
    "Weight (kg)": "kg",
    "Weight (lbs)": "lb",
    "Weight (lb)": "lb",
}


def detect_layout(header: list[str]) -> Layout:
    present = {name.strip() for name in header}
    for format_, required, optional in _FORMATS:
        columns = {}
        for role, candidates in {**required, **optional}.items():
            found = next((name for name in candidates if name in present), None)
            if found:
                columns[role] = found
        if all(role in columns for role in required):
            return Layout(format_, columns, _UNIT_OF_COLUMN.get(columns["weight"]))
    raise ImportRefused(UNKNOWN_FORMAT_MESSAGE)


@dataclass(slots=True)
class _Row:
    line: int
    workout_key: str
    started: dt.datetime
    duration: dt.timedelta | None
    workout_name: str
    exercise: str
    order: int | None
    reps: int
    load: Decimal
    unit: str | None
    rir: int | None
    note: str
    reps_left: int | None = None
    reps_right: int | None = None


_STRONG_DATES = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d"]
_HEVY_DATES = ["%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
_FITNOTES_DATES = ["%Y-%m-%d"]
_DATES = {
    STRONG: _STRONG_DATES,
    STRONG_LEGACY: _STRONG_DATES,
    HEVY: _HEVY_DATES,
    FITNOTES: _FITNOTES_DATES,
}
_DATE_EXAMPLES = {
    STRONG: "2024-03-05 18:30:00",
    STRONG_LEGACY: "2024-03-05 18:30:00",
    HEVY: "5 Mar 2024, 18:30",
    FITNOTES: "2024-03-05",
}
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def _date(raw: str, *, format_: str, line: int, today: dt.date) -> dt.datetime:
    value = raw.replace("\u202f", " ").strip()
    for pattern in _DATES[format_]:
        try:
            moment = dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        high = latest_date(today=today)
        if not EARLIEST_DATE <= moment.date() <= high:
            raise ImportRefused(
                DATE_OUT_OF_RANGE_MESSAGE.format(
                    line=line, value=moment.date(), low=EARLIEST_DATE, high=high
                )
            )
        return moment
    example = _DATE_EXAMPLES[format_]
    raise ImportRefused(BAD_DATE_MESSAGE.format(line=line, value=raw, example=example))


def _duration(raw: str) -> dt.timedelta | None:
    """Strong writes "1h 5m", "45m" or "50s"; a bare number is seconds. Unreadable or
    longer than a day: None, since the duration only spreads the sets' times over the
    workout."""
    value = raw.strip()
    if not value:
        return None
    seconds = parse_whole_number(value)
    if seconds is not None:
        duration = dt.timedelta(seconds=min(seconds, MAX_DURATION.total_seconds() + 1))
    else:
        match = _DURATION.match(value)
        if not match or not any(match.groups()):
            return None
        parts = [parse_whole_number(part or "0", max_digits=6) for part in match.groups()]
        if None in parts:
            return None
        hours, minutes, seconds = parts
        duration = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return duration if duration <= MAX_DURATION else None


def _decimal(raw: str, *, column: str, line: int) -> Decimal | None:
    value = raw.strip()
    if not value:
        return None
    if "," in value and "." not in value:
        value = value.replace(",", ".")  # a decimal comma (the semicolon layout)
    number = None
    if len(value) <= MAX_NUMBER_TEXT and value.isascii():
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
    # An exponent (1e23) passes Decimal but is no one's weight: only plain notation.
    if number is None or not number.is_finite() or "e" in value.casefold():
        raise ImportRefused(BAD_NUMBER_MESSAGE.format(line=line, column=column, value=raw))
    return number


def _whole(raw: str, *, column: str, line: int) -> int | None:
    """A whole number in ASCII digits; "12.0" too, as spreadsheets write it."""
    value = raw.strip()
    if not value:
        return None
    digits, point, zeros = value.partition(".")
    number = parse_whole_number(digits)
    if number is None or (point and zeros.strip("0")):
        raise ImportRefused(BAD_WHOLE_MESSAGE.format(line=line, column=column, value=raw))
    return number


def _check_range(value, *, column: str, line: int, low, high) -> None:
    if not low <= value <= high:
        raise ImportRefused(
            OUT_OF_RANGE_MESSAGE.format(line=line, column=column, value=value, low=low, high=high)
        )


def rir_from_rpe(rpe: Decimal) -> int:
    """RPE 10 is failure: RIR = 10 − RPE, to the nearest whole rep (8.5 → 2)."""
    return int((Decimal(10) - rpe).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _memo(memo: dict, function, raw: str, **context):
    """``function(raw, **context)``, computed once per distinct cell: a history file repeats
    its dates, reps and weights on every row, and strptime is the slowest step of a row.
    Refusals are not kept (they name the line), so every bad cell still raises."""
    key = (function, raw)
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = function(raw, **context)
        return value


def _read_row(
    values: dict[str, str], *, layout: Layout, line: int, today: dt.date, memo: dict
) -> _Row | str:
    """One row as a set, or the reason it is not one."""
    cols = layout.columns

    def get(role: str) -> str:
        return values.get(cols[role], "") if role in cols else ""

    format_ = layout.format
    raw_order = get("order").strip()
    order = None
    if format_ in (STRONG, STRONG_LEGACY):
        if raw_order.casefold() == "rest timer":
            return SKIPPED_REST
        if raw_order.upper() == "W":
            return SKIPPED_WARM_UP
        order = parse_whole_number(raw_order)
        if order is None and raw_order.upper() not in ("D", "F", ""):
            raise ImportRefused(
                BAD_WHOLE_MESSAGE.format(line=line, column="set order", value=raw_order)
            )
    elif format_ == HEVY:
        if get("set_type").strip().casefold() in ("warmup", "warm-up", "warm up"):
            return SKIPPED_WARM_UP
        index = _memo(memo, _whole, raw_order, column="set index", line=line)
        order = None if index is None else index + 1

    raw_date = get("date")
    if not raw_date.strip():
        raise ImportRefused(MISSING_MESSAGE.format(line=line, column="date"))
    started = _memo(memo, _date, raw_date, format_=format_, line=line, today=today)
    if format_ == FITNOTES:
        started = dt.datetime.combine(started.date(), DAY_ONLY_TIME)

    reps = _memo(memo, _whole, get("reps"), column="reps", line=line)
    distance = _memo(memo, _decimal, get("distance"), column="distance", line=line)
    seconds = _memo(memo, _decimal, get("seconds"), column="seconds", line=line)
    if not reps and ((distance or 0) > 0 or (seconds or 0) > 0):
        return SKIPPED_TIMED
    if reps is None:
        raise ImportRefused(MISSING_MESSAGE.format(line=line, column="reps"))
    _check_range(reps, column="reps", line=line, low=0, high=MAX_REPS)

    load = _memo(memo, _decimal, get("weight"), column="weight", line=line) or Decimal(0)
    _check_range(load, column="weight", line=line, low=0, high=Decimal(10_000))
    unit = layout.unit
    if format_ == STRONG_LEGACY:
        raw_unit = get("weight_unit").strip().casefold()
        if raw_unit in ("kg", "kgs"):
            unit = "kg"
        elif raw_unit in ("lb", "lbs"):
            unit = "lb"
        elif raw_unit == "" and load == 0:
            unit = "kg"
        else:
            raise ImportRefused(BAD_UNIT_MESSAGE.format(line=line, value=get("weight_unit")))

    rpe = _memo(memo, _decimal, get("rpe"), column="RPE", line=line)
    rir = None
    if rpe is not None:
        _check_range(rpe, column="RPE", line=line, low=0, high=10)
        rir = min(rir_from_rpe(rpe), MAX_RIR)

    duration = None
    if format_ in (STRONG, STRONG_LEGACY):
        duration = _memo(memo, _duration, get("duration"))
    elif format_ == HEVY and get("end").strip():
        ended = _memo(memo, _date, get("end"), format_=format_, line=line, today=today)
        duration = ended - started if ended >= started else None

    workout_name = unescape_formula(get("workout").strip())
    key = f"{raw_date.strip()}\x1f{workout_name}" if format_ != FITNOTES else raw_date.strip()
    exercise = unescape_formula(get("exercise").strip())
    if not exercise:
        raise ImportRefused(MISSING_MESSAGE.format(line=line, column="exercise name"))
    return _Row(
        line=line,
        workout_key=key,
        started=started,
        duration=duration,
        workout_name=workout_name,
        exercise=exercise,
        order=order,
        reps=reps,
        load=load,
        unit=unit,
        rir=rir,
        note=unescape_formula(get("note").strip()),
    )


def _join_legs(rows: list[_Row]) -> list[_Row]:
    """Our export's two rows of a per-leg set ("Left leg", "Right leg") back into one."""
    joined, index = [], 0
    while index < len(rows):
        row = rows[index]
        after = rows[index + 1] if index + 1 < len(rows) else None
        if (
            after is not None
            and row.note.startswith(LEFT_LEG_NOTE)
            and after.note.startswith(RIGHT_LEG_NOTE)
            and (row.workout_key, row.exercise, row.order, row.load)
            == (after.workout_key, after.exercise, after.order, after.load)
        ):
            note = row.note.removeprefix(LEFT_LEG_NOTE).removeprefix(":").strip()
            row.reps_left, row.reps_right, row.note = row.reps, after.reps, note
            joined.append(row)
            index += 2
            continue
        joined.append(row)
        index += 1
    return joined


def _read_csv_rows(text: str, *, today: dt.date) -> tuple[Layout, list[_Row], Counter]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(EMPTY_MESSAGE) from None
    except csv.Error as error:
        raise ImportRefused(BAD_CSV_MESSAGE.format(line=1, problem=error)) from None
    layout = detect_layout(header)
    names = [name.strip() for name in header]
    rows, skipped, memo = [], Counter(), {}
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ImportRefused(
                BAD_CSV_MESSAGE.format(line=reader.line_num, problem=error)
            ) from None
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(names):
            raise ImportRefused(
                FIELD_COUNT_MESSAGE.format(line=line, found=len(values), expected=len(names))
            )
        read = _read_row(
            dict(zip(names, values, strict=True)),
            layout=layout,
            line=line,
            today=today,
            memo=memo,
        )
        if isinstance(read, str):
            skipped[read] += 1
        else:
            rows.append(read)
    return layout, rows, skipped


def _set_times(rows: list[_Row]) -> list[dt.datetime]:
    """Each set's time: spread over the workout's duration when the file gives one."""
    started, duration, count = rows[0].started, rows[0].duration, len(rows)
    if duration and count > 1:
        return [started + duration * index / (count - 1) for index in range(count)]
    step = dt.timedelta(minutes=MINUTES_BETWEEN_SETS)
    return [started + step * index for index in range(count)]


def parse_csv(text: str, *, today: dt.date) -> ParsedFile:
    layout, rows, skipped = _read_csv_rows(text, today=today)
    rows = _join_legs(rows)
    if not rows:
        raise ImportRefused(NO_SETS_MESSAGE)
    workouts: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        workouts[row.workout_key].append(row)

    sessions: dict[dt.date, ImportedSession] = {}
    groups: dict[tuple[dt.date, str], ImportedPrescription] = {}
    orders: dict[int, list[int | None]] = defaultdict(list)
    seen: Counter = Counter()
    for key, workout_rows in workouts.items():
        day = workout_rows[0].started.date()
        session = sessions.get(day)
        if session is None:
            name = workout_rows[0].workout_name[:MAX_NAME]
            session = sessions[day] = ImportedSession(date=day, name=name, prescriptions=[])
        running: Counter = Counter()
        for row, logged_at in zip(workout_rows, _set_times(workout_rows), strict=True):
            running[row.exercise] += 1
            order = row.order if row.order is not None else running[row.exercise]
            identity = (key, row.exercise, order)
            seen[identity] += 1
            prescription = groups.get((day, row.exercise))
            if prescription is None:
                prescription = groups[(day, row.exercise)] = ImportedPrescription(
                    exercise=row.exercise, sets=[]
                )
                session.prescriptions.append(prescription)
            orders[id(prescription)].append(order)
            per_leg = row.reps_left is not None
            prescription.sets.append(
                ImportedSet(
                    set_number=0,
                    reps=None if per_leg else row.reps,
                    reps_left=row.reps_left,
                    reps_right=row.reps_right,
                    load=row.load,
                    unit=row.unit,
                    rir=row.rir,
                    logged_at=logged_at,
                    note=row.note[:MAX_NOTE],
                    line=row.line,
                    identity="\x1f".join((*map(str, identity), str(seen[identity]))),
                )
            )
    for (day, exercise), prescription in groups.items():
        if len(prescription.sets) > MAX_SETS:
            raise ImportRefused(
                TOO_MANY_SETS_MESSAGE.format(
                    line=prescription.sets[MAX_SETS].line,
                    limit=MAX_SETS,
                    exercise=exercise,
                    date=day,
                )
            )
        numbers = orders[id(prescription)]
        keep = all(number is not None and 1 <= number <= MAX_SETS for number in numbers) and len(
            set(numbers)
        ) == len(numbers)
        for index, logged in enumerate(prescription.sets):
            logged.set_number = numbers[index] if keep else index + 1
    ordered = sorted(sessions.values(), key=lambda session: session.date)
    return ParsedFile(
        format=layout.format,
        sessions=ordered,
        workouts=len(workouts),
        skipped=dict(skipped),
        needs_unit=layout.unit is None and layout.format == STRONG,
    )


# ---------------------------------------------------------------------------------------
# Our JSON


class _Reader:
    """Typed reads of a decoded JSON value, each failure naming where it is."""

    def __init__(self, value, path: str, *, today: dt.date):
        self.value, self.path, self.today = value, path, today

    def fail(self, problem: str):
        raise ImportRefused(JSON_FIELD_MESSAGE.format(path=self.path, problem=problem))

    def __getitem__(self, key: str) -> "_Reader":
        if not isinstance(self.value, dict):
            self.fail("should be an object")
        if key not in self.value:
            self.fail(f"“{key}” is missing")
        return _Reader(self.value[key], f"{self.path}.{key}", today=self.today)

    def get(self, key: str, default=None) -> "_Reader":
        if isinstance(self.value, dict) and key in self.value:
            return self[key]
        return _Reader(default, f"{self.path}.{key}", today=self.today)

    def items(self) -> list["_Reader"]:
        if not isinstance(self.value, list):
            self.fail("should be a list")
        return [
            _Reader(item, f"{self.path}[{index}]", today=self.today)
            for index, item in enumerate(self.value)
        ]

    def text(self, *, blank: bool = True) -> str:
        if not isinstance(self.value, str) or (not blank and not self.value.strip()):
            self.fail("should be a text" if blank else "should be a text, not empty")
        return self.value

    def optional_text(self) -> str | None:
        return None if self.value is None else self.text()

    def whole(self, *, low: int = 0, high: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"“{self.value}” is not a whole number")
        if self.value < low or (high is not None and self.value > high):
            self.fail(f"{self.value} is out of range ({low} to {high})")
        return self.value

    def optional_whole(self, **bounds) -> int | None:
        return None if self.value is None else self.whole(**bounds)

    def decimal(self, *, low: Decimal, high: Decimal) -> Decimal:
        number = None
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            number = Decimal(self.value)
        elif isinstance(self.value, str) and len(self.value) <= MAX_NUMBER_TEXT:
            try:
                number = Decimal(self.value)
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite():
            self.fail(f"“{str(self.value)[:MAX_NUMBER_TEXT]}” is not a number")
        if not low <= number <= high:
            self.fail(f"{number} is out of range ({low} to {high})")
        return number

    def _bounded(self, day: dt.date) -> None:
        high = latest_date(today=self.today)
        if not EARLIEST_DATE <= day <= high:
            self.fail(JSON_DATE_OUT_OF_RANGE.format(value=day, low=EARLIEST_DATE, high=high))

    def date(self) -> dt.date:
        try:
            day = dt.date.fromisoformat(self.text())
        except ValueError:
            self.fail(f"“{self.value}” is not a date (such as 2024-03-05)")
        self._bounded(day)
        return day

    def optional_date(self) -> dt.date | None:
        return None if self.value is None else self.date()

    def moment(self) -> dt.datetime:
        try:
            moment = dt.datetime.fromisoformat(self.text())
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.fail(f"“{self.value}” is not a time with its offset (2024-03-05T18:30:00+00:00)")
        self._bounded(moment.date())
        return moment

    def uuid(self) -> UUID:
        try:
            return UUID(self.text())
        except ValueError:
            self.fail(f"“{self.value}” is not a UUID")


PRESCRIPTION_FIELDS = DOSE_FIELDS


def _field_high(name: str) -> int:
    """The highest value the model lets a copied prescription's field take."""
    field = SessionPrescription._meta.get_field(name)
    return min(v.limit_value for v in field.validators if isinstance(v, MaxValueValidator))


def _prescription_fields(item: _Reader) -> dict:
    fields = {
        name: item[name].whole(low=0, high=_field_high(name))
        for name in PRESCRIPTION_FIELDS
        if name not in ("per_leg", "tempo")
    }
    per_leg = item["per_leg"]
    if not isinstance(per_leg.value, bool):
        per_leg.fail("should be true or false")
    fields["per_leg"] = per_leg.value
    fields["tempo"] = item["tempo"].text()[:120]
    if not (
        1 <= fields["sets_min"] <= fields["sets_max"]
        and 1 <= fields["reps_min"] <= fields["reps_max"]
        and fields["rir_min"] <= fields["rir_max"] <= MAX_TARGET_RIR
    ):
        item.fail("the sets, reps or target RIR range is not a range we keep")
    return fields


def _is_focus(value) -> bool:
    return isinstance(value, str) and value in FOCUSES


def _json_int(text: str) -> int:
    number = parse_whole_number(text.removeprefix("-"))
    if number is None:
        raise ImportRefused(JSON_BIG_NUMBER_MESSAGE.format(digits=MAX_DIGITS))
    return -number if text.startswith("-") else number


def parse_legplanner_json(text: str, *, today: dt.date) -> ParsedFile:
    try:
        # Whole numbers through our parser: Python refuses (ValueError) to convert one of
        # 4,300 digits and more, and we keep none longer than MAX_DIGITS.
        document = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise ImportRefused(BAD_JSON_MESSAGE.format(line=error.lineno, problem=error.msg)) from None
    except RecursionError:
        raise ImportRefused(JSON_TOO_DEEP_MESSAGE) from None
    root = _Reader(document, "file", today=today)
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT_NAME:
        raise ImportRefused(JSON_NOT_OURS_MESSAGE)
    if document.get("version") != JSON_VERSION:
        raise ImportRefused(JSON_VERSION_MESSAGE.format(version=document.get("version")))
    for item in root["assignments"].items():
        one, two = item["weekday_one"].whole(high=6), item["weekday_two"].whole(high=6)
        start, end = item["start_date"].date(), item["end_date"].optional_date()
        spread = days_spread_apart(weekday_one=one, weekday_two=two)
        if not spread or (end is not None and end < start):
            item.fail("the weekdays or the dates are not those of an assignment we keep")
    assignments = [
        ImportedAssignment(
            program=item["program"].text(blank=False),
            weekday_one=item["weekday_one"].whole(high=6),
            weekday_two=item["weekday_two"].whole(high=6),
            start_date=item["start_date"].date(),
            end_date=item["end_date"].optional_date(),
        )
        for item in root["assignments"].items()
    ]
    sessions = []
    for item in root["sessions"].items():
        assignment = item["assignment"].optional_whole(high=max(len(assignments) - 1, 0))
        if assignment is not None and not assignments:
            item["assignment"].fail("names an assignment the file does not have")
        prescriptions = []
        for slot in item["prescriptions"].items():
            exercise = slot["exercise"].text(blank=False)
            sets = [
                ImportedSet(
                    set_number=logged["set_number"].whole(low=1, high=MAX_SETS),
                    reps=logged["reps"].optional_whole(high=MAX_REPS),
                    reps_left=logged["reps_left"].optional_whole(high=MAX_REPS),
                    reps_right=logged["reps_right"].optional_whole(high=MAX_REPS),
                    load=logged["load_kg"].decimal(low=Decimal(0), high=Decimal(MAX_LOAD_KG)),
                    unit="kg",
                    rir=logged["rir"].whole(high=MAX_RIR),
                    logged_at=logged["logged_at"].moment(),
                    note=logged["note"].text()[:MAX_NOTE],
                    uuid=logged["uuid"].uuid(),
                    exercise=logged["exercise"].text(blank=False),
                )
                for logged in slot["sets"].items()
            ]
            if len({logged.set_number for logged in sets}) != len(sets):
                slot["sets"].fail("two sets share a set number")
            for logged, reader in zip(sets, slot["sets"].items(), strict=True):
                legs = (logged.reps_left is None, logged.reps_right is None)
                if (logged.reps is None) == (legs == (True, True)) or legs[0] != legs[1]:
                    reader.fail("log reps, or reps for the left and the right leg")
            prescriptions.append(
                ImportedPrescription(
                    exercise=exercise,
                    sets=sets,
                    fields={
                        "order": slot["order"].whole(low=1, high=MAX_SLOT_ORDER),
                        **_prescription_fields(slot),
                    },
                    alternatives=tuple(a.text(blank=False) for a in slot["alternatives"].items()),
                    swapped_to=slot.get("swapped_to").optional_text(),
                )
            )
        orders = [prescription.fields["order"] for prescription in prescriptions]
        if len(set(orders)) != len(orders):
            item["prescriptions"].fail("two slots share an order")
        day_number = item["day_number"].whole(low=1, high=2)
        sessions.append(
            ImportedSession(
                date=item["date"].date(),
                name=item["name"].text()[:MAX_NAME],
                prescriptions=prescriptions,
                day_number=day_number,
                day_template=item["day_template"].text(),
                focus=item["focus"].text() if _is_focus(item["focus"].value) else None,
                assignment=assignment,
            )
        )
    if not sessions:
        raise ImportRefused(JSON_NO_SESSIONS_MESSAGE)
    uuids = [logged.uuid for s in sessions for p in s.prescriptions for logged in p.sets]
    if len(set(uuids)) != len(uuids):
        root["sessions"].fail("two sets share a UUID")
    return ParsedFile(
        format=LEGPLANNER, sessions=sessions, workouts=len(sessions), assignments=assignments
    )
