"""Legplanner's own JSON export, read back whole: assignments, sessions with their copied
prescriptions, and sets with their UUIDs. Every value is read through `_Reader`, whose
refusals name where in the file the problem is."""

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.utils.translation import gettext, gettext_noop

from exchange.parsing import (
    BAD_JSON_MESSAGE,
    FOCUSES,
    JSON_BIG_NUMBER_MESSAGE,
    JSON_DATE_OUT_OF_RANGE,
    JSON_FIELD_MESSAGE,
    JSON_FORMAT_NAME,
    JSON_NO_SESSIONS_MESSAGE,
    JSON_NOT_OURS_MESSAGE,
    JSON_TOO_DEEP_MESSAGE,
    JSON_VERSION,
    JSON_VERSION_MESSAGE,
    LEGPLANNER,
    MAX_NAME,
    MAX_NOTE,
    MAX_NUMBER_TEXT,
    ImportedAssignment,
    ImportedPrescription,
    ImportedSession,
    ImportedSet,
    ImportRefused,
    ParsedFile,
    check_assignments,
    prescription_fields,
)
from programs.bounds import EARLIEST_DATE, MAX_SETS, MAX_SLOT_ORDER, latest_date
from programs.numbers import MAX_DIGITS, parse_whole_number
from tracking.models import MAX_LOAD_KG, MAX_REPS, MAX_RIR

# The database's own rule (tracking.models, setlog_test_set_said_and_done), said of a row.
TEST_SET_PROBLEM = gettext_noop(
    "a test set (actual_rir) needs the RIR said at the stop (rir) and its reps on both legs "
    "at once (reps, not per leg)"
)

OUT_OF_RANGE = gettext_noop("{value} is out of range ({low} to {high})")


class _Reader:
    """Typed reads of a decoded JSON value, each failure naming where it is."""

    def __init__(self, value, path: str, *, today: dt.date):
        self.value, self.path, self.today = value, path, today

    def fail(self, problem: str, **values):
        """``problem``: English marked with gettext_noop, said in the reader's language."""
        said = gettext(problem).format(**values) if values else gettext(problem)
        raise ImportRefused(JSON_FIELD_MESSAGE.format(path=self.path, problem=said))

    def __getitem__(self, key: str) -> "_Reader":
        if not isinstance(self.value, dict):
            self.fail(gettext_noop("should be an object"))
        if key not in self.value:
            self.fail(gettext_noop("“{key}” is missing"), key=key)
        return _Reader(self.value[key], f"{self.path}.{key}", today=self.today)

    def get(self, key: str, default=None) -> "_Reader":
        if isinstance(self.value, dict) and key in self.value:
            return self[key]
        return _Reader(default, f"{self.path}.{key}", today=self.today)

    def items(self) -> list["_Reader"]:
        if not isinstance(self.value, list):
            self.fail(gettext_noop("should be a list"))
        return [
            _Reader(item, f"{self.path}[{index}]", today=self.today)
            for index, item in enumerate(self.value)
        ]

    def text(self, *, blank: bool = True) -> str:
        if not isinstance(self.value, str) or (not blank and not self.value.strip()):
            self.fail(
                gettext_noop("should be a text")
                if blank
                else gettext_noop("should be a text, not empty")
            )
        return self.value

    def optional_text(self) -> str | None:
        return None if self.value is None else self.text()

    def whole(self, *, low: int = 0, high: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(gettext_noop("“{value}” is not a whole number"), value=self.value)
        if self.value < low or (high is not None and self.value > high):
            self.fail(OUT_OF_RANGE, value=self.value, low=low, high=high)
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
            self.fail(
                gettext_noop("“{value}” is not a number"), value=str(self.value)[:MAX_NUMBER_TEXT]
            )
        if not low <= number <= high:
            self.fail(OUT_OF_RANGE, value=number, low=low, high=high)
        return number

    def _bounded(self, day: dt.date) -> None:
        high = latest_date(today=self.today)
        if not EARLIEST_DATE <= day <= high:
            self.fail(JSON_DATE_OUT_OF_RANGE.format(value=day, low=EARLIEST_DATE, high=high))

    def date(self) -> dt.date:
        try:
            day = dt.date.fromisoformat(self.text())
        except ValueError:
            self.fail(
                gettext_noop("“{value}” is not a date (such as 2024-03-05)"), value=self.value
            )
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
            self.fail(
                gettext_noop("“{value}” is not a time with its offset (2024-03-05T18:30:00+00:00)"),
                value=self.value,
            )
        self._bounded(moment.date())
        return moment

    def uuid(self) -> UUID:
        try:
            return UUID(self.text())
        except ValueError:
            self.fail(gettext_noop("“{value}” is not a UUID"), value=self.value)


def _json_int(text: str) -> int:
    number = parse_whole_number(text.removeprefix("-"))
    if number is None:
        raise ImportRefused(JSON_BIG_NUMBER_MESSAGE.format(digits=MAX_DIGITS))
    return -number if text.startswith("-") else number


def _document(text: str, *, today: dt.date) -> _Reader:
    """The file's root, once it is JSON and ours, in the version we read."""
    try:
        # Whole numbers through our parser: Python refuses (ValueError) to convert one of
        # 4,300 digits and more, and we keep none longer than MAX_DIGITS.
        document = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise ImportRefused(BAD_JSON_MESSAGE.format(line=error.lineno, problem=error.msg)) from None
    except RecursionError:
        raise ImportRefused(JSON_TOO_DEEP_MESSAGE) from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT_NAME:
        raise ImportRefused(JSON_NOT_OURS_MESSAGE)
    if document.get("version") != JSON_VERSION:
        raise ImportRefused(JSON_VERSION_MESSAGE.format(version=document.get("version")))
    return _Reader(document, "file", today=today)


def _assignment(item: _Reader) -> ImportedAssignment:
    return ImportedAssignment(
        program=item["program"].text(blank=False),
        weekday_one=item["weekday_one"].whole(high=6),
        weekday_two=item["weekday_two"].whole(high=6),
        start_date=item["start_date"].date(),
        end_date=item["end_date"].optional_date(),
    )


def _set(logged: _Reader) -> ImportedSet:
    return ImportedSet(
        set_number=logged["set_number"].whole(low=1, high=MAX_SETS),
        reps=logged["reps"].optional_whole(high=MAX_REPS),
        reps_left=logged["reps_left"].optional_whole(high=MAX_REPS),
        reps_right=logged["reps_right"].optional_whole(high=MAX_REPS),
        load=logged["load_kg"].decimal(low=Decimal(0), high=Decimal(MAX_LOAD_KG)),
        unit="kg",
        rir=logged["rir"].optional_whole(high=MAX_RIR),  # null: not recorded
        # Absent from files exported before test sets: an ordinary set.
        actual_rir=logged.get("actual_rir").optional_whole(high=MAX_REPS),
        logged_at=logged["logged_at"].moment(),
        note=logged["note"].text()[:MAX_NOTE],
        uuid=logged["uuid"].uuid(),
        exercise=logged["exercise"].text(blank=False),
    )


def _slot(slot: _Reader) -> ImportedPrescription:
    exercise = slot["exercise"].text(blank=False)
    sets = [_set(logged) for logged in slot["sets"].items()]
    if len({logged.set_number for logged in sets}) != len(sets):
        slot["sets"].fail(gettext_noop("two sets share a set number"))
    for logged, reader in zip(sets, slot["sets"].items(), strict=True):
        legs = (logged.reps_left is None, logged.reps_right is None)
        if (logged.reps is None) == (legs == (True, True)) or legs[0] != legs[1]:
            reader.fail(gettext_noop("log reps, or reps for the left and the right leg"))
        if logged.actual_rir is not None and (logged.rir is None or logged.reps is None):
            reader.fail(TEST_SET_PROBLEM)
    return ImportedPrescription(
        exercise=exercise,
        sets=sets,
        fields={
            "order": slot["order"].whole(low=1, high=MAX_SLOT_ORDER),
            **prescription_fields(slot),
        },
        alternatives=tuple(a.text(blank=False) for a in slot["alternatives"].items()),
        swapped_to=slot.get("swapped_to").optional_text(),
    )


def _session(item: _Reader, *, assignments: int) -> ImportedSession:
    """A session of the file, whose ``assignment`` is an index among ``assignments``."""
    assignment = item["assignment"].optional_whole(high=max(assignments - 1, 0))
    if assignment is not None and not assignments:
        item["assignment"].fail(gettext_noop("names an assignment the file does not have"))
    prescriptions = [_slot(slot) for slot in item["prescriptions"].items()]
    orders = [prescription.fields["order"] for prescription in prescriptions]
    if len(set(orders)) != len(orders):
        item["prescriptions"].fail(gettext_noop("two slots share an order"))
    day_number = item["day_number"].whole(low=1, high=2)
    return ImportedSession(
        date=item["date"].date(),
        name=item["name"].text()[:MAX_NAME],
        prescriptions=prescriptions,
        day_number=day_number,
        day_template=item["day_template"].text(),
        focus=item["focus"].text() if _is_focus(item["focus"].value) else None,
        assignment=assignment,
    )


def _test_set_choice(item: _Reader) -> tuple[str, bool]:
    planned = item["planned"]
    if not isinstance(planned.value, bool):
        planned.fail(gettext_noop("should be true or false"))
    return item["exercise"].text(blank=False), planned.value


def _is_focus(value) -> bool:
    return isinstance(value, str) and value in FOCUSES


def parse_legplanner_json(text: str, *, today: dt.date) -> ParsedFile:
    root = _document(text, today=today)
    check_assignments(root)
    assignments = [_assignment(item) for item in root["assignments"].items()]
    sessions = [_session(item, assignments=len(assignments)) for item in root["sessions"].items()]
    if not sessions:
        raise ImportRefused(JSON_NO_SESSIONS_MESSAGE)
    uuids = [logged.uuid for s in sessions for p in s.prescriptions for logged in p.sets]
    if len(set(uuids)) != len(uuids):
        root["sessions"].fail(gettext_noop("two sets share a UUID"))
    # Absent from files exported before test sets.
    choices = root.get("test_set_choices", [])
    test_set_choices = [_test_set_choice(item) for item in choices.items()]
    if len({name for name, _ in test_set_choices}) != len(test_set_choices):
        choices.fail(gettext_noop("two test-set choices name the same exercise"))
    return ParsedFile(
        format=LEGPLANNER,
        sessions=sessions,
        workouts=len(sessions),
        assignments=assignments,
        test_set_choices=test_set_choices,
    )
