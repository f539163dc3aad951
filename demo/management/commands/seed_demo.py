from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from demo.calibration import seed_test_sets
from demo.coaching import seed_coaching_demo
from demo.history import HISTORY_WEEKS, history_weeks, seed_history
from programs.models import Assignment, Program
from programs.today import athlete_today

DEMO_ACCOUNTS = "athlete demo / demo, coach coach / coach"


class Command(BaseCommand):
    help = (
        f"Create the demo accounts ({DEMO_ACCOUNTS}) and {HISTORY_WEEKS} weeks of the demo "
        "athlete's training. Development only."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts have well-known passwords: only with DEBUG=true.")
        coach = self._user("coach", is_staff=True)
        coach.groups.add(Group.objects.get(name="Coaches"))
        athlete = self._user("demo")
        today = athlete_today(athlete)
        # The history's first Monday, so the progress and balance pages have weeks to show.
        start = history_weeks(today=today)[0].monday
        assignment = athlete.assignments.open().first()
        if assignment is None:
            Assignment.objects.create(
                athlete=athlete,
                program=Program.objects.get(is_default=True),
                coach=coach,
                start_date=start,
            )
        elif assignment.start_date > start:
            # Made by an older seed_demo that started later: move it back for the history.
            assignment.start_date = start
            assignment.save(update_fields=["start_date"])
        logged = seed_history(athlete=athlete, today=today)
        tests = seed_test_sets(athlete=athlete)
        self.stdout.write(
            f"Demo accounts ready: {DEMO_ACCOUNTS}. "
            f"{HISTORY_WEEKS} weeks of history: {logged} sets logged now, {tests} test sets."
        )
        seed_coaching_demo(today=today)

    def _user(self, username: str, **fields) -> User:
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(username)
            user.save(update_fields=["password"])
        return user
