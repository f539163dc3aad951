"""Generation racing what the athletes and coaches do at the same moment: ticks, a first
look at a new week, the desk, the daily command. Threads with their own connections, on
the test database (run on PostgreSQL too, where the lost sets were seen)."""

import datetime as dt
import io
import threading
import time
import uuid

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client

from programs import generation
from programs.generation import assignments_in_week, generate_week
from programs.models import Prescription, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import make_user, race_rounds
from tracking.models import SetLog

W48 = IsoWeek(2026, 48)
# Monday 23 November 2026, 07:00 in Paris: the athlete's Day 1 is today.
MONDAY_MORNING = dt.datetime(2026, 11, 23, 6, tzinfo=dt.UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}
ROUNDS = race_rounds(30)
TICKERS = 4


@pytest.fixture(autouse=True)
def monday_morning():
    # time-machine patches the clock for every thread, so the racing requests agree on
    # the athlete's today.
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def racing(transactional_db):
    """Committed rows, which the racing threads see from their own connections."""


def at_once(*jobs) -> list:
    """Run each job from its own thread and database connection, started together;
    returns what each returned, or the exception it raised. Bounded waits, so a thread
    that dies fails the test, not CI."""
    barrier = threading.Barrier(len(jobs), timeout=10)
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _squat_copy(athlete) -> SessionPrescription:
    return SessionPrescription.objects.get(
        session__athlete=athlete, session__date=W48.monday, order=1
    )


@pytest.mark.parametrize(
    ("rounds", "window"), [(ROUNDS, 0), (race_rounds(10), 0.05)], ids=["natural", "widened"]
)
def test_ticks_racing_regeneration_lose_no_acknowledged_set(
    racing, athlete, race_report, monkeypatch, rounds, window
):
    """Each round: four phones tick sets on today's untrained session while the coach
    edits the template and the week is regenerated over and over. A set answered 200 is a
    set in the database; a tick that lost the race is answered 400, asking for a reload.

    The widened rounds pause generation between its read of which sessions are started and
    its writes, as the issue's reproduction did: without the tick's lock, sets committed in
    that pause are answered 200 and then re-copied away."""
    if window:
        read_templates = generation._template_prescriptions

        def slowly(templates):
            time.sleep(window)
            return read_templates(templates)

        monkeypatch.setattr(generation, "_template_prescriptions", slowly)
    generate_week(assignments=assignments_in_week(W48, athlete=athlete), week=W48)
    template_slot = Prescription.objects.get(pk=_squat_copy(athlete).source_id)
    session = Session.objects.get(athlete=athlete, date=W48.monday)
    url = f"/sessions/{session.pk}/tick/"
    clients = [logged_in(athlete) for _ in range(TICKERS)]
    acknowledged = stored_count = refused = 0
    statuses = []

    def ticker(client, number):
        def tick():
            answers = []
            for attempt in range(3):
                set_uuid = str(uuid.uuid4())
                data = {
                    "uuid": set_uuid,
                    # The page the phone drew: the copy as it is at this moment.
                    "prescription": str(_squat_copy(athlete).pk),
                    "set_number": str(number + attempt * TICKERS),
                    "reps": "8",
                    "load": "100",
                    "rir": "2",
                }
                answers.append((set_uuid, client.post(url, data, **HTMX).status_code))
            return answers

        return tick

    def regenerate():
        for step in range(6):
            # A template edit: an untrained session's copies are made again each time.
            Prescription.objects.filter(pk=template_slot.pk).update(reps_max=8 + step % 2)
            generate_week(assignments=assignments_in_week(W48, athlete=athlete), week=W48)

    for _ in range(rounds):
        results = at_once(
            *(ticker(client, number) for number, client in enumerate(clients, 1)), regenerate
        )
        assert not any(isinstance(result, Exception) for result in results), results
        answered = set()
        for answers in results[:TICKERS]:
            for set_uuid, status in answers:
                statuses.append(status)
                if status == 200:
                    answered.add(set_uuid)
                else:
                    refused += 1
        stored = {str(value) for value in SetLog.objects.values_list("uuid", flat=True)}
        assert answered <= stored, f"acknowledged, then lost: {sorted(answered - stored)}"
        acknowledged += len(answered)
        stored_count += len(answered & stored)
        # Back to an untrained session for the next round's race.
        SetLog.objects.all().delete()

    assert set(statuses) <= {200, 400}
    race_report(
        f"ticks vs regeneration ({window * 1000:.0f} ms window), {rounds} rounds: "
        f"{acknowledged} acknowledged, {stored_count} stored, {refused} refused (400)"
    )
    assert acknowledged == stored_count > 0


def test_the_desk_racing_an_athlete_opening_a_new_week_answers_200(racing, athlete, coach):
    """The coach's desk and the athlete's first look both make this week: one makes it,
    the other finds it, neither answers 500."""
    desk, phone, laptop = logged_in(coach), logged_in(athlete), logged_in(athlete)
    for _ in range(race_rounds(10)):
        Session.objects.filter(athlete=athlete).delete()
        results = at_once(
            lambda: desk.get("/coach/").status_code,
            lambda: phone.get(f"/week/{W48}/").status_code,
            lambda: laptop.get("/today/").status_code,
        )
        assert results == [200, 200, 302]
        assert Session.objects.filter(athlete=athlete).count() == 2


def test_the_daily_command_racing_a_first_look_finishes_every_athlete(
    racing, athlete, other_athlete, program
):
    """The daily command meets the sessions a page view made a moment before: it brings
    them in line and goes on to the next athlete instead of crashing."""
    others = [make_user(f"lifter{number}", time_zone="Europe/Paris") for number in range(3)]
    for user in others:
        user.assignments.create(program=program, start_date=dt.date(2026, 1, 5))
    phone = logged_in(athlete)

    def command():
        out = io.StringIO()
        call_command("generate_week", week=str(W48), stdout=out)
        return out.getvalue()

    for _ in range(race_rounds(10)):
        Session.objects.all().delete()
        results = at_once(command, lambda: phone.get(f"/week/{W48}/").status_code)
        assert not isinstance(results[0], Exception), results[0]
        assert results[1] == 200
        assert Session.objects.count() == 2 * (2 + len(others))


def test_ticks_racing_the_end_of_a_program_lose_no_acknowledged_set(
    racing, athlete, coach, race_report
):
    """The coach ends the program while the athlete logs today's first sets: the session
    goes (its sets refused, 404 or 400) or stays with every set answered 200."""
    desk = logged_in(coach)
    phones = [logged_in(athlete) for _ in range(TICKERS)]
    acknowledged = stored_count = 0
    statuses = []

    def tick(client, number):
        def post():
            session = Session.objects.filter(athlete=athlete, date=W48.monday).first()
            if session is None:
                return None, 404
            set_uuid = str(uuid.uuid4())
            data = {
                "uuid": set_uuid,
                "prescription": str(_squat_copy(athlete).pk),
                "set_number": str(number),
                "reps": "8",
                "load": "100",
                "rir": "2",
            }
            return set_uuid, client.post(f"/sessions/{session.pk}/tick/", data, **HTMX).status_code

        return post

    for _ in range(race_rounds(10)):
        athlete.assignments.update(end_date=None)
        generate_week(assignments=assignments_in_week(W48, athlete=athlete), week=W48)
        results = at_once(
            *(tick(phone, number) for number, phone in enumerate(phones, 1)),
            lambda: desk.post(f"/coach/athletes/{athlete.pk}/program/end/").status_code,
        )
        assert not any(isinstance(result, Exception) for result in results), results
        assert results[-1] == 302
        answered = {set_uuid for set_uuid, status in results[:-1] if status == 200}
        statuses += [status for _, status in results[:-1]]
        stored = {str(value) for value in SetLog.objects.values_list("uuid", flat=True)}
        assert answered <= stored, f"acknowledged, then lost: {sorted(answered - stored)}"
        acknowledged += len(answered)
        stored_count += len(answered & stored)
        SetLog.objects.all().delete()
        Session.objects.all().delete()

    assert set(statuses) <= {200, 400, 404}
    race_report(f"ticks vs ending the program: {acknowledged} acknowledged, {stored_count} stored")
    assert acknowledged == stored_count
