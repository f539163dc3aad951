"""The coach's notes split by whether the athlete has read them, from the list the page
already holds (no query of its own), and the notes on the athlete in general."""

from django import template

from coaching.models import CoachNote
from programs.today import athlete_today

register = template.Library()


@register.filter
def unread_notes(notes) -> list:
    return [note for note in notes if note.read_at is None]


@register.filter
def read_notes(notes) -> list:
    return [note for note in notes if note.read_at is not None]


@register.simple_tag
def unread_general_notes(athlete, *, on=None) -> list:
    """The coach's notes on the athlete in general not read yet: one query. With on (a
    session's date), only for today's session, where they are shown at the top."""
    if on is not None and on != athlete_today(athlete):
        return []
    return list(
        CoachNote.objects.filter(athlete=athlete, read_at__isnull=True).order_by("-created_at")
    )
