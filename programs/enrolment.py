"""Getting onto a program: setting up the first assignment, joining a coach."""

import datetime as dt

from django.db import transaction
from django.db.models import Max

from accounts.invitations import claim_invitation
from accounts.models import User
from programs.generation import regenerate_from
from programs.models import Assignment, Program, Session, Weekday
from programs.today import athlete_today


class AlreadySetUp(Exception):
    """The athlete has an assignment already: setup is for the first one only."""


@transaction.atomic
def set_up_training(
    *,
    athlete: User,
    weekday_one: int,
    weekday_two: int,
    unit: str,
    time_zone: str,
    start_date: dt.date,
    invitation_token: str | None,
    now: dt.datetime,
    program: Program | None = None,
) -> Assignment:
    """The first assignment: the invitation's program and coach, or the house program the
    athlete chose (the default when none was given)."""
    # Locking the athlete's row makes a double submit wait, then see the first one's work.
    User.objects.select_for_update().filter(pk=athlete.pk).exists()
    if Assignment.objects.filter(athlete=athlete).exists():
        raise AlreadySetUp
    if invitation_token:
        invitation = claim_invitation(token=invitation_token, athlete=athlete, now=now)
        program, coach = invitation.program, invitation.coach
    else:
        coach = None
        if program is None:
            program = Program.objects.get(is_default=True)
        elif program.owner_id is not None:
            raise ValueError("Athletes who sign up alone choose among the house programs.")
    athlete.change_settings(unit=unit, time_zone=time_zone)
    return Assignment.objects.create(
        athlete=athlete,
        program=program,
        coach=coach,
        weekday_one=weekday_one,
        weekday_two=weekday_two,
        start_date=start_date,
    )


def _end_for_switch(assignment: Assignment, *, today: dt.date) -> dt.date:
    """End the assignment before today, or as soon as its trained sessions allow; the
    first day the next assignment may start."""
    if assignment.start_date < today:
        assignment.end_date = today - dt.timedelta(days=1)
        assignment.save(update_fields=["end_date"])
        return today
    trained = Session.objects.filter(
        assignment=assignment, prescriptions__set_logs__isnull=False
    ).aggregate(last=Max("date"))["last"]
    if trained is None:
        # Not started: nothing to keep. Its sessions go first (they restrict the delete).
        Session.objects.filter(assignment=assignment).delete()
        assignment.delete()
        return today
    assignment.end_date = trained
    assignment.save(update_fields=["end_date"])
    return trained + dt.timedelta(days=1)


@transaction.atomic
def join_coach(*, athlete: User, token: str, now: dt.datetime) -> Assignment:
    """An athlete already training accepts an invitation: the current assignment ends,
    the invitation's starts today on the athlete's weekdays."""
    invitation = claim_invitation(token=token, athlete=athlete, now=now)
    today = athlete_today(athlete, now=now)
    current = Assignment.objects.select_for_update().open().filter(athlete=athlete).first()
    weekdays = (Weekday.MONDAY, Weekday.THURSDAY)
    start = today
    if current is not None:
        weekdays = (current.weekday_one, current.weekday_two)
        start = _end_for_switch(current, today=today)
    assignment = Assignment.objects.create(
        athlete=athlete,
        program=invitation.program,
        coach=invitation.coach,
        weekday_one=weekdays[0],
        weekday_two=weekdays[1],
        start_date=start,
    )
    regenerate_from(athlete=athlete, today=today)
    return assignment
