"""What the week page shows: the athlete's week, made on first look when nothing made it."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from programs.bounds import latest_date
from programs.generation import assignments_in_week, create_missing_week
from programs.models import Assignment, Session, SessionPrescription, open_assignment_of
from programs.progress import progress_of
from programs.today import athlete_today
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


def may_make(*, week: IsoWeek, today: dt.date) -> bool:
    """Whether a look at the week may make its sessions: from this week to a year ahead.

    A past week shows what was made (the daily command makes each week); one further
    ahead than a year is nobody's plan.
    """
    return week.sunday >= today and week.monday <= latest_date(today=today)


def ensure_week(*, athlete, week: IsoWeek, today: dt.date | None = None) -> bool:
    """Make the athlete's week if it has no session yet; never change one that exists.
    Whether it made any.

    One query when the week is there already: a page that calls it stays a read.
    """
    today = today or athlete_today(athlete)
    if not may_make(week=week, today=today):
        return False
    if Session.objects.filter(athlete=athlete, date__range=(week.monday, week.sunday)).exists():
        return False
    made = create_missing_week(assignments=assignments_in_week(week, athlete=athlete), week=week)
    return made.created > 0


def load_week(*, athlete, week: IsoWeek, today: dt.date) -> WeekView:
    sessions = _sessions(athlete, week)
    if not sessions and may_make(week=week, today=today):
        made = create_missing_week(
            assignments=assignments_in_week(week, athlete=athlete), week=week
        )
        if made.created:
            sessions = _sessions(athlete, week)
    by_date = {session.date: session for session in sessions}
    days = [WeekDay(day, by_date.get(day), day == today) for day in week.days()]
    assignment = sessions[0].assignment if sessions else open_assignment_of(athlete)
    return WeekView(week=week, today=today, days=days, sessions=sessions, assignment=assignment)


def _sessions(athlete, week: IsoWeek) -> list[Session]:
    # set_logs is tracking's reverse name; counting it here keeps programs free of imports
    # from tracking and costs no extra query.
    copies = (
        SessionPrescription.objects.select_related("exercise", "swapped_to")
        .prefetch_related("alternatives")
        .annotate(logged=Count("set_logs"))
    )
    # coach_notes is coaching's reverse name, counted the same way: the week page fetches
    # the notes themselves only when one is still unread.
    sessions = list(
        Session.objects.filter(athlete=athlete, date__range=(week.monday, week.sunday))
        .select_related("assignment")
        .annotate(unread_notes=Count("coach_notes", filter=Q(coach_notes__read_at__isnull=True)))
        .prefetch_related(Prefetch("prescriptions", queryset=copies))
        .order_by("date")
    )
    for session in sessions:
        session.progress = progress_of(
            [(copy.sets_min, copy.logged) for copy in session.prescriptions.all()]
        )
    return sessions
