"""Generated files fed to the parsers and to the import pages: whatever the bytes, the
header or a cell, the answer is a parsed file or a refusal with its reason, and the pages
answer below 500 (issue 13: every input gets a 4xx with a clear message)."""

import csv
import datetime as dt
import io
import json
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from demo import samples
from exchange.formats import parse_file
from exchange.parsing import ImportRefused, ParsedFile

TODAY = dt.date(2024, 2, 12)
IMPORT = "/account/import/"
# Cheap examples (no request): half again the profile's count (tests/conftest.py).
FAST = settings(max_examples=settings.default.max_examples * 3 // 2, deadline=None)
# The page tests share one test's database across examples, as one athlete uploading again.
PAGES = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

STRONG_COLUMNS = samples.STRONG_HEADER.split(",")
KNOWN_COLUMNS = sorted(
    {
        *STRONG_COLUMNS,
        *samples.STRONG_LEGACY_HEADER.split(";"),
        *samples.HEVY_HEADER.format(weight="weight_kg").split(","),
        *samples.FITNOTES_HEADER.format(weight="Weight (kgs)").split(","),
        # Issue 15's layouts.
        *samples.STRONG_SEMICOLON_HEADER.replace('"', "")
        .format(weight="kg", distance="meters")
        .split(";"),
        *samples.STRONG_OLDEST_HEADER.format(weight="lbs", distance="mi").split(","),
        *samples.STRONG_FRENCH_HEADER.split(","),
        *samples.FITNOTES_UNIT_PER_ROW_HEADER.split(","),
    }
)

# Cells that are near misses of real ones, beside any text at all.
tricky_cells = st.sampled_from(
    [
        "", " ", "0", "-1", "²", "٣", "9" * 5000, "1e23", "NaN", "inf", "-0", "8.5", "12.0",
        "W", "D", "F", "Rest Timer", "9999-12-31 23:59:59", "0001-01-01 00:00:00",
        "2024-01-08 18:00:00", "2024-01-08", "8 Jan 2024, 18:00", "9" * 30, "1h 5m",
        "99999999999999h", "=1+1", "'=1+1", "kg", "lbs", "\x00", "Squat (Barbell)", "腿举",
        "WARM_UP", "FAILURE", "DROP_SET", "kgs", "0:09:21", "5 Mai 2026, 07:34",
        "5 de mai. de 2026 07:34", "31 Feb 2024, 18:00", "3. März 2024 10:00", "101.0",
    ]
)  # fmt: skip
cells = st.one_of(tricky_cells, st.text(max_size=40))


def csv_text(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def outcome(content: bytes) -> ParsedFile | ImportRefused:
    try:
        return parse_file(content, today=TODAY)
    except ImportRefused as refused:
        assert refused.message
        return refused


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused(content):
    outcome(content)


@FAST
@given(st.lists(st.lists(cells, min_size=12, max_size=12), min_size=1, max_size=8))
def test_any_cells_under_strongs_header_are_read_or_refused(rows):
    outcome(csv_text([STRONG_COLUMNS, *rows]))


@FAST
@given(
    st.lists(st.one_of(st.sampled_from(KNOWN_COLUMNS), st.text(max_size=12)), min_size=1),
    st.data(),
)
def test_any_header_with_any_cells_is_read_or_refused(header, data):
    rows = data.draw(
        st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=6)
    )
    delimiter = data.draw(st.sampled_from([",", ";"]))
    outcome(csv_text([header, *rows], delimiter))


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        cells,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


def our_json() -> dict:
    logged = {
        "uuid": "6f1f7d43-56d5-4a0e-9d2a-0f0e0c1b2a39", "exercise": "back-squat",
        "set_number": 1, "reps": 5, "reps_left": None, "reps_right": None,
        "load_kg": "100.000000", "rir": 2, "logged_at": "2024-01-08T18:00:00+00:00", "note": "",
        "actual_rir": 3,  # a test set: said 2, did 3 more
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
    assignment = {
        "program": "x", "weekday_one": 0, "weekday_two": 3, "start_date": "2024-01-01",
        "end_date": None,
    }  # fmt: skip
    return {
        "format": "legplanner",
        "version": 1,
        "assignments": [assignment],
        "sessions": [session],
        "test_set_choices": [{"exercise": "back-squat", "planned": True}],
    }


def _places(document: dict):
    """Every (container, key) of our JSON's fields, for a value to be swapped into."""
    session = document["sessions"][0]
    slot = session["prescriptions"][0]
    for container in (
        document,
        document["assignments"][0],
        session,
        slot,
        slot["sets"][0],
        document["test_set_choices"][0],
    ):
        for key in container:
            yield container, key


PLACES = len(list(_places(our_json())))
SLOT_EXERCISE = next(
    index
    for index, (container, key) in enumerate(_places(our_json()))
    if key == "exercise" and "sets" in container
)


@FAST
@given(st.lists(st.tuples(st.integers(0, PLACES - 1), json_values), min_size=1, max_size=4))
def test_our_json_with_any_value_anywhere_is_read_or_refused(changes):
    document = our_json()
    places = list(_places(document))
    for index, value in changes:
        container, key = places[index]
        container[key] = value
    outcome(json.dumps(document).encode())


# ---------------------------------------------------------------------------------------
# Through the pages: upload, preview, confirm


def _through_the_pages(client, content: bytes) -> None:
    response = client.post(IMPORT, {"file": SimpleUploadedFile("f.csv", content, "text/csv")})
    assert response.status_code in (302, 400, 413), response.status_code
    if response.status_code != 302:
        return
    location = response["Location"]
    preview = client.get(location)
    assert preview.status_code in (200, 400), preview.status_code
    if preview.status_code != 200:
        return
    choices = {field.html_name: "create:quads" for field in preview.context["form"].name_fields()}
    confirmed = client.post(
        location,
        urlencode({"unit": "kg", **choices}),
        content_type="application/x-www-form-urlencoded",
    )
    assert confirmed.status_code in (302, 400, 409), confirmed.status_code


@PAGES
@given(st.lists(st.lists(cells, min_size=12, max_size=12), min_size=1, max_size=5))
def test_any_strong_cells_through_the_pages_answer_below_500(client, athlete, rows):
    client.force_login(athlete)
    _through_the_pages(client, csv_text([STRONG_COLUMNS, *rows]))


@PAGES
@given(st.lists(st.tuples(st.integers(0, PLACES - 1), json_values), min_size=1, max_size=3))
# The slot's exercise renamed under its set: a 500 from the database's check, once.
@example(changes=[(SLOT_EXERCISE, "D")])
def test_our_json_with_any_value_through_the_pages_answers_below_500(client, athlete, changes):
    client.force_login(athlete)
    document = our_json()
    places = list(_places(document))
    for index, value in changes:
        container, key = places[index]
        container[key] = value
    _through_the_pages(client, json.dumps(document).encode())


@PAGES
@given(st.binary(max_size=1000))
def test_any_bytes_through_the_pages_answer_below_500(client, athlete, content):
    client.force_login(athlete)
    _through_the_pages(client, content)
