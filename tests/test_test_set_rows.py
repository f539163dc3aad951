"""Test sets on the gym floor: the session page offers one on an exercise's last set
(planned, or one tap away), the tick stores the reps done after the stop, and the row
answers with the outcome and the verdict read on the corrected RIR."""

import datetime as dt
import html as html_module
import re
import uuid

import pytest
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tests.test_session_page import LOGGED_SESSION_PAGE_QUERIES, TODAY_NOTES_QUERIES
from tracking import calibration
from tracking.calibration import SAFETY_REMINDER, TEST_SET_LABEL
from tracking.forms import ACTUAL_RIR_MESSAGE, TEST_SET_PER_LEG_MESSAGE
from tracking.models import CalibrationChoice, SetLog
from tracking.verdicts import CORRECTED_RIR_MESSAGE, TOO_EASY_MESSAGE

W48 = IsoWeek(2026, 48)
HTMX = {"HTTP_HX_REQUEST": "true"}
OFFER = "Make it a test set"


@pytest.fixture
def day_one(athlete, other_athlete):
    for week in (W48.shifted(-2), W48):
        generate_week(assignments=assignments_in_week(week), week=week)
    return Session.objects.get(athlete=athlete, date=W48.monday)


@pytest.fixture
def leg_press(day_one):
    """Day 1's first slot (back squat, 4 sets) swapped to its alternative, the leg press:
    a machine, where failure is safe, so a test set is planned on it."""
    slot = SessionPrescription.objects.get(session=day_one, order=1)
    slot.swap_to(Exercise.objects.get(name="Leg press"))
    return slot


@pytest.fixture
def lunge(day_one):
    return SessionPrescription.objects.get(session=day_one, order=3)


def text(response) -> str:
    return html_module.unescape(response.content.decode())


def row_html(page: str, slot, number: int) -> str:
    found = re.search(rf'<li [^>]*id="set-{slot.pk}-{number}">(.*?)</li>', page, re.S)
    assert found, f"no row {number} on {slot}"
    return found.group(1)


def session_page(client, athlete, session) -> str:
    client.force_login(athlete)
    return text(client.get(reverse("session", args=[session.pk])))


def tick(client, slot, **fields):
    data = {
        "uuid": str(uuid.uuid4()),
        "prescription": str(slot.pk),
        "set_number": "4",
        "reps": "10",
        "load": "140",
        "rir": "2",
    } | fields
    data = {key: value for key, value in data.items() if value is not None}
    return data, client.post(reverse("tick", args=[slot.session_id]), data, **HTMX)


def earlier_tests(athlete, slot, *errors_and_rirs) -> None:
    """Test sets on the same exercise in earlier sessions (two weeks back and more)."""
    earlier = SessionPrescription.objects.get(
        session__athlete=athlete, session__date=W48.monday - dt.timedelta(weeks=2), order=1
    )
    earlier.swap_to(slot.performed_exercise)
    earlier.exercise_id = slot.performed_exercise.pk
    for number, (rir, actual) in enumerate(errors_and_rirs, start=1):
        made = log_set_on(earlier, set_number=number, reps=10, rir=rir, actual_rir=actual)
        SetLog.objects.filter(pk=made.pk).update(exercise=slot.performed_exercise)


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_a_planned_test_set_is_marked_on_the_exercises_last_set_only(client, athlete, leg_press):
    page = session_page(client, athlete, leg_press.session)
    last = row_html(page, leg_press, 4)
    assert str(TEST_SET_LABEL) in last
    assert 'name="actual_rir"' in last and 'inputmode="numeric"' in last
    assert f'<label for="set-{leg_press.pk}-4-actual-rir">More reps to failure</label>' in last
    assert OFFER not in last and str(SAFETY_REMINDER) not in last  # a machine: safe to fail
    for number in (1, 2, 3):
        assert "actual_rir" not in row_html(page, leg_press, number)
    assert page.count(str(TEST_SET_LABEL)) == 1


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_any_other_bilateral_last_set_is_one_tap_from_a_test_set(client, athlete, day_one, lunge):
    deadlift = SessionPrescription.objects.get(session=day_one, order=2)
    page = session_page(client, athlete, day_one)
    # The barbell squat is not planned (failure needs safeties): the offer only.
    squat = SessionPrescription.objects.get(session=day_one, order=1)
    last = row_html(page, deadlift, deadlift.sets_max)
    assert f"<summary>{OFFER}</summary>" in last and str(TEST_SET_LABEL) not in last
    assert 'name="actual_rir"' in last
    assert OFFER in row_html(page, squat, squat.sets_max)
    # A per-leg exercise counts each leg: no test set on it.
    assert "actual_rir" not in row_html(page, lunge, lunge.sets_max)


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_a_barbell_squat_turned_on_is_planned_with_the_safety_reminder(client, athlete, day_one):
    squat = SessionPrescription.objects.get(session=day_one, order=1)
    CalibrationChoice.objects.create(athlete=athlete, exercise=squat.exercise, planned=True)
    last = row_html(session_page(client, athlete, day_one), squat, squat.sets_max)
    assert str(TEST_SET_LABEL) in last and str(SAFETY_REMINDER) in last


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_a_tick_with_the_reps_to_failure_stores_a_test_set_and_says_what_it_showed(
    client, athlete, leg_press
):
    client.force_login(athlete)
    data, response = tick(client, leg_press, actual_rir="4")
    assert response.status_code == 200
    logged = SetLog.objects.get(uuid=data["uuid"])
    assert (logged.reps, logged.rir, logged.actual_rir) == (10, 2, 4)
    answer = text(response)
    assert calibration.test_set_outcome(predicted_rir=2, actual_rir=4) in answer
    assert "you left 2 more than you thought" in answer
    # The same post again (the offline queue's replay): the same set, still a test set.
    again = client.post(reverse("tick", args=[leg_press.session_id]), data, **HTMX)
    assert again.status_code == 200 and "you left 2 more than you thought" in text(again)
    assert SetLog.objects.get().actual_rir == 4
    # The page says it too, on the logged row.
    assert "you left 2 more than you thought" in row_html(
        session_page(client, athlete, leg_press.session), leg_press, 4
    )


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_an_empty_field_is_an_ordinary_set(client, athlete, leg_press):
    client.force_login(athlete)
    _, response = tick(client, leg_press, actual_rir="")
    assert response.status_code == 200
    assert SetLog.objects.get().actual_rir is None
    assert "than you thought" not in text(response)


@pytest.mark.parametrize("value", ["-1", "1001", "4.5", "٤", "four"])
@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_bad_reps_to_failure_are_refused_and_nothing_is_written(client, athlete, leg_press, value):
    client.force_login(athlete)
    _, response = tick(client, leg_press, actual_rir=value)
    assert response.status_code == 400
    assert str(ACTUAL_RIR_MESSAGE) in text(response)
    assert not SetLog.objects.exists()


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_a_per_leg_set_cannot_be_a_test_set(client, athlete, lunge):
    client.force_login(athlete)
    _, response = tick(
        client,
        lunge,
        set_number="2",
        reps=None,
        reps_left="12",
        reps_right="12",
        load="20",
        actual_rir="3",
    )
    assert response.status_code == 400
    assert str(TEST_SET_PER_LEG_MESSAGE) in text(response)
    assert not SetLog.objects.exists()


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_editing_keeps_changes_or_clears_the_test_and_undo_gives_it_back(
    client, athlete, leg_press
):
    client.force_login(athlete)
    data, _ = tick(client, leg_press, actual_rir="4")
    edit_url = reverse("edit_set", args=[leg_press.session_id, data["uuid"]])
    fields = {"reps": "10", "load": "140", "rir": "2"}
    # A form that sent no test-set field keeps the test.
    assert client.post(edit_url, fields, **HTMX).status_code == 200
    assert SetLog.objects.get().actual_rir == 4
    response = client.post(edit_url, fields | {"actual_rir": "5"}, **HTMX)
    assert "you left 3 more than you thought" in text(response)
    assert SetLog.objects.get().actual_rir == 5
    bad = client.post(edit_url, fields | {"actual_rir": "x"}, **HTMX)
    assert bad.status_code == 400 and SetLog.objects.get().actual_rir == 5

    undone = client.post(reverse("undo_set", args=[leg_press.session_id, data["uuid"]]), **HTMX)
    # Back to a set to log with its values: logging it again is one tap, test and all.
    assert 'name="actual_rir"' in text(undone) and 'value="5"' in text(undone)

    _, again = tick(client, leg_press, actual_rir="4")
    edit_url = reverse("edit_set", args=[leg_press.session_id, SetLog.objects.get().uuid])
    client.post(edit_url, fields | {"actual_rir": ""}, **HTMX)
    assert SetLog.objects.get().actual_rir is None


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_after_two_tests_a_typed_rir_is_judged_on_the_corrected_one(client, athlete, leg_press):
    earlier_tests(athlete, leg_press, (2, 4), (2, 4))
    client.force_login(athlete)
    # No test planned today: the last one was two weeks ago, the interval is four.
    page = session_page(client, athlete, leg_press.session)
    assert str(TEST_SET_LABEL) not in page
    _, response = tick(client, leg_press, set_number="1", actual_rir=None)
    answer = text(response)
    said = CORRECTED_RIR_MESSAGE.format(rir=2, corrected=4, exercise="leg press")
    assert said in answer and TOO_EASY_MESSAGE.format(rir=4) in answer
    assert "Too easy" in answer
    # The page draws the same verdict.
    row = row_html(session_page(client, athlete, leg_press.session), leg_press, 1)
    assert said in row and "Too easy" in row
    # The form carries the correction, for the phone to judge the same offline.
    assert 'data-correction="2"' in row and 'data-exercise="leg press"' in row


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_one_test_corrects_nothing(client, athlete, leg_press):
    earlier_tests(athlete, leg_press, (2, 5))
    client.force_login(athlete)
    _, response = tick(client, leg_press, set_number="1")
    assert "Your tests say" not in text(response) and "your tests say" not in text(response)
    assert "On target" in text(response)


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_the_coach_reads_the_outcome_and_no_field(client, athlete, coach, leg_press):
    log_set_on(leg_press, set_number=4, reps=10, load="140", rir=2, actual_rir=4)
    client.force_login(coach)
    page = text(client.get(reverse("coach_session", args=[leg_press.session_id])))
    assert "you left 2 more than you thought" in page
    assert 'name="actual_rir"' not in page and OFFER not in page


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_the_page_runs_the_same_queries_with_test_sets_in_the_history(
    client, athlete, leg_press, django_assert_num_queries
):
    client.force_login(athlete)
    url = reverse("session", args=[leg_press.session_id])
    client.get(url)  # the login's session
    for weeks_back in range(1, 13):
        week = W48.shifted(-weeks_back)
        generate_week(assignments=assignments_in_week(week), week=week)
    for copy in SessionPrescription.objects.filter(
        session__athlete=athlete, session__date__lt=W48.monday
    ).exclude(per_leg=True):
        log_set_on(copy, set_number=copy.sets_max, reps=10, rir=2, actual_rir=3)
    log_set_on(leg_press, set_number=4, reps=10, load="140", rir=2, actual_rir=4)
    assert SetLog.objects.filter(actual_rir__isnull=False).count() > 20
    with django_assert_num_queries(LOGGED_SESSION_PAGE_QUERIES + TODAY_NOTES_QUERIES):
        page = text(client.get(url))
    assert "you left 2 more than you thought" in page


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_with_no_script_the_post_goes_back_to_the_page_with_the_outcome(client, athlete, leg_press):
    client.force_login(athlete)
    data = {
        "uuid": str(uuid.uuid4()),
        "prescription": str(leg_press.pk),
        "set_number": "4",
        "reps": "10",
        "load": "140",
        "rir": "3",
        "actual_rir": "3",
    }
    response = client.post(reverse("tick", args=[leg_press.session_id]), data, follow=True)
    assert response.redirect_chain and SetLog.objects.get().actual_rir == 3
    assert "You said 3 left and did 3 more: spot on." in text(response)


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_the_last_set_answered_alone_keeps_the_one_tap_offer(client, athlete, leg_press):
    client.force_login(athlete)
    _, last = tick(client, leg_press)
    _, first = tick(client, leg_press, set_number="1")
    assert OFFER in text(last) and OFFER not in text(first)


@pytest.mark.time_machine(dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC))
def test_an_undone_test_set_still_says_to_go_to_failure(client, athlete, leg_press):
    """The set goes back to be logged again: the planned test keeps its label, not only
    after a reload."""
    client.force_login(athlete)
    data, _ = tick(client, leg_press, actual_rir="4")

    undone = client.post(reverse("undo_set", args=[leg_press.session_id, data["uuid"]]), **HTMX)

    assert undone.status_code == 200
    assert str(TEST_SET_LABEL) in text(undone)
    # An exercise with no test planned gets no label back.
    CalibrationChoice.objects.create(
        athlete=athlete, exercise=leg_press.performed_exercise, planned=False
    )
    data, _ = tick(client, leg_press)
    undone = client.post(reverse("undo_set", args=[leg_press.session_id, data["uuid"]]), **HTMX)
    assert undone.status_code == 200 and str(TEST_SET_LABEL) not in text(undone)
