"""Invitations: a coach's link is used once, by one athlete, for the program it names.

The program and the coach always come from the invitation row, never from what the
browser sends. Claiming locks the row, so two people racing with one link cannot both
get through.
"""

import datetime as dt
import smtplib

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Invitation, InvitationState

# English constants (the tests compare them), translated where they are said.
GONE_MESSAGES = {
    InvitationState.USED: gettext_noop(
        "This invitation link was already used: each link signs up one athlete. "
        "Ask your coach for a new one."
    ),
    InvitationState.EXPIRED: gettext_noop(
        "This invitation link has expired. Ask your coach for a new one."
    ),
    InvitationState.REVOKED: gettext_noop(
        "Your coach withdrew this invitation link. Ask them for a new one."
    ),
}


INVITATION_SENT_MESSAGE = gettext_noop("The link was e-mailed to {email}.")
INVITATION_NOT_SENT_MESSAGE = gettext_noop("Not e-mailed: this invitation is {reason}.")
INVITATION_MAIL_FAILED_MESSAGE = gettext_noop(
    "The e-mail could not be sent ({error}): copy the link and send it yourself."
)


class InvitationNotSent(Exception):
    pass


def send_invitation(*, invitation: Invitation, link: str, to: str) -> None:
    """The link, e-mailed to the athlete through the configured EMAIL_BACKEND."""
    coach = invitation.coach.get_full_name() or invitation.coach.username
    body = _(
        "{coach} invites you to train on {program} with Legplanner.\n\n"
        "Sign up with this link (it works once, until {until}):\n{link}\n"
    ).format(
        coach=coach,
        program=invitation.program,
        # The month in the language the mail is written in.
        until=date_format(invitation.expires_at, "d M Y"),
        link=link,
    )
    subject = _("{coach} invites you to Legplanner").format(coach=coach)
    try:
        send_mail(subject, body, None, [to])
    except (OSError, smtplib.SMTPException) as error:
        message = _(INVITATION_MAIL_FAILED_MESSAGE).format(error=error)
        raise InvitationNotSent(message) from error


class InvitationRefused(Exception):
    def __init__(self, state: InvitationState):
        super().__init__(_(GONE_MESSAGES[state]))
        self.state = state
        self.message = _(GONE_MESSAGES[state])


def lock_open_invitation(*, token: str, now: dt.datetime) -> Invitation:
    """The invitation, locked until the transaction ends; InvitationRefused unless open.

    Raises Invitation.DoesNotExist for a token that was never made.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("program", "coach")
        .get(token=token)
    )
    state = invitation.state(now=now)
    if state != InvitationState.OPEN:
        raise InvitationRefused(state)
    return invitation


@transaction.atomic
def claim_invitation(*, token: str, athlete, now: dt.datetime) -> Invitation:
    invitation = lock_open_invitation(token=token, now=now)
    invitation.mark_used(by=athlete, now=now)
    return invitation


def revoke_invitations(*, invitations: QuerySet[Invitation], now: dt.datetime) -> int:
    """Revoke those still unused and not revoked yet; how many were."""
    # One UPDATE with the conditions in its WHERE: an invitation claimed at the same
    # moment is either used first (and left alone) or revoked first (and refused).
    return invitations.filter(used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
