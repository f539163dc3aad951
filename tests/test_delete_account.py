"""/account/delete/: typing the username deletes everything that is the athlete's."""

import datetime as dt
import uuid
from collections import Counter

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import User
from demo import samples
from exchange.models import PendingImport
from programs.deletion import USERNAME_MISMATCH_MESSAGE
from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import at_once, log_set_on, make_user, race_rounds
from tracking.models import SetLog, UndoneSet

DELETE = "/account/delete/"
W48 = IsoWeek(2026, 48)


def user_relations() -> list[tuple[type[models.Model], models.Field]]:
    """Every field of every model (auto-created join tables too) pointing at the user."""
    return [
        (model, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is User
    ]


@pytest.fixture
def trained(athlete, other_athlete, client):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    for copy in SessionPrescription.objects.all():
        log_set_on(copy)
    client.force_login(athlete)
    undone = SetLog.objects.filter(prescription__session__athlete=athlete).first()
    client.post(f"/sessions/{undone.prescription.session_id}/sets/{undone.uuid}/undo/")
    client.post("/account/import/", {"file": _file()})  # a pending import too
    return athlete


def _file():
    return SimpleUploadedFile("s.csv", samples.strong_csv(weeks=1).encode(), "text/csv")


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.post(DELETE, {"username": "athlete"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_delete_page_answers_only_get_and_post(client, athlete):
    client.force_login(athlete)
    assert client.get(DELETE).status_code == 200
    assert client.put(DELETE).status_code == 405


def test_the_relations_to_the_user_are_the_ones_we_know():
    # A new relation to the user must be thought about here: does it cascade, is it the
    # athlete's data (then it belongs in the JSON export)?
    names = {f"{model._meta.label}.{field.name}" for model, field in user_relations()}
    assert {
        "programs.Assignment.athlete",
        "programs.Assignment.coach",
        "programs.Session.athlete",
        "accounts.Invitation.coach",
        "accounts.Invitation.used_by",
        "exchange.PendingImport.athlete",
        "tracking.UndoneSet.athlete",  # cascades; not training data, so not exported
        "admin.LogEntry.user",
    } <= names


@pytest.mark.parametrize("typed", ["", "Athlete", "someone", "athlete2"])
def test_a_wrong_username_deletes_nothing(client, trained, typed):
    before = (User.objects.count(), Session.objects.count(), SetLog.objects.count())
    response = client.post(DELETE, {"username": typed})
    assert response.status_code == 400
    assert (
        str(USERNAME_MISMATCH_MESSAGE) in response.content.decode()
        or "required" in response.content.decode()
    )
    assert (User.objects.count(), Session.objects.count(), SetLog.objects.count()) == before


def test_deleting_leaves_no_row_that_points_at_the_athlete(client, trained, other_athlete, coach):
    athlete_id = trained.pk
    others = SetLog.objects.filter(prescription__session__athlete=other_athlete).count()
    assert PendingImport.objects.filter(athlete=trained).exists()
    assert UndoneSet.objects.filter(athlete=trained).exists()

    response = client.post(DELETE, {"username": "athlete"})

    assert response.status_code == 200
    assert "Your account and everything in it are deleted." in response.content.decode()
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert not User.objects.filter(pk=athlete_id).exists()
    relations = user_relations()
    assert relations
    for model, field in relations:
        assert not model._default_manager.filter(**{field.attname: athlete_id}).exists(), (
            f"{model._meta.label}.{field.name} keeps a row of the deleted athlete"
        )
    # What hangs below the athlete's sessions went too; the other athlete keeps theirs.
    assert not SessionPrescription.objects.filter(session__athlete_id=athlete_id).exists()
    assert SetLog.objects.count() == others
    # Logged out: the next page asks for a login.
    assert client.get("/account/").status_code == 302


def test_a_coach_sees_the_athlete_gone(client, trained, coach):
    client.post(DELETE, {"username": "athlete"})
    client.force_login(coach)
    response = client.get(reverse("admin:programs_assignment_changelist"))
    assert response.status_code == 200
    assert not Assignment.objects.filter(coach=coach).exists()
    assert ">athlete<" not in response.content.decode()


def test_a_coach_deleting_their_account_leaves_their_athletes(client, athlete, coach):
    client.force_login(coach)
    client.post(DELETE, {"username": "coach"})
    assignment = Assignment.objects.get(athlete=athlete)
    assert assignment.coach is None


def _queued_ticks(client, copies):
    """A phone's queue sending its sets one after the other, as offline.js does."""

    def send():
        statuses = []
        for copy in copies:
            data = {
                "uuid": str(uuid.uuid4()),
                "prescription": str(copy.pk),
                "set_number": "1",
                "load": "100",
                "rir": "2",
                # A set as the phone draws it: per leg where the slot is.
                **({"reps_left": "8", "reps_right": "8"} if copy.per_leg else {"reps": "8"}),
            }
            response = client.post(
                f"/sessions/{copy.session_id}/tick/", data, HTTP_HX_REQUEST="true"
            )
            statuses.append(response.status_code)
        return statuses

    return send


ROUNDS = race_rounds(10)


@pytest.mark.django_db(transaction=True)
def test_deleting_the_account_while_queued_ticks_arrive_wins(program, coach, race_report):
    """The deletion wins; a tick answers 200 before it, a clear 4xx (or the login page)
    after it, never a 500; and nothing of the athlete stays."""
    deleted, ticks = 0, Counter()
    for number in range(ROUNDS):
        racer = make_user(f"racer{number}")
        Assignment.objects.create(
            athlete=racer, program=program, coach=coach, start_date=dt.date(2026, 1, 5)
        )
        generate_week(assignments=assignments_in_week(W48, athlete=racer), week=W48)
        copies = list(SessionPrescription.objects.filter(session__athlete=racer))
        phones = []
        for _ in range(4):
            phone = Client(raise_request_exception=False)
            phone.force_login(racer)
            phones.append(phone)
        deleting = Client(raise_request_exception=False)
        deleting.force_login(racer)

        def delete(client=deleting, username=racer.username):
            return client.post(DELETE, {"username": username}).status_code

        answers = at_once([delete, *(_queued_ticks(phone, copies) for phone in phones)])

        deleted += answers[0] == 200
        ticks.update(status for statuses in answers[1:] for status in statuses)
        if answers[0] != 200:
            continue
        assert not User.objects.filter(pk=racer.pk).exists()
        assert not SetLog.objects.filter(prescription__session__athlete_id=racer.pk).exists()
        assert not Session.objects.filter(athlete_id=racer.pk).exists()
    race_report(
        f"account deletion vs queued ticks: {deleted} of {ROUNDS} deletions won; "
        f"tick answers {dict(sorted(ticks.items()))}"
    )
    assert deleted == ROUNDS
    assert set(ticks) <= {200, 302, 404}, ticks
