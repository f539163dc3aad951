import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, Session, SessionPrescription
from programs.progress import progress_of
from programs.weeks import IsoWeek
from tests.imported import SETS_PER_WEEK, import_strong
from tracking.forms import NOT_AN_ALTERNATIVE_MESSAGE
from tracking.models import SetLog

W48 = IsoWeek(2026, 48)


def _generate(week):
    generate_week(assignments=assignments_in_week(week), week=week)


@pytest.fixture(autouse=True)
def monday_of_w48():
    """The page of a session dated before today is read first: W48's Day 1 is today here."""
    with time_machine.travel(dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def sessions(athlete, other_athlete):
    _generate(W48)
    return {
        "mine": Session.objects.get(athlete=athlete, day_number=1, date__gte=W48.monday),
        "theirs": Session.objects.get(athlete=other_athlete, day_number=1, date__gte=W48.monday),
    }


def _log(session, order, *, loads_reps_rirs, per_leg=False):
    copy = SessionPrescription.objects.get(session=session, order=order)
    for number, (load, reps, rir) in enumerate(loads_reps_rirs, start=1):
        legs = {"reps_left": reps, "reps_right": reps - 1} if per_leg else {"reps": reps}
        SetLog.objects.create(
            uuid=uuid.uuid4(),
            prescription=copy,
            exercise=copy.performed_exercise,
            set_number=number,
            load_kg=Decimal(load),
            rir=rir,
            **legs,
        )


def test_the_session_page_shows_prescriptions_and_setup_cues(client, athlete, sessions):
    client.force_login(athlete)
    response = client.get(reverse("session", args=[sessions["mine"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Back squat" in html and "4 × 5–8" in html
    assert "Setup cues" in html and "Brace before each rep" in html
    assert html.count('aria-label="Done: log set') == 4 + 3 + 3  # lunges: 2–3 sets
    assert "optional" in html  # the third lunge set
    assert "0 of 9 sets" in html
    assert "First time: pick a load you can do for 8 reps at RIR 2" in html


def test_last_time_and_the_suggestion_follow_the_progression_table(client, athlete, sessions):
    last_week = W48.shifted(-1)
    _generate(last_week)
    earlier = Session.objects.get(athlete=athlete, date=last_week.monday)
    _log(earlier, 1, loads_reps_rirs=[("100", 8, 2)] * 4)
    _log(earlier, 2, loads_reps_rirs=[("80", 10, 2), ("80", 9, 2), ("80", 8, 2)])

    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()

    assert "100 kg × 8, 8, 8, 8 @ RIR 2" in html
    assert "102.5 kg" in html and "All sets at the top of the range: add load" in html
    assert "80 kg × 10, 9, 8 @ RIR 2" in html
    assert "Same load: beat last time by a rep" in html
    rdl = SessionPrescription.objects.get(session=sessions["mine"], order=2)
    # The rows are prefilled with the suggestion: 10, 10, 9 reps at 80 kg.
    for number, reps in [(1, 10), (2, 10), (3, 9)]:
        assert (
            f'id="set-{rdl.pk}-{number}-reps" name="reps" type="text" inputmode="numeric" pattern="[0-9]*" value="{reps}"'
            in html
        )
    assert (
        f'id="set-{rdl.pk}-1-load" name="load" type="text" inputmode="decimal"  value="80"' in html
    )


def test_a_unilateral_suggestion_follows_the_weaker_leg(client, athlete, sessions):
    last_week = W48.shifted(-1)
    _generate(last_week)
    earlier = Session.objects.get(athlete=athlete, date=last_week.monday)
    _log(earlier, 3, loads_reps_rirs=[("20", 14, 2), ("20", 14, 2)], per_leg=True)

    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    assert "20 kg × 14/13, 14/13 @ RIR 2" in html
    # The right leg stopped at 13: not every set reached 14, so no load is added yet.
    assert "22 kg" not in html


def test_the_session_page_runs_the_same_queries_with_a_year_of_history(
    client, athlete, sessions, django_assert_num_queries
):
    client.force_login(athlete)
    url = reverse("session", args=[sessions["mine"].pk])
    # A first session has no last time: the sets of last time are not asked for.
    with django_assert_num_queries(FIRST_SESSION_PAGE_QUERIES + TODAY_NOTES_QUERIES):
        assert client.get(url).status_code == 200

    for offset in range(1, 53):
        _generate(W48.shifted(-offset))
    for session in Session.objects.filter(athlete=athlete, date__lt=W48.monday):
        for order in (1, 2, 3):
            _log(session, order, loads_reps_rirs=[("50", 10, 2)] * 2, per_leg=order == 3)
        if session.date >= W48.monday - dt.timedelta(weeks=1):
            with django_assert_num_queries(
                SESSION_PAGE_QUERIES + TODAY_NOTES_QUERIES
            ):  # a week of history
                assert client.get(url).status_code == 200
    assert SetLog.objects.count() > 500
    with django_assert_num_queries(SESSION_PAGE_QUERIES + TODAY_NOTES_QUERIES):
        assert client.get(url).status_code == 200


def test_the_session_page_runs_the_same_queries_after_a_big_import(
    client, athlete, sessions, django_assert_num_queries
):
    weeks = 2000 // SETS_PER_WEEK
    assert import_strong(athlete, weeks=weeks, before=W48.monday) > 2000 - SETS_PER_WEEK
    client.force_login(athlete)
    url = reverse("session", args=[sessions["mine"].pk])
    assert client.get(url).status_code == 200  # the login's session
    with django_assert_num_queries(SESSION_PAGE_QUERIES + TODAY_NOTES_QUERIES):
        html = client.get(url).content.decode()
    # Last time is the import's last workout with the squat: its loads rose every 4 weeks.
    top = 60 + Decimal("2.5") * ((weeks - 1) // 4)
    assert f"Last time:</span> {top:.0f} kg × 6, 6, 6, 5 @ RIR 1–2" in html


# The athlete's test sets and test-set choices (tracking.calibration_record): their bias
# corrects last time's RIR for the suggestions and the verdicts, and plans the
# test sets.
CALIBRATION_QUERIES = 2
SESSION_PAGE_QUERIES = 9 + CALIBRATION_QUERIES  # last time: its dates, then its sets
FIRST_SESSION_PAGE_QUERIES = 8 + CALIBRATION_QUERIES
# Today's session also asks for the coach's unread notes on the athlete in general.
TODAY_NOTES_QUERIES = 1
# With sets logged in the session, their records: the bests before it (tracking/records.py).
LOGGED_SESSION_PAGE_QUERIES = SESSION_PAGE_QUERIES + 1


def test_another_athletes_session_is_not_found(client, athlete, sessions):
    client.force_login(athlete)
    assert client.get(reverse("session", args=[sessions["theirs"].pk])).status_code == 404


def test_a_session_that_does_not_exist_is_not_found(client, athlete, sessions):
    client.force_login(athlete)
    assert client.get("/sessions/999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, sessions):
    response = client.get(reverse("session", args=[sessions["mine"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_session_page_only_answers_get(client, athlete, sessions):
    client.force_login(athlete)
    assert client.post(reverse("session", args=[sessions["mine"].pk])).status_code == 405


def test_add_a_set_draws_one_more_row(client, athlete, sessions):
    rdl = SessionPrescription.objects.get(session=sessions["mine"], order=2)
    client.force_login(athlete)
    url = reverse("session", args=[sessions["mine"].pk])
    html = client.get(url, {"more": [rdl.pk, rdl.pk]}).content.decode()
    assert f'id="set-{rdl.pk}-5"' in html and f'id="set-{rdl.pk}-6"' not in html
    assert "extra" in html


def test_swapping_to_an_alternative_logs_sets_for_it(client, athlete, sessions):
    squat = SessionPrescription.objects.get(session=sessions["mine"], order=1)
    leg_press = Exercise.objects.get(slug="leg-press")
    client.force_login(athlete)
    url = reverse("swap", args=[sessions["mine"].pk, squat.pk])
    response = client.post(url, {"exercise": leg_press.pk})
    assert response.status_code == 302
    squat.refresh_from_db()
    assert squat.swapped_to == leg_press
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    assert "1. Leg press" in html
    client.post(
        reverse("tick", args=[sessions["mine"].pk]),
        {
            "uuid": str(uuid.uuid4()),
            "prescription": squat.pk,
            "set_number": 1,
            "reps": 10,
            "load": 150,
            "rir": 2,
        },
    )
    assert SetLog.objects.get().exercise == leg_press
    # Back to the prescribed exercise.
    client.post(url, {"exercise": squat.exercise_id})
    squat.refresh_from_db()
    assert squat.swapped_to is None


@pytest.mark.parametrize("exercise", ["hip-thrust", "nothing"])
def test_swapping_to_something_not_prescribed_is_refused(client, athlete, sessions, exercise):
    squat = SessionPrescription.objects.get(session=sessions["mine"], order=1)
    found = Exercise.objects.filter(slug=exercise).first()
    client.force_login(athlete)
    url = reverse("swap", args=[sessions["mine"].pk, squat.pk])
    response = client.post(url, {"exercise": found.pk if found else "x"})
    assert response.status_code == 400
    assert "Pick the prescribed exercise" in response.content.decode()
    assert NOT_AN_ALTERNATIVE_MESSAGE.startswith("Pick the prescribed exercise")
    squat.refresh_from_db()
    assert squat.swapped_to is None


def test_swapping_in_another_athletes_session_is_not_found(client, other_athlete, sessions):
    squat = SessionPrescription.objects.get(session=sessions["mine"], order=1)
    client.force_login(other_athlete)
    url = reverse("swap", args=[sessions["mine"].pk, squat.pk])
    leg_press = Exercise.objects.get(slug="leg-press")
    assert client.post(url, {"exercise": leg_press.pk}).status_code == 404


def test_today_opens_todays_session_or_says_rest_day(client, athlete):
    client.force_login(athlete)
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("today"))
    session = Session.objects.get(athlete=athlete, date=dt.date(2026, 11, 23))
    assert response["Location"] == reverse("session", args=[session.pk])
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("today"))
    assert response.status_code == 200
    thursday = Session.objects.get(athlete=athlete, date=dt.date(2026, 11, 26))
    html = response.content.decode()
    assert '<h1 id="rest-title">Rest day</h1>' in html
    assert (
        "Next session: <strong>Thursday 26 November</strong>, Day 2 · Balance + Isolation" in html
    )
    assert f'href="{reverse("session", args=[thursday.pk])}"' in html


def test_today_after_the_weeks_last_session_names_next_weeks_first(client, athlete):
    client.force_login(athlete)
    # Friday 27 November: Day 2 was yesterday; next week is made to name its Monday.
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC), tick=False):
        html = client.get(reverse("today")).content.decode()
    monday = Session.objects.get(athlete=athlete, date=dt.date(2026, 11, 30))
    assert "Next session: <strong>Monday 30 November</strong>, Day 1" in html
    assert f'href="{reverse("session", args=[monday.pk])}"' in html


def test_a_finished_session_says_so(client, athlete, sessions):
    _log(sessions["mine"], 1, loads_reps_rirs=[("100", 8, 2)] * 4)
    _log(sessions["mine"], 2, loads_reps_rirs=[("80", 8, 2)] * 3)
    client.force_login(athlete)
    url = reverse("session", args=[sessions["mine"].pk])
    assert "Session finished" not in _progress_shown(client.get(url).content.decode())
    _log(sessions["mine"], 3, loads_reps_rirs=[("20", 12, 2)] * 2, per_leg=True)
    shown = _progress_shown(client.get(url).content.decode())
    assert "Session finished" in shown and "9 of 9 sets" in shown


def _progress_shown(html: str) -> str:
    """The progress on the page, not the <template>s the phone draws its own from."""
    return html.split('id="session-progress"', 1)[1].split("</p>", 1)[0]


def test_a_first_session_carries_the_logged_load_to_the_sets_after_it(client, athlete, sessions):
    _log(sessions["mine"], 1, loads_reps_rirs=[("60", 6, 2)])
    squat = SessionPrescription.objects.get(session=sessions["mine"], order=1)
    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    for number in (2, 3, 4):
        assert (
            f'id="set-{squat.pk}-{number}-load" name="load" type="text" inputmode="decimal"  value="60"'
            in html
        )
        assert (
            f'id="set-{squat.pk}-{number}-reps" name="reps" type="text" inputmode="numeric" pattern="[0-9]*" value="6"'
            in html
        )
    rdl = SessionPrescription.objects.get(session=sessions["mine"], order=2)
    assert f'id="set-{rdl.pk}-1-load" name="load" type="text" inputmode="decimal"  value=""' in html


def _value(html: str, field_id: str) -> str:
    return html.split(f'id="{field_id}"', 1)[1].split('value="', 1)[1].split('"', 1)[0]


def test_a_first_session_aims_at_the_top_of_the_range_the_card_names(client, athlete, sessions):
    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    squat, rdl, lunge = (
        SessionPrescription.objects.get(session=sessions["mine"], order=order)
        for order in (1, 2, 3)
    )
    assert "pick a load you can do for 8 reps" in html and "for 10 reps" in html
    for number in (1, 2, 3, 4):
        assert _value(html, f"set-{squat.pk}-{number}-reps") == "8"
        assert _value(html, f"set-{squat.pk}-{number}-load") == ""
    assert _value(html, f"set-{rdl.pk}-1-reps") == "10"
    assert _value(html, f"set-{lunge.pk}-1-reps_left") == "14"
    assert _value(html, f"set-{lunge.pk}-1-reps_right") == "14"


def test_a_first_session_carries_per_leg_reps_down(client, athlete, sessions):
    _log(sessions["mine"], 3, loads_reps_rirs=[("20", 12, 2)], per_leg=True)
    lunge = SessionPrescription.objects.get(session=sessions["mine"], order=3)
    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    for number in (2, 3):
        assert _value(html, f"set-{lunge.pk}-{number}-load") == "20"
        assert _value(html, f"set-{lunge.pk}-{number}-reps_left") == "12"
        assert _value(html, f"set-{lunge.pk}-{number}-reps_right") == "11"


def _shown_actions(html: str) -> list[str]:
    """The first button of each row's actions (not the ones kept in <template>s)."""
    return re.findall(
        r'<div class="actions">\s*<button type="\w+" class="(?:primary )?(\w+)"', html
    )


def test_a_past_session_is_read_then_edited(client, athlete, sessions):
    _log(sessions["mine"], 1, loads_reps_rirs=[("100", 8, 2)])
    client.force_login(athlete)
    url = reverse("session", args=[sessions["mine"].pk])
    with time_machine.travel(dt.datetime(2026, 11, 24, 7, tzinfo=dt.UTC), tick=False):
        read = client.get(url).content.decode()
        edited = client.get(url + "?edit=1").content.decode()
    assert 'href="?edit=1">Edit</a>' in read
    assert "Done: log set" not in read and "Add a set" not in read and "Swap" not in read
    assert "Today:" not in read and "Today:" not in edited
    assert read.count('class="set-row read-only') == 10
    assert _shown_actions(edited).count("done") == 3 + 3 + 3
    assert "Add a set" in edited and "&amp;edit=1" in edited


def test_todays_session_opens_with_its_forms(client, athlete, sessions):
    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    assert "?edit=1" not in html and "Today:" in html
    assert html.count('aria-label="Done: log set') == 10


def test_a_logged_set_reads_as_one_line_with_its_verdict(client, athlete, sessions):
    _log(sessions["mine"], 1, loads_reps_rirs=[("100", 8, 2), ("100", 6, 5)])
    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    assert html.count('<p class="set-line">100 kg × 8 @ RIR 2</p>') == 1
    assert html.count('<p class="set-line">100 kg × 6 @ RIR 5</p>') == 1
    assert html.count("set-row is-logged is-collapsed") == 2
    assert _shown_actions(html).count("edit") == 2


def test_finished_exercises_fold_and_the_current_one_is_open(client, athlete, sessions):
    _log(sessions["mine"], 1, loads_reps_rirs=[("100", 8, 2)] * 4)
    _log(sessions["mine"], 2, loads_reps_rirs=[("80", 8, 2)])
    client.force_login(athlete)
    html = client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    assert html.count('<details class="exercise-body">') == 1  # the squat: finished
    assert html.count('<details class="exercise-body" open>') == 2
    assert '<span class="card-done">4 sets logged</span>' in html


@pytest.mark.parametrize(
    ("counts", "label", "finished"),
    [
        ([(4, 0), (3, 0), (2, 0)], "0 of 9 sets", False),
        ([(4, 4), (3, 3), (2, 2)], "9 of 9 sets", True),
        ([(4, 4), (3, 3), (2, 3)], "10 sets (9 planned)", True),
        ([(4, 6), (3, 3), (2, 0)], "9 of 9 sets", False),
        ([(4, 7), (3, 3), (2, 0)], "10 sets (9 planned)", False),
    ],
    ids=["none", "as-planned", "an-optional-set", "extra-sets-not-a-missed-exercise", "over"],
)
def test_progress_never_says_more_of_fewer(counts, label, finished):
    progress = progress_of(counts)
    assert (progress.label, progress.finished) == (label, finished)


def test_a_session_with_an_optional_set_logged_says_so_plainly(client, athlete, sessions):
    _log(sessions["mine"], 1, loads_reps_rirs=[("100", 8, 2)] * 4)
    _log(sessions["mine"], 2, loads_reps_rirs=[("80", 8, 2)] * 3)
    _log(sessions["mine"], 3, loads_reps_rirs=[("20", 12, 2)] * 3, per_leg=True)
    client.force_login(athlete)
    shown = _progress_shown(
        client.get(reverse("session", args=[sessions["mine"].pk])).content.decode()
    )
    assert "10 sets (9 planned)" in shown and "of 9" not in shown
