"""Who is looking at an athlete's page: the athlete, or their coach reading it.

The week, session, progress and balance pages are one view and one template each; the
view is handed a Viewer and passes it on, and the page's links go through it, so the
athlete's week links to /week/..., their coach's read-only copy to /coach/athletes/7/week/...
The coach's Viewer is made by coaching (coaching/viewer.py): this app names no coach URL.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from programs.access import get_session_for_athlete

# The athlete's own pages, each named as its URL; a Viewer links to its copy of each.
OWN_PAGES = ("week", "session", "progress", "exercise_progress", "balance")


@dataclass(frozen=True, kw_only=True)
class Viewer:
    athlete: Any
    # A reader logs nothing: no set form, no swap, no rest timer, nothing kept offline.
    read_only: bool
    # page -> (URL name, the arguments every URL of this viewer's copy has, e.g. athlete_id)
    links: Mapping[str, tuple[str, Mapping[str, Any]]] = field(repr=False)

    def url(self, page: str, **kwargs) -> str:
        name, fixed = self.links[page]
        return reverse(name, kwargs={**fixed, **kwargs})


def own_viewer(athlete) -> Viewer:
    return Viewer(athlete=athlete, read_only=False, links={page: (page, {}) for page in OWN_PAGES})


def own_page(view: Callable) -> Callable:
    """The athlete's copy of a page: logged in, looking at their own training."""

    @login_required
    @wraps(view)
    def own(request, *args, **kwargs):
        return view(request, *args, viewer=own_viewer(request.user), **kwargs)

    return own


def own_session_page(view: Callable) -> Callable:
    """The athlete's copy of a session's page: their own session, or 404."""

    @login_required
    @wraps(view)
    def own(request, session_id: int):
        found = get_session_for_athlete(athlete=request.user, session_id=session_id)
        return view(request, viewer=own_viewer(request.user), session=found)

    return own
