"""How the accounts views reach rows: an invitation only by its token, 404 otherwise."""

from django.shortcuts import get_object_or_404

from accounts.models import Invitation


def get_invitation(*, token: str) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("program", "coach"), token=token)
