"""Which pages someone's header offers: the athlete's tabs to people who train, the desk
to coaches. One query answers both, so a page's count does not grow with the header."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from accounts.models import COACHES_GROUP
from programs.models import Assignment


@dataclass(frozen=True)
class Navigation:
    may_coach: bool
    # Has or had an assignment: their week, progress and balance have something to show.
    trains: bool

    @property
    def lands_on_desk(self) -> bool:
        """A coach who does not train: their own week is empty, the desk is their page."""
        return self.may_coach and not self.trains


NOBODY = Navigation(may_coach=False, trains=False)


def navigation_of(user) -> Navigation:
    if not user.is_authenticated:
        return NOBODY
    facts = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            coach=Exists(Group.objects.filter(name=COACHES_GROUP, user=OuterRef("pk"))),
            trains=Exists(Assignment.objects.filter(athlete=OuterRef("pk"))),
        )
        .values("coach", "trains")
        .get()
    )
    return Navigation(may_coach=user.is_superuser or facts["coach"], trains=facts["trains"])
