"""Signing up: a user, and no more (setup, in programs, gives them a program)."""

import datetime as dt

from django.db import transaction

from accounts.invitations import lock_open_invitation
from accounts.models import User


@transaction.atomic
def sign_up(
    *, username: str, email: str, password: str, invitation_token: str | None, now: dt.datetime
) -> User:
    if invitation_token:
        # Refuse before writing anything when the link died while the form was filled in.
        lock_open_invitation(token=invitation_token, now=now)
    return User.objects.create_user(username=username, email=email, password=password)
