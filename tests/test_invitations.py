"""A coach's invitation link: sign up through it, or accept it as an athlete already training;
once only, never after it expired or was revoked, and only for what it offers."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from accounts.invitations import GONE_MESSAGES
from accounts.models import Invitation, InvitationState, User
from accounts.views import PENDING_INVITATION
from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, DayTemplate, Program, Session, SessionPrescription
from programs.views import SETUP_INVITATION_GONE
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_user, post_at_once
from tests.test_signup import setup_data, signup_data

# Monday 23 November 2026, 10:00 in Paris.
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
W48 = IsoWeek(2026, 48)


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def coachs_program(db) -> Program:
    """Not the default: only an invitation leads to it."""
    return Program.objects.create(
        name="Coach's split",
        day_one=DayTemplate.objects.get(name="Balance + Isolation"),
        day_two=DayTemplate.objects.get(name="Strength + Compounds"),
    )


@pytest.fixture
def invitation(coach, coachs_program) -> Invitation:
    return Invitation.objects.create(coach=coach, program=coachs_program, note="Sam")


def join_url(invitation: Invitation) -> str:
    return f"/join/{invitation.token}/"


def accept_url(invitation: Invitation) -> str:
    return f"/join/{invitation.token}/accept/"


# The link


def test_the_token_is_long_random_and_the_only_thing_in_the_link(coach, program):
    first = Invitation.objects.create(coach=coach, program=program)
    second = Invitation.objects.create(coach=coach, program=program)
    assert len(first.token) >= 43 and first.token != second.token
    assert reverse("join", args=[first.token]) == f"/join/{first.token}/"
    assert str(first.pk) not in join_url(first).replace(first.token, "")


def test_an_invitation_expires_in_fourteen_days_by_default(invitation):
    assert invitation.expires_at == MONDAY_MORNING + dt.timedelta(days=14)
    assert invitation.state(now=MONDAY_MORNING) == InvitationState.OPEN


def test_the_link_opens_signup_showing_the_program_and_the_coach(client, invitation):
    response = client.get(join_url(invitation))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Join your coach" in html
    assert "Coach&#x27;s split" in html
    assert "<dd>coach</dd>" in html
    assert 'name="password2"' in html


def test_an_unknown_token_is_not_found(client, invitation):
    assert client.get("/join/not-a-token-anyone-made/").status_code == 404
    assert client.post("/join/not-a-token-anyone-made/", signup_data()).status_code == 404
    assert not User.objects.filter(username="newcomer").exists()


def test_signing_up_through_the_link_joins_the_coach_on_their_program(
    client, invitation, coach, coachs_program
):
    response = client.post(join_url(invitation), signup_data())
    assert response["Location"] == reverse("setup")
    newcomer = User.objects.get(username="newcomer")
    invitation.refresh_from_db()
    assert invitation.used_at is None  # the setup uses it

    page = client.get("/setup/").content.decode()
    assert "Coach&#x27;s split" in page and "<dd>coach</dd>" in page
    response = client.post("/setup/", setup_data(weekday_one="1", weekday_two="4"))

    assert response["Location"] == "/week/2026-W48/"
    assignment = Assignment.objects.get(athlete=newcomer)
    assert (assignment.program, assignment.coach) == (coachs_program, coach)
    assert (assignment.weekday_one, assignment.weekday_two) == (1, 4)
    invitation.refresh_from_db()
    assert invitation.used_by == newcomer
    assert invitation.used_at == MONDAY_MORNING
    assert PENDING_INVITATION not in client.session


def test_the_program_and_coach_come_from_the_invitation_never_from_the_form(
    client, invitation, other_coach, program, coachs_program
):
    client.post(join_url(invitation), signup_data(program=program.pk, coach=other_coach.pk))
    client.post("/setup/", setup_data(program=program.pk, coach=other_coach.pk))

    assignment = Assignment.objects.get(athlete__username="newcomer")
    assert (assignment.program, assignment.coach.username) == (coachs_program, "coach")


def _use(invitation: Invitation) -> None:
    invitation.mark_used(by=make_user("first_comer"), now=MONDAY_MORNING)


def _revoke(invitation: Invitation) -> None:
    invitation.revoked_at = MONDAY_MORNING
    invitation.save(update_fields=["revoked_at"])


def _expire(invitation: Invitation) -> None:
    invitation.expires_at = MONDAY_MORNING - dt.timedelta(seconds=1)
    invitation.created_at = MONDAY_MORNING - dt.timedelta(days=14)
    invitation.save(update_fields=["expires_at", "created_at"])


GONE = [
    (_use, InvitationState.USED),
    (_revoke, InvitationState.REVOKED),
    (_expire, InvitationState.EXPIRED),
]


@pytest.mark.parametrize(("spoil", "state"), GONE)
def test_a_used_revoked_or_expired_link_says_so_and_signs_nobody_up(
    client, invitation, spoil, state
):
    spoil(invitation)
    users = User.objects.count()

    for response in (
        client.get(join_url(invitation)),
        client.post(join_url(invitation), signup_data()),
    ):
        assert response.status_code == 410
        assert GONE_MESSAGES[state] in response.content.decode()
    assert User.objects.count() == users


def test_the_link_expires_after_fourteen_days(client, invitation):
    with time_machine.travel(MONDAY_MORNING + dt.timedelta(days=14, seconds=-1), tick=False):
        assert client.get(join_url(invitation)).status_code == 200
    with time_machine.travel(MONDAY_MORNING + dt.timedelta(days=14), tick=False):
        response = client.get(join_url(invitation))
    assert response.status_code == 410
    assert GONE_MESSAGES[InvitationState.EXPIRED] in response.content.decode()


def test_a_link_used_between_signup_and_setup_falls_back_to_the_default_program(
    client, invitation, program
):
    client.post(join_url(invitation), signup_data())
    _use(invitation)

    response = client.post("/setup/", setup_data())

    assert response.status_code == 200
    assert f"{GONE_MESSAGES[InvitationState.USED]} {SETUP_INVITATION_GONE}" in (
        response.content.decode()
    )
    assert not Assignment.objects.filter(athlete__username="newcomer").exists()

    client.post("/setup/", setup_data())
    assignment = Assignment.objects.get(athlete__username="newcomer")
    assert (assignment.program, assignment.coach) == (program, None)


def test_one_link_signs_up_one_athlete(client, invitation):
    client.post(join_url(invitation), signup_data())
    client.post("/setup/", setup_data())
    client.logout()

    response = client.post(
        join_url(invitation), signup_data(username="second", email="second@example.com")
    )

    assert response.status_code == 410
    assert not User.objects.filter(username="second").exists()


def test_a_signed_up_athlete_without_a_program_is_sent_to_setup(client, invitation):
    newcomer = make_user("newcomer")
    client.force_login(newcomer)

    response = client.get(join_url(invitation))

    assert response["Location"] == reverse("setup")
    assert client.session[PENDING_INVITATION] == invitation.token


# An athlete already training accepts


def _log_a_set(session: Session) -> None:
    log_set_on(SessionPrescription.objects.filter(session=session).first())


def test_an_athlete_already_training_sees_accept(client, athlete, invitation):
    client.force_login(athlete)

    response = client.get(join_url(invitation))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Accept invitation" in html
    assert f'action="{accept_url(invitation)}"' in html
    assert "You now follow Two-day leg split with coach" in html


def test_accepting_ends_the_current_assignment_and_starts_the_coachs_today(
    client, athlete, other_coach, coachs_program
):
    invitation = Invitation.objects.create(coach=other_coach, program=coachs_program)
    generate_week(assignments=assignments_in_week(W48), week=W48)
    monday, thursday = Session.objects.filter(athlete=athlete).order_by("date")
    _log_a_set(monday)  # trained this morning: stays as it was
    client.force_login(athlete)

    response = client.post(accept_url(invitation))

    assert response["Location"] == "/week/2026-W48/"
    old, new = Assignment.objects.filter(athlete=athlete).order_by("start_date")
    assert old.end_date == dt.date(2026, 11, 22)
    assert (new.program, new.coach, new.start_date, new.end_date) == (
        coachs_program,
        other_coach,
        dt.date(2026, 11, 23),
        None,
    )
    assert (new.weekday_one, new.weekday_two) == (old.weekday_one, old.weekday_two)
    monday.refresh_from_db()
    assert (monday.assignment_id, monday.name) == (old.pk, "Strength + Compounds")
    thursday.refresh_from_db()
    assert (thursday.assignment_id, thursday.name) == (new.pk, "Strength + Compounds")
    assert thursday.day_number == 2
    invitation.refresh_from_db()
    assert invitation.used_by == athlete


def test_accepting_before_the_current_assignment_started_replaces_it(
    client, athlete, invitation, coachs_program
):
    Assignment.objects.filter(athlete=athlete).update(start_date=dt.date(2026, 11, 30))
    generate_week(assignments=assignments_in_week(W48.shifted(1)), week=W48.shifted(1))
    client.force_login(athlete)

    client.post(accept_url(invitation))

    assignment = Assignment.objects.get(athlete=athlete)
    assert (assignment.program, assignment.start_date) == (coachs_program, dt.date(2026, 11, 23))
    assert set(Session.objects.filter(athlete=athlete).values_list("assignment", flat=True)) == {
        assignment.pk
    }


@pytest.mark.parametrize(("spoil", "state"), GONE)
def test_accepting_a_dead_link_changes_nothing(client, athlete, invitation, spoil, state):
    spoil(invitation)
    client.force_login(athlete)

    response = client.post(accept_url(invitation))

    assert response.status_code == 410
    assert GONE_MESSAGES[state] in response.content.decode()
    assignment = Assignment.objects.get(athlete=athlete)
    assert assignment.end_date is None and assignment.program.is_default


def test_accepting_an_unknown_token_is_not_found(client, athlete):
    client.force_login(athlete)
    assert client.post("/join/not-a-token-anyone-made/accept/").status_code == 404


def test_accept_needs_a_logged_in_post(client, athlete, invitation):
    response = client.post(accept_url(invitation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(athlete)
    assert client.get(accept_url(invitation)).status_code == 405
    invitation.refresh_from_db()
    assert invitation.used_at is None


@pytest.mark.django_db(transaction=True)
def test_racing_athletes_with_one_link_get_one_assignment(program, coach, coachs_program):
    """The invitation row is locked while it is claimed: the first one wins."""
    from django.test import Client

    invitation = Invitation.objects.create(coach=coach, program=coachs_program)
    clients = []
    for number in range(4):
        athlete = make_user(f"racer{number}")
        Assignment.objects.create(athlete=athlete, program=program, start_date=dt.date(2026, 1, 5))
        client = Client()
        client.force_login(athlete)
        clients.append(client)
    statuses = post_at_once(clients, accept_url(invitation))

    assert sorted(statuses) == [302, 410, 410, 410]
    assert Assignment.objects.filter(program=coachs_program).count() == 1
    assert Assignment.objects.filter(end_date__isnull=False).count() == 1


# The database and the admin


def test_the_database_refuses_an_invitation_both_used_and_revoked(invitation, athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(
            used_at=MONDAY_MORNING, used_by=athlete, revoked_at=MONDAY_MORNING
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(used_by=athlete)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)


def test_a_program_with_invitations_cannot_be_deleted(invitation, coachs_program):
    with pytest.raises(ProtectedError):
        coachs_program.delete()


def test_coaches_may_add_change_and_view_invitations_but_not_delete_them(db):
    codenames = set(
        Group.objects.get(name="Coaches")
        .permissions.filter(content_type__app_label="accounts")
        .values_list("codename", flat=True)
    )
    assert codenames == {"add_invitation", "change_invitation", "view_invitation"}


def test_a_coach_sees_only_their_own_invitations(client, coach, other_coach, program):
    mine = Invitation.objects.create(coach=coach, program=program, note="mine")
    theirs = Invitation.objects.create(coach=other_coach, program=program, note="theirs")
    client.force_login(coach)

    response = client.get(reverse("admin:accounts_invitation_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]
    response = client.get(reverse("admin:accounts_invitation_change", args=[theirs.pk]))
    assert response.status_code == 302  # the admin's “does not exist”
    assert theirs.token not in response.content.decode()


def test_a_superuser_sees_every_invitation(client, coach, other_coach, program):
    Invitation.objects.create(coach=coach, program=program)
    Invitation.objects.create(coach=other_coach, program=program)
    client.force_login(User.objects.create_superuser("root", password="x"))
    response = client.get(reverse("admin:accounts_invitation_changelist"))
    assert len(response.context["cl"].result_list) == 2


def test_a_coach_adds_an_invitation_and_sees_the_link_to_send(
    client, coach, other_coach, coachs_program
):
    client.force_login(coach)

    response = client.post(
        reverse("admin:accounts_invitation_add"),
        {
            "program": coachs_program.pk,
            "note": "sam@example.com",
            "expires_at_0": "2026-12-07",
            "expires_at_1": "09:00:00",
            "coach": other_coach.pk,  # not a field for coaches: ignored
        },
    )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:accounts_invitation_change", args=[invitation.pk])
    assert (invitation.coach, invitation.program, invitation.note) == (
        coach,
        coachs_program,
        "sam@example.com",
    )
    page = client.get(response["Location"]).content.decode()
    assert f"http://testserver/join/{invitation.token}/" in page


def test_the_revoke_action_revokes_the_coachs_open_invitations(
    client, coach, other_coach, athlete, program
):
    open_one = Invitation.objects.create(coach=coach, program=program)
    used = Invitation.objects.create(coach=coach, program=program)
    used.mark_used(by=athlete, now=MONDAY_MORNING)
    theirs = Invitation.objects.create(coach=other_coach, program=program)
    client.force_login(coach)

    response = client.post(
        reverse("admin:accounts_invitation_changelist"),
        {"action": "revoke", "_selected_action": [open_one.pk, used.pk, theirs.pk]},
        follow=True,
    )

    assert "Revoked 1 invitation. 1 already used or revoked stayed as they were." in (
        response.content.decode()
    )
    open_one.refresh_from_db(), used.refresh_from_db(), theirs.refresh_from_db()
    assert open_one.revoked_at == MONDAY_MORNING
    assert used.revoked_at is None and used.used_by == athlete
    assert theirs.revoked_at is None
    assert client.get(join_url(open_one)).status_code == 410


def test_the_admin_offers_coaches_only_as_an_invitations_coach(client, coach, db):
    # Staff outside Coaches could not coach the athlete who accepts: the database refuses it.
    staff = make_user("staff", is_staff=True)
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)

    form = client.get(reverse("admin:accounts_invitation_add")).context["adminform"].form

    offered = set(form.fields["coach"].queryset)
    assert coach in offered
    assert not offered & {staff, root}
