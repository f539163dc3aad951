"""Reading history files: formats from the header, sets, skipped rows, and each bad file's
message naming the line (tables; no database)."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from demo import samples
from exchange.formats import parse_file
from exchange.names import ALIASES, match_names, normalise
from exchange.parsing import (
    BAD_DATE_MESSAGE,
    BAD_NUMBER_MESSAGE,
    BAD_UNIT_MESSAGE,
    BAD_WHOLE_MESSAGE,
    EMPTY_MESSAGE,
    FIELD_COUNT_MESSAGE,
    FITNOTES,
    HEVY,
    LEGPLANNER,
    NO_SETS_MESSAGE,
    NOT_UTF8_MESSAGE,
    OUT_OF_RANGE_MESSAGE,
    SKIPPED_REST,
    SKIPPED_TIMED,
    SKIPPED_WARM_UP,
    STRONG,
    STRONG_LEGACY,
    UNKNOWN_FORMAT_MESSAGE,
    ImportRefused,
    rir_from_rpe,
)
from programs.models import Exercise

HEADER = samples.STRONG_HEADER


def strong(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode()


ROW = "2024-03-05 18:30:00,Legs,1h 0m,Squat (Barbell),{order},{weight},{reps},0,0,,,{rpe}"


def row(order="1", weight="100", reps="5", rpe="8") -> str:
    return ROW.format(order=order, weight=weight, reps=reps, rpe=rpe)


@pytest.mark.parametrize(
    ("content", "format_", "workouts", "sets", "needs_unit"),
    [
        (samples.strong_csv(weeks=2).encode(), STRONG, 4, 2 * (7 + 6), True),
        (samples.strong_legacy_csv(weeks=2).encode(), STRONG_LEGACY, 4, 26, False),
        (samples.hevy_csv(weeks=2).encode(), HEVY, 4, 26, False),
        (samples.hevy_csv(weeks=2, unit="lb").encode(), HEVY, 4, 26, False),
        (samples.fitnotes_csv(weeks=2).encode(), FITNOTES, 4, 26, False),
        (samples.fitnotes_csv(weeks=2, unit="lb").encode(), FITNOTES, 4, 26, False),
        # Excel and Windows: a byte-order mark and CRLF line ends.
        (b"\xef\xbb\xbf" + samples.strong_csv(weeks=1).replace("\n", "\r\n").encode(), STRONG, 2, 13, True),
    ],
)  # fmt: skip
def test_each_format_is_recognised_from_its_header(content, format_, workouts, sets, needs_unit):
    parsed = parse_file(content)
    assert (parsed.format, parsed.workouts, parsed.set_count) == (format_, workouts, sets)
    assert parsed.needs_unit is needs_unit


@pytest.mark.parametrize(
    ("content", "unit", "load"),
    [
        (samples.strong_legacy_csv(weeks=1).encode(), "lb", Decimal("132.3")),
        (samples.hevy_csv(weeks=1).encode(), "kg", Decimal("60")),
        (samples.hevy_csv(weeks=1, unit="lb").encode(), "lb", Decimal("132.28")),
        (samples.fitnotes_csv(weeks=1, unit="lb").encode(), "lb", Decimal("132.28")),
        (samples.strong_csv(weeks=1).encode(), None, Decimal("60")),
    ],
)
def test_the_unit_comes_from_the_header_or_the_row(content, unit, load):
    parsed = parse_file(content)
    first = parsed.sessions[0].prescriptions[0].sets[0]
    assert (first.unit, first.load) == (unit, load)


def test_rest_timers_and_warm_ups_are_skipped_and_counted():
    parsed = parse_file(samples.strong_csv(weeks=2).encode())
    assert parsed.skipped == {SKIPPED_WARM_UP: 4, SKIPPED_REST: 4}
    hevy = parse_file(samples.hevy_csv(weeks=2).encode())
    assert hevy.skipped == {SKIPPED_WARM_UP: 4}


def test_timed_and_distance_rows_are_skipped():
    parsed = parse_file(strong(row(), "2024-03-05 18:30:00,Legs,1h 0m,Plank,1,0,0,0,60,,,"))
    assert parsed.skipped == {SKIPPED_TIMED: 1}
    assert parsed.set_count == 1


def test_a_strong_workout_becomes_a_session_of_exercises_and_numbered_sets():
    parsed = parse_file(samples.strong_csv(weeks=1).encode())
    monday = parsed.sessions[0]
    assert (monday.date, monday.name) == (dt.date(2024, 1, 1), "Legs A")
    assert [p.exercise for p in monday.prescriptions] == [
        "Squat (Barbell)",
        "Romanian Deadlift (Barbell)",
    ]
    squat = monday.prescriptions[0].sets
    assert [(s.set_number, s.reps, s.rir) for s in squat] == [
        (1, 6, 2),
        (2, 6, 2),
        (3, 6, 2),
        (4, 5, 1),
    ]
    # A minute apart from the workout's start, in the file's order (not over its hour).
    assert squat[0].logged_at == dt.datetime(2024, 1, 1, 18)
    assert monday.prescriptions[-1].sets[-1].logged_at == dt.datetime(2024, 1, 1, 18, 6)


def test_two_workouts_on_one_day_are_one_session():
    other = ROW.replace("Legs,", "Evening,").replace("18:30", "20:00")
    parsed = parse_file(strong(row(), other.format(order=1, weight=50, reps=5, rpe=8)))
    assert parsed.workouts == 2
    assert len(parsed.sessions) == 1
    assert [s.set_number for s in parsed.sessions[0].prescriptions[0].sets] == [1, 2]


def test_our_per_leg_rows_are_one_set_again():
    left = "2024-03-05 18:30:00,Legs,5m,Step-up,1,12,10,0,0,Left leg: slow,,8"
    right = "2024-03-05 18:30:00,Legs,5m,Step-up,1,12,9,0,0,Right leg: slow,,8"
    (logged,) = parse_file(strong(left, right)).sessions[0].prescriptions[0].sets
    assert (logged.reps, logged.reps_left, logged.reps_right, logged.note) == (None, 10, 9, "slow")


@pytest.mark.parametrize(
    ("rpe", "rir"),
    [(Decimal("10"), 0), (Decimal("8"), 2), (Decimal("8.5"), 2), (Decimal("9.5"), 1), (Decimal("6"), 4), (Decimal("0"), 10)],
)  # fmt: skip
def test_rpe_becomes_reps_in_reserve(rpe, rir):
    assert rir_from_rpe(rpe) == rir


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY_MESSAGE),
        (b"   \n\n", EMPTY_MESSAGE),
        (HEADER.encode() + b"\n", NO_SETS_MESSAGE),
        (b"when,what,how much\n2024-01-01,squat,100\n", UNKNOWN_FORMAT_MESSAGE),
        (b"[1, 2, 3]", UNKNOWN_FORMAT_MESSAGE),
        (strong(row()) + b"\n2024-03-05 18:30:00,Caf\xe9,1h,Squat,2,1,1,0,0,,,8", NOT_UTF8_MESSAGE.format(line=3)),
        # A file with no good row is refused with its first problem.
        (strong("2024-03-05 18:30:00,Legs", row(reps="500")), FIELD_COUNT_MESSAGE.format(line=2, found=2, expected=12)),
        (strong(ROW.replace("2024-03-05", "05/03/2024").format(order=2, weight=1, reps=1, rpe=8)),
         BAD_DATE_MESSAGE.format(line=2, value="05/03/2024 18:30:00", example="2024-03-05 18:30:00")),
        (strong(row(weight="heavy")), BAD_NUMBER_MESSAGE.format(line=2, column="weight", value="heavy")),
        (strong(row(reps="5.5")), BAD_WHOLE_MESSAGE.format(line=2, column="reps", value="5.5")),
        (strong(row(reps="500")), OUT_OF_RANGE_MESSAGE.format(line=2, column="reps", value=500, low=0, high=100)),
        (strong(row(rpe="11")), OUT_OF_RANGE_MESSAGE.format(line=2, column="RPE", value=11, low=0, high=10)),
        (strong(row(order="x")), BAD_WHOLE_MESSAGE.format(line=2, column="set order", value="x")),
        ((samples.STRONG_LEGACY_HEADER + "\n2019-01-07 18:00:00;Legs;Squat;1;100;stone;5;;;;0;;;1h\n").encode(),
         BAD_UNIT_MESSAGE.format(line=2, value="stone")),
        (b'{"format": "legplanner",\n "version": 1,\n oops}', "Line 3: this is not valid JSON"),
        (b'{"format": "strong"}', "This JSON file is not a Legplanner export"),
        (b'{"format": "legplanner", "version": 1, "assignments": [], "sessions": [{"date": "soon", "assignment": null, '
         b'"prescriptions": [], "day_number": 1, "name": "A", "day_template": "A", "focus": "strength"}]}',
         "file.sessions[0].date: “soon” is not a date"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_the_line_and_the_problem(content, message):
    with pytest.raises(ImportRefused) as refused:
        parse_file(content)
    assert refused.value.message.startswith(str(message))


def test_a_malformed_number_deep_in_a_long_file_names_its_line_and_the_rest_is_read():
    lines = samples.strong_csv(weeks=70, extras=False).splitlines()
    lines[811] = lines[811].rsplit(",", 1)[0] + ",eight"
    parsed = parse_file("\n".join(lines).encode())
    (problem,) = parsed.problems
    assert problem.message == BAD_NUMBER_MESSAGE.format(line=812, column="RPE", value="eight")
    assert parsed.set_count == len(lines) - 2


def test_a_json_file_is_read_as_ours():
    session = {
        "date": "2024-03-05", "day_number": 1, "day_template": "", "name": "Legs",
        "focus": None, "assignment": None, "prescriptions": [],
    }  # fmt: skip
    document = {"format": "legplanner", "version": 1, "assignments": [], "sessions": [session]}
    assert parse_file(json.dumps(document).encode()).format == LEGPLANNER


@pytest.mark.parametrize(
    ("name", "normalised"),
    [("Squat (Barbell)", "squat barbell"), ("  SQUAT - barbell ", "squat barbell"), ("Step-Up", "step up")],
)  # fmt: skip
def test_names_lose_case_and_punctuation(name, normalised):
    assert normalise(name) == normalised


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Squat (Barbell)", "back-squat"),
        ("squat barbell", "back-squat"),
        ("Back squat", "back-squat"),
        ("back-squat", "back-squat"),
        ("Leg Press (Machine)", "leg-press"),
        ("Romanian Deadlift (Dumbbell)", "romanian-deadlift"),
        ("Lying Leg Curl (Machine)", "lying-leg-curl"),
        ("Seated Leg Curl (Machine)", "seated-leg-curl"),
        ("Leg Extension (Machine)", "leg-extension"),
        ("Bulgarian Split Squat", "bulgarian-split-squat"),
        ("Hip Thrust (Barbell)", "hip-thrust"),
        ("Walking Lunge (Dumbbell)", "walking-lunge"),
        ("Step Up (Dumbbell)", "step-up"),
        ("Bench Press (Barbell)", None),
    ],
)
def test_names_map_to_the_catalogue(db, name, slug):
    matched = match_names(names=[name], catalogue=Exercise.objects.all())
    assert (matched[name].slug if name in matched else None) == slug


def test_every_alias_names_a_catalogue_exercise(db):
    assert set(ALIASES.values()) <= set(Exercise.objects.values_list("slug", flat=True))
