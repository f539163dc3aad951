import datetime as dt

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from programs.models import Assignment, Program
from programs.weeks import IsoWeek

DEMO_ACCOUNTS = "athlete demo / demo, coach coach / coach"


class Command(BaseCommand):
    help = f"Create the demo accounts ({DEMO_ACCOUNTS}). Development only."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts have well-known passwords: only with DEBUG=true.")
        coach = self._user("coach", is_staff=True)
        coach.groups.add(Group.objects.get(name="Coaches"))
        athlete = self._user("demo")
        if not athlete.assignments.filter(end_date__isnull=True).exists():
            # Started four weeks ago, so the history pages have weeks to show.
            start = IsoWeek.of(timezone.localdate()).monday - dt.timedelta(weeks=4)
            Assignment.objects.create(
                athlete=athlete,
                program=Program.objects.get(is_default=True),
                coach=coach,
                start_date=start,
            )
        self.stdout.write(f"Demo accounts ready: {DEMO_ACCOUNTS}.")

    def _user(self, username: str, **fields) -> User:
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(username)
            user.save(update_fields=["password"])
        return user
