"""Sessions that expire after SESSION_COOKIE_AGE without a visit.

Django moves a session's expiry only when it saves the session, and saving on every
request (SESSION_SAVE_EVERY_REQUEST) would add a write to each tick of a set. Here a
visit marks the session for saving only once its last save is SESSION_REFRESH_SECONDS
old; SessionMiddleware then saves it, which moves both its expiry in the database and
the cookie's a full SESSION_COOKIE_AGE ahead.
"""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        session = super()._get_session_from_db()
        self._refresh_if_due(session)
        return session

    async def _aget_session_from_db(self) -> Session | None:
        session = await super()._aget_session_from_db()
        self._refresh_if_due(session)
        return session

    def _refresh_if_due(self, session: Session | None) -> None:
        if session is None:
            return
        # The last save set expire_date to then + SESSION_COOKIE_AGE.
        saved_at = session.expire_date - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        if timezone.now() - saved_at >= dt.timedelta(seconds=settings.SESSION_REFRESH_SECONDS):
            self.modified = True
