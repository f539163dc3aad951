"""Set logs are reached only through their athlete's session: 404 for anyone else's."""

from django.shortcuts import get_object_or_404

from tracking.models import SetLog


def get_set_log_in_session(*, session, uuid) -> SetLog:
    return get_object_or_404(
        SetLog.objects.select_related("prescription", "exercise"),
        uuid=uuid,
        prescription__session=session,
    )
