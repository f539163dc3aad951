"""What the week page shows: the athlete's week, generated on first look."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch

from programs.generation import assignments_in_week, generate_week
from programs.models import Assignment, Session, SessionPrescription
from programs.progress import progress_of
from programs.weeks import IsoWeek


@dataclass(frozen=True)
class WeekDay:
    date: dt.date
    session: Session | None
    is_today: bool


@dataclass(frozen=True)
class WeekView:
    week: IsoWeek
    today: dt.date
    days: list[WeekDay]
    sessions: list[Session]
    assignment: Assignment | None

    @property
    def first_week(self) -> IsoWeek | None:
        """The week the program starts in, when that is still ahead of the shown week."""
        if self.assignment and self.assignment.start_date > self.week.sunday:
            return IsoWeek.of(self.assignment.start_date)
        return None


def ensure_week(*, athlete, week: IsoWeek) -> None:
    """Generate the athlete's week if it is not there yet, or bring it up to date."""
    assignments = list(assignments_in_week(week, athlete=athlete))
    try:
        generate_week(assignments=assignments, week=week)
    except IntegrityError:
        # Two requests generated the same week at once; the other one's sessions stand.
        with transaction.atomic():
            generate_week(assignments=assignments, week=week)


def load_week(*, athlete, week: IsoWeek, today: dt.date) -> WeekView:
    ensure_week(athlete=athlete, week=week)
    # set_logs is tracking's reverse name; counting it here keeps programs free of imports
    # from tracking and costs no extra query.
    copies = (
        SessionPrescription.objects.select_related("exercise", "swapped_to")
        .prefetch_related("alternatives")
        .annotate(logged=Count("set_logs"))
    )
    sessions = list(
        Session.objects.filter(athlete=athlete, date__range=(week.monday, week.sunday))
        .select_related("assignment")
        .prefetch_related(Prefetch("prescriptions", queryset=copies))
        .order_by("date")
    )
    for session in sessions:
        session.progress = progress_of(
            [(copy.sets_min, copy.logged) for copy in session.prescriptions.all()]
        )
    by_date = {session.date: session for session in sessions}
    days = [WeekDay(day, by_date.get(day), day == today) for day in week.days()]
    assignment = sessions[0].assignment if sessions else _open_assignment(athlete)
    return WeekView(week=week, today=today, days=days, sessions=sessions, assignment=assignment)


def _open_assignment(athlete) -> Assignment | None:
    """For the empty states: the assignment that starts later, or none at all."""
    return (
        Assignment.objects.filter(athlete=athlete, end_date__isnull=True)
        .select_related("program")
        .first()
    )
