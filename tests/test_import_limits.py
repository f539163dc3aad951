"""What an import refuses, or reads safely, instead of breaking: numbers that are no
numbers, dates no one means, sizes the database or a page cannot hold. Each case once
answered 500 or stored something that could not be read back (issue 13, points 5, 6, 9
and 10); now each says why on the page, and nothing is written."""

import datetime as dt
import html
import json
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from demo import samples
from exchange.formats import parse_file
from exchange.forms import choice_field_name
from exchange.importing import TOO_MANY_SLOTS_MESSAGE
from exchange.models import PendingImport
from exchange.names import match_names, normalise
from exchange.parsing import (
    BAD_NUMBER_MESSAGE,
    BAD_WHOLE_MESSAGE,
    DATE_OUT_OF_RANGE_MESSAGE,
    JSON_BIG_NUMBER_MESSAGE,
    JSON_NO_SESSIONS_MESSAGE,
    JSON_TOO_DEEP_MESSAGE,
    MAX_NAMES,
    TOO_MANY_NAMES_MESSAGE,
    TOO_MANY_SETS_MESSAGE,
    ImportRefused,
)
from programs.bounds import EARLIEST_DATE, MAX_SETS, MAX_SLOT_ORDER
from programs.models import Exercise, Muscle, Session, SessionPrescription
from tracking.models import SetLog

IMPORT = "/account/import/"
NOW = dt.datetime(2024, 2, 12, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
LATEST = dt.date(2025, 2, 12)  # a year and a day after TODAY: programs.bounds.latest_date
ROW = "{date},Legs,{duration},{name},{order},{weight},{reps},0,0,{note},,8"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def strong(*rows: str) -> bytes:
    return "\n".join([samples.STRONG_HEADER, *rows]).encode()


def row(
    *,
    date="2024-01-08 18:00:00",
    duration="1h 0m",
    name="Squat (Barbell)",
    order="1",
    weight="100",
    reps="5",
    note="",
) -> str:
    return ROW.format(
        date=date, duration=duration, name=name, order=order, weight=weight, reps=reps, note=note
    )


def document(**session_changes) -> dict:
    """A one-session, one-set Legplanner export."""
    logged = {
        "uuid": "6f1f7d43-56d5-4a0e-9d2a-0f0e0c1b2a39", "exercise": "back-squat",
        "set_number": 1, "reps": 5, "reps_left": None, "reps_right": None,
        "load_kg": "100.000000", "rir": 2, "logged_at": "2024-01-08T18:00:00+00:00", "note": "",
    }  # fmt: skip
    slot = {
        "order": 1, "exercise": "back-squat", "alternatives": [], "swapped_to": None,
        "sets_min": 1, "sets_max": 1, "reps_min": 5, "reps_max": 8, "per_leg": False,
        "tempo": "", "rest_seconds": 120, "rir_min": 1, "rir_max": 2, "sets": [logged],
    }  # fmt: skip
    session = {
        "date": "2024-01-08", "day_number": 1, "day_template": "", "name": "Legs",
        "focus": None, "assignment": None, "prescriptions": [slot],
    }  # fmt: skip
    session.update(session_changes)
    return {"format": "legplanner", "version": 1, "assignments": [], "sessions": [session]}


def with_set(**changes) -> bytes:
    doc = document()
    doc["sessions"][0]["prescriptions"][0]["sets"][0].update(changes)
    return json.dumps(doc).encode()


def refusal(content: bytes) -> str:
    with pytest.raises(ImportRefused) as refused:
        parse_file(content, today=TODAY)
    return refused.value.message


# ---------------------------------------------------------------------------------------
# The parsers


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # "²".isdigit() is true and int("²") raises: the 500 of issue 13.
        (strong(row(order="²")), BAD_WHOLE_MESSAGE.format(line=2, column="set order", value="²")),
        (strong(row(order="٣")), BAD_WHOLE_MESSAGE.format(line=2, column="set order", value="٣")),
        (strong(row(reps="²")), BAD_WHOLE_MESSAGE.format(line=2, column="reps", value="²")),
        (strong(row(reps="9" * 5000)), "Line 2: the reps “99999"),
        (strong(row(order="9" * 5000)), "Line 2: the set order “99999"),
        (strong(row(weight="9" * 5000)), "Line 2: the weight “99999"),
        (strong(row(weight="1e23")),
         BAD_NUMBER_MESSAGE.format(line=2, column="weight", value="1e23")),
        (strong(row(date="9999-12-31 23:59:59")),
         DATE_OUT_OF_RANGE_MESSAGE.format(line=2, value="9999-12-31", low=EARLIEST_DATE, high=LATEST)),
        (strong(row(date="9999-12-31 23:59:59", duration="2h 0m")),
         DATE_OUT_OF_RANGE_MESSAGE.format(line=2, value="9999-12-31", low=EARLIEST_DATE, high=LATEST)),
        (strong(row(date="0001-01-01 00:00:00")),
         DATE_OUT_OF_RANGE_MESSAGE.format(line=2, value="0001-01-01", low=EARLIEST_DATE, high=LATEST)),
        (strong(row(date="2025-02-13 10:00:00")),
         DATE_OUT_OF_RANGE_MESSAGE.format(line=2, value="2025-02-13", low=EARLIEST_DATE, high=LATEST)),
        (("1" * 4301).join([b'{"format": "legplanner", "version": '.decode(), "}"]).encode(),
         JSON_BIG_NUMBER_MESSAGE.format(digits=18)),
        (b'{"format": "legplanner", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
         JSON_TOO_DEEP_MESSAGE),
        (json.dumps({**document(), "sessions": []}).encode(), JSON_NO_SESSIONS_MESSAGE),
        (with_set(load_kg="1e23"), "sets[0].load_kg: 1E+23 is out of range (0 to 1000)"),
        (with_set(load_kg="-5"), "sets[0].load_kg: -5 is out of range (0 to 1000)"),
        (with_set(load_kg="9" * 5000), "sets[0].load_kg: “99999"),
        (with_set(set_number=0), "sets[0].set_number: 0 is out of range (1 to 20)"),
        (with_set(set_number=32768), "sets[0].set_number: 32768 is out of range (1 to 20)"),
        (with_set(logged_at="9999-12-31T23:59:59-01:00"),
         f"sets[0].logged_at: 9999-12-31 is outside the dates we keep (1900-01-01 to {LATEST})"),
        (json.dumps(document(date="9999-12-31")).encode(),
         f"sessions[0].date: 9999-12-31 is outside the dates we keep (1900-01-01 to {LATEST})"),
    ],
)  # fmt: skip
def test_a_cell_that_would_break_the_import_is_refused_with_the_reason(content, message):
    assert str(message) in refusal(content)


def test_sets_past_the_most_we_keep_are_left_out_each_with_its_line():
    parsed = parse_file(strong(*[row(order=str(n)) for n in range(1, MAX_SETS + 3)]), today=TODAY)
    assert parsed.set_count == MAX_SETS
    assert [problem.message for problem in parsed.problems] == [
        TOO_MANY_SETS_MESSAGE.format(
            line=line, limit=MAX_SETS, exercise="Squat (Barbell)", date="2024-01-08"
        )
        for line in (MAX_SETS + 2, MAX_SETS + 3)
    ]


def test_a_30_digit_duration_is_ignored_and_the_sets_keep_their_order():
    parsed = parse_file(
        strong(row(order="1", duration="9" * 30), row(order="2", duration="9" * 30)), today=TODAY
    )
    first, second = parsed.sessions[0].prescriptions[0].sets
    assert second.logged_at - first.logged_at == dt.timedelta(minutes=1)


def test_reps_written_as_a_spreadsheet_writes_them_still_read():
    (logged,) = parse_file(strong(row(reps="8.0")), today=TODAY).sessions[0].prescriptions[0].sets
    assert logged.reps == 8


@pytest.mark.parametrize("orders", [["0", "1"], ["1", "1"], ["1", "21"], ["1", "32768"]])
def test_set_orders_we_cannot_keep_are_renumbered_in_the_files_order(orders):
    rows = [row(order=order, reps=str(5 + index)) for index, order in enumerate(orders)]
    sets = parse_file(strong(*rows), today=TODAY).sessions[0].prescriptions[0].sets
    assert [(s.set_number, s.reps) for s in sets] == [(1, 5), (2, 6)]


def test_a_file_with_more_names_than_a_preview_can_ask_about_is_refused():
    rows = [row(name=f"Exercise {number}") for number in range(MAX_NAMES + 1)]
    assert refusal(strong(*rows)) == TOO_MANY_NAMES_MESSAGE.format(limit="2,000")


# ---------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("腿举", "腿举"),
        ("Жим ногами", "жим ногами"),
        ("ЖИМ  НОГАМИ!", "жим ногами"),
        ("🦵", "🦵"),
        ("Ｓｑｕａｔ（Ｂａｒｂｅｌｌ）", "squat barbell"),
        ("Squat (Barbell)", "squat barbell"),
        ("---", ""),
    ],
)
def test_names_keep_the_letters_of_every_script(name, key):
    assert normalise(name) == key


def test_different_non_latin_names_never_share_a_key():
    names = ["腿举", "Жим ногами", "🦵", "🦵🏽", "レッグプレス", "ساق", "पैर"]
    assert len({normalise(name) for name in names}) == len(names)


def test_a_name_of_punctuation_matches_no_exercise(db):
    Exercise.objects.create(
        name="?!", slug="punctuation", primary_muscle="quads", mechanics="isolation",
        equipment="machine",
    )  # fmt: skip
    assert match_names(names=["---", "..."], catalogue=Exercise.objects.all()) == {}


# ---------------------------------------------------------------------------------------
# Through the pages


def upload(client, content: bytes):
    return client.post(IMPORT, {"file": SimpleUploadedFile("f.csv", content, "text/csv")})


def confirm(client, location: str, choices: dict):
    """As the browser sends the preview's form: URL-encoded."""
    return client.post(
        location, urlencode(choices), content_type="application/x-www-form-urlencoded"
    )


def written() -> tuple[int, int, int, int]:
    return (
        Session.objects.count(),
        SessionPrescription.objects.count(),
        SetLog.objects.count(),
        Exercise.objects.count(),
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (strong(row(order="²")), "the set order “²” is not a whole number"),
        (strong(row(date="9999-12-31 23:59:59", duration="9" * 30)), "outside the dates we keep"),
        (with_set(logged_at="9999-12-31T23:59:59-01:00"), "outside the dates we keep"),
        (with_set(load_kg="1e23"), "is out of range (0 to 1000)"),
        (json.dumps({**document(), "sessions": []}).encode(), JSON_NO_SESSIONS_MESSAGE),
        (b'{"format": "legplanner", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
         JSON_TOO_DEEP_MESSAGE),
    ],
)  # fmt: skip
def test_the_upload_says_why_and_writes_nothing(client, athlete, content, message):
    client.force_login(athlete)
    before = written()
    response = upload(client, content)
    assert response.status_code == 400
    assert str(message) in text(response)
    assert written() == before and not PendingImport.objects.exists()


def test_set_order_zero_imports_numbered_from_one(client, athlete):
    client.force_login(athlete)
    location = upload(client, strong(row(order="0"), row(order="1", reps="6")))["Location"]
    assert client.post(location, {"unit": "kg"}).status_code == 302
    assert list(SetLog.objects.order_by("set_number").values_list("set_number", "reps")) == [
        (1, 5),
        (2, 6),
    ]


def test_three_new_names_sharing_their_first_80_characters_each_get_an_exercise(client, athlete):
    client.force_login(athlete)
    stem = "Single leg hack squat with a pause at the bottom and a slow eccentric with heels up "
    assert len(stem) > 80
    names = [f"{stem}{end}" for end in ("left first", "right first", "alternating")]
    location = upload(client, strong(*(row(name=name) for name in names)))["Location"]
    form = client.get(location).context["form"]
    choices = {field.html_name: "create:quads" for field in form.name_fields()}

    response = client.post(location, {"unit": "kg", **choices})

    assert response.status_code == 302
    created = Exercise.objects.filter(name__startswith=stem[:40])
    assert created.count() == 3
    assert SetLog.objects.values("exercise").distinct().count() == 3


def test_a_non_latin_name_is_never_filed_under_another_athletes_exercise(
    client, athlete, other_athlete
):
    client.force_login(other_athlete)
    location = upload(client, strong(row(name="腿举")))["Location"]
    client.post(location, {"unit": "kg", choice_field_name("腿举"): "create:quads"})
    leg_press_zh = Exercise.objects.get(name="腿举")

    client.force_login(athlete)
    location = upload(client, strong(row(name="Жим ногами")))["Location"]
    preview = client.get(location).context["preview"]

    assert [row.name for row in preview.unknown] == ["Жим ногами"]
    client.post(location, {"unit": "kg", choice_field_name("Жим ногами"): f"create:{Muscle.QUADS}"})
    mine = SetLog.objects.get(prescription__session__athlete=athlete)
    assert mine.exercise != leg_press_zh and mine.exercise.name == "Жим ногами"


def test_a_session_cannot_grow_past_the_slot_limit(client, athlete):
    client.force_login(athlete)
    rows = [row(name=f"Machine {number}") for number in range(MAX_SLOT_ORDER + 1)]
    location = upload(client, strong(*rows))["Location"]
    form = client.get(location).context["form"]
    choices = {field.html_name: "create:quads" for field in form.name_fields()}
    before = written()

    response = client.post(location, {"unit": "kg", **choices})

    assert response.status_code == 400
    assert TOO_MANY_SLOTS_MESSAGE.format(date="2024-01-08", limit=MAX_SLOT_ORDER) in text(response)
    assert written() == before


def test_a_preview_with_1000_unknown_names_confirms(client, athlete):
    client.force_login(athlete)
    rows = [row(name=f"Cable move {number}", date="2024-01-08 18:00:00") for number in range(1000)]
    location = upload(client, strong(*rows))["Location"]
    form = client.get(location).context["form"]
    assert len(form.name_fields()) == 1000
    choices = {field.html_name: "skip" for field in form.name_fields()}
    choices[form.name_fields()[0].html_name] = "create:quads"

    response = confirm(client, location, {"unit": "kg", **choices})

    assert response.status_code == 302
    assert SetLog.objects.count() == 1


def test_the_confirm_still_needs_its_csrf_token(athlete):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(athlete)
    page = client.get(IMPORT)
    token = page.cookies["csrftoken"].value
    location = client.post(
        IMPORT,
        {
            "file": SimpleUploadedFile("f.csv", strong(row()), "text/csv"),
            "csrfmiddlewaretoken": token,
        },
    )["Location"]

    assert confirm(client, location, {"unit": "kg"}).status_code == 403
    assert (
        confirm(client, location, {"unit": "kg", "csrfmiddlewaretoken": token}).status_code == 302
    )
    assert SetLog.objects.count() == 1


def test_more_fields_than_names_is_a_bad_request(client, athlete):
    client.force_login(athlete)
    location = upload(client, strong(row(name="Cossack squat")))["Location"]
    flood = {f"field_{number}": "x" for number in range(50)}
    response = confirm(client, location, {"unit": "kg", "name_0": "create:quads", **flood})
    assert response.status_code == 400
    assert not SetLog.objects.exists()


def test_the_confirm_takes_no_query_per_row(client, athlete, django_assert_max_num_queries):
    """Four times the sets, the same queries: the write is bulk (COPY on PostgreSQL), the
    lookups are one query each. (Four weeks stay within one SQLite bulk_create batch.)"""
    client.force_login(athlete)
    counts = []
    for first, weeks in ((dt.date(2023, 1, 2), 1), (dt.date(2023, 6, 5), 4)):
        location = upload(client, samples.strong_csv(first=first, weeks=weeks).encode())["Location"]
        with django_assert_max_num_queries(40) as queries:
            assert confirm(client, location, {"unit": "kg"}).status_code == 302
        counts.append(len(queries))
    assert SetLog.objects.count() == 13 * 5
    assert counts[0] == counts[1]
