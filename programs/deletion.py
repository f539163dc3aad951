"""Deleting an account and everything that is the athlete's.

In programs: the rows of every app go by cascade from the user, so the only tables this
must name are those it locks against a tick or a generation (sessions and their copies),
and programs is the lowest layer that knows them; the account page it hangs from is
programs' too."""

from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts.models import User
from programs.models import PrescriptionOverride, Session, SessionPrescription

USERNAME_MISMATCH_MESSAGE = gettext_lazy("Type your username exactly as it is shown, to confirm.")


@transaction.atomic
def delete_account(*, athlete: User) -> None:
    """The athlete's row and, by cascade, their assignments, sessions, copied
    prescriptions, set logs, undone sets, coach's overrides and pending imports;
    assignments the account coached lose their coach. The whole cascade is one
    transaction.

    Ticks may still arrive from the athlete's phones meanwhile. The cascade collects the
    rows to delete before deleting them, so a set committed in between would make the
    deletion fail; the locks below close that gap. A tick that comes after them waits
    for the deletion and is then refused, its session being gone."""
    # Sessions first, as generation and the tick lock them; then the athlete, so that no
    # new session, assignment or import can point at them; then the sessions again (now
    # every one of them) and their copies, which a set log must point at.
    _lock(Session.objects.filter(athlete=athlete))
    _lock(User.objects.filter(pk=athlete.pk))
    _lock(Session.objects.filter(athlete=athlete))
    _lock(SessionPrescription.objects.filter(session__athlete=athlete))
    # The athlete's own exercises go with them, but what names one keeps it from going
    # (PROTECT) even when it goes in the same cascade: sessions and overrides go first.
    Session.objects.filter(athlete=athlete).delete()
    PrescriptionOverride.objects.filter(athlete=athlete).delete()
    athlete.delete()


def _lock(rows) -> None:
    list(rows.select_for_update(of=("self",)).values_list("pk", flat=True))
