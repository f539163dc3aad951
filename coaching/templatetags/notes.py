"""The coach's notes split by whether the athlete has read them, from the list the page
already holds (no query of its own)."""

from django import template

register = template.Library()


@register.filter
def unread_notes(notes) -> list:
    return [note for note in notes if note.read_at is None]


@register.filter
def read_notes(notes) -> list:
    return [note for note in notes if note.read_at is not None]
