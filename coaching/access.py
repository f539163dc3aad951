"""Who a coach may see: their own athletes, and nothing at all for anyone else (404).

A coach is a user in the Coaches group; their athletes are programs.models.athletes_of's
(the admin asks it too). Superusers see every athlete; other staff none.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coaching.models import CoachNote, NoteReply
from programs.models import Assignment, Prescription, Session, athletes_of
from programs.navigation import navigation_of


def coach_required(view: Callable) -> Callable:
    """Logged in (else the login page), and a coach or a superuser (else 404: the coach
    pages do not exist for anyone else, so their URLs reveal nothing)."""

    @login_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        navigation = navigation_of(request.user)
        if not navigation.may_coach:
            raise Http404(_("No such page."))
        request.navigation = navigation  # known now: the header need not ask again
        return view(request, *args, **kwargs)

    return checked


def get_athlete_for_coach(*, coach, athlete_id: int):
    return get_object_or_404(athletes_of(coach), pk=athlete_id)


def get_session_for_coach(*, coach, session_id: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("athlete"),
        pk=session_id,
        athlete__in=athletes_of(coach).values("pk"),
    )


def get_prescription_for_athlete(*, athlete, prescription_id: int) -> Prescription:
    """A slot of one of the programs the athlete follows or followed: 404 otherwise."""
    programs = Assignment.objects.filter(athlete=athlete)
    templates = [
        *programs.values_list("program__day_one", flat=True),
        *programs.values_list("program__day_two", flat=True),
    ]
    return get_object_or_404(
        Prescription.objects.select_related("exercise", "day_template"),
        pk=prescription_id,
        day_template__in=templates,
    )


def get_note_for_athlete(*, athlete, note_id: int) -> CoachNote:
    """A note left on one of the athlete's own sessions or on the athlete in general:
    404 for anyone else's."""
    return get_object_or_404(
        CoachNote, Q(session__athlete=athlete) | Q(athlete=athlete), pk=note_id
    )


def get_note_for_author(*, author, note_id: int) -> CoachNote:
    """A note its author edits or deletes: 404 for anyone else, the athlete included."""
    return get_object_or_404(CoachNote, pk=note_id, author=author)


def get_reply_for_author(*, author, reply_id: int) -> NoteReply:
    """An answer its author edits or deletes: 404 for anyone else, the coach included."""
    return get_object_or_404(NoteReply.objects.select_related("note"), pk=reply_id, author=author)
