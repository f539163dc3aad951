from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programs.generation import assignments_in_week, generate_week
from programs.weeks import IsoWeek

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Generate (or bring up to date) the sessions of a week for every athlete."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week such as 2026-W48; default: this week")
        parser.add_argument("--athlete", help="only this athlete's username")

    def handle(self, *args, week=None, athlete=None, **options):
        try:
            shown = IsoWeek.parse(week) if week else IsoWeek.of(timezone.localdate())
        except ValueError as error:
            raise CommandError(f"{error}.") from None
        filters = {"athlete__username": athlete} if athlete else {}
        assignments = list(assignments_in_week(shown, **filters))
        if athlete and not assignments:
            raise CommandError(f"No assignment of {athlete!r} covers {shown}.")
        created = updated = removed = 0
        for start in range(0, len(assignments), BATCH_SIZE):
            done = generate_week(assignments=assignments[start : start + BATCH_SIZE], week=shown)
            created, updated, removed = (
                created + done.created,
                updated + done.updated,
                removed + done.removed,
            )
        self.stdout.write(
            f"{shown}, {len(assignments)} assignments: {created} sessions created, "
            f"{updated} updated, {removed} removed."
        )
