"""Deleting an account and everything that is the athlete's."""

from django.db import transaction

from accounts.models import User

USERNAME_MISMATCH_MESSAGE = "Type your username exactly as it is shown, to confirm."


@transaction.atomic
def delete_account(*, athlete: User) -> None:
    """The athlete's row and, by cascade, their assignments, sessions, copied
    prescriptions, set logs, coach's overrides and pending imports; assignments the
    account coached lose their coach. The whole cascade is one transaction."""
    athlete.delete()
