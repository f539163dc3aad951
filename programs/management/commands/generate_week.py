import logging
from itertools import groupby

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programs.generation import Generated, assignments_in_week, generate_week
from programs.weeks import IsoWeek

BATCH_SIZE = 500

logger = logging.getLogger(__name__)


def _batches(assignments: list, size: int) -> list[list]:
    """Whole athletes per batch: an athlete generated from part of their assignments would
    see the other part's sessions as no longer planned."""
    batches, batch = [], []
    for _, theirs in groupby(assignments, key=lambda assignment: assignment.athlete_id):
        theirs = list(theirs)
        if batch and len(batch) + len(theirs) > size:
            batches.append(batch)
            batch = []
        batch.extend(theirs)
    if batch:
        batches.append(batch)
    return batches


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
        done: list[Generated] = []
        failed: list[str] = []
        for batch in _batches(assignments, BATCH_SIZE):
            try:
                done.append(generate_week(assignments=batch, week=shown))
            except Exception:
                # One athlete's failure must not cost everyone else their week: the batch
                # rolled back, so go through it one athlete at a time.
                for _, theirs in groupby(batch, key=lambda assignment: assignment.athlete):
                    theirs = list(theirs)
                    try:
                        done.append(generate_week(assignments=theirs, week=shown))
                    except Exception:
                        logger.exception("%s: generating %s failed.", shown, theirs[0].athlete)
                        failed.append(str(theirs[0].athlete))
        self.stdout.write(
            f"{shown}, {len(assignments)} assignments: "
            f"{sum(one.created for one in done)} sessions created, "
            f"{sum(one.updated for one in done)} updated, "
            f"{sum(one.removed for one in done)} removed."
        )
        if failed:
            raise CommandError(
                f"{shown}: generating failed for {len(failed)} athletes "
                f"({', '.join(failed)}); the others' weeks were generated."
            )
