"""What every page's header needs to know about coaching."""

from django.utils.functional import SimpleLazyObject

from accounts.models import may_coach


def coaching(request) -> dict:
    # Lazy: the header asks only for staff, so an athlete's page never pays the query.
    known = getattr(request, "may_coach", None)
    if known is not None:
        return {"may_coach": known}
    return {"may_coach": SimpleLazyObject(lambda: may_coach(request.user))}
