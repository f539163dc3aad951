"""The coach's invitation form (in the admin): the only program is chosen already, the link
comes with a "Copy link" button, and an optional e-mail sends it to the invitee."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.invitations import (
    INVITATION_MAIL_FAILED_MESSAGE,
    INVITATION_NOT_SENT_MESSAGE,
    INVITATION_SENT_MESSAGE,
)
from accounts.models import Invitation
from programs.models import Program

ADD = reverse("admin:accounts_invitation_add")


def as_shown(response) -> dict:
    """The form posted as the browser shows it: the program left as it was chosen."""
    form = response.context["adminform"].form
    expires_at = form["expires_at"].value()
    program = {"program": form["program"].value() or ""} if "program" in form.fields else {}
    return {
        **program,
        "note": form["note"].value() or "",
        "expires_at_0": f"{expires_at:%Y-%m-%d}",
        "expires_at_1": f"{expires_at:%H:%M:%S}",
    }


def change_url(invitation: Invitation) -> str:
    return reverse("admin:accounts_invitation_change", args=[invitation.pk])


@pytest.fixture
def own_program(coach, program) -> Program:
    return Program.objects.create(
        name="Home gym", day_one=program.day_one, day_two=program.day_two, owner=coach
    )


def test_with_only_the_house_programs_the_default_is_chosen_already(client, coach, program):
    client.force_login(coach)

    response = client.get(ADD)

    assert response.context["adminform"].form["program"].value() == program.pk


def test_the_form_as_shown_saves_with_the_house_default(client, coach, program):
    client.force_login(coach)

    response = client.post(ADD, as_shown(client.get(ADD)))

    assert response.status_code == 302
    assert Invitation.objects.get().program == program


def test_with_two_programs_none_is_chosen(client, coach, program, own_program):
    client.force_login(coach)

    response = client.get(ADD)

    assert response.context["adminform"].form["program"].value() is None


def test_the_link_has_a_copy_button_and_its_script(client, coach, program):
    invitation = Invitation.objects.create(coach=coach, program=program)
    client.force_login(coach)

    page = client.get(change_url(invitation)).content.decode()

    link = f"http://testserver/join/{invitation.token}/"
    assert f'<input type="text" readonly value="{link}" id="invitation-link"' in page
    assert 'data-copy="invitation-link" hidden>Copy link</button>' in page
    assert "js/copy-link.js" in page


def test_an_email_sends_the_link_to_the_invitee(client, coach, program):
    client.force_login(coach)
    data = as_shown(client.get(ADD)) | {"email": "sam@example.com"}

    response = client.post(ADD, data, follow=True)

    invitation = Invitation.objects.get()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["sam@example.com"]
    assert sent.subject == "coach invites you to Legplanner"
    assert f"http://testserver/join/{invitation.token}/" in sent.body
    assert program.name in sent.body
    assert INVITATION_SENT_MESSAGE.format(email="sam@example.com") in response.content.decode()


def test_no_email_sends_nothing(client, coach, program):
    client.force_login(coach)

    client.post(ADD, as_shown(client.get(ADD)))

    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_a_bad_email_is_a_form_error_and_writes_nothing(client, coach, program):
    client.force_login(coach)
    data = as_shown(client.get(ADD)) | {"email": "not an address"}

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_mail_server_down_keeps_the_invitation_and_says_so(client, coach, program, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr("accounts.invitations.send_mail", refuse)
    client.force_login(coach)
    data = as_shown(client.get(ADD)) | {"email": "sam@example.com"}

    response = client.post(ADD, data, follow=True)

    assert response.status_code == 200
    assert Invitation.objects.count() == 1
    message = INVITATION_MAIL_FAILED_MESSAGE.format(error="connection refused")
    assert message in response.content.decode()


def test_an_email_can_be_sent_later_from_the_invitation(client, coach, program):
    invitation = Invitation.objects.create(coach=coach, program=program)
    client.force_login(coach)
    url = change_url(invitation)
    data = as_shown(client.get(url)) | {"email": "sam@example.com"}

    client.post(url, data)

    assert [sent.to for sent in mail.outbox] == [["sam@example.com"]]


def test_a_revoked_invitation_is_not_sent(client, coach, program):
    invitation = Invitation.objects.create(coach=coach, program=program)
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=invitation.created_at)
    client.force_login(coach)
    url = change_url(invitation)
    data = as_shown(client.get(url)) | {"email": "sam@example.com"}

    response = client.post(url, data, follow=True)

    assert mail.outbox == []
    assert INVITATION_NOT_SENT_MESSAGE.format(reason="revoked") in response.content.decode()


def test_another_coachs_invitation_is_not_found(client, other_coach, coach, program):
    invitation = Invitation.objects.create(coach=coach, program=program)
    client.force_login(other_coach)
    url = change_url(invitation)

    response = client.post(url, {"email": "sam@example.com", "note": "x"})

    assert response.status_code in (302, 404)
    assert mail.outbox == []
