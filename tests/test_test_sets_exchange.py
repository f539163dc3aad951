"""Test sets in and out of the app: our JSON carries a test set's actual RIR and brings it
back; Strong's CSV, which has no test set, writes it as a done set whose note says what the
test showed; deleting the account takes test sets and test-set choices with it."""

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from exchange.exporting import TEST_SET_NOTE
from exchange.formats.legplanner_json import TEST_SET_PROBLEM
from exchange.parsing import LEFT_LEG_NOTE, RIGHT_LEG_NOTE
from programs.deletion import delete_account
from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, Session
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_athlete, make_user
from tracking.models import CalibrationChoice, SetLog

STRONG_URL = "/account/export/strong.csv"
JSON_URL = "/account/export/legplanner.json"
NOW = dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC)
W48 = IsoWeek(2026, 48)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def tested(athlete):
    """W48 trained: on each slot an ordinary set, and a test set after it on the first
    slot of each day (said RIR 2, 4 more; said 1, 3 more)."""
    generate_week(assignments=assignments_in_week(W48), week=W48)
    sessions = Session.objects.filter(athlete=athlete).order_by("date")
    for session, (said, more) in zip(sessions, [(2, 4), (1, 3)], strict=True):
        for copy in session.prescriptions.all():
            if copy.per_leg:
                log_set_on(copy, reps_left=10, reps_right=9, load="20", rir=2)
                continue
            log_set_on(copy, reps=10, load="100", rir=2)
            if copy.order == 1:
                log_set_on(copy, set_number=2, reps=10, load="100", rir=said, actual_rir=more)
    return athlete


def _test_sets(user) -> list[tuple]:
    return sorted(
        SetLog.objects.filter(
            prescription__session__athlete=user, actual_rir__isnull=False
        ).values_list("prescription__session__date", "exercise__slug", "reps", "rir", "actual_rir")
    )


def _upload(client, document: dict):
    upload = client.post(
        "/account/import/",
        {"file": SimpleUploadedFile("me.json", json.dumps(document).encode(), "application/json")},
    )
    if upload.status_code != 302:
        return upload
    return client.post(upload["Location"], {})


def _refused(client, tested, change, message: str):
    """``tested``'s JSON, changed by ``change``, uploaded by a fresh account after theirs is
    deleted: refused (400) with ``message``. The fresh account and the page."""
    client.force_login(tested)
    document = json.loads(_body(client.get(JSON_URL)))
    delete_account(athlete=tested)
    change(document)
    again = make_user("again")
    client.force_login(again)
    response = _upload(client, document)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    return again, page


def test_the_json_export_carries_test_sets_and_imports_them_back(client, tested):
    client.force_login(tested)
    first = json.loads(_body(client.get(JSON_URL)))
    written = [
        logged
        for session in first["sessions"]
        for slot in session["prescriptions"]
        for logged in slot["sets"]
    ]
    assert sorted(logged["actual_rir"] for logged in written if logged["actual_rir"]) == [3, 4]
    assert all("actual_rir" in logged for logged in written)  # null on ordinary sets
    tests = _test_sets(tested)
    assert len(tests) == 2

    delete_account(athlete=tested)
    again = make_user("again")
    client.force_login(again)
    assert _upload(client, first).status_code == 302

    assert _test_sets(again) == tests
    second = json.loads(_body(client.get(JSON_URL)))
    assert second["sessions"] == first["sessions"]


def test_a_file_from_before_test_sets_imports_its_sets_as_ordinary_ones(client, tested):
    client.force_login(tested)
    document = json.loads(_body(client.get(JSON_URL)))
    delete_account(athlete=tested)
    for session in document["sessions"]:
        for slot in session["prescriptions"]:
            for logged in slot["sets"]:
                del logged["actual_rir"]
    again = make_user("again")
    client.force_login(again)

    assert _upload(client, document).status_code == 302

    assert SetLog.objects.filter(prescription__session__athlete=again).count() > 0
    assert _test_sets(again) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actual_rir": -1}, "actual_rir: -1 is out of range (0 to 100)"),
        ({"actual_rir": 101}, "actual_rir: 101 is out of range (0 to 100)"),
        ({"actual_rir": "4"}, "actual_rir: “4” is not a whole number"),
        ({"actual_rir": 4.5}, "actual_rir: “4.5” is not a whole number"),
        ({"actual_rir": True}, "actual_rir: “True” is not a whole number"),
        ({"actual_rir": 4, "rir": None}, TEST_SET_PROBLEM),
        ({"actual_rir": 4, "reps": None, "reps_left": 10, "reps_right": 9}, TEST_SET_PROBLEM),
    ],
)
def test_a_json_test_set_that_cannot_be_is_refused_by_its_row_and_nothing_written(
    client, tested, change, message
):
    # The last session's first set: the whole file before it would be fine.
    again, page = _refused(
        client,
        tested,
        lambda document: document["sessions"][-1]["prescriptions"][0]["sets"][0].update(change),
        message,
    )
    assert "sessions[1].prescriptions[0].sets[0]" in page
    assert not Session.objects.filter(athlete=again).exists()
    assert not SetLog.objects.exists()


def test_the_strong_csv_writes_a_test_set_as_a_done_set_that_says_what_it_showed(client, tested):
    SetLog.objects.filter(actual_rir=3).update(note="=grind")
    client.force_login(tested)

    rows = list(csv.DictReader(io.StringIO(_body(client.get(STRONG_URL)))))

    notes = [row["Notes"] for row in rows if row["Notes"].startswith(("Test set", "'Test set"))]
    assert notes == [
        "Test set: said RIR 2, 4 more to failure",
        "Test set: said RIR 1, 3 more to failure · =grind",
    ]
    assert TEST_SET_NOTE.format(rir=2, more=4) == notes[0]
    # Done at the stop: the reps and the RPE said there.
    (test_row,) = [row for row in rows if row["Notes"] == notes[0]]
    assert (test_row["Reps"], test_row["RPE"]) == ("10", "8")
    # Every other set keeps its own note, empty here.
    others = {"", LEFT_LEG_NOTE, RIGHT_LEG_NOTE}
    assert sum(1 for row in rows if row["Notes"] in others) == len(rows) - 2


def test_a_strong_csv_imports_back_without_test_fields(client, tested, coach):
    client.force_login(tested)
    exported = _body(client.get(STRONG_URL)).encode()
    newcomer = make_athlete("newcomer", coach=coach)
    client.force_login(newcomer)
    upload = client.post(
        "/account/import/", {"file": SimpleUploadedFile("s.csv", exported, "text/csv")}
    )
    client.post(upload["Location"], {"unit": "kg"})

    imported = SetLog.objects.filter(prescription__session__athlete=newcomer)
    assert imported.count() == SetLog.objects.filter(prescription__session__athlete=tested).count()
    assert not imported.filter(actual_rir__isnull=False).exists()
    assert imported.filter(note="Test set: said RIR 2, 4 more to failure", rir=2).exists()


def test_deleting_the_account_takes_its_test_sets_and_choices(client, tested, other_athlete):
    squat = Exercise.objects.get(slug="back-squat")
    CalibrationChoice.objects.create(athlete=tested, exercise=squat, planned=True)
    CalibrationChoice.objects.create(athlete=other_athlete, exercise=squat, planned=False)
    client.force_login(tested)

    response = client.post("/account/delete/", {"username": tested.username})

    assert response.status_code == 200
    assert not SetLog.objects.filter(actual_rir__isnull=False).exists()
    assert list(CalibrationChoice.objects.values_list("athlete_id", flat=True)) == [
        other_athlete.pk
    ]


def test_the_json_export_carries_test_set_choices_and_imports_them_back(client, tested):
    squat = Exercise.objects.get(slug="back-squat")
    curl = Exercise.objects.get(slug="lying-leg-curl")
    CalibrationChoice.objects.create(athlete=tested, exercise=squat, planned=True)
    CalibrationChoice.objects.create(athlete=tested, exercise=curl, planned=False)
    tested.test_set_every_weeks = 6
    tested.save(update_fields=["test_set_every_weeks"])
    client.force_login(tested)
    document = json.loads(_body(client.get(JSON_URL)))
    assert document["profile"]["test_set_every_weeks"] == 6
    assert document["test_set_choices"] == [
        {"exercise": "back-squat", "planned": True},
        {"exercise": "lying-leg-curl", "planned": False},
    ]

    delete_account(athlete=tested)
    again = make_user("again")
    # A word already said on an exercise is the account's and stays.
    CalibrationChoice.objects.create(athlete=again, exercise=curl, planned=True)
    client.force_login(again)
    assert _upload(client, document).status_code == 302

    assert set(
        CalibrationChoice.objects.filter(athlete=again).values_list("exercise__slug", "planned")
    ) == {("back-squat", True), ("lying-leg-curl", True)}


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([{"exercise": "back-squat", "planned": "yes"}], "planned: should be true or false"),
        ([{"exercise": "", "planned": True}], "exercise: should be a text, not empty"),
        ([{"planned": True}], "“exercise” is missing"),
        (
            [{"exercise": "back-squat", "planned": True}] * 2,
            "two test-set choices name the same exercise",
        ),
        ({"back-squat": True}, "test_set_choices: should be a list"),
    ],
)
def test_a_json_test_set_choice_that_cannot_be_is_refused(client, tested, choices, message):
    again, _ = _refused(
        client, tested, lambda document: document.update(test_set_choices=choices), message
    )
    assert not Session.objects.filter(athlete=again).exists()
    assert not CalibrationChoice.objects.exists()
