"""Reading a history file, the part every format shares: what a file becomes (sessions
of prescriptions of sets), the messages, the reading of a cell, and the one validation of
a CSV row (`read_row`) that each format's hooks feed. The formats themselves are in
exchange.formats (Strong in both layouts, Hevy, FitNotes, our JSON), which also tells
them apart (`exchange.formats.parse_file`).

Plain functions over bytes and text: no request, no database. A file that cannot be read
raises `ImportRefused` with a message naming the line and the problem; nothing is ever
half read. What comes out is the file's workouts as sessions of exercises and sets, the
names as the file spells them (exercise names are matched to the catalogue later, loads
converted once the unit is known).
"""

import csv
import datetime as dt
import io
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from uuid import UUID

from django.core.validators import MaxValueValidator
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext, pgettext_lazy

from programs.bounds import EARLIEST_DATE, MAX_SETS, latest_date
from programs.models import (
    DOSE_FIELDS,
    MAX_TARGET_RIR,
    Focus,
    SessionPrescription,
    days_spread_apart,
)
from programs.numbers import parse_whole_number
from tracking.models import MAX_LOAD_KG, MAX_REPS, MAX_RIR, SET_NOTE_MAX_LENGTH
from tracking.units import to_kg

FOCUSES = set(Focus.values)

STRONG = "strong"
STRONG_LEGACY = "strong_legacy"
HEVY = "hevy"
FITNOTES = "fitnotes"
LEGPLANNER = "legplanner"
FORMAT_LABELS = {
    STRONG: gettext_lazy("Strong CSV"),
    STRONG_LEGACY: gettext_lazy("Strong CSV (older layout, with Weight Unit)"),
    HEVY: gettext_lazy("Hevy CSV"),
    FITNOTES: gettext_lazy("FitNotes CSV"),
    LEGPLANNER: gettext_lazy("Legplanner JSON"),
}
JSON_FORMAT_NAME = "legplanner"
JSON_VERSION = 1

# Why a row is not a set, as the preview counts them (lazy: translated when counted).
SkipReason = (str, Promise)
SKIPPED_REST = gettext_lazy("rest timers")
SKIPPED_WARM_UP = gettext_lazy("warm-up sets")
SKIPPED_TIMED = gettext_lazy("timed or distance sets (no reps)")
SKIPPED_NO_WORK = gettext_lazy("rows with neither reps nor load")

# Our Strong export writes a per-leg set as two rows with these notes; reading them back
# makes one set with both legs again.
LEFT_LEG_NOTE = "Left leg"
RIGHT_LEG_NOTE = "Right leg"

# Workouts whose file gives a day and no time (FitNotes) are put at midday.
DAY_ONLY_TIME = dt.time(12)
# A workout's sets are put this far apart from its start, in the file's order. Not spread
# over the workout's duration: Strong writes durations of days ("48h 40m", a workout left
# open), which moved sets, and a re-import of our own export, to later days.
MINUTES_BETWEEN_SETS = 1
MAX_NOTE = SET_NOTE_MAX_LENGTH  # the set log's own bound, now held by the database too
MAX_NAME = 80
# A number cell longer than this is no weight, RPE or distance anyone typed (and Decimal
# would happily read a 5,000-digit one, then take its time comparing it).
MAX_NUMBER_TEXT = 32
# Distinct exercise names in one file: each is a choice on the preview page.
MAX_NAMES = 2000
# Spreadsheets run a cell that starts with one of these; our export puts a ' before it
# (OWASP's advice), and reading it back takes the ' away again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EMPTY_MESSAGE = gettext_lazy("The file is empty.")
NO_SETS_MESSAGE = gettext_lazy(
    "The file has no sets to import: only its header, or rows that are not sets."
)
NO_OTHER_SETS_MESSAGE = gettext_lazy("No other row of the file is a set to import.")
# English (the tests compare it), translated where it is raised.
NOT_UTF8_MESSAGE = gettext_noop(
    "Line {line}: the file is not UTF-8 text. Export it again as CSV in UTF-8 "
    "(the default of Strong, Hevy and FitNotes)."
)
UNKNOWN_FORMAT_MESSAGE = gettext_lazy(
    "This file's columns are not those of a format we read. We read: "
    "Strong's CSV export (Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,…, "
    "or the older Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;…), "
    "Hevy's CSV export (title,start_time,exercise_title,…,weight_kg or weight_lbs,reps,…), "
    "FitNotes' CSV export (Date,Exercise,Category,Weight (kgs) or Weight (lbs),Reps,…) "
    "and Legplanner's own JSON export."
)
FIELD_COUNT_MESSAGE = gettext_lazy("Line {line}: {found} fields where the header has {expected}.")
BAD_CSV_MESSAGE = gettext_lazy("Line {line}: {problem}.")
BAD_DATE_MESSAGE = gettext_lazy(
    "Line {line}: the date “{value}” is not a date we read (such as {example})."
)
BAD_NUMBER_MESSAGE = gettext_lazy("Line {line}: the {column} “{value}” is not a number.")
BAD_WHOLE_MESSAGE = gettext_lazy("Line {line}: the {column} “{value}” is not a whole number.")
OUT_OF_RANGE_MESSAGE = gettext_lazy(
    "Line {line}: the {column} {value} is out of range ({low} to {high})."
)
LOAD_OVER_MESSAGE = gettext_lazy(
    "Line {line}: a load of {value} is more than the {limit} kg we store."
)
MISSING_MESSAGE = gettext_lazy("Line {line}: the {column} is empty.")
BAD_UNIT_MESSAGE = gettext_lazy("Line {line}: the weight unit “{value}” is neither kg nor lbs.")
BAD_JSON_MESSAGE = gettext_lazy("Line {line}: this is not valid JSON ({problem}).")
JSON_NOT_OURS_MESSAGE = gettext_lazy(
    "This JSON file is not a Legplanner export (its “format” is not “legplanner”)."
)
JSON_VERSION_MESSAGE = gettext_lazy(
    "This Legplanner export is version {version}; we read version 1."
)
JSON_FIELD_MESSAGE = gettext_lazy("{path}: {problem}.")
JSON_TOO_DEEP_MESSAGE = gettext_lazy(
    "This JSON file is nested too deeply to be a Legplanner export."
)
JSON_BIG_NUMBER_MESSAGE = gettext_lazy(
    "This JSON file has a number of more than {digits} digits: no value we keep is that long."
)
JSON_NO_SESSIONS_MESSAGE = gettext_lazy("This Legplanner export has no sessions to import.")
DATE_OUT_OF_RANGE_MESSAGE = gettext_lazy(
    "Line {line}: the date {value} is outside the dates we keep ({low} to {high})."
)
JSON_DATE_OUT_OF_RANGE = gettext_lazy("{value} is outside the dates we keep ({low} to {high})")
TOO_MANY_SETS_MESSAGE = gettext_lazy(
    "Line {line}: more than {limit} sets of “{exercise}” on {date}; we keep {limit} at most "
    "per exercise and session."
)
TOO_MANY_NAMES_MESSAGE = gettext_lazy(
    "The file names more than {limit} different exercises: split it, or export a shorter period."
)


class ImportRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RowProblem(ImportRefused):
    """A row that is no set we can keep: the rest of the file still imports, and the
    preview lists the row with its line, its value and the reason (grouped by reason)."""

    def __init__(self, message: str, *, line: int, value: str, reason: str):
        super().__init__(message)
        self.line, self.value, self.reason = line, value, reason


@dataclass(frozen=True)
class ProblemGroup:
    """Rows with the same problem, as the preview lists them."""

    reason: str
    count: int
    rows: list[tuple[int, str]]  # (line, value) of the first few
    more: int  # rows not listed


# Rows listed by line in each group of the preview; the count says the rest.
LINES_SHOWN = 12


def group_problems(*, problems: list[RowProblem]) -> list[ProblemGroup]:
    """The file's problems, one group per reason in the order they first appear."""
    by_reason: dict[str, list[RowProblem]] = defaultdict(list)
    for problem in problems:
        by_reason[problem.reason].append(problem)
    return [
        ProblemGroup(
            reason=reason,
            count=len(rows),
            rows=[(row.line, row.value) for row in rows[:LINES_SHOWN]],
            more=max(len(rows) - LINES_SHOWN, 0),
        )
        for reason, rows in by_reason.items()
    ]


def row_problem(template: str, *, reason: str, line: int, value, **fields) -> RowProblem:
    return RowProblem(
        template.format(line=line, value=value, **fields),
        line=line,
        value=str(value)[:MAX_NUMBER_TEXT],
        reason=reason,
    )


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
    actual_rir: int | None = None  # our JSON's: a test set's reps after the stop


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
    # Rows left out because something in them is wrong, in the file's order.
    problems: list[RowProblem] = field(default_factory=list)
    assignments: list[ImportedAssignment] = field(default_factory=list)
    needs_unit: bool = False
    # Our JSON's word on test sets per exercise: (exercise as the file names it, planned).
    test_set_choices: list[tuple[str, bool]] = field(default_factory=list)

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
        for name, _ in self.test_set_choices:
            names.setdefault(name, 0)
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
        raise ImportRefused(gettext(NOT_UTF8_MESSAGE).format(line=line)) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRefused(gettext(NOT_UTF8_MESSAGE).format(line=line))
    return text


def unescape_formula(text: str) -> str:
    """A cell our export escaped ('=…), as it was written."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


# ---------------------------------------------------------------------------------------
# CSV: what a format says its own way (exchange.formats), and the one validation of a row


def _header_unit(cell, *, header_unit: str | None, load: Decimal, line: int) -> str | None:
    return header_unit


def unit_per_row(cell, *, header_unit: str | None, load, line: int) -> str:
    """A Weight Unit column (Strong's older layout, FitNotes' current one) says each
    row's unit; a row with no load may leave it blank."""
    raw = cell("weight_unit").strip().casefold()
    if raw in ("kg", "kgs"):
        return "kg"
    if raw in ("lb", "lbs"):
        return "lb"
    if raw == "" and load == 0:
        return "kg"
    raise row_problem(
        BAD_UNIT_MESSAGE,
        reason=gettext("weight units we do not read"),
        line=line,
        value=cell("weight_unit"),
    )


def _never_failed(cell) -> bool:
    return False


def _as_written(raw_date: str) -> str:
    return raw_date


def _dated_name(raw_date: str, workout_name: str) -> str:
    return f"{raw_date}\x1f{workout_name}"


@dataclass(frozen=True)
class CsvFormat:
    """A CSV export's columns and the cells it writes its own way. The hooks take ``cell``,
    which gives a role's raw text ("" when the file has no such column)."""

    name: str
    required: dict[str, list[str]]  # role → the column names that carry it
    optional: dict[str, list[str]]
    dates: list[str]  # strptime patterns
    date_example: str
    # The set's number in its exercise (None: the file's order), or why it is no set.
    order: Callable[..., int | None | str]
    # Whether the row's set is marked as taken to failure (RIR 0, whatever its RPE cell).
    failed: Callable[..., bool] = _never_failed
    unit: Callable[..., str | None] = _header_unit
    # Files that give a day and no time put every workout of the day at DAY_ONLY_TIME.
    day_only: bool = False
    # What tells the file's workouts apart, from the raw date and the workout's name.
    workout_key: Callable[[str, str], str] = _dated_name
    # Loads in no stated unit: the athlete says which in the preview.
    asks_unit: bool = False
    # Weight columns whose name says the unit of every load.
    weight_units: dict[str, str] = field(default_factory=dict)
    # The date cell as one of ``dates`` reads it (Hevy writes months in the phone's language).
    normalise_date: Callable[[str], str] = _as_written


@dataclass(frozen=True)
class Layout:
    format: CsvFormat
    columns: dict[str, str]  # role → column name in this file
    unit: str | None  # the unit all loads are in, when the header says it


@dataclass(slots=True)
class _Row:
    line: int
    workout_key: str
    started: dt.datetime
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


def read_date(raw: str, *, format_: CsvFormat, line: int, today: dt.date) -> dt.datetime:
    value = format_.normalise_date(raw.replace("\u202f", " ").strip())
    for pattern in format_.dates:
        try:
            moment = dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        high = latest_date(today=today)
        if not EARLIEST_DATE <= moment.date() <= high:
            raise row_problem(
                DATE_OUT_OF_RANGE_MESSAGE,
                reason=gettext("dates outside {low} to {high}").format(
                    low=EARLIEST_DATE, high=high
                ),
                line=line,
                value=moment.date(),
                low=EARLIEST_DATE,
                high=high,
            )
        return moment
    raise row_problem(
        BAD_DATE_MESSAGE,
        reason=gettext("dates we do not read (such as {example})").format(
            example=format_.date_example
        ),
        line=line,
        value=raw,
        example=format_.date_example,
    )


def read_decimal(raw: str, *, column: str, line: int) -> Decimal | None:
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
        raise row_problem(
            BAD_NUMBER_MESSAGE,
            reason=gettext("{column} not a number").format(column=column),
            line=line,
            value=raw,
            column=column,
        )
    return number


def read_whole(raw: str, *, column: str, line: int) -> int | None:
    """A whole number in ASCII digits; "12.0" too, as spreadsheets write it."""
    value = raw.strip()
    if not value:
        return None
    digits, point, zeros = value.partition(".")
    number = parse_whole_number(digits)
    if number is None or (point and zeros.strip("0")):
        raise row_problem(
            BAD_WHOLE_MESSAGE,
            reason=gettext("{column} not a whole number").format(column=column),
            line=line,
            value=raw,
            column=column,
        )
    return number


def _check_range(value, *, column: str, line: int, low, high) -> None:
    if not low <= value <= high:
        raise row_problem(
            OUT_OF_RANGE_MESSAGE,
            reason=(
                gettext("{column} over {high}").format(column=column, high=high)
                if value > high
                else gettext("{column} under {low}").format(column=column, low=low)
            ),
            line=line,
            value=value,
            column=column,
            low=low,
            high=high,
        )


def missing(*, column: str, line: int) -> RowProblem:
    return row_problem(
        MISSING_MESSAGE,
        reason=gettext("{column} empty").format(column=column),
        line=line,
        value="",
        column=column,
    )


def rir_from_rpe(rpe: Decimal) -> int:
    """RPE 10 is failure: RIR = 10 − RPE, to the nearest whole rep (8.5 → 2)."""
    return int((Decimal(10) - rpe).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def memo_cell(memo: dict, function, raw: str, **context):
    """``function(raw, **context)``, computed once per distinct cell: a history file repeats
    its dates, reps and weights on every row, and strptime is the slowest step of a row.
    Refusals are not kept (they name the line), so every bad cell still raises."""
    key = (function, raw)
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = function(raw, **context)
        return value


def read_row(
    values: dict[str, str], *, layout: Layout, line: int, today: dt.date, memo: dict
) -> _Row | str:
    """One row as a set, or the reason it is not one. What a format writes its own way is
    its hooks'; every bound and every message is this function's, whatever the format."""
    format_, columns = layout.format, layout.columns

    def cell(role: str) -> str:
        return values.get(columns[role], "") if role in columns else ""

    order = format_.order(cell, line=line, memo=memo)
    if isinstance(order, SkipReason):
        return order
    raw_date = cell("date")
    if not raw_date.strip():
        raise missing(column=pgettext_lazy("import column", "date"), line=line)
    started = memo_cell(memo, read_date, raw_date, format_=format_, line=line, today=today)
    if format_.day_only:
        started = dt.datetime.combine(started.date(), DAY_ONLY_TIME)
    reps = _reps(cell, line=line, memo=memo)
    if isinstance(reps, SkipReason):
        return reps
    load = memo_cell(
        memo,
        read_decimal,
        cell("weight"),
        column=pgettext_lazy("import column", "weight"),
        line=line,
    ) or Decimal(0)
    _check_range(
        load,
        column=pgettext_lazy("import column", "weight"),
        line=line,
        low=0,
        high=Decimal(10_000),
    )
    unit = format_.unit(cell, header_unit=layout.unit, load=load, line=line)
    _check_load(load, unit=unit, line=line)
    rir = 0 if format_.failed(cell) else _rir(cell, line=line, memo=memo)
    workout_name = unescape_formula(cell("workout").strip())
    exercise = unescape_formula(cell("exercise").strip())
    if not exercise:
        raise missing(column=pgettext_lazy("import column", "exercise name"), line=line)
    return _Row(
        line=line,
        workout_key=format_.workout_key(raw_date.strip(), workout_name),
        started=started,
        workout_name=workout_name,
        exercise=exercise,
        order=order,
        reps=reps,
        load=load,
        unit=unit,
        rir=rir,
        note=unescape_formula(cell("note").strip()),
    )


def _check_load(load: Decimal, *, unit: str | None, line: int) -> None:
    """A load heavier than we store, in the file's unit or, when the file does not say
    it, even read in pounds (the lighter reading; the athlete picks the unit later)."""
    if to_kg(load=load, unit=unit or "lb") > MAX_LOAD_KG:
        raise row_problem(
            LOAD_OVER_MESSAGE,
            reason=gettext("loads over the {limit} kg we store").format(limit=MAX_LOAD_KG),
            line=line,
            value=load,
            limit=MAX_LOAD_KG,
        )


def _reps(cell, *, line: int, memo: dict) -> int | str:
    """The row's reps, or why it is no set: a timed or distance set has none, and a row
    with neither reps nor load is no strength set."""
    raw_reps = cell("reps").strip()
    if raw_reps in ("", "0", "0.0") and (_measured(cell("distance")) or _measured(cell("seconds"))):
        return SKIPPED_TIMED
    reps = memo_cell(
        memo, read_whole, raw_reps, column=pgettext_lazy("import column", "reps"), line=line
    )
    if reps is None:
        if not _measured(cell("weight")):
            return SKIPPED_NO_WORK
        raise missing(column=pgettext_lazy("import column", "reps"), line=line)
    _check_range(
        reps, column=pgettext_lazy("import column", "reps"), line=line, low=0, high=MAX_REPS
    )
    return reps


def _measured(raw: str) -> bool:
    """Whether a distance, a time or a load cell says something was done. Only deciding
    whether the row is a set: a time written 0:09:21 counts, not just a number of seconds."""
    return any(character in "123456789" for character in raw)


def _rir(cell, *, line: int, memo: dict) -> int | None:
    rpe = memo_cell(
        memo, read_decimal, cell("rpe"), column=pgettext_lazy("import column", "RPE"), line=line
    )
    if rpe is None:
        return None
    _check_range(rpe, column=pgettext_lazy("import column", "RPE"), line=line, low=0, high=10)
    return min(rir_from_rpe(rpe), MAX_RIR)


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


def _read_csv_rows(
    text: str, *, today: dt.date, recognise: Callable[[list[str]], Layout]
) -> tuple[Layout, list[_Row], Counter, list[RowProblem]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(EMPTY_MESSAGE) from None
    except csv.Error as error:
        raise ImportRefused(BAD_CSV_MESSAGE.format(line=1, problem=error)) from None
    layout = recognise(header)
    names = [unicodedata.normalize("NFC", name.strip()) for name in header]
    rows, skipped, problems, memo = [], Counter(), [], {}
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
        try:
            read = _read_line(values, names=names, layout=layout, line=line, today=today, memo=memo)
        except RowProblem as problem:
            problems.append(problem)
            continue
        if not isinstance(read, _Row):
            # Why the row is no set: translated once here, as the preview counts it.
            skipped[str(read)] += 1
        else:
            rows.append(read)
    return layout, rows, skipped, problems


def _read_line(
    values: list[str], *, names: list[str], layout: Layout, line: int, today: dt.date, memo: dict
) -> _Row | str:
    if len(values) != len(names):
        raise row_problem(
            FIELD_COUNT_MESSAGE,
            reason=gettext(
                "rows with another number of fields than the header's {expected}"
            ).format(expected=len(names)),
            line=line,
            value=len(values),
            found=len(values),
            expected=len(names),
        )
    return read_row(
        dict(zip(names, values, strict=True)), layout=layout, line=line, today=today, memo=memo
    )


def _set_times(rows: list[_Row]) -> list[dt.datetime]:
    """Each set's time: the workout's start plus its order in the workout, never past the
    workout's day (a late workout's last sets share its last second)."""
    started = rows[0].started
    last = dt.datetime.combine(started.date(), dt.time(23, 59, 59), tzinfo=started.tzinfo)
    step = dt.timedelta(minutes=MINUTES_BETWEEN_SETS)
    return [min(started + step * index, last) for index in range(len(rows))]


def parse_csv(text: str, *, today: dt.date, recognise: Callable[[list[str]], Layout]) -> ParsedFile:
    """The sessions of a CSV file whose format ``recognise`` tells from its header."""
    layout, rows, skipped, problems = _read_csv_rows(text, today=today, recognise=recognise)
    rows = _join_legs(rows)
    if not rows:
        raise ImportRefused(_no_sets_message(problems))
    workouts: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        workouts[row.workout_key].append(row)
    sessions, groups, orders = _group(workouts)
    for (day, exercise), prescription in groups.items():
        problems.extend(
            _number_sets(prescription, orders=orders[id(prescription)], day=day, exercise=exercise)
        )
    problems.sort(key=lambda problem: problem.line)
    return ParsedFile(
        problems=problems,
        format=layout.format.name,
        sessions=sorted(sessions.values(), key=lambda session: session.date),
        workouts=len(workouts),
        skipped=dict(skipped),
        needs_unit=layout.unit is None and layout.format.asks_unit,
    )


def _group(workouts: dict[str, list[_Row]]):
    """The workouts' rows as sessions (one a day) of prescriptions (one per exercise a
    day), with each set's order as the file gives it (by prescription's id())."""
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
            identity_text = "\x1f".join((*map(str, identity), str(seen[identity])))
            prescription.sets.append(
                _imported_set(row, logged_at=logged_at, identity=identity_text)
            )
    return sessions, groups, orders


def _imported_set(row: _Row, *, logged_at: dt.datetime, identity: str) -> ImportedSet:
    per_leg = row.reps_left is not None
    return ImportedSet(
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
        identity=identity,
    )


def _number_sets(
    prescription: ImportedPrescription, *, orders: list[int | None], day: dt.date, exercise: str
) -> list[RowProblem]:
    """The file's set orders when they are distinct and within bounds; else 1, 2, 3…
    Sets past the most we keep are left out, each a problem."""
    extra = prescription.sets[MAX_SETS:]
    del prescription.sets[MAX_SETS:], orders[MAX_SETS:]
    keep = all(number is not None and 1 <= number <= MAX_SETS for number in orders) and len(
        set(orders)
    ) == len(orders)
    for index, logged in enumerate(prescription.sets):
        logged.set_number = orders[index] if keep else index + 1
    return [
        row_problem(
            TOO_MANY_SETS_MESSAGE,
            reason=gettext("more than {limit} sets of one exercise in a session").format(
                limit=MAX_SETS
            ),
            line=logged.line,
            value=exercise,
            limit=MAX_SETS,
            exercise=exercise,
            date=day,
        )
        for logged in extra
    ]


def _no_sets_message(problems: list[RowProblem]) -> str:
    """Every row is a problem or no set: the first problem says why, with a count of the
    others."""
    if not problems:
        return NO_SETS_MESSAGE
    others = len(problems) - 1
    first = problems[0].message
    if others:
        first = ngettext(
            "{problem} (and {count} more row with problems)",
            "{problem} (and {count} more rows with problems)",
            others,
        ).format(problem=first, count=others)
    return f"{first} {NO_OTHER_SETS_MESSAGE}"


# ---------------------------------------------------------------------------------------
# Our JSON: what a copied prescription and an assignment may be (the reader is
# exchange.formats.legplanner_json)

PRESCRIPTION_FIELDS = DOSE_FIELDS


def _field_high(name: str) -> int:
    """The highest value the model lets a copied prescription's field take."""
    field = SessionPrescription._meta.get_field(name)
    return min(v.limit_value for v in field.validators if isinstance(v, MaxValueValidator))


def prescription_fields(item) -> dict:
    """A copied prescription's fields, each within the model's bounds. ``item`` is the
    JSON reader of the slot (exchange.formats.legplanner_json)."""
    fields = {
        name: item[name].whole(low=0, high=_field_high(name))
        for name in PRESCRIPTION_FIELDS
        if name not in ("per_leg", "tempo")
    }
    per_leg = item["per_leg"]
    if not isinstance(per_leg.value, bool):
        per_leg.fail(gettext_noop("should be true or false"))
    fields["per_leg"] = per_leg.value
    fields["tempo"] = item["tempo"].text()[:120]
    if not (
        1 <= fields["sets_min"] <= fields["sets_max"]
        and 1 <= fields["reps_min"] <= fields["reps_max"]
        and fields["rir_min"] <= fields["rir_max"] <= MAX_TARGET_RIR
    ):
        item.fail(gettext_noop("the sets, reps or target RIR range is not a range we keep"))
    return fields


def check_assignments(root) -> None:
    """Each assignment of the file is one we keep: its weekdays spread, its dates in order."""
    for item in root["assignments"].items():
        one, two = item["weekday_one"].whole(high=6), item["weekday_two"].whole(high=6)
        start, end = item["start_date"].date(), item["end_date"].optional_date()
        spread = days_spread_apart(weekday_one=one, weekday_two=two)
        if not spread or (end is not None and end < start):
            item.fail(
                gettext_noop("the weekdays or the dates are not those of an assignment we keep")
            )
