"""RIR not recorded: a set whose file gave no RPE/RIR keeps no made-up effort, a set marked
failure is RIR 0, both exports write the effort back as it was (and the import reads it
back with its dates), and every page shows "—" for it."""

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.urls import reverse

from demo import samples
from exchange.exporting import json_export, strong_csv
from exchange.formats import parse_file
from exchange.importing import import_history
from programs.deletion import delete_account
from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, Program, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_user
from tests.test_insight_pages import BALANCE_QUERIES, PROGRESS_QUERIES
from tests.test_session_page import LOGGED_SESSION_PAGE_QUERIES
from tracking.models import SetLog
from tracking.verdicts import NOT_RECORDED_MESSAGE

W48 = IsoWeek(2026, 48)
# Friday 27 November 2026, 10:00 in Paris: both of the week's sessions are due.
FRIDAY_MORNING = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)

STRONG_ROW = "2026-11-16 18:30:00,Legs,1h 0m,Squat (Barbell),{order},100,5,0,0,,,{rpe}"
HEVY_ROW = (
    '"Legs","16 Nov 2026, 18:30","16 Nov 2026, 19:30","","Squat (Barbell)","","",'
    "{index},{kind},100,5,,,{rpe}"
)


@pytest.fixture(autouse=True)
def frozen_friday():
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        yield


def strong(*rows: str) -> bytes:
    return "\n".join([samples.STRONG_HEADER, *rows]).encode()


def hevy(*rows: str) -> bytes:
    return "\n".join([samples.HEVY_HEADER.format(weight="weight_kg"), *rows]).encode()


def _rirs(content: bytes) -> list[int | None]:
    return [logged.rir for _, logged in parse_file(content).all_sets()]


@pytest.mark.parametrize(
    ("order", "rpe", "rir"),
    [
        ("1", "", None),
        ("1", "8", 2),
        ("1", "10", 0),
        ("F", "", 0),
        ("F", "8", 0),
        ("FAILURE", "", 0),
        ("D", "", None),
        ("DROP_SET", "9", 1),
    ],
    ids=["no-rpe", "rpe-8", "rpe-10", "f", "f-whatever-its-rpe", "failure", "drop", "drop-rpe"],
)
def test_strong_effort_is_as_written_or_not_recorded(order, rpe, rir):
    assert _rirs(strong(STRONG_ROW.format(order=order, rpe=rpe))) == [rir]


@pytest.mark.parametrize(
    ("kind", "rpe", "rir"),
    [
        ("normal", "", None),
        ("normal", "8", 2),
        ("failure", "", 0),
        ("failure", "7", 0),
        ("dropset", "", None),
    ],
    ids=["no-rpe", "rpe-8", "failure", "failure-whatever-its-rpe", "drop"],
)
def test_hevy_effort_is_as_written_or_not_recorded(kind, rpe, rir):
    assert _rirs(hevy(HEVY_ROW.format(index=0, kind=kind, rpe=rpe))) == [rir]


def test_the_semicolon_exports_failure_sets_are_rir_0():
    parsed = parse_file(samples.strong_semicolon_csv(weeks=1).encode())
    for session in parsed.sessions:
        # The sample writes each workout's last set as FAILURE, with an RPE of 9 on it.
        *others, failure = [logged for p in session.prescriptions for logged in p.sets]
        assert failure.rir == 0
        assert 0 not in [logged.rir for logged in others]


def test_an_import_stores_no_rpe_as_not_recorded_and_failure_as_0(athlete):
    content = strong(
        STRONG_ROW.format(order="1", rpe=""),
        STRONG_ROW.format(order="2", rpe="8"),
        STRONG_ROW.format(order="F", rpe=""),
    )
    import_history(athlete=athlete, parsed=parse_file(content), unit="kg", choices={})
    assert list(
        SetLog.objects.filter(prescription__session__athlete=athlete)
        .order_by("set_number")
        .values_list("rir", flat=True)
    ) == [None, 2, 0]


def _logged_week(athlete) -> list[Session]:
    """W48 with the squat's sets at no RIR, RIR 2 and failure, and the RDL's not recorded."""
    generate_week(assignments=assignments_in_week(W48), week=W48)
    monday = Session.objects.get(athlete=athlete, date=W48.monday)
    squat = monday.prescriptions.get(order=1)
    for number, rir in enumerate([None, 2, 0], start=1):
        log_set_on(squat, set_number=number, reps=8, load="100", rir=rir)
    log_set_on(monday.prescriptions.get(order=2), set_number=1, reps=10, load="80", rir=None)
    # Logged at the gym that Monday evening, a few minutes apart, as ticks would be.
    evening = dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC)
    for minutes, logged in enumerate(SetLog.objects.filter(prescription__session=monday)):
        logged.logged_at = evening + dt.timedelta(minutes=5 * minutes)
        logged.save(update_fields=["logged_at"])
    return [monday]


def _sets(athlete) -> list[tuple]:
    return list(
        SetLog.objects.filter(prescription__session__athlete=athlete)
        .order_by("logged_at", "exercise__name", "set_number")
        .values_list("prescription__session__date", "exercise__name", "set_number", "reps", "rir")
    )


def _stream(chunks) -> bytes:
    return "".join(chunks).encode()


def test_the_strong_csv_round_trip_keeps_not_recorded_and_the_dates(athlete):
    _logged_week(athlete)
    exported = _stream(strong_csv(athlete=athlete))
    rpes = [row["RPE"] for row in csv.DictReader(io.StringIO(exported.decode()))]
    assert rpes == ["", "8", "10", ""]

    again = make_user("again")
    Assignment.objects.create(
        athlete=again, program=Program.objects.get(is_default=True), start_date=W48.monday
    )
    import_history(athlete=again, parsed=parse_file(exported), unit="kg", choices={})

    assert _sets(again) == _sets(athlete)
    assert [rir for *_, rir in _sets(again)] == [None, 2, 0, None]


def test_the_json_round_trip_keeps_not_recorded(athlete):
    _logged_week(athlete)
    exported = _stream(json_export(athlete=athlete, now=FRIDAY_MORNING))
    document = json.loads(exported)
    written = [
        logged["rir"]
        for session in document["sessions"]
        for slot in session["prescriptions"]
        for logged in slot["sets"]
    ]
    assert sorted(written, key=str) == [0, 2, None, None]
    before = _sets(athlete)

    delete_account(athlete=athlete)
    again = make_user("again")
    import_history(athlete=again, parsed=parse_file(exported), unit=None, choices={})

    assert _sets(again) == before


def test_the_session_page_shows_not_recorded_as_a_dash(client, athlete, django_assert_num_queries):
    last_week = W48.shifted(-1)
    generate_week(assignments=assignments_in_week(last_week), week=last_week)
    earlier = SessionPrescription.objects.get(
        session__athlete=athlete, session__date=last_week.monday, order=1
    )
    for number in (1, 2):
        log_set_on(earlier, set_number=number, reps=8, load="100", rir=None)
    (monday,) = _logged_week(athlete)
    client.force_login(athlete)

    with django_assert_num_queries(LOGGED_SESSION_PAGE_QUERIES):
        response = client.get(reverse("session", args=[monday.pk]) + "?edit=1")  # a past day

    assert response.status_code == 200
    html = response.content.decode()
    assert "100 kg × 8, 8 @ RIR —" in html  # last time
    assert html.count("— not recorded") == 2  # the squat's first set, the RDL's
    assert html.count("Effort not recorded") == 2
    assert str(NOT_RECORDED_MESSAGE) in html


def test_the_coach_reads_not_recorded_as_a_dash(client, athlete, coach):
    (monday,) = _logged_week(athlete)
    client.force_login(coach)
    url = reverse("coach_session", args=[monday.pk])
    html = client.get(url).content.decode()
    assert html.count("RIR —") == 2


@pytest.mark.parametrize(
    ("name", "queries"), [("progress", PROGRESS_QUERIES), ("balance", BALANCE_QUERIES)]
)
def test_the_insight_pages_read_not_recorded_sets(
    client, athlete, name, queries, django_assert_num_queries
):
    _logged_week(athlete)
    client.force_login(athlete)
    with django_assert_num_queries(queries):
        assert client.get(reverse(name)).status_code == 200


def test_the_exercise_history_shows_not_recorded_as_a_dash(client, athlete):
    (monday,) = _logged_week(athlete)
    client.force_login(athlete)
    squat = monday.prescriptions.get(order=1).exercise_id
    html = client.get(reverse("exercise_progress", args=[squat])).content.decode()
    assert "100 kg × 8 @ RIR —" in html
    assert "100 kg × 8 @ RIR 0" in html
