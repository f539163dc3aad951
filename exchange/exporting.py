"""The athlete's history out: Strong's CSV layout, and our complete JSON.

Both are generators over `.iterator()` queries, so ten years of sets never sit in memory
and the number of queries does not grow with the history: one for the CSV, four for
the JSON (assignments, test-set choices, sessions joined to their prescriptions and sets,
alternatives).
"""

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from itertools import groupby
from urllib.parse import quote

from django.db.models import F, Max, Min, Window

from exchange.parsing import (
    FORMULA_STARTS,
    JSON_FORMAT_NAME,
    JSON_VERSION,
    LEFT_LEG_NOTE,
    PRESCRIPTION_FIELDS,
    RIGHT_LEG_NOTE,
)
from programs.models import Assignment, Session, SessionPrescription
from tracking.models import CalibrationChoice, SetLog
from tracking.units import from_kg

CHUNK = 2000
STRONG_HEADER = [
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
]
STRONG_DATE = "%Y-%m-%d %H:%M:%S"
TEST_SET_NOTE = "Test set: said RIR {rir}, {more} more to failure"


class _Line:
    """csv.writer writes into this and gets the line back, so nothing accumulates."""

    def write(self, value: str) -> str:
        return value


def strong_duration(span: dt.timedelta) -> str:
    """Strong's way: "1h 5m", "45m"; "0m" for a workout of one set."""
    minutes = round(span.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _leg_note(side: str, note: str) -> str:
    return f"{side}: {note}" if note else side


def _test_set_note(logged: SetLog) -> str:
    """Strong has no test set: its row is a done set at the reps of the stop and the RPE
    said there, and its note says what the test showed."""
    if logged.actual_rir is None:
        return logged.note
    said = TEST_SET_NOTE.format(rir=logged.rir, more=logged.actual_rir)
    return f"{said} · {logged.note}" if logged.note else said


def text_cell(value: str) -> str:
    """A cell of text (a name, a note) that a spreadsheet shows instead of running: one
    that starts like a formula gets a ' in front, as OWASP advises for CSV injection.
    Only text cells: numbers are ours, and never start that way."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


# What may stand in the quoted fallback file name: RFC 6266's plain ASCII, no quote nor
# backslash, so that old clients that do not read filename* still get a safe name.
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._@+-]+")


def attachment_header(name: str) -> str:
    """Content-Disposition for a download named ``name``, whatever its characters: an ASCII
    fallback, and the name itself in UTF-8 (RFC 6266, RFC 5987's filename*)."""
    fallback = _NOT_PLAIN.sub("_", name) or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def workout_start(*, session_date: dt.date, first_at: dt.datetime, zone: dt.tzinfo) -> str:
    """The Date cell of a session's rows: its own date, at the time of day of its first set.
    A set is often ticked later than its session (after midnight, or the next morning from
    memory): dated by the set, the session would move to that day on re-import."""
    started = dt.datetime.combine(session_date, first_at.astimezone(zone).time())
    return started.strftime(STRONG_DATE)


def strong_rows(*, athlete) -> Iterator[list[str]]:
    """One row per set (a per-leg set is a row per leg, said in Notes), loads in the
    athlete's unit, RPE = 10 − RIR (empty where the RIR was not recorded)."""
    session_id = F("prescription__session_id")
    sets = (
        SetLog.objects.filter(prescription__session__athlete=athlete)
        .select_related("prescription__session", "exercise")
        .annotate(
            first_at=Window(Min("logged_at"), partition_by=[session_id]),
            last_at=Window(Max("logged_at"), partition_by=[session_id]),
        )
        .order_by(
            "prescription__session__date",
            "prescription__session_id",
            "prescription__order",
            "prescription_id",
            "set_number",
        )
    )
    zone, unit = athlete.zone, athlete.unit
    for logged in sets.iterator(chunk_size=CHUNK):
        session = logged.prescription.session
        common = [
            workout_start(session_date=session.date, first_at=logged.first_at, zone=zone),
            text_cell(session.name),
            strong_duration(logged.last_at - logged.first_at),
            text_cell(logged.exercise.name),
            str(logged.set_number),
            str(from_kg(load_kg=logged.load_kg, unit=unit)),
        ]
        rpe = "" if logged.rir is None else str(10 - logged.rir)
        if logged.reps is not None:
            note = text_cell(_test_set_note(logged))
            yield [*common, str(logged.reps), "0", "0", note, "", rpe]
            continue
        for side, reps in ((LEFT_LEG_NOTE, logged.reps_left), (RIGHT_LEG_NOTE, logged.reps_right)):
            note = text_cell(_leg_note(side, logged.note))
            yield [*common, str(reps), "0", "0", note, "", rpe]


def strong_csv(*, athlete) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow(STRONG_HEADER)
    for row in strong_rows(athlete=athlete):
        yield writer.writerow(row)


# ---------------------------------------------------------------------------------------
# JSON

_SESSION = ["id", "date", "day_number", "day_template__name", "name", "focus", "assignment_id"]
_SLOT = [
    "prescriptions__id",
    "prescriptions__order",
    "prescriptions__exercise__slug",
    "prescriptions__swapped_to__slug",
    *(f"prescriptions__{name}" for name in PRESCRIPTION_FIELDS),
]
_SET = [
    f"prescriptions__set_logs__{name}"
    for name in (
        "uuid",
        "exercise__slug",
        "set_number",
        "reps",
        "reps_left",
        "reps_right",
        "load_kg",
        "rir",
        "actual_rir",
        "logged_at",
        "note",
    )
]


def _profile(athlete) -> dict:
    return {
        "username": athlete.username,
        "email": athlete.email,
        "first_name": athlete.first_name,
        "last_name": athlete.last_name,
        "unit": athlete.unit,
        "time_zone": athlete.time_zone,
        "date_joined": athlete.date_joined.isoformat(),
        "test_set_every_weeks": athlete.test_set_every_weeks,
    }


def _test_set_choices(athlete) -> list[dict]:
    """The athlete's (or their coach's) word on test sets, per exercise."""
    return [
        {"exercise": slug, "planned": planned}
        for slug, planned in CalibrationChoice.objects.filter(athlete=athlete)
        .order_by("exercise__slug")
        .values_list("exercise__slug", "planned")
    ]


def _assignment(assignment: Assignment) -> dict:
    return {
        "program": assignment.program.name,
        "weekday_one": assignment.weekday_one,
        "weekday_two": assignment.weekday_two,
        "start_date": assignment.start_date.isoformat(),
        "end_date": assignment.end_date.isoformat() if assignment.end_date else None,
        "coach": assignment.coach.username if assignment.coach else None,
    }


def _set(row: dict) -> dict:
    value = {name.removeprefix("prescriptions__set_logs__"): row[name] for name in _SET}
    value["exercise"] = value.pop("exercise__slug")
    value["uuid"] = str(value["uuid"])
    value["load_kg"] = f"{value['load_kg']:f}"
    value["logged_at"] = value["logged_at"].isoformat()
    return value


class _Alternatives:
    """Each slot's alternatives, read in one query in the sessions' order and handed out
    as the slots come, so that no slot waits on a query of its own."""

    def __init__(self, *, athlete):
        through = SessionPrescription.alternatives.through.objects
        pairs = (
            through.filter(sessionprescription__session__athlete=athlete)
            .order_by(
                "sessionprescription__session__date",
                "sessionprescription__session_id",
                "sessionprescription__order",
                "sessionprescription_id",
                "exercise__slug",
            )
            .values_list("sessionprescription_id", "exercise__slug")
            .iterator(chunk_size=CHUNK)
        )
        self._groups = groupby(pairs, key=lambda pair: pair[0])
        self._pending = next(self._groups, None)

    def of(self, slot_id: int) -> list[str]:
        if self._pending is None or self._pending[0] != slot_id:
            return []
        slugs = [slug for _, slug in self._pending[1]]
        self._pending = next(self._groups, None)
        return slugs


def _slot(slot_rows: list[dict], *, alternatives: _Alternatives) -> dict:
    slot = slot_rows[0]
    return {
        "order": slot["prescriptions__order"],
        "exercise": slot["prescriptions__exercise__slug"],
        "alternatives": alternatives.of(slot["prescriptions__id"]),
        "swapped_to": slot["prescriptions__swapped_to__slug"],
        **{name: slot[f"prescriptions__{name}"] for name in PRESCRIPTION_FIELDS},
        "sets": [
            _set(row) for row in slot_rows if row["prescriptions__set_logs__uuid"] is not None
        ],
    }


def _session(session_rows: list[dict], *, index: dict, alternatives: _Alternatives) -> dict:
    """A session from its rows (one per set, or per slot with no set, or one alone)."""
    top = session_rows[0]
    prescriptions = [
        _slot(list(slot_rows), alternatives=alternatives)
        for slot_id, slot_rows in groupby(session_rows, key=lambda r: r["prescriptions__id"])
        if slot_id is not None
    ]
    return {
        "date": top["date"].isoformat(),
        "day_number": top["day_number"],
        "day_template": top["day_template__name"],
        "name": top["name"],
        "focus": top["focus"],
        "assignment": index.get(top["assignment_id"]),
        "prescriptions": prescriptions,
    }


def json_export(*, athlete, now: dt.datetime) -> Iterator[str]:
    """The JSON document, in pieces: each session is written once its rows are read."""
    assignments = list(
        Assignment.objects.filter(athlete=athlete)
        .select_related("program", "coach")
        .order_by("start_date", "pk")
    )
    index = {assignment.pk: number for number, assignment in enumerate(assignments)}
    head = {
        "format": JSON_FORMAT_NAME,
        "version": JSON_VERSION,
        "exported_at": now.isoformat(),
        "profile": _profile(athlete),
        "assignments": [_assignment(a) for a in assignments],
        "test_set_choices": _test_set_choices(athlete),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "sessions": ['
    order = ["date", "id", "prescriptions__order", "prescriptions__id"]
    rows = (
        Session.objects.filter(athlete=athlete)
        .order_by(*order, "prescriptions__set_logs__set_number")
        .values(*_SESSION, *_SLOT, *_SET)
        .iterator(chunk_size=CHUNK)
    )
    alternatives = _Alternatives(athlete=athlete)
    separator = ""
    for _, session_rows in groupby(rows, key=lambda row: row["id"]):
        session = _session(list(session_rows), index=index, alternatives=alternatives)
        yield separator + "\n" + json.dumps(session, ensure_ascii=False)
        separator = ","
    yield "\n]}\n"
