import html as html_module
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import post_at_once
from tracking.forms import (
    BOTH_LEGS_MESSAGE,
    LOAD_REQUIRED_MESSAGE,
    NOT_IN_SESSION_MESSAGE,
    REPS_MESSAGE,
    RIR_MESSAGE,
    load_limit_message,
)
from tracking.models import SetLog, UndoneSet
from tracking.ticks import (
    SET_GONE_MESSAGE,
    UNDONE_MESSAGE,
    UUID_TAKEN_MESSAGE,
    PrescriptionNotFound,
    SetValues,
    log_set,
)
from tracking.verdicts import TOO_EASY_MESSAGE

W48 = IsoWeek(2026, 48)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def day_one(athlete, other_athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return Session.objects.get(athlete=athlete, date=W48.monday)


@pytest.fixture
def squat(day_one):
    return SessionPrescription.objects.get(session=day_one, order=1)


@pytest.fixture
def lunge(day_one):
    return SessionPrescription.objects.get(session=day_one, order=3)


def tick_data(slot, **overrides):
    data = {
        "uuid": str(uuid.uuid4()),
        "prescription": str(slot.pk),
        "set_number": "1",
        "reps": "8",
        "load": "100",
        "rir": "2",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def text(response) -> str:
    """The response as a person reads it: entities such as &#x27; unescaped."""
    return html_module.unescape(response.content.decode())


def tick_url(session):
    return reverse("tick", args=[session.pk])


def test_a_tick_logs_the_set_and_answers_the_row_with_its_verdict(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    response = client.post(tick_url(squat.session), data, **HTMX)

    assert response.status_code == 200
    logged = SetLog.objects.get()
    assert logged.uuid == uuid.UUID(data["uuid"])
    assert (logged.set_number, logged.reps, logged.load_kg, logged.rir) == (1, 8, 100, 2)
    assert logged.exercise == squat.exercise
    html = text(response)
    assert f'id="set-{squat.pk}-1"' in html
    assert "In range" in html and "On target" in html
    assert 'id="session-progress"' in html and 'hx-swap-oob="true"' in html
    assert "1 of 9 sets" in html


@pytest.mark.parametrize(
    ("now", "query"),
    [("2026-11-23T07:00Z", ""), ("2026-11-30T07:00Z", "?edit=1")],
    ids=["on-the-day", "a-past-session-stays-in-its-forms"],
)
def test_a_plain_form_tick_redirects_back_to_the_row(client, athlete, squat, now, query):
    client.force_login(athlete)
    with time_machine.travel(now, tick=False):
        response = client.post(tick_url(squat.session), tick_data(squat))
    assert response.status_code == 302
    assert response["Location"] == reverse("session", args=[squat.session.pk]) + (
        f"{query}#set-{squat.pk}-1"
    )
    assert SetLog.objects.count() == 1


def test_a_set_with_reps_in_the_tank_says_so_plainly(client, athlete, squat):
    client.force_login(athlete)
    html = client.post(tick_url(squat.session), tick_data(squat, rir="5"), **HTMX).content
    assert "Too easy" in html.decode()
    assert TOO_EASY_MESSAGE.format(rir=5).split(":")[0] in html.decode()


def test_the_same_uuid_twice_writes_one_set(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    first = client.post(tick_url(squat.session), data, **HTMX)
    second = client.post(tick_url(squat.session), {**data, "reps": "3"}, **HTMX)

    assert first.status_code == second.status_code == 200
    assert SetLog.objects.count() == 1
    assert SetLog.objects.get().reps == 8  # the retry returns the first, it does not edit


def test_another_uuid_for_a_set_already_logged_shows_that_set(client, athlete, squat):
    client.force_login(athlete)
    client.post(tick_url(squat.session), tick_data(squat), **HTMX)
    response = client.post(tick_url(squat.session), tick_data(squat, reps="3"), **HTMX)
    assert response.status_code == 200
    assert "already logged" in text(response)
    assert SetLog.objects.count() == 1


def test_a_uuid_used_in_another_session_is_refused(client, athlete, squat, day_one):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    day_two = Session.objects.get(athlete=athlete, day_number=2, date__gte=W48.monday)
    extension = SessionPrescription.objects.get(session=day_two, order=1)
    response = client.post(tick_url(day_two), tick_data(extension, uuid=data["uuid"]), **HTMX)
    assert response.status_code == 400
    assert str(UUID_TAKEN_MESSAGE) in text(response)
    assert SetLog.objects.count() == 1


def test_a_per_leg_set_logs_both_legs_in_one_row(client, athlete, lunge):
    client.force_login(athlete)
    data = tick_data(lunge, reps=None, reps_left="12", reps_right="10", load="20")
    response = client.post(tick_url(lunge.session), data, **HTMX)
    assert response.status_code == 200
    logged = SetLog.objects.get()
    assert (logged.reps, logged.reps_left, logged.reps_right) == (None, 12, 10)


def test_a_load_in_pounds_reads_back_exactly_as_entered(client, athlete, squat):
    athlete.unit = "lb"
    athlete.save()
    client.force_login(athlete)
    client.post(tick_url(squat.session), tick_data(squat, load="227.5"), **HTMX)
    logged = SetLog.objects.get()
    assert logged.load_kg == Decimal("103.192264")
    # W48 is past: its forms come with ?edit=1.
    html = client.get(reverse("session", args=[squat.session.pk]) + "?edit=1").content.decode()
    assert 'value="227.5"' in html
    assert "Load (lb)" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reps": "101"}, REPS_MESSAGE),
        ({"reps": "-1"}, REPS_MESSAGE),
        ({"reps": "eight"}, REPS_MESSAGE),
        ({"load": "1000.5"}, load_limit_message("kg")),
        ({"load": "-5"}, load_limit_message("kg")),
        ({"load": "1e5"}, load_limit_message("kg")),
        ({"load": "abc"}, load_limit_message("kg")),
        ({"load": ""}, LOAD_REQUIRED_MESSAGE),
        ({"rir": "11"}, RIR_MESSAGE),
        ({"rir": "-1"}, RIR_MESSAGE),
        ({"rir": None}, RIR_MESSAGE),
        ({"uuid": "not-a-uuid"}, "malformed"),
        ({"set_number": "0"}, "numbered from 1"),
        ({"set_number": "x"}, "numbered from 1"),
    ],
)
def test_bad_input_gets_a_clear_message_in_the_row_and_writes_nothing(
    client, athlete, squat, overrides, message
):
    client.force_login(athlete)
    response = client.post(tick_url(squat.session), tick_data(squat, **overrides), **HTMX)
    assert response.status_code == 400
    assert str(message) in text(response)
    assert not SetLog.objects.exists()


def test_bad_input_without_javascript_shows_the_page_with_the_message(client, athlete, squat):
    client.force_login(athlete)
    response = client.post(tick_url(squat.session), tick_data(squat, reps="101"))
    assert response.status_code == 400
    html = text(response)
    assert str(REPS_MESSAGE) in html and "Romanian deadlift" in html
    assert not SetLog.objects.exists()


def test_a_per_leg_set_needs_both_legs(client, athlete, lunge):
    client.force_login(athlete)
    data = tick_data(lunge, reps=None, reps_left="12")
    response = client.post(tick_url(lunge.session), data, **HTMX)
    assert response.status_code == 400
    assert str(BOTH_LEGS_MESSAGE) in text(response)
    assert not SetLog.objects.exists()


@pytest.mark.parametrize("prescription_id", ["999999", "abc", ""])
def test_a_prescription_outside_the_session_is_refused(client, athlete, squat, prescription_id):
    client.force_login(athlete)
    data = tick_data(squat, prescription=prescription_id)
    response = client.post(tick_url(squat.session), data, **HTMX)
    assert response.status_code == 400
    assert str(NOT_IN_SESSION_MESSAGE) in text(response)
    assert not SetLog.objects.exists()


def test_a_prescription_of_another_session_is_refused(client, athlete, squat, day_one):
    day_two = Session.objects.get(athlete=athlete, day_number=2, date__gte=W48.monday)
    extension = SessionPrescription.objects.get(session=day_two, order=1)
    client.force_login(athlete)
    response = client.post(tick_url(day_one), tick_data(extension), **HTMX)
    assert response.status_code == 400
    assert not SetLog.objects.exists()


def test_a_tick_on_another_athletes_session_is_not_found(client, other_athlete, squat):
    client.force_login(other_athlete)
    response = client.post(tick_url(squat.session), tick_data(squat), **HTMX)
    assert response.status_code == 404
    assert not SetLog.objects.exists()


def test_the_tick_only_answers_post(client, athlete, squat):
    client.force_login(athlete)
    assert client.get(tick_url(squat.session)).status_code == 405


def test_anonymous_ticks_go_to_login(client, squat):
    response = client.post(tick_url(squat.session), tick_data(squat))
    assert response.status_code == 302
    assert not SetLog.objects.exists()


def test_the_tick_needs_the_csrf_token(athlete, squat):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(athlete)
    assert strict.post(tick_url(squat.session), tick_data(squat)).status_code == 403


def _tick(client, url, squat, number):
    return client.post(url, tick_data(squat, set_number=str(number)), **HTMX)


# What the tick asks the database, in order, whatever the history: a table each and why.
TICK_STATEMENTS = [
    ("django_session", "the login's session (SessionMiddleware)"),
    ("accounts_user", "the athlete (AuthenticationMiddleware)"),
    # Ownership (404 for anyone else's) and the lock in one statement: generation reads
    # which sessions are started under the same row lock, so it never re-copies a logged
    # set away (tests/test_races_generation.py).
    ("programs_sessionprescription", "the athlete's prescription, session, exercise; locked"),
    ('INSERT INTO "tracking_setlog"', "the set, once by its UUID (unique constraints)"),
    # After the insert, in its transaction, so an undo that committed while the insert
    # waited on the UUID's index is seen; the counts are the progress out-of-band fragment.
    ("tracking_undoneset", "the session's progress and whether the UUID was undone"),
    # Issue 18: the row's verdict reads the RIR the athlete's test sets on this one exercise
    # say they had (tracking/calibration_record.exercise_bias), after the transaction.
    ("actual_rir", "the athlete's test sets on the exercise"),
]
TICK_QUERIES = len(TICK_STATEMENTS)
# Transaction control is not a statement of the tick's: BEGIN and COMMIT in production,
# a SAVEPOINT and its RELEASE here, inside each test's transaction.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")


def _statements_of_a_tick(client, url, squat, number) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert _tick(client, url, squat, number).status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    control = [one for one in sql if one.startswith(TRANSACTION_CONTROL)]
    assert len(control) == 2, control  # one transaction, no nested savepoint
    return [one for one in sql if not one.startswith(TRANSACTION_CONTROL)]


def test_the_tick_runs_a_fixed_number_of_queries(client, athlete, squat):
    client.force_login(athlete)
    url = tick_url(squat.session)
    squat.session  # noqa: B018 (the test's own query, before counting)
    first = _statements_of_a_tick(client, url, squat, 1)
    SetLog.objects.bulk_create(
        SetLog(
            uuid=uuid.uuid4(),
            prescription=copy,
            exercise_id=copy.exercise_id,
            set_number=1,
            reps=8,
            load_kg=Decimal(100),
            rir=2,
        )
        for copy in SessionPrescription.objects.exclude(session=squat.session)
    )
    UndoneSet.objects.create(uuid=uuid.uuid4(), athlete=athlete)
    later = _statements_of_a_tick(client, url, squat, 2)

    for statements in (first, later):
        assert len(statements) == TICK_QUERIES <= 6, statements
        for sql, (table, what) in zip(statements, TICK_STATEMENTS, strict=True):
            assert table in sql, f"expected {what}: {sql}"
        if connection.vendor == "postgresql":
            assert "FOR NO KEY UPDATE OF" in statements[2]


def test_editing_a_set_changes_it_in_place(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    url = reverse("edit_set", args=[squat.session.pk, data["uuid"]])
    response = client.post(url, {"reps": "6", "load": "102.5", "rir": "1"}, **HTMX)
    assert response.status_code == 200
    logged = SetLog.objects.get()
    assert (logged.reps, logged.load_kg, logged.rir) == (6, Decimal("102.5"), 1)


def test_a_bad_edit_writes_nothing(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    url = reverse("edit_set", args=[squat.session.pk, data["uuid"]])
    response = client.post(url, {"reps": "500", "load": "102.5", "rir": "1"}, **HTMX)
    assert response.status_code == 400
    assert SetLog.objects.get().reps == 8


def test_undo_removes_the_set_and_gives_back_a_fresh_row(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    response = client.post(reverse("undo_set", args=[squat.session.pk, data["uuid"]]), **HTMX)
    assert response.status_code == 200
    assert not SetLog.objects.exists()
    html = text(response)
    assert "Done" in html and data["uuid"] not in html


def test_undo_gives_back_the_values_the_set_was_logged_with(client, athlete, squat):
    """A first session's set has no suggested load: an empty load would refuse the retick."""
    client.force_login(athlete)
    data = tick_data(squat, reps="7", load="102.5", rir="3")
    client.post(tick_url(squat.session), data, **HTMX)
    html = text(_undo(client, squat, data["uuid"]))
    row = f"set-{squat.pk}-1"
    assert (
        f'id="{row}-reps" name="reps" type="text" inputmode="numeric" pattern="[0-9]*" value="7"'
        in html
    )
    assert f'id="{row}-load" name="load" type="text" inputmode="decimal"  value="102.5"' in html
    assert f'id="{row}-rir-3" name="rir" value="3" checked' in html


def _undo(client, squat, uuid_text):
    return client.post(reverse("undo_set", args=[squat.session.pk, uuid_text]), **HTMX)


def test_an_undo_remembers_the_sets_uuid(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    _undo(client, squat, data["uuid"])
    undone = UndoneSet.objects.get()
    assert (str(undone.uuid), undone.athlete) == (data["uuid"], athlete)


def test_a_tick_replayed_after_its_undo_does_not_bring_the_set_back(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    _undo(client, squat, data["uuid"])

    response = client.post(tick_url(squat.session), data, **HTMX)

    assert response.status_code == 410
    assert not SetLog.objects.exists()
    # What the offline queue reads and shows: the server's message in the row's .error,
    # and a row to log the set anew under a fresh UUID.
    html = text(response)
    assert f'<p class="error" role="alert">{UNDONE_MESSAGE}</p>' in html
    assert f'id="set-{squat.pk}-1"' in html
    assert data["uuid"] not in html


def test_a_replay_after_an_undo_leaves_the_set_logged_anew_alone(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    _undo(client, squat, data["uuid"])
    again = tick_data(squat, reps="6")
    client.post(tick_url(squat.session), again, **HTMX)

    response = client.post(tick_url(squat.session), data, **HTMX)

    assert response.status_code == 410
    assert str(UNDONE_MESSAGE) in text(response)
    assert [str(logged.uuid) for logged in SetLog.objects.all()] == [again["uuid"]]


def test_a_replay_after_an_undo_without_javascript_shows_why(client, athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data)
    client.post(reverse("undo_set", args=[squat.session.pk, data["uuid"]]))

    response = client.post(tick_url(squat.session), data)

    assert response.status_code == 410
    assert str(UNDONE_MESSAGE) in text(response) and "Romanian deadlift" in text(response)
    assert not SetLog.objects.exists()


def test_an_edit_of_a_set_undone_meanwhile_is_not_found_with_the_reason(
    client, athlete, squat, monkeypatch
):
    """The edit loaded the set, then an undo took it before the edit wrote."""
    from tracking import views

    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    loaded = views.get_set_log_in_session

    def load_then_lose(**kwargs):
        found = loaded(**kwargs)
        SetLog.objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(views, "get_set_log_in_session", load_then_lose)
    url = reverse("edit_set", args=[squat.session.pk, data["uuid"]])
    edit = client.post(url, {"reps": "6", "load": "100", "rir": "1"}, **HTMX)
    client.post(tick_url(squat.session), tick_data(squat), **HTMX)
    undo = _undo(client, squat, str(SetLog.objects.get().uuid))

    assert (edit.status_code, undo.status_code) == (404, 404)
    assert str(SET_GONE_MESSAGE) in text(edit) and str(SET_GONE_MESSAGE) in text(undo)
    assert not SetLog.objects.exists() and not UndoneSet.objects.exists()


def test_edit_and_undo_of_another_athletes_set_are_not_found(client, athlete, other_athlete, squat):
    client.force_login(athlete)
    data = tick_data(squat)
    client.post(tick_url(squat.session), data, **HTMX)
    client.force_login(other_athlete)
    edit = reverse("edit_set", args=[squat.session.pk, data["uuid"]])
    undo = reverse("undo_set", args=[squat.session.pk, data["uuid"]])
    assert client.post(edit, {"reps": "1", "load": "1", "rir": "1"}).status_code == 404
    assert client.post(undo).status_code == 404
    assert SetLog.objects.get().reps == 8


@pytest.mark.django_db(transaction=True)
def test_racing_ticks_with_one_uuid_write_one_set(athlete, other_athlete):
    """Two posts of the same set at the same moment: the unique constraint decides."""
    from django.test import Client

    generate_week(assignments=assignments_in_week(W48), week=W48)
    squat = SessionPrescription.objects.get(
        session__athlete=athlete, session__date=W48.monday, order=1
    )
    data = tick_data(squat)
    url = tick_url(squat.session)
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(athlete)
        clients.append(client)
    statuses = post_at_once(clients, url, data, **HTMX)

    assert statuses == [200, 200, 200, 200]
    assert SetLog.objects.filter(uuid=data["uuid"]).count() == 1


def _log_squat(copy) -> None:
    def read(prescription):
        return SetValues(
            uuid=uuid.uuid4(),
            set_number=1,
            reps=8,
            reps_left=None,
            reps_right=None,
            load_kg=Decimal(100),
            rir=2,
        )

    log_set(
        athlete=copy.session.athlete,
        session_id=copy.session_id,
        prescription_id=str(copy.pk),
        read=read,
    )


def test_a_tick_on_a_session_removed_meanwhile_is_refused(squat):
    """The locking read finds the session gone (new weekdays, or the account deleted,
    while the phone posted): refused, nothing written, never a 200 for a set that would
    not stay."""
    squat.session  # noqa: B018 (loaded before it goes)
    Session.objects.filter(pk=squat.session_id).delete()

    with pytest.raises(PrescriptionNotFound):
        _log_squat(squat)
    assert not SetLog.objects.exists()


def test_a_tick_on_a_slot_recopied_meanwhile_is_refused(client, athlete, squat):
    """The session stays but a change of plan re-copied its prescriptions: the phone's
    copy is no longer in it, and the athlete is told, with nothing written."""
    session = squat.session
    SessionPrescription.objects.filter(pk=squat.pk).delete()

    with pytest.raises(PrescriptionNotFound):
        _log_squat(squat)
    client.force_login(athlete)
    response = client.post(tick_url(session), tick_data(squat), **HTMX)
    assert response.status_code == 400
    assert str(NOT_IN_SESSION_MESSAGE) in text(response)
    assert not SetLog.objects.exists()
