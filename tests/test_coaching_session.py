"""The coach reads an athlete's session and leaves a note; the athlete sees the note."""

import datetime as dt

import pytest
import time_machine

from coaching.changes import NOTE_ELSEWHERE_MESSAGE, add_note
from coaching.models import CoachNote
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on

WEEK = IsoWeek(2026, 48)


@pytest.fixture
def monday(athlete, other_athlete):
    generate([WEEK])
    session = athlete.sessions.get(day_number=1)
    log_set_on(session.prescriptions.get(order=1), rir=5)
    return session


def test_the_coach_reads_the_session_without_its_forms(client, coach, monday):
    client.force_login(coach)

    response = client.get(f"/coach/sessions/{monday.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Back squat" in page and "RIR 5" in page
    assert "Done: log set" not in page
    assert "Undo set" not in page
    assert 'name="exercise"' not in page  # the swap form
    assert "Add a set" not in page
    assert "Adjust for athlete" in page
    assert "Leave the note" in page


def test_a_coach_leaves_a_note_the_athlete_then_sees(client, coach, athlete, monday):
    squat = monday.prescriptions.get(order=1)
    client.force_login(coach)

    response = client.post(
        f"/coach/sessions/{monday.pk}/notes/",
        {"text": "Push the last two sets closer to failure.", "prescription": squat.pk},
    )

    assert response.status_code == 302
    note = CoachNote.objects.get()
    assert (note.session, note.prescription, note.author) == (monday, squat, coach)
    client.force_login(athlete)
    page = client.get(f"/sessions/{monday.pk}/").content.decode()
    assert "From your coach" in page
    assert "Push the last two sets closer to failure." in page
    assert "1. Back squat" in page


def test_a_note_on_the_whole_session(client, coach, monday):
    client.force_login(coach)

    client.post(f"/coach/sessions/{monday.pk}/notes/", {"text": "Great week.", "prescription": ""})

    assert CoachNote.objects.get().prescription is None


def test_an_empty_note_is_refused(client, coach, monday):
    client.force_login(coach)

    response = client.post(f"/coach/sessions/{monday.pk}/notes/", {"text": "  "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not CoachNote.objects.exists()


def test_a_note_on_another_sessions_exercise_is_refused(client, coach, athlete, monday):
    thursday = athlete.sessions.get(day_number=2)
    client.force_login(coach)

    response = client.post(
        f"/coach/sessions/{monday.pk}/notes/",
        {"text": "Hi", "prescription": thursday.prescriptions.first().pk},
    )

    assert response.status_code == 400
    assert not CoachNote.objects.exists()


def test_the_note_rule_refuses_another_sessions_exercise(coach, athlete, monday):
    thursday = athlete.sessions.get(day_number=2)

    with pytest.raises(ValueError, match=NOTE_ELSEWHERE_MESSAGE):
        add_note(
            session=monday,
            prescription_id=thursday.prescriptions.first().pk,
            text="Hi",
            by=coach,
            site="http://testserver/",
        )


@pytest.mark.parametrize("who", ["other_coach", "athlete", "other_athlete"])
def test_the_coach_pages_of_a_session_are_not_found_for_others(client, monday, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/coach/sessions/{monday.pk}/").status_code == 404
    assert client.post(f"/coach/sessions/{monday.pk}/notes/", {"text": "x"}).status_code == 404
    assert not CoachNote.objects.exists()


def test_the_coach_cannot_tick_or_undo_on_the_athletes_session(client, coach, monday):
    logged = monday.prescriptions.get(order=1).set_logs.get()
    client.force_login(coach)

    assert client.post(f"/sessions/{monday.pk}/tick/", {}).status_code == 404
    assert client.post(f"/sessions/{monday.pk}/sets/{logged.uuid}/undo/").status_code == 404
    assert client.get(f"/sessions/{monday.pk}/").status_code == 404


def test_the_athletes_week_progress_and_balance_for_the_coach(client, coach, athlete, monday):
    client.force_login(coach)

    week = client.get(f"/coach/athletes/{athlete.pk}/week/2026-W48/")
    assert week.status_code == 200
    assert f"/coach/sessions/{monday.pk}/" in week.content.decode()
    assert f'href="/sessions/{monday.pk}/"' not in week.content.decode()
    assert client.get(f"/coach/athletes/{athlete.pk}/week/2026-W99/").status_code == 404
    assert client.get(f"/coach/athletes/{athlete.pk}/progress/").status_code == 200
    assert client.get(f"/coach/athletes/{athlete.pk}/balance/").status_code == 200


# Monday morning of WEEK: Thursday's session is still ahead, so a change of plan re-copies it.
@time_machine.travel(dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC), tick=False)
def test_a_note_on_an_exercise_survives_a_change_of_plan(client, coach, athlete, program):
    generate([WEEK])
    thursday = athlete.sessions.get(day_number=2)
    curl = thursday.prescriptions.get(order=2)
    client.force_login(coach)
    client.post(
        f"/coach/sessions/{thursday.pk}/notes/", {"text": "Squeeze.", "prescription": curl.pk}
    )
    curl.source.reps_max = 12  # the template changes: the untrained session gets new copies
    curl.source.save(update_fields=["reps_max"])
    generate([WEEK])

    note = CoachNote.objects.get()
    assert note.prescription is None
    assert note.exercise.slug == "leg-curl"
    client.force_login(athlete)
    assert "Leg curl: Squeeze." in client.get(f"/sessions/{thursday.pk}/").content.decode()


def test_the_coach_reads_an_exercises_history_through_their_own_links(
    client, coach, other_coach, athlete, monday
):
    squat = monday.prescriptions.get(order=1).set_logs.get().exercise
    client.force_login(coach)

    progress = client.get(f"/coach/athletes/{athlete.pk}/progress/").content.decode()
    history_url = f"/coach/athletes/{athlete.pk}/progress/{squat.pk}/"
    assert f'href="{history_url}"' in progress
    assert f'href="/progress/{squat.pk}/"' not in progress  # the coach's own, empty
    assert "Open today's session" not in progress

    history = client.get(history_url)
    assert history.status_code == 200
    assert "No sets yet" not in history.content.decode()  # the athlete's sets, not the coach's
    assert f'href="/coach/athletes/{athlete.pk}/progress/"' in history.content.decode()
    assert client.get(history_url + "?before=not-a-date").status_code == 404
    balance = client.get(f"/coach/athletes/{athlete.pk}/balance/").content.decode()
    assert 'href="/week/' not in balance

    client.force_login(other_coach)
    assert client.get(history_url).status_code == 404


def test_the_coach_goes_to_the_first_week_through_their_own_links(client, coach, athlete):
    client.force_login(coach)

    html = client.get(f"/coach/athletes/{athlete.pk}/week/2025-W48/").content.decode()

    assert "starts on Monday 5 January 2026" in html
    assert f'href="/coach/athletes/{athlete.pk}/week/2026-W02/"' in html
    assert 'href="/week/' not in html  # the coach's own week, not the athlete's


# Monday morning of WEEK, before anything made the week.
@time_machine.travel(dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC), tick=False)
def test_the_coachs_balance_counts_against_the_weeks_plan_as_the_athletes_does(
    client, coach, athlete
):
    client.force_login(coach)

    html = client.get(f"/coach/athletes/{athlete.pk}/balance/").content.decode()

    assert athlete.sessions.filter(date__range=(WEEK.monday, WEEK.sunday)).count() == 2
    assert "<strong>0</strong> of 4" in html  # quads: the plan of the week just made


def test_the_coachs_session_page_answers_get_only(client, coach, monday):
    client.force_login(coach)

    assert client.post(f"/coach/sessions/{monday.pk}/").status_code == 405
    assert not CoachNote.objects.exists()
