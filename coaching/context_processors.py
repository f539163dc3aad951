"""What every page's header needs to know about coaching."""

from django.utils.functional import SimpleLazyObject

from programs.navigation import navigation_of


def coaching(request) -> dict:
    # Lazy: the header asks only for staff, so an athlete's page never pays the query;
    # a coach's page knows it already (coach_required asked).
    known = getattr(request, "navigation", None)
    if known is not None:
        return {"navigation": known}
    return {"navigation": SimpleLazyObject(lambda: navigation_of(request.user))}
