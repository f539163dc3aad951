"""How the accounts views reach rows: an invitation only by its token, 404 otherwise."""

from django.shortcuts import get_object_or_404

from accounts.models import Invitation
from programs.models import Assignment


def get_invitation(*, token: str) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("program", "coach"), token=token)


def open_assignment_of(athlete) -> Assignment | None:
    return (
        Assignment.objects.filter(athlete=athlete, end_date__isnull=True)
        .select_related("program", "coach")
        .first()
    )
